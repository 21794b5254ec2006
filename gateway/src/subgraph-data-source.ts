import { performance } from 'node:perf_hooks';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ANONYMOUS, type Identity } from '@azg/core/identity';
import { type Logger, REQUEST_ID_HEADER, type Tracing } from '@azg/core/observability';
import { type RequestInfo, SQL_STATS_HEADER } from '@azg/core/server';
import type { AccessServices } from './access/api-key.resolver';
import { SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { SubgraphMetrics } from './observability/subgraph-metrics';
import { CALLER_HEADER, callerKey, DEADLINE_HEADER, SIGNING_HEADER, signingFetcher, type SigningClaims } from './subgraph-fetch';
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
  /** The request as the HTTP front saw it: id, logger, trace context, deadline. */
  request: RequestInfo;
  /** The caller, as the gateway authenticated it; signed onto every subgraph fetch. */
  identity: Identity;
  /** API keys and their audit log, for the in-process access subgraph; null where the gateway has no database (unit tests). */
  access: AccessServices | null;
}

export interface SubgraphDataSourceOptions {
  serviceName: string;
  url: string;
  /** Sends the fetch; see `createSubgraphFetcher` (pooled, bounded by a deadline). */
  fetcher: Fetcher;
  /** Where the cause of a failed fetch is written; the client never sees it. */
  logger: Logger;
  metrics: SubgraphMetrics;
  tracing: Tracing;
  /** AZG_IDENTITY_SECRET: signs the caller's identity onto every fetch, over the fetch itself (see `signingFetcher`). */
  identitySecret: string;
}

/** SIGNING_HEADER's value. */
function signingClaims(claims: SigningClaims): string {
  return JSON.stringify(claims);
}

function isGatewayContext(context: unknown): context is GatewayContext {
  return typeof context === 'object' && context !== null && 'subgraphFetches' in context;
}

/**
 * How the gateway talks to one subgraph: at the configured URL, within a deadline, carrying the
 * request's id and trace context, asking for SQL statistics when the client did, counting and
 * timing every fetch, and turning any failed fetch into an error that names the subgraph and
 * nothing else.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly serviceName: string;
  private readonly logger: Logger;
  private readonly metrics: SubgraphMetrics;
  private readonly tracing: Tracing;
  /** Each fetch's span, from `process` (which starts it) to `willSendRequest` (which sends its context). */
  private readonly spans = new WeakMap<object, Span>();

  constructor(options: SubgraphDataSourceOptions) {
    super({ url: options.url, fetcher: signingFetcher(options.fetcher, options.identitySecret) });
    this.serviceName = options.serviceName;
    this.logger = options.logger;
    this.metrics = options.metrics;
    this.tracing = options.tracing;
  }

  /**
   * Wraps every fetch. Apollo calls `process` as it starts a fetch, walking the query plan;
   * taking the fetch's place in `subgraphFetches` here, rather than when its answer arrives,
   * keeps the list in plan order whichever subgraph answers first.
   */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const context = isGatewayContext(options.context) ? options.context : undefined;
    const entry: SubgraphFetch | undefined = context?.reportSqlStats ? { service: this.serviceName, sqlStatements: null } : undefined;
    if (entry) context!.subgraphFetches.push(entry);
    const span = this.tracing.enabled && context
      ? this.tracing.tracer.startSpan(`subgraph ${this.serviceName}`, {
        kind: SpanKind.CLIENT,
        attributes: { 'azg.subgraph': this.serviceName, 'server.address': new URL(this.url).host },
      }, context.request.trace)
      : undefined;
    if (span) this.spans.set(options.request, span);
    const started = performance.now();
    let result: 'ok' | 'error' | 'failed' = 'failed';
    try {
      const response = await super.process(options);
      result = response.errors?.length ? 'error' : 'ok';
      const reported = response.extensions?.sqlStatements;
      if (entry) entry.sqlStatements = typeof reported === 'number' ? reported : null;
      return response;
    } finally {
      this.metrics.fetches.inc({ subgraph: this.serviceName, result });
      this.metrics.fetchDuration.observe({ subgraph: this.serviceName }, (performance.now() - started) / 1000);
      if (span) {
        span.setAttribute('azg.result', result);
        if (result === 'failed') span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      }
    }
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = options.request.http?.headers;
    if (!headers) return;
    if (!isGatewayContext(options.context)) {
      // Not a client's request (none is made today): the subgraph still needs a signature to answer.
      headers.set(SIGNING_HEADER, signingClaims({ identity: { ...ANONYMOUS, subject: 'gateway', source: 'internal' }, requestId: 'gateway' }));
      return;
    }
    const { request, reportSqlStats, acceptLanguage, identity } = options.context;
    // Every fetch carries the caller and the operation's label, signed by the fetcher over the
    // exact request: subgraphs refuse any request without a valid signature made for it.
    headers.set(SIGNING_HEADER, signingClaims({ identity, requestId: request.id, operation: request.operationLabel }));
    // Read by the fetcher alone, which shares a fetch only within one caller and never sends this on.
    headers.set(CALLER_HEADER, callerKey(identity));
    // Subgraphs answer names in the client's language; each parses the header itself.
    if (acceptLanguage !== null) headers.set('accept-language', acceptLanguage);
    headers.set(REQUEST_ID_HEADER, request.id);
    headers.set(DEADLINE_HEADER, String(request.deadline));
    const span = this.spans.get(options.request);
    this.tracing.inject(span ? trace.setSpan(request.trace, span) : request.trace, (name, value) => headers.set(name, value));
    if (reportSqlStats) headers.set(SQL_STATS_HEADER, '1');
  }

  override didEncounterError(error: Error, _fetchRequest?: unknown, _fetchResponse?: unknown, context?: GatewayContext): never {
    const log = context?.request.log ?? this.logger;
    log.warn({ subgraph: this.serviceName, cause: describeFetchFailure(error) }, `subgraph "${this.serviceName}" fetch failed: ${describeFetchFailure(error)}`);
    throw new SubgraphUnavailableError(this.serviceName, error);
  }
}
