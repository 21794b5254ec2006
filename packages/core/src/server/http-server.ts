import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { ApolloServer, HeaderMap, type BaseContext, type HTTPGraphQLRequest } from '@apollo/server';
import { SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { REQUEST_ID_HEADER, requestIdFrom } from '../observability/logger';
import type { Observability } from '../observability/observability';
import { TRACEPARENT_HEADER } from '../observability/tracing';
import type { RequestInfo } from './request-info';

export interface HealthCheck {
  /** Resolves when the process can serve (its database answers); rejects with the reason otherwise. */
  ready(): Promise<void>;
}

export interface GraphQLHttpServerOptions<Context extends BaseContext> {
  server: ApolloServer<Context>;
  /** Builds everything request-scoped: loaders, the request's database handle. */
  context: (request: http.IncomingMessage, info: RequestInfo) => Promise<Context>;
  health: HealthCheck;
  observability: Observability;
  /** Largest request body accepted, in bytes (larger: 413). */
  maxBodyBytes?: number;
  /**
   * The answer is due within this many milliseconds: the GraphQL layer reads `info.deadline`,
   * and a request still unanswered shortly after it gets a 503 `REQUEST_TIMEOUT`.
   */
  requestTimeoutMs?: number;
  /** Handlers tried in order before GraphQL (static files, say); the first that returns true has answered. */
  routes?: HttpRoute[];
  /** Takes a connection's upgrade request (a WebSocket); without it every upgrade is refused. */
  upgrade?: (request: http.IncomingMessage, socket: Socket, head: Buffer) => void;
  /**
   * Runs first when the server closes, before it waits for requests in flight: ends what lives
   * longer than a request (subscriptions, event streams), which the drain would otherwise wait for.
   */
  beforeClose?: () => Promise<void>;
  /**
   * After Apollo's answer: the subsequent payloads of an incremental (deferred) answer, or null
   * for a plain one. Apollo's answer is then sent as the first part of a multipart/mixed answer.
   */
  incremental?: (context: Context) => AsyncIterable<Record<string, unknown>> | null;
}

/** Answers a request it recognizes and returns true, or returns false and leaves it alone. */
export type HttpRoute = (request: http.IncomingMessage, response: http.ServerResponse, url: URL) => boolean | Promise<boolean>;

export interface RunningServer {
  url: string;
  port: number;
  /**
   * Stops accepting connections, lets in-flight requests finish for up to `graceMs`, closes
   * what is left, then stops Apollo. `drained` says whether every request finished in time.
   */
  close(graceMs?: number): Promise<{ drained: boolean }>;
}

/** How long after its deadline an unanswered request is cut off: time for the GraphQL layer to send what it has. */
const DEADLINE_BACKSTOP_MS = 1_000;
const GRAPHQL_PATHS = new Set(['/', '/graphql']);

function graphQLErrorBody(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}

/** The `extensions.code` of each error in an answer's body, for the log line of a request refused before it ran. */
function errorCodesOf(body: string): string[] {
  try {
    const parsed = JSON.parse(body) as { errors?: Array<{ extensions?: { code?: unknown } }> };
    return (parsed.errors ?? []).map((error) => String(error.extensions?.code ?? 'UNKNOWN'));
  } catch {
    return [];
  }
}

/** The body's bytes, or null past `limit`. Kept as bytes: a subgraph checks the gateway's signature over them. */
async function readBody(request: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * An incremental answer as `multipart/mixed;deferSpec=20220824` (what Apollo Client and Apollo
 * Router speak): Apollo's answer with `hasNext: true`, then each later payload, one part each.
 * The request's deadline bounds the whole: a payload not ready by then is replaced by a last
 * one with a `REQUEST_TIMEOUT` error.
 */
async function sendParts(response: http.ServerResponse, info: RequestInfo, first: string, later: AsyncIterable<Record<string, unknown>>): Promise<void> {
  // Each part ends with the next delimiter (the closing one after the last), so that a client can read it at once.
  const part = (payload: Record<string, unknown>) => `content-type: application/json; charset=utf-8\r\n\r\n${JSON.stringify(payload)}\r\n---${payload.hasNext === false ? '--' : ''}\r\n`;
  const last = (code: string, message: string) => part({ hasNext: false, ...graphQLErrorBody(message, code) });
  response.removeHeader('content-length');
  response.setHeader('content-type', 'multipart/mixed;boundary="-";deferSpec=20220824');
  response.write(`\r\n---\r\n${part({ ...(JSON.parse(first) as object), hasNext: true })}`);
  const payloads = later[Symbol.asyncIterator]();
  let timer: NodeJS.Timeout | undefined;
  const overdue = new Promise<'overdue'>((resolve) => {
    timer = setTimeout(() => resolve('overdue'), Math.max(0, info.deadline - Date.now()));
  });
  try {
    for (;;) {
      const pending = payloads.next();
      // Past the deadline nobody awaits it: its failure must not go unhandled.
      pending.catch(() => undefined);
      const next = await Promise.race([pending, overdue]);
      if (next === 'overdue') {
        info.errorCodes.push('REQUEST_TIMEOUT');
        response.write(last('REQUEST_TIMEOUT', 'The request took too long to answer'));
        payloads.return?.().catch(() => undefined);
        break;
      }
      if (next.done) {
        response.write(part({ hasNext: false }));
        break;
      }
      response.write(part(next.value));
      if (next.value.hasNext === false) {
        payloads.return?.().catch(() => undefined);
        break;
      }
    }
  } catch (error) {
    // The first part is sent: the failure can only be told in the last.
    info.log.error({ err: error }, 'incremental delivery failed');
    info.errorCodes.push('INTERNAL_SERVER_ERROR');
    response.write(last('INTERNAL_SERVER_ERROR', 'Internal server error'));
  } finally {
    clearTimeout(timer);
  }
  response.end();
}

/** What the HTTP front does between requests: counts what is in flight, and whether it is shutting down. */
export interface HttpFrontState {
  inFlight: number;
  draining: boolean;
  /** Resolves once no request is in flight. */
  idle(): Promise<void>;
}

/**
 * A plain node:http front for an Apollo Server: GraphQL at `/` and `/graphql`, liveness at
 * `/healthz`, readiness at `/readyz`, Prometheus metrics at `/metrics`. It reads and parses the
 * body itself so that an oversized or malformed body gets a GraphQL-shaped 4xx with
 * `extensions.code`, never a 500. Each GraphQL request gets an id (`x-request-id`, kept when the
 * caller sent a well-formed one, and echoed), a trace context, a deadline, a metric and one log line.
 */
export function createGraphQLHttpHandler<Context extends BaseContext>(options: GraphQLHttpServerOptions<Context>) {
  const limit = options.maxBodyBytes ?? 100_000;
  const timeoutMs = options.requestTimeoutMs ?? 10_000;
  const { logger, metrics, tracing } = options.observability;
  let idleWaiters: Array<() => void> = [];
  const state: HttpFrontState = {
    inFlight: 0,
    draining: false,
    idle: () => (state.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve))),
  };

  const send = (response: http.ServerResponse, status: number, body: string, headers: Record<string, string | number> = {}) => {
    if (response.headersSent || response.writableEnded) return;
    response.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      ...(state.draining ? { connection: 'close' } : {}),
      ...headers,
    });
    response.end(body);
  };
  const sendJson = (response: http.ServerResponse, status: number, body: unknown) => send(response, status, JSON.stringify(body));
  /** Answers with one coded error, and notes the code for the request's log line. */
  const refuse = (response: http.ServerResponse, info: RequestInfo, status: number, message: string, code: string, headers: Record<string, string> = {}) => {
    info.errorCodes = [code];
    send(response, status, JSON.stringify(graphQLErrorBody(message, code)), headers);
  };

  const operational = async (path: string, response: http.ServerResponse): Promise<boolean> => {
    if (path === '/healthz') {
      sendJson(response, 200, { status: 'ok' });
    } else if (path === '/readyz') {
      try {
        await options.health.ready();
        sendJson(response, 200, { status: 'ready' });
      } catch (error) {
        sendJson(response, 503, { status: 'not ready', reason: (error as Error).message });
      }
    } else if (path === '/metrics') {
      const { contentType, body } = await metrics.exposition();
      send(response, 200, body, { 'content-type': contentType });
    } else {
      return false;
    }
    return true;
  };

  const graphql = async (request: http.IncomingMessage, response: http.ServerResponse, url: URL, info: RequestInfo) => {
    const method = (request.method ?? 'GET').toUpperCase();
    let body: unknown;
    if (method === 'POST') {
      const bytes = await readBody(request, limit);
      if (bytes === null) {
        // The rest of the body is not read: the connection cannot be reused.
        return refuse(response, info, 413, `Request body is larger than ${limit} bytes`, 'PAYLOAD_TOO_LARGE', { connection: 'close' });
      }
      info.body = bytes;
      const text = bytes.toString('utf8');
      const contentType = request.headers['content-type'] ?? '';
      if (contentType.includes('application/json')) {
        try {
          body = text === '' ? undefined : JSON.parse(text);
        } catch {
          return refuse(response, info, 400, 'Request body is not valid JSON', 'BAD_REQUEST');
        }
      } else {
        body = text;
      }
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const graphQLRequest: HTTPGraphQLRequest = { method, headers, search: url.search, body };
    let context: Context | undefined;
    const result = await options.server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: graphQLRequest,
      context: async () => (context = await options.context(request, info)),
    });
    if (response.headersSent) return; // the deadline's backstop answered already
    for (const [key, value] of result.headers) response.setHeader(key, value);
    if (state.draining) response.setHeader('connection', 'close');
    response.statusCode = result.status ?? 200;
    // Refused before the GraphQL pipeline ran (CSRF, batching): no plugin saw the codes.
    if (response.statusCode >= 400 && info.errorCodes.length === 0 && result.body.kind === 'complete') info.errorCodes = errorCodesOf(result.body.string);
    const later = result.body.kind === 'complete' && response.statusCode < 400 && context !== undefined ? options.incremental?.(context) ?? null : null;
    if (result.body.kind === 'complete' && later !== null) return sendParts(response, info, result.body.string, later);
    if (result.body.kind === 'complete') {
      response.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) response.write(chunk);
    response.end();
  };

  const handler = async (request: http.IncomingMessage, response: http.ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (await operational(path, response).catch((error: unknown) => {
      logger.error({ err: error, path }, 'operational endpoint failed');
      sendJson(response, 500, graphQLErrorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
      return true;
    })) return;

    const started = performance.now();
    state.inFlight += 1;
    metrics.inFlightRequests.inc();
    const id = requestIdFrom(request.headers[REQUEST_ID_HEADER]);
    response.setHeader(REQUEST_ID_HEADER, id);
    const parent = tracing.extract(request.headers);
    let span: Span | undefined;
    if (tracing.enabled) {
      span = tracing.tracer.startSpan(`${request.method ?? 'GET'} ${path}`, {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': request.method ?? 'GET', 'url.path': path, 'azg.request_id': id },
      }, parent);
    }
    const traceContext = span ? trace.setSpan(parent, span) : parent;
    const info: RequestInfo = {
      id,
      log: logger.child({ reqId: id }),
      trace: traceContext,
      deadline: Date.now() + timeoutMs,
      errorCodes: [],
    };
    const backstop = setTimeout(() => {
      // An event stream (subscriptions) is meant to outlive any deadline.
      if (String(response.getHeader('content-type') ?? '').startsWith('text/event-stream')) return;
      info.log.warn({ timeoutMs }, 'request not answered by its deadline');
      refuse(response, info, 503, 'The request took too long to answer', 'REQUEST_TIMEOUT');
    }, timeoutMs + DEADLINE_BACKSTOP_MS);

    try {
      for (const route of options.routes ?? []) {
        if (await route(request, response, url)) return;
      }
      if (!GRAPHQL_PATHS.has(path)) refuse(response, info, 404, `No such path: ${path}`, 'NOT_FOUND');
      else await graphql(request, response, url, info);
    } catch (error) {
      info.log.error({ err: error }, 'request failed');
      if (!response.headersSent) refuse(response, info, 500, 'Internal server error', 'INTERNAL_SERVER_ERROR');
      else response.end();
    } finally {
      clearTimeout(backstop);
      const status = response.statusCode;
      const durationMs = Math.round((performance.now() - started) * 10) / 10;
      const spanContext = trace.getSpanContext(traceContext);
      info.log.info({
        method: request.method,
        path,
        status,
        durationMs,
        operationName: info.operationName,
        caller: info.caller,
        errors: info.errorCodes.length > 0 ? info.errorCodes : undefined,
        traceparent: request.headers[TRACEPARENT_HEADER],
        traceId: spanContext?.traceId,
        spanId: span ? spanContext?.spanId : undefined,
      }, 'request');
      metrics.httpRequests.inc({ path: GRAPHQL_PATHS.has(path) ? path : 'other', status: String(status) });
      if (span) {
        span.setAttribute('http.response.status_code', status);
        if (info.operationName) span.setAttribute('graphql.operation.name', info.operationName);
        if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      }
      metrics.inFlightRequests.dec();
      state.inFlight -= 1;
      if (state.inFlight === 0) {
        const waiters = idleWaiters;
        idleWaiters = [];
        for (const resolve of waiters) resolve();
      }
    }
  };
  return Object.assign(handler, { state });
}

/** Starts the server and listens; see `RunningServer.close` for how it stops. */
export async function listen<Context extends BaseContext>(
  options: GraphQLHttpServerOptions<Context>,
  port: number,
  host = '127.0.0.1',
): Promise<RunningServer> {
  await options.server.start();
  const handler = createGraphQLHttpHandler(options);
  const httpServer = http.createServer((request, response) => void handler(request, response));
  httpServer.on('upgrade', (request: http.IncomingMessage, socket: Socket, head: Buffer) => {
    if (options.upgrade && !handler.state.draining) options.upgrade(request, socket, head);
    else socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
  });
  // Clients that keep connections (the gateway's pool) must give up on them before the server does.
  httpServer.keepAliveTimeout = 65_000;
  // A client that trickles its request in (slowloris) is cut off like a slow answer.
  httpServer.requestTimeout = options.requestTimeoutMs ?? 10_000;
  httpServer.headersTimeout = Math.min(httpServer.requestTimeout, 10_000);
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => resolve());
  });
  const address = httpServer.address() as AddressInfo;
  let closing: Promise<{ drained: boolean }> | null = null;
  return {
    url: `http://${host}:${address.port}/`,
    port: address.port,
    close(graceMs = 10_000) {
      closing ??= (async () => {
        handler.state.draining = true;
        await options.beforeClose?.();
        const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        httpServer.closeIdleConnections();
        let timer: NodeJS.Timeout | undefined;
        const drained = await Promise.race([
          handler.state.idle().then(() => true),
          new Promise<boolean>((resolve) => {
            timer = setTimeout(() => resolve(false), graceMs);
          }),
        ]);
        clearTimeout(timer);
        httpServer.closeAllConnections();
        await closed;
        await options.server.stop();
        return { drained };
      })();
      return closing;
    },
  };
}
