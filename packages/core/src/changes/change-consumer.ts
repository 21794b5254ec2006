import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Gauge, Histogram } from 'prom-client';
import type { DataSource } from 'typeorm';
import { RequestDatabase, type SqlRunner } from '../database/request-database';
import { plainIdentifier } from '../database/sql-identifier';
import { IDENTITY_HEADER, signIdentity, type SignedRequest } from '../identity/signed-identity';
import type { Identity } from '../identity/identity';
import type { Logger } from '../observability/logger';
import type { ServiceMetrics } from '../observability/metrics';
import { localUrl, subgraphEntry, type SubgraphName } from '../registry/subgraphs';
import { subgraphUrlVariable } from '../registry/subgraph-url-variable';
import { CHANGES_PATH, SNAPSHOT_PATH, type ChangeEvent, type ChangePage, type SnapshotPage } from './change-event';
import { changeLockKey } from './change-migrations';
import { CHANGES_PRUNED, MAX_CHANGES_LIMIT, MAX_CHANGES_WAIT_MS, MAX_SNAPSHOT_LIMIT } from './change-routes';

/** What a consumer does with one source's events; it keeps its effects in its own schema. */
export interface ChangeHandler {
  /** Whose stream. */
  source: SubgraphName;
  /** Which entities it wants (others are skipped, the checkpoint still advances). */
  entities: readonly string[];
  /** Applies a batch, in order, inside the consumer's transaction (db runs in it). Must be idempotent per event. */
  apply(db: SqlRunner, events: readonly ChangeEvent[]): Promise<void>;
  /** Forgets everything it holds from this source (first step of a rebuild), in the same transaction. */
  reset(db: SqlRunner): Promise<void>;
  /**
   * Compares what it holds with the source's current rows (`snapshot(entity)`, page by page) and
   * with itself (anything it derives), and describes each difference, one line each; none when
   * the read model agrees. For `read-model check`.
   */
  verify?(db: SqlRunner, snapshot: (entity: string) => AsyncIterable<SnapshotPage['rows']>): Promise<string[]>;
}

/** Signs one feed request (the header value of IDENTITY_HEADER). */
export type FeedSigner = (request: SignedRequest) => string;

/**
 * How a service signs its requests to another's feed: as `service:<name>`, an `internal`
 * identity (the feed answers no other), with the secret the gateway and every subgraph share.
 */
export function serviceSigner(consumer: string, secret: string): FeedSigner {
  const identity: Identity = { subject: `service:${consumer}`, role: 'partner', source: 'internal' };
  return (request) => signIdentity({ ...request, identity, requestId: randomUUID() }, secret);
}

/**
 * Where a source's feed is: the URL the gateway reaches it at (SUBGRAPH_<NAME>_URL), else the
 * registry's local default, so `npm start`, the tests and docker set it once for both.
 */
export function changeSourceUrl(source: SubgraphName, env: Record<string, string | undefined> = process.env): string {
  return env[subgraphUrlVariable(source)] || localUrl(subgraphEntry(source).port);
}

/** What reading the feeds and keeping checkpoints takes: a rebuild command needs only this. */
export interface ChangeFeedAccess {
  /** The consumer's schema: its checkpoints (`createChangeCheckpoints`) and read models. */
  schema: string;
  /** One handler per source (the checkpoint is the source's). */
  handlers: readonly ChangeHandler[];
  dataSource: DataSource;
  sourceUrl(source: SubgraphName): string;
  sign: FeedSigner;
}

export interface ChangeConsumerOptions extends ChangeFeedAccess {
  logger: Logger;
  metrics: ServiceMetrics;
  /** How long each long poll waits for a commit; MAX_CHANGES_WAIT_MS by default. */
  waitMs?: number;
  /** Most events per batch (one transaction); MAX_CHANGES_LIMIT by default. */
  batchSize?: number;
}

export interface ChangeConsumer {
  /** Ends every loop (an open long poll is aborted) and waits until none is inside a transaction. */
  stop(): Promise<void>;
  /**
   * Resolves once the consumer has applied everything `source` had committed when this was
   * called (its checkpoint reached the head the source reported then), with that checkpoint.
   */
  caughtUp(source: SubgraphName): Promise<string>;
}

const BACKOFF_MIN_MS = 100;
/** How long past its wait (if any) a feed request may take to answer before the source counts as down. */
const ANSWER_GRACE_MS = 10_000;
const BACKOFF_MAX_MS = 5_000;
/** Lag buckets in seconds: a healthy consumer is well under a second behind. */
const LAG_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

interface ConsumerMetrics {
  lag: Histogram<'source'>;
  checkpoint: Gauge<'source'>;
}

/** The consumer's series in the process's registry (made once per registry, as a test may start several consumers). */
function consumerMetrics(metrics: ServiceMetrics): ConsumerMetrics {
  const registers = [metrics.registry];
  const lag = metrics.registry.getSingleMetric('azg_change_apply_lag_seconds') as Histogram<'source'> | undefined ?? new Histogram({
    name: 'azg_change_apply_lag_seconds',
    help: 'Time from a change\'s commit at its source to the commit of its effect here, by source.',
    labelNames: ['source'],
    buckets: LAG_BUCKETS,
    registers,
  });
  const checkpoint = metrics.registry.getSingleMetric('azg_change_checkpoint_position') as Gauge<'source'> | undefined ?? new Gauge({
    name: 'azg_change_checkpoint_position', help: 'The last position of each source whose effect is committed here.', labelNames: ['source'], registers,
  });
  return { lag, checkpoint };
}

/**
 * Fetches one feed document, signed; throws on anything but a 200, and gives up on a source that
 * accepts and never answers (ANSWER_GRACE_MS past the `waitMs` it was asked to wait).
 */
async function fetchFeed<T>(options: Pick<ChangeFeedAccess, 'sourceUrl' | 'sign'>, source: SubgraphName, path: string, query: Record<string, string>, signal?: AbortSignal, waitMs = 0): Promise<T> {
  const base = new URL(options.sourceUrl(source));
  const target = `${path}?${new URLSearchParams(query).toString()}`;
  const timeout = AbortSignal.timeout(waitMs + ANSWER_GRACE_MS);
  const response = await fetch(new URL(target, base), {
    headers: { [IDENTITY_HEADER]: options.sign({ method: 'GET', target, body: '' }) },
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
  });
  const body = await response.text();
  if (response.status !== 200) throw new FeedAnswerError(source, path, response.status, body);
  return JSON.parse(body) as T;
}

/** A feed's answer other than 200, with its `extensions.code` when it gave one (CHANGES_PRUNED: resume is impossible). */
export class FeedAnswerError extends Error {
  readonly code: string | undefined;

  constructor(source: SubgraphName, path: string, readonly status: number, body: string) {
    super(`${source}${path} answered ${status}: ${body.slice(0, 300)}`);
    try {
      this.code = (JSON.parse(body) as { errors?: Array<{ extensions?: { code?: string } }> }).errors?.[0]?.extensions?.code;
    } catch {
      this.code = undefined;
    }
  }
}

/**
 * One page of `source`'s changes after `after` (at most `limit`; 0 answers only the head),
 * waiting up to `waitMs` for a commit when there is none yet; signed as `sign` says. A pruned
 * position throws a FeedAnswerError with code CHANGES_PRUNED.
 */
export function fetchChangePage(
  access: Pick<ChangeFeedAccess, 'sourceUrl' | 'sign'>,
  source: SubgraphName,
  page: { after: string; limit: number; waitMs?: number },
  signal?: AbortSignal,
): Promise<ChangePage> {
  const query: Record<string, string> = { after: page.after, limit: String(page.limit) };
  if (page.waitMs) query.wait = String(page.waitMs);
  return fetchFeed<ChangePage>(access, source, CHANGES_PATH, query, signal, page.waitMs ?? 0);
}

/** Refuses two handlers of one source: they would share, and fight over, one checkpoint. */
function distinctSources(handlers: readonly ChangeHandler[]): void {
  const sources = handlers.map((handler) => handler.source);
  const twice = sources.find((source, index) => sources.indexOf(source) !== index);
  if (twice !== undefined) throw new Error(`two change handlers follow ${twice}: merge them into one`);
}

/** The consumer's checkpoint table, schema-qualified. */
function checkpointTable(schema: string): string {
  return `${plainIdentifier(schema, 'the consumer\'s schema')}.change_checkpoint`;
}

async function readCheckpoint(db: SqlRunner, schema: string, source: SubgraphName): Promise<string | null> {
  const [row] = await db.query<{ position: string }>(`SELECT position::text AS position FROM ${checkpointTable(schema)} WHERE source = $1`, [source]);
  return row?.position ?? null;
}

/** The source's head: the newest position it has handed out and committed (answered whatever retention deleted). */
async function feedHead(options: Pick<ChangeFeedAccess, 'sourceUrl' | 'sign'>, source: SubgraphName, signal?: AbortSignal): Promise<string> {
  return (await fetchChangePage(options, source, { after: '0', limit: 0 }, signal)).head;
}

/**
 * Every current row of `entity` at `source`, page by page in id order, as its snapshot endpoint
 * publishes it: what a rebuild loads, and what a check compares a read model with.
 */
export async function* snapshotPages(
  options: Pick<ChangeFeedAccess, 'sourceUrl' | 'sign'>,
  source: SubgraphName,
  entity: string,
  signal?: AbortSignal,
): AsyncGenerator<SnapshotPage['rows']> {
  let after = '';
  for (;;) {
    const page = await fetchFeed<SnapshotPage>(options, source, SNAPSHOT_PATH, { entity, after, limit: String(MAX_SNAPSHOT_LIMIT) }, signal);
    if (page.rows.length === 0) return;
    yield page.rows;
    after = page.rows[page.rows.length - 1]!.id;
  }
}

/**
 * Rebuilds what `handler` holds from its source, in ONE transaction, so that readers see the old
 * model or the whole new one, never half: reset, then every current row of each wanted entity
 * from the source's snapshot pages (applied as UPSERT events), then the checkpoint set to the
 * source's head as it was before any row was read. Changes committed after that head are
 * replayed by the loop afterwards; a row read later than the head may already show some of them,
 * and replaying them is harmless, since each event carries a whole state and the newest comes last.
 * With `onlyIfMissing`, a rebuild another replica finished meanwhile is left alone.
 */
async function rebuild(options: ChangeFeedAccess, handler: ChangeHandler, onlyIfMissing: boolean, signal?: AbortSignal): Promise<string | null> {
  const table = checkpointTable(options.schema);
  return options.dataSource.transaction(async (manager) => {
    const db = new RequestDatabase(manager);
    // Replicas that start together rebuild one at a time; the later ones find the checkpoint.
    await db.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [changeLockKey(options.schema), handler.source]);
    if (onlyIfMissing && await readCheckpoint(db, options.schema, handler.source) !== null) return null;
    await handler.reset(db);
    // Read before any row: whatever a row read later misses committed above it, and is replayed.
    const head = await feedHead(options, handler.source, signal);
    for (const entity of handler.entities) {
      for await (const rows of snapshotPages(options, handler.source, entity, signal)) {
        await handler.apply(db, rows.map((row): ChangeEvent => ({
          source: handler.source, position: head, entity, id: row.id, operation: 'UPSERT', state: row.state, committedAt: new Date().toISOString(),
        })));
      }
    }
    await db.query(
      `INSERT INTO ${table} (source, position, updated_at) VALUES ($1, $2::bigint, now())
       ON CONFLICT (source) DO UPDATE SET position = EXCLUDED.position, updated_at = now()`,
      [handler.source, head],
    );
    return head;
  });
}

/**
 * Applies one batch in one transaction: locks the checkpoint row, drops the events at or below it
 * (another replica, or an earlier attempt whose answer was lost, applied them), applies the
 * wanted rest, and advances the checkpoint to the batch's last position. Delivery is at least
 * once; the effect is exactly once: a batch applied again changes nothing. Returns the
 * checkpoint, or null when the row is gone (a rebuild was asked for) and the loop must rebuild.
 */
export async function applyChangeBatch(
  options: Pick<ChangeFeedAccess, 'schema' | 'dataSource'> & { logger?: Logger; metrics?: ServiceMetrics },
  handler: ChangeHandler,
  events: readonly ChangeEvent[],
): Promise<string | null> {
  if (events.length === 0) throw new Error('a batch has events');
  const table = checkpointTable(options.schema);
  const last = events[events.length - 1]!.position;
  const applied = await options.dataSource.transaction(async (manager) => {
    const db = new RequestDatabase(manager);
    const [row] = await db.query<{ position: string }>(`SELECT position::text AS position FROM ${table} WHERE source = $1 FOR UPDATE`, [handler.source]);
    if (row === undefined) return null;
    const checkpoint = BigInt(row.position);
    const fresh = events.filter((event) => BigInt(event.position) > checkpoint);
    if (fresh.length === 0) return { position: row.position, events: [] };
    const wanted = fresh.filter((event) => handler.entities.includes(event.entity));
    if (wanted.length > 0) await handler.apply(db, wanted);
    await db.query(`UPDATE ${table} SET position = $2::bigint, updated_at = now() WHERE source = $1`, [handler.source, last]);
    return { position: last, events: wanted };
  });
  if (applied === null) return null;
  const metrics = options.metrics && consumerMetrics(options.metrics);
  const now = Date.now();
  for (const event of applied.events) metrics?.lag.observe({ source: handler.source }, (now - Date.parse(event.committedAt)) / 1000);
  metrics?.checkpoint.set({ source: handler.source }, Number(applied.position));
  options.logger?.debug({ source: handler.source, events: events.length, applied: applied.events.length, checkpoint: applied.position }, 'applied a batch of changes');
  return applied.position;
}

/**
 * Follows the change feeds `handlers` name, each in a loop of its own: rebuild when there is no
 * checkpoint yet, then long-poll the source for the events after the checkpoint and apply each
 * batch. A source that is down or a database that restarts costs a warning and a retry after a
 * capped backoff (BACKOFF_MIN_MS doubling to BACKOFF_MAX_MS); nothing throws out of a loop.
 * Several replicas of a consumer are safe: the checkpoint's row lock orders their batches.
 */
export function startChangeConsumer(options: ChangeConsumerOptions): ChangeConsumer {
  distinctSources(options.handlers);
  const waitMs = options.waitMs ?? MAX_CHANGES_WAIT_MS;
  const limit = options.batchSize ?? MAX_CHANGES_LIMIT;
  const stopping = new AbortController();
  const checkpoints = new Map<SubgraphName, string>();
  const advanced = new Set<() => void>();
  const noteCheckpoint = (source: SubgraphName, position: string) => {
    checkpoints.set(source, position);
    for (const wake of [...advanced]) wake();
  };

  const follow = async (handler: ChangeHandler) => {
    const { source } = handler;
    const db = new RequestDatabase(options.dataSource);
    let backoff = BACKOFF_MIN_MS;
    while (!stopping.signal.aborted) {
      try {
        let checkpoint = await readCheckpoint(db, options.schema, source);
        if (checkpoint === null) {
          options.logger.info({ source }, 'no checkpoint for this source: rebuilding from its snapshot');
          checkpoint = await rebuild(options, handler, true, stopping.signal) ?? await readCheckpoint(db, options.schema, source);
          if (checkpoint === null) continue;
          options.logger.info({ source, checkpoint }, 'rebuilt from the source\'s snapshot');
        }
        noteCheckpoint(source, checkpoint);
        let page: ChangePage;
        try {
          page = await fetchChangePage(options, source, { after: checkpoint, limit, waitMs }, stopping.signal);
        } catch (error) {
          if (!(error instanceof FeedAnswerError && error.code === CHANGES_PRUNED)) throw error;
          // Away longer than the source keeps its events: what it missed is gone, so start again from its rows.
          options.logger.warn({ source, checkpoint }, 'the source no longer keeps the changes after this checkpoint: rebuilding from its snapshot');
          const rebuilt = await rebuild(options, handler, false, stopping.signal);
          if (rebuilt !== null) noteCheckpoint(source, rebuilt);
          continue;
        }
        if (page.events.length > 0) {
          const applied = await applyChangeBatch(options, handler, page.events);
          if (applied !== null) noteCheckpoint(source, applied);
        }
        backoff = BACKOFF_MIN_MS;
      } catch (error) {
        if (stopping.signal.aborted) break;
        options.logger.warn({ err: error, source, retryInMs: backoff }, 'following a change feed failed; retrying');
        await sleep(backoff, undefined, { signal: stopping.signal }).catch(() => undefined);
        backoff = Math.min(backoff * 2, BACKOFF_MAX_MS);
      }
    }
  };

  const loops = options.handlers.map(follow);
  return {
    async stop() {
      stopping.abort();
      for (const wake of [...advanced]) wake();
      await Promise.all(loops);
    },
    async caughtUp(source) {
      if (!options.handlers.some((handler) => handler.source === source)) throw new Error(`this consumer follows no feed of ${source}`);
      const head = await feedHead(options, source);
      const reached = () => {
        const checkpoint = checkpoints.get(source);
        return checkpoint !== undefined && BigInt(checkpoint) >= BigInt(head);
      };
      while (!reached()) {
        if (stopping.signal.aborted) throw new Error('the consumer stopped before it caught up');
        await new Promise<void>((resolve) => {
          const wake = () => {
            advanced.delete(wake);
            resolve();
          };
          advanced.add(wake);
        });
      }
      return checkpoints.get(source)!;
    },
  };
}

/**
 * Rebuilds the read models of `handlers` from their sources now, whatever their checkpoints say
 * (for a `read-model rebuild` command); each handler in one transaction, as a consumer's first
 * start does. Returns each source's new checkpoint.
 */
export async function rebuildReadModel(options: ChangeFeedAccess): Promise<Partial<Record<SubgraphName, string>>> {
  distinctSources(options.handlers);
  const checkpoints: Partial<Record<SubgraphName, string>> = {};
  for (const handler of options.handlers) checkpoints[handler.source] = (await rebuild(options, handler, false))!;
  return checkpoints;
}

/** What `checkReadModel` found for one source. */
export interface ReadModelCheck {
  source: SubgraphName;
  /** Each difference that was still there on a second look; empty when the read model agrees. */
  differences: string[];
}

/** How long a check waits before it looks again at what differed: changes in flight have landed by then. */
const RECHECK_DELAY_MS = 2_000;

/**
 * Compares each handler's read model with its source's current rows (for a `read-model check`
 * command), while the consumer keeps running: a difference seen once may be a change still in
 * flight, so only what differs again on a second look, RECHECK_DELAY_MS later, is reported.
 */
export async function checkReadModel(options: ChangeFeedAccess): Promise<ReadModelCheck[]> {
  const verify = async (handler: ChangeHandler) => {
    if (!handler.verify) return [];
    return options.dataSource.transaction((manager) => handler.verify!(new RequestDatabase(manager), (entity) => snapshotPages(options, handler.source, entity)));
  };
  const checks: ReadModelCheck[] = [];
  for (const handler of options.handlers) {
    let differences = await verify(handler);
    if (differences.length > 0) {
      await sleep(RECHECK_DELAY_MS);
      const again = new Set(await verify(handler));
      differences = differences.filter((difference) => again.has(difference));
    }
    checks.push({ source: handler.source, differences });
  }
  return checks;
}
