import { port, requiredString, optionalString } from '@azg/core';

export const DEFAULT_PORT = 4001;

export interface ProjectsConfig {
  databaseUrl: string;
  port: number;
  host: string;
}

/** Reads the environment; fails at start-up naming what is missing. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ProjectsConfig {
  return {
    databaseUrl: requiredString('DATABASE_URL', env),
    port: port('PORT', DEFAULT_PORT, env),
    host: optionalString('HOST', env) ?? '127.0.0.1',
  };
}
