import path from 'node:path';
import { entryPointOf, GATEWAY, SUBGRAPH_NAMES, SUBGRAPHS, type SubgraphName } from '@azg/core/registry';

/** The repository root: `scripts/src` under ts-jest, `scripts/dist` when compiled; both sit two levels down. */
export const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..');

/** The services, in the order they are prepared and started: the registry's list. */
export const SERVICE_NAMES: readonly SubgraphName[] = SUBGRAPH_NAMES;
export type ServiceName = SubgraphName;

/** The ports the checked-in supergraph points at (the registry's); `npm start` uses them unless told otherwise. */
export const DEFAULT_PORTS: Readonly<Record<ServiceName | 'gateway', number>> = Object.freeze({
  [GATEWAY.name]: GATEWAY.port,
  ...Object.fromEntries(SUBGRAPHS.map((subgraph) => [subgraph.name, subgraph.port])),
} as Record<ServiceName | 'gateway', number>);

/** Where the embedded PostgreSQL of `npm start` keeps its cluster between runs. */
export const EMBEDDED_DATA_DIR = path.join(REPOSITORY_ROOT, '.data', 'postgres');
export const EMBEDDED_DEFAULT_PORT = 54329;

export const SCHEMA_DIR = path.join(REPOSITORY_ROOT, 'schema');
export const SUPERGRAPH_PATH = path.join(SCHEMA_DIR, 'supergraph.graphql');
/** The client-facing schema (no federation internals), for frontend code generation. */
export const API_SCHEMA_PATH = path.join(SCHEMA_DIR, 'api.graphql');

/** The compiled process of a service (it listens on PORT with DATABASE_URL): its package's public `/main` entry point. */
export function serviceEntryPoint(name: ServiceName): string {
  return require.resolve(entryPointOf(name));
}

/** The compiled process of the gateway. */
export const GATEWAY_ENTRY_POINT = require.resolve(entryPointOf(GATEWAY.name));

/** A compiled script of this project, e.g. `database.js`. */
export function scriptPath(file: string): string {
  return path.join(REPOSITORY_ROOT, 'scripts', 'dist', file);
}

export { localUrl } from '@azg/core/registry';
