import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { SQL_STATS_HEADER } from '@azg/core';
import { describeFetchFailure, SubgraphUnavailableError } from './subgraph-errors';

// Derived rather than imported, so the gateway depends on @apollo/gateway alone for these types.
type Fetcher = RemoteGraphQLDataSource['fetcher'];
type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/** What one subgraph fetch cost, as the subgraph reported it (`null` when it did not say, or failed). */
export interface SubgraphFetch {
  service: string;
  sqlStatements: number | null;
}

/** The gateway's per-request context; it dies with the request. */
export interface GatewayContext {
  /** The client sent `x-azg-sql-stats: 1` and this is not production. */
  reportSqlStats: boolean;
  /** Every subgraph fetch of this request, in query-plan order. */
  subgraphFetches: SubgraphFetch[];
  /** The client's `Accept-Language` header, passed on to every subgraph; null when it sent none. */
  acceptLanguage: string | null;
}

/**
 * Native fetch (undici) with a deadline. undici keeps a pool of keep-alive connections per
 * origin, so consecutive fetches to a subgraph reuse sockets instead of paying a TCP handshake
 * each; the deadline covers the whole exchange, body included.
 */
export function fetchWithTimeout(timeoutMs: number): Fetcher {
  return (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
}

export interface SubgraphDataSourceOptions {
  serviceName: string;
  url: string;
  timeoutMs: number;
  /** Where the cause of a failed fetch is written; the client never sees it. */
  log: (line: string) => void;
}

function isGatewayContext(context: unknown): context is GatewayContext {
  return typeof context === 'object' && context !== null && 'subgraphFetches' in context;
}

/**
 * How the gateway talks to one subgraph: at the configured URL, within a deadline, asking for
 * SQL statistics when the client did, and turning any failed fetch into an error that names
 * the subgraph and nothing else.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly serviceName: string;
  private readonly log: (line: string) => void;

  constructor(options: SubgraphDataSourceOptions) {
    super({ url: options.url, fetcher: fetchWithTimeout(options.timeoutMs) });
    this.serviceName = options.serviceName;
    this.log = options.log;
  }

  /**
   * Wraps every fetch. Apollo calls `process` as it starts a fetch, walking the query plan;
   * taking the fetch's place in `subgraphFetches` here, rather than when its answer arrives,
   * keeps the list in plan order whichever subgraph answers first.
   */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    if (!isGatewayContext(options.context) || !options.context.reportSqlStats) return super.process(options);
    const entry: SubgraphFetch = { service: this.serviceName, sqlStatements: null };
    options.context.subgraphFetches.push(entry);
    const response = await super.process(options);
    const reported = response.extensions?.sqlStatements;
    entry.sqlStatements = typeof reported === 'number' ? reported : null;
    return response;
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!isGatewayContext(options.context)) return;
    if (options.context.reportSqlStats) options.request.http?.headers.set(SQL_STATS_HEADER, '1');
    // Subgraphs answer names in the client's language; each parses the header itself.
    if (options.context.acceptLanguage !== null) options.request.http?.headers.set('accept-language', options.context.acceptLanguage);
  }

  override didEncounterError(error: Error): never {
    this.log(`subgraph "${this.serviceName}" fetch failed: ${describeFetchFailure(error)}`);
    throw new SubgraphUnavailableError(this.serviceName, error);
  }
}
