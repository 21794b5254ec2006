import { type Identity, IDENTITY_HEADER } from '@azg/core/identity';
import { Agent, type Dispatcher } from 'undici';

/** What the data source passes a fetcher: a POST with a JSON body it has already written and signed. */
export type FetchInit = { method?: string; headers?: Record<string, string>; body?: string };

/** Sends one subgraph fetch (see `createSubgraphFetcher`). */
export type SubgraphFetch = (url: string, init: FetchInit) => Promise<SubgraphResponse>;

/**
 * Header by which a data source tells the fetcher its request's deadline (epoch milliseconds).
 * Internal to the gateway: the fetcher takes it off before the request leaves.
 */
export const DEADLINE_HEADER = 'x-azg-deadline';

/**
 * Header by which a data source tells the fetcher who the request's caller is (see `callerKey`),
 * so that identical queries share a fetch only within one caller. Internal to the gateway like
 * the deadline: the fetcher takes it off before the request leaves, and the subgraph learns the
 * caller from the signed identity header alone.
 */
export const CALLER_HEADER = 'x-azg-caller';

/** What tells two callers apart (never a credential): the subject, role, source and key id the identity header signs. */
export function callerKey(identity: Identity): string {
  return JSON.stringify([identity.subject, identity.role, identity.source, identity.keyId ?? null]);
}

export interface SubgraphFetcherOptions {
  /** SUBGRAPH_TIMEOUT_MS: the most one fetch may take. */
  timeoutMs: number;
  /** SUBGRAPH_MAX_CONNECTIONS: open connections to one subgraph at most; more requests queue. */
  maxConnections: number;
  /** SUBGRAPH_DEDUPLICATE: identical queries to one subgraph while one is in flight share its answer. */
  deduplicate?: boolean;
}

export interface SubgraphFetcher {
  fetcher: SubgraphFetch;
  /** Closes the pooled connections (after the gateway has stopped sending). */
  close(): Promise<void>;
}

/**
 * What the data source reads of a subgraph's answer (`ok`, `status`, `headers.get`, `json`,
 * `text`), over a body already read whole. Cheaper than a WHATWG `Response`, which the gateway
 * would build, and the data source parse, on every fetch.
 */
export class SubgraphResponse {
  readonly ok: boolean;
  readonly statusText = '';
  readonly redirected = false;
  readonly headers: { get(name: string): string | null; has(name: string): boolean; forEach(callback: (value: string, name: string) => void): void };

  constructor(readonly url: string, readonly status: number, rawHeaders: Record<string, string | string[] | undefined>, private readonly body: string) {
    this.ok = status >= 200 && status < 300;
    const get = (name: string) => {
      const value = rawHeaders[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    };
    this.headers = {
      get,
      has: (name) => get(name) !== null,
      forEach: (callback) => {
        for (const name of Object.keys(rawHeaders)) callback(get(name)!, name);
      },
    };
  }

  async text(): Promise<string> {
    return this.body;
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.body);
  }
}

/**
 * A subgraph answers 400 when what it was sent fails there: a custom scalar (`Tenge`,
 * `Decimal`) that the gateway cannot check refuses a value, or a subgraph's own limit. Its body
 * is still a GraphQL answer whose errors say what was wrong; passed on as one (status 200), the
 * client reads those errors, not "Subgraph is unavailable", which is kept for real outages.
 */
function graphQLStatus(status: number, contentType: string | null, body: string): number {
  if (status !== 400 || !(contentType ?? '').includes('json')) return status;
  try {
    const errors = (JSON.parse(body) as { errors?: unknown }).errors;
    return Array.isArray(errors) && errors.length > 0 ? 200 : 400;
  } catch {
    return 400;
  }
}

/**
 * Headers that differ per client request but never change a subgraph's answer. The identity
 * header is signed per request (its time, request id and nonce); the caller it names is in CALLER_HEADER.
 */
const PER_REQUEST_HEADERS = new Set([DEADLINE_HEADER, IDENTITY_HEADER, 'x-request-id', 'traceparent', 'tracestate']);

/**
 * The key under which identical subgraph queries share one fetch: URL, body and every header
 * that may change the answer (language, and the caller the gateway vouches for). Only queries
 * of a known caller: a mutation (or anything not plainly a query), or a fetch whose caller the
 * data source did not say, is always sent itself.
 */
function deduplicationKey(url: string, init: FetchInit): string | undefined {
  if (init.body === undefined || !(init.body.startsWith('{"query":"query') || init.body.startsWith('{"query":"{'))) return undefined;
  if (init.headers?.[CALLER_HEADER] === undefined) return undefined;
  const headers = Object.entries(init.headers)
    .filter(([name]) => !PER_REQUEST_HEADERS.has(name.toLowerCase()))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  // The body last and as it is: quoted inside JSON, a page's representations were escaped once more for every fetch.
  return `${JSON.stringify([url, init.method ?? 'POST', headers])}\n${init.body}`;
}

/**
 * How the gateway reaches its subgraphs: one undici agent whose per-origin pools keep
 * connections alive between fetches (no TCP handshake per fetch), each fetch bounded by the
 * sooner of SUBGRAPH_TIMEOUT_MS and what is left of the client request's own deadline.
 * It uses undici's `request`, not `fetch`: the profile under the bench's load showed `fetch`
 * writing every request body as a stream, chunk by chunk (a tenth of the gateway's time in
 * `writev`), and building WHATWG Request/Response objects for every fetch. Identical queries in
 * flight at once share one fetch (each caller still parses its own copy of the answer), as Hive
 * Gateway does by default: many clients asking the same page at once cost the subgraph one answer.
 */
export function createSubgraphFetcher(options: SubgraphFetcherOptions): SubgraphFetcher {
  const agent = new Agent({
    connections: options.maxConnections,
    // Shorter than the subgraphs' own keep-alive (65 s), so the gateway never reuses a socket the server is closing.
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 60_000,
  });
  const send = async (url: string, init: FetchInit) => {
    const { [DEADLINE_HEADER]: deadline, [CALLER_HEADER]: _caller, ...headers } = init.headers ?? {};
    const remaining = deadline === undefined ? Number.POSITIVE_INFINITY : Number(deadline) - Date.now();
    const timeoutMs = Math.max(0, Math.min(options.timeoutMs, remaining));
    const target = new URL(url);
    const response = await agent.request({
      origin: target.origin,
      path: target.pathname + target.search,
      method: (init.method ?? 'POST') as Dispatcher.HttpMethod,
      headers,
      body: init.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await response.body.text();
    const contentType = response.headers['content-type'];
    const status = graphQLStatus(response.statusCode, Array.isArray(contentType) ? contentType.join(', ') : contentType ?? null, body);
    return new SubgraphResponse(url, status, response.headers, body);
  };
  const inFlight = new Map<string, Promise<SubgraphResponse>>();
  const fetcher: SubgraphFetch = (url, init) => {
    const key = options.deduplicate === false ? undefined : deduplicationKey(url, init);
    if (key === undefined) return send(url, init);
    const pending = inFlight.get(key);
    if (pending) return pending;
    const sent = send(url, init).finally(() => inFlight.delete(key));
    inFlight.set(key, sent);
    return sent;
  };
  return { fetcher, close: () => agent.close() };
}
