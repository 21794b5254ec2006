import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { ACCESS_SUBGRAPH, ACCESS_SUBGRAPH_URL, printAccessSdl } from '@azg/gateway/access';
import { printApiSchema } from '@azg/gateway/api-schema';
import { localUrl, SUBGRAPH_NAMES, subgraphEntry, type SubgraphName } from '@azg/core/registry';
import { dockerFiles } from './docker-config';
import { KUBERNETES_DIR, kubernetesFiles } from './kubernetes';
import { API_SCHEMA_PATH, REPOSITORY_ROOT, SCHEMA_DIR, SUPERGRAPH_PATH } from './repository';
import { runServiceTask } from './service-task';

/**
 * `npm run schema`: prints every subgraph's SDL into `schema/<name>.graphql`, composes them into
 * `schema/supergraph.graphql` (the file the gateway serves) and `schema/api.graphql` (the schema
 * clients see), and fails on a composition error. It also rewrites the parts of `docker/` that
 * name subgraphs and ports from the registry (see docker-config.ts), and renders the Kubernetes
 * manifests of `deploy/kubernetes/` from it (kubernetes.ts).
 * With `--check` it writes nothing and exits 1 when a checked-in file differs from what the
 * code and the registry produce.
 */
export interface Subgraph {
  /** A service's name, or `access`: the subgraph the gateway answers in its own process. */
  name: SubgraphName | typeof ACCESS_SUBGRAPH;
  /** Where the checked-in supergraph says the subgraph listens: its default port on this machine (a placeholder for access). */
  url: string;
  sdl: string;
}

export interface Composition {
  supergraphSdl: string;
  /** Composition's hints: not errors, but each says something composition had to reconcile. */
  hints: CompositionHintLine[];
}

export interface CompositionHintLine {
  code: string;
  /** The schema element the hint is about, e.g. `Project.id`, when composition names one. */
  coordinate: string | undefined;
  message: string;
}

export class CompositionError extends Error {
  override name = 'CompositionError';
}

/**
 * Every service's SDL, each printed by the service's own code in a process of its own, then the
 * gateway's in-process access subgraph (API keys), printed here: this process builds no other
 * type-graphql schema.
 */
export async function printSubgraphs(): Promise<Subgraph[]> {
  const services = await Promise.all(SUBGRAPH_NAMES.map(async (name): Promise<Subgraph> => {
    const { defaultPort, sdl } = await runServiceTask('sdl', name);
    const { port } = subgraphEntry(name);
    if (defaultPort !== port) {
      throw new CompositionError(`${name} says its default port is ${defaultPort}, but the registry puts it on ${port}`);
    }
    return { name, url: localUrl(defaultPort), sdl };
  }));
  return [...services, { name: ACCESS_SUBGRAPH, url: ACCESS_SUBGRAPH_URL, sdl: await printAccessSdl() }];
}

/** Composes the subgraphs; throws a `CompositionError` listing every composition error. */
export function composeSupergraph(subgraphs: Subgraph[]): Composition {
  const result = composeServices(subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (result.errors) {
    const lines = result.errors.map((error) => `  [${String(error.extensions.code ?? 'ERROR')}] ${error.message}`);
    throw new CompositionError(`composition failed with ${result.errors.length} error(s):\n${lines.join('\n')}`);
  }
  return {
    supergraphSdl: result.supergraphSdl,
    hints: result.hints.map((hint) => ({ code: hint.definition.code, coordinate: hint.coordinate, message: hint.message })),
  };
}

function withFinalNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** The files `schema/` should hold, by absolute path. */
export function schemaFiles(subgraphs: Subgraph[], composition: Composition): Map<string, string> {
  const files = new Map<string, string>();
  for (const { name, sdl } of subgraphs) files.set(path.join(SCHEMA_DIR, `${name}.graphql`), withFinalNewline(sdl));
  files.set(SUPERGRAPH_PATH, withFinalNewline(composition.supergraphSdl));
  // The client-facing schema, without federation's machinery: what frontend code generation reads.
  files.set(API_SCHEMA_PATH, printApiSchema(composition.supergraphSdl));
  return files;
}

/** Re-exported so that tests reach them through this package's public `./compose` entry point. */
export { dockerFiles } from './docker-config';
export { FOLLOWS, IMAGE, KUBERNETES_DIR, kubernetesFiles, PRE_STOP_SECONDS, SECRET_KEYS, SECRET_NAME, SHUTDOWN_GRACE_MS, subgraphClients } from './kubernetes';

export function writeSchemaFiles(files: Map<string, string>): void {
  for (const directory of [SCHEMA_DIR, KUBERNETES_DIR]) mkdirSync(directory, { recursive: true });
  for (const [file, text] of files) writeFileSync(file, text);
}

/** The files (relative to the repository) that are missing or differ from `files`. */
export function staleSchemaFiles(files: Map<string, string>): string[] {
  return [...files]
    .filter(([file, text]) => !existsSync(file) || readFileSync(file, 'utf8') !== text)
    .map(([file]) => path.relative(REPOSITORY_ROOT, file));
}

async function main(check: boolean): Promise<number> {
  const subgraphs = await printSubgraphs();
  const composition = composeSupergraph(subgraphs);
  for (const hint of composition.hints) process.stderr.write(`hint [${hint.code}] ${hint.message}\n`);
  const files = new Map([...schemaFiles(subgraphs, composition), ...dockerFiles(), ...kubernetesFiles()]);
  if (check) {
    const stale = staleSchemaFiles(files);
    if (stale.length === 0) {
      process.stdout.write('schema/, docker/ and deploy/kubernetes/ are up to date\n');
      return 0;
    }
    process.stderr.write(`out of date (run npm run schema): ${stale.join(', ')}\n`);
    return 1;
  }
  writeSchemaFiles(files);
  process.stdout.write(`wrote ${[...files.keys()].map((file) => path.relative(REPOSITORY_ROOT, file)).join(', ')}\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.includes('--check')).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}
