/**
 * `npm run test:resilience`: the graph under a load of real operations (autocannon, in a process
 * of its own) while one subgraph is killed and restarted and the database is stopped and started.
 * Valid operations never get a non-2xx answer and nothing crashes; while a part is down, answers
 * degrade to partial data with errors that name what is missing; once it is back, they are whole
 * again without anything else being restarted; every write the database acknowledged is still
 * there. The graph has no mutations yet, so the writes go to a table of the test's own through SQL.
 *
 * RESILIENCE_DURATION_S (40), RESILIENCE_CONNECTIONS (8) and RESILIENCE_RATE (0: as fast as it
 * answers) shape the load; the faults happen in its first 30 seconds. The resident memory of
 * every process is printed at 3 s, at 30 s and at the end: run it longer to see it stay flat.
 */
import { readFileSync } from 'node:fs';
import { Pool } from 'pg';
import { NodeProcess } from '../scripts/src/processes';
import { scriptPath, SERVICE_NAMES } from '../scripts/src/repository';
import type { LoadResult } from '../scripts/src/load';
import { dataOf } from './support/graphql';
import { registerProcess } from './support/process-registry';
import { startStack, type Stack } from './support/stack';

const DURATION_S = Number(process.env.RESILIENCE_DURATION_S ?? 40);
const CONNECTIONS = Number(process.env.RESILIENCE_CONNECTIONS ?? 8);
const RATE = Number(process.env.RESILIENCE_RATE ?? 0);
/** Errors a degraded answer may carry: each names what was missing. */
const DEGRADED_CODES = ['SUBGRAPH_UNAVAILABLE', 'DATABASE_UNAVAILABLE', 'DATABASE_TIMEOUT'];

let stack: Stack;

beforeAll(async () => {
  if (DURATION_S < 30) throw new Error('RESILIENCE_DURATION_S must be at least 30');
  stack = await startStack({ embeddedDatabase: true });
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

const sleepUntil = (epochMs: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, epochMs - Date.now())));

/** Resident memory of a process, in MiB, from /proc. */
function rssMiB(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)![1]) / 1024);
}

function memory(): Record<string, number> {
  return Object.fromEntries([...SERVICE_NAMES, 'gateway' as const].map((name) => [name, rssMiB(stack.process(name)?.child.pid)]));
}

/**
 * Writes one row at a time to a table of its own, remembering each write the database
 * acknowledged (its COMMIT returned); failed writes (the database was down) are not remembered.
 */
function startWriter(databaseUrl: string) {
  const pool = new Pool({ connectionString: databaseUrl, max: 1, connectionTimeoutMillis: 1_000 });
  pool.on('error', () => undefined);
  const acknowledged: string[] = [];
  let failed = 0;
  let running = true;
  const done = (async () => {
    await pool.query('CREATE TABLE IF NOT EXISTS public.resilience_write (token text PRIMARY KEY, written_at timestamptz NOT NULL DEFAULT now())');
    for (let i = 0; running; i += 1) {
      const token = `write-${i}`;
      try {
        await pool.query('INSERT INTO public.resilience_write (token) VALUES ($1)', [token]);
        acknowledged.push(token);
      } catch {
        failed += 1;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return {
    acknowledged,
    failed: () => failed,
    async stop() {
      running = false;
      await done;
      await pool.end();
    },
  };
}

it(`serves a ${DURATION_S} s load through a subgraph crash and a database restart, and recovers by itself`, async () => {
  const pids = Object.fromEntries([...SERVICE_NAMES, 'gateway' as const].map((name) => [name, stack.process(name)?.child.pid]));
  const writer = startWriter(stack.databaseUrl);
  let result: string | undefined;
  const load = new NodeProcess({
    name: 'load',
    script: scriptPath('load.js'),
    args: ['--url', stack.gatewayUrl, '--duration', String(DURATION_S), '--connections', String(CONNECTIONS), '--rate', String(RATE)],
    onLine: (line) => {
      if (line.startsWith('::azg-load-result::')) result = line.slice('::azg-load-result::'.length);
    },
  });
  registerProcess(load);
  const [, started] = await load.waitForLine(/^LOAD_STARTED=(\d+)$/, 30_000);
  const t0 = Number(started);
  const events: Record<string, number> = {};
  const mark = (event: string) => {
    events[event] = Date.now() - t0;
  };

  await sleepUntil(t0 + 3_000);
  const memoryAtStart = memory();

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

  // Warmed up, and past every fault: from here memory should stay flat.
  await sleepUntil(t0 + 30_000);
  const memoryWarm = memory();
  const exit = await load.exited;
  const memoryAtEnd = memory();
  await writer.stop();
  expect(exit).toEqual({ code: 0, signal: null });
  const summary = JSON.parse(result!) as LoadResult;
  process.stdout.write(`${JSON.stringify({ events, memoryMiB: { atStart: memoryAtStart, warm: memoryWarm, atEnd: memoryAtEnd }, writes: { acknowledged: writer.acknowledged.length, failed: writer.failed() }, ...summary }, null, 1)}\n`);

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

  // Nothing crashed, and nothing but the killed subgraph was restarted.
  for (const name of [...SERVICE_NAMES, 'gateway' as const]) {
    expect({ name, running: stack.process(name)?.running }).toEqual({ name, running: true });
    if (name !== 'land') expect({ name, pid: stack.process(name)?.child.pid }).toEqual({ name, pid: pids[name] });
  }
  expect((await fetch(new URL('/readyz', stack.gatewayUrl))).status).toBe(200);
  dataOf(await stack.query('{ project(id: "valtherm-radiator-plant") { name company { name } landPlots { id } workforce { planned { value } } } }'));

  // Every write the database acknowledged survived its restart.
  expect(writer.acknowledged.length).toBeGreaterThan(0);
  expect(writer.failed()).toBeGreaterThan(0);
  const check = new Pool({ connectionString: stack.databaseUrl, max: 1 });
  try {
    const { rows } = await check.query<{ token: string }>('SELECT token FROM public.resilience_write');
    const stored = new Set(rows.map((row) => row.token));
    expect(writer.acknowledged.filter((token) => !stored.has(token))).toEqual([]);
  } finally {
    await check.end();
  }

  // Memory: reported for the operations section; a leak of a megabyte a second would fail this.
  for (const name of Object.keys(memoryAtStart)) {
    expect({ name, grewMiB: memoryAtEnd[name]! - memoryAtStart[name]! < Math.max(100, DURATION_S) }).toEqual({ name, grewMiB: true });
  }
}, (DURATION_S + 180) * 1000);
