import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '@azg/scripts/database';
import { freePort } from '@azg/scripts/processes';
import { SUBGRAPH_NAMES, type SubgraphName } from '@azg/core/registry';
import { postGraphQL } from './graphql';
import {
  EMBEDDED_TEST_ROOT, linePrinter, prepareTemplateDatabase, readLogFile, startEmbeddedTestDatabase, startStack, TEST_SERVER_VARIABLE,
  type Stack, type StackProcessName,
} from './stack';

/**
 * One stack for the whole e2e run, started by the e2e global setup and stopped by the global
 * teardown, so that the files that only need "a stack with the document's data" do not each
 * spend seconds starting Postgres, four subgraphs and a gateway.
 *
 * The rule that keeps it shared: at the start and end of every file its database holds the
 * document's data, and nothing another file can see differs from it. A file on the shared stack
 * - reads; or
 * - writes only what no other file's answer shows: API keys and their audit (access schema); or
 * - puts back what it changed before it ends (batching and language-and-figures remove their
 *   synthetic rows; the seed test's hand-changed name is restored by the seed it tests).
 * A file that changes the document's records (roles: versions, members, plots of the document's
 * projects), stops or kills a process, or needs other settings (public reading off, short
 * timeouts, its own database to stop) starts a private stack with `startStack` and says why in
 * one comment. The e2e files run one at a time (in band), so a file's writes are never seen
 * while it runs either.
 */
const SHARED_STACK_VARIABLE = 'AZG_SHARED_STACK';
const SHARED_DATABASE = 'azg_shared';
/** Migrated and seeded once per run; the shared stack's and every prepared test database are copies. */
const TEMPLATE_DATABASE = 'azg_template';

/** What the setup publishes to the test files (through the environment jest passes on). */
interface SharedStackAddress {
  gatewayUrl: string;
  databaseUrl: string;
  subgraphUrls: Record<SubgraphName, string>;
  identitySecret: string;
  jwtSecret: string;
  jwtIssuer: string;
  pids: Record<StackProcessName, number>;
  logDirectory: string;
}

/** The shared stack as a test file sees it: its processes are not the file's to stop or restart. */
export interface SharedStack extends Stack {
  /** AZG_JWT_SECRET of the shared gateway, for tests that sign bearer tokens. */
  jwtSecret: string;
  /** AZG_JWT_ISSUER of the shared gateway. */
  jwtIssuer: string;
}

/** What the setup keeps to stop the stack and its database server in the teardown. */
interface RunningSharedStack {
  stack: Stack;
  server?: Database;
  logDirectory: string;
}

// globalSetup and globalTeardown run in jest's own process, outside any test's sandbox: the
// module-level state of one is not the other's (each is loaded afresh), but the global object is.
const RUNNING = Symbol.for('azg.sharedStack');
type GlobalWithStack = typeof globalThis & { [RUNNING]?: RunningSharedStack };

/**
 * Called by the e2e global setup: starts the run's database server (an embedded cluster, unless
 * DATABASE_URL names one), prepares the template database on it, starts the shared stack on a
 * copy, and publishes all three to the test files.
 */
export async function startSharedStack(): Promise<void> {
  const printer = linePrinter(process.env.AZG_TEST_LOGS === '1');
  let server: Database | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    server = await startEmbeddedTestDatabase(printer, path.join(EMBEDDED_TEST_ROOT, 'shared'), await freePort());
    serverUrl = server.url;
    process.env[TEST_SERVER_VARIABLE] = serverUrl;
  }
  const logDirectory = mkdtempSync(path.join(os.tmpdir(), 'azg-shared-stack-logs-'));
  // A JWT secret changes nothing for callers without a bearer token, and lets the access test
  // check bearer tokens on the shared stack.
  const jwt = { AZG_JWT_SECRET: randomBytes(32).toString('hex'), AZG_JWT_ISSUER: 'azg-tests' };
  let stack: Stack;
  try {
    await prepareTemplateDatabase(serverUrl, TEMPLATE_DATABASE);
    stack = await startStack({ databaseName: SHARED_DATABASE, logDirectory, gatewayEnv: jwt });
  } catch (error) {
    await server?.stop();
    rmSync(logDirectory, { recursive: true, force: true });
    throw error;
  }
  (globalThis as GlobalWithStack)[RUNNING] = { stack, server, logDirectory };
  const pids = Object.fromEntries(
    (['gateway', ...SUBGRAPH_NAMES] as StackProcessName[]).map((name) => [name, stack.process(name)!.child.pid!]),
  ) as Record<StackProcessName, number>;
  const address: SharedStackAddress = {
    gatewayUrl: stack.gatewayUrl,
    databaseUrl: stack.databaseUrl,
    subgraphUrls: stack.subgraphUrls,
    identitySecret: stack.identitySecret,
    jwtSecret: jwt.AZG_JWT_SECRET,
    jwtIssuer: jwt.AZG_JWT_ISSUER,
    pids,
    logDirectory,
  };
  process.env[SHARED_STACK_VARIABLE] = JSON.stringify(address);
}

/** Called by the global teardown: stops the shared stack and its database server, if this run started them. */
export async function stopSharedStack(): Promise<void> {
  const running = (globalThis as GlobalWithStack)[RUNNING];
  if (running === undefined) return;
  delete (globalThis as GlobalWithStack)[RUNNING];
  await running.stack.stop();
  await running.server?.stop();
  rmSync(running.logDirectory, { recursive: true, force: true });
}

/** Whether process `pid` is alive (signal 0 checks without sending anything). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function notYours(what: string): never {
  throw new Error(`${what}: the shared stack is every file's; a test that stops or restarts processes starts a private stack (startStack)`);
}

/** The run's shared stack, for a test file; `stop()` does nothing (the global teardown stops it). */
export function sharedStack(): SharedStack {
  const published = process.env[SHARED_STACK_VARIABLE];
  if (published === undefined) throw new Error('no shared stack: the e2e tests run in the e2e jest project (npm run test:e2e), whose global setup starts it');
  const address = JSON.parse(published) as SharedStackAddress;
  return {
    gatewayUrl: address.gatewayUrl,
    databaseUrl: address.databaseUrl,
    subgraphUrls: address.subgraphUrls,
    identitySecret: address.identitySecret,
    jwtSecret: address.jwtSecret,
    jwtIssuer: address.jwtIssuer,
    query: (query, variables, headers) => postGraphQL(address.gatewayUrl, query, variables, headers),
    stopService: async () => notYours('stopService'),
    killService: async () => notYours('killService'),
    startService: async () => notYours('startService'),
    stopGateway: async () => notYours('stopGateway'),
    startGateway: async () => notYours('startGateway'),
    stopDatabase: async () => notYours('stopDatabase'),
    startDatabase: async () => notYours('startDatabase'),
    process: () => undefined,
    running: (name) => isAlive(address.pids[name]),
    logLines: (name) => readLogFile(path.join(address.logDirectory, `${name}.log`)),
    stop: async () => undefined,
  };
}
