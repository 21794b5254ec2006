import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, type BaseContext, type HTTPGraphQLRequest } from '@apollo/server';

export interface HealthCheck {
  /** Resolves when the process can serve (its database answers); rejects with the reason otherwise. */
  ready(): Promise<void>;
}

export interface GraphQLHttpServerOptions<Context extends BaseContext> {
  server: ApolloServer<Context>;
  /** Builds everything request-scoped: loaders, the request's database handle. */
  context: (request: http.IncomingMessage) => Promise<Context>;
  health: HealthCheck;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes?: number;
  /** Handlers tried in order before GraphQL (static files, say); the first that returns true has answered. */
  routes?: HttpRoute[];
}

/** Answers a request it recognizes and returns true, or returns false and leaves it alone. */
export type HttpRoute = (request: http.IncomingMessage, response: http.ServerResponse, url: URL) => boolean | Promise<boolean>;

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

function graphQLErrorBody(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}

async function readBody(request: http.IncomingMessage, limit: number): Promise<string | null> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A plain node:http front for an Apollo Server: GraphQL at `/` and `/graphql`, liveness at
 * `/healthz`, readiness at `/readyz`. It reads and parses the body itself so that an oversized
 * or malformed body gets a GraphQL-shaped 4xx with `extensions.code`, never a 500.
 */
export function createGraphQLHttpHandler<Context extends BaseContext>(options: GraphQLHttpServerOptions<Context>) {
  const limit = options.maxBodyBytes ?? 1_000_000;
  return async (request: http.IncomingMessage, response: http.ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    try {
      if (url.pathname === '/healthz') return sendJson(response, 200, { status: 'ok' });
      if (url.pathname === '/readyz') {
        try {
          await options.health.ready();
          return sendJson(response, 200, { status: 'ready' });
        } catch (error) {
          return sendJson(response, 503, { status: 'not ready', reason: (error as Error).message });
        }
      }
      for (const route of options.routes ?? []) {
        if (await route(request, response, url)) return;
      }
      if (url.pathname !== '/' && url.pathname !== '/graphql') {
        return sendJson(response, 404, graphQLErrorBody(`No such path: ${url.pathname}`, 'NOT_FOUND'));
      }
      const method = (request.method ?? 'GET').toUpperCase();
      let body: unknown;
      if (method === 'POST') {
        const text = await readBody(request, limit);
        if (text === null) return sendJson(response, 413, graphQLErrorBody(`Request body is larger than ${limit} bytes`, 'PAYLOAD_TOO_LARGE'));
        const contentType = request.headers['content-type'] ?? '';
        if (contentType.includes('application/json')) {
          try {
            body = text === '' ? undefined : JSON.parse(text);
          } catch {
            return sendJson(response, 400, graphQLErrorBody('Request body is not valid JSON', 'BAD_REQUEST'));
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
      const result = await options.server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: graphQLRequest,
        context: () => options.context(request),
      });
      for (const [key, value] of result.headers) response.setHeader(key, value);
      response.statusCode = result.status ?? 200;
      if (result.body.kind === 'complete') {
        response.end(result.body.string);
        return;
      }
      for await (const chunk of result.body.asyncIterator) response.write(chunk);
      response.end();
    } catch (error) {
      process.stderr.write(`request failed: ${(error as Error).stack ?? String(error)}\n`);
      if (!response.headersSent) sendJson(response, 500, graphQLErrorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
      else response.end();
    }
  };
}

/** Starts the server and listens; `close()` stops accepting, lets in-flight requests finish, then stops Apollo. */
export async function listen<Context extends BaseContext>(
  options: GraphQLHttpServerOptions<Context>,
  port: number,
  host = '127.0.0.1',
): Promise<RunningServer> {
  await options.server.start();
  const handler = createGraphQLHttpHandler(options);
  const httpServer = http.createServer((request, response) => void handler(request, response));
  httpServer.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => resolve());
  });
  const address = httpServer.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}/`,
    port: address.port,
    async close() {
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeIdleConnections();
      });
      await options.server.stop();
    },
  };
}
