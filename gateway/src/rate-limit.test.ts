import type http from 'node:http';
import { ANONYMOUS, type Identity } from '@azg/core/identity';
import { readServerSettings } from '@azg/core/server';
import { readGatewayConfig } from './config';
import {
  budgetOf, clientAddress, createRateLimiter, RATE_LIMITED, rateLimitedError, rateLimitHeaders, readRateLimitConfig, takeToken, type RateLimitConfig,
} from './rate-limit';
import { createGateway } from './server';
import { testRedis } from '../../tests/support/redis';
import { startFakeSubgraphs } from './test/fake-subgraphs';
import { standInAccess } from './test/stand-in-access';

/** Rate limits: the bucket's arithmetic, whose budget a request spends, and the refusal as a client sees it. */
const CONFIG: RateLimitConfig = { anonymous: 4, keyed: 8, windowS: 40, trustedProxyHops: 0 };
const PARTNER: Identity = { subject: 'a partner', role: 'partner', source: 'api-key', keyId: 'k1' };

function peer(address: string, forwardedFor?: string): Pick<http.IncomingMessage, 'headers' | 'socket'> {
  return { socket: { remoteAddress: address } as http.IncomingMessage['socket'], headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } };
}

describe('takeToken', () => {
  const windowMs = 40_000;

  it('allows a whole budget at once, then refuses, saying when the next token comes', () => {
    let bucket;
    const remaining: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const taken = takeToken(bucket, 1_000, 4, windowMs);
      expect(taken.decision.allowed).toBe(true);
      remaining.push(taken.decision.remaining);
      bucket = taken.bucket;
    }
    expect(remaining).toEqual([3, 2, 1, 0]);
    const refused = takeToken(bucket, 1_000, 4, windowMs);
    // One token every 10 s; the budget is full again after a whole window.
    expect(refused.decision).toEqual({ allowed: false, limit: 4, remaining: 0, retryAfterS: 10, resetS: 40, windowS: 40 });
  });

  it('refills at limit per window, never past the limit', () => {
    const empty = { tokens: 0, at: 0 };
    expect(takeToken(empty, 9_999, 4, windowMs).decision.allowed).toBe(false);
    const after = takeToken(empty, 10_000, 4, windowMs);
    expect(after.decision).toMatchObject({ allowed: true, remaining: 0 });
    expect(takeToken(empty, 10 * windowMs, 4, windowMs).bucket.tokens).toBe(3);
  });

  it('does not refill backwards when a clock steps back', () => {
    expect(takeToken({ tokens: 0.5, at: 5_000 }, 1_000, 4, windowMs).bucket.tokens).toBe(0.5);
  });
});

describe('whose budget a request spends', () => {
  it('is the API key, the token subject, or the anonymous client address; the gateway itself spends none', () => {
    expect(budgetOf(PARTNER, '10.0.0.1', CONFIG)).toEqual({ key: 'key:k1', limit: 8 });
    expect(budgetOf({ subject: 'ana', role: 'editor', source: 'jwt' }, '10.0.0.1', CONFIG)).toEqual({ key: 'jwt:ana', limit: 8 });
    expect(budgetOf(ANONYMOUS, '10.0.0.1', CONFIG)).toEqual({ key: 'ip:10.0.0.1', limit: 4 });
    expect(budgetOf({ subject: 'gateway', role: 'admin', source: 'internal' }, '10.0.0.1', CONFIG)).toBeNull();
    expect(budgetOf(ANONYMOUS, '10.0.0.1', { ...CONFIG, anonymous: 0 })).toBeNull();
    expect(budgetOf(PARTNER, '10.0.0.1', { ...CONFIG, keyed: 0 })).toBeNull();
  });

  it('believes X-Forwarded-For only as far as the trusted proxies wrote it', () => {
    expect(clientAddress(peer('10.0.0.9', '203.0.113.7'), 0)).toBe('10.0.0.9');
    expect(clientAddress(peer('10.0.0.9', '203.0.113.7'), 1)).toBe('203.0.113.7');
    // A client that sends its own header cannot choose its address: the balancer appended the real one.
    expect(clientAddress(peer('10.0.0.9', '1.2.3.4, 203.0.113.7'), 1)).toBe('203.0.113.7');
    expect(clientAddress(peer('10.0.0.9', '1.2.3.4, 203.0.113.7, 10.0.0.8'), 2)).toBe('203.0.113.7');
    expect(clientAddress(peer('10.0.0.9'), 1)).toBe('10.0.0.9');
  });
});

describe('the rate limit settings', () => {
  it('limit in production by default, not elsewhere, and take 0 as off', () => {
    expect(readRateLimitConfig({ NODE_ENV: 'production' })).toEqual({ anonymous: 600, keyed: 6_000, windowS: 60, trustedProxyHops: 0 });
    expect(readRateLimitConfig({})).toMatchObject({ anonymous: 0, keyed: 0 });
    expect(readRateLimitConfig({ NODE_ENV: 'production', RATE_LIMIT_ANONYMOUS: '0', TRUST_PROXY_HOPS: '1' })).toMatchObject({ anonymous: 0, keyed: 6_000, trustedProxyHops: 1 });
    expect(() => readRateLimitConfig({ RATE_LIMIT_WINDOW_S: '0' })).toThrow(/RATE_LIMIT_WINDOW_S/);
    expect(() => readRateLimitConfig({ RATE_LIMIT_ANONYMOUS: '100', RATE_LIMIT_KEYED: '10' })).toThrow(/RATE_LIMIT_KEYED \(10\) must not be below/);
  });
});

describe('the refusal', () => {
  it('is RATE_LIMITED with retryAfterSeconds, HTTP 429, Retry-After and the budget headers', () => {
    const decision = { allowed: false, limit: 4, remaining: 0, retryAfterS: 10, resetS: 40, windowS: 40 };
    expect(rateLimitHeaders(decision)).toEqual({ 'ratelimit-limit': '4', 'ratelimit-remaining': '0', 'ratelimit-reset': '40', 'ratelimit-policy': '4;w=40' });
    const error = rateLimitedError(decision);
    expect(error.extensions).toMatchObject({ code: RATE_LIMITED, retryAfterSeconds: 10, http: { status: 429 } });
    expect((error.extensions.http as { headers: Map<string, string> }).headers.get('retry-after')).toBe('10');
    expect(rateLimitedError(decision, false).extensions).toEqual({ code: RATE_LIMITED, retryAfterSeconds: 10 });
  });

  it('reaches an HTTP client as 429 through the gateway, and every counted answer carries the budget', async () => {
    const fake = await startFakeSubgraphs(readServerSettings({}));
    const access = standInAccess((headers) => (headers.authorization ? PARTNER : ANONYMOUS));
    const gateway = await createGateway({ ...readGatewayConfig({}), port: 0 }, {
      supergraphSdl: fake.supergraphSdl, access, rateLimiter: createRateLimiter({ ...CONFIG, anonymous: 2 }, null),
    }).listen();
    const post = (headers: Record<string, string> = {}) => fetch(gateway.url, {
      method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ node { id } }' }),
    });
    try {
      const first = await post();
      expect(first.status).toBe(200);
      expect([first.headers.get('ratelimit-limit'), first.headers.get('ratelimit-remaining')]).toEqual(['2', '1']);
      expect((await post()).status).toBe(200);
      const refused = await post();
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('20');
      expect(refused.headers.get('ratelimit-remaining')).toBe('0');
      expect(await refused.json()).toEqual({ errors: [expect.objectContaining({ extensions: { code: RATE_LIMITED, retryAfterSeconds: 20 } })] });
      // Another caller has a budget of its own.
      const keyed = await post({ authorization: 'ApiKey stand-in' });
      expect(keyed.status).toBe(200);
      expect(keyed.headers.get('ratelimit-limit')).toBe('8');
      // Operational endpoints are never counted.
      expect((await fetch(new URL('/healthz', gateway.url))).status).toBe(200);
    } finally {
      await gateway.close(0);
      await fake.close();
    }
  });
});

describe('budgets in Redis (127.0.0.1:6379)', () => {
  const redis = testRedis();
  const { url, prefix, open } = redis;

  afterAll(async () => {
    await redis.cleanUp();
  });

  it('are one budget for two limiters (two gateways), counted by the same arithmetic as in a process', async () => {
    const [one, other] = [open(), open()];
    expect(await Promise.all([one.ready(5_000), other.ready(5_000)])).toEqual([true, true]);
    const limiters = [createRateLimiter(CONFIG, one), createRateLimiter(CONFIG, other)];
    const address = `198.51.100.${Math.floor(Math.random() * 250)}`;
    const decisions = [];
    for (let i = 0; i < 5; i += 1) decisions.push(await limiters[i % 2]!.take(ANONYMOUS, address));
    expect(decisions.map((decision) => decision?.allowed)).toEqual([true, true, true, true, false]);
    expect(decisions.slice(0, 4).map((decision) => decision?.remaining)).toEqual([3, 2, 1, 0]);
    expect(decisions[4]).toMatchObject({ limit: 4, remaining: 0, windowS: 40 });
    // Redis's clock has moved on a little since the first token: the wait is at most one token's 10 s.
    expect(decisions[4]!.retryAfterS).toBeGreaterThan(0);
    expect(decisions[4]!.retryAfterS).toBeLessThanOrEqual(10);
    expect((await limiters[0]!.take(PARTNER, address))?.allowed).toBe(true);
  });

  it('fall back to the process when Redis does not answer, and still answer', async () => {
    const unreachable = open('redis://127.0.0.1:1');
    expect(await unreachable.ready(300)).toBe(false);
    const limiter = createRateLimiter(CONFIG, unreachable);
    const decisions = [];
    for (let i = 0; i < 5; i += 1) decisions.push((await limiter.take(ANONYMOUS, '192.0.2.1'))?.allowed);
    expect(decisions).toEqual([true, true, true, true, false]);
  });
});
