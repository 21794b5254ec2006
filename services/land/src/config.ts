import { optionalString, port, requiredString } from '@azg/core';

/** The land subgraph's port when PORT is not set. */
export const DEFAULT_PORT = 4003;

export interface LandConfig {
  databaseUrl: string;
  port: number;
  host: string;
}

/** Reads the land subgraph's settings; throws a ConfigError naming the variable when one is missing or malformed. */
export function readConfig(env: Record<string, string | undefined> = process.env): LandConfig {
  return {
    databaseUrl: requiredString('DATABASE_URL', env),
    port: port('PORT', DEFAULT_PORT, env),
    host: optionalString('HOST', env) ?? '127.0.0.1',
  };
}
