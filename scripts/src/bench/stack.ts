import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { localUrl, SUBGRAPH_NAMES, subgraphUrlVariable, type SubgraphName } from '@azg/core/registry';
import { Client } from 'pg';
import { recreateDatabase, startDatabaseProcess, type Database } from '../database';
import { freePort, NodeProcess, waitForReady } from '../processes';
import { GATEWAY_ENTRY_POINT, REPOSITORY_ROOT, scriptPath, serviceEntryPoint, SUPERGRAPH_PATH } from '../repository';
import type { Dialect } from './operations';

/**
 * What the bench's parts share: the database, the peers' Node, and the systems it starts over it
 * (the four subgraphs, our gateway, Hive Gateway, PostGraphile), for the load measurements
 * (bench.ts) and the read model's freshness (freshness.ts) alike.
 */
export const BENCH_DIR = path.join(REPOSITORY_ROOT, 'bench');
/** Where each run leaves its figures: `<date>.json` and `<date>.md`. */
export const RESULTS_DIR = path.join(BENCH_DIR, 'results');
export const NODE22 = path.join(BENCH_DIR, 'node_modules', '.bin', 'node');
/** Hive Gateway's command line, run with NODE22. */
export const HIVE_GATEWAY_BIN = path.join(BENCH_DIR, 'node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.js');
/** The Hive Gateway configuration a deployment runs (docker/hive-gateway/README.md): the bench and the tests run the same file. */
export const HIVE_GATEWAY_CONFIG = path.join(REPOSITORY_ROOT, 'docker', 'hive-gateway', 'gateway.config.mjs');

export type SystemName = 'ours' | 'ours-cached' | 'hive' | 'postgraphile';
export const ALL_SYSTEMS: SystemName[] = ['ours', 'hive', 'postgraphile', 'ours-cached'];

export interface System {
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

export function log(line: string): void {
  process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
}

/** The command that installs the peers, for messages. */
export const INSTALL_PEERS_COMMAND = 'npm ci --prefix bench';

/** Whether the peers (Node 22, Hive Gateway, PostGraphile) are installed in bench/node_modules. */
export function peersInstalled(): boolean {
  return existsSync(NODE22) && existsSync(HIVE_GATEWAY_BIN) && existsSync(path.join(BENCH_DIR, 'node_modules', 'postgraphile'));
}

/** The peers live in bench/node_modules, outside the root lockfile: installed once, by their own lockfile. */
export function installPeers(): void {
  if (peersInstalled()) return;
  log(`installing the peers (${INSTALL_PEERS_COMMAND})`);
  execFileSync('npm', ['ci', '--prefix', BENCH_DIR, '--no-audit', '--no-fund'], { stdio: 'inherit' });
}

export async function benchDatabase(): Promise<Database & { process?: NodeProcess }> {
  if (process.env.DATABASE_URL) {
    const url = await recreateDatabase(process.env.DATABASE_URL, 'azg_bench');
    return { url, description: 'azg_bench on DATABASE_URL', stop: async () => undefined };
  }
  return startDatabaseProcess({ dataDir: path.join(REPOSITORY_ROOT, '.data', 'postgres-bench'), port: await freePort() });
}

/**
 * The server a part's own command (bench:freshness, bench:subscriptions) makes its database on:
 * DATABASE_URL's, else the bench's embedded one.
 */
export async function partServer(): Promise<{ url: string; stop(): Promise<void> }> {
  return process.env.DATABASE_URL ? { url: process.env.DATABASE_URL, stop: async () => undefined } : benchDatabase();
}

/**
 * Writes one run's results beside the others, `bench/results/<date>[-<part>].json` and `.md`
 * (the date to the second, colons as dashes); answers that path without its extension.
 */
export function writeResults(date: string, part: string | null, json: unknown, markdown: string): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stem = path.join(RESULTS_DIR, `${date.slice(0, 19).replace(/:/g, '-')}${part === null ? '' : `-${part}`}`);
  writeFileSync(`${stem}.json`, `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(`${stem}.md`, `${markdown}\n`);
  return stem;
}

export async function sql<Row>(url: string, text: string, values: unknown[] = []): Promise<Row[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as Row[];
  } finally {
    await client.end();
  }
}

/**
 * What Hive Gateway is told beside `settings` (NODE_ENV, AZG_IDENTITY_SECRET, limits...): where
 * each subgraph is, in the SUBGRAPH_<NAME>_URL variables our gateway reads.
 */
export function hiveGatewayEnv(settings: Record<string, string>, subgraphUrls: Record<SubgraphName, string>): Record<string, string> {
  return {
    ...Object.fromEntries(SUBGRAPH_NAMES.map((service) => [subgraphUrlVariable(service), subgraphUrls[service]])),
    ...settings,
  };
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
export function counterSum(text: string, name: string, labelFilter?: string): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (labelFilter && !line.includes(labelFilter)) continue;
    sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

export interface Stack {
  systems: System[];
  subgraphPids: Record<SubgraphName, number>;
  /** Where each subgraph answers (its /metrics too). */
  subgraphUrls: Record<SubgraphName, string>;
  stop(): Promise<void>;
}

/**
 * Starts the four subgraphs (production mode), our gateway (uncached and cached) and the peers;
 * `gatewayEnv` adds to our gateway's settings (e.g. the subscriptions bench's caps). With
 * `sharedState` (a Redis URL), our processes run as they would behind a load balancer: the
 * subgraphs claim every request's nonce in that Redis, our gateway counts every request against a
 * rate-limit budget there (one too large to refuse anything) and keeps read-your-writes and, when
 * cached, its answers there, all under a prefix of this run's own.
 */
export async function startSystems(databaseUrl: string, options: { systems: SystemName[]; workers: number; gatewayEnv?: Record<string, string>; sharedState?: string }): Promise<Stack> {
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
  const shared = options.sharedState ? { REDIS_URL: options.sharedState, REDIS_KEY_PREFIX: `azg:bench:${randomBytes(6).toString('hex')}:` } : {};
  const subgraphUrls = {} as Record<SubgraphName, string>;
  const subgraphPids = {} as Record<SubgraphName, number>;
  const stop = async () => {
    await Promise.allSettled([...peers.map((peer) => peer.stop()), ...ours.map((child) => child.stop())]);
  };
  try {
    const ports = new Set<number>();
    while (ports.size < SUBGRAPH_NAMES.length) ports.add(await freePort());
    SUBGRAPH_NAMES.forEach((name, index) => (subgraphUrls[name] = localUrl([...ports][index]!)));
    // Every subgraph knows where the others are: the projects subgraph follows their change feeds.
    const peerUrls = Object.fromEntries(SUBGRAPH_NAMES.map((service) => [subgraphUrlVariable(service), subgraphUrls[service]]));
    const children = SUBGRAPH_NAMES.map((name) => {
      // Answers may be cached for 5 minutes: only the cached gateway reads the hint, and the load bench writes nothing.
      const child = new NodeProcess({
        name, script: serviceEntryPoint(name),
        env: { ...process.env, ...production, ...shared, ...peerUrls, PORT: new URL(subgraphUrls[name]).port, DATABASE_URL: databaseUrl, CACHE_MAX_AGE_S: '300' },
      });
      ours.push(child);
      return [name, child] as const;
    });
    // All at once: a subgraph that reads another's feed may wait for it before it is ready.
    await Promise.all(children.map(async ([name, child]) => {
      await waitForReady(new URL('/readyz', subgraphUrls[name]).toString(), child, 60_000);
      subgraphPids[name] = child.child.pid!;
    }));
    const subgraphCounters = async () => {
      const pages = await Promise.all(SUBGRAPH_NAMES.map(async (name) => (await fetch(new URL('/metrics', subgraphUrls[name]))).text()));
      return {
        statements: pages.reduce((sum, page) => sum + counterSum(page, 'azg_db_statements_total'), 0),
        fetches: pages.reduce((sum, page) => sum + counterSum(page, 'azg_http_requests_total', 'path="/"'), 0),
      };
    };
    const systems: System[] = [];
    for (const name of options.systems) {
      const port = await freePort();
      const url = localUrl(port);
      if (name === 'ours' || name === 'ours-cached') {
        const child = new NodeProcess({
          name,
          script: GATEWAY_ENTRY_POINT,
          env: {
            // DATABASE_URL: the gateway keeps its API keys there (schema access).
            ...process.env, ...production, ...shared, PORT: String(port), DATABASE_URL: databaseUrl, GATEWAY_WORKERS: String(options.workers),
            RESPONSE_CACHE: name === 'ours' ? 'off' : options.sharedState ? 'redis' : 'memory',
            // The load comes from one address, far past any client's budget; the peers limit nothing either.
            // With shared state every request is still counted, against a budget it cannot spend.
            ...(options.sharedState ? { RATE_LIMIT_ANONYMOUS: '100000000', RATE_LIMIT_KEYED: '100000000' } : { RATE_LIMIT_ANONYMOUS: '0', RATE_LIMIT_KEYED: '0' }),
            ...Object.fromEntries(SUBGRAPH_NAMES.map((service) => [subgraphUrlVariable(service), subgraphUrls[service]])),
            ...options.gatewayEnv,
          },
        });
        ours.push(child);
        await waitForReady(new URL('/readyz', url).toString(), child, 60_000);
        systems.push({ name, url, dialect: 'federation', pids: () => [child.child.pid!], counters: subgraphCounters });
        continue;
      }
      if (name === 'hive') {
        // The deployment's own configuration, with the settings our gateway gets (hiveGatewayEnv).
        const peer = new PeerProcess(name, [
          HIVE_GATEWAY_BIN, 'supergraph', SUPERGRAPH_PATH,
          '--port', String(port), '--host', '127.0.0.1', '--fork', String(options.workers), '-c', HIVE_GATEWAY_CONFIG,
        ], hiveGatewayEnv({ NODE_ENV: 'production', AZG_IDENTITY_SECRET: identitySecret }, subgraphUrls));
        peers.push(peer);
        // It answers GraphQL at `/`, as our gateway does.
        await waitForGraphQL(url, peer);
        systems.push({ name, url, dialect: 'federation', pids: () => [peer.child.pid!], counters: subgraphCounters, recent: () => peer.recent() });
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
    return { systems, subgraphPids, subgraphUrls, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The subgraph that keeps a read model of the others' facts, and so follows their change feeds. */
const READ_MODEL_SUBGRAPH: SubgraphName = 'projects';

/**
 * Waits until the projects subgraph's read model has applied every change the other subgraphs
 * have published (its checkpoint for each at the head of that subgraph's outbox): the bench
 * writes its synthetic copies straight into the owners' tables before the stack starts, and a
 * page filtered by company or land answers from the read model only once it has caught up.
 */
export async function waitForReadModel(databaseUrl: string, timeoutMs = 900_000): Promise<void> {
  const sources = SUBGRAPH_NAMES.filter((name) => name !== READ_MODEL_SUBGRAPH);
  const behind = () => sql<{ source: string; head: string; checkpoint: string | null }>(databaseUrl, sources.map((source, index) => `
    SELECT '${source}' AS source, (SELECT coalesce(max(position), 0) FROM ${source}.change_outbox)::text AS head,
           (SELECT position FROM ${READ_MODEL_SUBGRAPH}.change_checkpoint WHERE source = $${index + 1})::text AS checkpoint`).join(' UNION ALL '), [...sources]);
  const started = Date.now();
  let reported = started;
  for (;;) {
    const lagging = (await behind()).filter((row) => row.checkpoint === null || BigInt(row.checkpoint) < BigInt(row.head));
    if (lagging.length === 0) return;
    const described = lagging.map((row) => `${row.source} at ${row.checkpoint ?? 'none'} of ${row.head}`).join(', ');
    if (Date.now() - started > timeoutMs) throw new Error(`the read model has not caught up after ${timeoutMs / 1000} s: ${described}`);
    if (Date.now() - reported > 15_000) (log(`waiting for the read model: ${described}`), reported = Date.now());
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** One POST on a connection of its own: an idle kept-alive connection the server has just closed is no answer. */
export function post(url: string, body: string): Promise<{ status: number; text: string }> {
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

/** A GraphQL client of a gateway with an editor's API key, for the bench's writers; an answer with errors throws. */
export class EditorGateway {
  constructor(private readonly url: string, private readonly key: string) {}

  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `ApiKey ${this.key}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json() as { data?: T | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    if (body.errors?.length || !body.data) {
      throw new Error(body.errors?.map((error) => `${error.extensions?.code ?? 'ERROR'}: ${error.message}`).join('; ') ?? `HTTP ${response.status}`);
    }
    return body.data;
  }
}

/** An editor's API key named `name`, made with `npm run keys` in `databaseUrl`'s access tables. */
export function createEditorKey(databaseUrl: string, name: string): string {
  const output = execFileSync(process.execPath, [scriptPath('keys.js'), 'create', '--name', name, '--role', 'editor'], {
    env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: 'utf8',
  });
  const key = /^(azg_\S+)$/m.exec(output)?.[1];
  if (!key) throw new Error(`npm run keys printed no key:\n${output}`);
  return key;
}
