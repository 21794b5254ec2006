/**
 * `npm start`'s supervision, tried on the real thing: `node scripts/dist/start.js` (what `npm
 * start` runs once built) on free ports, with an embedded PostgreSQL of its own under .data/.
 *
 * 1. Under a load of real operations and a stream of acknowledged writes, the land subgraph is
 *    killed (SIGKILL), then the embedded PostgreSQL's postmaster is: each comes back by itself,
 *    answers are whole again within the issue's 20 s, nothing else is restarted, and every write
 *    the gateway acknowledged is found afterwards.
 * 2. SIGINT stops it: exit status 0, every process it started gone, every port free.
 * 3. A subgraph that dies at once on every start (its port taken by another program) is given up
 *    on with one message naming it; the stack stops and the exit status is not 0.
 *
 * The figures (seconds to full answers, answers that were partial during each outage, writes
 * acknowledged and found, how long the give-up took) are printed and written to
 * .data/resilience-figures.json.
 */
import { writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { GATEWAY, localUrl, SUBGRAPH_NAMES, type SubgraphName } from '@azg/core/registry';
import { postmasterPid } from '@azg/scripts/database';
import type { LoadResult } from '@azg/scripts/load';
import { freePort, NodeProcess, type ProcessExit } from '@azg/scripts/processes';
import { REPOSITORY_ROOT, scriptPath } from '@azg/scripts/repository';
import { graphqlWriteTarget, startWriter } from './support/acknowledged-writes';
import { postGraphQL } from './support/graphql';
import { createKey, withKey } from './support/keys';
import { sleepUntil, startLoad } from './support/load';
import { registerProcess } from './support/process-registry';
import { EMBEDDED_TEST_ROOT, startEmbeddedTestDatabase } from './support/stack';

const FIGURES_FILE = path.join(REPOSITORY_ROOT, '.data', 'resilience-figures.json');
/** The target: whole answers again within this of a crash. */
const FULL_ANSWERS_WITHIN_S = 20;
/** Crosses every subgraph: whole only when all four and the database serve. */
const EVERY_SUBGRAPH = '{ project(id: "valtherm-radiator-plant") { name company { name } landPlots { id } workforce { planned { value } } } }';
const DATA_DIR = path.join(EMBEDDED_TEST_ROOT, 'supervised');

const figures: Record<string, unknown> = {};

/** Records figures under `name`, prints them and rewrites the figures file. */
function report(name: string, measured: Record<string, unknown>): void {
  figures[name] = measured;
  process.stdout.write(`${name}: ${JSON.stringify(measured)}\n`);
  mkdirSync(path.dirname(FIGURES_FILE), { recursive: true });
  writeFileSync(FIGURES_FILE, `${JSON.stringify({ test: 'tests/supervision.resilience.ts', ...figures }, null, 2)}\n`);
}

/** A `node scripts/dist/start.js` and what it printed. */
interface Supervised {
  process: NodeProcess;
  ports: Record<SubgraphName | 'gateway' | 'postgres', number>;
  gatewayUrl: string;
  stdout: string[];
  stderr: string[];
  /** The pid of every process the supervisor started under `name` (`land`, `postgres`...), oldest first. */
  pids(name: string): number[];
  /** Every pid the supervisor started. */
  allPids(): number[];
}

/**
 * Starts the supervisor on free ports over the cluster in DATA_DIR and waits for its banner.
 * Its environment has no DATABASE_URL, so it runs the embedded server itself.
 */
async function startSupervised(): Promise<Supervised> {
  const ports = { gateway: await freePort(), postgres: await freePort() } as Supervised['ports'];
  for (const name of SUBGRAPH_NAMES) ports[name] = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GATEWAY_PORT: String(ports.gateway),
    ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_PORT`, String(ports[name])])),
    PGPORT_EMBEDDED: String(ports.postgres),
    AZG_EMBEDDED_DATA_DIR: DATA_DIR,
    // Warnings and worse: a line per request would be most of what is kept.
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  const stdout: string[] = [];
  const stderr: string[] = [];
  const child = new NodeProcess({ name: 'npm-start', script: scriptPath('start.js'), env, onLine: (line, stream) => (stream === 'stdout' ? stdout : stderr).push(line) });
  registerProcess(child);
  try {
    await child.waitForLine(/Almaty Zone Graph is running/, 150_000);
  } catch (error) {
    await child.stop(60_000);
    throw new Error(`${(error as Error).message}\n${stderr.join('\n')}`);
  }
  const pids = (name: string) => stdout
    .map((line) => new RegExp(`^\\[supervisor\\]\\s+${name} started \\(pid (\\d+)\\)$`).exec(line)?.[1])
    .filter((pid): pid is string => pid !== undefined)
    .map(Number);
  return {
    process: child,
    ports,
    gatewayUrl: localUrl(ports.gateway),
    stdout,
    stderr,
    pids,
    allPids: () => ['postgres', ...SUBGRAPH_NAMES, GATEWAY.name].flatMap(pids),
  };
}

/** Whether `pid` is a live process (a zombie waiting for a parent that is gone counts as gone). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Whether nothing listens on `port` now: this process can listen on it. */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * Listens on `port` as soon as it is free (polling), as another program taking it would; it
 * hangs up on whoever connects (the gateway, still fetching from land).
 */
async function occupy(port: number): Promise<net.Server> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const server = net.createServer((socket) => socket.destroy());
    const listening = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (listening) return server;
    if (Date.now() > deadline) throw new Error(`port ${port} stayed taken`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Seconds from `since` (epoch ms) until the gateway answers EVERY_SUBGRAPH whole, polling every 100 ms. */
async function secondsToFullAnswers(gatewayUrl: string, since: number): Promise<number> {
  const deadline = since + 60_000;
  while (Date.now() < deadline) {
    try {
      const { status, body } = await postGraphQL(gatewayUrl, EVERY_SUBGRAPH);
      if (status === 200 && !body.errors && body.data) return (Date.now() - since) / 1000;
    } catch {
      // No answer at all: counted by the load; keep asking.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('no whole answer within 60 s');
}

/** The load's answers from second `from` to second `to` (of its timeline), and how many carried errors. */
function answersBetween(result: LoadResult, from: number, to: number): { answers: number; partial: number } {
  const slots = result.timeline.filter((slot) => slot.second >= from && slot.second <= to);
  return { answers: slots.reduce((sum, slot) => sum + slot.answers, 0), partial: slots.reduce((sum, slot) => sum + slot.withErrors, 0) };
}

describe('npm start under faults', () => {
  let stack: Supervised | undefined;
  let databaseUrl: string;

  beforeAll(async () => {
    // The cluster is made first by the tests' own database process, which says its URL (the
    // supervisor prints it only without the password); the supervisor then serves the same files.
    const database = await startEmbeddedTestDatabase(undefined, DATA_DIR, await freePort());
    databaseUrl = database.url;
    await database.stop();
    stack = await startSupervised();
    const url = new URL(databaseUrl);
    url.port = String(stack.ports.postgres);
    databaseUrl = url.toString();
  }, 240_000);

  afterAll(async () => {
    await stack?.process.stop(60_000);
  });

  it('heals a subgraph and the embedded PostgreSQL killed under load, and loses no acknowledged write', async () => {
    const live = stack!;
    const editorKey = await createKey(databaseUrl, 'supervision writer', 'editor');
    const writeTarget = graphqlWriteTarget((query, variables) => postGraphQL(live.gatewayUrl, query, variables, withKey(editorKey)), databaseUrl);
    const writer = startWriter(writeTarget);
    const load = await startLoad(live.gatewayUrl, { durationS: 30, connections: 8, rate: 0 });
    const t0 = load.startedAt;
    const second = (epochMs: number) => Math.floor((epochMs - t0) / 1000);

    await sleepUntil(t0 + 5_000);
    const [land] = live.pids('land');
    const landKilledAt = Date.now();
    process.kill(land!, 'SIGKILL');
    const landSeconds = await secondsToFullAnswers(live.gatewayUrl, landKilledAt);

    await sleepUntil(t0 + 15_000);
    const postmaster = postmasterPid(DATA_DIR);
    const databaseKilledAt = Date.now();
    process.kill(postmaster, 'SIGKILL');
    const databaseSeconds = await secondsToFullAnswers(live.gatewayUrl, databaseKilledAt);
    const databaseBackAt = Date.now();

    const { exit, result } = await load.finished();
    await writer.stop();
    expect(exit).toEqual({ code: 0, signal: null });
    if (result === undefined) throw new Error('the load printed no summary');
    let found: Set<string>;
    try {
      found = await writeTarget.stored(writer.acknowledged);
    } finally {
      await writeTarget.close();
    }

    const landOutage = answersBetween(result, second(landKilledAt), second(landKilledAt + landSeconds * 1000));
    const databaseOutage = answersBetween(result, second(databaseKilledAt), second(databaseBackAt));
    report('subgraphKilled', { subgraph: 'land', secondsToFullAnswers: landSeconds, answersDuringOutage: landOutage.answers, partialDuringOutage: landOutage.partial });
    report('postgresKilled', {
      secondsToFullAnswers: databaseSeconds,
      answersDuringOutage: databaseOutage.answers,
      partialDuringOutage: databaseOutage.partial,
      writesAcknowledged: writer.acknowledged.length,
      writesFound: found.size,
      writesRefused: writer.failed(),
    });
    report('load', { requests: result.requests, non2xx: result.non2xx, connectionErrors: result.errors, timeouts: result.timeouts, errorCodes: result.errorCodes });

    // Each came back by itself, within the target, and only it was restarted.
    expect(landSeconds).toBeLessThan(FULL_ANSWERS_WITHIN_S);
    expect(databaseSeconds).toBeLessThan(FULL_ANSWERS_WITHIN_S);
    expect(live.pids('land')).toHaveLength(2);
    expect(live.pids('postgres').length).toBeGreaterThanOrEqual(2);
    expect(Object.fromEntries([...SUBGRAPH_NAMES.filter((name) => name !== 'land'), GATEWAY.name].map((name) => [name, live.pids(name).length])))
      .toEqual({ projects: 1, companies: 1, workforce: 1, gateway: 1 });
    expect(live.stderr.filter((line) => /exited unexpectedly/.test(line))).toEqual([
      expect.stringMatching(/^\[supervisor\]\s+land exited unexpectedly \(signal SIGKILL\); restarting in 250 ms$/),
      ...live.pids('postgres').slice(1).map(() => expect.stringMatching(/^\[supervisor\]\s+postgres exited unexpectedly \(code 1\); restarting in \d+ ms$/)),
    ]);
    expect(live.stdout.filter((line) => /is back/.test(line))).toEqual([
      expect.stringMatching(/^\[supervisor\]\s+land is back \(pid \d+\), \d+\.\d s after it went down$/),
      expect.stringMatching(/^\[supervisor\]\s+postgres is back \(pid \d+\), \d+\.\d s after it went down$/),
    ]);

    // Degraded answers meanwhile, each error naming what was missing; never a failed request.
    expect({ non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts, unreadable: result.unreadable }).toEqual({ non2xx: 0, errors: 0, timeouts: 0, unreadable: 0 });
    expect(Object.keys(result.errorCodes).filter((code) => !['SUBGRAPH_UNAVAILABLE', 'DATABASE_UNAVAILABLE', 'DATABASE_TIMEOUT'].includes(code))).toEqual([]);
    expect(landOutage.partial).toBeGreaterThan(0);
    expect(databaseOutage.partial).toBeGreaterThan(0);
    // Whole again from the second after the database was back to the load's end.
    expect(result.timeline.filter((slot) => slot.second > second(databaseBackAt) + 1 && slot.second < 30 && slot.withErrors > 0)).toEqual([]);

    // Every write the gateway acknowledged is there: some during the outage were refused, none lost.
    expect(writer.acknowledged.length).toBeGreaterThan(0);
    expect(writer.failed()).toBeGreaterThan(0);
    expect(writer.acknowledged.filter((token) => !found.has(token))).toEqual([]);
  }, 120_000);

  it('stops every process on SIGINT, leaves every port free and exits 0', async () => {
    const live = stack!;
    const pids = [...live.allPids(), postmasterPid(DATA_DIR)];
    const stoppingAt = Date.now();
    live.process.kill('SIGINT');
    const exit = await live.process.exited;
    report('sigint', { secondsToStop: (Date.now() - stoppingAt) / 1000, exit });

    expect(exit).toEqual<ProcessExit>({ code: 0, signal: null });
    expect(live.stdout.at(-1)).toBe('Stopped.');
    expect(pids.filter(alive)).toEqual([]);
    const ports = Object.values(live.ports);
    expect(await Promise.all(ports.map(portFree))).toEqual(ports.map(() => true));
  }, 60_000);

  it('gives up on a subgraph that dies at once on every start, with one message naming it, and stops with status 1', async () => {
    await stack?.process.stop(60_000);
    const live = await startSupervised();
    stack = live;
    // Another program takes land's port the moment land is killed: every restart fails to listen.
    const [land] = live.pids('land');
    const killedAt = Date.now();
    process.kill(land!, 'SIGKILL');
    const squatter = await occupy(live.ports.land);
    try {
      const exit = await live.process.exited;
      const pids = live.allPids();
      report('crashLoop', { subgraph: 'land', starts: live.pids('land').length, secondsToStackStopped: (Date.now() - killedAt) / 1000, exit });

      expect(exit).toEqual<ProcessExit>({ code: 1, signal: null });
      const givingUp = live.stderr.filter((line) => /giving up/.test(line));
      expect(givingUp).toEqual([expect.stringMatching(/^\[supervisor\]\s+giving up on land: it crashed 5 times within 60 s \(last: code 1\)$/)]);
      // Why, quoted from land's stderr under the message.
      expect(live.stderr.slice(live.stderr.indexOf(givingUp[0]!) + 1).join('\n')).toMatch(/^ {4}.*EADDRINUSE/m);
      expect(live.pids('land')).toHaveLength(5);
      expect(live.stdout.at(-1)).toBe('Stopped after a failure.');
      expect(pids.filter(alive)).toEqual([]);
      const ports = Object.entries(live.ports).filter(([name]) => name !== 'land').map(([, port]) => port);
      expect(await Promise.all(ports.map(portFree))).toEqual(ports.map(() => true));
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  }, 240_000);
});
