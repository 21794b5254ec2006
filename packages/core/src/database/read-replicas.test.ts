import { DataSource, QueryFailedError } from 'typeorm';
import { LagEstimator, ReadReplicas, readReplicaSettings, replicaFailure, replicaName, type ReplicaPool } from './read-replicas';
import { RequestDatabase } from './request-database';
import { formatWalPosition, parseWalPosition } from './wal-position';

describe('WAL positions', () => {
  it('reads and writes Postgres\'s text form, comparing as 64-bit positions', () => {
    expect(parseWalPosition('0/3000148')).toBe(0x3000148n);
    expect(parseWalPosition('16/B374D848')).toBe((0x16n << 32n) | 0xB374D848n);
    expect(parseWalPosition('1/0')! > parseWalPosition('0/FFFFFFFF')!).toBe(true);
    expect(formatWalPosition(parseWalPosition('16/b374d848')!)).toBe('16/B374D848');
    for (const bad of ['', '0', '0/', '/1', '0/123456789', 'x/1', '0/1/2', '-1/0']) expect(parseWalPosition(bad)).toBeUndefined();
  });
});

describe('LagEstimator', () => {
  it('knows nothing before the first sample', () => {
    expect(new LagEstimator(10_000).lagMs(5n, 1_000)).toBeUndefined();
  });

  it('counts an idle primary with a caught-up replica as no lag, however long since the last write', () => {
    const lag = new LagEstimator(10_000);
    lag.record(100n, 0);
    for (let at = 500; at <= 60_000; at += 500) lag.record(100n, at);
    expect(lag.lagMs(100n, 60_000)).toBe(0);
    // A replica read after the primary's sample may be past it.
    expect(lag.lagMs(120n, 60_000)).toBe(0);
  });

  it('measures a replica behind as the time since the primary was first seen past its position', () => {
    const lag = new LagEstimator(10_000);
    lag.record(100n, 0);
    lag.record(100n, 500);
    lag.record(200n, 1_000);
    lag.record(300n, 1_500);
    lag.record(300n, 2_000);
    expect(lag.lagMs(100n, 2_000)).toBe(1_000);
    expect(lag.lagMs(150n, 2_000)).toBe(1_000);
    expect(lag.lagMs(200n, 2_000)).toBe(500);
    expect(lag.lagMs(299n, 2_500)).toBe(1_000);
    // It keeps growing while the replica stays where it is, with no new sample.
    expect(lag.lagMs(100n, 9_000)).toBe(8_000);
  });

  it('forgets samples older than it keeps, but never the newest', () => {
    const lag = new LagEstimator(1_000);
    lag.record(100n, 0);
    lag.record(200n, 100);
    lag.record(300n, 5_000);
    // Older than every kept sample: at least as far behind as the oldest kept one.
    expect(lag.lagMs(50n, 5_000)).toBe(0);
    expect(lag.lagMs(50n, 6_000)).toBe(1_000);
    lag.record(300n, 20_000);
    expect(lag.lagMs(300n, 20_000)).toBe(0);
  });
});

describe('readReplicaSettings', () => {
  it('has no replicas and the documented defaults when nothing is set', () => {
    expect(readReplicaSettings({})).toEqual({ urls: [], checkMs: 500, maxLagMs: 2_000 });
  });

  it('reads several comma-separated URLs', () => {
    const settings = readReplicaSettings({ DATABASE_READ_URL: 'postgres://a:1/db, postgresql://b/db,', REPLICA_CHECK_MS: '100', REPLICA_MAX_LAG_MS: '0' });
    expect(settings).toEqual({ urls: ['postgres://a:1/db', 'postgresql://b/db'], checkMs: 100, maxLagMs: 0 });
  });

  it('refuses what is not a postgres URL, naming the variable', () => {
    expect(() => readReplicaSettings({ DATABASE_READ_URL: 'http://a/db' })).toThrow(/DATABASE_READ_URL/);
    expect(() => readReplicaSettings({ DATABASE_READ_URL: 'not a url' })).toThrow(/DATABASE_READ_URL/);
    expect(() => readReplicaSettings({ REPLICA_CHECK_MS: 'soon' })).toThrow(/REPLICA_CHECK_MS/);
  });

  it('names a replica without its password', () => {
    expect(replicaName('postgres://reader:secret@replica-1:6432/azg')).toBe('replica-1:6432/azg');
  });
});

describe('replicaFailure', () => {
  const pgError = (code: string, message: string) => new QueryFailedError('SELECT 1', [], Object.assign(new Error(message), { code }));

  it('sends a read to the primary when the replica or its connection went away', () => {
    expect(replicaFailure(pgError('57P01', 'terminating connection due to administrator command'))).toBe('gone');
    expect(replicaFailure(pgError('08006', 'connection failure'))).toBe('gone');
    expect(replicaFailure(new QueryFailedError('SELECT 1', [], Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })))).toBe('gone');
    expect(replicaFailure(new QueryFailedError('SELECT 1', [], new Error('Connection terminated unexpectedly')))).toBe('gone');
  });

  it('sends it there too when replay cancelled it', () => {
    expect(replicaFailure(pgError('40001', 'canceling statement due to conflict with recovery'))).toBe('conflict');
  });

  it('leaves the statement\'s own failures to the caller: they would fail on the primary as well', () => {
    expect(replicaFailure(pgError('22P02', 'invalid input syntax for type integer'))).toBeUndefined();
    expect(replicaFailure(pgError('57014', 'canceling statement due to statement timeout'))).toBeUndefined();
    expect(replicaFailure(pgError('40001', 'could not serialize access due to concurrent update'))).toBeUndefined();
  });
});

/** A replica's pool that answers checks with `replayed` (or fails them), and statements with `rows`. */
class FakePool implements ReplicaPool {
  replayed: string | null = '0/100';
  standby = true;
  fail: Error | undefined;
  statements: string[] = [];

  async query(text: string | { text: string }): Promise<{ rows: Record<string, unknown>[]; command?: string }> {
    const sql = typeof text === 'string' ? text : text.text;
    if (this.fail) throw this.fail;
    if (sql.includes('pg_last_wal_replay_lsn')) return { rows: [{ standby: this.standby, replayed: this.replayed }] };
    this.statements.push(sql);
    return { rows: [{ from: 'replica' }], command: 'SELECT' };
  }
}

function replicaSet(count: number, options: { maxLagMs?: number } = {}) {
  const pools = Array.from({ length: count }, () => new FakePool());
  let primary = 0x100n;
  let now = 0;
  const replicas = new ReadReplicas({
    replicas: pools.map((pool, index) => ({ name: `replica-${index}`, pool })),
    settings: { checkMs: 100, maxLagMs: options.maxLagMs ?? 1_000 },
    primaryPosition: async () => primary,
    now: () => now,
  });
  return {
    pools,
    replicas,
    setPrimary: (position: bigint) => (primary = position),
    advance: (ms: number) => (now += ms),
  };
}

describe('ReadReplicas', () => {
  it('reads from no replica before it has answered a check', () => {
    const { replicas } = replicaSet(1);
    expect(replicas.choose()).toBeUndefined();
  });

  it('takes the usable replicas in turn', async () => {
    const { replicas } = replicaSet(3);
    await replicas.check();
    expect([1, 2, 3, 4].map(() => replicas.choose()?.name)).toEqual(['replica-0', 'replica-1', 'replica-2', 'replica-0']);
  });

  it('passes over a replica that did not answer its last check, and takes it back once it does', async () => {
    const { replicas, pools } = replicaSet(2);
    pools[0]!.fail = new Error('connect ECONNREFUSED');
    await replicas.check();
    expect([1, 2, 3].map(() => replicas.choose()?.name)).toEqual(['replica-1', 'replica-1', 'replica-1']);
    pools[0]!.fail = undefined;
    await replicas.check();
    expect(new Set([1, 2].map(() => replicas.choose()?.name))).toEqual(new Set(['replica-0', 'replica-1']));
  });

  it('passes over a server that is not a standby', async () => {
    const { replicas, pools } = replicaSet(1);
    pools[0]!.standby = false;
    await replicas.check();
    expect(replicas.choose()).toBeUndefined();
  });

  it('passes over a replica more than REPLICA_MAX_LAG_MS behind, and takes it back when it catches up', async () => {
    const { replicas, pools, setPrimary, advance } = replicaSet(1, { maxLagMs: 1_000 });
    await replicas.check();
    setPrimary(0x200n);
    advance(100);
    await replicas.check();
    // Behind by as much as the limit (since the primary was first seen past it): still read.
    advance(1_000);
    expect(replicas.choose()?.name).toBe('replica-0');
    advance(1);
    expect(replicas.choose()).toBeUndefined();
    pools[0]!.replayed = '0/200';
    await replicas.check();
    expect(replicas.choose()?.name).toBe('replica-0');
  });

  it('reads after a position only from a replica known to have replayed it', async () => {
    const { replicas, pools } = replicaSet(2);
    pools[1]!.replayed = '0/180';
    await replicas.check();
    expect([1, 2].map(() => replicas.choose(0x180n)?.name)).toEqual(['replica-1', 'replica-1']);
    expect(replicas.choose(0x181n)).toBeUndefined();
  });

  it('marks a replica that went away down until a check finds it, but not one whose statement replay cancelled', async () => {
    const { replicas } = replicaSet(1);
    await replicas.check();
    const [replica] = replicas.replicas;
    replicas.failed(replica!, 'conflict', new Error('conflict with recovery'));
    expect(replicas.choose()).toBe(replica);
    replicas.failed(replica!, 'gone', new Error('Connection terminated'));
    expect(replicas.choose()).toBeUndefined();
    await replicas.check();
    expect(replicas.choose()).toBe(replica);
  });
});

/** A data source as RequestDatabase sees one: initialised, its pg pool answering as the primary. */
function fakePrimary(): { dataSource: DataSource; statements: string[] } {
  const statements: string[] = [];
  const pool = {
    query: async (text: { text: string } | string) => {
      statements.push(typeof text === 'string' ? text : text.text);
      return { rows: [{ from: 'primary', position: '0/300' }], command: 'SELECT' };
    },
  };
  const dataSource = Object.create(DataSource.prototype) as DataSource;
  Object.assign(dataSource, { isInitialized: true, driver: { master: pool } });
  return { dataSource, statements };
}

describe('RequestDatabase with replicas', () => {
  it('runs everything on the primary until the request is known to be a query', async () => {
    const { replicas } = replicaSet(1);
    await replicas.check();
    const { dataSource } = fakePrimary();
    const db = new RequestDatabase(dataSource, undefined, replicas);
    expect(await db.query('SELECT 1')).toEqual([{ from: 'primary', position: '0/300' }]);
    db.readOnly = true;
    expect(await db.query('SELECT 1')).toEqual([{ from: 'replica' }]);
  });

  it('reads from the primary when no replica has replayed the caller\'s write', async () => {
    const { replicas } = replicaSet(1);
    await replicas.check();
    const { dataSource } = fakePrimary();
    const db = new RequestDatabase(dataSource, undefined, replicas);
    db.readOnly = true;
    db.readAfter = 0x101n;
    expect(await db.query('SELECT 1')).toEqual([{ from: 'primary', position: '0/300' }]);
  });

  it('runs a read again on the primary when the replica went away, and reads the primary after', async () => {
    const { replicas, pools } = replicaSet(1);
    await replicas.check();
    const { dataSource, statements } = fakePrimary();
    const db = new RequestDatabase(dataSource, undefined, replicas);
    db.readOnly = true;
    pools[0]!.fail = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    expect(await db.query('SELECT 1')).toEqual([{ from: 'primary', position: '0/300' }]);
    expect(statements).toEqual(['SELECT 1']);
    expect(replicas.choose()).toBeUndefined();
    expect(db.statements).toBe(1);
  });

  it('passes a statement\'s own failure on, without a second try', async () => {
    const { replicas, pools } = replicaSet(1);
    await replicas.check();
    const { dataSource, statements } = fakePrimary();
    const db = new RequestDatabase(dataSource, undefined, replicas);
    db.readOnly = true;
    pools[0]!.fail = Object.assign(new Error('invalid input syntax'), { code: '22P02' });
    await expect(db.query('SELECT 1')).rejects.toThrow('invalid input syntax');
    expect(statements).toEqual([]);
  });
});
