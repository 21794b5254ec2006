import type http from 'node:http';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ConfigError, integer, isProduction } from '@azg/core/config';
import type { Identity } from '@azg/core/identity';
import type { Logger } from '@azg/core/observability';
import { GraphQLError } from 'graphql';
import type { SharedState } from './shared-state';

/** `extensions.code` of a request refused because its caller spent its budget. */
export const RATE_LIMITED = 'RATE_LIMITED';

/**
 * The limits. Their defaults hold in production (NODE_ENV=production); elsewhere both default to
 * 0, since tests and the bench send far more from one address than any client should.
 */
export interface RateLimitConfig {
  /** Requests per window for one anonymous client address (RATE_LIMIT_ANONYMOUS, default 600 in production; 0 = no limit). */
  anonymous: number;
  /** Requests per window for one API key or token subject (RATE_LIMIT_KEYED, default 6000 in production; 0 = no limit). */
  keyed: number;
  /** The window, in seconds (RATE_LIMIT_WINDOW_S, default 60): a full budget refills over this long. */
  windowS: number;
  /**
   * Proxies in front of the gateway that append the client's address to `X-Forwarded-For`
   * (TRUST_PROXY_HOPS, default 0: the header is not believed, the socket's peer is the client).
   * Behind one load balancer, 1: every request's peer is the balancer.
   */
  trustedProxyHops: number;
}

/** RATE_LIMIT_ANONYMOUS, RATE_LIMIT_KEYED, RATE_LIMIT_WINDOW_S and TRUST_PROXY_HOPS; a bad value fails at start-up. */
export function readRateLimitConfig(env: Record<string, string | undefined> = process.env): RateLimitConfig {
  const production = isProduction(env);
  const config = {
    anonymous: integer('RATE_LIMIT_ANONYMOUS', production ? 600 : 0, env, [0, 100_000_000]),
    keyed: integer('RATE_LIMIT_KEYED', production ? 6_000 : 0, env, [0, 100_000_000]),
    windowS: integer('RATE_LIMIT_WINDOW_S', 60, env, [1, 86_400]),
    trustedProxyHops: integer('TRUST_PROXY_HOPS', 0, env, [0, 10]),
  };
  if (config.anonymous > 0 && config.keyed > 0 && config.keyed < config.anonymous) {
    throw new ConfigError(`RATE_LIMIT_KEYED (${config.keyed}) must not be below RATE_LIMIT_ANONYMOUS (${config.anonymous}): a key would make its holder poorer than no key`);
  }
  return config;
}

/**
 * The client's address: the socket's peer, or, behind `hops` trusted proxies, the address the
 * outermost trusted one saw (the `hops`-th entry from the right of `X-Forwarded-For`: entries
 * further left were written by the client itself and prove nothing).
 */
export function clientAddress(request: Pick<http.IncomingMessage, 'headers' | 'socket'>, hops: number): string {
  const peer = request.socket?.remoteAddress ?? 'unknown';
  if (hops === 0) return peer;
  const header = request.headers['x-forwarded-for'];
  const entries = (Array.isArray(header) ? header.join(',') : header ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  if (entries.length === 0) return peer;
  return entries[Math.max(0, entries.length - hops)]!;
}

/** Whose budget a request spends, and how large it is; null for callers never limited. */
export function budgetOf(identity: Identity, address: string, config: RateLimitConfig): { key: string; limit: number } | null {
  // The gateway's own operations (subscription reads) were counted when their subscription started.
  if (identity.source === 'internal') return null;
  if (identity.source === 'anonymous') return config.anonymous > 0 ? { key: `ip:${address}`, limit: config.anonymous } : null;
  if (config.keyed === 0) return null;
  return { key: identity.keyId !== undefined ? `key:${identity.keyId}` : `${identity.source}:${identity.subject}`, limit: config.keyed };
}

/** One caller's budget after a request. */
export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  /** Whole requests left now. */
  remaining: number;
  /** Seconds until the next request would be allowed (0 when it would be now). */
  retryAfterS: number;
  /** Seconds until the budget is full again. */
  resetS: number;
  windowS: number;
}

/** A token bucket: `tokens` (fractional) as of `at` (epoch ms). */
export interface Bucket {
  tokens: number;
  at: number;
}

/** One caller's budget after a request, from the tokens left in a bucket of `limit` refilled over `windowMs`. */
function decisionOf(allowed: boolean, tokens: number, limit: number, windowMs: number): RateLimitDecision {
  const perMs = limit / windowMs;
  return {
    allowed,
    limit,
    remaining: Math.floor(tokens),
    retryAfterS: allowed ? 0 : Math.ceil((1 - tokens) / perMs / 1000),
    resetS: Math.ceil((limit - tokens) / perMs / 1000),
    windowS: windowMs / 1000,
  };
}

/**
 * Takes one token from a bucket of `limit` tokens that refills at `limit` per `windowMs`
 * (a missing bucket is full): a burst of a whole budget is allowed, then one request per
 * `windowMs / limit`. The same arithmetic as TAKE_TOKEN_SCRIPT, which runs it inside Redis.
 */
export function takeToken(bucket: Bucket | undefined, now: number, limit: number, windowMs: number): { bucket: Bucket; decision: RateLimitDecision } {
  let tokens = bucket ? Math.min(limit, bucket.tokens + Math.max(0, now - bucket.at) * (limit / windowMs)) : limit;
  const allowed = tokens >= 1;
  if (allowed) tokens -= 1;
  return { bucket: { tokens, at: now }, decision: decisionOf(allowed, tokens, limit, windowMs) };
}

/**
 * takeToken inside Redis, atomic across every gateway, on Redis's clock (gateways' clocks may
 * differ). KEYS[1] the bucket; ARGV limit, window in ms. Returns allowed (0/1), tokens left as
 * a string (Lua numbers become integers on the way out), and nothing else: the caller derives
 * the rest with decisionOf, as takeToken does.
 */
const TAKE_TOKEN_SCRIPT = `
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = limit
if state[1] then
  tokens = math.min(limit, tonumber(state[1]) + math.max(0, now - tonumber(state[2])) * limit / window)
end
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], window)
return { allowed, tostring(tokens) }
`;

/** Buckets kept per process at most (fallback, or no Redis); the least recently used go first. */
const MAX_LOCAL_BUCKETS = 100_000;

export interface RateLimiter {
  /** Spends one request of the caller's budget; null when the caller is not limited. */
  take(identity: Identity, address: string): Promise<RateLimitDecision | null>;
  readonly config: RateLimitConfig;
}

type TakeTokenCommand = (key: string, limit: number, windowMs: number) => Promise<[number, string]>;

/**
 * The budgets: in Redis (one budget for all gateways) when `shared` is given and answers, else
 * in this process (with N gateways and Redis down, a caller may spend up to N budgets until
 * Redis is back).
 */
export function createRateLimiter(config: RateLimitConfig, shared: SharedState | null, options: { now?: () => number; logger?: Logger } = {}): RateLimiter {
  const now = options.now ?? Date.now;
  const windowMs = config.windowS * 1000;
  const local = new Map<string, Bucket>();
  let takeShared: TakeTokenCommand | null = null;
  if (shared) {
    // defineCommand sends the script once (EVALSHA after), and again if Redis forgot it.
    shared.commands.defineCommand('azgTakeToken', { numberOfKeys: 1, lua: TAKE_TOKEN_SCRIPT });
    const command = (shared.commands as unknown as { azgTakeToken: TakeTokenCommand }).azgTakeToken.bind(shared.commands);
    takeShared = (key, limit, ms) => command(`${shared.prefix}rate-limit:${key}`, limit, ms);
  }
  const takeLocal = (key: string, limit: number): RateLimitDecision => {
    const { bucket, decision } = takeToken(local.get(key), now(), limit, windowMs);
    local.delete(key);
    local.set(key, bucket);
    if (local.size > MAX_LOCAL_BUCKETS) local.delete(local.keys().next().value!);
    return decision;
  };
  return {
    config,
    async take(identity, address) {
      const budget = budgetOf(identity, address, config);
      if (!budget) return null;
      if (takeShared && shared?.up()) {
        try {
          const [allowed, left] = await takeShared(budget.key, budget.limit, windowMs);
          return decisionOf(allowed === 1, Number(left), budget.limit, windowMs);
        } catch (error) {
          // Counted here instead; the shared state logs Redis's state changes once.
          options.logger?.debug({ err: error }, 'rate limit: Redis did not answer, counting in this process');
        }
      }
      return takeLocal(budget.key, budget.limit);
    },
  };
}

/** The IETF draft's headers (draft-ietf-httpapi-ratelimit-headers): the budget, what is left, when it is full again. */
export function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  return {
    'ratelimit-limit': String(decision.limit),
    'ratelimit-remaining': String(decision.remaining),
    'ratelimit-reset': String(decision.resetS),
    'ratelimit-policy': `${decision.limit};w=${decision.windowS}`,
  };
}

/** The headers of a refusal: the budget's, and Retry-After. */
function refusalHeaders(decision: RateLimitDecision): Record<string, string> {
  return { ...rateLimitHeaders(decision), 'retry-after': String(decision.retryAfterS) };
}

/** The refusal: `RATE_LIMITED` with `retryAfterSeconds`; with `http`, as Apollo sends it (HTTP 429 and the refusal's headers). */
export function rateLimitedError(decision: RateLimitDecision, http = true): GraphQLError {
  return new GraphQLError(`Too many requests: this caller may send ${decision.limit} per ${decision.windowS} s; try again in ${decision.retryAfterS} s.`, {
    extensions: {
      code: RATE_LIMITED,
      retryAfterSeconds: decision.retryAfterS,
      ...(http ? { http: { status: 429, headers: new HeaderMap(Object.entries(refusalHeaders(decision))) } } : {}),
    },
  });
}

/** Counts subscriptions and other operations started over WebSocket or server-sent events (the live server's `admit`). */
export function liveRateLimit(limiter: RateLimiter) {
  return async (identity: Identity, peer: http.IncomingMessage): Promise<{ error: GraphQLError; headers: Record<string, string> } | null> => {
    const decision = await limiter.take(identity, clientAddress(peer, limiter.config.trustedProxyHops));
    if (!decision || decision.allowed) return null;
    return { error: rateLimitedError(decision, false), headers: refusalHeaders(decision) };
  };
}

/**
 * Counts HTTP operations: `check` runs when a request's context is built (after
 * authentication, before parsing: a refused request costs nothing more) and throws the refusal;
 * `plugin` puts the budget's headers on every answer it counted.
 */
export function httpRateLimit(limiter: RateLimiter) {
  const decisions = new WeakMap<object, RateLimitDecision>();
  return {
    async check(identity: Identity, request: http.IncomingMessage, requestInfo: object): Promise<void> {
      const decision = await limiter.take(identity, clientAddress(request, limiter.config.trustedProxyHops));
      if (!decision) return;
      if (!decision.allowed) throw rateLimitedError(decision);
      decisions.set(requestInfo, decision);
    },
    plugin(): ApolloServerPlugin<{ request: object }> {
      return {
        async requestDidStart({ contextValue }) {
          return {
            async willSendResponse({ response }) {
              const decision = decisions.get(contextValue.request);
              if (!decision) return;
              for (const [name, value] of Object.entries(rateLimitHeaders(decision))) response.http.headers.set(name, value);
            },
          };
        },
      };
    },
  };
}
