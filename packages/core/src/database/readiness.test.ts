import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { readDatabaseSettings } from './data-source';
import { checkDatabaseReady } from './readiness';
import { databaseFailureOf } from '../errors/database-errors';
import { maskUnexpectedError } from '../errors/errors';

class CreateProject1700000000000 {}
class AddPlots1700000000001 {}

/** A data source whose migrations table holds `applied`, or whose query does what `query` says. */
function dataSource(query: () => Promise<unknown>): DataSource {
  return {
    options: { schema: 'projects' },
    migrations: [new CreateProject1700000000000(), new AddPlots1700000000001()],
    query,
  } as unknown as DataSource;
}

const applied = (...names: string[]) => async () => names.map((name) => ({ name }));

describe('checkDatabaseReady', () => {
  it('is ready when every migration the service ships is recorded as applied', async () => {
    await expect(checkDatabaseReady(dataSource(applied('CreateProject1700000000000', 'AddPlots1700000000001')))).resolves.toBeUndefined();
  });

  it('is not ready while a migration is pending, and names it', async () => {
    await expect(checkDatabaseReady(dataSource(applied('CreateProject1700000000000')))).rejects.toThrow('migrations not applied: AddPlots1700000000001');
  });

  it('is not ready before any migration ran (no migrations table)', async () => {
    const missing = async () => {
      throw Object.assign(new Error('relation "projects.migrations" does not exist'), { code: '42P01' });
    };
    await expect(checkDatabaseReady(dataSource(missing))).rejects.toThrow('migrations not applied: "projects"."migrations" does not exist');
  });

  it('is not ready when the database refuses connections, and says so without an address', async () => {
    const refused = async () => {
      throw Object.assign(new Error('connect ECONNREFUSED 10.1.2.3:5432'), { code: 'ECONNREFUSED' });
    };
    await expect(checkDatabaseReady(dataSource(refused))).rejects.toThrow(/^database unreachable: ECONNREFUSED$/);
  });

  it('is not ready when the database does not answer in time', async () => {
    const hangs = () => new Promise<never>(() => undefined);
    const started = Date.now();
    await expect(checkDatabaseReady(dataSource(hangs), 200)).rejects.toThrow('database did not answer within 200 ms');
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('databaseFailureOf', () => {
  it.each([
    ['a cancelled statement (statement_timeout)', { driverError: { code: '57014' } }, 'timeout'],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'unavailable'],
    ['a server shutting down', { driverError: { code: '57P01' } }, 'unavailable'],
    ['a server starting up', { driverError: { code: '57P03' } }, 'unavailable'],
    ['a lost connection', new Error('Connection terminated unexpectedly'), 'unavailable'],
    ['a full pool', new Error('timeout exceeded when trying to connect'), 'unavailable'],
    ['too many connections', { driverError: { code: '53300' } }, 'unavailable'],
  ])('recognises %s', (_case, error, failure) => {
    expect(databaseFailureOf(error)).toBe(failure);
    expect(databaseFailureOf(new GraphQLError('wrapped', { originalError: error as Error }))).toBe(failure);
  });

  it.each([
    ['a missing table', { driverError: { code: '42P01' } }],
    ['a bug', new TypeError('cannot read properties of undefined')],
    ['nothing', undefined],
  ])('does not blame the database for %s', (_case, error) => {
    expect(databaseFailureOf(error)).toBeNull();
  });
});

describe('maskUnexpectedError', () => {
  const formatted = { message: 'connect ECONNREFUSED 10.1.2.3:5432', extensions: { code: 'INTERNAL_SERVER_ERROR' } };

  it('says the database is unavailable, or too slow, without its words', () => {
    expect(maskUnexpectedError(formatted, new GraphQLError('x', { originalError: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) })))
      .toEqual({ message: 'The database is unavailable; try again shortly', extensions: { code: 'DATABASE_UNAVAILABLE' } });
    expect(maskUnexpectedError(formatted, { driverError: { code: '57014', message: 'canceling statement due to statement timeout' } }))
      .toEqual({ message: 'The database took too long to answer', extensions: { code: 'DATABASE_TIMEOUT' } });
  });

  it('masks anything else as before', () => {
    expect(maskUnexpectedError(formatted, new Error('relation "x" does not exist'))).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(maskUnexpectedError(formatted)).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});

describe('readDatabaseSettings', () => {
  it('defaults to a pool of 10, 3 s statements and 2 s to connect, and reads each variable', () => {
    expect(readDatabaseSettings({})).toEqual({ poolSize: 10, statementTimeoutMs: 3000, connectTimeoutMs: 2000 });
    expect(readDatabaseSettings({ DB_POOL_SIZE: '4', DB_STATEMENT_TIMEOUT_MS: '750', DB_CONNECT_TIMEOUT_MS: '100' }))
      .toEqual({ poolSize: 4, statementTimeoutMs: 750, connectTimeoutMs: 100 });
    expect(() => readDatabaseSettings({ DB_POOL_SIZE: '0' })).toThrow('DB_POOL_SIZE must be a whole number from 1 to 1000, got "0"');
  });
});
