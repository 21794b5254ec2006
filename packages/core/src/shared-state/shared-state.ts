import { ConfigError, optionalString } from '../config';
import type { Logger, ServiceMetrics } from '../observability';
import Redis from 'ioredis';
import { Gauge } from 'prom-client';

/**
 * What several processes share through one Redis (REDIS_URL). The gateways: the response cache,
 * the rate limits' budgets, the published safelist, API key revocations and read-your-writes; the
 * replicas of a subgraph: the nonces of the requests they accepted. Each feature asks this layer
 * for its keys and channels, and each degrades to what one process knows by itself while Redis
 * does not answer: a request that could be answered never fails because of Redis.
 */
export interface SharedStateConfig {
  url: string;
  /** Put before every key and channel (REDIS_KEY_PREFIX, default `azg:`): several deployments, or test runs, share one Redis. */
  prefix: string;
}

/** REDIS_URL (none: every feature stays per process) and REDIS_KEY_PREFIX. */
export function readSharedStateConfig(env: Record<string, string | undefined> = process.env): SharedStateConfig | null {
  const url = optionalString('REDIS_URL', env);
  const prefix = optionalString('REDIS_KEY_PREFIX', env) ?? 'azg:';
  if (/\s/.test(prefix)) throw new ConfigError(`REDIS_KEY_PREFIX must not contain whitespace, got "${prefix}"`);
  if (url === undefined) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new Error('not redis');
  } catch {
    throw new ConfigError(`REDIS_URL must be a redis:// or rediss:// URL, got "${url}"`);
  }
  return { url, prefix };
}

/** Where one feature keeps its state: nowhere (`off`), in its process (`memory`), or in the shared Redis (`redis`). */
export type StateBackend = 'off' | 'memory' | 'redis';

/**
 * A feature's backend from its variable (RESPONSE_CACHE, READ_YOUR_WRITES_STORE, ...): `redis` by
 * default when REDIS_URL is set, else `memory`; a bad value, or `redis` without REDIS_URL, fails
 * at start-up naming the variable.
 */
export function readStateBackend(variable: string, env: Record<string, string | undefined> = process.env): StateBackend {
  const redisUrl = optionalString('REDIS_URL', env);
  const backend = optionalString(variable, env) ?? (redisUrl ? 'redis' : 'memory');
  if (backend !== 'off' && backend !== 'memory' && backend !== 'redis') {
    throw new ConfigError(`${variable} must be off, memory or redis, got "${backend}"`);
  }
  if (backend === 'redis' && !redisUrl) throw new ConfigError(`${variable}=redis needs REDIS_URL`);
  return backend;
}

/** How long a command may wait for Redis before the feature answers without it. */
const COMMAND_TIMEOUT_MS = 500;
/** Reconnection backs off to at most this. */
const MAX_RECONNECT_DELAY_MS = 2_000;

export interface SharedState {
  /** Every key and channel starts with this. */
  readonly prefix: string;
  /** Commands: they fail at once while Redis is not connected (no queueing), so a caller falls back instead of waiting. */
  readonly commands: Redis;
  /** Whether the command connection is up now. */
  up(): boolean;
  /** Resolves once both connections are up, or after `timeoutMs` (false) whichever comes first. */
  ready(timeoutMs: number): Promise<boolean>;
  /**
   * Calls `onMessage` with each message published on `channel` (prefixed here) by any process,
   * and `onReconnect` each time both connections are back after a break (messages may have been
   * missed meanwhile: reread, with a command, what they would have said).
   */
  subscribe(channel: string, onMessage: (message: string) => void, onReconnect?: () => void): void;
  /** Publishes on `channel` (prefixed here); false when Redis did not take it. */
  publish(channel: string, message: string): Promise<boolean>;
  close(): Promise<void>;
}

export interface SharedStateOptions {
  logger?: Logger;
  /** Where `azg_redis_up` goes. */
  metrics?: ServiceMetrics;
}

function connection(url: string, subscriber: boolean): Redis {
  return new Redis(url, {
    // A command is tried once, and refused at once while disconnected: Redis down is a fallback, not a wait.
    maxRetriesPerRequest: subscriber ? null : 0,
    enableOfflineQueue: subscriber,
    commandTimeout: subscriber ? undefined : COMMAND_TIMEOUT_MS,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
    lazyConnect: false,
  });
}

function upGauge(metrics: ServiceMetrics | undefined): Gauge<'connection'> | null {
  if (!metrics) return null;
  // Made once per registry: a test may build several processes over one.
  return metrics.registry.getSingleMetric('azg_redis_up') as Gauge<'connection'> | undefined ?? new Gauge({
    name: 'azg_redis_up',
    help: 'Whether this process\'s connection to the shared Redis is up (1) or down (0), by connection (commands, subscriber).',
    labelNames: ['connection'],
    registers: [metrics.registry],
  });
}

/**
 * Opens the two connections (one for commands, one held by pub/sub, as Redis requires), each
 * reconnecting by itself. A change of state (up, down) is logged once, not once per retry.
 */
export function connectSharedState(config: SharedStateConfig, options: SharedStateOptions = {}): SharedState {
  const gauge = upGauge(options.metrics);
  const commands = connection(config.url, false);
  const subscriber = connection(config.url, true);
  const handlers = new Map<string, { onMessage: (message: string) => void; onReconnect?: () => void }>();
  const state = { commands: false, subscriber: false };
  let waiters: Array<() => void> = [];
  let closed = false;
  /** Whether both connections were up together once already, and whether they are now. */
  let bothWereUp = false;
  let bothUp = false;
  const noteBoth = () => {
    const now = state.commands && state.subscriber;
    // Back after a break: announcements made meanwhile were missed. Both must be up: a feature rereads with a command.
    if (now && !bothUp && bothWereUp) for (const handler of handlers.values()) handler.onReconnect?.();
    if (now) bothWereUp = true;
    bothUp = now;
  };

  const watch = (client: Redis, name: keyof typeof state) => {
    gauge?.set({ connection: name }, 0);
    let reported: boolean | null = null;
    const report = (up: boolean, error?: Error) => {
      state[name] = up;
      gauge?.set({ connection: name }, up ? 1 : 0);
      noteBoth();
      if (up) {
        const woken = waiters;
        waiters = [];
        for (const wake of woken) wake();
      }
      if (reported === up || closed) return;
      reported = up;
      if (up) options.logger?.info({ connection: name }, 'connected to the shared Redis');
      else options.logger?.warn({ connection: name, err: error?.message }, 'the shared Redis does not answer: this process uses what it knows by itself until it does');
    };
    client.on('ready', () => report(true));
    // ioredis reports each failed reconnection as an error, then `close`: one log line per change of state.
    client.on('error', (error: Error) => report(false, error));
    client.on('close', () => report(false));
  };
  watch(commands, 'commands');
  watch(subscriber, 'subscriber');
  subscriber.on('message', (channel: string, message: string) => handlers.get(channel)?.onMessage(message));

  return {
    prefix: config.prefix,
    commands,
    up: () => state.commands,
    ready(timeoutMs) {
      if (state.commands && state.subscriber) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        const check = () => {
          if (state.commands && state.subscriber) {
            clearTimeout(timer);
            resolve(true);
          } else {
            waiters.push(check);
          }
        };
        waiters.push(check);
      });
    },
    subscribe(channel, onMessage, onReconnect) {
      const name = config.prefix + channel;
      handlers.set(name, { onMessage, onReconnect });
      // Queued until connected, and renewed by ioredis on every reconnection.
      subscriber.subscribe(name).catch(() => undefined);
    },
    async publish(channel, message) {
      try {
        await commands.publish(config.prefix + channel, message);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      closed = true;
      // QUIT where Redis answers, so both ends close at once; a connection still trying just stops trying.
      await Promise.all([commands, subscriber].map(async (client) => {
        if (client.status !== 'ready') return client.disconnect();
        await client.quit().catch(() => client.disconnect());
      }));
    },
  };
}
