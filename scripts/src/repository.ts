import path from 'node:path';
import { SUBGRAPH_NAMES, type SubgraphName } from '@azg/gateway/dist/config';

/** The repository root: `scripts/src` under ts-jest, `scripts/dist` when compiled; both sit two levels down. */
export const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..');

/** The services, in the order they are prepared and started; the gateway's list, so the two cannot drift. */
export const SERVICE_NAMES: readonly SubgraphName[] = SUBGRAPH_NAMES;
export type ServiceName = SubgraphName;

/** The ports the checked-in supergraph points at; `npm start` uses them unless told otherwise. */
export const DEFAULT_PORTS: Readonly<Record<ServiceName | 'gateway', number>> = {
  gateway: 4000,
  projects: 4001,
  companies: 4002,
  land: 4003,
  workforce: 4004,
};

/** Where the embedded PostgreSQL of `npm start` keeps its cluster between runs. */
export const EMBEDDED_DATA_DIR = path.join(REPOSITORY_ROOT, '.data', 'postgres');
export const EMBEDDED_DEFAULT_PORT = 54329;

export const SCHEMA_DIR = path.join(REPOSITORY_ROOT, 'schema');
export const SUPERGRAPH_PATH = path.join(SCHEMA_DIR, 'supergraph.graphql');
/** The client-facing schema (no federation internals), for frontend code generation. */
export const API_SCHEMA_PATH = path.join(SCHEMA_DIR, 'api.graphql');

/** The compiled entry point of a service: it listens on PORT with DATABASE_URL. */
export function serviceEntryPoint(name: ServiceName): string {
  return path.join(REPOSITORY_ROOT, 'services', name, 'dist', 'index.js');
}

/** The compiled module a service exports its contract from (see `service-contract.ts`). */
export function serviceModulePath(name: ServiceName): string {
  return path.join(REPOSITORY_ROOT, 'services', name, 'dist', 'service.js');
}

export const GATEWAY_ENTRY_POINT = path.join(REPOSITORY_ROOT, 'gateway', 'dist', 'index.js');

/** A compiled script of this project, e.g. `database.js`. */
export function scriptPath(file: string): string {
  return path.join(REPOSITORY_ROOT, 'scripts', 'dist', file);
}

/** The URL a service is reached at on this machine. */
export function localUrl(port: number): string {
  return `http://127.0.0.1:${port}/`;
}
