import { setTimeout as sleep } from 'node:timers/promises';
import { CHANGES_PRUNED, type ChangeEvent, type FeedSigner, FeedAnswerError, fetchChangePage, MAX_CHANGES_LIMIT, MAX_CHANGES_WAIT_MS } from '@azg/core/changes';
import type { Logger } from '@azg/core/observability';
import type { SubgraphName } from '@azg/core/registry';

/** What the hub hands its listeners: one source's new events in commit order, or news of a gap. */
export type HubDelivery =
  | { kind: 'events'; source: SubgraphName; events: readonly ChangeEvent[] }
  /** The hub could not read some of `source`'s events (its feed was reset or pruned past the hub): whoever follows it has missed some. */
  | { kind: 'gap'; source: SubgraphName };

export interface ChangeHubOptions {
  sources: readonly SubgraphName[];
  sourceUrl(source: SubgraphName): string;
  sign: FeedSigner;
  logger: Logger;
  /** How long each long poll waits for a commit (MAX_CHANGES_WAIT_MS by default). */
  waitMs?: number;
}

/**
 * The gateway's one reader of every subgraph's change stream, shared by all its subscriptions: one
 * long poll per source, from the head it finds at start (the gateway keeps no state: a
 * subscriber that wants older events names them with `after`, read by `backlog`).
 */
export interface ChangeHub {
  /** Resolves once every source's head is known; `position` answers from then on. */
  ready(): Promise<void>;
  /** The last position of `source` handed to listeners (at start, its head). */
  position(source: SubgraphName): bigint;
  /** Calls `listener` with each delivery, synchronously and in order per source, until the returned function is called. */
  listen(listener: (delivery: HubDelivery) => void): () => void;
  /**
   * `source`'s events after `after` up to and including `until`, a page at a time, from its feed:
   * what a resuming subscriber missed. Throws a FeedAnswerError with code CHANGES_PRUNED when the
   * source no longer keeps them.
   */
  backlog(source: SubgraphName, after: bigint, until: bigint, signal?: AbortSignal): AsyncIterable<readonly ChangeEvent[]>;
  stop(): Promise<void>;
}

const BACKOFF_MIN_MS = 100;
const BACKOFF_MAX_MS = 5_000;

export function startChangeHub(options: ChangeHubOptions): ChangeHub {
  const waitMs = options.waitMs ?? MAX_CHANGES_WAIT_MS;
  const stopping = new AbortController();
  const positions = new Map<SubgraphName, bigint>();
  const listeners = new Set<(delivery: HubDelivery) => void>();
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => { markReady = resolve; });
  const deliver = (delivery: HubDelivery) => {
    for (const listener of [...listeners]) {
      try {
        listener(delivery);
      } catch (error) {
        options.logger.error({ err: error, source: delivery.source }, 'a subscription failed to take a change delivery');
      }
    }
  };
  const page = (source: SubgraphName, after: bigint, limit: number, wait = 0, signal: AbortSignal = stopping.signal) =>
    fetchChangePage(options, source, { after: String(after), limit, waitMs: wait }, signal);

  const follow = async (source: SubgraphName) => {
    let backoff = BACKOFF_MIN_MS;
    while (!stopping.signal.aborted) {
      try {
        let position = positions.get(source);
        if (position === undefined) {
          position = BigInt((await page(source, 0n, 0)).head);
          positions.set(source, position);
          if ([...options.sources].every((each) => positions.has(each))) markReady();
        }
        let answer;
        try {
          answer = await page(source, position, MAX_CHANGES_LIMIT, waitMs);
        } catch (error) {
          if (!(error instanceof FeedAnswerError && error.code === CHANGES_PRUNED)) throw error;
          options.logger.warn({ source, position }, 'the source no longer keeps the changes after the hub\'s position: following it from its head; its subscribers are told they missed changes');
          positions.set(source, BigInt((await page(source, 0n, 0)).head));
          deliver({ kind: 'gap', source });
          continue;
        }
        if (answer.events.length > 0) {
          positions.set(source, BigInt(answer.events.at(-1)!.position));
          deliver({ kind: 'events', source, events: answer.events });
        } else if (BigInt(answer.head) < position) {
          // The source's outbox started again (a database recreated): nothing after our position will ever come.
          options.logger.warn({ source, position, head: answer.head }, 'the source\'s change stream is behind the hub\'s position (reset?): following it from its head');
          positions.set(source, BigInt(answer.head));
          deliver({ kind: 'gap', source });
        }
        backoff = BACKOFF_MIN_MS;
      } catch (error) {
        if (stopping.signal.aborted) break;
        options.logger.warn({ err: error, source, retryInMs: backoff }, 'following a change feed for subscriptions failed; retrying');
        await sleep(backoff, undefined, { signal: stopping.signal }).catch(() => undefined);
        backoff = Math.min(backoff * 2, BACKOFF_MAX_MS);
      }
    }
  };
  const loops = options.sources.map(follow);

  return {
    ready: () => ready,
    position(source) {
      const position = positions.get(source);
      if (position === undefined) throw new Error(`the hub does not know ${source}'s head yet (await ready())`);
      return position;
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async *backlog(source, after, until, signal) {
      let position = after;
      while (position < until) {
        const answer = await page(source, position, MAX_CHANGES_LIMIT, 0, signal ? AbortSignal.any([signal, stopping.signal]) : stopping.signal);
        const events = answer.events.filter((event) => BigInt(event.position) <= until);
        if (events.length > 0) yield events;
        if (answer.events.length === 0 || events.length < answer.events.length) return;
        position = BigInt(answer.events.at(-1)!.position);
      }
    },
    async stop() {
      stopping.abort();
      markReady();
      await Promise.all(loops);
    },
  };
}
