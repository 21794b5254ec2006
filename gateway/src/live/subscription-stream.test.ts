import { type ChangeEvent, FeedAnswerError } from '@azg/core/changes';
import { quietObservability } from '@azg/core/observability';
import type { SubgraphName } from '@azg/core/registry';
import type { ChangeHub, HubDelivery } from './change-hub';
import { LIVE_FIELDS } from './live-fields';
import type { PushIterator } from './push-iterator';
import { type Envelope, openSubscriptionStream, type StreamItem, type StreamServices, type Subscriber } from './subscription-stream';

const projectChanged = LIVE_FIELDS.find((field) => field.name === 'projectChanged')!;

function event(source: SubgraphName, position: number, entity: string, id: string, state: Record<string, unknown> | null = {}): ChangeEvent {
  return { source, position: String(position), entity, id, operation: state === null ? 'DELETE' : 'UPSERT', state, committedAt: '2026-12-06T12:00:00.000Z' };
}

/** A hub whose heads and deliveries the test sets, with a backlog read from `kept`. */
function fakeHub(heads: Partial<Record<SubgraphName, number>>, kept: ChangeEvent[] = [], prunedUpTo = 0) {
  const listeners = new Set<(delivery: HubDelivery) => void>();
  const hub: ChangeHub & { deliver(delivery: HubDelivery): void; listeners: number } = {
    ready: async () => undefined,
    position: (source) => BigInt(heads[source] ?? 0),
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async *backlog(source, after, until) {
      if (after < BigInt(prunedUpTo)) throw new FeedAnswerError(source, '/changes', 410, JSON.stringify({ errors: [{ extensions: { code: 'CHANGES_PRUNED' } }] }));
      yield kept.filter((each) => each.source === source && BigInt(each.position) > after && BigInt(each.position) <= until);
    },
    stop: async () => undefined,
    deliver: (delivery) => { for (const listener of [...listeners]) listener(delivery); },
    get listeners() { return listeners.size; },
  };
  return hub;
}

const subscriber = (reauthenticate: Subscriber['reauthenticate'] = async () => subscriber().identity): Subscriber => ({
  identity: { subject: 'anonymous', role: 'anonymous', source: 'anonymous' },
  reauthenticate,
  acceptLanguage: null,
});

function services(hub: ChangeHub, matching: Set<string> = new Set(), overrides: Partial<StreamServices> = {}): StreamServices & { filterChecks: number } {
  const result = {
    hub,
    filterChecks: 0,
    async query(_text: string, variables: Record<string, unknown>) {
      result.filterChecks += 1;
      return { data: { list: { nodes: (variables.ids as string[]).filter((id) => matching.has(id)).map((id) => ({ id })) } } };
    },
    logger: quietObservability('gateway').logger,
    queueLimit: 100,
    reauthenticateMs: 60_000,
    ...overrides,
  };
  return result;
}

async function take(stream: PushIterator<StreamItem>, count: number): Promise<StreamItem[]> {
  const items: StreamItem[] = [];
  while (items.length < count) {
    const next = await stream.next();
    if (next.done) break;
    items.push(next.value);
  }
  return items;
}

const summary = (items: StreamItem[]) => items.map((item) => ('ending' in item ? item.ending.extensions.code : [(item as Envelope).subject, (item as Envelope).matchesFilter, (item as Envelope).eventId]));

describe('a subscription stream', () => {
  it('follows its sources from their heads, naming each event by every source\'s position, and skips records it is not about', async () => {
    const hub = fakeHub({ projects: 10, workforce: 5, land: 2 });
    const stream = await openSubscriptionStream(projectChanged, {}, subscriber(), services(hub), () => undefined);
    hub.deliver({ kind: 'events', source: 'projects', events: [event('projects', 11, 'Project', 'a')] });
    hub.deliver({ kind: 'events', source: 'land', events: [event('land', 3, 'LandPlot', 'plot', { projectId: null }), event('land', 4, 'LandPlot', 'plot', { projectId: 'b' })] });
    hub.deliver({ kind: 'events', source: 'companies', events: [event('companies', 9, 'Company', 'c')] });
    expect(summary(await take(stream, 2))).toEqual([['a', true, 'land:2,projects:11,workforce:5'], ['b', true, 'land:4,projects:11,workforce:5']]);
    await stream.return();
  });

  it('with a filter: sends a record that matches, one last event when it stops, and nothing of records it never sent', async () => {
    const hub = fakeHub({ projects: 0, workforce: 0, land: 0 });
    const matching = new Set(['a']);
    const stream = await openSubscriptionStream(projectChanged, { filter: { status: { in: ['OPERATING'] } } }, subscriber(), services(hub, matching), () => undefined);
    hub.deliver({ kind: 'events', source: 'projects', events: [event('projects', 1, 'Project', 'a'), event('projects', 2, 'Project', 'z')] });
    expect(summary(await take(stream, 1))).toEqual([['a', true, 'land:0,projects:1,workforce:0']]);
    matching.delete('a');
    hub.deliver({ kind: 'events', source: 'projects', events: [event('projects', 3, 'Project', 'a'), event('projects', 4, 'Project', 'a')] });
    expect(summary(await take(stream, 1))).toEqual([['a', false, 'land:0,projects:3,workforce:0']]);
    // A deleted record it never sent, and one outside the filter: nothing. The filter is checked as each delivery is processed.
    hub.deliver({ kind: 'events', source: 'projects', events: [event('projects', 5, 'Project', 'z', null), event('projects', 6, 'Project', 'y')] });
    matching.add('m');
    hub.deliver({ kind: 'events', source: 'projects', events: [event('projects', 7, 'Project', 'm')] });
    expect(summary(await take(stream, 1))).toEqual([['m', true, 'land:0,projects:7,workforce:0']]);
    await stream.return();
  });

  it('checks one filter once per delivery for every subscription that shares it', async () => {
    const hub = fakeHub({ projects: 0, workforce: 0, land: 0 });
    const shared = services(hub, new Set(['a']));
    const streams = await Promise.all([1, 2, 3].map(() => openSubscriptionStream(projectChanged, { filter: { status: { in: ['PLANNED'] } } }, subscriber(), shared, () => undefined)));
    hub.deliver({ kind: 'events', source: 'projects', events: [event('projects', 1, 'Project', 'a')] });
    for (const stream of streams) expect(summary(await take(stream, 1))).toEqual([['a', true, 'land:0,projects:1,workforce:0']]);
    expect(shared.filterChecks).toBe(1);
  });

  it('after an event id: first what the sources kept since, then live, each once', async () => {
    const kept = [event('projects', 4, 'Project', 'a'), event('projects', 5, 'Project', 'b'), event('workforce', 8, 'ProjectJobs', 'c')];
    const hub = fakeHub({ projects: 5, workforce: 8, land: 1 }, kept);
    const stream = await openSubscriptionStream(projectChanged, { after: 'land:1,projects:3,workforce:7' }, subscriber(), services(hub), () => undefined);
    // The hub may deliver again what the backlog read: it is not sent twice.
    hub.deliver({ kind: 'events', source: 'projects', events: [event('projects', 5, 'Project', 'b'), event('projects', 6, 'Project', 'd')] });
    expect(summary(await take(stream, 4))).toEqual([
      ['a', true, 'land:1,projects:4,workforce:7'],
      ['b', true, 'land:1,projects:5,workforce:7'],
      ['c', true, 'land:1,projects:5,workforce:8'],
      ['d', true, 'land:1,projects:6,workforce:8'],
    ]);
    await stream.return();
  });

  it('reads a backlog longer than its queue limit at the reader\'s pace, whole', async () => {
    const kept = Array.from({ length: 50 }, (_, index) => event('projects', index + 1, 'Project', `p${index + 1}`));
    const hub = fakeHub({ projects: 50, workforce: 0, land: 0 }, kept);
    const stream = await openSubscriptionStream(projectChanged, { after: 'land:0,projects:0,workforce:0' }, subscriber(), services(hub, new Set(), { queueLimit: 10 }), () => undefined);
    const items = await take(stream, 50);
    expect(items.map((item) => (item as Envelope).subject)).toEqual(kept.map((each) => each.id));
    await stream.return();
  });

  it('refuses an after that is not this field\'s, and ends with CHANGES_PRUNED when the events are gone', async () => {
    const hub = fakeHub({ projects: 50, workforce: 8, land: 1 }, [], 20);
    await expect(openSubscriptionStream(projectChanged, { after: 'companies:3' }, subscriber(), services(hub), () => undefined))
      .rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'after' } });
    const stream = await openSubscriptionStream(projectChanged, { after: 'land:1,projects:3,workforce:7' }, subscriber(), services(hub), () => undefined);
    expect(summary(await take(stream, 2))).toEqual(['CHANGES_PRUNED']);
  });

  it('ends a subscriber that falls too far behind with SUBSCRIBER_TOO_SLOW, and one that missed events with CHANGES_LOST', async () => {
    const hub = fakeHub({ projects: 0, workforce: 0, land: 0 });
    const onEnd = jest.fn();
    const slow = await openSubscriptionStream(projectChanged, {}, subscriber(), services(hub, new Set(), { queueLimit: 2 }), onEnd);
    hub.deliver({ kind: 'events', source: 'projects', events: [1, 2, 3, 4].map((position) => event('projects', position, 'Project', `p${position}`)) });
    const items = await take(slow, 10);
    expect(summary(items).at(-1)).toBe('SUBSCRIBER_TOO_SLOW');
    expect(onEnd).toHaveBeenCalledTimes(1);
    expect(hub.listeners).toBe(0);

    const gap = await openSubscriptionStream(projectChanged, {}, subscriber(), services(hub), () => undefined);
    hub.deliver({ kind: 'gap', source: 'workforce' });
    expect(summary(await take(gap, 5))).toEqual(['CHANGES_LOST']);
  });

  it('ends with UNAUTHENTICATED once its credentials are no longer good', async () => {
    const hub = fakeHub({ projects: 0, workforce: 0, land: 0 });
    let good = true;
    const who = subscriber(async () => {
      if (!good) throw new Error('This API key was revoked');
      return subscriber().identity;
    });
    const stream = await openSubscriptionStream(projectChanged, {}, who, services(hub, new Set(), { reauthenticateMs: 20 }), () => undefined);
    good = false;
    const [ending] = await take(stream, 1);
    expect(ending).toMatchObject({ ending: { extensions: { code: 'UNAUTHENTICATED' } } });
    expect((ending as { ending: Error }).ending.message).toMatch(/This API key was revoked/);
  });
});
