import { Pool, type PoolConfig } from 'pg';
import { Counter, Gauge, type Registry } from 'prom-client';
import { type DataSource, QueryFailedError } from 'typeorm';
import { ConfigError, integer, optionalString } from '../config/env';
import { parseWalPosition } from './wal-position';

type Env = Record<string, string | undefined>;

/** How a subgraph uses its read replicas; each read from the environment by `readReplicaSettings`. */
export interface ReplicaSettings {
  /** DATABASE_READ_URL: the replicas' postgres URLs, comma-separated; none = every statement on the primary. */
  urls: string[];
  /** REPLICA_CHECK_MS: how often each replica's replay position (and the primary's WAL position) is read. */
  checkMs: number;
  /** REPLICA_MAX_LAG_MS: a replica further behind the primary than this is not read from. */
  maxLagMs: number;
}

export const DEFAULT_REPLICA_CHECK_MS = 500;
export const DEFAULT_REPLICA_MAX_LAG_MS = 2_000;

/** Reads the replica settings; a malformed value fails at start-up, naming the variable. */
export function readReplicaSettings(env: Env = process.env): ReplicaSettings {
  const urls = (optionalString('DATABASE_READ_URL', env) ?? '').split(',').map((url) => url.trim()).filter((url) => url !== '');
  for (const url of urls) {
    let protocol: string;
    try {
      protocol = new URL(url).protocol;
    } catch {
      throw new ConfigError('DATABASE_READ_URL must be postgres:// URLs separated by commas; one of them is not a URL');
    }
    if (protocol !== 'postgres:' && protocol !== 'postgresql:') throw new ConfigError(`DATABASE_READ_URL must be postgres:// URLs, got one with ${protocol}`);
  }
  return {
    urls,
    checkMs: integer('REPLICA_CHECK_MS', DEFAULT_REPLICA_CHECK_MS, env, [10, 60_000]),
    maxLagMs: integer('REPLICA_MAX_LAG_MS', DEFAULT_REPLICA_MAX_LAG_MS, env, [0, 3_600_000]),
  };
}

/**
 * How far behind the primary a replica is, in time. The primary's WAL position is sampled at
 * every check; a replica that has replayed up to position P is as stale as the time since the
 * primary was first seen past P. A replica at or past the latest sample is 0 behind, however
 * long ago the primary last wrote: an idle primary with a caught-up replica is no lag at all.
 *
 * The estimate errs short by at most one check interval (the primary passed P somewhere between
 * two samples); it never counts time in which the primary wrote nothing as lag.
 */
export class LagEstimator {
  /** Increasing positions, each with the time it was first seen. */
  private readonly samples: { position: bigint; at: number }[] = [];

  /** `keepMs`: how long samples are kept (longer than the largest lag that matters). */
  constructor(private readonly keepMs: number) {}

  /** The primary was at `position` at time `at` (ms). */
  record(position: bigint, at: number): void {
    const last = this.samples[this.samples.length - 1];
    if (last === undefined || position > last.position) this.samples.push({ position, at });
    // The newest sample always stays: it is what "caught up" is measured against.
    while (this.samples.length > 1 && this.samples[0]!.at < at - this.keepMs) this.samples.shift();
  }

  /** Milliseconds behind at `now` for a replica that replayed up to `replayed`; undefined before any sample. */
  lagMs(replayed: bigint, now: number): number | undefined {
    const { samples } = this;
    if (samples.length === 0) return undefined;
    if (replayed >= samples[samples.length - 1]!.position) return 0;
    // The first sample past `replayed`: binary search over the increasing positions.
    let low = 0;
    let high = samples.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (samples[middle]!.position > replayed) high = middle;
      else low = middle + 1;
    }
    return Math.max(0, now - samples[low]!.at);
  }
}

/** What a replica's pool must answer (a pg Pool; a fake in unit tests). */
export interface ReplicaPool {
  query(text: string): Promise<{ rows: Record<string, unknown>[] }>;
  end?(): Promise<void>;
}

/** One replica as the router sees it. */
export interface Replica {
  /** host:port/database, never the password: the metrics label and the logs' name. */
  readonly name: string;
  readonly pool: ReplicaPool;
  /** It answered its last check as a standby (and has failed no statement since). */
  up: boolean;
  /** The position it had replayed at its last check. */
  replayed: bigint | undefined;
}

/** Where a statement of a request ran, for the metrics. */
export type StatementTarget = 'primary' | 'replica';

/** The router's view of time and the primary, injectable for tests. */
export interface ReadReplicaOptions {
  replicas: { name: string; pool: ReplicaPool }[];
  settings: Pick<ReplicaSettings, 'checkMs' | 'maxLagMs'>;
  /** The primary's current WAL position. */
  primaryPosition: () => Promise<bigint>;
  logger?: { info(fields: object, message: string): void; warn(fields: object, message: string): void };
  /** Where the replica metrics are registered; none in unit tests. */
  registry?: Registry;
  now?: () => number;
}

/**
 * The read replicas of one subgraph process: a monitor that checks each one every
 * REPLICA_CHECK_MS (is it up, how far has it replayed, how far behind is that), and the routing
 * decision every read-only request's statements take (`choose`). Round robin among the usable
 * replicas: their statements are short and alike, so turns spread them as well as counting
 * would, without a counter shared across requests.
 */
export class ReadReplicas {
  readonly replicas: Replica[];
  private readonly estimator: LagEstimator;
  private readonly settings: Pick<ReplicaSettings, 'checkMs' | 'maxLagMs'>;
  private readonly now: () => number;
  private next = 0;
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private readonly statements?: Counter<'target'>;
  private readonly fallbacks?: Counter<'reason'>;

  constructor(private readonly options: ReadReplicaOptions) {
    this.replicas = options.replicas.map(({ name, pool }) => ({ name, pool, up: false, replayed: undefined }));
    this.settings = options.settings;
    this.now = options.now ?? Date.now;
    // Samples cover the largest lag that decides anything, and a margin of a few checks.
    this.estimator = new LagEstimator(options.settings.maxLagMs + 10 * options.settings.checkMs);
    const registers = options.registry ? [options.registry] : undefined;
    if (registers) {
      this.statements = new Counter({
        name: 'azg_db_routed_statements_total',
        help: 'SQL statements of requests by where they ran: the primary, or a read replica (DATABASE_READ_URL).',
        labelNames: ['target'], registers,
      });
      this.fallbacks = new Counter({
        name: 'azg_db_replica_fallbacks_total',
        help: 'Reads a replica failed that were run again on the primary, by reason (gone: it went away; conflict: a recovery conflict cancelled the statement).',
        labelNames: ['reason'], registers,
      });
      const replicas = this.replicas;
      const lagSeconds = (replica: Replica) => this.lagMs(replica);
      new Gauge({
        name: 'azg_db_replica_up', help: 'Whether a read replica answered its last check as a standby (1) or not (0).', labelNames: ['replica'], registers,
        collect() {
          for (const replica of replicas) this.set({ replica: replica.name }, replica.up ? 1 : 0);
        },
      });
      new Gauge({
        name: 'azg_db_replica_lag_seconds', help: 'How far a read replica is behind the primary, in seconds (see LagEstimator); absent until known.', labelNames: ['replica'], registers,
        collect() {
          for (const replica of replicas) {
            const lag = lagSeconds(replica);
            if (lag !== undefined) this.set({ replica: replica.name }, lag / 1000);
          }
        },
      });
    }
  }

  /** How far behind `replica` is now (ms); undefined while it has not answered a check. */
  lagMs(replica: Replica): number | undefined {
    return replica.replayed === undefined ? undefined : this.estimator.lagMs(replica.replayed, this.now());
  }

  /**
   * Whether `replica` may answer a read that must see position `readAfter` (when given): it is
   * up, within REPLICA_MAX_LAG_MS, and known to have replayed at least that far.
   */
  usable(replica: Replica, readAfter?: bigint): boolean {
    if (!replica.up || replica.replayed === undefined) return false;
    if (readAfter !== undefined && replica.replayed < readAfter) return false;
    const lag = this.lagMs(replica);
    return lag !== undefined && lag <= this.settings.maxLagMs;
  }

  /** The replica the next read goes to, in turn among the usable ones; undefined = the primary. */
  choose(readAfter?: bigint): Replica | undefined {
    const count = this.replicas.length;
    for (let tried = 0; tried < count; tried += 1) {
      const replica = this.replicas[(this.next + tried) % count]!;
      if (this.usable(replica, readAfter)) {
        this.next = (this.next + tried + 1) % count;
        return replica;
      }
    }
    return undefined;
  }

  /** A statement ran on `target`. */
  counted(target: StatementTarget): void {
    this.statements?.inc({ target });
  }

  /**
   * A statement failed on `replica` and is being run again on the primary. A replica that went
   * away is not read from again until a check finds it back; a recovery conflict (replay had to
   * cancel the statement) says nothing about the replica's health.
   */
  failed(replica: Replica, reason: 'gone' | 'conflict', error: unknown): void {
    this.fallbacks?.inc({ reason });
    if (reason === 'gone') this.setUp(replica, false, error);
  }

  private setUp(replica: Replica, up: boolean, error?: unknown): void {
    if (replica.up === up) return;
    replica.up = up;
    // Once per change of state, not per request.
    if (up) this.options.logger?.info({ replica: replica.name }, `read replica ${replica.name} is up: read-only requests may read from it again`);
    else this.options.logger?.warn({ replica: replica.name, reason: describe(error) }, `read replica ${replica.name} is down (${describe(error)}): its reads go to the primary`);
  }

  /**
   * One round of checks: the primary's position first, then every replica's replay position,
   * each within a deadline (a replica that hangs is as down as one that refuses).
   */
  async check(): Promise<void> {
    const deadlineMs = Math.max(1_000, 2 * this.settings.checkMs);
    try {
      this.estimator.record(await this.options.primaryPosition(), this.now());
    } catch {
      // Without the primary nothing is answered anyway; the replicas' lag keeps growing from the last sample.
    }
    await Promise.all(this.replicas.map(async (replica) => {
      try {
        const { rows } = await withDeadline(
          replica.pool.query('SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS replayed'),
          deadlineMs,
        );
        const row = rows[0] ?? {};
        // A server out of recovery (promoted, or a primary named by mistake) follows no primary: its data may differ.
        if (row.standby !== true) throw new Error('it is not a standby (pg_is_in_recovery() is false)');
        const replayed = typeof row.replayed === 'string' ? parseWalPosition(row.replayed) : undefined;
        if (replayed === undefined) throw new Error(`it reported no replay position (${String(row.replayed)})`);
        replica.replayed = replayed;
        this.setUp(replica, true);
      } catch (error) {
        this.setUp(replica, false, error);
      }
    }));
  }

  /** Checks now, then every REPLICA_CHECK_MS (never two rounds at once) until `stop`. */
  start(): Promise<void> {
    const round = () => {
      this.checking ??= this.check().finally(() => (this.checking = undefined));
      return this.checking;
    };
    this.timer = setInterval(() => void round(), this.settings.checkMs);
    // The monitor alone never keeps the process alive.
    this.timer.unref();
    return round();
  }

  /** Stops checking and closes the replicas' pools. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.checking;
    await Promise.all(this.replicas.map((replica) => replica.pool.end?.()));
  }
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

function describe(error: unknown): string {
  if (error === undefined) return 'no reason';
  const cause = error instanceof QueryFailedError ? (error as QueryFailedError & { driverError?: unknown }).driverError ?? error : error;
  return cause instanceof Error ? cause.message : String(cause);
}

/** SQLSTATE classes and codes that mean the server or the connection is gone, not that the statement was wrong. */
const GONE_CODES = new Set(['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
const GONE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended/i;

/**
 * Why a statement that failed on a replica should be run again on the primary, or undefined when
 * the failure is the statement's own (bad input, its timeout) and would fail there too:
 * `gone` when the replica or the connection went away, `conflict` when replay cancelled it
 * (a hot standby's recovery conflict).
 */
export function replicaFailure(error: unknown): 'gone' | 'conflict' | undefined {
  const cause = (error instanceof QueryFailedError ? (error as QueryFailedError & { driverError?: unknown }).driverError : error) as
    { code?: unknown; message?: unknown } | undefined;
  const code = typeof cause?.code === 'string' ? cause.code : '';
  const message = typeof cause?.message === 'string' ? cause.message : '';
  if (code.startsWith('08') || GONE_CODES.has(code) || GONE_MESSAGES.test(message)) return 'gone';
  if (code === '40001' && /conflict with recovery/i.test(message)) return 'conflict';
  return undefined;
}

/** A replica's name for logs and metrics: host, port and database of its URL, never its credentials. */
export function replicaName(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
}

/**
 * The pg pools of the replicas at `urls`, each opened like the primary's: the same session
 * options (search_path, statement_timeout, the pg_trgm threshold, plan_cache_mode), pool size,
 * connect timeout and application name, read from the primary's data source so they cannot
 * drift apart.
 */
export function replicaPools(dataSource: DataSource, urls: readonly string[], onPoolError?: (error: Error, replica: string) => void): { name: string; pool: Pool }[] {
  const options = dataSource.options as { poolSize?: number; connectTimeoutMS?: number; applicationName?: string; extra?: { options?: string } };
  const seen = new Map<string, number>();
  return urls.map((url) => {
    const base = replicaName(url);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    const name = count === 1 ? base : `${base}#${count}`;
    const config: PoolConfig = {
      connectionString: url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMS,
      application_name: options.applicationName,
      options: options.extra?.options,
    };
    const pool = new Pool(config);
    // Without a handler a failed idle connection would be an unhandled 'error' event.
    pool.on('error', (error) => onPoolError?.(error, name));
    return { name, pool };
  });
}

/** The primary's current WAL position, read on its own pool. */
export function primaryPositionOf(dataSource: DataSource): () => Promise<bigint> {
  return async () => {
    const [row] = await dataSource.query('SELECT pg_current_wal_lsn()::text AS position') as { position: string }[];
    const position = parseWalPosition(row?.position ?? '');
    if (position === undefined) throw new Error(`the primary reported no WAL position (${String(row?.position)})`);
    return position;
  };
}
