import type http from 'node:http';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { integer } from '../config/env';
import { RequestDatabase } from '../database/request-database';
import { ErrorCode } from '../errors/errors';
import type { Identity } from '../identity/identity';
import type { Logger } from '../observability/logger';
import type { SubgraphName } from '../registry/subgraphs';
import type { HttpRoute } from '../server/http-server';
import { CHANGES_PATH, SNAPSHOT_PATH } from './change-event';
import { ChangesPrunedError, pruneChanges, readChanges, readSnapshot } from './change-feed';
import { ChangeNotifier } from './change-notifier';

/** Most events one answer carries. */
export const MAX_CHANGES_LIMIT = 1_000;
/** Longest a long poll waits for a commit (further capped by the server's request timeout). */
export const MAX_CHANGES_WAIT_MS = 25_000;
/** Most rows one snapshot page carries. */
export const MAX_SNAPSHOT_LIMIT = 5_000;
/** Time a long poll leaves itself before the HTTP front's deadline cuts the request off. */
const DEADLINE_MARGIN_MS = 1_000;
const MAX_POSITION = 2n ** 63n - 1n;
const POSITION = /^(0|[1-9][0-9]{0,18})$/;
const ENTITY = /^[A-Z][A-Za-z0-9]{0,99}$/;
const MAX_ID_LENGTH = 200;

/** A feed request refused: its HTTP status and `extensions.code`. */
export class FeedRequestError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

function badParameter(message: string): FeedRequestError {
  return new FeedRequestError(400, ErrorCode.BadUserInput, message);
}

/** The query's parameters, refusing any it does not know and any given twice. */
function parametersOf(search: URLSearchParams, known: readonly string[]): Map<string, string> {
  const parameters = new Map<string, string>();
  for (const [name, value] of search) {
    if (!known.includes(name)) throw badParameter(`Unknown parameter "${name}": expected ${known.join(', ')}`);
    if (parameters.has(name)) throw badParameter(`Parameter "${name}" is given twice`);
    parameters.set(name, value);
  }
  return parameters;
}

function integerParameter(parameters: Map<string, string>, name: string, fallback: number, min: number, max: number): number {
  const text = parameters.get(name);
  if (text === undefined) return fallback;
  if (!/^[0-9]{1,9}$/.test(text) || Number(text) < min || Number(text) > max) {
    throw badParameter(`"${name}" must be an integer from ${min} to ${max}, got "${text.slice(0, 40)}"`);
  }
  return Number(text);
}

export interface ChangesQuery {
  /** The last position the caller has: events after it are answered. */
  after: string;
  limit: number;
  /** How long to wait for a commit when there is nothing after `after`. */
  waitMs: number;
}

/**
 * `GET /changes?after=<position>&limit=<0..1000>&wait=<0..25000 ms>`'s parameters; `after`
 * defaults to 0. `limit=0` asks for the head alone (what a rebuild notes before reading rows),
 * which is answered whatever retention deleted.
 */
export function parseChangesQuery(search: URLSearchParams): ChangesQuery {
  const parameters = parametersOf(search, ['after', 'limit', 'wait']);
  const after = parameters.get('after') ?? '0';
  if (!POSITION.test(after) || BigInt(after) > MAX_POSITION) throw badParameter(`"after" must be a position: a non-negative 64-bit integer, got "${after.slice(0, 40)}"`);
  return {
    after,
    limit: integerParameter(parameters, 'limit', MAX_CHANGES_LIMIT, 0, MAX_CHANGES_LIMIT),
    waitMs: integerParameter(parameters, 'wait', 0, 0, MAX_CHANGES_WAIT_MS),
  };
}

export interface SnapshotQuery {
  entity: string;
  /** The last id the caller has ('' for the first page). */
  after: string;
  limit: number;
}

/** `GET /changes/snapshot?entity=<Entity>&after=<id>&limit=<1..5000>`'s parameters. */
export function parseSnapshotQuery(search: URLSearchParams): SnapshotQuery {
  const parameters = parametersOf(search, ['entity', 'after', 'limit']);
  const entity = parameters.get('entity');
  if (entity === undefined || !ENTITY.test(entity)) throw badParameter('"entity" must name a published entity, e.g. entity=Company');
  const after = parameters.get('after') ?? '';
  if (after.length > MAX_ID_LENGTH) throw badParameter(`"after" must be an id of at most ${MAX_ID_LENGTH} characters`);
  return { entity, after, limit: integerParameter(parameters, 'limit', 1_000, 1, MAX_SNAPSHOT_LIMIT) };
}

/** The JSON error body every refusal of the feed carries, shaped as the GraphQL front's. */
export function feedErrorBody(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}

export interface ChangeFeedOptions {
  source: SubgraphName;
  /** The schema whose outbox is served (the subgraph's own). */
  schema: string;
  dataSource: DataSource;
  /** The subgraph's identify: refuses (throws) a request without a valid signature. */
  identify(request: http.IncomingMessage): { identity: Identity } | Promise<{ identity: Identity }>;
  /** The HTTP front's request timeout: a long poll answers before it. */
  requestTimeoutMs: number;
  /** How long events are kept (see `pruneChanges`). */
  retentionMs: number;
  logger: Logger;
}

/**
 * CHANGE_RETENTION_HOURS: how long a subgraph keeps the events of its change feed (168, a week,
 * by default), in milliseconds; a consumer away for longer rebuilds from a snapshot.
 */
export function readChangeRetentionMs(env: Record<string, string | undefined> = process.env): number {
  return integer('CHANGE_RETENTION_HOURS', 168, env, [1, 87_600]) * 3_600_000;
}

/** How often a feed deletes the events older than its retention. */
const PRUNE_EVERY_MS = 10 * 60_000;
/** The code of the 410 a reader gets when events it asked for were pruned: it must rebuild. */
export const CHANGES_PRUNED = 'CHANGES_PRUNED';

/** The feed's routes on a subgraph's HTTP front, and how to release its waiting long polls. */
export interface ChangeFeed {
  route: HttpRoute;
  /** Ends every long poll (they answer with what they have) and closes the LISTEN connection. */
  close(): Promise<void>;
}

/**
 * Who may read the feed: only the graph's own processes, which sign as an `internal` identity
 * (a consumer signs as `service:<its name>`). A client's request, even one the gateway signed
 * for a known caller, is refused: the feed is no part of the public graph.
 */
async function authorize(options: ChangeFeedOptions, request: http.IncomingMessage): Promise<void> {
  let identity: Identity;
  try {
    ({ identity } = await options.identify(request));
  } catch (error) {
    const http = error instanceof GraphQLError ? (error.extensions.http as { status?: number } | undefined) : undefined;
    const code = error instanceof GraphQLError ? String(error.extensions.code ?? ErrorCode.Unauthenticated) : ErrorCode.Unauthenticated;
    throw new FeedRequestError(http?.status ?? 401, code, 'The change feed answers only requests signed by the graph\'s own services');
  }
  if (identity.source !== 'internal') {
    throw new FeedRequestError(401, ErrorCode.Unauthenticated, 'The change feed answers only requests signed by the graph\'s own services');
  }
}

function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  response.end(text);
}

/**
 * The change feed of one subgraph, served by its own HTTP front (no process of its own):
 * `/changes` (events after a position, long-polling when there are none) and
 * `/changes/snapshot` (an entity's current rows, for a rebuild). See docs/change-stream.md.
 */
export function createChangeFeed(options: ChangeFeedOptions): ChangeFeed {
  const db = new RequestDatabase(options.dataSource);
  let notifier: ChangeNotifier | null = null;
  let closed = false;
  /** Listens from the first long poll on, so a process nobody follows opens no extra connection. */
  const listening = async (): Promise<ChangeNotifier> => {
    if (notifier === null) {
      const url = (options.dataSource.options as { url?: string }).url;
      if (url === undefined) throw new Error('the change feed needs the data source\'s URL to LISTEN');
      notifier = new ChangeNotifier(url, options.schema, options.logger);
      await notifier.start();
    }
    return notifier;
  };

  const prune = async () => {
    try {
      const deleted = await pruneChanges(db, options.schema, options.retentionMs);
      if (deleted > 0) options.logger.info({ deleted, retentionMs: options.retentionMs }, 'deleted change feed events past their retention');
    } catch (error) {
      options.logger.warn({ err: error }, 'could not delete change feed events past their retention; trying again later');
    }
  };
  // Every replica prunes; the deletes are idempotent, and the timer never keeps a stopping process up.
  const pruning = setInterval(() => void prune(), PRUNE_EVERY_MS).unref();
  void prune();

  const changes = async (search: URLSearchParams): Promise<unknown> => {
    const query = parseChangesQuery(search);
    const deadline = Date.now() + Math.min(query.waitMs, options.requestTimeoutMs - DEADLINE_MARGIN_MS);
    const wakes = query.waitMs > 0 && !closed ? await listening() : null;
    for (;;) {
      const generation = wakes?.generation ?? 0;
      let page: Awaited<ReturnType<typeof readChanges>>;
      try {
        page = await readChanges(db, options.source, options.schema, query.after, query.limit);
      } catch (error) {
        if (error instanceof ChangesPrunedError) throw new FeedRequestError(410, CHANGES_PRUNED, error.message);
        throw error;
      }
      const left = deadline - Date.now();
      if (page.events.length > 0 || query.limit === 0 || wakes === null || left <= 0 || closed) return page;
      await wakes.changedSince(generation, left);
    }
  };

  const snapshot = async (search: URLSearchParams): Promise<unknown> => {
    const query = parseSnapshotQuery(search);
    const page = await readSnapshot(db, options.source, options.schema, query.entity, query.after, query.limit);
    if (page === null) throw new FeedRequestError(400, ErrorCode.BadUserInput, `${options.source} publishes no entity "${query.entity}"`);
    return page;
  };

  const route: HttpRoute = async (request, response, url) => {
    const answer = url.pathname === CHANGES_PATH ? changes : url.pathname === SNAPSHOT_PATH ? snapshot : null;
    if (answer === null) return false;
    try {
      if ((request.method ?? 'GET').toUpperCase() !== 'GET') throw new FeedRequestError(405, 'METHOD_NOT_ALLOWED', `${url.pathname} answers GET only`);
      await authorize(options, request);
      sendJson(response, 200, await answer(url.searchParams));
    } catch (error) {
      if (!(error instanceof FeedRequestError)) throw error;
      sendJson(response, error.status, feedErrorBody(error.message, error.code));
    }
    return true;
  };

  return {
    route,
    async close() {
      closed = true;
      clearInterval(pruning);
      await notifier?.close();
    },
  };
}
