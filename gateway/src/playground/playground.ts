import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { HttpRoute } from '@azg/core/server';
import type { OperationManifest } from '../persisted-operations';
import { printApiSchema } from '../api-schema';
import type { PlaygroundConfig } from './config';
import { examplesOf } from './examples';

/** Where the playground's files are served from. */
export const PLAYGROUND_PATH = '/playground/';

/** The files the esbuild bundle (`bundle.ts`) writes into the assets directory. */
export const BUNDLE_FILES = ['playground.js', 'playground.css'] as const;

interface Asset {
  body: Buffer;
  contentType: string;
  etag: string;
}

function asset(body: string | Buffer, contentType: string): Asset {
  const buffer = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  return { body: buffer, contentType, etag: `"${createHash('sha256').update(buffer).digest('base64url').slice(0, 27)}"` };
}

export interface Playground {
  /** Answers GET/HEAD under /playground/: the bundle, the API schema and the example operations. */
  route: HttpRoute;
  /** Makes Apollo answer a browser's GET of the GraphQL URL with the playground's page. */
  landingPage: ApolloServerPlugin<BaseContext>;
}

/**
 * The explorer: GraphiQL (docs explorer, history, tabs) with a panel of the example
 * operations, bundled at build time and served by the gateway itself, so it works with no
 * internet. It reads the schema from `/playground/schema.graphql` rather than by
 * introspection, so it also works where the gateway runs only persisted operations.
 */
export function createPlayground(config: PlaygroundConfig, supergraphSdl: string, manifest: OperationManifest | null): Playground {
  const missing = BUNDLE_FILES.filter((file) => !existsSync(path.join(config.assetsDir, file)));
  if (missing.length > 0) {
    throw new Error(`the playground is not built: ${missing.join(', ')} missing in ${config.assetsDir} (run npm run build, or set PLAYGROUND=false)`);
  }
  const assets = new Map<string, Asset>([
    ['playground.js', asset(readFileSync(path.join(config.assetsDir, 'playground.js')), 'text/javascript; charset=utf-8')],
    ['playground.css', asset(readFileSync(path.join(config.assetsDir, 'playground.css')), 'text/css; charset=utf-8')],
    ['schema.graphql', asset(printApiSchema(supergraphSdl), 'text/plain; charset=utf-8')],
    ['examples.json', asset(JSON.stringify(examplesOf(manifest)), 'application/json; charset=utf-8')],
  ]);
  const version = assets.get('playground.js')!.etag.slice(1, 13);

  const route: HttpRoute = (request, response, url) => {
    if (!url.pathname.startsWith(PLAYGROUND_PATH)) return false;
    const method = (request.method ?? 'GET').toUpperCase();
    const file = assets.get(url.pathname.slice(PLAYGROUND_PATH.length));
    if (!file || (method !== 'GET' && method !== 'HEAD')) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('Not found\n');
      return true;
    }
    // Revalidated on every load (cheap: a 304), so a rebuilt gateway never serves a stale bundle.
    const headers = { 'content-type': file.contentType, etag: file.etag, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' };
    if (request.headers['if-none-match'] === file.etag) {
      response.writeHead(304, headers);
      response.end();
      return true;
    }
    response.writeHead(200, { ...headers, 'content-length': file.body.length });
    response.end(method === 'HEAD' ? undefined : file.body);
    return true;
  };

  const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Almaty Zone Graph · playground</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="${PLAYGROUND_PATH}playground.css?v=${version}">
  </head>
  <body>
    <div id="playground"><p style="font-family: sans-serif; padding: 2em">Loading the Almaty Zone Graph playground…</p></div>
    <noscript>The playground needs JavaScript. Without it, POST GraphQL to this URL.</noscript>
    <script src="${PLAYGROUND_PATH}playground.js?v=${version}"></script>
  </body>
</html>
`;
  const landingPage: ApolloServerPlugin<BaseContext> = {
    async serverWillStart() {
      return { async renderLandingPage() { return { html }; } };
    },
  };
  return { route, landingPage };
}
