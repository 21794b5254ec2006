import { createGraphiQLFetcher, type Fetcher, type FetcherParams, type Observable } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { buildSchema, getOperationAST } from 'graphql';
import { createClient, type ExecutionResult } from 'graphql-ws';
import { createRoot } from 'react-dom/client';
import type { PlaygroundExample } from '../examples';
import { examplesPlugin } from './examples-plugin';
import 'graphiql/style.css';
import './playground.css';

const WELCOME = `# Welcome to the Almaty Zone Graph: the Almaty Industrial Zone's projects, companies, land
# and workforce, every figure with the Kazakh words it comes from.
#
# Open "Examples" on the left for questions you can ask, "Docs" for the schema.
# Press the run button (or Ctrl-Enter) to run the operation below.

`;

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  return response;
}

async function start(container: HTMLElement): Promise<void> {
  const [sdl, examples] = await Promise.all([
    fetchOk('/playground/schema.graphql').then((response) => response.text()),
    fetchOk('/playground/examples.json').then((response) => response.json() as Promise<PlaygroundExample[]>),
  ]);
  // The schema comes with the page rather than by introspection, so the playground works where
  // the gateway runs only persisted operations.
  const schema = buildSchema(sdl);
  const fetcher = liveFetcher(new URL(window.location.pathname, window.location.origin));
  const plugin = examplesPlugin(examples);
  const first = examples.find((example) => example.name === 'LaunchesByEndOf2021') ?? examples[0];
  createRoot(container).render(
    <GraphiQL
      fetcher={fetcher}
      schema={schema}
      plugins={[plugin]}
      defaultQuery={`${WELCOME}${first?.body ?? '{ __typename }\n'}`}
      defaultEditorToolsVisibility={false}
    >
      <GraphiQL.Logo>Almaty Zone Graph</GraphiQL.Logo>
    </GraphiQL>,
  );
  openExamplesPanel();
}

/**
 * GraphiQL's fetcher for GraphQL where this page is (`/` or `/graphql`): queries and mutations
 * over HTTP, asking for `@defer`'s parts as they come (GraphiQL merges each into the answer on
 * screen); subscriptions over a WebSocket to the same URL. The headers editor's headers go with
 * both, on the WebSocket as its connection parameters, where the gateway reads `authorization`
 * and `x-api-key` in lower case: their names are lower-cased here (HTTP's are case-insensitive).
 */
function liveFetcher(url: URL): Fetcher {
  const http = createGraphiQLFetcher({ url: url.toString(), headers: { accept: 'multipart/mixed;deferSpec=20220824, application/json' } });
  const socketUrl = url.toString().replace(/^http/, 'ws');
  return (params, options) => {
    const headers = Object.fromEntries(Object.entries(options?.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]));
    const operation = options?.documentAST ? getOperationAST(options.documentAST, params.operationName ?? undefined) : null;
    if (operation?.operation === 'subscription') return subscription(socketUrl, params, headers);
    return http(params, { ...options, headers });
  };
}

/**
 * One subscription on a WebSocket of its own (graphql-ws), closed when GraphiQL's stop button
 * unsubscribes. Not retried, unlike graphql-ws's default: a refusal (a bad key closes the socket
 * with 4403) or the gateway's going away is shown at once rather than after five tries.
 */
function subscription(url: string, params: FetcherParams, connectionParams: Record<string, string>): Observable<ExecutionResult> {
  return {
    subscribe(sink: { next(value: ExecutionResult): void; error(error: unknown): void; complete(): void }) {
      const client = createClient({ url, connectionParams, retryAttempts: 0 });
      const stop = client.subscribe(params, {
        next: (result) => sink.next(result as ExecutionResult),
        error: (error) => sink.error(error instanceof CloseEvent ? new Error(`The gateway closed the WebSocket: ${error.code} ${error.reason}`.trim()) : error),
        complete: () => sink.complete(),
      });
      return {
        unsubscribe() {
          stop();
          void client.dispose();
        },
      };
    },
  } as Observable<ExecutionResult>;
}

/**
 * Opens the examples panel once GraphiQL is on the page. GraphiQL 4's `visiblePlugin` prop
 * takes effect only after the first render, by which time the panel's pane has been laid out
 * hidden; the sidebar button both selects the plugin and shows the pane.
 */
function openExamplesPanel(attempts = 100): void {
  const button = document.querySelector<HTMLButtonElement>('button[aria-label="Show Examples"]');
  if (button) button.click();
  else if (attempts > 0) setTimeout(() => openExamplesPanel(attempts - 1), 50);
}

const container = document.getElementById('playground')!;
start(container).catch((error: unknown) => {
  container.textContent = `The playground could not start: ${(error as Error).message}`;
});
