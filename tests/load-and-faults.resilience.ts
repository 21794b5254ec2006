/**
 * `npm run test:resilience`: the graph under a load of real operations (autocannon, in a process
 * of its own) while one subgraph is killed and restarted and the database is stopped and started.
 * Valid operations never get a non-2xx answer and nothing crashes; while a part is down, answers
 * degrade to partial data with errors that name what is missing; once it is back, they are whole
 * again without anything else being restarted; every write the database acknowledged is still
 * there: the writes are `registerCompany` mutations sent through the gateway with an editor's API
 * key, and each one the gateway acknowledged must have its row afterwards.
 *
 * RESILIENCE_DURATION_S (40), RESILIENCE_CONNECTIONS (8) and RESILIENCE_RATE (0: as fast as it
 * answers) shape the load; the faults happen in its first 30 seconds. The resident memory of
 * every process is read at 3 s, at 30 s (warmed up, past every fault), every minute after and at
 * the end, and printed: run it longer to see whether it stays flat. RESILIENCE_NODE_OPTIONS is
 * given to every subgraph and the gateway as NODE_OPTIONS, e.g. `--max-old-space-size=96` to tell
 * a leak (the process then runs out of heap) from memory V8 merely has not handed back.
 */
import { SUBGRAPH_NAMES } from '@azg/core/registry';
import { graphqlWriteTarget, startWriter } from './support/acknowledged-writes';
import { createKey, withKey } from './support/keys';
import { dataOf } from './support/graphql';
import { sleepUntil, startLoad } from './support/load';
import { startStack, type Stack } from './support/stack';

const DURATION_S = Number(process.env.RESILIENCE_DURATION_S ?? 40);
const CONNECTIONS = Number(process.env.RESILIENCE_CONNECTIONS ?? 8);
const RATE = Number(process.env.RESILIENCE_RATE ?? 0);
/** Errors a degraded answer may carry: each names what was missing. */
const DEGRADED_CODES = ['SUBGRAPH_UNAVAILABLE', 'DATABASE_UNAVAILABLE', 'DATABASE_TIMEOUT'];

let stack: Stack;

beforeAll(async () => {
  if (DURATION_S < 30) throw new Error('RESILIENCE_DURATION_S must be at least 30');
  const nodeOptions = process.env.RESILIENCE_NODE_OPTIONS;
  stack = await startStack({ embeddedDatabase: true, env: nodeOptions ? { NODE_OPTIONS: nodeOptions } : undefined });
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

const PROCESS_NAMES = [...SUBGRAPH_NAMES, 'gateway' as const];
type MemoryReading = Record<string, number | null>;

/**
 * The V8 heap in use of every process now, in MiB, from its own /metrics (prom-client's
 * `nodejs_heap_size_used_bytes`): set beside the resident memory, it tells a heap that keeps
 * what it should not (a leak) from one V8 simply has not collected yet. Null when unreachable.
 */
async function heapUsed(): Promise<MemoryReading> {
  const urls: Record<string, string> = { ...stack.subgraphUrls, gateway: stack.gatewayUrl };
  return Object.fromEntries(await Promise.all(PROCESS_NAMES.map(async (name) => {
    try {
      const response = await fetch(new URL('/metrics', urls[name]), { signal: AbortSignal.timeout(2_000) });
      const bytes = /^nodejs_heap_size_used_bytes(?:\{[^}]*\})? (\d+(?:\.\d+)?(?:e\+\d+)?)$/m.exec(await response.text());
      return [name, bytes ? Math.round(Number(bytes[1]) / 1024 / 1024) : null] as const;
    } catch {
      return [name, null] as const;
    }
  })));
}

/**
 * The resident memory of every process now, in MiB: each read from the process running under
 * that name at this moment (a restarted subgraph is a new process with a new pid), null for one
 * that is not running (between a kill and its restart). Whether everything runs is checked apart.
 */
function memory(): MemoryReading {
  return Object.fromEntries(PROCESS_NAMES.map((name) => {
    const bytes = stack.process(name)?.residentMemoryBytes() ?? null;
    return [name, bytes === null ? null : Math.round(bytes / 1024 / 1024)];
  }));
}

it(`serves a ${DURATION_S} s load through a subgraph crash and a database restart, and recovers by itself`, async () => {
  const pids = Object.fromEntries(PROCESS_NAMES.map((name) => [name, stack.process(name)?.child.pid]));
  const editorKey = await createKey(stack.databaseUrl, 'resilience writer', 'editor');
  const writeTarget = graphqlWriteTarget((query, variables) => stack.query(query, variables, withKey(editorKey)), stack.databaseUrl);
  await writeTarget.prepare();
  const writer = startWriter(writeTarget);
  const load = await startLoad(stack.gatewayUrl, { durationS: DURATION_S, connections: CONNECTIONS, rate: RATE });
  const t0 = load.startedAt;
  const events: Record<string, number> = {};
  const mark = (event: string) => {
    events[event] = Date.now() - t0;
  };

  const memorySamples: Array<{ second: number; miB: MemoryReading; heapUsedMiB: MemoryReading }> = [];
  const sampleMemory = async () => {
    const second = Math.round((Date.now() - t0) / 1000);
    const miB = memory();
    memorySamples.push({ second, miB, heapUsedMiB: await heapUsed() });
    return miB;
  };

  await sleepUntil(t0 + 3_000);
  const memoryAtStart = await sampleMemory();

  // A subgraph crashes (SIGKILL: no goodbye), then comes back.
  await sleepUntil(t0 + 5_000);
  mark('land killed');
  await stack.killService('land');
  await sleepUntil(t0 + 9_000);
  mark('land restarting');
  await stack.startService('land');
  mark('land ready');

  // The database goes away, then comes back; nothing else is restarted.
  await sleepUntil(t0 + 13_000);
  mark('database stopped');
  await stack.stopDatabase();
  await sleepUntil(t0 + 18_000);
  mark('database starting');
  await stack.startDatabase();
  mark('database ready');

  // Warmed up, and past every fault: from here memory should stay flat. A sample a minute after.
  await sleepUntil(t0 + 30_000);
  const memoryWarm = await sampleMemory();
  let loadEnded = false;
  const loadFinished = load.finished().then((finished) => {
    loadEnded = true;
    return finished;
  });
  for (let at = 90_000; at < DURATION_S * 1000 && !loadEnded; at += 60_000) {
    await Promise.race([sleepUntil(t0 + at), loadFinished]);
    if (!loadEnded) await sampleMemory();
  }
  const { exit, result: summary } = await loadFinished;
  const memoryAtEnd = await sampleMemory();
  await writer.stop();
  expect(exit).toEqual({ code: 0, signal: null });
  if (summary === undefined) throw new Error('the load printed no summary');
  process.stdout.write(`${JSON.stringify({ events, memoryMiB: { atStart: memoryAtStart, warm: memoryWarm, atEnd: memoryAtEnd }, memorySamples, writes: { acknowledged: writer.acknowledged.length, failed: writer.failed() }, ...summary }, null, 1)}\n`);

  // Nothing crashed, and nothing but the killed subgraph was restarted (checked first: a memory
  // reading of a process that is gone would say less than its exit and its last words).
  for (const name of PROCESS_NAMES) {
    const child = stack.process(name);
    const state = child?.running ? 'running' : `exited (${JSON.stringify(child?.exitStatusNow)}): ${child?.recentOutput()}`;
    expect({ name, state }).toEqual({ name, state: 'running' });
    if (name !== 'land') expect({ name, pid: child?.child.pid }).toEqual({ name, pid: pids[name] });
  }

  // Every answer was a 2xx GraphQL answer; no connection failed or hung.
  expect(summary.requests).toBeGreaterThan(DURATION_S);
  expect({ non2xx: summary.non2xx, errors: summary.errors, timeouts: summary.timeouts, unreadable: summary.unreadable })
    .toEqual({ non2xx: 0, errors: 0, timeouts: 0, unreadable: 0 });

  // While a part was down, answers degraded with errors naming it; never an internal error.
  expect(Object.keys(summary.errorCodes).filter((code) => !DEGRADED_CODES.includes(code))).toEqual([]);
  expect(summary.errorCodes.SUBGRAPH_UNAVAILABLE).toBeGreaterThan(0);
  expect(summary.errorCodes.DATABASE_UNAVAILABLE).toBeGreaterThan(0);

  // From a few seconds after the database was back, every answer was whole again.
  const recovered = Math.ceil((events['database ready']! + 3_000) / 1000);
  const after = summary.timeline.filter((slot) => slot.second >= recovered && slot.second < DURATION_S);
  expect(after.length).toBeGreaterThanOrEqual(3);
  expect(after.filter((slot) => slot.withErrors > 0)).toEqual([]);

  expect((await fetch(new URL('/readyz', stack.gatewayUrl))).status).toBe(200);
  dataOf(await stack.query('{ project(id: "valtherm-radiator-plant") { name company { name } landPlots { id } workforce { planned { value } } } }'));

  // Every write the database acknowledged survived its restart.
  expect(writer.acknowledged.length).toBeGreaterThan(0);
  expect(writer.failed()).toBeGreaterThan(0);
  try {
    const stored = await writeTarget.stored(writer.acknowledged);
    expect(writer.acknowledged.filter((token) => !stored.has(token))).toEqual([]);
  } finally {
    await writeTarget.close();
  }

  // Memory: reported for the operations section. Measured from the warm reading: in its first
  // half-minute the gateway's heap grows to its working size (100 MiB and more on a busy machine),
  // which says nothing about a leak. A leak of a megabyte a second from then on would fail this.
  for (const name of PROCESS_NAMES) {
    const [warm, end] = [memoryWarm[name], memoryAtEnd[name]];
    expect({ name, measured: warm !== null && end !== null, grew: (end ?? 0) - (warm ?? 0) < Math.max(100, DURATION_S - 30) })
      .toEqual({ name, measured: true, grew: true });
  }
}, (DURATION_S + 180) * 1000);
