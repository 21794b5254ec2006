import type http from 'node:http';
import { performance } from 'node:perf_hooks';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { checkDatabaseReady } from '../database/readiness';
import { ANONYMOUS, callerOf, type Identity } from '../identity/identity';
import { RequestDatabase, type StatementObserver } from '../database/request-database';
import type { ReadReplicas } from '../database/read-replicas';
import { readRoutingPlugin } from '../database/read-routing-plugin';
import { parseWalPosition, READ_AFTER_POSITION_HEADER } from '../database/wal-position';
import { maskUnexpectedError } from '../errors/errors';
import { internalErrorPlugin, loggingContextFailures } from '../errors/internal-errors';
import { withoutServerSoftware } from '../errors/server-software';
import { CursorCodec, cursorSecret } from '../pagination/cursor';
import { DEFAULT_LANGUAGE, parseAcceptLanguage, type Language } from '../i18n/language';
import { inputLimitsPlugin } from '../limits/input-limits';
import { subgraphOperationLimits } from '../limits/operation-limits';
import type { DatabaseMetrics, PoolCounts } from '../observability/metrics';
import { quietObservability, type Observability } from '../observability/observability';
import type { Tracing } from '../observability/tracing';
import { operationObservabilityPlugin, type ObservedContext } from '../observability/operation-plugin';
import { createChangeFeed, readChangeRetentionMs } from '../changes/change-routes';
import type { SubgraphName } from '../registry/subgraphs';
import { cachePolicyPlugins } from './cache-policy';
import { listen, type RunningServer } from './http-server';
import { statisticsPlugin } from './statistics-plugin';
import { detachedRequestInfo, type RequestInfo } from './request-info';
import { hardenedApolloOptions, limitErrorFormatter, readServerSettings, type ServerSettings } from './server-settings';

/** Request header that asks a non-production subgraph to report its SQL statement count. */
export const SQL_STATS_HEADER = 'x-azg-sql-stats';

/** What every subgraph's request context carries; each service adds its loaders. */
export interface SubgraphContext extends ObservedContext {
  /** This request's database handle; it counts the statements the request runs. */
  db: RequestDatabase;
  /** Whether to report `extensions.sqlStatements` with the response. */
  reportSqlStats: boolean;
  /** Signs and checks the cursors of this subgraph's lists. */
  cursors: CursorCodec;
  /**
   * The language names and descriptions are answered in when a field's `lang` argument is not
   * given: the request's `Accept-Language` (which the gateway passes on), else DEFAULT_LANGUAGE.
   */
  language: Language;
  /** The request as the HTTP front saw it: id, logger, trace context, deadline. */
  request: RequestInfo;
  /** The caller, as the gateway authenticated it; `@Authorized` checks its role. */
  identity: Identity;
}

/** Who a request comes from, as `identify` found it, and the operation label the gateway vouches for. */
export interface SubgraphCaller {
  identity: Identity;
  operation?: string;
}

/** What a service passes to `createServer`: its data source, and how the process is run. */
export interface SubgraphDependencies {
  dataSource: DataSource;
  /** Limits, timeouts, production mode; read from the environment when not given. */
  settings?: ServerSettings;
  /** Logs, metrics, traces; a quiet set (nothing logged or exported) when not given. */
  observability?: Observability;
  /**
   * Who is calling, from the request and its body's exact bytes (none for a GET), and the
   * operation label the gateway vouches for; refuses (throws) a request it cannot trust.
   * `runSubgraph` always passes the signed-identity verifier; without one (tests that build a
   * server directly) every caller is anonymous.
   */
  identify?: (request: http.IncomingMessage | undefined, body: Uint8Array | undefined) => SubgraphCaller | Promise<SubgraphCaller>;
  /**
   * The read replicas (DATABASE_READ_URL) that queries may be answered from; none = every
   * statement on `dataSource`, as without replicas. The change feed and readiness always use the primary.
   */
  replicas?: ReadReplicas;
}

export interface SubgraphServerOptions<Context extends SubgraphContext> extends SubgraphDependencies {
  schema: GraphQLSchema;
  /** Adds the service's per-request loaders to the base context. */
  createContext: (base: SubgraphContext) => Context;
  /** The cursor secret; by default CURSOR_SECRET, or a random one outside production (see `cursorSecret`). */
  cursorSecret?: string;
  /**
   * Whether resolvers set cache hints of their own (`info.cacheControl.setCacheHint`); off for
   * the services, whose answers all take CACHE_MAX_AGE_S (see `cachePolicyPlugins`).
   */
  dynamicCacheHints?: boolean;
  /**
   * The subgraph whose change feed (`/changes`, `/changes/snapshot`) this server answers, from
   * its own schema's outbox; none when not given (the gateway's access subgraph).
   */
  changes?: { source: SubgraphName; schema: string };
}

export interface SubgraphServer<Context extends SubgraphContext> {
  apollo: ApolloServer<Context>;
  /** Builds one request's context (also used by tests that execute operations directly). */
  createContext(request?: http.IncomingMessage, info?: RequestInfo): Promise<Context>;
  /** Readiness: the database answers and every migration of the service is applied. */
  ready(): Promise<void>;
  listen(port: number, host?: string): Promise<RunningServer>;
}

/** Times every statement into the metrics and, when tracing, a span under the request's. */
function statementObserver(metrics: DatabaseMetrics, tracing: Tracing, info: RequestInfo): StatementObserver {
  return (sql) => {
    const started = performance.now();
    const span = tracing.enabled
      ? tracing.tracer.startSpan('db.query', {
        kind: SpanKind.CLIENT,
        attributes: { 'db.system': 'postgresql', 'db.query.text': sql.slice(0, 2_000) },
      }, info.trace)
      : undefined;
    return (error) => {
      metrics.statementDuration.observe((performance.now() - started) / 1000);
      metrics.statements.inc({ result: error === undefined ? 'ok' : 'error' });
      if (span) {
        if (error !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        span.end();
      }
    };
  };
}

/**
 * Builds a subgraph's Apollo Server around its schema and data source, with the same operation
 * limits as the gateway (plus the query planner's allowance, see `subgraphOperationLimits`).
 * Opens no port: `listen` does, so tests can build a server without one.
 */
export function createSubgraphServer<Context extends SubgraphContext>(
  options: SubgraphServerOptions<Context>,
): SubgraphServer<Context> {
  const settings = options.settings ?? readServerSettings();
  const observability = options.observability ?? quietObservability('subgraph');
  const limits = subgraphOperationLimits(settings.limits);
  const formatLimitError = limitErrorFormatter(settings, limits);
  // The pg Pool behind TypeORM's driver, read at scrape time (it exists once the data source is initialised).
  const pool = () => (options.dataSource.driver as { master?: PoolCounts } | undefined)?.master;
  const databaseMetrics = observability.metrics.observeDatabase(pool, (options.dataSource.options as { poolSize?: number } | undefined)?.poolSize ?? 10);
  // Read once, at start-up: production without CURSOR_SECRET fails here, not on a request.
  const cursors = new CursorCodec(options.cursorSecret ?? cursorSecret());
  const hardened = hardenedApolloOptions(settings, limits);
  const apollo = new ApolloServer<Context>({
    schema: options.schema,
    ...hardened,
    formatError: (formatted, error) => withoutServerSoftware(maskUnexpectedError(formatLimitError(formatted), error), settings.production),
    // Each process's index.ts owns shutdown: it closes the HTTP server, then the pool.
    stopOnTerminationSignals: false,
    // Inline tracing (ftv1) costs time on every request and nothing here reads it.
    plugins: [
      ...hardened.plugins as ApolloServerPlugin<Context>[],
      // The gateway checked the client's values already; refused here too, a value that reached a
      // subgraph some other way is BAD_USER_INPUT rather than the database's error. The planner's
      // `representations` ([_Any!]!) grow with the data a page answered, so they are not counted.
      inputLimitsPlugin({ limits: settings.inputLimits, exposeLimits: !settings.production, uncountedTypes: ['_Any'] }),
      // Each unexpected error logged here, where it happened, with its causes and the request id the client is given.
      internalErrorPlugin() as ApolloServerPlugin<Context>,
      // `extensions.sqlStatements` when the caller asks (never in production): the proof that a request's lists and references were batched.
      statisticsPlugin<Context>('sqlStatements', (context) => context.db.statements),
      operationObservabilityPlugin(observability.metrics) as ApolloServerPlugin<Context>,
      ApolloServerPluginInlineTraceDisabled(),
      // Apollo's landing pages name Apollo Server and its version; in production a browser's GET gets a plain 400.
      ...(settings.production ? [ApolloServerPluginLandingPageDisabled()] : []),
      // Tells the gateway how long this answer may be cached (its response cache reads the header).
      ...cachePolicyPlugins<Context>(settings.cacheMaxAgeS, options.dynamicCacheHints ?? false),
      ...(options.replicas ? [readRoutingPlugin<Context>()] : []),
    ],
  });
  const identify: NonNullable<SubgraphDependencies['identify']> = options.identify ?? (() => ({ identity: ANONYMOUS }));
  const createContext = async (request?: http.IncomingMessage, info: RequestInfo = detachedRequestInfo()) => {
    const { identity, operation } = await identify(request, info.body);
    info.caller = callerOf(identity);
    // The metrics label only operations the gateway knows (it vouches for the label): see operationLabel.
    if (operation !== undefined) info.operationLabel = operation;
    const db = new RequestDatabase(options.dataSource, statementObserver(databaseMetrics, observability.tracing, info), options.replicas);
    // The gateway's word for how far a replica must have replayed; a header that is no position leaves the request on the primary.
    const readAfter = options.replicas && request?.headers[READ_AFTER_POSITION_HEADER];
    if (typeof readAfter === 'string') db.readAfter = parseWalPosition(readAfter) ?? 0xFFFFFFFFFFFFFFFFn;
    return options.createContext({
      identity,
      db,
      reportSqlStats: !settings.production && request?.headers[SQL_STATS_HEADER] === '1',
      request: info,
      cursors,
      language: parseAcceptLanguage(request?.headers['accept-language']) ?? DEFAULT_LANGUAGE,
    });
  };
  const ready = () => checkDatabaseReady(options.dataSource);
  return {
    apollo,
    createContext,
    ready,
    listen: async (port, host) => {
      const feed = options.changes && createChangeFeed({
        ...options.changes,
        dataSource: options.dataSource,
        identify: (request) => identify(request, undefined),
        requestTimeoutMs: settings.requestTimeoutMs,
        retentionMs: readChangeRetentionMs(),
        logger: observability.logger,
      });
      const running = await listen({
        server: apollo,
        context: loggingContextFailures(createContext),
        health: { ready },
        observability,
        maxBodyBytes: settings.maxBodyBytes,
        requestTimeoutMs: settings.requestTimeoutMs,
        routes: feed ? [feed.route] : [],
      }, port, host);
      return {
        ...running,
        // The feed's long polls answer at once, or draining would wait out their whole wait.
        close: async (graceMs) => {
          await feed?.close();
          return running.close(graceMs);
        },
      };
    },
  };
}
