import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { recreateDatabase } from '../database';
import { prepareDatabase } from '../prepare';
import { type LatencySummary, summarize } from './freshness';
import { createEditorKey, EditorGateway, log, partServer, startSystems, type System, waitForReadModel, writeResults } from './stack';

/**
 * `npm run bench:subscriptions` (and a part of `npm run bench`): many subscribers to
 * `projectChanged` on our gateway while an editor writes projects at a steady rate through it.
 * It measures the events delivered per second, the latency from each write to each subscriber's
 * receipt of its event (from the commit, by the database's clock in the payload, and from the
 * mutation's answer, by the writer's), deliveries that never came, and the gateway's memory per
 * subscriber.
 *
 * The subscribers run in a child process of their own (this file with `--subscribers-child`),
 * so that the writer's timing and the subscribers' work do not share an event loop; both stamp
 * times with the machine's clock (`performance.timeOrigin + performance.now()`), which every
 * process on it shares. It runs in a database of its own (`azg_subscriptions`).
 */

/** What each subscriber asks: the change, and the project read through three subgraphs. */
export const SUBSCRIPTION_QUERY = `subscription BenchProjectChanged {
  projectChanged { eventId entity entityId committedAt projectId project { id status version company { name } workforce { planned { value } } } }
}`;

/** One acknowledged write: the project, the version its answer gave, and when it was sent and answered (machine clock, ms). */
export interface WriteRecord {
  projectId: string;
  version: number;
  sentAt: number;
  ackAt: number;
}

/** One payload a subscriber received. */
export interface Delivery {
  subscriber: number;
  projectId: string;
  /** The version the payload's `project` was read at (null: the read failed). */
  version: number | null;
  receivedAt: number;
  /** The event's `committedAt` (the database's clock, ms). */
  committedAt: number;
}

export interface MatchResult {
  /** Subscribers × writes: every subscriber should receive every write's event. */
  expected: number;
  matched: number;
  /** Expected deliveries that never came. */
  missing: number;
  /** Payloads about a written project beyond its writes (a subscriber told twice, or of a write the writer did not see answered). */
  extra: number;
  /** Payloads about projects the bench did not write in the measured window (the warm-up's). */
  unrelated: number;
  /** Matched payloads whose `project` was read at another version than the write's: a later write had committed before the read. */
  laterReads: number;
  fromCommitMs: number[];
  fromAckMs: number[];
}

/**
 * Pairs each subscriber's payloads with the writes. A project's writes are made one after the
 * other, so its events reach a subscriber in the writes' order: the n-th payload about a project
 * is its n-th write's, even when the record read with it shows a later version.
 */
export function matchDeliveries(writes: readonly WriteRecord[], deliveries: readonly Delivery[], subscribers: number): MatchResult {
  const byProject = new Map<string, WriteRecord[]>();
  for (const write of writes) byProject.set(write.projectId, [...(byProject.get(write.projectId) ?? []), write]);
  for (const list of byProject.values()) list.sort((a, b) => a.version - b.version);
  const received = new Map<string, Delivery[]>();
  let unrelated = 0;
  for (const delivery of deliveries) {
    if (!byProject.has(delivery.projectId)) {
      unrelated += 1;
      continue;
    }
    const key = `${delivery.subscriber}\u0000${delivery.projectId}`;
    let list = received.get(key);
    if (!list) received.set(key, list = []);
    list.push(delivery);
  }
  const result: MatchResult = { expected: writes.length * subscribers, matched: 0, missing: 0, extra: 0, unrelated, laterReads: 0, fromCommitMs: [], fromAckMs: [] };
  for (let subscriber = 0; subscriber < subscribers; subscriber += 1) {
    for (const [projectId, projectWrites] of byProject) {
      const got = received.get(`${subscriber}\u0000${projectId}`) ?? [];
      const pairs = Math.min(got.length, projectWrites.length);
      for (let index = 0; index < pairs; index += 1) {
        const delivery = got[index]!;
        const write = projectWrites[index]!;
        result.fromCommitMs.push(delivery.receivedAt - delivery.committedAt);
        result.fromAckMs.push(delivery.receivedAt - write.ackAt);
        if (delivery.version !== write.version) result.laterReads += 1;
      }
      result.matched += pairs;
      result.missing += projectWrites.length - pairs;
      result.extra += got.length - pairs;
    }
  }
  return result;
}

/** Deliveries per second over a window, to a tenth. */
export function perSecond(count: number, fromMs: number, toMs: number): number {
  const seconds = (toMs - fromMs) / 1000;
  return seconds <= 0 ? 0 : Math.round((count / seconds) * 10) / 10;
}

/** The gateway's memory, from its /metrics (prom-client's defaults). */
export interface MemoryReading {
  rssMb: number;
  heapUsedMb: number;
}

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

/** RSS and used heap from a Prometheus text page (the first sample of each). */
export function memoryFromMetrics(text: string): MemoryReading {
  const sample = (name: string) => {
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{`) || candidate.startsWith(`${name} `));
    if (!line) throw new Error(`/metrics has no ${name}`);
    return Number(line.slice(line.lastIndexOf(' ') + 1));
  };
  return { rssMb: mb(sample('process_resident_memory_bytes')), heapUsedMb: mb(sample('nodejs_heap_size_used_bytes')) };
}

export interface SubscriptionsOptions {
  /** Subscribers (0: not measured). */
  subscribers: number;
  /** The share of them over graphql-sse (the rest over graphql-ws), 0 to 1. */
  sseShare: number;
  /** Writes per second. */
  rate: number;
  durationS: number;
  /** Projects the writes go round (one write at a time on each). */
  projects: number;
}

export interface SubscriptionsResult {
  options: SubscriptionsOptions;
  subscribers: { websocket: number; sse: number; connections: number; subscribeSeconds: number };
  writes: { acknowledged: number; errors: number; seconds: number; perSecond: number; ackMs: LatencySummary; subgraphFetchesPerWrite: number | null };
  deliveries: Omit<MatchResult, 'fromCommitMs' | 'fromAckMs'> & {
    perSecond: number;
    /** Payloads that carried errors. */
    withErrors: number;
    /** Subscriptions that ended or failed before the bench closed them (must be 0). `missing`: not come when none had come for 10 s, or 2 minutes after the last write. */
    ended: number;
    /** The window events/s counts over: the first write's sending to the last delivery. */
    seconds: number;
  };
  latency: { fromCommit: LatencySummary; fromAck: LatencySummary };
  memory: {
    before: MemoryReading;
    subscribed: MemoryReading;
    peakUnderLoad: MemoryReading;
    rssPerSubscriberKb: number;
    heapPerSubscriberKb: number;
  };
  /** Share of one core each process used over the writes' window. */
  cpu: {
    gatewayPercent: number | null;
    /**
     * The gateway's CPU milliseconds per delivered event, from the first write to the last
     * delivery (the writes' own handling included): what other load on the machine disturbs least.
     */
    gatewayMsPerDelivery: number | null;
    subscribersPercent: number;
    subgraphsPercent: number | null;
  };
}

// ---- The subscribers' process -------------------------------------------------------------

/** What the bench asks of the subscribers' process. */
type ToChild =
  | { type: 'open'; url: string; streamUrl: string; websocket: number; sse: number }
  | { type: 'await'; projectId: string; timeoutMs: number }
  | { type: 'finish'; writes: WriteRecord[]; quietMs: number; drainUntilMs: number };

type FromChild =
  | { type: 'opened'; seconds: number }
  | { type: 'awaited'; ok: boolean; got: number; ended: number }
  | { type: 'finished'; match: Omit<MatchResult, 'fromCommitMs' | 'fromAckMs'>; fromCommit: LatencySummary; fromAck: LatencySummary; lastReceivedAt: number; withErrors: number; ended: number; cpuSeconds: number; startedAt: number }
  | { type: 'failed'; message: string };

const now = () => performance.timeOrigin + performance.now();

interface Payload {
  data?: { projectChanged?: { projectId: string; committedAt: string; project: { version: number } | null } } | null;
  errors?: unknown[];
}

/** The child: opens the subscribers, records every payload, and matches them to the writes when told. */
function subscribersChild(): void {
  const deliveries: Delivery[] = [];
  let withErrors = 0;
  let ended = 0;
  let closing = false;
  const disposers: Array<() => void> = [];
  const send = (message: FromChild) => process.send!(message);
  const cpuStart = process.cpuUsage();
  const startedAt = now();

  const record = (subscriber: number) => (payload: Payload) => {
    const receivedAt = now();
    const change = payload.data?.projectChanged;
    if (payload.errors?.length) withErrors += 1;
    if (!change) return;
    deliveries.push({ subscriber, projectId: change.projectId, version: change.project?.version ?? null, receivedAt, committedAt: Date.parse(change.committedAt) });
  };
  const onEnd = (subscriber: number) => (error?: unknown) => {
    if (closing) return;
    ended += 1;
    // The first few say why; the rest are counted.
    if (ended <= 3) process.stderr.write(`subscriber ${subscriber} ended: ${error === undefined ? 'completed' : JSON.stringify(error instanceof Error ? error.message : error)}\n`);
  };

  const open = async (message: Extract<ToChild, { type: 'open' }>) => {
    const started = now();
    const opening: Array<Promise<void>> = [];
    for (let index = 0; index < message.websocket + message.sse; index += 1) {
      if (index < message.websocket) {
        // One connection per subscriber: the honest reading of "N subscribers".
        const client = createWsClient({ url: message.url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
        opening.push(new Promise<void>((resolve, reject) => {
          const off = client.on('connected', () => (off(), resolve()));
          const offError = client.on('error', (error) => (offError(), reject(new Error(`subscriber ${index} could not connect: ${String((error as Error)?.message ?? error)}`))));
        }));
        const dispose = client.subscribe({ query: SUBSCRIPTION_QUERY }, { next: record(index) as never, error: onEnd(index), complete: onEnd(index) });
        disposers.push(() => (dispose(), void client.dispose()));
      } else {
        // graphql-sse's distinct-connections mode: one streaming request per subscription.
        const client = createSseClient({ url: message.streamUrl, retryAttempts: 0 });
        const dispose = client.subscribe({ query: SUBSCRIPTION_QUERY }, { next: record(index) as never, error: onEnd(index), complete: onEnd(index) });
        disposers.push(() => (dispose(), client.dispose()));
      }
    }
    await Promise.all(opening);
    send({ type: 'opened', seconds: Math.round((now() - started) / 100) / 10 });
  };

  /** Waits until every subscriber has had a payload about `projectId`: all are live. */
  const awaitProject = async ({ projectId, timeoutMs }: Extract<ToChild, { type: 'await' }>, subscribers: number) => {
    const deadline = now() + timeoutMs;
    const got = () => new Set(deliveries.filter((delivery) => delivery.projectId === projectId).map((delivery) => delivery.subscriber)).size;
    while (got() < subscribers && now() < deadline) await sleep(50);
    send({ type: 'awaited', ok: got() >= subscribers, got: got(), ended });
  };

  let subscribers = 0;
  process.on('message', (message: ToChild) => {
    const failed = (error: unknown) => send({ type: 'failed', message: (error as Error).stack ?? String(error) });
    if (message.type === 'open') {
      subscribers = message.websocket + message.sse;
      open(message).catch(failed);
    } else if (message.type === 'await') {
      awaitProject(message, subscribers).catch(failed);
    } else {
      (async () => {
        const expected = message.writes.length * subscribers;
        const written = new Set(message.writes.map((write) => write.projectId));
        // The last events may still be on their way: wait until each expected one came, or none
        // came for a while (what is missing then is lost, not late), or the drain's end.
        let count = 0;
        let progressAt = now();
        for (;;) {
          const arrived = deliveries.filter((delivery) => written.has(delivery.projectId)).length;
          if (arrived > count) (count = arrived, progressAt = now());
          if (arrived >= expected || now() - progressAt > message.quietMs || now() > message.drainUntilMs) break;
          await sleep(200);
        }
        const cpu = process.cpuUsage(cpuStart);
        closing = true;
        for (const dispose of disposers) dispose();
        const { fromCommitMs, fromAckMs, ...match } = matchDeliveries(message.writes, deliveries, subscribers);
        const lastReceivedAt = deliveries.reduce((last, delivery) => (written.has(delivery.projectId) ? Math.max(last, delivery.receivedAt) : last), 0);
        send({
          type: 'finished', match, fromCommit: summarize(fromCommitMs), fromAck: summarize(fromAckMs), lastReceivedAt, withErrors, ended,
          cpuSeconds: (cpu.user + cpu.system) / 1e6, startedAt,
        });
      })().catch(failed);
    }
  });
}

// ---- The bench's side ---------------------------------------------------------------------

/** The subscribers' process, spoken to by messages. */
class Subscribers {
  private readonly child: ChildProcess;
  private readonly waiting: Array<(message: FromChild) => void> = [];
  private failure: Error | null = null;

  constructor() {
    this.child = fork(__filename, ['--subscribers-child'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (message: FromChild) => {
      if (message.type === 'failed') this.failure = new Error(`the subscribers' process failed: ${message.message}`);
      this.waiting.shift()?.(message);
    });
    this.child.on('exit', (code) => {
      this.failure ??= new Error(`the subscribers' process exited (${code})`);
      for (const resolve of this.waiting.splice(0)) resolve({ type: 'failed', message: this.failure.message });
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  async ask<T extends FromChild['type']>(message: ToChild, answer: T): Promise<Extract<FromChild, { type: T }>> {
    if (this.failure) throw this.failure;
    const reply = new Promise<FromChild>((resolve) => this.waiting.push(resolve));
    this.child.send(message);
    const got = await reply;
    if (got.type === 'failed') throw new Error(got.message);
    if (got.type !== answer) throw new Error(`the subscribers' process answered ${got.type}, not ${answer}`);
    return got as Extract<FromChild, { type: T }>;
  }

  stop(): void {
    if (this.child.exitCode === null) this.child.kill('SIGTERM');
  }
}

/** CPU seconds (user and system) process `pid` has used so far, from /proc; null where there is none. */
function processCpuSeconds(pids: number[]): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  let ticks = 0;
  for (const pid of pids) {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  // USER_HZ: 100 ticks a second on Linux.
  return ticks / 100;
}

/** An editor's writes of projects through the gateway. */
class Writer extends EditorGateway {
  async projects(count: number): Promise<Array<{ id: string; version: number }>> {
    return (await this.request<{ projects: { nodes: Array<{ id: string; version: number }> } }>(
      'query BenchSubscriptionProjects($first: Int!) { projects(first: $first) { nodes { id version } } }', { first: count },
    )).projects.nodes;
  }

  /** Changes the project's progress note; the version after it. */
  async update(id: string, version: number, progress: string): Promise<number> {
    return (await this.request<{ updateProject: { version: number } }>(
      'mutation BenchSubscriptionWrite($id: ID!, $version: Int!, $progress: String) { updateProject(id: $id, version: $version, input: { progress: $progress }) { version } }',
      { id, version, progress },
    )).updateProject.version;
  }
}

/**
 * Writes at `rate` a second for `durationS`, each write scheduled at its own time (not after the
 * last one's answer), going round `projects`; a project's next write waits for its last one, so
 * each is made at the version the last answered.
 */
async function writeSteadily(writer: Writer, projects: Array<{ id: string; version: number }>, rate: number, durationS: number, run: string) {
  const writes: WriteRecord[] = [];
  const ackMs: number[] = [];
  let errors = 0;
  const versions = new Map(projects.map((project) => [project.id, project.version]));
  const chains = new Map(projects.map((project) => [project.id, Promise.resolve()]));
  const total = Math.round(rate * durationS);
  const started = now();
  for (let index = 0; index < total; index += 1) {
    const due = started + (index * 1000) / rate;
    const wait = due - now();
    if (wait > 0) await sleep(wait);
    const { id } = projects[index % projects.length]!;
    chains.set(id, chains.get(id)!.then(async () => {
      const sentAt = now();
      try {
        const version = await writer.update(id, versions.get(id)!, `Bench ${run} write ${index}`);
        const ackAt = now();
        versions.set(id, version);
        writes.push({ projectId: id, version, sentAt, ackAt });
        ackMs.push(ackAt - sentAt);
      } catch (error) {
        errors += 1;
        log(`subscriptions: write ${index} to ${id} failed: ${(error as Error).message}`);
        versions.set(id, (await writer.projects(projects.length)).find((project) => project.id === id)?.version ?? versions.get(id)!);
      }
    }));
  }
  await Promise.all(chains.values());
  return { writes, errors, started, ended: now(), ackMs };
}

async function readMemory(gatewayUrl: string): Promise<MemoryReading> {
  return memoryFromMetrics(await (await fetch(new URL('/metrics', gatewayUrl))).text());
}

/** Measures against a running stack: the gateway at `gatewayUrl` (process `gatewayPid`) over the database at `databaseUrl`. */
export async function measureSubscriptions(
  gateway: System, subgraphPids: number[], databaseUrl: string, options: SubscriptionsOptions,
): Promise<SubscriptionsResult> {
  const gatewayUrl = gateway.url;
  const gatewayPid = gateway.pids()[0]!;
  const run = randomBytes(3).toString('hex');
  const writer = new Writer(gatewayUrl, createEditorKey(databaseUrl, `subscriptions bench ${run}`));
  // One project for the warm-up write, the next ones for the measured writes.
  const projects = await writer.projects(options.projects + 1);
  if (projects.length < options.projects + 1) throw new Error(`the database has ${projects.length} projects, ${options.projects + 1} are needed`);
  const [warmUp, ...written] = projects as [typeof projects[0], ...typeof projects];
  const sse = Math.round(options.subscribers * options.sseShare);
  const websocket = options.subscribers - sse;

  await sleep(1_000);
  const before = await readMemory(gatewayUrl);
  const subscribers = new Subscribers();
  try {
    const wsUrl = new URL('/graphql', gatewayUrl.replace(/^http/, 'ws')).toString();
    const opened = await subscribers.ask({ type: 'open', url: wsUrl, streamUrl: new URL('/graphql/stream', gatewayUrl).toString(), websocket, sse }, 'opened');
    log(`subscriptions: ${websocket} over graphql-ws, ${sse} over graphql-sse, connected in ${opened.seconds} s`);
    // Neither transport acknowledges a subscription: a write every subscriber hears says all are
    // live. One still subscribing misses it and hears the next.
    let awaited = { ok: false, got: 0, ended: 0 };
    for (let attempt = 1; attempt <= 5 && !awaited.ok; attempt += 1) {
      warmUp.version = await writer.update(warmUp.id, warmUp.version, `Bench ${run} warm-up ${attempt}`);
      awaited = await subscribers.ask({ type: 'await', projectId: warmUp.id, timeoutMs: 5_000 }, 'awaited');
    }
    if (!awaited.ok) throw new Error(`only ${awaited.got} of ${options.subscribers} subscribers heard the warm-up write (${awaited.ended} subscriptions ended)`);
    // Idle a moment, so the reading is of subscribers held, not of the warm-up's reads.
    await sleep(3_000);
    const subscribed = await readMemory(gatewayUrl);
    log(`subscriptions: all live; gateway RSS ${before.rssMb} MB → ${subscribed.rssMb} MB, heap ${before.heapUsedMb} MB → ${subscribed.heapUsedMb} MB; writing ${options.rate}/s for ${options.durationS} s`);

    let peak = subscribed;
    const sampler = setInterval(() => {
      readMemory(gatewayUrl).then((reading) => {
        peak = { rssMb: Math.max(peak.rssMb, reading.rssMb), heapUsedMb: Math.max(peak.heapUsedMb, reading.heapUsedMb) };
      }, () => undefined);
    }, 1_000);
    const countersBefore = await gateway.counters();
    const gatewayCpuBefore = processCpuSeconds([gatewayPid]);
    const subgraphsCpuBefore = processCpuSeconds(subgraphPids);
    let load: Awaited<ReturnType<typeof writeSteadily>>;
    try {
      load = await writeSteadily(writer, written, options.rate, options.durationS, run);
    } finally {
      clearInterval(sampler);
    }
    const gatewayCpuAfter = processCpuSeconds([gatewayPid]);
    const subgraphsCpuAfter = processCpuSeconds(subgraphPids);
    const countersAfter = await gateway.counters();
    const finished = await subscribers.ask({ type: 'finish', writes: load.writes, quietMs: 10_000, drainUntilMs: now() + 120_000 }, 'finished');
    const gatewayCpuDrained = processCpuSeconds([gatewayPid]);
    const loadSeconds = (load.ended - load.started) / 1000;
    const share = (beforeCpu: number | null, afterCpu: number | null) =>
      (beforeCpu === null || afterCpu === null ? null : Math.round(((afterCpu - beforeCpu) / loadSeconds) * 100));
    const deliveredSeconds = (Math.max(finished.lastReceivedAt, load.ended) - load.started) / 1000;
    return {
      options,
      subscribers: { websocket, sse, connections: options.subscribers, subscribeSeconds: opened.seconds },
      writes: {
        acknowledged: load.writes.length, errors: load.errors, seconds: Math.round(loadSeconds * 10) / 10,
        perSecond: perSecond(load.writes.length, load.started, load.ended), ackMs: summarize(load.ackMs),
        // The writes' own fetches and the payloads' reads alike (the reads of the last events may still come).
        subgraphFetchesPerWrite: countersAfter.fetches === null || countersBefore.fetches === null || load.writes.length === 0
          ? null : Math.round(((countersAfter.fetches - countersBefore.fetches) / load.writes.length) * 10) / 10,
      },
      deliveries: {
        ...finished.match,
        perSecond: perSecond(finished.match.matched, load.started, Math.max(finished.lastReceivedAt, load.ended)),
        withErrors: finished.withErrors,
        ended: finished.ended,
        seconds: Math.round(deliveredSeconds * 10) / 10,
      },
      latency: { fromCommit: finished.fromCommit, fromAck: finished.fromAck },
      memory: {
        before,
        subscribed,
        peakUnderLoad: peak,
        rssPerSubscriberKb: Math.round(((subscribed.rssMb - before.rssMb) * 1024) / options.subscribers),
        heapPerSubscriberKb: Math.round(((subscribed.heapUsedMb - before.heapUsedMb) * 1024) / options.subscribers),
      },
      // The subscribers' CPU over their whole life (connecting included), as a share of the writes' window: an upper bound.
      cpu: {
        gatewayPercent: share(gatewayCpuBefore, gatewayCpuAfter),
        gatewayMsPerDelivery: gatewayCpuBefore === null || gatewayCpuDrained === null || finished.match.matched === 0
          ? null : Math.round(((gatewayCpuDrained - gatewayCpuBefore) * 1000 / finished.match.matched) * 1000) / 1000,
        subscribersPercent: Math.round((finished.cpuSeconds / loadSeconds) * 100),
        subgraphsPercent: share(subgraphsCpuBefore, subgraphsCpuAfter),
      },
    };
  } finally {
    subscribers.stop();
  }
}

/**
 * Recreates the subscriptions database on the server `serverUrl` names, with the document,
 * starts the subgraphs and our gateway over it (allowing the subscribers from one address),
 * measures and stops them.
 */
export async function runSubscriptions(serverUrl: string, options: SubscriptionsOptions): Promise<SubscriptionsResult> {
  const databaseUrl = await recreateDatabase(serverUrl, 'azg_subscriptions');
  await prepareDatabase(databaseUrl);
  log(`subscriptions: ${options.subscribers} subscribers, ${options.rate} writes/s for ${options.durationS} s`);
  const stack = await startSystems(databaseUrl, {
    systems: ['ours'], workers: 1,
    // Every subscriber is the same anonymous client address: the per-caller cap must let them all in.
    gatewayEnv: { SUBSCRIPTIONS_PER_CALLER: String(Math.max(1_000, options.subscribers)) },
  });
  try {
    await waitForReadModel(databaseUrl);
    const gateway = stack.systems[0]!;
    return await measureSubscriptions(gateway, Object.values(stack.subgraphPids), databaseUrl, options);
  } finally {
    await stack.stop();
  }
}

const ms = (value: number | null) => (value === null ? '—' : `${value}`);

/** The subscriptions section of the bench's note. */
export function subscriptionsMarkdown(result: SubscriptionsResult): string {
  const { subscribers, writes, deliveries, latency, memory, cpu, options } = result;
  const row = (name: string, summary: LatencySummary) => `| ${name} | ${summary.count} | ${ms(summary.p50Ms)} | ${ms(summary.p99Ms)} | ${ms(summary.maxMs)} |`;
  return [
    '**Subscriptions under load**',
    '',
    `${options.subscribers} subscribers to \`projectChanged\` (${subscribers.websocket} over graphql-ws, ${subscribers.sse} over graphql-sse; one connection each, one anonymous client address), `
      + `each selecting the project through the projects, companies and workforce subgraphs; an editor's \`updateProject\` at ${writes.perSecond} writes/s through the gateway `
      + `for ${writes.seconds} s, round ${options.projects} projects (${writes.acknowledged} answered, ${writes.errors} failed; answer p50 ${ms(writes.ackMs.p50Ms)} ms, p99 ${ms(writes.ackMs.p99Ms)} ms; `
      + `${writes.subgraphFetchesPerWrite ?? '—'} subgraph fetches per write, its payloads' reads included).`,
    '',
    `Delivered: ${deliveries.matched} of ${deliveries.expected} expected events (${deliveries.missing} missing, ${deliveries.extra} extra, ${deliveries.withErrors} with errors, `
      + `${deliveries.ended} subscriptions ended early), **${deliveries.perSecond} events/s** over ${deliveries.seconds} s; ${deliveries.laterReads} read the project at a later write's version.`,
    '',
    '| Latency to each subscriber | n | p50 ms | p99 ms | max ms |',
    '| --- | ---: | ---: | ---: | ---: |',
    row('from the commit (payload\'s `committedAt`)', latency.fromCommit),
    row('from the mutation\'s answer', latency.fromAck),
    '',
    `Gateway memory: RSS ${memory.before.rssMb} MB before subscribing, ${memory.subscribed.rssMb} MB with all subscribed and idle, ${memory.peakUnderLoad.rssMb} MB at its peak under load `
      + `(heap used ${memory.before.heapUsedMb} → ${memory.subscribed.heapUsedMb} → ${memory.peakUnderLoad.heapUsedMb} MB): **${memory.rssPerSubscriberKb} KB RSS per subscriber** `
      + `(${memory.heapPerSubscriberKb} KB of heap). CPU over the writes (share of one core): gateway ${cpu.gatewayPercent ?? '—'}%, four subgraphs ${cpu.subgraphsPercent ?? '—'}%, `
      + `the subscribers' process ${cpu.subscribersPercent}%; the gateway spent **${cpu.gatewayMsPerDelivery ?? '—'} ms of CPU per delivered event**.`,
    '',
  ].join('\n');
}

/** "subscriptions: 1000 subscribers, 20000 events/s, from commit p50 … p99 …, 40 KB each". */
export function describeSubscriptions(result: SubscriptionsResult): string {
  const { deliveries, latency, memory } = result;
  return `subscriptions: ${result.options.subscribers} subscribers, ${deliveries.perSecond} events/s, ${deliveries.missing} missing; from commit p50 ${ms(latency.fromCommit.p50Ms)} ms, `
    + `p99 ${ms(latency.fromCommit.p99Ms)} ms; from the answer p99 ${ms(latency.fromAck.p99Ms)} ms; ${memory.rssPerSubscriberKb} KB RSS per subscriber`;
}

/** The command-line flags of the subscriptions part (`npm run bench` takes them too). */
export const SUBSCRIPTIONS_FLAGS = {
  subscribers: { type: 'string', default: process.env.BENCH_SUBSCRIBERS },
  'subscriptions-sse-share': { type: 'string', default: process.env.BENCH_SUBSCRIPTIONS_SSE_SHARE },
  'subscriptions-rate': { type: 'string', default: process.env.BENCH_SUBSCRIPTIONS_RATE },
  'subscriptions-duration': { type: 'string', default: process.env.BENCH_SUBSCRIPTIONS_DURATION_S },
} as const;

/**
 * The options from SUBSCRIPTIONS_FLAGS' values: 1,000 subscribers (50 in a smoke run; 0 for
 * none), 10% over SSE, 5 writes/s for 30 s (5 s in a smoke run). 5 writes/s to 1,000 subscribers
 * is 5,000 deliveries a second, which one gateway process on this 2-core machine keeps up with;
 * 20 writes/s (20,000) it does not (see the README).
 */
export function subscriptionsOptions(values: { [flag in keyof typeof SUBSCRIPTIONS_FLAGS]?: string }, smoke: boolean): SubscriptionsOptions {
  const number = (name: string, raw: string, least: number, most: number, whole: boolean) => {
    const value = Number(raw);
    if (!Number.isFinite(value) || value < least || value > most || (whole && !Number.isInteger(value))) {
      throw new Error(`--${name} must be a ${whole ? 'whole ' : ''}number from ${least} to ${most}, got "${raw}"`);
    }
    return value;
  };
  const rate = number('subscriptions-rate', values['subscriptions-rate'] ?? '5', 0.1, 1000, false);
  return {
    subscribers: number('subscribers', values.subscribers ?? (smoke ? '50' : '1000'), 0, 100_000, true),
    sseShare: number('subscriptions-sse-share', values['subscriptions-sse-share'] ?? '0.1', 0, 1, false),
    rate,
    durationS: number('subscriptions-duration', values['subscriptions-duration'] ?? (smoke ? '5' : '30'), 1, 3600, false),
    // A project is written every half second at most, so a write rarely waits for the last one on its project.
    projects: Math.max(1, Math.ceil(rate / 2)),
  };
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { ...SUBSCRIPTIONS_FLAGS, smoke: { type: 'boolean', default: false } } });
  const options = subscriptionsOptions(values, values.smoke);
  if (options.subscribers === 0) throw new Error('--subscribers 0 measures nothing');
  const server = await partServer();
  try {
    const result = await runSubscriptions(server.url, options);
    const date = new Date().toISOString();
    const stem = writeResults(date, 'subscriptions', { date, subscriptions: result }, `Subscriptions run of ${date}.\n\n${subscriptionsMarkdown(result)}`);
    process.stdout.write(`\n${subscriptionsMarkdown(result)}\n${describeSubscriptions(result)}\nwritten: ${stem}.json and .md\n`);
  } finally {
    await server.stop();
  }
}

if (require.main === module) {
  if (process.argv.includes('--subscribers-child')) {
    subscribersChild();
  } else {
    main(process.argv.slice(2)).then(() => process.exit(0), (error: unknown) => {
      process.stderr.write(`bench:subscriptions failed: ${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    });
  }
}
