import path from 'node:path';
import { entryPointOf, GATEWAY, type SubgraphName } from '@azg/core/registry';

/** The repository root: `scripts/src` under ts-jest, `scripts/dist` when compiled; both sit two levels down. */
export const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..');

/**
 * Where the embedded PostgreSQL of `npm start` (and of `npm run keys`, `npm run seed:synthetic`)
 * keeps its cluster between runs: `.data/postgres`, or AZG_EMBEDDED_DATA_DIR, which lets a second
 * copy of the stack (the supervision fault test) run on a cluster of its own.
 */
export const EMBEDDED_DATA_DIR = path.resolve(process.env.AZG_EMBEDDED_DATA_DIR || path.join(REPOSITORY_ROOT, '.data', 'postgres'));
export const EMBEDDED_DEFAULT_PORT = 54329;

export const SCHEMA_DIR = path.join(REPOSITORY_ROOT, 'schema');
export const SUPERGRAPH_PATH = path.join(SCHEMA_DIR, 'supergraph.graphql');
/** The client-facing schema (no federation internals), for frontend code generation. */
export const API_SCHEMA_PATH = path.join(SCHEMA_DIR, 'api.graphql');

/** The file of a subgraph's compiled process (it listens on PORT with DATABASE_URL): the registry's entry point, resolved. */
export function serviceEntryPoint(name: SubgraphName): string {
  return require.resolve(entryPointOf(name));
}

/** The file of the gateway's compiled process. */
export const GATEWAY_ENTRY_POINT = require.resolve(entryPointOf(GATEWAY.name));

/** A compiled script of this project, e.g. `database.js`. */
export function scriptPath(file: string): string {
  return path.join(REPOSITORY_ROOT, 'scripts', 'dist', file);
}
