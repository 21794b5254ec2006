import type { ChangeEvent } from '@azg/core/changes';
import { CHANGES_PRUNED, FeedAnswerError } from '@azg/core/changes';
import type { Identity } from '@azg/core/identity';
import type { Logger } from '@azg/core/observability';
import type { SubgraphName } from '@azg/core/registry';
import { type ExecutionResult, GraphQLError } from 'graphql';
import type { ChangeHub, HubDelivery } from './change-hub';
import { decodeEventId, encodeEventId, EventIdError, type SourcePositions } from './event-cursor';
import type { LiveField } from './live-fields';
import { PushIterator } from './push-iterator';

/** Who holds a subscription, as its transport authenticated them. */
export interface Subscriber {
  identity: Identity;
  /** Authenticates the subscriber's credentials again; rejects once they are no longer good (a revoked key, an expired token). */
  reauthenticate(): Promise<Identity>;
  acceptLanguage: string | null;
}

/** What a subscription needs from the gateway. */
export interface StreamServices {
  hub: ChangeHub;
  /** Runs a query through the gateway's own pipeline as the subscriber (same access, same subgraph fetches). */
  query(text: string, variables: Record<string, unknown>, subscriber: Subscriber): Promise<ExecutionResult>;
  logger: Logger;
  /**
   * Live events waiting for a subscriber at most; past it, the subscription ends with
   * SUBSCRIBER_TOO_SLOW. They wait as references to the hub's shared deliveries: only a few
   * (QUEUE_WINDOW) become payloads ahead of the reader.
   */
  queueLimit: number;
  /** How often a subscriber's credentials are checked again. */
  reauthenticateMs: number;
}

/** One event as a subscription's payload sees it, before its selection is read through the graph. */
export interface Envelope {
  /** The subscription field it is an event of. */
  field: string;
  eventId: string;
  source: SubgraphName;
  entity: string;
  entityId: string;
  operation: ChangeEvent['operation'];
  committedAt: string;
  matchesFilter: boolean;
  /** The record the event is about for its field (the project of a plot's change), or null (zone-wide). */
  subject: string | null;
  /** Shared by every subscription that receives the same event: what they read through the graph is read once. */
  event: ChangeEvent;
  /** Errors of the payload's graph reads, by the path they have in the answer (see federated-read.ts). */
  errors: Map<string, GraphQLError>;
}

/** The last item of a stream that ends for a reason the subscriber must hear. */
export interface Ending {
  ending: GraphQLError;
}

export type StreamItem = Envelope | Ending;

export const SUBSCRIBER_TOO_SLOW = 'SUBSCRIBER_TOO_SLOW';
export const CHANGES_LOST = 'CHANGES_LOST';

const FILTER_CHUNK = 100;
/** Payloads made ahead of a reader at most: what a slow subscriber holds of its own, the rest staying shared. */
const QUEUE_WINDOW = 16;
/** How long a subscription waits for the hub to learn every source's head (a subgraph down at the first subscription). */
const HUB_READY_TIMEOUT_MS = 10_000;

function codedError(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

/** Which of `ids` match a filter now, per batch of deliveries, shared by subscriptions that ask the same. */
const filterAnswers = new WeakMap<readonly ChangeEvent[], Map<string, Promise<Set<string>>>>();

/**
 * Opens one subscription's stream of events: from `after` (the subscriber's last event id) when
 * given, through what the sources still keep, then live from the hub; filtered, in commit order
 * per source, each event with the id to resume after it. Throws a BAD_USER_INPUT error for an
 * `after` that is not one of this field's event ids.
 */
export async function openSubscriptionStream(
  field: LiveField,
  args: { filter?: unknown; after?: string | null },
  subscriber: Subscriber,
  services: StreamServices,
  onEnd: () => void,
): Promise<PushIterator<StreamItem>> {
  let after: SourcePositions | null = null;
  if (args.after != null) {
    try {
      after = decodeEventId(args.after, field.sources);
    } catch (error) {
      if (error instanceof EventIdError) throw new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT', argument: 'after' } });
      throw error;
    }
  }
  const { hub } = services;
  let timer: NodeJS.Timeout | undefined;
  const ready = await Promise.race([
    hub.ready().then(() => true),
    new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), HUB_READY_TIMEOUT_MS); }),
  ]);
  clearTimeout(timer);
  if (!ready) throw codedError('The subgraphs\' change streams did not answer in time: subscribe again shortly.', 'SUBGRAPH_UNAVAILABLE');
  const pending: HubDelivery[] = [];
  let wake: (() => void) | null = null;
  const stopping = new AbortController();
  let recheck: NodeJS.Timeout | undefined;
  let pendingEvents = 0;
  const unlisten = hub.listen((delivery) => {
    if (!field.sources.includes(delivery.source)) return;
    pending.push(delivery);
    pendingEvents += delivery.kind === 'events' ? delivery.events.length : 0;
    if (pendingEvents > services.queueLimit) tooSlow();
    wake?.();
  });
  const iterator = new PushIterator<StreamItem>(() => {
    unlisten();
    clearInterval(recheck);
    stopping.abort();
    wake?.();
    onEnd();
  }, field.coalesce);
  const end = (error: GraphQLError) => {
    iterator.push({ ending: error });
    iterator.end();
  };
  const tooSlow = () => end(codedError(`This subscriber fell more than ${services.queueLimit} events behind, and the subscription ended. Subscribe again with \`after\` set to the last eventId received to pick up from there.`, SUBSCRIBER_TOO_SLOW));
  // Where the hub is now: what comes from it next is after this; what the subscriber missed before, the backlog reads.
  const heads = new Map(field.sources.map((source) => [source, hub.position(source)]));
  const cursor: SourcePositions = new Map(after ?? heads);
  const known = new Set<string>();
  const filter = field.filter && args.filter != null ? { ...field.filter, value: args.filter } : null;

  const matching = (events: readonly ChangeEvent[]): Promise<Set<string>> => {
    const ids = [...new Set(events.filter((event) => event.operation !== 'DELETE').map((event) => field.subject(event)).filter((id): id is string => id !== null))];
    const key = JSON.stringify([field.name, filter!.value, subscriber.identity.subject, subscriber.identity.role, subscriber.identity.keyId ?? null]);
    let answers = filterAnswers.get(events);
    if (!answers) filterAnswers.set(events, answers = new Map());
    let answer = answers.get(key);
    if (!answer) {
      answer = (async () => {
        const found = new Set<string>();
        for (let start = 0; start < ids.length; start += FILTER_CHUNK) {
          const chunk = ids.slice(start, start + FILTER_CHUNK);
          const result = await services.query(
            `query SubscriptionFilter($filter: ${filter!.filterType}!, $ids: [ID!]!) { list: ${filter!.listField}(first: ${FILTER_CHUNK}, filter: { and: [$filter, { id: { in: $ids } }] }) { nodes { id } } }`,
            { filter: filter!.value, ids: chunk },
            subscriber,
          );
          const nodes = (result.data as { list?: { nodes?: Array<{ id: string }> } } | null | undefined)?.list?.nodes;
          if (!nodes) throw result.errors?.[0] ?? new Error('the filter check answered no list');
          for (const node of nodes) found.add(node.id);
        }
        return found;
      })();
      answers.set(key, answer);
    }
    return answer;
  };

  const take = async (source: SubgraphName, events: readonly ChangeEvent[]) => {
    const last = cursor.get(source)!;
    const fresh = events.filter((event) => BigInt(event.position) > last);
    if (fresh.length === 0) return;
    const matches = filter ? await matching(events) : null;
    for (const event of fresh) {
      cursor.set(source, BigInt(event.position));
      const subject = field.subject(event);
      if (subject === null) continue;
      let matchesFilter = event.operation !== 'DELETE';
      if (matches) {
        matchesFilter = matchesFilter && matches.has(subject);
        // A record outside the filter is news only to a subscriber that was told of it while inside.
        if (!matchesFilter && !known.delete(subject)) continue;
        if (matchesFilter) known.add(subject);
      }
      // A reader that is behind holds the producer here: what waits meanwhile stays in the shared deliveries (or unread, in the feed).
      if (!field.coalesce && iterator.backlog >= QUEUE_WINDOW) await iterator.room(QUEUE_WINDOW);
      if (iterator.ended) return;
      iterator.push({
        field: field.name,
        eventId: encodeEventId(cursor),
        source,
        entity: event.entity,
        entityId: event.id,
        operation: event.operation,
        committedAt: event.committedAt,
        matchesFilter,
        subject: field.subjectField === null ? null : subject,
        event,
        errors: new Map(),
      });
    }
  };

  const produce = async () => {
    try {
      if (after) {
        for (const source of field.sources) {
          for await (const events of hub.backlog(source, after.get(source)!, heads.get(source)!, stopping.signal)) {
            if (iterator.ended) return;
            await take(source, events);
          }
        }
      }
      while (!iterator.ended) {
        const delivery = pending.shift();
        if (!delivery) {
          await new Promise<void>((resolve) => { wake = resolve; });
          wake = null;
          continue;
        }
        if (delivery.kind === 'events') pendingEvents -= delivery.events.length;
        if (delivery.kind === 'gap') {
          end(codedError(`The gateway could not read some of ${delivery.source}'s changes, so this subscription may have missed events. Query the current state again and subscribe anew.`, CHANGES_LOST));
          return;
        }
        await take(delivery.source, delivery.events);
      }
    } catch (error) {
      if (iterator.ended) return;
      if (error instanceof FeedAnswerError && error.code === CHANGES_PRUNED) {
        end(codedError('The events after this `after` are no longer kept (see the README\'s retention window). Query the current state again and subscribe without `after`.', CHANGES_PRUNED));
        return;
      }
      services.logger.error({ err: error, subscription: field.name }, 'a subscription failed');
      end(codedError('The subscription failed. Subscribe again with `after` set to the last eventId received.', 'INTERNAL_SERVER_ERROR'));
    }
  };

  recheck = setInterval(() => {
    subscriber.reauthenticate().catch((error: unknown) => {
      end(codedError(`The credentials this subscription runs under are no longer accepted (${(error as Error).message}), and the subscription ended.`, 'UNAUTHENTICATED'));
    });
  }, services.reauthenticateMs);
  recheck.unref();
  void produce();
  return iterator;
}
