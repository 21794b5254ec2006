import { NodeProcess, type ProcessExit } from '@azg/scripts/processes';
import { scriptPath } from '@azg/scripts/repository';
import { registerProcess } from './process-registry';

/** Runs a compiled program to its end and returns its exit and output. */
export async function runToEnd(name: string, script: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ exit: ProcessExit; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const child = new NodeProcess({ name, script, args, env, onLine: (line, stream) => (stream === 'stdout' ? out : err).push(line) });
  registerProcess(child);
  const timer = setTimeout(() => void child.stop(), 60_000);
  const exit = await child.exited.finally(() => clearTimeout(timer));
  return { exit, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** `npm run keys -- <args>` against `databaseUrl`. */
export function keys(databaseUrl: string, ...args: string[]) {
  return runToEnd('keys', scriptPath('keys.js'), args, { ...process.env, DATABASE_URL: databaseUrl });
}

/** Creates a key with `npm run keys` and returns it (printed once, on a line of its own). */
export async function createKey(databaseUrl: string, name: string, role: 'partner' | 'editor' | 'admin'): Promise<string> {
  const created = await keys(databaseUrl, 'create', '--name', name, '--role', role);
  if (created.exit.code !== 0) throw new Error(`npm run keys create failed: ${created.stderr}`);
  return /^(azg_\S+)$/m.exec(created.stdout)![1]!;
}

/** The headers that present an API key. */
export const withKey = (key: string) => ({ authorization: `ApiKey ${key}` });
