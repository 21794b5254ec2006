import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Database } from '../database';
import { prepareDatabase } from '../prepare';
import { type NodeProcess } from '../processes';
import { writeSyntheticData } from '../seed-synthetic';
import type { BenchLoadResult, BenchLoadSpec } from './bench-load';
import { describeFreshness, FRESHNESS_FLAGS, freshnessMarkdown, freshnessOptions, runFreshness, type FreshnessOptions, type FreshnessResult } from './freshness';
import { BENCH_OPERATIONS, type BenchOperation } from './operations';
import { describeSubscriptions, runSubscriptions, SUBSCRIPTIONS_FLAGS, subscriptionsMarkdown, subscriptionsOptions, type SubscriptionsOptions, type SubscriptionsResult } from './subscriptions';
import { ALL_SYSTEMS, BENCH_DIR, benchDatabase, installPeers, log, NODE22, post, sql, startSystems, waitForReadModel, writeResults, type System, type SystemName } from './stack';

/**
 * `npm run bench`: our gateway, PostGraphile v5 and Hive Gateway side by side, over the same
 * data, in one run. See docs/benchmark.md for what it measures and how to read it.
 */
const LOAD_SCRIPT = path.join(__dirname, 'bench-load.js');

interface Options {
  /** CI's run: tiny scales, one-second measurements; a statement count above the fetch count fails it. */
  smoke: boolean;
  /** The names of the operations to measure (all by default). */
  operations: string[];
  /** Copies of the document's data: 1 is the document's size, 1000 a thousand times it (at most 10000). */
  scales: number[];
  warmupS: number;
  durationS: number;
  connections: number;
  rounds: number;
  systems: SystemName[];
  workers: number;
  /** A Redis URL: our processes share state there, as behind a load balancer (see startSystems); none by default. */
  sharedState?: string;
  /** Requests per system and operation for the statement count. */
  countRequests: number;
  /** The read model's freshness, measured after the load (no probes: not measured). */
  freshness: FreshnessOptions;
  /** Subscriptions under load, measured last (no subscribers: not measured). */
  subscriptions: SubscriptionsOptions;
}

function readOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      scales: { type: 'string', default: process.env.BENCH_SCALES ?? '1,1000,10000' },
      warmup: { type: 'string', default: process.env.BENCH_WARMUP_S ?? '3' },
      duration: { type: 'string', default: process.env.BENCH_DURATION_S ?? '10' },
      connections: { type: 'string', default: process.env.BENCH_CONNECTIONS ?? '16' },
      rounds: { type: 'string', default: process.env.BENCH_ROUNDS ?? '3' },
      systems: { type: 'string', default: process.env.BENCH_SYSTEMS ?? ALL_SYSTEMS.join(',') },
      workers: { type: 'string', default: process.env.BENCH_GATEWAY_WORKERS ?? '1' },
      'shared-state': { type: 'string', default: process.env.BENCH_SHARED_STATE },
      operations: { type: 'string', default: process.env.BENCH_OPERATIONS ?? BENCH_OPERATIONS.map((operation) => operation.name).join(',') },
      smoke: { type: 'boolean', default: false },
      ...FRESHNESS_FLAGS,
      ...SUBSCRIPTIONS_FLAGS,
    },
  });
  const smoke = values.smoke;
  const systems = values.systems.split(',').map((name) => name.trim()) as SystemName[];
  for (const name of systems) if (!ALL_SYSTEMS.includes(name)) throw new Error(`unknown system "${name}" (known: ${ALL_SYSTEMS.join(', ')})`);
  const number = (name: string, raw: string) => {
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number, got "${raw}"`);
    return value;
  };
  const operations = values.operations.split(',').map((name) => name.trim());
  for (const name of operations) if (!BENCH_OPERATIONS.some((operation) => operation.name === name)) throw new Error(`unknown operation "${name}"`);
  return {
    operations,
    scales: (smoke ? '1,2' : values.scales).split(',').map((raw) => number('scales', raw)),
    warmupS: smoke ? 1 : number('warmup', values.warmup),
    durationS: smoke ? 1 : number('duration', values.duration),
    smoke,
    connections: number('connections', values.connections),
    rounds: smoke ? 1 : number('rounds', values.rounds),
    systems,
    workers: values.workers === 'auto' ? os.availableParallelism() : number('workers', values.workers),
    sharedState: values['shared-state'],
    countRequests: smoke ? 5 : 20,
    freshness: freshnessOptions(values, smoke),
    subscriptions: subscriptionsOptions(values, smoke),
  };
}


/** Every pid in the trees under `roots` (cluster workers and forks included), with its resident memory in KB. */
function processTree(roots: number[]): Array<{ pid: number; rssKb: number }> {
  const table = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,rss='], { encoding: 'utf8' })
    .trim().split('\n').map((line) => line.trim().split(/\s+/).map(Number)) as Array<[number, number, number]>;
  const pids = new Set(roots);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, ppid] of table) if (pids.has(ppid) && !pids.has(pid)) (pids.add(pid), grew = true);
  }
  return table.filter(([pid]) => pids.has(pid)).map(([pid, , rssKb]) => ({ pid, rssKb }));
}

/** Resident memory, in MB, of every process in the trees under `roots`. */
function residentMb(roots: number[]): number {
  return Math.round(processTree(roots).reduce((sum, { rssKb }) => sum + rssKb, 0) / 1024);
}

/** /proc counts CPU time in clock ticks: USER_HZ, 100 a second on Linux. */
const CLOCK_TICKS = 100;

/**
 * CPU seconds (user and system) that the processes in the trees under `roots` have used so far,
 * from /proc (null where there is none). Divided by the requests answered meanwhile, it is what
 * a request costs each part of a system, a figure that other load on the machine disturbs far
 * less than requests per second.
 */
function cpuSeconds(roots: number[]): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  let ticks = 0;
  for (const { pid } of processTree(roots)) {
    try {
      // Fields after the command's closing parenthesis: utime, stime, then cutime and cstime, the
      // time of children it has reaped: a database's backends come and go, and their time stays
      // counted in their parent's once they have gone.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch { /* exited meanwhile */ }
  }
  return ticks / CLOCK_TICKS;
}

interface Checked {
  /** The exact answer text, which every answer under load must equal. */
  expected: string;
  statementsPerOperation: number;
  fetchesPerOperation: number | null;
}

/**
 * Asks each system the operation, checks the answer (no errors, the rows the database says,
 * the same data as our gateway's after normalizing the peer's names) and counts the SQL
 * statements and subgraph fetches per operation.
 */
async function checkOperation(
  operation: BenchOperation, systems: System[], databaseUrl: string, scale: number, countRequests: number, strict: boolean,
): Promise<Map<SystemName, Checked>> {
  const expectedRows = await operation.expectedRows((text, values) => sql(databaseUrl, text, values), scale);
  const checked = new Map<SystemName, Checked>();
  let reference: { system: SystemName; normalized: string } | undefined;
  for (const system of systems) {
    const body = operation.body(system.dialect);
    const answer = await post(system.url, body).catch((error: Error) => {
      throw new Error(`${system.name} ${operation.name}: ${error.message}\n${system.recent?.() ?? ''}`);
    });
    const parsed = JSON.parse(answer.text) as { data?: Record<string, unknown>; errors?: unknown[] };
    if (answer.status !== 200 || parsed.errors?.length || !parsed.data) {
      throw new Error(`${system.name} ${operation.name}: HTTP ${answer.status} ${answer.text.slice(0, 500)}`);
    }
    const normalized = operation.normalize(system.dialect, parsed.data);
    const rows = operation.rows(normalized);
    if (rows !== expectedRows) throw new Error(`${system.name} ${operation.name}: ${rows} rows, the database says ${expectedRows}`);
    const text = JSON.stringify(normalized);
    if (reference && text !== reference.normalized) {
      throw new Error(`${system.name} ${operation.name} answers differently from ${reference.system}:\n${text.slice(0, 800)}\n${reference.normalized.slice(0, 800)}`);
    }
    reference ??= { system: system.name, normalized: text };
    // Requests of the last measurement may still be in flight in the subgraphs: let them finish before counting.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const before = await system.counters();
    for (let i = 0; i < countRequests; i += 1) {
      const again = await post(system.url, body).catch((error: Error) => {
        throw new Error(`${system.name} ${operation.name}, request ${i + 2}: ${error.message}\n${system.recent?.() ?? ''}`);
      });
      if (again.text !== answer.text) throw new Error(`${system.name} ${operation.name}: answer ${i + 2} differs from the first`);
    }
    const after = await system.counters();
    if (strict && after.fetches !== null && before.fetches !== null && after.statements - before.statements !== after.fetches - before.fetches) {
      throw new Error(`${system.name} ${operation.name}: ${(after.statements - before.statements) / countRequests} SQL statements per operation for ${(after.fetches - before.fetches!) / countRequests} subgraph fetches`);
    }
    checked.set(system.name, {
      expected: answer.text,
      statementsPerOperation: (after.statements - before.statements) / countRequests,
      fetchesPerOperation: after.fetches === null || before.fetches === null ? null : (after.fetches - before.fetches) / countRequests,
    });
  }
  return checked;
}

/** CPU milliseconds per answered request: the system's own processes, the subgraphs it fetches from (federation), the database. */
export interface CpuPerRequest {
  server: number;
  subgraphs: number | null;
  database: number | null;
}

/** The roots of each part of a system whose CPU the bench accounts for (see CpuPerRequest). */
interface CpuParts {
  subgraphs: number[];
  database: number[];
}

/** Runs one measurement in the load process, pinned to the last core when taskset exists. */
function measure(
  system: System, body: string, expected: string, durationS: number, connections: number, rate: number, parts: CpuParts,
): Promise<BenchLoadResult & { peakRssMb: number; peakStackRssMb: number | null; cpuMsPerRequest: CpuPerRequest | null }> {
  const spec: BenchLoadSpec = { url: system.url, body, expected, headers: {}, durationS, connections, rate };
  const specPath = path.join(os.tmpdir(), `azg-bench-${process.pid}.json`);
  writeFileSync(specPath, JSON.stringify(spec));
  const cores = os.availableParallelism();
  const pinned = existsSync('/usr/bin/taskset') && cores > 1;
  const [command, args] = pinned
    ? ['taskset', ['-c', String(cores - 1), process.execPath, LOAD_SCRIPT, specPath]]
    : [process.execPath, [LOAD_SCRIPT, specPath]];
  const federated = system.dialect === 'federation';
  const cpu = () => [cpuSeconds(system.pids()), federated ? cpuSeconds(parts.subgraphs) : null, parts.database.length > 0 ? cpuSeconds(parts.database) : null];
  const cpuBefore = cpu();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args as string[], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    let peakRssMb = 0;
    // A federation system's whole stack: its gateway and the four subgraphs, sampled together.
    let peakStackRssMb = 0;
    const sampler = setInterval(() => {
      try {
        const own = residentMb(system.pids());
        peakRssMb = Math.max(peakRssMb, own);
        if (federated) peakStackRssMb = Math.max(peakStackRssMb, own + residentMb(parts.subgraphs));
      } catch { /* a sample missed */ }
    }, 500);
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      clearInterval(sampler);
      if (code !== 0) return reject(new Error(`the load process exited ${code}`));
      const result = JSON.parse(output.trim().split('\n').pop()!) as BenchLoadResult;
      const cpuAfter = cpu();
      const perRequest = (index: number) => {
        const [before, after] = [cpuBefore[index], cpuAfter[index]];
        return before == null || after == null || result.requests === 0 ? null : Math.round(((after - before) * 1000 / result.requests) * 100) / 100;
      };
      const server = perRequest(0);
      resolve({ ...result, peakRssMb, peakStackRssMb: federated ? peakStackRssMb : null, cpuMsPerRequest: server === null ? null : { server, subgraphs: perRequest(1), database: perRequest(2) } });
    });
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Each part's median over the rounds (null when a round has none). */
function medianCpu(rounds: Array<CpuPerRequest | null>): CpuPerRequest | null {
  if (rounds.some((round) => round === null)) return null;
  const part = (name: keyof CpuPerRequest) => {
    const values = rounds.map((round) => round![name]);
    return values.some((value) => value === null) ? null : Math.round(median(values as number[]) * 100) / 100;
  };
  return { server: part('server')!, subgraphs: part('subgraphs'), database: part('database') };
}

/** "CPU/req: server 0.41 ms, subgraphs 0.62 ms, database 0.20 ms". */
function describeCpu(cpu: CpuPerRequest | null): string {
  if (cpu === null) return 'CPU/req unknown';
  return `CPU/req: server ${cpu.server} ms${cpu.subgraphs === null ? '' : `, subgraphs ${cpu.subgraphs} ms`}${cpu.database === null ? '' : `, database ${cpu.database} ms`}`;
}

export interface SystemFigures {
  requestsPerSecond: number;
  fixedRate: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  statementsPerOperation: number;
  fetchesPerOperation: number | null;
  peakRssMb: number;
  /** Federation systems: the gateway and the four subgraphs together, at their peak; null for PostGraphile. */
  peakStackRssMb: number | null;
  /** CPU per request at the maximum rate (median of the rounds); null where /proc is not there. */
  cpuMsPerRequest: CpuPerRequest | null;
  rounds: Array<{ requestsPerSecond: number; p50Ms: number; p99Ms: number; errors: number; cpuMsPerRequest: CpuPerRequest | null }>;
}

export interface ScaleResult {
  scale: number;
  projects: number;
  subgraphsRssMb: number;
  operations: Record<string, Partial<Record<SystemName, SystemFigures>>>;
}

async function benchScale(scale: number, database: Database & { process?: NodeProcess }, options: Options): Promise<ScaleResult> {
  const databaseUrl = database.url;
  log(`scale ${scale}: loading data`);
  await writeSyntheticData(databaseUrl, scale - 1);
  await sql(databaseUrl, readFileSync(path.join(BENCH_DIR, 'postgraphile', 'bench_pg.sql'), 'utf8'));
  await sql(databaseUrl, 'ANALYZE');
  const [{ count: projects } = { count: 0 }] = await sql<{ count: number }>(databaseUrl, 'SELECT count(*)::int AS count FROM projects.project');
  log(`scale ${scale}: ${projects} projects; starting ${options.systems.join(', ')}`);
  const stack = await startSystems(databaseUrl, options);
  try {
    await waitForReadModel(databaseUrl);
    const operations: ScaleResult['operations'] = {};
    for (const operation of BENCH_OPERATIONS.filter((candidate) => options.operations.includes(candidate.name))) {
      const systems = stack.systems.filter((system) => system.name !== 'ours-cached' || operation.cached);
      const checked = await checkOperation(operation, systems, databaseUrl, scale, options.countRequests, options.smoke);
      log(`scale ${scale} ${operation.name}: answers checked; statements/op ${systems.map((s) => `${s.name} ${checked.get(s.name)!.statementsPerOperation}`).join(', ')}`);
      const runs = new Map<SystemName, SystemFigures['rounds']>();
      const maxima = new Map<SystemName, number[]>();
      const rss = new Map<SystemName, number>();
      const stackRss = new Map<SystemName, number>();
      const parts: CpuParts = { subgraphs: Object.values(stack.subgraphPids), database: database.process?.child.pid ? [database.process.child.pid] : [] };
      for (let round = 0; round < options.rounds; round += 1) {
        // Systems alternate: each round starts with a different one, PostGraphile's maximum first (it sets the fixed rate).
        const order = [...systems].sort((a, b) => (a.name === 'postgraphile' ? -1 : b.name === 'postgraphile' ? 1 : 0));
        const rotated = [order[0]!, ...order.slice(1).map((_, i, rest) => rest[(i + round) % rest.length]!)];
        let fixedRate = 0;
        for (const system of rotated) {
          const { expected } = checked.get(system.name)!;
          const body = operation.body(system.dialect);
          if (!options.smoke) await measure(system, body, expected, options.warmupS, options.connections, 0, parts);
          const max = await measure(system, body, expected, options.durationS, options.connections, 0, parts);
          if (fixedRate === 0) fixedRate = Math.max(1, Math.floor(max.requestsPerSecond / 2));
          // The smoke run checks answers under load, not latency: it skips the warm-up and the fixed rate.
          const fixed = options.smoke ? max : await measure(system, body, expected, options.durationS, options.connections, fixedRate, parts);
          maxima.set(system.name, [...(maxima.get(system.name) ?? []), max.requestsPerSecond]);
          runs.set(system.name, [...(runs.get(system.name) ?? []), { requestsPerSecond: max.requestsPerSecond, p50Ms: fixed.latencyMs.p50, p99Ms: fixed.latencyMs.p99, errors: max.errors + fixed.errors, cpuMsPerRequest: max.cpuMsPerRequest }]);
          rss.set(system.name, Math.max(rss.get(system.name) ?? 0, max.peakRssMb, fixed.peakRssMb));
          if (max.peakStackRssMb !== null) stackRss.set(system.name, Math.max(stackRss.get(system.name) ?? 0, max.peakStackRssMb, fixed.peakStackRssMb ?? 0));
          log(`scale ${scale} ${operation.name} round ${round + 1} ${system.name}: ${Math.round(max.requestsPerSecond)} req/s; at ${fixedRate} req/s p50 ${fixed.latencyMs.p50} ms p99 ${fixed.latencyMs.p99} ms; errors ${max.errors + fixed.errors}; ${describeCpu(max.cpuMsPerRequest)}`);
        }
        for (const system of systems) {
          const last = runs.get(system.name)!.at(-1)!;
          (last as { fixedRate?: number }).fixedRate = fixedRate;
        }
      }
      operations[operation.name] = Object.fromEntries(systems.map((system) => {
        const rounds = runs.get(system.name)!;
        const check = checked.get(system.name)!;
        return [system.name, {
          requestsPerSecond: Math.round(median(rounds.map((r) => r.requestsPerSecond))),
          fixedRate: median(rounds.map((r) => (r as { fixedRate?: number }).fixedRate ?? 0)),
          p50Ms: median(rounds.map((r) => r.p50Ms)),
          p99Ms: median(rounds.map((r) => r.p99Ms)),
          errors: rounds.reduce((sum, r) => sum + r.errors, 0),
          statementsPerOperation: check.statementsPerOperation,
          fetchesPerOperation: check.fetchesPerOperation,
          peakRssMb: rss.get(system.name)!,
          peakStackRssMb: stackRss.get(system.name) ?? null,
          cpuMsPerRequest: medianCpu(rounds.map((r) => r.cpuMsPerRequest)),
          rounds,
        } satisfies SystemFigures];
      }));
    }
    return { scale, projects, subgraphsRssMb: residentMb(Object.values(stack.subgraphPids)), operations };
  } finally {
    await stack.stop();
  }
}

function markdown(results: { date: string; machine: string; options: Options; scales: ScaleResult[]; freshness: FreshnessResult | null; subscriptions: SubscriptionsResult | null }): string {
  const lines = [
    `Bench of ${results.date} on ${results.machine}; ${results.options.rounds} round(s), ${results.options.durationS} s per measurement after ${results.options.warmupS} s of warm-up, ${results.options.connections} connections, gateways with ${results.options.workers} worker(s)${results.options.sharedState ? '; our processes sharing state through Redis (nonces, rate limits, read-your-writes, the cached gateway\'s answers)' : ''}. Medians of the rounds; p50/p99 at a fixed rate of half PostGraphile's maximum.`,
    '',
  ];
  for (const scale of results.scales) {
    lines.push(`**${scale.scale}× the document (${scale.projects} projects)**; the four subgraphs used ${scale.subgraphsRssMb} MB together at the end.`, '');
    lines.push(
      '| Operation | System | req/s | ÷ PostGraphile\'s | at req/s | p50 ms | p99 ms | errors | SQL/op | fetches/op | RSS MB | stack RSS MB | CPU ms/req (server + subgraphs + db) |',
      '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    );
    for (const [operation, systems] of Object.entries(scale.operations)) {
      const peer = systems.postgraphile?.requestsPerSecond;
      for (const [system, f] of Object.entries(systems)) {
        const ratio = peer ? (f.requestsPerSecond / peer).toFixed(2) : '—';
        lines.push(`| ${operation} | ${system} | ${f.requestsPerSecond} | ${ratio} | ${f.fixedRate} | ${f.p50Ms} | ${f.p99Ms} | ${f.errors} | ${f.statementsPerOperation} | ${f.fetchesPerOperation ?? '—'} | ${f.peakRssMb} | ${f.peakStackRssMb ?? '—'} | ${f.cpuMsPerRequest ? [f.cpuMsPerRequest.server, f.cpuMsPerRequest.subgraphs, f.cpuMsPerRequest.database].map((value) => value ?? '—').join(' + ') : '—'} |`);
      }
    }
    lines.push('');
  }
  if (results.freshness) lines.push(freshnessMarkdown(results.freshness));
  if (results.subscriptions) lines.push(subscriptionsMarkdown(results.subscriptions));
  return lines.join('\n');
}

async function main(argv: string[]): Promise<void> {
  const options = readOptions(argv);
  installPeers();
  const database = await benchDatabase();
  try {
    log(`database: ${database.description}`);
    await prepareDatabase(database.url);
    await sql(database.url, 'CREATE EXTENSION IF NOT EXISTS pg_trgm');
    const scales: ScaleResult[] = [];
    for (const scale of options.scales) scales.push(await benchScale(scale, database, options));
    // After the load, in a database of its own: its writes never touch the facts measured above.
    const freshness = options.freshness.probes > 0 ? await runFreshness(database.url, options.freshness) : null;
    if (freshness) log(describeFreshness(freshness));
    // Last, in a database of its own too: its writes change projects.
    const subscriptions = options.subscriptions.subscribers > 0 ? await runSubscriptions(database.url, options.subscriptions) : null;
    if (subscriptions) log(describeSubscriptions(subscriptions));
    const date = new Date().toISOString();
    const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, Node ${process.version} (ours) and ${execFileSync(NODE22, ['--version'], { encoding: 'utf8' }).trim()} (peers)`;
    const results = { date, machine, options, scales, freshness, subscriptions };
    const stem = writeResults(date, null, results, markdown(results));
    process.stdout.write(`\n${markdown(results)}\nwritten: ${stem}.json and .md\n`);
  } finally {
    await database.stop();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(() => process.exit(0), (error: unknown) => {
    process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
