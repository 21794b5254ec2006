import { optionalString, port, requiredString } from '../config/env';

/** What a subgraph process reads of its own from the environment (the rest is shared settings). */
export interface SubgraphConfig {
  /** DATABASE_URL: the postgres:// URL of the database holding the subgraph's schema. */
  databaseUrl: string;
  /** PORT, by default the registry's port for the subgraph. */
  port: number;
  /** HOST, by default 127.0.0.1. */
  host: string;
}

/** Reads a subgraph's settings; throws a ConfigError naming the variable when one is missing or malformed. */
export function readSubgraphConfig(defaultPort: number, env: Record<string, string | undefined> = process.env): SubgraphConfig {
  return {
    databaseUrl: requiredString('DATABASE_URL', env),
    port: port('PORT', defaultPort, env),
    host: optionalString('HOST', env) ?? '127.0.0.1',
  };
}
