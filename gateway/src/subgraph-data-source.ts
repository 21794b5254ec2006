import { performance } from 'node:perf_hooks';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { formatWalPosition, READ_AFTER_POSITION_HEADER, WAL_POSITION_HEADER } from '@azg/core/database';
import { ANONYMOUS, IDENTITY_HEADER, type Identity, signIdentity } from '@azg/core/identity';
import { type Logger, REQUEST_ID_HEADER, type Tracing } from '@azg/core/observability';
import { type RequestInfo, SQL_STATS_HEADER } from '@azg/core/server';
import type { AccessServices } from './access/api-key.resolver';
import type { DeferredDelivery } from './defer';
import { SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { SubgraphMetrics } from './observability/subgraph-metrics';
import { CALLER_HEADER, callerKey, DEADLINE_HEADER, type SubgraphFetch as Fetch } from './subgraph-fetch';
import { describeFetchFailure, SubgraphUnavailableError } from './subgraph-errors';
import { type EntityBatch, uniqueRepresentations } from './entity-representations';
import type { ReadConsistency } from './read-your-writes';

type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

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
  /**
   * The gateway made this operation itself from one it had admitted (a subscription event's
   * record read through the graph, a subscription filter's check): the safelist does not judge it again.
   */
  derived: boolean;
  /** Where the later parts of an answer with @defer are left for the HTTP front, which streams them after the first. */
  deferred: DeferredDelivery;
  /** The WAL positions this operation must read at or after, per subgraph, and those its writes reached (see read-your-writes.ts). */
  consistency?: ReadConsistency;
}

export interface SubgraphDataSourceOptions {
  serviceName: string;
  url: string;
  /** Sends the fetch; see `createSubgraphFetcher` (pooled, bounded by a deadline, sharing identical fetches in flight). */
  fetcher: Fetch;
  /** Where the cause of a failed fetch is written; the client never sees it. */
  logger: Logger;
  metrics: SubgraphMetrics;
  tracing: Tracing;
  /** AZG_IDENTITY_SECRET: signs the caller's identity onto every fetch, over the exact request sent. */
  identitySecret: string;
}

function isGatewayContext(context: unknown): context is GatewayContext {
  return typeof context === 'object' && context !== null && 'subgraphFetches' in context;
}

/** The Cache-Control header's directives, as Apollo's remote data source reads them. */
function cacheHintOf(header: string | null): { maxAge: number; scope?: 'PUBLIC' | 'PRIVATE' } {
  const hint: { maxAge: number; scope?: 'PUBLIC' | 'PRIVATE' } = { maxAge: 0 };
  for (const part of (header ?? '').trim().split(/\s*,\s*/)) {
    const [name, value] = part.split(/\s*=\s*/, 2);
    if (name === 'max-age' && value !== undefined && /^[0-9]+$/.test(value.replace(/^"|"$/g, ''))) hint.maxAge = Number(value.replace(/^"|"$/g, ''));
    if (name === 'private' && value === undefined) hint.scope = 'PRIVATE';
    if (name === 'public' && value === undefined) hint.scope = 'PUBLIC';
  }
  return hint;
}

/**
 * How the gateway talks to one subgraph: at the configured URL, within a deadline, signed for
 * the caller over the exact bytes sent, carrying the request's id and trace context, asking for
 * SQL statistics when the client did, with each entity asked once, counting and timing every
 * fetch, and turning any failed fetch into an error that names the subgraph and nothing else.
 *
 * It does what Apollo's RemoteGraphQLDataSource does for a fetch (the body it writes, the cache
 * hint it reads from the answer), without the WHATWG Headers and Request objects that class
 * builds for every fetch and nothing here reads: under the bench's load they and the signing
 * claims' round trip through a header were a twentieth of the gateway's time.
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  readonly serviceName: string;
  readonly url: string;
  /** The URL's host and its request target, read once: every fetch names them. */
  private readonly host: string;
  private readonly target: string;
  private readonly fetcher: Fetch;
  private readonly secret: string;
  private readonly logger: Logger;
  private readonly metrics: SubgraphMetrics;
  private readonly tracing: Tracing;

  constructor(options: SubgraphDataSourceOptions) {
    this.serviceName = options.serviceName;
    this.url = options.url;
    const url = new URL(options.url);
    this.host = url.host;
    this.target = url.pathname + url.search;
    this.fetcher = options.fetcher;
    this.secret = options.identitySecret;
    this.logger = options.logger;
    this.metrics = options.metrics;
    this.tracing = options.tracing;
  }

  /**
   * One fetch. Apollo calls `process` as it starts a fetch, walking the query plan; taking the
   * fetch's place in `subgraphFetches` here, rather than when its answer arrives, keeps the list
   * in plan order whichever subgraph answers first.
   */
  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const context = isGatewayContext(options.context) ? options.context : undefined;
    const entry: SubgraphFetch | undefined = context?.reportSqlStats ? { service: this.serviceName, sqlStatements: null } : undefined;
    if (entry) context!.subgraphFetches.push(entry);
    const span = this.tracing.enabled && context
      ? this.tracing.tracer.startSpan(`subgraph ${this.serviceName}`, {
        kind: SpanKind.CLIENT,
        attributes: { 'azg.subgraph': this.serviceName, 'server.address': this.host },
      }, context.request.trace)
      : undefined;
    const started = performance.now();
    let result: 'ok' | 'error' | 'failed' = 'failed';
    try {
      const response = await this.send(options, context, span);
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

  private async send(options: GraphQLDataSourceProcessOptions<GatewayContext>, context: GatewayContext | undefined, span: Span | undefined): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    if (!request.query) throw new Error('Missing query');
    const { representations } = (request.variables ?? {}) as { representations?: unknown };
    const batch: EntityBatch | null = Array.isArray(representations) ? uniqueRepresentations(representations) : null;
    const variables = batch?.duplicates ? { ...request.variables, representations: batch.unique } : request.variables;
    // The body Apollo's remote data source writes: the query first, then the rest of the request.
    const body = JSON.stringify({ query: request.query, variables, operationName: request.operationName, extensions: request.extensions });

    const headers: Record<string, string> = {};
    for (const [name, value] of request.http?.headers ?? []) headers[name] = value;
    headers['content-type'] = 'application/json';
    // Every fetch carries the caller and the operation's label, signed over the exact request:
    // subgraphs refuse any request without a valid signature made for it.
    const identity = context?.identity ?? { ...ANONYMOUS, subject: 'gateway', source: 'internal' as const };
    const requestId = context?.request.id ?? 'gateway';
    headers[IDENTITY_HEADER] = signIdentity({ identity, requestId, operation: context?.request.operationLabel, method: 'POST', target: this.target, body }, this.secret);
    // Read by the fetcher alone, which shares a fetch only within one caller and never sends this on.
    headers[CALLER_HEADER] = callerKey(identity);
    if (context) {
      // Subgraphs answer names in the client's language; each parses the header itself.
      if (context.acceptLanguage !== null) headers['accept-language'] = context.acceptLanguage;
      headers[REQUEST_ID_HEADER] = requestId;
      headers[DEADLINE_HEADER] = String(context.request.deadline);
      this.tracing.inject(span ? trace.setSpan(context.request.trace, span) : context.request.trace, (name, value) => (headers[name] = value));
      if (context.reportSqlStats) headers[SQL_STATS_HEADER] = '1';
      // The caller's latest write here: the subgraph reads it from a replica only once that replica has replayed it.
      const readAfter = await context.consistency?.requiredFor(this.serviceName);
      if (readAfter !== undefined) headers[READ_AFTER_POSITION_HEADER] = formatWalPosition(readAfter);
    }

    let answer: GatewayGraphQLResponse;
    let cacheControl: string | null;
    try {
      const response = await this.fetcher(this.url, { method: 'POST', headers, body });
      const text = await response.text();
      if (!response.ok) throw new Error(`HTTP ${response.status} from ${this.url}: ${text.slice(0, 200)}`);
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`Expected a JSON object from ${this.url}, received: ${text.slice(0, 200)}`);
      answer = parsed as GatewayGraphQLResponse;
      cacheControl = response.headers.get('cache-control');
      const written = response.headers.get(WAL_POSITION_HEADER);
      if (written !== null) context?.consistency?.wrote(this.serviceName, written);
    } catch (error) {
      const log = context?.request.log ?? this.logger;
      log.warn({ subgraph: this.serviceName, cause: describeFetchFailure(error) }, `subgraph "${this.serviceName}" fetch failed: ${describeFetchFailure(error)}`);
      throw new SubgraphUnavailableError(this.serviceName, error);
    }
    // The gateway's answer may be cached no longer, and no more widely, than each of its fetches'.
    if ('incomingRequestContext' in options) {
      const policy = options.incomingRequestContext.overallCachePolicy;
      if (policy && 'restrict' in policy) policy.restrict(cacheHintOf(cacheControl));
    }
    return batch?.duplicates ? batch.expand(answer) : answer;
  }
}
