import { createHash } from 'node:crypto';
import cluster from 'node:cluster';
import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContext } from '@apollo/server';
import { ConfigError, integer } from '@azg/core/config';
import { mentionsDefer } from './defer/defer-operation';
import { readStateBackend, type SharedState, type StateBackend } from '@azg/core/shared-state';
import { READ_AFTER_HEADER } from './read-your-writes';

/** Every answer says whether the response cache served it. */
export const CACHE_STATUS_HEADER = 'x-azg-cache';

/** What the primary of a cluster relays to every worker when one of them saw a write. */
export const INVALIDATE_MESSAGE = 'azg:response-cache:invalidate';

/**
 * Where cached answers live. Entries are never deleted on a write: a write bumps the
 * generation, and the generation is part of every key, so older entries are simply never read
 * again and age out (TTL, or LRU in memory).
 */
export interface ResponseCacheStore {
  readonly kind: 'memory' | 'redis';
  generation(): Promise<number>;
  /** Called after a mutation: every answer cached so far is stale. */
  invalidate(): Promise<void>;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlS: number): Promise<void>;
  close(): Promise<void>;
}

export interface ResponseCacheConfig {
  /** `off`, `memory` (the default) or `redis` (the default when REDIS_URL is set). */
  backend: StateBackend;
  /** Most answers kept in memory per process (least recently used go first). */
  maxEntries: number;
}

/** RESPONSE_CACHE, REDIS_URL and RESPONSE_CACHE_MAX_ENTRIES; a bad value fails at start-up. */
export function readResponseCacheConfig(env: Record<string, string | undefined> = process.env): ResponseCacheConfig {
  return { backend: readStateBackend('RESPONSE_CACHE', env), maxEntries: integer('RESPONSE_CACHE_MAX_ENTRIES', 10_000, env, [1, 10_000_000]) };
}

/**
 * An LRU in this process. In a cluster (GATEWAY_WORKERS > 1) each worker has its own; a write
 * seen by one worker is sent to the primary, which tells the others (see cluster.ts), so every
 * worker drops its answers within one message hop.
 */
export function memoryStore(maxEntries: number, now: () => number = Date.now): ResponseCacheStore {
  const entries = new Map<string, { value: string; expiresAt: number }>();
  let generation = 0;
  const onMessage = (message: unknown) => {
    if (message === INVALIDATE_MESSAGE) {
      generation += 1;
      entries.clear();
    }
  };
  if (cluster.isWorker) process.on('message', onMessage);
  return {
    kind: 'memory',
    generation: async () => generation,
    async invalidate() {
      generation += 1;
      entries.clear();
      if (cluster.isWorker && process.send) process.send(INVALIDATE_MESSAGE);
    },
    async get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      if (entry.expiresAt <= now()) return undefined;
      entries.set(key, entry);
      return entry.value;
    },
    async set(key, value, ttlS) {
      entries.delete(key);
      entries.set(key, { value, expiresAt: now() + ttlS * 1000 });
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    },
    async close() {
      process.off('message', onMessage);
      entries.clear();
    },
  };
}

/**
 * Redis, shared by every worker and every gateway (see shared-state/): the generation is one
 * counter (INCR on a write, read before every lookup), so a write through any gateway makes
 * every gateway's next lookup a miss; entries expire by Redis's own TTL. A Redis that does not
 * answer makes the cache a miss, never a failed request (and never a per-process cache: that
 * one would not hear of writes through other gateways).
 */
export function redisStore(shared: SharedState): ResponseCacheStore {
  const { commands: redis } = shared;
  const prefix = `${shared.prefix}response-cache:`;
  const generationKey = `${prefix}generation`;
  return {
    kind: 'redis',
    generation: async () => Number(await redis.get(generationKey) ?? 0),
    async invalidate() {
      await redis.incr(generationKey);
    },
    get: async (key) => (await redis.get(prefix + key)) ?? undefined,
    async set(key, value, ttlS) {
      await redis.set(prefix + key, value, 'EX', ttlS);
    },
    // The connections are the shared state's: whoever opened it closes it.
    async close() {},
  };
}

/** The configured store; `shared` is required for `redis` (readResponseCacheConfig made sure REDIS_URL is set). */
export function createResponseCacheStore(config: ResponseCacheConfig, shared: SharedState | null): ResponseCacheStore | null {
  if (config.backend === 'off') return null;
  if (config.backend === 'redis') {
    if (!shared) throw new ConfigError('RESPONSE_CACHE=redis needs REDIS_URL');
    return redisStore(shared);
  }
  return memoryStore(config.maxEntries);
}

/** Requests that carry credentials, or ask for per-request diagnostics, are never cached. */
function isAnonymousPlainRequest(headers: HeaderMap | undefined): boolean {
  if (!headers) return false;
  // A consistency token asks for data at least as new as a write: not a cached answer.
  return !headers.has('authorization') && !headers.has('x-api-key') && !headers.has('x-azg-sql-stats') && !headers.has(READ_AFTER_HEADER);
}

function keyOf(generation: number, context: GraphQLRequestContext<object>): string {
  const { request } = context;
  return createHash('sha256').update(JSON.stringify([
    generation,
    context.source ?? context.queryHash,
    request.operationName ?? null,
    request.variables ?? {},
    request.http?.headers.get('accept-language') ?? null,
  ])).digest('base64url');
}

/**
 * The gateway's response cache, an Apollo Server plugin. It serves repeated anonymous queries
 * (no Authorization, no x-api-key) from the store, keyed by operation, variables and
 * Accept-Language. What may be cached and for how long is what the subgraphs said: each sends a
 * Cache-Control header (CACHE_MAX_AGE_S, or hints its resolvers set), the gateway keeps the
 * smallest maxAge of the fetches behind an answer, and an answer with maxAge 0, a private part
 * or any error is not stored. Any mutation through the gateway drops everything cached (a
 * generation bump: coarse, but a write can change any total or list, and writes are rare).
 * Every answer carries `x-azg-cache: hit`, `miss` or, when it could not be cached, `bypass`.
 */
export function responseCachePlugin(store: ResponseCacheStore): ApolloServerPlugin<object> {
  return {
    async requestDidStart() {
      let status: 'hit' | 'miss' | 'bypass' = 'bypass';
      let key: string | undefined;
      return {
        async responseForOperation(context) {
          if (context.operation.operation !== 'query' || !isAnonymousPlainRequest(context.request.http?.headers)) return null;
          // An answer with @defer comes in parts: its first part is not the whole answer.
          if (mentionsDefer(context.document)) return null;
          try {
            key = keyOf(await store.generation(), context as GraphQLRequestContext<object>);
            const cached = await store.get(key);
            status = 'miss';
            if (cached === undefined) return null;
            status = 'hit';
            return {
              http: { status: undefined, headers: new HeaderMap() },
              body: { kind: 'single', singleResult: JSON.parse(cached) as { data: Record<string, unknown> } },
            };
          } catch {
            key = undefined;
            return null;
          }
        },
        async willSendResponse(context) {
          const { response, operation } = context;
          response.http.headers.set(CACHE_STATUS_HEADER, status);
          if (operation?.operation === 'mutation') {
            // Whatever the mutation answered, it may have written: drop everything cached.
            await store.invalidate().catch(() => undefined);
            return;
          }
          if (status !== 'miss' || key === undefined || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.errors?.length || !result.data) return;
          const policy = context.overallCachePolicy.policyIfCacheable();
          if (!policy || policy.scope === 'PRIVATE') return;
          await store.set(key, JSON.stringify({ data: result.data }), policy.maxAge).catch(() => undefined);
        },
      };
    },
  };
}
