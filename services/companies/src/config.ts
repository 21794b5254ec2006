import { optionalString, port, requiredString } from '@azg/core';

/** The port the checked-in supergraph expects the companies subgraph on. */
export const DEFAULT_PORT = 4002;

export interface CompaniesConfig {
  /** postgres:// URL of the database holding the `companies` schema. */
  databaseUrl: string;
  port: number;
  host: string;
}

/** Reads the service's settings from the environment; throws a ConfigError naming the variable at fault. */
export function readConfig(env: Record<string, string | undefined> = process.env): CompaniesConfig {
  return {
    databaseUrl: requiredString('DATABASE_URL', env),
    port: port('PORT', DEFAULT_PORT, env),
    host: optionalString('HOST', env) ?? '127.0.0.1',
  };
}
