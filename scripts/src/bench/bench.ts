import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { localUrl, SUBGRAPH_NAMES, subgraphUrlVariable, type SubgraphName } from '@azg/core/registry';
import { Client } from 'pg';
import { recreateDatabase, startDatabaseProcess, type Database } from '../database';
import { prepareDatabase } from '../prepare';
import { freePort, NodeProcess, waitForReady } from '../processes';
import { GATEWAY_ENTRY_POINT, REPOSITORY_ROOT, serviceEntryPoint, SUPERGRAPH_PATH } from '../repository';
import { writeSyntheticData } from '../seed-synthetic';
import type { BenchLoadResult, BenchLoadSpec } from './bench-load';
import { BENCH_OPERATIONS, type BenchOperation, type Dialect } from './operations';

/**
 * `npm run bench`: our gateway, PostGraphile v5 and Hive Gateway side by side, over the same
 * data, in one run. See docs/benchmark.md for what it measures and how to read it.
 */
const BENCH_DIR = path.join(REPOSITORY_ROOT, 'bench');
const RESULTS_DIR = path.join(BENCH_DIR, 'results');
const NODE22 = path.join(BENCH_DIR, 'node_modules', '.bin', 'node');
const LOAD_SCRIPT = path.join(__dirname, 'bench-load.js');

export type SystemName = 'ours' | 'ours-cached' | 'hive' | 'postgraphile';
const ALL_SYSTEMS: SystemName[] = ['ours', 'hive', 'postgraphile', 'ours-cached'];

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
  /** Requests per system and operation for the statement count. */
  countRequests: number;
}

interface System {
  name: SystemName;
  url: string;
  dialect: Dialect;
  /** Root pids whose whole process trees are this system's memory. */
  pids(): number[];
  /** SQL statements and subgraph fetches so far (fetches null for PostGraphile, which has none). */
  counters(): Promise<{ statements: number; fetches: number | null }>;
  /** The process's last lines, for an error message. */
  recent?(): string;
}

function log(line: string): void {
  process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
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
      operations: { type: 'string', default: process.env.BENCH_OPERATIONS ?? BENCH_OPERATIONS.map((operation) => operation.name).join(',') },
      smoke: { type: 'boolean', default: false },
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
    countRequests: smoke ? 5 : 20,
  };
}

/** The peers live in bench/node_modules, outside the root lockfile: installed once, by their own lockfile. */
function installPeers(): void {
  if (existsSync(NODE22) && existsSync(path.join(BENCH_DIR, 'node_modules', 'postgraphile'))) return;
  log('installing the peers (npm ci --prefix bench)');
  execFileSync('npm', ['ci', '--prefix', BENCH_DIR, '--no-audit', '--no-fund'], { stdio: 'inherit' });
}

async function benchDatabase(): Promise<Database & { process?: NodeProcess }> {
  if (process.env.DATABASE_URL) {
    const url = await recreateDatabase(process.env.DATABASE_URL, 'azg_bench');
    return { url, description: 'azg_bench on DATABASE_URL', stop: async () => undefined };
  }
  return startDatabaseProcess({ dataDir: path.join(REPOSITORY_ROOT, '.data', 'postgres-bench'), port: await freePort() });
}

async function sql<Row>(url: string, text: string, values: unknown[] = []): Promise<Row[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as Row[];
  } finally {
    await client.end();
  }
}

/** A Node 22 process (a peer), in its own process group so that it is stopped whole. */
class PeerProcess {
  readonly child: ChildProcess;
  private readonly lines: string[] = [];
  constructor(readonly name: string, args: string[], env: NodeJS.ProcessEnv) {
    this.child = spawn(NODE22, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const keep = (chunk: Buffer) => {
      this.lines.push(...chunk.toString().split('\n').filter(Boolean));
      this.lines.splice(0, Math.max(0, this.lines.length - 40));
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
  }
  recent(): string {
    return this.lines.join('\n');
  }
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.pid === undefined) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    try {
      process.kill(-this.child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-this.child.pid!, 'SIGKILL');
      } catch { /* gone */ }
    }, 10_000);
    await exited;
    clearTimeout(timer);
  }
}

async function waitForGraphQL(url: string, peer: PeerProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  // Ten answers in a row: with several workers (Hive's --fork), one answering is not all of them started.
  let answered = 0;
  while (Date.now() < deadline) {
    if (peer.child.exitCode !== null) throw new Error(`${peer.name} exited (${peer.child.exitCode}):\n${peer.recent()}`);
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      await response.text();
      answered = response.ok ? answered + 1 : 0;
      if (answered >= 10) return;
    } catch {
      answered = 0;
    }
    await new Promise((resolve) => setTimeout(resolve, answered > 0 ? 100 : 250));
  }
  throw new Error(`${peer.name} did not answer at ${url} within ${timeoutMs} ms:\n${peer.recent()}`);
}

/** Sums one counter's samples (all label sets) from a Prometheus text page. */
function counterSum(text: string, name: string, labelFilter?: string): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (labelFilter && !line.includes(labelFilter)) continue;
    sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
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

interface Stack {
  systems: System[];
  subgraphPids: Record<SubgraphName, number>;
  stop(): Promise<void>;
}

/** Starts the four subgraphs (production mode), our gateway (uncached and cached) and the peers. */
async function startSystems(databaseUrl: string, options: Options): Promise<Stack> {
  const ours: NodeProcess[] = [];
  const peers: PeerProcess[] = [];
  const secret = randomBytes(32).toString('hex');
  // Shared by our gateway, Hive Gateway and the subgraphs: each gateway signs who is calling, each subgraph checks it.
  const identitySecret = randomBytes(32).toString('hex');
  // BENCH_PROFILE_DIR: our processes write V8 CPU profiles there when they stop (open them in Chrome's DevTools).
  const profile = process.env.BENCH_PROFILE_DIR
    ? { NODE_OPTIONS: `--require ${path.join(__dirname, 'cpu-profile.js')}`, BENCH_PROFILE_DIR: path.resolve(process.env.BENCH_PROFILE_DIR) }
    : {};
  const production = { NODE_ENV: 'production', LOG_LEVEL: 'warn', CURSOR_SECRET: secret, AZG_IDENTITY_SECRET: identitySecret, HOST: '127.0.0.1', ...profile };
  const subgraphUrls = {} as Record<SubgraphName, string>;
  const subgraphPids = {} as Record<SubgraphName, number>;
  const stop = async () => {
    await Promise.allSettled([...peers.map((peer) => peer.stop()), ...ours.map((child) => child.stop())]);
  };
  try {
    for (const name of SUBGRAPH_NAMES) {
      const port = await freePort();
      // Answers may be cached for 5 minutes: only the cached gateway reads the hint; the bench writes nothing meanwhile.
      const child = new NodeProcess({ name, script: serviceEntryPoint(name), env: { ...process.env, ...production, PORT: String(port), DATABASE_URL: databaseUrl, CACHE_MAX_AGE_S: '300' } });
      ours.push(child);
      subgraphUrls[name] = localUrl(port);
      await waitForReady(new URL('/readyz', subgraphUrls[name]).toString(), child, 60_000);
      subgraphPids[name] = child.child.pid!;
    }
    const subgraphCounters = async () => {
      const pages = await Promise.all(SUBGRAPH_NAMES.map(async (name) => (await fetch(new URL('/metrics', subgraphUrls[name]))).text()));
      return {
        statements: pages.reduce((sum, page) => sum + counterSum(page, 'azg_db_statements_total'), 0),
        fetches: pages.reduce((sum, page) => sum + counterSum(page, 'azg_http_requests_total', 'path="/"'), 0),
      };
    };
    const systems: System[] = [];
    const subgraphRoots = () => Object.values(subgraphPids);
    for (const name of options.systems) {
      const port = await freePort();
      const url = localUrl(port);
      if (name === 'ours' || name === 'ours-cached') {
        const child = new NodeProcess({
          name,
          script: GATEWAY_ENTRY_POINT,
          env: {
            // DATABASE_URL: the gateway keeps its API keys there (schema access).
            ...process.env, ...production, PORT: String(port), DATABASE_URL: databaseUrl, GATEWAY_WORKERS: String(options.workers),
            RESPONSE_CACHE: name === 'ours' ? 'off' : 'memory',
            ...Object.fromEntries(SUBGRAPH_NAMES.map((service) => [subgraphUrlVariable(service), subgraphUrls[service]])),
          },
        });
        ours.push(child);
        await waitForReady(new URL('/readyz', url).toString(), child, 60_000);
        systems.push({ name, url, dialect: 'federation', pids: () => [child.child.pid!], counters: subgraphCounters });
        continue;
      }
      if (name === 'hive') {
        const peer = new PeerProcess(name, [
          path.join(BENCH_DIR, 'node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.js'), 'supergraph', SUPERGRAPH_PATH,
          '--port', String(port), '--host', '127.0.0.1', '--fork', String(options.workers), '-c', path.join(BENCH_DIR, 'hive', 'gateway.config.mjs'),
        ], {
          NODE_ENV: 'production',
          AZG_IDENTITY_SECRET: identitySecret,
          ...Object.fromEntries(SUBGRAPH_NAMES.map((service) => [`HIVE_${subgraphUrlVariable(service)}`, subgraphUrls[service]])),
        });
        peers.push(peer);
        const graphqlUrl = `${url}graphql`;
        await waitForGraphQL(graphqlUrl, peer);
        systems.push({ name, url: graphqlUrl, dialect: 'federation', pids: () => [peer.child.pid!], counters: subgraphCounters, recent: () => peer.recent() });
        continue;
      }
      const peer = new PeerProcess(name, [path.join(BENCH_DIR, 'postgraphile', 'server.mjs')], {
        NODE_ENV: 'production', PORT: String(port), DATABASE_URL: databaseUrl, PG_POOL_SIZE: '10',
      });
      peers.push(peer);
      const graphqlUrl = `${url}graphql`;
      await waitForGraphQL(graphqlUrl, peer);
      systems.push({
        name, url: graphqlUrl, dialect: 'postgraphile', pids: () => [peer.child.pid!], recent: () => peer.recent(),
        counters: async () => ({ statements: ((await (await fetch(`${url}bench-stats`)).json()) as { statements: number }).statements, fetches: null }),
      });
    }
    // The subgraphs' memory is reported once, beside the gateways that share them.
    void subgraphRoots;
    return { systems, subgraphPids, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** One POST on a connection of its own: an idle kept-alive connection the server has just closed is no answer. */
function post(url: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', (error) => reject(new Error(`POST ${url} failed: ${error.message}`)));
    request.end(body);
  });
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

function markdown(results: { date: string; machine: string; options: Options; scales: ScaleResult[] }): string {
  const lines = [
    `Bench of ${results.date} on ${results.machine}; ${results.options.rounds} round(s), ${results.options.durationS} s per measurement after ${results.options.warmupS} s of warm-up, ${results.options.connections} connections, gateways with ${results.options.workers} worker(s). Medians of the rounds; p50/p99 at a fixed rate of half PostGraphile's maximum.`,
    '',
  ];
  for (const scale of results.scales) {
    lines.push(`**${scale.scale}× the document (${scale.projects} projects)**; the four subgraphs used ${scale.subgraphsRssMb} MB together at the end.`, '');
    lines.push(
      '| Operation | System | req/s | at req/s | p50 ms | p99 ms | errors | SQL/op | fetches/op | RSS MB | stack RSS MB | CPU ms/req (server + subgraphs + db) |',
      '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    );
    for (const [operation, systems] of Object.entries(scale.operations)) {
      for (const [system, f] of Object.entries(systems)) {
        lines.push(`| ${operation} | ${system} | ${f.requestsPerSecond} | ${f.fixedRate} | ${f.p50Ms} | ${f.p99Ms} | ${f.errors} | ${f.statementsPerOperation} | ${f.fetchesPerOperation ?? '—'} | ${f.peakRssMb} | ${f.peakStackRssMb ?? '—'} | ${f.cpuMsPerRequest ? [f.cpuMsPerRequest.server, f.cpuMsPerRequest.subgraphs, f.cpuMsPerRequest.database].map((value) => value ?? '—').join(' + ') : '—'} |`);
      }
    }
    lines.push('');
  }
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
    const date = new Date().toISOString();
    const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, Node ${process.version} (ours) and ${execFileSync(NODE22, ['--version'], { encoding: 'utf8' }).trim()} (peers)`;
    const results = { date, machine, options, scales };
    mkdirSync(RESULTS_DIR, { recursive: true });
    const stem = path.join(RESULTS_DIR, date.slice(0, 19).replace(/:/g, '-'));
    writeFileSync(`${stem}.json`, `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(`${stem}.md`, `${markdown(results)}\n`);
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
