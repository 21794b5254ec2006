import { Agent, fetch as undiciFetch, Response } from 'undici';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';

type Fetcher = RemoteGraphQLDataSource['fetcher'];

/**
 * Header by which a data source tells the fetcher its request's deadline (epoch milliseconds).
 * Internal to the gateway: the fetcher takes it off before the request leaves.
 */
export const DEADLINE_HEADER = 'x-azg-deadline';

export interface SubgraphFetcherOptions {
  /** SUBGRAPH_TIMEOUT_MS: the most one fetch may take. */
  timeoutMs: number;
  /** SUBGRAPH_MAX_CONNECTIONS: open connections to one subgraph at most; more requests queue. */
  maxConnections: number;
}

export interface SubgraphFetcher {
  fetcher: Fetcher;
  /** Closes the pooled connections (after the gateway has stopped sending). */
  close(): Promise<void>;
}

/**
 * A subgraph answers 400 when what it was sent fails there: a custom scalar (`Tenge`,
 * `Decimal`) that the gateway cannot check refuses a value, or a subgraph's own limit. Its body
 * is still a GraphQL answer whose errors say what was wrong; passed on as one (status 200), the
 * client reads those errors, not "Subgraph is unavailable", which is kept for real outages.
 */
async function asGraphQLAnswer(response: Response): Promise<Response> {
  if (response.status !== 400 || !(response.headers.get('content-type') ?? '').includes('json')) return response;
  const text = await response.text();
  let errors: unknown;
  try {
    errors = (JSON.parse(text) as { errors?: unknown }).errors;
  } catch {
    errors = undefined;
  }
  const status = Array.isArray(errors) && errors.length > 0 ? 200 : 400;
  return new Response(text, { status, headers: response.headers });
}

/**
 * How the gateway reaches its subgraphs: one undici agent whose per-origin pools keep
 * connections alive between fetches (no TCP handshake per fetch), each fetch bounded by the
 * sooner of SUBGRAPH_TIMEOUT_MS and what is left of the client request's own deadline.
 */
export function createSubgraphFetcher(options: SubgraphFetcherOptions): SubgraphFetcher {
  const agent = new Agent({
    connections: options.maxConnections,
    // Shorter than the subgraphs' own keep-alive (65 s), so the gateway never reuses a socket the server is closing.
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 60_000,
  });
  const fetcher = ((url: string, init: { headers?: Record<string, string> } & Record<string, unknown> = {}) => {
    const { [DEADLINE_HEADER]: deadline, ...headers } = init.headers ?? {};
    const remaining = deadline === undefined ? Number.POSITIVE_INFINITY : Number(deadline) - Date.now();
    const timeoutMs = Math.max(0, Math.min(options.timeoutMs, remaining));
    return undiciFetch(url, { ...init, headers, dispatcher: agent, signal: AbortSignal.timeout(timeoutMs) } as Parameters<typeof undiciFetch>[1])
      .then(asGraphQLAnswer);
  }) as unknown as Fetcher;
  return { fetcher, close: () => agent.close() };
}
