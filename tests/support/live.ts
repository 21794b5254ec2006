import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { eventually } from './eventually';

/** What one subscription has received so far, and how it ended. */
export interface Received<Data = any> {
  results: Array<{ data?: Data; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }>;
  /** The errors it ended with (a refused operation), if it did. */
  error: unknown;
  completed: boolean;
  /** Waits until a result passes `test` (searching all received so far) and returns it. */
  next(test: (data: Data) => boolean, timeoutMs?: number): Promise<Data>;
  /** Waits until the subscription ended (completed or errored). */
  ended(timeoutMs?: number): Promise<void>;
  stop(): void;
}

/** A graphql-ws client on the gateway's URL (ws://), with these connection parameters; it does not retry. */
export function wsClient(gatewayUrl: string, connectionParams: Record<string, unknown> = {}): Client & { closed: Promise<{ code: number; reason: string }> } {
  let closed!: (event: { code: number; reason: string }) => void;
  const closedPromise = new Promise<{ code: number; reason: string }>((resolve) => { closed = resolve; });
  const client = createClient({
    url: gatewayUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: false,
    // A socket the server closes is what some tests wait for (`closed`), not a failure to print.
    onNonLazyError: () => undefined,
    on: { closed: (event) => closed({ code: (event as { code: number }).code, reason: String((event as { reason?: unknown }).reason ?? '') }) },
  });
  return Object.assign(client, { closed: closedPromise });
}

/** Subscribes and collects what arrives. */
export function subscribe<Data = any>(client: Pick<Client, 'subscribe'>, query: string, variables: Record<string, unknown> = {}): Received<Data> {
  const received: Received<Data> = {
    results: [],
    error: undefined,
    completed: false,
    next: (test, timeoutMs = 15_000) => eventually(() => {
      const found = received.results.find((result) => result.data !== undefined && test(result.data));
      if (!found) throw new Error(`no matching event yet; received ${JSON.stringify(received.results).slice(0, 2000)}; error ${JSON.stringify(received.error)}`);
      return found.data!;
    }, timeoutMs, 25),
    ended: (timeoutMs = 15_000) => eventually(() => {
      if (!received.completed && received.error === undefined) throw new Error('the subscription has not ended');
    }, timeoutMs, 25),
    stop: () => undefined,
  };
  received.stop = client.subscribe<Data>({ query, variables }, {
    next: (result) => { received.results.push(result as Received<Data>['results'][number]); },
    error: (error) => { received.error = error ?? 'error'; },
    complete: () => { received.completed = true; },
  });
  return received;
}

/** The codes of a refused operation's errors (graphql-ws hands them over as an array). */
export function errorCodesOf(error: unknown): unknown[] {
  return Array.isArray(error) ? error.map((each: { extensions?: { code?: unknown } }) => each.extensions?.code) : [];
}
