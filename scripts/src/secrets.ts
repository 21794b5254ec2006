import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isProduction } from '@azg/core/config';
import { REPOSITORY_ROOT } from './repository';

/** Where `npm start` keeps the secrets it generated on a first run (git-ignored, like all of `.data/`). */
export const SECRETS_FILE = path.join(REPOSITORY_ROOT, '.data', 'secrets.json');

/**
 * The secrets every process of a run needs: AZG_IDENTITY_SECRET (the gateway signs each caller's
 * identity with it; every subgraph checks it) and CURSOR_SECRET (the subgraphs sign their list
 * cursors with it; one for all, so a cursor survives a restart).
 */
export const SECRET_NAMES = ['AZG_IDENTITY_SECRET', 'CURSOR_SECRET'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

export interface RunSecrets {
  values: Partial<Record<SecretName, string>>;
  /** The names this call generated (and wrote to the file). */
  generated: SecretName[];
}

/**
 * The secrets for a local run: each from the environment when set there, else from `file`,
 * else generated (32 random bytes, hex) and written to `file` with mode 0600, so the next run
 * uses the same ones. In production nothing is generated: a production deployment sets its
 * secrets, and its processes refuse to start without them.
 */
export function localRunSecrets(env: Record<string, string | undefined> = process.env, file = SECRETS_FILE): RunSecrets {
  if (isProduction(env)) {
    return { values: Object.fromEntries(SECRET_NAMES.flatMap((name) => (env[name] ? [[name, env[name]]] : []))), generated: [] };
  }
  const stored = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) as Partial<Record<SecretName, string>> : {};
  const generated: SecretName[] = [];
  for (const name of SECRET_NAMES) {
    if (typeof stored[name] !== 'string' || stored[name]!.length < 32) {
      stored[name] = randomBytes(32).toString('hex');
      generated.push(name);
    }
  }
  if (generated.length > 0) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
    // writeFileSync's mode applies only to a new file.
    chmodSync(file, 0o600);
  }
  const values = Object.fromEntries(SECRET_NAMES.map((name) => [name, env[name] || stored[name]!])) as Record<SecretName, string>;
  return { values, generated };
}
