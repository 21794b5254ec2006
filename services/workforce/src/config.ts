import { optionalString, port, requiredString } from '@azg/core';

/** The port the workforce subgraph listens on unless PORT says otherwise. */
export const DEFAULT_PORT = 4004;

/** What the workforce subgraph needs from its environment. */
export interface WorkforceConfig {
  databaseUrl: string;
  port: number;
  host: string;
}

/** Reads the environment; throws a ConfigError naming the variable when one is missing or malformed. */
export function readConfig(env: Record<string, string | undefined> = process.env): WorkforceConfig {
  return {
    databaseUrl: requiredString('DATABASE_URL', env),
    port: port('PORT', DEFAULT_PORT, env),
    host: optionalString('HOST', env) ?? '127.0.0.1',
  };
}
