import { GraphQLError } from 'graphql';
import { MaxLength, Min, ValidateNested } from 'class-validator';
import type { DataSource, QueryRunner } from 'typeorm';
import { createDataSource, RequestDatabase } from '@azg/core/database';
import { AreaUnit, Qualifier } from '@azg/core/figures';
import { ANONYMOUS, type Identity } from '@azg/core/identity';
import { CursorCodec } from '@azg/core/pagination';
import { detachedRequestInfo } from '@azg/core/server';
import { addVersionColumn, AreaFigureInput, type AuditLogArgs, CountFigureInput, createWriteTables, MoneyFigureInput, partialDateFromInput, PartialDateInput, readAuditLog, runWrite, textArray, validateArguments, type WriteContext } from '@azg/core/writes';
import { startTestDatabase } from './support/stack';
import type { Database } from '@azg/scripts/database';

/**
 * The core of every mutation, against a real PostgreSQL: one transaction, the version check,
 * idempotency keys under concurrency, and the append-only audit log. A scratch schema stands in
 * for a subgraph's, with one versioned table.
 */
const SCHEMA = 'writes_core_test';
const EDITOR: Identity = { subject: 'editor-1', role: 'editor', source: 'api-key', keyId: 'key-1' };
const OTHER_EDITOR: Identity = { subject: 'editor-2', role: 'editor', source: 'jwt' };

let database: Database;
let dataSource: DataSource;

function context(identity: Identity = EDITOR, requestId = 'request-1'): WriteContext {
  return { db: new RequestDatabase(dataSource), identity, request: detachedRequestInfo(requestId) };
}

/** What a GraphQL error from `promise` says: its code and extensions. */
async function refusal(promise: Promise<unknown>): Promise<{ code: unknown; field?: unknown; message: string; currentVersion?: unknown }> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return { message: error.message, ...(error.extensions as { code: unknown }) };
  }
  throw new Error('expected the write to be refused');
}

async function rows(sql: string, parameters: unknown[] = []): Promise<Array<Record<string, unknown>>> {
  return dataSource.query(sql, parameters);
}

/**
 * Renames thing-1 at `version`. With `pauseMs`, the write waits inside its transaction before
 * it touches the row, so that two writes started together are surely in flight at once.
 */
const renameThing = (name: string, version: number, key?: string, identity?: Identity, pauseMs = 0) =>
  runWrite(context(identity), { operation: 'renameThing', idempotencyKey: key, input: { id: 'thing-1', version, name } }, async (tx) => {
    if (pauseMs > 0) await tx.query('SELECT pg_sleep($1)', [pauseMs / 1000]);
    const { before, after } = await tx.updateVersioned<{ version: number; name: string }>(`${SCHEMA}.thing`, 'thing-1', version, { name }, { label: 'thing' });
    await tx.audit({ recordType: 'Thing', recordId: 'thing-1', before: { name: before.name, version: before.version }, after: { name: after.name, version: after.version } });
    return { name: after.name, version: after.version };
  });

beforeAll(async () => {
  database = await startTestDatabase({ prepare: false });
  dataSource = createDataSource({ url: database.url, schema: SCHEMA, migrations: [] });
  await dataSource.initialize();
  await dataSource.query(`CREATE SCHEMA ${SCHEMA}`);
  const queryRunner = { query: (sql: string, parameters?: unknown[]) => dataSource.query(sql, parameters) } as unknown as QueryRunner;
  await createWriteTables(queryRunner, SCHEMA);
  await dataSource.query(`CREATE TABLE ${SCHEMA}.thing (id text PRIMARY KEY, name text NOT NULL, tags text[] NOT NULL DEFAULT '{}')`);
  await addVersionColumn(queryRunner, `${SCHEMA}.thing`);
});

afterAll(async () => {
  await dataSource?.destroy();
  await database?.stop();
});

beforeEach(async () => {
  // The log refuses DELETE and TRUNCATE; the test clears it by switching its triggers off.
  await dataSource.query(`SET session_replication_role = replica`);
  await dataSource.query(`TRUNCATE ${SCHEMA}.audit_log, ${SCHEMA}.idempotency_keys, ${SCHEMA}.thing`);
  await dataSource.query(`SET session_replication_role = DEFAULT`);
  await dataSource.query(`INSERT INTO ${SCHEMA}.thing (id, name) VALUES ('thing-1', 'first')`);
});

describe('runWrite and updateVersioned', () => {
  it('updates a row at the version read, moves the version on and records who, when and what in the log', async () => {
    const result = await renameThing('second', 1);

    expect(result).toEqual({ name: 'second', version: 2 });
    expect(await rows(`SELECT name, version FROM ${SCHEMA}.thing`)).toEqual([{ name: 'second', version: 2 }]);
    expect(await rows(`SELECT actor_subject, actor_role, actor_key_id, request_id, operation, record_type, record_id, before, after FROM ${SCHEMA}.audit_log`)).toEqual([{
      actor_subject: 'editor-1', actor_role: 'editor', actor_key_id: 'key-1', request_id: 'request-1', operation: 'renameThing',
      record_type: 'Thing', record_id: 'thing-1', before: { name: 'first', version: 1 }, after: { name: 'second', version: 2 },
    }]);
  });

  it('refuses an update naming a version the row has moved on from, with the current version', async () => {
    await renameThing('second', 1);

    expect(await refusal(renameThing('third', 1))).toMatchObject({ code: 'CONFLICT', field: 'version', currentVersion: 2 });
    expect(await rows(`SELECT name, version FROM ${SCHEMA}.thing`)).toEqual([{ name: 'second', version: 2 }]);
  });

  it('lets exactly one of two concurrent updates of the same version win; the other gets CONFLICT', async () => {
    const outcomes = await Promise.allSettled([renameThing('left', 1, undefined, EDITOR, 200), renameThing('right', 1, undefined, EDITOR, 200)]);

    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const lost = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0]!.reason as GraphQLError).extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const [stored] = await rows(`SELECT name, version FROM ${SCHEMA}.thing`);
    expect(stored).toEqual({ name: (won[0] as PromiseFulfilledResult<{ name: string }>).value.name, version: 2 });
    expect(await rows(`SELECT count(*)::int AS entries FROM ${SCHEMA}.audit_log`)).toEqual([{ entries: 1 }]);
  });

  it('answers NOT_FOUND naming the field for a row that does not exist, and a bad version as BAD_USER_INPUT', async () => {
    const missing = runWrite(context(), { operation: 'renameThing', input: {} }, (tx) =>
      tx.updateVersioned(`${SCHEMA}.thing`, 'no-such-thing', 1, { name: 'x' }, { field: 'input.thingId', label: 'thing' }));
    expect(await refusal(missing)).toMatchObject({ code: 'NOT_FOUND', field: 'input.thingId', message: 'No thing has the id "no-such-thing"' });
    expect(await refusal(renameThing('x', 0))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'version' });
  });

  it('writes text[] columns from textArray and jsonb from plain arrays', async () => {
    await runWrite(context(), { operation: 'tagThing', input: {} }, (tx) =>
      tx.updateVersioned(`${SCHEMA}.thing`, 'thing-1', 1, { tags: textArray(['a "quoted" tag', 'b\\c']) }));
    expect(await rows(`SELECT tags FROM ${SCHEMA}.thing`)).toEqual([{ tags: ['a "quoted" tag', 'b\\c'] }]);
  });

  it('leaves nothing written when the write fails halfway: neither the rows, nor the log, nor the key', async () => {
    const failing = runWrite(context(), { operation: 'renameThing', idempotencyKey: 'k-fail', input: { n: 1 } }, async (tx) => {
      await tx.updateVersioned(`${SCHEMA}.thing`, 'thing-1', 1, { name: 'changed' });
      await tx.insert(`${SCHEMA}.thing`, { id: 'thing-2', name: 'new' });
      await tx.audit({ recordType: 'Thing', recordId: 'thing-2', before: null, after: { name: 'new' } });
      // The second row write of the thing breaks a constraint, as a bug or a race would.
      await tx.insert(`${SCHEMA}.thing`, { id: 'thing-2', name: 'again' });
    });

    await expect(failing).rejects.toThrow();
    expect(await rows(`SELECT id, name, version FROM ${SCHEMA}.thing`)).toEqual([{ id: 'thing-1', name: 'first', version: 1 }]);
    expect(await rows(`SELECT count(*)::int AS entries FROM ${SCHEMA}.audit_log`)).toEqual([{ entries: 0 }]);
    expect(await rows(`SELECT count(*)::int AS keys FROM ${SCHEMA}.idempotency_keys`)).toEqual([{ keys: 0 }]);
  });

  it('refuses anonymous callers and partners before touching the database', async () => {
    expect(await refusal(renameThing('x', 1, undefined, ANONYMOUS))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await refusal(renameThing('x', 1, undefined, { subject: 'p', role: 'partner', source: 'api-key' }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await rows(`SELECT version FROM ${SCHEMA}.thing`)).toEqual([{ version: 1 }]);
  });
});

describe('idempotency keys', () => {
  it('runs a key sent twice at once once: one write, one log entry, the same result to both', async () => {
    const results = await Promise.all([renameThing('retried', 1, 'key-a', EDITOR, 200), renameThing('retried', 1, 'key-a', EDITOR, 200)]);

    expect(results[0]).toEqual({ name: 'retried', version: 2 });
    expect(results[1]).toEqual(results[0]);
    expect(await rows(`SELECT name, version FROM ${SCHEMA}.thing`)).toEqual([{ name: 'retried', version: 2 }]);
    expect(await rows(`SELECT count(*)::int AS entries FROM ${SCHEMA}.audit_log`)).toEqual([{ entries: 1 }]);
  });

  it('returns the first result to a later retry even after the record moved on', async () => {
    const first = await renameThing('retried', 1, 'key-b');
    await renameThing('moved-on', 2);

    expect(await renameThing('retried', 1, 'key-b')).toEqual(first);
    expect(await rows(`SELECT name, version FROM ${SCHEMA}.thing`)).toEqual([{ name: 'moved-on', version: 3 }]);
  });

  it('refuses the same key with another input, or for another operation, with CONFLICT on idempotencyKey', async () => {
    await renameThing('one', 1, 'key-c');

    expect(await refusal(renameThing('two', 1, 'key-c'))).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
    const otherOperation = runWrite(context(), { operation: 'tagThing', idempotencyKey: 'key-c', input: { id: 'thing-1', version: 1, name: 'one' } }, async () => 'x');
    expect(await refusal(otherOperation)).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
  });

  it('keeps each caller\'s keys apart', async () => {
    await renameThing('mine', 1, 'shared-key');
    expect(await refusal(renameThing('mine', 1, 'shared-key', OTHER_EDITOR))).toMatchObject({ code: 'CONFLICT', field: 'version' });
  });

  it('refuses a key that is empty or too long', async () => {
    expect(await refusal(renameThing('x', 1, ''))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
    expect(await refusal(renameThing('x', 1, 'k'.repeat(201)))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
  });
});

class Inner {
  @Min(0)
  value!: number;
}

class Outer {
  @MaxLength(5)
  name!: string;

  @ValidateNested()
  inner!: Inner;

  @ValidateNested({ each: true })
  items!: Inner[];
}

function outer(name: string, inner: number, items: number[]): Outer {
  return Object.assign(new Outer(), {
    name,
    inner: Object.assign(new Inner(), { value: inner }),
    items: items.map((value) => Object.assign(new Inner(), { value })),
  });
}

describe('input validation', () => {
  const write = (input: Outer) => runWrite(context(), { operation: 'validate', input: { input } }, async () => 'written');

  it('names the failing field by its path from the argument', async () => {
    expect(await refusal(write(outer('too long', 1, [])))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    expect(await refusal(write(outer('ok', -1, [])))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.inner.value', message: 'input.inner.value must not be less than 0' });
    expect(await refusal(write(outer('ok', 1, [1, -2])))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.items[1].value' });
    await expect(write(outer('ok', 1, [1]))).resolves.toBe('written');
  });
});

describe('the shared figure inputs', () => {
  const figure = <T extends object>(type: new () => T, values: Partial<T>): T => Object.assign(new type(), values);
  const failure = async (promise: Promise<unknown>) => refusal(promise);

  it('refuse a negative amount, count or area, naming the field', async () => {
    expect(await failure(validateArguments({ investment: figure(MoneyFigureInput, { tenge: '-1', qualifier: Qualifier.EXACT }) })))
      .toMatchObject({ code: 'BAD_USER_INPUT', field: 'investment.tenge' });
    expect(await failure(validateArguments({ jobs: figure(CountFigureInput, { value: -3, qualifier: Qualifier.EXACT }) })))
      .toMatchObject({ code: 'BAD_USER_INPUT', field: 'jobs.value' });
    expect(await failure(validateArguments({ area: figure(AreaFigureInput, { value: '-2.5', unit: AreaUnit.HECTARE, qualifier: Qualifier.EXACT }) })))
      .toMatchObject({ code: 'BAD_USER_INPUT', field: 'area.value' });
    await expect(validateArguments({ area: figure(AreaFigureInput, { value: '2.5', unit: AreaUnit.HECTARE, qualifier: Qualifier.EXACT }) })).resolves.toBeUndefined();
  });

  it('refuse a date that is malformed or out of range, naming the field', async () => {
    const date = (text: string) => async () => partialDateFromInput(figure(PartialDateInput, { text, bound: 'IN' as PartialDateInput['bound'] }), [], 'input.due.text');
    expect(await failure(date('2021-02-30')())).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.due.text' });
    expect(await failure(date('2101')())).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.due.text' });
    expect(await failure(date('1989-Q4')())).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.due.text' });
    await expect(date('2021-Q4')()).resolves.toMatchObject({ year: 2021, quarter: 4, precision: 'QUARTER' });
  });
});

describe('the audit log', () => {
  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await renameThing('second', 1);
    await expect(dataSource.query(`UPDATE ${SCHEMA}.audit_log SET actor_subject = 'someone-else'`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`DELETE FROM ${SCHEMA}.audit_log`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`TRUNCATE ${SCHEMA}.audit_log`)).rejects.toThrow(/append-only/);
    expect(await rows(`SELECT actor_subject FROM ${SCHEMA}.audit_log`)).toEqual([{ actor_subject: 'editor-1' }]);
  });

  it('pages the log in the order written, filtered by record, author and time', async () => {
    const db = new RequestDatabase(dataSource);
    const codec = new CursorCodec('x'.repeat(32));
    const info = { fieldNodes: [], fragments: {} };
    await renameThing('a', 1);
    await renameThing('b', 2, undefined, OTHER_EDITOR);
    const [{ now: between }] = await rows('SELECT clock_timestamp() AS now') as Array<{ now: Date }>;
    await renameThing('c', 3);
    const read = (args: Partial<AuditLogArgs>) =>
      readAuditLog(db, { newestFirst: false, ...args } as AuditLogArgs, { connection: 'Query.testAuditLog', codec, info });
    const names = (page: Awaited<ReturnType<typeof read>>) => page.nodes.map((entry) => (entry.after as { name: string }).name);

    const first = await read({ first: 2 });
    expect(names(first)).toEqual(['a', 'b']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await read({ first: 2, after: first.pageInfo.endCursor });
    expect(names(second)).toEqual(['c']);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect(names(await read({ newestFirst: true }))).toEqual(['c', 'b', 'a']);
    expect(names(await read({ filter: { author: 'editor-2' } }))).toEqual(['b']);
    expect(names(await read({ filter: { recordType: 'Thing', recordId: 'thing-1' } }))).toEqual(['a', 'b', 'c']);
    expect(names(await read({ filter: { recordId: 'thing-9' } }))).toEqual([]);
    expect(names(await read({ filter: { from: between } }))).toEqual(['c']);
    expect(names(await read({ filter: { to: between } }))).toEqual(['a', 'b']);
  });
});
