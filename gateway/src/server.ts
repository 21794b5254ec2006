import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type http from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ROOT_CONTEXT } from '@opentelemetry/api';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { serviceSigner } from '@azg/core/changes';
import { ConfigError } from '@azg/core/config';
import { internalErrorPlugin, loggingContextFailures, withoutServerSoftware } from '@azg/core/errors';
import { callerOf, type Identity } from '@azg/core/identity';
import { type Observability, operationObservabilityPlugin, quietObservability } from '@azg/core/observability';
import { inputLimitsPlugin } from '@azg/core/limits';
import { subgraphUrlVariable, type SubgraphName } from '@azg/core/registry';
import { detachedRequestInfo, hardenedApolloOptions, type HealthCheck, limitErrorFormatter, listen, type RequestInfo, type RunningServer, SQL_STATS_HEADER, statisticsPlugin } from '@azg/core/server';
import { ACCESS_SUBGRAPH, buildAccessSchema } from './access/access-schema';
import type { AccessServices } from './access/api-key.resolver';
import { createAuthenticator, type Authenticator } from './access/authenticate';
import { InProcessDataSource } from './access/in-process-data-source';
import { apiSchemaOf } from './api-schema';
import { type ChangeHub, startChangeHub } from './live/change-hub';
import { LIVE_SOURCES } from './live/live-fields';
import { createLiveServer, STREAM_PATH } from './live/live-server';
import type { GatewayConfig } from './config';
import { DeferredDelivery, DeferringGateway } from './defer';
import { explorerWiring, type ExplorerOptions } from './playground';
import { httpRateLimit, liveRateLimit, type RateLimiter } from './rate-limit';
import { responseCachePlugin, type ResponseCacheStore } from './response-cache';
import { parseReadAfterToken, READ_AFTER_HEADER, readConsistencyFor, readYourWritesPlugin, type Positions, type ReadYourWritesStore } from './read-your-writes';
import { createSubgraphMetrics } from './observability/subgraph-metrics';
import { SubgraphDataSource, type GatewayContext } from './subgraph-data-source';
import { createSubgraphFetcher } from './subgraph-fetch';
import { answeredBySubgraph, formatGatewayError } from './subgraph-errors';
import { subgraphUrlsOf } from './supergraph';

export type { GatewayContext, SubgraphFetch } from './subgraph-data-source';

/** Readiness: every subgraph answers its own `/readyz` with 200 within the deadline. */
function subgraphsReady(urls: ReadonlyMap<string, string>, timeoutMs: number): HealthCheck {
  return {
    async ready() {
      const failures = await Promise.all([...urls].map(async ([name, url]) => {
        try {
          const response = await fetch(new URL('/readyz', url), { signal: AbortSignal.timeout(timeoutMs) });
          await response.arrayBuffer();
          return response.ok ? null : `${name} (HTTP ${response.status})`;
        } catch {
          return `${name} (no answer)`;
        }
      }));
      const notReady = failures.filter((failure): failure is string => failure !== null);
      if (notReady.length > 0) throw new Error(`subgraphs not ready: ${notReady.join(', ')}`);
    },
  };
}

/** The request's Accept-Language header as one value (repeated headers joined), or null. */
function acceptLanguageOf(request: http.IncomingMessage | undefined): string | null {
  const header = request?.headers['accept-language'];
  if (header === undefined) return null;
  const value = Array.isArray(header) ? header.join(', ') : header;
  return value.trim() === '' ? null : value;
}

export interface GatewayDependencies {
  /** The supergraph SDL; read from `config.supergraphPath` when not given. */
  supergraphSdl?: string;
  /** Logs, metrics and traces; a quiet set (nothing logged or exported) when not given. */
  observability?: Observability;
  /** The playground and the persisted operations (see `playground/index.ts`); off when not given. */
  explorer?: ExplorerOptions;
  /**
   * How callers are authenticated and vouched for to the subgraphs (see `access/`). When not
   * given (unit tests over fake subgraphs): every caller is anonymous, API keys are refused, and
   * fetches are signed with a random secret.
   */
  access?: GatewayAccess;
  /** The response cache for anonymous queries (see response-cache.ts); none when not given. */
  responseCache?: ResponseCacheStore | null;
  /** Each caller's budget of HTTP operations and subscription starts (see rate-limit.ts); no limit when not given. */
  rateLimiter?: RateLimiter | null;
  /**
   * Where each caller's recent write positions are kept, so their reads wait for a replica that
   * has them (see read-your-writes.ts); without one, only the consistency token does that.
   */
  readYourWrites?: ReadYourWritesStore | null;
}

/** What `index.ts` builds from `readAccessConfig` and the gateway's database. */
export interface GatewayAccess {
  identitySecret: string;
  authenticate: Authenticator;
  services: AccessServices | null;
  /** Readiness of the gateway's own database. */
  ready?: () => Promise<void>;
}

/** Subscriptions sent as plain HTTP requests are refused with the transports that serve them. */
function subscriptionTransportPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== 'subscription') return;
          throw new GraphQLError(`Subscriptions are served over WebSocket (graphql-ws) at this URL, and over server-sent events (graphql-sse) at ${STREAM_PATH}; a plain HTTP request cannot hold one.`, {
            extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
          });
        },
      };
    },
  };
}

export interface GatewayServer {
  apollo: ApolloServer<GatewayContext>;
  /** Where each subgraph is reached: the configured override, else the supergraph's URL. */
  subgraphUrls: ReadonlyMap<string, string>;
  /** Builds one request's context from its HTTP request. */
  createContext(request?: http.IncomingMessage, info?: RequestInfo): Promise<GatewayContext>;
  health: HealthCheck;
  /** Listens on `port`/`host`, by default the configured ones. */
  listen(port?: number, host?: string): Promise<RunningServer>;
}

/**
 * Builds the gateway: an Apollo Server over an Apollo Gateway serving the checked-in
 * supergraph (no introspection of subgraphs, no polling). Opens no port: `listen` does.
 */
export function createGateway(config: GatewayConfig, dependencies: GatewayDependencies = {}): GatewayServer {
  const observability = dependencies.observability ?? quietObservability('gateway');
  const subgraphMetrics = createSubgraphMetrics(observability.metrics);
  const subgraphFetcher = createSubgraphFetcher({ timeoutMs: config.subgraphTimeoutMs, maxConnections: config.subgraphMaxConnections, deduplicate: config.subgraphDeduplicate });
  const access: GatewayAccess = dependencies.access ?? {
    identitySecret: randomBytes(32).toString('hex'),
    authenticate: createAuthenticator({ keys: null, jwt: null, publicRead: true }),
    services: null,
  };
  const supergraphSdl = dependencies.supergraphSdl ?? readFileSync(config.supergraphPath, 'utf8');
  const subgraphUrls = subgraphUrlsOf(supergraphSdl);
  // The access subgraph lives in this process: nothing to fetch, nothing to wait for.
  subgraphUrls.delete(ACCESS_SUBGRAPH);
  let accessSchema: ReturnType<typeof buildAccessSchema> | undefined;
  for (const [name, url] of Object.entries(config.subgraphUrls)) {
    if (!subgraphUrls.has(name)) throw new ConfigError(`${subgraphUrlVariable(name as SubgraphName)} is set but the supergraph has no subgraph "${name}"`);
    subgraphUrls.set(name, url);
  }

  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) => {
      if (name === ACCESS_SUBGRAPH) {
        accessSchema ??= buildAccessSchema();
        return new InProcessDataSource<GatewayContext>(accessSchema);
      }
      const url = subgraphUrls.get(name);
      if (url === undefined) throw new Error(`the supergraph has no URL for subgraph "${name}"`);
      return new SubgraphDataSource({
        serviceName: name, url, fetcher: subgraphFetcher.fetcher, logger: observability.logger, metrics: subgraphMetrics, tracing: observability.tracing,
        identitySecret: access.identitySecret,
      });
    },
  });
  const rateLimit = dependencies.rateLimiter ? httpRateLimit(dependencies.rateLimiter) : null;
  const formatLimitError = limitErrorFormatter(config);
  const explorer = explorerWiring(dependencies.explorer ?? {}, supergraphSdl);
  const hardened = hardenedApolloOptions(config);
  const formatError = (formatted: GraphQLFormattedError, error: unknown) => withoutServerSoftware(formatGatewayError(formatLimitError(formatted), error), config.production);
  const apollo = new ApolloServer<GatewayContext>({
    // The JS gateway does not execute @defer: the wrapper does (see defer/).
    gateway: new DeferringGateway(gateway, { formatError, loggedElsewhere: answeredBySubgraph }),
    // Operation limits, batching off, CSRF prevention, and production's reticence (see limits in core).
    ...hardened,
    formatError,
    // index.ts owns shutdown (stop accepting, drain, then stop Apollo); Apollo must not race it.
    stopOnTerminationSignals: false,
    plugins: [...hardened.plugins,
      // Before the gateway coerces variables or plans a fetch: a value no subgraph could take never fans out.
      inputLimitsPlugin({ limits: config.inputLimits, exposeLimits: !config.production }),
      // The gateway's own unexpected errors are logged here; a subgraph's were logged by the subgraph, under the same request id.
      internalErrorPlugin({ loggedElsewhere: answeredBySubgraph }),
      statisticsPlugin<GatewayContext>('subgraphFetches', (context) => context.subgraphFetches), operationObservabilityPlugin(observability.metrics, explorer.operationNames), ...explorer.plugins,
      subscriptionTransportPlugin(), ...(rateLimit ? [rateLimit.plugin()] : []),
      ...(dependencies.responseCache ? [responseCachePlugin(dependencies.responseCache)] : []),
      readYourWritesPlugin(dependencies.readYourWrites ?? null)],
  });
  /** One operation's context, for a caller already authenticated: an HTTP request's, or one a subscription runs. */
  const contextFor = (identity: Identity, acceptLanguage: string | null, info: RequestInfo, options: { reportSqlStats: boolean; derived: boolean; readAfter?: Positions }): GatewayContext => ({
    reportSqlStats: options.reportSqlStats,
    subgraphFetches: [],
    acceptLanguage,
    request: info,
    identity,
    access: access.services,
    derived: options.derived,
    deferred: new DeferredDelivery(),
    consistency: readConsistencyFor(identity, options.readAfter ?? new Map(), dependencies.readYourWrites ?? null),
  });
  const createContext = async (request?: http.IncomingMessage, info: RequestInfo = detachedRequestInfo()): Promise<GatewayContext> => {
    // A 401 (thrown) for credentials that are present but not good, before anything runs.
    const identity = await access.authenticate(request);
    info.caller = callerOf(identity);
    // A 400 for a consistency token the gateway never gave, before anything runs.
    const readAfter = parseReadAfterToken(request?.headers[READ_AFTER_HEADER], new Set(subgraphUrls.keys()));
    // A 429 (thrown) for a caller past its budget, before the operation is even parsed.
    if (rateLimit && request) await rateLimit.check(identity, request, info);
    return contextFor(identity, acceptLanguageOf(request), info, {
      reportSqlStats: !config.production && request?.headers[SQL_STATS_HEADER] === '1',
      derived: false,
      readAfter,
    });
  };

  // Subscriptions: the hub follows the subgraphs' change streams from the first subscription on.
  let hub: ChangeHub | null = null;
  const live = createLiveServer({
    apiSchema: apiSchemaOf(supergraphSdl),
    settings: config.live,
    authenticate: access.authenticate,
    hub: () => hub ??= startChangeHub({
      sources: LIVE_SOURCES,
      sourceUrl: (source) => subgraphUrls.get(source)!,
      sign: serviceSigner('gateway', access.identitySecret),
      logger: observability.logger,
    }),
    async run(request, subscriber, derived) {
      const id = randomUUID();
      const info: RequestInfo = { id, log: observability.logger.child({ reqId: id }), trace: ROOT_CONTEXT, deadline: Date.now() + config.requestTimeoutMs, errorCodes: [] };
      const contextValue = contextFor(subscriber.identity, subscriber.acceptLanguage, info, { reportSqlStats: false, derived });
      const response = await apollo.executeOperation({ query: request.query, variables: request.variables, operationName: request.operationName ?? undefined }, { contextValue });
      if (response.body.kind !== 'single') throw new Error('an incremental answer to an operation over a subscription transport');
      return response.body.singleResult as never;
    },
    refuseOperation: explorer.refuseOperation ?? undefined,
    admit: dependencies.rateLimiter ? liveRateLimit(dependencies.rateLimiter) : undefined,
    validationRules: hardened.validationRules,
    maxValidationErrors: hardened.validationOptions.maxErrors,
    maxTokens: hardened.parseOptions.maxTokens,
    inputLimits: config.inputLimits,
    exposeLimits: !config.production,
    // As Apollo words an HTTP answer's errors: and in production without "Did you mean" hints about the schema.
    formatError: (formatted) => {
      const shaped = formatError(formatted, undefined);
      return config.production ? { ...shaped, message: shaped.message.replace(/ Did you mean(.+)\?$/, '') } : shaped;
    },
    maxBodyBytes: config.maxBodyBytes,
    logger: observability.logger,
    metrics: observability.metrics,
  });
  const subgraphHealth = subgraphsReady(subgraphUrls, config.subgraphTimeoutMs);
  const health: HealthCheck = {
    async ready() {
      await access.ready?.();
      if (config.readyFollowsSubgraphs) await subgraphHealth.ready();
    },
  };
  return {
    apollo,
    subgraphUrls,
    createContext,
    health,
    listen: async (port = config.port, host = config.host) => {
      const running = await listen({
        server: apollo,
        context: loggingContextFailures(createContext),
        health,
        observability,
        maxBodyBytes: config.maxBodyBytes,
        requestTimeoutMs: config.requestTimeoutMs,
        routes: [live.route, ...explorer.routes],
        upgrade: live.upgrade,
        // Subscriptions outlive requests: they end (each subscriber told why) before the drain waits.
        beforeClose: async () => {
          await live.close();
          await hub?.stop();
        },
        incremental: (context) => context.deferred.payloads(),
      }, port, host);
      return {
        ...running,
        async close(graceMs) {
          const result = await running.close(graceMs);
          await subgraphFetcher.close();
          await dependencies.responseCache?.close();
          await dependencies.readYourWrites?.close();
          return result;
        },
      };
    },
  };
}
