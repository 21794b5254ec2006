import { ConfigError, integer, optionalString, requiredString } from '@azg/core/config';
import { identitySecret, publicReadEnabled } from '@azg/core/identity';
import { MIN_JWT_SECRET_LENGTH, type JwtSettings } from './jwt';

/** How the gateway authenticates callers and vouches for them to the subgraphs. */
export interface AccessConfig {
  /** AZG_IDENTITY_SECRET: signs the identity header every subgraph checks. Required, no default. */
  identitySecret: string;
  /** AZG_JWT_SECRET and friends: bearer JWTs are accepted only when it is set. */
  jwt: JwtSettings | null;
  /** AZG_PUBLIC_READ (true): whether a caller with no credentials may read. */
  publicRead: boolean;
  /** DATABASE_URL: where the `access` schema (API keys, audit log) lives. */
  databaseUrl: string;
  /** AZG_API_KEY_CACHE_TTL_MS (30 000): how long a verified key is trusted before it is read again. */
  apiKeyCacheTtlMs: number;
}

/** Reads the access settings; a missing or malformed one fails at start-up, naming the variable. */
export function readAccessConfig(env: Record<string, string | undefined> = process.env): AccessConfig {
  const jwtSecret = optionalString('AZG_JWT_SECRET', env);
  if (jwtSecret !== undefined && jwtSecret.length < MIN_JWT_SECRET_LENGTH) {
    throw new ConfigError(`AZG_JWT_SECRET must be at least ${MIN_JWT_SECRET_LENGTH} characters, got ${jwtSecret.length}`);
  }
  const issuer = optionalString('AZG_JWT_ISSUER', env);
  const audience = optionalString('AZG_JWT_AUDIENCE', env);
  if (jwtSecret === undefined && (issuer !== undefined || audience !== undefined)) {
    throw new ConfigError('AZG_JWT_ISSUER and AZG_JWT_AUDIENCE need AZG_JWT_SECRET: without it no bearer token is accepted');
  }
  return {
    identitySecret: identitySecret(env),
    jwt: jwtSecret === undefined ? null : { secret: jwtSecret, ...(issuer !== undefined ? { issuer } : {}), ...(audience !== undefined ? { audience } : {}) },
    publicRead: publicReadEnabled(env),
    databaseUrl: requiredString('DATABASE_URL', env),
    apiKeyCacheTtlMs: integer('AZG_API_KEY_CACHE_TTL_MS', 30_000, env, [0, 3_600_000]),
  };
}
