/**
 * The change stream, end to end on a private stack with a database of its own: the outbox
 * records a write in its own transaction and nothing for a rolled-back one; positions come in
 * commit order, so a follower reading "after the last position" under concurrent writers misses
 * none; the long poll wakes on a commit, also after the database restarted; the feed is closed
 * to anyone but the graph's services; a snapshot plus replay converges to the table; and the
 * consumer runtime resumes from its checkpoint after a stop, a crash of its source and a
 * database restart, applying every change exactly once in effect, a replayed batch included.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool, type PoolClient } from 'pg';
import { DataSource, type QueryRunner } from 'typeorm';
import {
  applyChangeBatch, createChangeCheckpoints, serviceSigner, startChangeConsumer,
  type ChangeEvent, type ChangeHandler, type ChangePage, type SnapshotPage,
} from '@azg/core/changes';
import { IDENTITY_HEADER, signIdentity } from '@azg/core/identity';
import { quietObservability, type Observability } from '@azg/core/observability';
import type { SqlRunner } from '@azg/core/database';
import { startStack, type Stack } from './support/stack';

jest.setTimeout(180_000);

let stack: Stack;
let pool: Pool;
let sign: ReturnType<typeof serviceSigner>;
/** A planned-jobs figure as the table's check accepts it, with the count given. */
let plannedFigure: (value: number) => string;
let ids = 0;
const nextId = () => `change-stream-${(ids += 1)}`;

beforeAll(async () => {
  stack = await startStack({ embeddedDatabase: true, keepLogs: true });
  pool = new Pool({ connectionString: stack.databaseUrl, max: 12 });
  // The database restarts in one test: an idle connection's failure then is expected.
  pool.on('error', () => undefined);
  sign = serviceSigner('projects', stack.identitySecret);
  const [{ planned }] = (await pool.query<{ planned: Record<string, unknown> }>('SELECT planned FROM workforce.project_jobs WHERE planned IS NOT NULL LIMIT 1')).rows as [{ planned: Record<string, unknown> }];
  plannedFigure = (value) => JSON.stringify({ ...planned, value });
});

afterAll(async () => {
  await pool?.end();
  await stack?.stop();
});

/** GETs a feed document of `source`, signed as the projects service; status and body. */
async function feed<T>(path: string, query: Record<string, string>, headers?: Record<string, string>): Promise<{ status: number; body: T }> {
  const target = `${path}?${new URLSearchParams(query).toString()}`;
  const response = await fetch(new URL(target, stack.subgraphUrls.workforce), {
    headers: headers ?? { [IDENTITY_HEADER]: sign({ method: 'GET', target, body: '' }) },
  });
  return { status: response.status, body: (await response.json()) as T };
}

const changes = (after: string, extra: Record<string, string> = {}) => feed<ChangePage>('/changes', { after, ...extra });

async function head(): Promise<string> {
  return (await changes('0', { limit: '1' })).body.head;
}

async function insertJobs(db: Pool | PoolClient, id: string, planned: number): Promise<void> {
  await db.query('INSERT INTO workforce.project_jobs (project_id, planned) VALUES ($1, $2::jsonb)', [id, plannedFigure(planned)]);
}

async function outboxRowsOf(db: Pool | PoolClient, id: string): Promise<Array<{ operation: string; state: { planned: number } | null }>> {
  return (await db.query('SELECT operation, state FROM workforce.change_outbox WHERE entity_id = $1 ORDER BY position', [id])).rows;
}

/** Every event after `after` up to the head as it is once reached, page by page. */
async function readAll(after: string): Promise<ChangeEvent[]> {
  const events: ChangeEvent[] = [];
  for (;;) {
    const page = (await changes(after, { limit: '50' })).body;
    events.push(...page.events);
    if (page.events.length === 0) return events;
    after = page.events[page.events.length - 1]!.position;
  }
}

describe('the outbox', () => {
  it('records a committed write once, in its own transaction, and a rolled-back write never', async () => {
    const committed = nextId();
    const rolledBack = nextId();
    const writer = await pool.connect();
    try {
      await writer.query('BEGIN');
      await insertJobs(writer, committed, 10);
      expect(await outboxRowsOf(writer, committed)).toHaveLength(1);
      expect(await outboxRowsOf(pool, committed)).toHaveLength(0);
      await writer.query('COMMIT');

      await writer.query('BEGIN');
      await insertJobs(writer, rolledBack, 10);
      await writer.query('ROLLBACK');
    } finally {
      writer.release();
    }
    expect(await outboxRowsOf(pool, committed)).toEqual([{ operation: 'UPSERT', state: expect.objectContaining({ projectId: committed, planned: 10, created: null }) }]);
    expect(await outboxRowsOf(pool, rolledBack)).toEqual([]);

    // An update that changes no published column records nothing; one that does, and a delete, do.
    await pool.query('UPDATE workforce.project_jobs SET updated_at = now() WHERE project_id = $1', [committed]);
    await pool.query('UPDATE workforce.project_jobs SET planned = $2::jsonb WHERE project_id = $1', [committed, plannedFigure(11)]);
    await pool.query('DELETE FROM workforce.project_jobs WHERE project_id = $1', [committed]);
    expect((await outboxRowsOf(pool, committed)).map((row) => [row.operation, row.state?.planned ?? null])).toEqual([['UPSERT', 10], ['UPSERT', 11], ['DELETE', null]]);
  });

  it('hands out positions in commit order: a follower under concurrent writers sees every one, none twice', async () => {
    const start = await head();
    let writing = true;
    const seen: string[] = [];
    const follower = (async () => {
      let after = start;
      while (writing || after !== (await head())) {
        const page = (await changes(after, { limit: '7', wait: '200' })).body;
        for (const event of page.events) seen.push(event.position);
        if (page.events.length > 0) after = page.events[page.events.length - 1]!.position;
      }
    })();
    // 8 writers, each committing 12 transactions that sleep a random while between their write and their commit.
    await Promise.all(Array.from({ length: 8 }, async () => {
      for (let round = 0; round < 12; round += 1) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await insertJobs(client, nextId(), round);
          await client.query('SELECT pg_sleep($1)', [Math.random() * 0.02]);
          if (Math.random() < 0.15) await client.query('ROLLBACK');
          else await client.query('COMMIT');
        } finally {
          client.release();
        }
      }
    }));
    writing = false;
    await follower;
    const table = (await pool.query<{ position: string }>('SELECT o.position::text FROM workforce.change_outbox o WHERE o.position > $1 ORDER BY o.position', [start])).rows.map((row) => row.position);
    expect(table.length).toBeGreaterThan(50);
    expect(seen).toEqual(table);
  });

  it('wakes a waiting long poll when a write commits', async () => {
    const after = await head();
    const waitMs = 8_000;
    const started = Date.now();
    const polled = changes(after, { wait: String(waitMs) });
    await sleep(300);
    const id = nextId();
    await insertJobs(pool, id, 5);
    const { status, body } = await polled;
    expect(status).toBe(200);
    expect(body.events.map((event) => event.id)).toEqual([id]);
    expect(Date.now() - started).toBeLessThan(waitMs);
  });
});

describe('the feed', () => {
  it('answers only the graph\'s own services, and names what is wrong with a request', async () => {
    const unsigned = await feed<{ errors: Array<{ extensions: { code: string } }> }>('/changes', { after: '0' }, {});
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');

    const target = '/changes?after=0';
    const client = { [IDENTITY_HEADER]: signIdentity({ identity: { subject: 'editor-1', role: 'editor', source: 'api-key' }, requestId: 't', method: 'GET', target, body: '' }, stack.identitySecret) };
    expect((await feed('/changes', { after: '0' }, client)).status).toBe(401);

    const bad = await feed<{ errors: Array<{ extensions: { code: string } }> }>('/changes', { after: 'latest' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect((await feed('/changes/snapshot', { entity: 'Company' })).status).toBe(400);
  });

  it('gives a snapshot that, with the events after its head replayed, converges to the table while writes run', async () => {
    const live = Array.from({ length: 12 }, nextId);
    for (const id of live) await insertJobs(pool, id, 1);
    let writing = true;
    const writer = (async () => {
      for (let round = 0; writing || round < 40; round += 1) {
        const id = live[Math.floor(Math.random() * live.length)]!;
        const exists = (await pool.query('SELECT 1 FROM workforce.project_jobs WHERE project_id = $1', [id])).rowCount === 1;
        if (!exists) await insertJobs(pool, id, round);
        else if (Math.random() < 0.2) await pool.query('DELETE FROM workforce.project_jobs WHERE project_id = $1', [id]);
        else await pool.query('UPDATE workforce.project_jobs SET planned = $2::jsonb WHERE project_id = $1', [id, plannedFigure(round)]);
        await sleep(2);
      }
    })();

    const model = new Map<string, unknown>();
    let snapshotHead: string | undefined;
    let after = '';
    for (;;) {
      const page = (await feed<SnapshotPage>('/changes/snapshot', { entity: 'ProjectJobs', after, limit: '3' })).body;
      snapshotHead ??= page.head;
      if (page.rows.length === 0) break;
      for (const row of page.rows) model.set(row.id, row.state);
      after = page.rows[page.rows.length - 1]!.id;
      await sleep(5);
    }
    writing = false;
    await writer;
    for (const event of await readAll(snapshotHead!)) {
      if (event.operation === 'DELETE') model.delete(event.id);
      else model.set(event.id, event.state);
    }
    const table = (await pool.query<{ id: string; state: unknown }>('SELECT r.project_id AS id, workforce.change_state_project_jobs(r) AS state FROM workforce.project_jobs r')).rows;
    expect(Object.fromEntries(model)).toEqual(Object.fromEntries(table.map((row) => [row.id, row.state])));
  });
});

describe('the consumer runtime', () => {
  const SCHEMA = 'change_stream_test';
  let dataSource: DataSource;

  /**
   * Records each event it applies under its position and id (a second apply counts up `times`;
   * a rebuild's rows all carry the head's position, each its own id), and keeps the jobs by id.
   */
  const handler: ChangeHandler = {
    source: 'workforce',
    entities: ['ProjectJobs'],
    async apply(db: SqlRunner, events) {
      for (const event of events) {
        await db.query(
          `INSERT INTO ${SCHEMA}.applied (position, id, lag_ms) VALUES ($1::bigint, $2, extract(epoch FROM clock_timestamp() - $3::timestamptz) * 1000)
           ON CONFLICT (position, id) DO UPDATE SET times = applied.times + 1`,
          [event.position, event.id, event.committedAt],
        );
        if (event.operation === 'DELETE') await db.query(`DELETE FROM ${SCHEMA}.jobs WHERE id = $1`, [event.id]);
        else await db.query(`INSERT INTO ${SCHEMA}.jobs (id, state) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state`, [event.id, event.state]);
      }
    },
    async reset(db) {
      await db.query(`DELETE FROM ${SCHEMA}.jobs`);
    },
  };

  const observability: Observability = quietObservability('test');
  const consumer = (waitMs = 2_000) => startChangeConsumer({
    schema: SCHEMA,
    handlers: [handler],
    dataSource,
    sourceUrl: () => stack.subgraphUrls.workforce,
    sign,
    logger: observability.logger,
    metrics: observability.metrics,
    waitMs,
    batchSize: 5,
  });

  /** The positions after `after` the handler applied, each with how many times. */
  const appliedAfter = async (after: string) => (await pool.query<{ position: string; times: number }>(
    `SELECT a.position::text, a.times FROM ${SCHEMA}.applied a WHERE a.position > $1 ORDER BY a.position`,
    [after],
  )).rows;
  const outboxAfter = async (after: string) => (await pool.query<{ position: string }>(
    'SELECT o.position::text FROM workforce.change_outbox o WHERE o.position > $1 ORDER BY o.position',
    [after],
  )).rows.map((row) => row.position);
  const checkpoint = async () => (await pool.query<{ position: string }>(`SELECT position::text FROM ${SCHEMA}.change_checkpoint WHERE source = 'workforce'`)).rows[0]!.position;

  const writeSome = async (count: number) => {
    for (let index = 0; index < count; index += 1) await insertJobs(pool, nextId(), index);
  };

  beforeAll(async () => {
    dataSource = new DataSource({ type: 'postgres', url: stack.databaseUrl });
    await dataSource.initialize();
    await pool.query(`CREATE SCHEMA ${SCHEMA}`);
    await createChangeCheckpoints({ query: (sql: string) => pool.query(sql) } as unknown as QueryRunner, SCHEMA);
    await pool.query(`CREATE TABLE ${SCHEMA}.applied (position bigint NOT NULL, id text NOT NULL, times int NOT NULL DEFAULT 1, lag_ms float8 NOT NULL, PRIMARY KEY (position, id))`);
    await pool.query(`CREATE TABLE ${SCHEMA}.jobs (id text PRIMARY KEY, state jsonb NOT NULL)`);
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('rebuilds from the snapshot on its first start, then resumes after a stop from its checkpoint, applying every change once', async () => {
    const first = consumer();
    const rebuiltAt = await first.caughtUp('workforce');
    const rows = async () => (await pool.query<{ id: string; state: unknown }>(`SELECT id, state FROM ${SCHEMA}.jobs ORDER BY id`)).rows;
    const table = async () => (await pool.query<{ id: string; state: unknown }>('SELECT r.project_id AS id, workforce.change_state_project_jobs(r) AS state FROM workforce.project_jobs r ORDER BY r.project_id')).rows;
    expect(await rows()).toEqual(await table());

    // Stopped while writes keep coming, then more writes while it is down.
    const writes = writeSome(30);
    await sleep(50);
    await first.stop();
    await writes;
    await writeSome(20);

    const second = consumer();
    await second.caughtUp('workforce');
    await second.stop();
    const applied = await appliedAfter(rebuiltAt);
    expect(applied.map((row) => row.position)).toEqual(await outboxAfter(rebuiltAt));
    expect(applied.filter((row) => row.times !== 1)).toEqual([]);
    expect(await rows()).toEqual(await table());

    const lags = (await pool.query<{ p50: number; p99: number }>(`SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY lag_ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY lag_ms) AS p99 FROM ${SCHEMA}.applied WHERE position > $1`, [rebuiltAt])).rows[0]!;
    process.stderr.write(`change stream apply lag over ${applied.length} events: p50 ${lags.p50.toFixed(1)} ms, p99 ${lags.p99.toFixed(1)} ms\n`);
    const lagMetric = await observability.metrics.registry.getSingleMetricAsString('azg_change_apply_lag_seconds');
    // Every stream event applied was timed (the rebuild's rows are not events), under its source.
    const counted = lagMetric.split('\n').find((line) => line.startsWith('azg_change_apply_lag_seconds_count') && line.includes('source="workforce"'));
    expect(counted?.split(' ').pop()).toBe(String(applied.length));
  });

  it('treats a replayed batch as a no-op, and two replicas apply each change once', async () => {
    const from = await checkpoint();
    await writeSome(6);
    const batch = (await changes(from)).body.events;
    expect(batch).toHaveLength(6);
    const last = batch[batch.length - 1]!.position;
    expect(await applyChangeBatch({ schema: SCHEMA, dataSource }, handler, batch)).toBe(last);
    expect(await applyChangeBatch({ schema: SCHEMA, dataSource }, handler, batch)).toBe(last);
    const times = async (after: string) => (await pool.query<{ times: number }>(`SELECT times FROM ${SCHEMA}.applied WHERE position > $1`, [after])).rows.map((row) => row.times);
    expect(await times(from)).toEqual([1, 1, 1, 1, 1, 1]);

    const replicas = [consumer(500), consumer(500)];
    await writeSome(25);
    await Promise.all(replicas.map((replica) => replica.caughtUp('workforce')));
    await Promise.all(replicas.map((replica) => replica.stop()));
    const after = await times(last);
    expect(after).toHaveLength(25);
    expect(after.every((count) => count === 1)).toBe(true);
  });

  it('rides out a crash of its source: it retries, then applies what was written meanwhile, once', async () => {
    const from = await checkpoint();
    const running = consumer(1_000);
    await stack.killService('workforce');
    await writeSome(15);
    await sleep(500);
    await stack.startService('workforce');
    await running.caughtUp('workforce');
    await running.stop();
    const applied = await appliedAfter(from);
    expect(applied.map((row) => row.position)).toEqual(await outboxAfter(from));
    expect(applied.every((row) => row.times === 1)).toBe(true);
  });

  it('rides out a database restart, and the feed listens again', async () => {
    const from = await checkpoint();
    const running = consumer(1_000);
    await writeSome(3);
    await running.caughtUp('workforce');
    await stack.stopDatabase();
    await sleep(300);
    await stack.startDatabase();
    await writeSome(10);
    await running.caughtUp('workforce');
    await running.stop();
    const applied = await appliedAfter(from);
    expect(applied.map((row) => row.position)).toEqual(await outboxAfter(from));
    expect(applied.every((row) => row.times === 1)).toBe(true);

    // The LISTEN connection came back: a long poll is woken by a commit again.
    const deadline = Date.now() + 30_000;
    while (!stack.logLines('workforce').some((line) => line.includes('the change feed listens again')) && Date.now() < deadline) await sleep(100);
    expect(stack.logLines('workforce').some((line) => line.includes('the change feed listens again'))).toBe(true);
    const polled = changes(await head(), { wait: '8000' });
    await sleep(300);
    const id = nextId();
    await insertJobs(pool, id, 1);
    expect((await polled).body.events.map((event) => event.id)).toEqual([id]);
  });
});
