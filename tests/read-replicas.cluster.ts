/**
 * Read replicas, through the gateway, against a real PostgreSQL primary and a real streaming
 * standby of it (see support/streaming-replica.ts for why the test makes its own pair): the four
 * subgraphs run with DATABASE_URL = the primary and DATABASE_READ_URL = the standby.
 *
 * Where a statement ran is read from the projects subgraph's own metrics
 * (`azg_db_routed_statements_total{target}`), and seen in the data: with the standby's replay
 * paused, a write is on the primary only, so whoever reads the old value read the standby.
 */
import { dataOf, type GraphQLBody } from './support/graphql';
import { eventually } from './support/eventually';
import { createKey, withKey } from './support/keys';
import { startStack, type Stack } from './support/stack';
import { startStreamingPair, type StreamingPair } from './support/streaming-replica';
import { Client } from 'pg';
import { prepareDatabase } from '@azg/scripts/prepare';

/** Long enough that a read just after a write is surely within it on a busy machine; short enough to wait out. */
const MAX_LAG_MS = 4_000;
const PROJECT = 'valtherm-radiator-plant';
const TOKEN_HEADER = 'x-azg-read-after';

let pair: StreamingPair;
let stack: Stack;
let editor: string;
let otherEditor: string;

/** POSTs an operation to the gateway and returns its status, body and the consistency token it gave, if any. */
async function post(query: string, headers: Record<string, string> = {}): Promise<{ status: number; body: GraphQLBody<Record<string, any>>; token: string | null }> {
  const response = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
    signal: AbortSignal.timeout(60_000),
  });
  return { status: response.status, body: await response.json() as GraphQLBody<Record<string, any>>, token: response.headers.get(TOKEN_HEADER) };
}

/** The project's name and version, as `headers`' caller reads it through the gateway. */
async function readProject(headers: Record<string, string> = {}): Promise<{ name: string; version: number }> {
  const { status, body } = await post(`{ project(id: "${PROJECT}") { name version } }`, headers);
  return dataOf({ status, body }).project as { name: string; version: number };
}

/** Renames the project as the editor; returns the answer's token. */
async function rename(name: string, headers = withKey(editor)): Promise<string | null> {
  const { version } = await readProject(headers);
  const { status, body, token } = await post(`mutation { updateProject(id: "${PROJECT}", version: ${version}, input: { name: "${name}" }) { name } }`, headers);
  expect(dataOf({ status, body })).toEqual({ updateProject: { name } });
  return token;
}

/** One of the projects subgraph's metric values (0 when the series is not there yet). */
async function projectsMetric(name: string, labels: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', stack.subgraphUrls.projects))).text();
  const line = text.split('\n').find((each) => each.startsWith(`${name}{`) && each.includes(labels));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
}

/** Statements the projects subgraph ran on the primary and on the replica, so far. */
async function routed(): Promise<{ primary: number; replica: number }> {
  return {
    primary: await projectsMetric('azg_db_routed_statements_total', 'target="primary"'),
    replica: await projectsMetric('azg_db_routed_statements_total', 'target="replica"'),
  };
}

/** What `work` made the projects subgraph run on the primary and on the replica. */
async function routedBy(work: () => Promise<unknown>): Promise<{ primary: number; replica: number }> {
  const before = await routed();
  await work();
  const after = await routed();
  return { primary: after.primary - before.primary, replica: after.replica - before.replica };
}

/** Waits until the projects subgraph's monitor reports the standby up (1) or down (0). */
async function replicaUp(expected: 0 | 1): Promise<void> {
  await eventually(async () => expect(await projectsMetric('azg_db_replica_up', 'replica=')).toBe(expected), 30_000);
}

/** Waits until an anonymous read of the project is answered by the standby alone. */
async function readsFromReplica(): Promise<void> {
  await eventually(async () => expect(await routedBy(() => readProject())).toEqual({ primary: 0, replica: expect.any(Number) as number }), 30_000);
  expect((await routedBy(() => readProject())).replica).toBeGreaterThan(0);
}

beforeAll(async () => {
  pair = await startStreamingPair();
  await prepareDatabase(pair.primary.url);
  await pair.caughtUp();
  stack = await startStack({
    databaseUrl: pair.primary.url,
    env: { DATABASE_READ_URL: pair.standby.url, REPLICA_CHECK_MS: '100', REPLICA_MAX_LAG_MS: String(MAX_LAG_MS), DB_POOL_SIZE: '4' },
    // Answers must come from the subgraphs each time, not from the gateway's cache of anonymous reads.
    gatewayEnv: { RESPONSE_CACHE: 'off' },
  });
  editor = await createKey(pair.primary.url, 'replica-editor', 'editor');
  otherEditor = await createKey(pair.primary.url, 'replica-other-editor', 'editor');
  await replicaUp(1);
}, 300_000);

afterAll(async () => {
  await stack?.stop();
  await pair?.stop();
});

afterEach(async () => {
  // Whatever a test did to the standby, the next starts with it running and replaying.
  if (!pair) return;
  await pair.standby.start().catch(() => undefined);
  await pair.resumeReplay().catch(() => undefined);
});

it('answers queries from the standby, and runs a mutation wholly on the primary', async () => {
  await readsFromReplica();
  const write = await routedBy(() => post(
    `mutation { changeProjectStatus(id: "${PROJECT}", version: 999, input: { status: OPERATING }) { id } }`, withKey(editor),
  ));
  // A refused write (stale version) still read the row, under lock, in its transaction: on the primary.
  expect(write).toEqual({ primary: expect.any(Number) as number, replica: 0 });
  expect(write.primary).toBeGreaterThan(0);
});

it('lets the writer read its write while the standby has not replayed it; others read the standby until it is too far behind', async () => {
  await readsFromReplica();
  const before = await readProject();
  await pair.pauseReplay();
  const token = await rename('Renamed while the standby is paused');
  expect(token).toMatch(/^projects:[0-9A-F]+\/[0-9A-F]+$/);

  // The standby has not the write: an anonymous reader, and another editor without the token, read the old name there.
  expect(await readProject()).toEqual(before);
  expect(await readProject(withKey(otherEditor))).toEqual(before);
  // The writer reads its own write (the gateway remembers its position), and so does anyone who carries the token.
  expect((await readProject(withKey(editor))).name).toBe('Renamed while the standby is paused');
  expect((await readProject({ [TOKEN_HEADER]: token! })).name).toBe('Renamed while the standby is paused');
  expect((await readProject({ ...withKey(otherEditor), [TOKEN_HEADER]: token! })).name).toBe('Renamed while the standby is paused');

  // Past REPLICA_MAX_LAG_MS behind, the standby is not read: everyone reads the primary's fresh data.
  await eventually(async () => expect((await readProject()).name).toBe('Renamed while the standby is paused'), MAX_LAG_MS + 30_000);
  expect(await routedBy(() => readProject())).toEqual({ primary: expect.any(Number) as number, replica: 0 });

  // Replay resumed: the standby catches up and answers again.
  await pair.resumeReplay();
  await pair.caughtUp();
  await readsFromReplica();
  expect((await readProject()).name).toBe('Renamed while the standby is paused');
});

it('refuses a consistency token it never gave with 400 BAD_USER_INPUT', async () => {
  for (const token of ['projects', 'projects:0/zz', 'nowhere:0/1', 'projects:0/1,']) {
    const { status, body } = await post(`{ project(id: "${PROJECT}") { name } }`, { [TOKEN_HEADER]: token });
    expect(status).toBe(400);
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  }
});

it('keeps answering whole from the primary when the standby goes away, in-flight reads included, and reads it again once back', async () => {
  await readsFromReplica();
  const expected = await readProject();
  const query = `{ projects(first: 20) { totalCount edges { node { id name } } } project(id: "${PROJECT}") { name version } }`;
  const whole = dataOf(await post(query));

  // Reads held in flight on the standby when it goes: an ACCESS EXCLUSIVE lock taken on the
  // primary is replayed on the standby, where their statements wait for it.
  const fallbacksBefore = await projectsMetric('azg_db_replica_fallbacks_total', 'reason="gone"');
  const locker = new Client({ connectionString: pair.primary.url });
  await locker.connect();
  let answers: Array<Awaited<ReturnType<typeof post>>>;
  try {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE projects.project IN ACCESS EXCLUSIVE MODE');
    // The lock's WAL record is streamed once flushed, and nothing else flushes it while the
    // transaction is open: a WAL switch does, then the standby replays it and holds the lock.
    await pair.primary.query('SELECT pg_switch_wal()');
    await pair.caughtUp();
    const inFlight = Array.from({ length: 3 }, () => post(query));
    await eventually(async () => {
      const [{ waiting }] = await pair.standby.query<{ waiting: number }>(
        "SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE application_name = 'azg-projects' AND wait_event_type = 'Lock'",
      );
      expect(waiting).toBeGreaterThan(0);
    }, 30_000);
    // Stopped as a crash would stop it; the primary's lock goes only after, so the reads cannot have finished there first.
    await pair.standby.stop('immediate');
    await locker.query('ROLLBACK');
    answers = await Promise.all(inFlight);
  } finally {
    await locker.end();
  }
  for (const answer of answers) {
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toEqual(whole);
  }
  // They were on the standby when it went: run again on the primary, unseen by the client.
  expect(await projectsMetric('azg_db_replica_fallbacks_total', 'reason="gone"')).toBeGreaterThan(fallbacksBefore);
  await replicaUp(0);

  // Down: reads and writes on the primary, without an error.
  expect(await routedBy(() => readProject())).toEqual({ primary: expect.any(Number) as number, replica: 0 });
  expect(await readProject()).toEqual(expected);
  await rename('Renamed while the standby is down');
  expect((await readProject()).name).toBe('Renamed while the standby is down');

  // Back: it catches up and is read from again.
  await pair.standby.start();
  await replicaUp(1);
  await readsFromReplica();
  expect((await readProject()).name).toBe('Renamed while the standby is down');
});
