import type http from 'node:http';
import type { Socket } from 'node:net';
import type { ChangeEvent } from '@azg/core/changes';
import { type Identity, UnauthenticatedRequestError } from '@azg/core/identity';
import { type InputLimits, inputLimitRefusal } from '@azg/core/limits';
import type { Logger, ServiceMetrics } from '@azg/core/observability';
import { Counter, Gauge, Histogram } from 'prom-client';
import type { HttpRoute } from '@azg/core/server';
import {
  type DocumentNode, type ExecutionArgs, type ExecutionResult, getOperationAST, GraphQLError, type GraphQLFormattedError, type GraphQLSchema, parse,
  specifiedRules, validate, type ValidationRule,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { createHandler as createSseHandler } from 'graphql-sse';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Authenticator } from '../access/authenticate';
import { callerKey } from '../subgraph-fetch';
import type { ChangeHub } from './change-hub';
import { LIVE_FIELDS } from './live-fields';
import { buildLiveSchema, type LiveContext, liveSubscribe } from './live-schema';
import type { PushIterator } from './push-iterator';
import { openSubscriptionStream, type StreamItem, type Subscriber } from './subscription-stream';

/** The path of GraphQL over server-sent events (graphql-sse's default). */
export const STREAM_PATH = '/graphql/stream';
export const TOO_MANY_SUBSCRIPTIONS = 'TOO_MANY_SUBSCRIPTIONS';
export const SHUTTING_DOWN = 'SHUTTING_DOWN';

/** The limits of live answers (see `readLiveSettings`). */
export interface LiveSettings {
  /** Subscriptions open at once on one WebSocket (SUBSCRIPTIONS_PER_CONNECTION). */
  perConnection: number;
  /** Subscriptions open at once for one API key, token subject, or anonymous client address (SUBSCRIPTIONS_PER_CALLER). */
  perCaller: number;
  /** A WebSocket is pinged this often, and closed when it did not answer the last ping (SUBSCRIPTION_HEARTBEAT_MS). */
  heartbeatMs: number;
  /** Events waiting for one subscriber at most (SUBSCRIPTION_QUEUE_LIMIT). */
  queueLimit: number;
  /** A subscriber's credentials are checked again this often (SUBSCRIPTION_REAUTHENTICATE_MS). */
  reauthenticateMs: number;
  /** A WebSocket must say `connection_init` within this (SUBSCRIPTION_INIT_TIMEOUT_MS). */
  initTimeoutMs: number;
}

/** How the gateway checks and runs operations, shared with its HTTP answers. */
export interface LiveServerOptions {
  apiSchema: GraphQLSchema;
  settings: LiveSettings;
  authenticate: Authenticator;
  /** The change hub, started on the first subscription. */
  hub(): ChangeHub;
  /**
   * Runs an operation through the gateway's own pipeline as `subscriber`. `derived`: the gateway
   * made it from an operation already checked (a payload's record, a filter check).
   */
  run(request: { query: string; variables?: Record<string, unknown>; operationName?: string | null }, subscriber: Subscriber, derived: boolean): Promise<ExecutionResult>;
  /** Refuses an operation a caller may not send (the persisted-operations safelist), or null. */
  refuseOperation?(document: DocumentNode, identity: Identity): GraphQLError | null;
  /**
   * Counts one operation a client starts against its caller's rate limit (see rate-limit.ts),
   * before anything else is done for it: the refusal, with the headers an SSE answer carries, or null.
   */
  admit?(identity: Identity, peer: http.IncomingMessage): Promise<{ error: GraphQLError; headers: Record<string, string> } | null>;
  validationRules: readonly ValidationRule[];
  maxValidationErrors: number;
  maxTokens: number;
  inputLimits: InputLimits;
  exposeLimits: boolean;
  /** The same wording of limit errors as an HTTP answer gets. */
  formatError(error: GraphQLFormattedError): GraphQLFormattedError;
  maxBodyBytes: number;
  logger: Logger;
  /** Where the subscription series go (open subscriptions, events sent, commit-to-send lag); none when not given. */
  metrics?: ServiceMetrics;
}

/** The subscription series, in the gateway's registry. */
function liveMetrics(metrics: ServiceMetrics | undefined) {
  if (!metrics) return null;
  const registers = [metrics.registry];
  // Made once per registry: a test may build several gateways over one.
  const existing = <T>(name: string) => metrics.registry.getSingleMetric(name) as T | undefined;
  return {
    open: existing<Gauge<'field'>>('azg_subscriptions_open')
      ?? new Gauge({ name: 'azg_subscriptions_open', help: 'Subscriptions open now, by field.', labelNames: ['field'], registers }),
    sent: existing<Counter<'field'>>('azg_subscription_events_total')
      ?? new Counter({ name: 'azg_subscription_events_total', help: 'Subscription events sent, by field.', labelNames: ['field'], registers }),
    lag: existing<Histogram<'field'>>('azg_subscription_lag_seconds') ?? new Histogram({
      name: 'azg_subscription_lag_seconds',
      help: 'From an event\'s commit at its subgraph to its answer leaving the gateway, by field.',
      labelNames: ['field'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
  };
}

export interface LiveServer {
  /** Takes a WebSocket upgrade at the gateway's GraphQL paths (graphql-transport-ws). */
  upgrade(request: http.IncomingMessage, socket: Socket, head: Buffer): void;
  /** GraphQL over server-sent events at STREAM_PATH. */
  route: HttpRoute;
  /** Ends every subscription with SHUTTING_DOWN, then closes every WebSocket (1001) and stops the hub. */
  close(): Promise<void>;
  /** Open WebSockets and subscriptions, for tests and metrics. */
  stats(): { sockets: number; subscriptions: number };
}

/** One authenticated client connection (a WebSocket, or one SSE request). */
interface LiveConnection {
  subscriber: Subscriber;
  /** The HTTP request that opened the connection: its peer and forwarding headers name an anonymous client. */
  peer: http.IncomingMessage;
  callerKey: string;
  subscriptions: number;
}

const GRAPHQL_PATHS = new Set(['/', '/graphql']);

function headerOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function remoteAddress(request: http.IncomingMessage): string {
  return request.socket.remoteAddress ?? 'unknown';
}

function coded(error: GraphQLError, code: string): GraphQLError {
  if (error.extensions.code !== undefined) return error;
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code } });
}

/**
 * Subscriptions and other operations over WebSocket (graphql-ws, at the gateway's URL) and
 * server-sent events (graphql-sse, at /graphql/stream), checked like HTTP requests: the same
 * credentials (`authorization` connection parameter or header), the same operation and input
 * limits and safelist, caps on subscriptions per connection and per caller, heartbeats, and an
 * ending every subscriber hears on shutdown.
 */
export function createLiveServer(options: LiveServerOptions): LiveServer {
  const { settings, logger } = options;
  const schema = buildLiveSchema(options.apiSchema, LIVE_FIELDS);
  const rules = [...specifiedRules, ...options.validationRules];
  const perCaller = new Map<string, number>();
  const streams = new Set<PushIterator<StreamItem>>();
  const reads = new WeakMap<ChangeEvent, Map<string, Promise<ExecutionResult>>>();
  const series = liveMetrics(options.metrics);
  let closing = false;

  const connect = async (headers: Record<string, string | undefined>, peer: http.IncomingMessage): Promise<LiveConnection> => {
    const address = remoteAddress(peer);
    const request = { headers } as unknown as http.IncomingMessage;
    const identity = await options.authenticate(request);
    const subscriber: Subscriber = {
      identity,
      reauthenticate: () => options.authenticate(request),
      // `*` (what Node's fetch sends) asks for nothing in particular: the same answer, and the same shared read, as no header.
      acceptLanguage: headers['accept-language'] && headers['accept-language'].trim() !== '*' ? headers['accept-language'] : null,
    };
    return { subscriber, peer, callerKey: identity.source === 'anonymous' ? `anonymous@${address}` : callerKey(identity), subscriptions: 0 };
  };

  const refuse = (message: string, code: string, extensions: Record<string, unknown> = {}) => [new GraphQLError(message, { extensions: { code, ...extensions } })];
  const formatted = (errors: readonly GraphQLError[]) => errors.map((error) => {
    const shaped = options.formatError(error.toJSON());
    return new GraphQLError(shaped.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: shaped.extensions });
  });

  /** Parses, validates and admits one operation: its execution arguments, or the errors that refuse it. */
  const prepare = (connection: LiveConnection, payload: { query?: unknown; variables?: unknown; operationName?: unknown }): ExecutionArgs | readonly GraphQLError[] => {
    if (closing) return refuse('The gateway is shutting down: connect again.', SHUTTING_DOWN);
    if (typeof payload.query !== 'string') return refuse('The operation\'s `query` must be a string.', 'BAD_REQUEST');
    const variables = (payload.variables ?? {}) as Record<string, unknown>;
    if (typeof variables !== 'object' || Array.isArray(variables)) return refuse('`variables` must be an object.', 'BAD_REQUEST');
    const operationName = typeof payload.operationName === 'string' ? payload.operationName : undefined;
    let document: DocumentNode;
    try {
      document = parse(payload.query, { maxTokens: options.maxTokens });
    } catch (error) {
      return formatted([coded(error as GraphQLError, 'GRAPHQL_PARSE_FAILED')]);
    }
    const invalid = validate(schema, document, rules, { maxErrors: options.maxValidationErrors });
    if (invalid.length > 0) return formatted(invalid.map((error) => coded(error, 'GRAPHQL_VALIDATION_FAILED')));
    const operation = getOperationAST(document, operationName);
    if (!operation) return refuse('Name the operation to run (`operationName`): the document has several, or none by that name.', 'BAD_REQUEST');
    const refusedInput = inputLimitRefusal(schema, document, operation, variables, { limits: options.inputLimits, exposeLimits: options.exposeLimits });
    if (refusedInput) return [refusedInput];
    const refusedOperation = options.refuseOperation?.(document, connection.subscriber.identity);
    if (refusedOperation) return [refusedOperation];

    let release = () => undefined as void;
    if (operation.operation === 'subscription') {
      if (connection.subscriptions >= settings.perConnection) {
        return refuse(`This connection has ${settings.perConnection} subscriptions open, the most one may: complete one first, or open another connection.`, TOO_MANY_SUBSCRIPTIONS, { limit: 'perConnection' });
      }
      const held = perCaller.get(connection.callerKey) ?? 0;
      if (held >= settings.perCaller) {
        return refuse(`These credentials hold ${settings.perCaller} subscriptions open, the most one caller may: complete some first.`, TOO_MANY_SUBSCRIPTIONS, { limit: 'perCaller' });
      }
      connection.subscriptions += 1;
      perCaller.set(connection.callerKey, held + 1);
      let released = false;
      release = () => {
        if (released) return;
        released = true;
        connection.subscriptions -= 1;
        const left = (perCaller.get(connection.callerKey) ?? 1) - 1;
        if (left === 0) perCaller.delete(connection.callerKey);
        else perCaller.set(connection.callerKey, left);
      };
    }
    const { subscriber } = connection;
    const { identity } = subscriber;
    const context: LiveContext & { text: string; release(): void } = {
      subscriber,
      operationKey: JSON.stringify([payload.query, operationName ?? null, variables, identity.subject, identity.role, identity.keyId ?? null, subscriber.acceptLanguage]),
      text: payload.query,
      release,
      async open(field, args) {
        const stream = await openSubscriptionStream(field, args, subscriber, {
          hub: options.hub(),
          query: (text, queryVariables, who) => options.run({ query: text, variables: queryVariables }, who, true),
          logger,
          queueLimit: settings.queueLimit,
          reauthenticateMs: settings.reauthenticateMs,
        }, () => {
          streams.delete(stream);
          series?.open.dec({ field: field.name });
          release();
        });
        streams.add(stream);
        series?.open.inc({ field: field.name });
        return stream;
      },
      sent(envelope) {
        if (!series) return;
        series.sent.inc({ field: envelope.field });
        series.lag.observe({ field: envelope.field }, Math.max(0, Date.now() - Date.parse(envelope.committedAt)) / 1000);
      },
      read(envelope, text, readVariables) {
        const key = JSON.stringify([text, readVariables, identity.subject, identity.role, identity.keyId ?? null, subscriber.acceptLanguage]);
        let answers = reads.get(envelope.event);
        if (!answers) reads.set(envelope.event, answers = new Map());
        let answer = answers.get(key);
        if (!answer) {
          answer = options.run({ query: text, variables: readVariables }, subscriber, true);
          answers.set(key, answer);
        }
        return answer;
      },
    };
    return { schema, document, operationName, variableValues: variables, contextValue: context };
  };

  const executeOperation = (args: ExecutionArgs) => {
    const context = args.contextValue as LiveContext & { text: string };
    return options.run({ query: context.text, variables: args.variableValues ?? undefined, operationName: args.operationName }, context.subscriber, false);
  };
  const subscribeOperation = async (args: ExecutionArgs) => {
    const context = args.contextValue as LiveContext & { release(): void };
    try {
      const result = await liveSubscribe(args);
      if (!(Symbol.asyncIterator in result)) context.release();
      return result;
    } catch (error) {
      context.release();
      throw error;
    }
  };

  // GraphQL over WebSocket (the graphql-transport-ws protocol).
  const sockets = new Set<WebSocket>();
  const answeredPing = new WeakMap<WebSocket, boolean>();
  const webSockets = new WebSocketServer({ noServer: true, maxPayload: options.maxBodyBytes });
  useServer<Record<string, unknown> | undefined, { connection?: LiveConnection }>({
    connectionInitWaitTimeout: settings.initTimeoutMs,
    onConnect: async (ctx) => {
      const params = ctx.connectionParams ?? {};
      const { request, socket } = ctx.extra;
      try {
        ctx.extra.connection = await connect({
          authorization: headerOf(params.authorization) ?? headerOf(params.Authorization) ?? request.headers.authorization,
          'x-api-key': headerOf(params['x-api-key']) ?? headerOf(request.headers['x-api-key']),
          'accept-language': headerOf(params['accept-language']) ?? request.headers['accept-language'],
        }, request);
        return true;
      } catch (error) {
        if (!(error instanceof UnauthenticatedRequestError)) throw error;
        // 4403 is the protocol's refusal; its reason (at most 123 bytes) says why.
        socket.close(CloseCode.Forbidden, `Forbidden: ${error.message}`.slice(0, 120));
        return false;
      }
    },
    onSubscribe: async (ctx, _id, payload) => {
      const connection = ctx.extra.connection!;
      const refused = await options.admit?.(connection.subscriber.identity, connection.peer);
      return refused ? [refused.error] : prepare(connection, payload);
    },
    execute: executeOperation,
    subscribe: subscribeOperation,
  }, webSockets);
  const heartbeat = setInterval(() => {
    for (const socket of sockets) {
      if (answeredPing.get(socket) === false) {
        socket.terminate();
        continue;
      }
      answeredPing.set(socket, false);
      socket.ping();
    }
  }, settings.heartbeatMs);
  heartbeat.unref();

  const upgrade = (request: http.IncomingMessage, socket: Socket, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const protocols = String(request.headers['sec-websocket-protocol'] ?? '').split(',').map((protocol) => protocol.trim());
    if (closing || !GRAPHQL_PATHS.has(path) || !protocols.includes('graphql-transport-ws')) {
      const status = closing ? '503 Service Unavailable' : '400 Bad Request';
      socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
      return;
    }
    webSockets.handleUpgrade(request, socket, head, (webSocket) => {
      sockets.add(webSocket);
      answeredPing.set(webSocket, true);
      webSocket.on('pong', () => answeredPing.set(webSocket, true));
      webSocket.once('close', () => sockets.delete(webSocket));
      webSockets.emit('connection', webSocket, request);
    });
  };

  // GraphQL over server-sent events (graphql-sse: distinct connections, and single connection with reservations).
  const sseConnections = new WeakMap<http.IncomingMessage, LiveConnection>();
  const sse = createSseHandler<http.IncomingMessage, { res: http.ServerResponse }, Record<PropertyKey, unknown>>({
    onSubscribe: async (request, params) => {
      const connection = sseConnections.get(request.raw)!;
      const refused = await options.admit?.(connection.subscriber.identity, connection.peer);
      if (refused) {
        return [JSON.stringify({ errors: [refused.error.toJSON()] }), { status: 429, statusText: 'Too Many Requests', headers: { 'content-type': 'application/json; charset=utf-8', ...refused.headers } }];
      }
      const prepared = prepare(connection, params);
      if (!Array.isArray(prepared)) return prepared as ExecutionArgs as never;
      const errors = (prepared as readonly GraphQLError[]).map((error) => error.toJSON());
      return [JSON.stringify({ errors }), { status: 400, statusText: 'Bad Request', headers: { 'content-type': 'application/json; charset=utf-8' } }];
    },
    execute: executeOperation as never,
    subscribe: subscribeOperation as never,
  });
  const openResponses = new Set<http.ServerResponse>();
  const sendError = (response: http.ServerResponse, status: number, message: string, code: string) => {
    const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    response.end(body);
  };
  const route: HttpRoute = async (request, response, url) => {
    if (url.pathname !== STREAM_PATH) return false;
    if (closing) {
      sendError(response, 503, 'The gateway is shutting down: connect again.', SHUTTING_DOWN);
      return true;
    }
    let connection: LiveConnection;
    try {
      connection = await connect({
        authorization: request.headers.authorization,
        'x-api-key': headerOf(request.headers['x-api-key']),
        'accept-language': request.headers['accept-language'],
      }, request);
    } catch (error) {
      if (!(error instanceof UnauthenticatedRequestError)) throw error;
      sendError(response, 401, error.message, 'UNAUTHENTICATED');
      return true;
    }
    let size = 0;
    const chunks: Buffer[] = [];
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > options.maxBodyBytes) {
        response.setHeader('connection', 'close');
        sendError(response, 413, `Request body is larger than ${options.maxBodyBytes} bytes`, 'PAYLOAD_TOO_LARGE');
        return true;
      }
      chunks.push(chunk as Buffer);
    }
    sseConnections.set(request, connection);
    const [body, init] = await sse({
      method: request.method ?? 'GET',
      url: request.url ?? STREAM_PATH,
      headers: { get: (name: string) => { const value = request.headers[name]; return Array.isArray(value) ? value.join('\n') : value; } },
      body: Buffer.concat(chunks).toString('utf8') || null,
      raw: request,
      context: { res: response },
    });
    response.writeHead(init.status ?? 200, init.statusText, init.headers as http.OutgoingHttpHeaders);
    if (!body || typeof body === 'string') {
      response.end(body);
      return true;
    }
    openResponses.add(response);
    const stop = () => void body.return(undefined);
    response.once('close', stop);
    try {
      for await (const chunk of body) {
        if (!response.writable) break;
        response.write(chunk);
      }
    } finally {
      response.off('close', stop);
      openResponses.delete(response);
      response.end();
    }
    return true;
  };

  return {
    upgrade,
    route,
    async close() {
      closing = true;
      clearInterval(heartbeat);
      const ending = new GraphQLError('The gateway is shutting down. Subscribe again, with `after` set to the last eventId received, and another gateway (or this one, restarted) goes on from there.', {
        extensions: { code: SHUTTING_DOWN },
      });
      const ended = [...streams].map((stream) => {
        stream.push({ ending });
        stream.end();
        return stream.drained;
      });
      // Let the endings reach the clients before the sockets close: each read by its transport, then written out.
      const deadline = Date.now() + 2_000;
      await Promise.race([Promise.all(ended), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
      while ((openResponses.size > 0 || [...sockets].some((socket) => socket.bufferedAmount > 0)) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      for (const socket of sockets) socket.close(1001, 'The gateway is shutting down');
      for (const response of openResponses) response.end();
      await new Promise<void>((resolve) => webSockets.close(() => resolve()));
    },
    stats: () => ({ sockets: sockets.size, subscriptions: streams.size }),
  };
}
