import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { optionalString, port } from '@azg/core/config';
import { type EmbeddedOptions, type EmbeddedServer, startEmbeddedPostgres } from '@azg/dev/embedded-postgres';
import { DataSource } from 'typeorm';
import { NodeProcess } from './processes';
import type { ProcessDefinition, SupervisedProcess } from './supervisor';
import { EMBEDDED_DATA_DIR, EMBEDDED_DEFAULT_PORT, scriptPath } from './repository';

/**
 * The database of a run: the server DATABASE_URL names, or an embedded PostgreSQL.
 *
 * As a program it starts an embedded server and stays up until SIGTERM/SIGINT (or until its stdin
 * ends, with `--watch-stdin`, so it dies with the process that started it):
 *
 *   node scripts/dist/database.js --data-dir .data/postgres --port 54329 [--watch-stdin] [--verbose]
 *     prints `DATABASE_URL=postgres://...` once the server accepts connections
 *   DATABASE_URL=postgres://... node scripts/dist/database.js --recreate azg_test
 *     drops and creates that database on the same server, prints its `DATABASE_URL=...`
 */
export interface Database {
  url: string;
  /** For the banner: where the data lives, with no password. */
  description: string;
  /** The process serving an embedded database; absent when DATABASE_URL named the server. */
  process?: NodeProcess;
  stop(): Promise<void>;
}

/** Process events embedded-postgres (through async-exit-hook) listens to as soon as it is loaded. */
const EXIT_HOOK_EVENTS: readonly string[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message'];

// process.listeners() is typed per event; these events are handled alike, as plain emitter events.
const emitter = process as unknown as NodeJS.EventEmitter;

/**
 * Starts an embedded server in this process. embedded-postgres installs process-wide handlers
 * that stop the server and exit on the first SIGINT/SIGTERM, and with code 0 whenever the event
 * loop drains; the caller owns shutdown here, so those handlers are taken off again (its `exit`
 * handler stays: it still stops the server if this process dies another way).
 */
export async function startEmbeddedDatabase(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const before = new Map(EXIT_HOOK_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
  try {
    return await startEmbeddedPostgres(options);
  } finally {
    for (const event of EXIT_HOOK_EVENTS) {
      for (const listener of emitter.listeners(event)) {
        if (!before.get(event)!.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
  }
}

/** `url` without its password, for printing. */
export function redactedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '';
  return parsed.toString();
}

/**
 * Drops database `name` (closing its connections) and creates it on the server `serverUrl`
 * points at: empty, or a copy of database `template` (which nobody may be connected to);
 * returns its URL. Connects to the server's `postgres` database to do it, so `serverUrl` may
 * name a database that does not exist yet.
 */
export async function recreateDatabase(serverUrl: string, name: string, template?: string): Promise<string> {
  for (const plain of [name, template ?? name]) {
    if (!/^[a-z_][a-z0-9_]*$/.test(plain)) throw new Error(`not a plain database name: ${plain}`);
  }
  const maintenance = new URL(serverUrl);
  maintenance.pathname = '/postgres';
  const admin = new DataSource({ type: 'postgres', url: maintenance.toString(), applicationName: 'azg-recreate-database' });
  await admin.initialize();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"${template === undefined ? '' : ` TEMPLATE "${template}"`}`);
  } finally {
    await admin.destroy();
  }
  const target = new URL(serverUrl);
  target.pathname = `/${name}`;
  return target.toString();
}

export interface DatabaseProcessOptions {
  dataDir: string;
  port: number;
  /** See `NodeProcessOptions.ownProcessGroup`. */
  ownProcessGroup?: boolean;
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  timeoutMs?: number;
}

/** Starts this file's program serving an embedded server; `databaseUrlOf` waits until it accepts connections. */
export function spawnDatabaseProcess(options: DatabaseProcessOptions): NodeProcess {
  return new NodeProcess({
    name: 'database',
    script: scriptPath('database.js'),
    args: ['--data-dir', options.dataDir, '--port', String(options.port), '--watch-stdin'],
    pipeStdin: true,
    ownProcessGroup: options.ownProcessGroup,
    onLine: options.onLine,
  });
}

/** The URL the database process announces once its server accepts connections. */
export async function databaseUrlOf(child: NodeProcess, timeoutMs = 120_000): Promise<string> {
  const [, url = ''] = await child.waitForLine(/^DATABASE_URL=(\S+)$/, timeoutMs);
  return url;
}

function describeEmbedded(url: string, dataDir: string): string {
  return `embedded PostgreSQL at ${redactedUrl(url)} (data in ${dataDir})`;
}

/** How long the embedded server may take to stop (a checkpoint) before it is killed. */
const DATABASE_STOP_GRACE_MS = 30_000;

/** Starts an embedded server in a child process (this file's program) and waits until it accepts connections. */
export async function startDatabaseProcess(options: DatabaseProcessOptions): Promise<Database & { process: NodeProcess }> {
  const child = spawnDatabaseProcess(options);
  let url: string;
  try {
    url = await databaseUrlOf(child, options.timeoutMs);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return {
    url,
    description: describeEmbedded(url, options.dataDir),
    process: child,
    stop: async () => {
      await child.stop(DATABASE_STOP_GRACE_MS);
    },
  };
}

/** Puts a process under the caller's supervision (`npm start`'s): started again whenever it dies. */
export type Supervise = (definition: ProcessDefinition) => SupervisedProcess;

/**
 * The database `npm start` uses: DATABASE_URL when set, else the embedded server kept in
 * EMBEDDED_DATA_DIR (`.data/postgres`) on PGPORT_EMBEDDED (54329), run in its own process
 * group so that a Ctrl-C reaches only the orchestrator, which stops Postgres last. With
 * `supervise`, the embedded server is restarted whenever it dies (see `serve`); `process` is then
 * the one running now.
 */
export async function resolveDatabase(
  env: Record<string, string | undefined> = process.env,
  onLine?: DatabaseProcessOptions['onLine'],
  supervise?: Supervise,
): Promise<Database> {
  const url = optionalString('DATABASE_URL', env);
  if (url !== undefined) return { url, description: `PostgreSQL at ${redactedUrl(url)} (DATABASE_URL)`, stop: async () => undefined };
  const options: DatabaseProcessOptions = {
    dataDir: EMBEDDED_DATA_DIR,
    port: port('PGPORT_EMBEDDED', EMBEDDED_DEFAULT_PORT, env),
    ownProcessGroup: true,
    onLine,
  };
  if (supervise === undefined) return startDatabaseProcess(options);
  let announced: string | undefined;
  const server = supervise({
    name: 'postgres',
    spawn: () => spawnDatabaseProcess(options),
    ready: async (child) => {
      announced = await databaseUrlOf(child, options.timeoutMs);
    },
    stopGraceMs: DATABASE_STOP_GRACE_MS,
  });
  await server.firstReady;
  return {
    url: announced!,
    description: describeEmbedded(announced!, options.dataDir),
    get process() {
      return server.current ?? undefined;
    },
    stop: () => server.stop(),
  };
}

/**
 * How often the database process checks that its server still runs. embedded-postgres keeps the
 * server's child process to itself, so the check is on the postmaster's pid (postmaster.pid).
 */
const POSTMASTER_CHECK_MS = 250;

/** The postmaster's pid, from the first line of the lock file it writes in its data directory. */
export function postmasterPid(dataDir: string): number {
  const pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no postmaster pid in ${dataDir}/postmaster.pid`);
  return pid;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user (the postgres user when this runs as root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Serves an embedded server until SIGTERM/SIGINT (or the end of stdin). If the server dies on its
 * own (a `kill -9` of the postmaster, an out-of-memory kill), this process says so and exits 1, so
 * that whoever supervises it starts it again: Postgres then replays its WAL on the same data, and
 * every write it acknowledged is kept.
 */
async function serve(options: EmbeddedOptions & { watchStdin: boolean }): Promise<void> {
  let server: EmbeddedServer | null = null;
  let stopping = false;
  let watch: NodeJS.Timeout | undefined;
  const exitOnceStopped = (running: EmbeddedServer) => running.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`database: stop failed: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
  const stop = () => {
    if (stopping) return;
    stopping = true;
    clearInterval(watch);
    // Before the server is up, the start in progress stops it once it is.
    if (server) void exitOnceStopped(server);
  };
  // Listening before the URL is announced: a caller that stops the server as soon as it has the
  // URL must not find SIGTERM's default action (dying at once, leaving the postmaster running).
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  if (options.watchStdin) {
    process.stdin.on('end', stop);
    process.stdin.on('error', stop);
    process.stdin.resume();
  }
  server = await startEmbeddedDatabase(options);
  if (stopping) {
    await exitOnceStopped(server);
    return;
  }
  const pid = postmasterPid(path.resolve(options.dataDir));
  watch = setInterval(() => {
    if (stopping || isRunning(pid)) return;
    stopping = true;
    process.stderr.write(`database: the PostgreSQL server (pid ${pid}) exited on its own\n`);
    process.exit(1);
  }, POSTMASTER_CHECK_MS);
  process.stdout.write(`DATABASE_URL=${server.url}\n`);
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'watch-stdin': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      recreate: { type: 'string' },
    },
  });
  if (values.recreate !== undefined) {
    const serverUrl = optionalString('DATABASE_URL');
    if (serverUrl === undefined) throw new Error('--recreate needs DATABASE_URL to name the server');
    process.stdout.write(`DATABASE_URL=${await recreateDatabase(serverUrl, values.recreate)}\n`);
    return;
  }
  await serve({
    dataDir: values['data-dir'] ?? EMBEDDED_DATA_DIR,
    port: port('port', EMBEDDED_DEFAULT_PORT, { port: values.port }),
    verbose: values.verbose,
    watchStdin: values['watch-stdin'],
  });
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    const cause = (error as Error).cause;
    process.stderr.write(`database: ${(error as Error).message}${cause ? ` (${String(cause)})` : ''}\n`);
    process.exit(1);
  });
}
