import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ConfigError, flag, optionalString } from '@azg/core/config';
import { type Identity, isPermitted } from '@azg/core/identity';
import { type DocumentNode, GraphQLError, Kind, parse, print, type OperationDefinitionNode } from 'graphql';

/**
 * The example operations of `schema/operations/`, published as a persisted-operation manifest
 * in Apollo's format (`apollo-persisted-query-manifest`, version 1): each operation's `id` is the
 * SHA-256 of its `body`, the file's text exactly, so an APQ-style client that sends
 * `extensions.persistedQuery.sha256Hash` names it without sending it. With SAFELIST=true the
 * gateway runs only these operations.
 */
export const MANIFEST_FORMAT = 'apollo-persisted-query-manifest';

/** `extensions.code` of a request refused because its operation is not in the manifest. */
export const PERSISTED_QUERY_NOT_ALLOWED = 'PERSISTED_QUERY_NOT_ALLOWED';

export interface PersistedOperation {
  /** SHA-256 of `body`, lower-case hex. */
  id: string;
  /** The operation's name, as the document names it. */
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  /** The document exactly as the `.graphql` file holds it, comments included. */
  body: string;
}

export interface OperationManifest {
  format: typeof MANIFEST_FORMAT;
  version: 1;
  operations: PersistedOperation[];
}

/** The repository root: `gateway/src` under ts-jest, `gateway/dist` when compiled; both sit two levels down. */
const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..');
export const OPERATIONS_DIR = path.join(REPOSITORY_ROOT, 'schema', 'operations');
export const DEFAULT_MANIFEST_PATH = path.join(OPERATIONS_DIR, 'manifest.json');

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The operation a `.graphql` file defines. Each example file holds exactly one named
 * operation (and any fragments it uses), so that its name identifies it in the manifest.
 */
export function persistedOperationOf(fileName: string, body: string): PersistedOperation {
  let operations: OperationDefinitionNode[];
  try {
    operations = parse(body).definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  } catch (error) {
    throw new Error(`${fileName} is not a GraphQL document: ${(error as Error).message}`);
  }
  if (operations.length !== 1) throw new Error(`${fileName} must define exactly one operation, found ${operations.length}`);
  const [operation] = operations as [OperationDefinitionNode];
  if (!operation.name) throw new Error(`${fileName}: the operation must be named`);
  return { id: sha256(body), name: operation.name.value, type: operation.operation, body };
}

/** Builds the manifest from `.graphql` files (name and text), ordered by operation name. */
export function buildOperationManifest(files: Array<{ fileName: string; body: string }>): OperationManifest {
  const operations = files.map(({ fileName, body }) => persistedOperationOf(fileName, body));
  const seen = new Map<string, string>();
  for (const [index, operation] of operations.entries()) {
    const other = seen.get(operation.name);
    if (other) throw new Error(`two files define the operation ${operation.name}: ${other} and ${files[index]!.fileName}`);
    seen.set(operation.name, files[index]!.fileName);
  }
  operations.sort((a, b) => a.name.localeCompare(b.name));
  return { format: MANIFEST_FORMAT, version: 1, operations };
}

/** The manifest as `npm run operations` writes it: two-space JSON and a final newline. */
export function printOperationManifest(manifest: OperationManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Reads and checks a manifest file; each operation's id must be the SHA-256 of its body. */
export function readOperationManifest(file: string): OperationManifest {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read the operation manifest ${file}: ${(error as Error).message}`);
  }
  return parseOperationManifest(text, file);
}

/** Checks a manifest's text (from a file, or as published to Redis), `where` naming it in errors. */
export function parseOperationManifest(text: string, where: string): OperationManifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`cannot read the operation manifest ${where}: ${(error as Error).message}`);
  }
  const manifest = parsed as Partial<OperationManifest> | null;
  if (manifest?.format !== MANIFEST_FORMAT || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
    throw new ConfigError(`${where} is not an ${MANIFEST_FORMAT} version 1`);
  }
  for (const operation of manifest.operations) {
    if (typeof operation?.body !== 'string' || operation.id !== sha256(operation.body)) {
      throw new ConfigError(`${where}: operation ${String(operation?.name)} has an id that is not the SHA-256 of its body (run npm run operations)`);
    }
  }
  return manifest as OperationManifest;
}

/** The same operation however it is spaced or commented: the printed AST, or null if it does not parse. */
function canonicalForm(text: string): string | null {
  try {
    return print(parse(text, { noLocation: true }));
  } catch {
    return null;
  }
}

export interface PersistedOperationsConfig {
  /** Where the manifest is read from. */
  manifestPath: string;
  /** Run only the manifest's operations (SAFELIST=true). */
  safelist: boolean;
  /**
   * `file` (the default): the manifest file, read at start. `redis`: the manifest last published
   * to the shared Redis (`npm run operations -- publish`), followed as it is republished; the
   * file while none is published or Redis does not answer at start (see shared-state/published-manifest.ts).
   */
  source?: 'file' | 'redis';
}

/** SAFELIST (default false), OPERATION_MANIFEST_PATH (default `schema/operations/manifest.json`) and OPERATION_MANIFEST_SOURCE (default `file`). */
export function readPersistedOperationsConfig(env: Record<string, string | undefined> = process.env): PersistedOperationsConfig {
  const source = optionalString('OPERATION_MANIFEST_SOURCE', env) ?? 'file';
  if (source !== 'file' && source !== 'redis') throw new ConfigError(`OPERATION_MANIFEST_SOURCE must be file or redis, got "${source}"`);
  if (source === 'redis' && optionalString('REDIS_URL', env) === undefined) throw new ConfigError('OPERATION_MANIFEST_SOURCE=redis needs REDIS_URL');
  return {
    manifestPath: path.resolve(optionalString('OPERATION_MANIFEST_PATH', env) ?? DEFAULT_MANIFEST_PATH),
    safelist: flag('SAFELIST', false, env),
    source,
  };
}

/** The manifest in force now: fixed (a file read at start), or followed as it is republished. */
export type ManifestSource = () => OperationManifest;

/**
 * The manifest the gateway serves: required in safelist mode (a gateway that would refuse
 * everything must not start), optional otherwise (the playground then has no examples).
 */
export function loadManifestFor(config: PersistedOperationsConfig): OperationManifest | null {
  if (existsSync(config.manifestPath)) return readOperationManifest(config.manifestPath);
  if (config.safelist) throw new ConfigError(`SAFELIST is on but the operation manifest ${config.manifestPath} does not exist`);
  return null;
}

/** The refusal's words, whichever manifest is in force (the file's, or one published to Redis). */
const NOT_IN_MANIFEST = 'This gateway runs only its persisted operations (its operation manifest), and this is not one of them';

function notAllowed(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: PERSISTED_QUERY_NOT_ALLOWED, http: { status: 400 } } });
}

/**
 * What a refused request is replaced with. Apollo answers an error thrown before
 * `didResolveOperation` with a bare 500, so a refused request runs on as this trivial query
 * (never parsed from the client's text, never validated against the schema, so a refused
 * client learns nothing of it) and is stopped in `didResolveOperation`, whose errors Apollo
 * sends as they are, HTTP status included.
 */
const REFUSED_PLACEHOLDER = '{ __typename }';

/**
 * Whether the request's caller reads by a right of its own (an API key's or a token's role that
 * PERMISSIONS lets read), not only through public reading, from the gateway's context.
 */
function readsByOwnRight(context: unknown): boolean {
  const identity = (context as { identity?: Identity } | undefined)?.identity;
  return identity !== undefined && isPermitted(identity, 'read');
}

interface CompiledManifest {
  byId: ReadonlyMap<string, PersistedOperation>;
  /** Whether an operation text is one of the manifest's: by hash, or by printed form (whitespace and comments aside). */
  allowed(text: string): boolean;
}

/** Each manifest's lookups, made once however many requests it judges (a republished one gets its own). */
const compiled = new WeakMap<OperationManifest, CompiledManifest>();

function compile(manifest: OperationManifest): CompiledManifest {
  let done = compiled.get(manifest);
  if (done) return done;
  const byId = new Map(manifest.operations.map((operation) => [operation.id, operation]));
  const canonical = new Set(manifest.operations.map((operation) => canonicalForm(operation.body)));
  done = {
    byId,
    allowed(text) {
      if (byId.has(sha256(text))) return true;
      const form = canonicalForm(text);
      return form !== null && canonical.has(form);
    },
  };
  compiled.set(manifest, done);
  return done;
}

function sourceOf(manifest: OperationManifest | ManifestSource): ManifestSource {
  return typeof manifest === 'function' ? manifest : () => manifest;
}

/**
 * An operation the gateway made itself from one it already admitted (a subscription event's
 * record, read through the graph): the safelist judged the subscription, not these.
 */
function isDerived(context: unknown): boolean {
  return (context as { derived?: unknown } | undefined)?.derived === true;
}

/**
 * The safelist's judgement of an operation that does not pass through Apollo Server (a
 * subscription over WebSocket or server-sent events): the same refusal, or null.
 */
export function safelistRefusal(manifest: OperationManifest | ManifestSource): (document: DocumentNode, identity: Identity) => GraphQLError | null {
  const current = sourceOf(manifest);
  return (document, identity) => (isPermitted(identity, 'read') || compile(current()).allowed(print(document))
    ? null
    : notAllowed(NOT_IN_MANIFEST));
}

/**
 * Lets clients name a manifest operation by its hash alone, APQ style
 * (`extensions.persistedQuery.sha256Hash` without `query`), and, when `safelist` is on, refuses
 * every operation of an anonymous caller that is not in the manifest, by hash or by text, with
 * HTTP 400 and `PERSISTED_QUERY_NOT_ALLOWED` (callers with an API key or a token are not bound). Text is compared by its printed AST, so whitespace and
 * comments do not matter; anything else does. `manifest` may be a source that changes (a
 * manifest published to Redis): each request is judged by the one in force when it starts.
 */
export function persistedOperationsPlugin<Context extends BaseContext>(
  manifest: OperationManifest | ManifestSource,
  options: { safelist: boolean },
): ApolloServerPlugin<Context> {
  const current = sourceOf(manifest);
  return {
    async requestDidStart({ request, contextValue }) {
      // One manifest judges the whole request, even if another is published meanwhile.
      const { byId, allowed } = compile(current());
      const hash = (request.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash;
      if (request.query === undefined && typeof hash === 'string') {
        request.query = byId.get(hash)?.body;
        // The manifest's id is the sha256 of its body, so the text is the hash's by construction;
        // the extension goes, since Apollo's own automatic persisted queries are off (core).
        if (request.query !== undefined && request.extensions) delete request.extensions.persistedQuery;
      }
      if (!options.safelist) return;
      if (request.query !== undefined && allowed(request.query)) return;
      // The safelist guards the public, anonymous graph; a caller holding a key an admin issued
      // (partners' own queries, editors' writes) may send any operation its role allows.
      if (readsByOwnRight(contextValue) || isDerived(contextValue)) return;
      const reason = request.query === undefined
        ? 'This gateway runs only its persisted operations, and none has this hash'
        : NOT_IN_MANIFEST;
      request.query = REFUSED_PLACEHOLDER;
      request.operationName = undefined;
      request.variables = {};
      if (request.extensions) delete request.extensions.persistedQuery;
      return {
        async didResolveOperation() {
          throw notAllowed(reason);
        },
      };
    },
  };
}
