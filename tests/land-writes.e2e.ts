/**
 * The land subgraph's mutations against a real PostgreSQL (migrated and seeded): allocate,
 * optimize and release a plot; every validation error with its code and field; the version
 * check; idempotent retries; one transaction; the audit log; who may write.
 */
import { RequestDatabase } from '@azg/core/database';
import { ANONYMOUS } from '@azg/core/identity';
import type { DataSource } from 'typeorm';
import type { Database } from '@azg/scripts/database';
import { seed } from '@azg/land/seed';
import { land } from '@azg/land';
import { ADMIN, EDITOR, OTHER_EDITOR, PARTNER, operationRunner, refusalOf, startInProcessSubgraph, type InProcessSubgraph } from './support/subgraph';
import { startTestDatabase } from './support/stack';

let database: Database;
let subgraph: InProcessSubgraph;
let dataSource: DataSource;
let run: ReturnType<typeof operationRunner>;

const PLOT_FIELDS = `id status version allocatedOn description
  area { value unit hectares qualifier stated sources { paragraph quote } }
  sources { documentId paragraph quote }
  enteredBy { subject role operation }
  park { id } zone { id } project { id }
  optimization { on reason previousArea { hectares qualifier } sources { paragraph } enteredBy { subject } }
  release { on reason sources { paragraph } enteredBy { subject } }`;

const ALLOCATE = `mutation Allocate($input: AllocateLandPlotInput!, $key: String) {
  allocateLandPlot(input: $input, idempotencyKey: $key) { ${PLOT_FIELDS} } }`;
const OPTIMIZE = `mutation Optimize($id: ID!, $version: Int!, $input: OptimizeLandPlotInput!, $key: String) {
  optimizeLandPlot(id: $id, version: $version, input: $input, idempotencyKey: $key) { ${PLOT_FIELDS} } }`;
const RELEASE = `mutation Release($id: ID!, $version: Int!, $input: ReleaseLandPlotInput!, $key: String) {
  releaseLandPlot(id: $id, version: $version, input: $input, idempotencyKey: $key) { ${PLOT_FIELDS} } }`;
const AUDIT = `query Audit($filter: AuditLogFilter, $first: Int, $after: String) {
  landAuditLog(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { operation recordType recordId author { subject role keyId } before after idempotencyKey } } }`;

type Plot = Record<string, any>;

/** Runs OPTIMIZE or RELEASE, with the plot's id and version read out of `input` into their own arguments. */
function step<Data = Record<string, unknown>>(
  identity: Parameters<typeof run>[0], mutation: string, variables: { input: { id: string; version: number } & Record<string, unknown>; key?: string },
) {
  const { input: { id, version, ...input }, key } = variables;
  return run<Data>(identity, mutation, { id, version, input, key });
}

const P3_SOURCE = { documentId: 'akimat-2021-industrial-zone', paragraph: 3, quote: 'тиімсіз пайдаланылатын 15 гектар учаске оңтайландырылды' };

let plotCount = 0;
/** A valid allocation with a fresh id, changed by `overrides`. */
function allocation(overrides: Record<string, unknown> = {}) {
  plotCount += 1;
  return {
    id: `test-plot-${plotCount}`, projectId: 'valtherm-radiator-plant', zoneId: 'almaty-industrial-zone',
    areaHectares: '12.5', description: 'A test plot.', allocatedOn: '2021-03-01', ...overrides,
  };
}

async function allocate(overrides: Record<string, unknown> = {}): Promise<Plot> {
  const result = await run<{ allocateLandPlot: Plot }>(EDITOR, ALLOCATE, { input: allocation(overrides) });
  expect(result.errors).toBeUndefined();
  return result.data!.allocateLandPlot;
}

async function count(sql: string, parameters: unknown[] = []): Promise<number> {
  const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM ${sql}`, parameters);
  return row.n;
}

beforeAll(async () => {
  database = await startTestDatabase();
  subgraph = await startInProcessSubgraph(land, database.url);
  dataSource = subgraph.dataSource;
  run = operationRunner(subgraph);
}, 180_000);

afterAll(async () => {
  await subgraph?.stop();
  await database?.stop();
});

describe('allocateLandPlot', () => {
  it('allocates a plot with its sources; a read answers it as written, at version 1', async () => {
    const plot = await allocate({ id: 'sourced-plot', parkId: 'industrial-parks-2021', areaQualifier: 'AT_LEAST', sources: [P3_SOURCE] });

    expect(plot).toMatchObject({
      id: 'sourced-plot', status: 'ALLOCATED', version: 1, allocatedOn: '2021-03-01', enteredBy: [],
      area: { value: '12.5', unit: 'HECTARE', hectares: '12.5', qualifier: 'AT_LEAST', sources: [{ paragraph: 3 }] },
      sources: [P3_SOURCE], park: { id: 'industrial-parks-2021' }, zone: { id: 'almaty-industrial-zone' },
      project: { id: 'valtherm-radiator-plant' }, optimization: null, release: null,
    });
    const read = await run<{ landPlot: Plot }>(ANONYMOUS, `{ landPlot(id: "sourced-plot") { ${PLOT_FIELDS} } }`);
    expect(read.data!.landPlot).toEqual(plot);
  });

  it('marks a plot allocated without sources as entered by its author', async () => {
    const plot = await allocate();
    expect(plot.sources).toEqual([]);
    expect(plot.enteredBy).toEqual([{ subject: 'editor-1', role: 'editor', operation: 'allocateLandPlot' }]);
  });

  it.each([
    ['a negative area', { areaHectares: '-1' }, 'input.areaHectares'],
    ['a zero area', { areaHectares: '0' }, 'input.areaHectares'],
    ['an area past the largest plot', { areaHectares: '10000.5' }, 'input.areaHectares'],
    ['a date before the zone\'s records', { allocatedOn: '1999-12-31' }, 'input.allocatedOn'],
    ['a date in the future', { allocatedOn: '2999-01-01' }, 'input.allocatedOn'],
    ['a description too long', { description: 'x'.repeat(1001) }, 'input.description'],
    ['an empty description', { description: '' }, 'input.description'],
    ['a malformed plot id', { id: 'Not An Id' }, 'input.id'],
    ['an id kept for synthetic data', { id: 'synthetic-1-plot' }, 'input.id'],
    ['a malformed project id', { projectId: '../etc' }, 'input.projectId'],
    ['a source without its words', { sources: [{ ...P3_SOURCE, quote: '' }] }, 'input.sources[0].quote'],
    ['an inferred source without a note', { sources: [{ ...P3_SOURCE, inferred: true }] }, 'input.sources[0].note'],
  ])('refuses %s with BAD_USER_INPUT naming the field', async (_case, overrides, field) => {
    const before = await count('land.land_plot');
    const result = await run(EDITOR, ALLOCATE, { input: allocation(overrides) });
    expect(refusalOf(result)).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(await count('land.land_plot')).toBe(before);
  });

  it('refuses a date that is no date and an unknown qualifier with BAD_USER_INPUT, naming them', async () => {
    const badDate = await run(EDITOR, ALLOCATE, { input: allocation({ allocatedOn: '2021-02-30' }) });
    expect(badDate.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('allocatedOn') });
    const badEnum = await run(EDITOR, ALLOCATE, { input: allocation({ areaQualifier: 'ROUGHLY' }) });
    expect(badEnum.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('areaQualifier') });
  });

  it('answers NOT_FOUND for a zone or a park that does not exist, BAD_USER_INPUT for a park of another zone, CONFLICT for a taken id', async () => {
    expect(refusalOf(await run(EDITOR, ALLOCATE, { input: allocation({ zoneId: 'no-such-zone' }) }))).toEqual({ code: 'NOT_FOUND', field: 'input.zoneId' });
    expect(refusalOf(await run(EDITOR, ALLOCATE, { input: allocation({ parkId: 'no-such-park' }) }))).toEqual({ code: 'NOT_FOUND', field: 'input.parkId' });
    await dataSource.query(`INSERT INTO land.industrial_zone (id, name) VALUES ('other-zone', 'Another zone') ON CONFLICT DO NOTHING`);
    expect(refusalOf(await run(EDITOR, ALLOCATE, { input: allocation({ zoneId: 'other-zone', parkId: 'industrial-parks-2021' }) })))
      .toEqual({ code: 'BAD_USER_INPUT', field: 'input.parkId' });
    expect(refusalOf(await run(EDITOR, ALLOCATE, { input: allocation({ id: 'valtherm-plot' }) }))).toEqual({ code: 'CONFLICT', field: 'input.id' });
  });
});

describe('optimizeLandPlot and releaseLandPlot', () => {
  it('optimizes a plot to a smaller area, keeping the area it had, then releases it; each write moves the version on', async () => {
    const plot = await allocate({ areaHectares: '20' });

    const optimized = await step<{ optimizeLandPlot: Plot }>(EDITOR, OPTIMIZE, {
      input: { id: plot.id, version: 1, areaHectares: '15', reason: 'Only part of it was built on.', on: '2021-06-01', sources: [P3_SOURCE] },
    });
    expect(optimized.errors).toBeUndefined();
    expect(optimized.data!.optimizeLandPlot).toMatchObject({
      status: 'OPTIMIZED', version: 2, area: { hectares: '15', qualifier: 'EXACT', sources: [{ paragraph: 3 }] },
      optimization: { on: '2021-06-01', reason: 'Only part of it was built on.', previousArea: { hectares: '20', qualifier: 'EXACT' }, sources: [{ paragraph: 3 }], enteredBy: null },
    });

    const released = await step<{ releaseLandPlot: Plot }>(EDITOR, RELEASE, { input: { id: plot.id, version: 2, reason: 'The project left the zone.', on: '2021-09-01' } });
    expect(released.errors).toBeUndefined();
    expect(released.data!.releaseLandPlot).toMatchObject({
      status: 'RELEASED', version: 3, area: { hectares: '15' },
      release: { on: '2021-09-01', reason: 'The project left the zone.', sources: [], enteredBy: { subject: 'editor-1' } },
    });
    // The allocation and the release stated no source; the optimization did.
    expect(released.data!.releaseLandPlot.enteredBy.map((entry: { operation: string }) => entry.operation)).toEqual(['allocateLandPlot', 'releaseLandPlot']);
  });

  it('answers NOT_FOUND for a plot that does not exist, and CONFLICT with the current version for a stale one', async () => {
    const missing = await step(EDITOR, OPTIMIZE, { input: { id: 'no-such-plot', version: 1, areaHectares: '1', reason: 'x', on: '2021-06-01' } });
    expect(refusalOf(missing)).toEqual({ code: 'NOT_FOUND', field: 'id' });
    expect(refusalOf(await step(EDITOR, RELEASE, { input: { id: 'no-such-plot', version: 1, reason: 'x', on: '2021-06-01' } })))
      .toEqual({ code: 'NOT_FOUND', field: 'id' });

    const plot = await allocate({ areaHectares: '20' });
    await step(EDITOR, OPTIMIZE, { input: { id: plot.id, version: 1, areaHectares: '15', reason: 'x', on: '2021-06-01' } });
    const stale = await step(OTHER_EDITOR, OPTIMIZE, { input: { id: plot.id, version: 1, areaHectares: '10', reason: 'y', on: '2021-06-02' } });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'version', currentVersion: 2 });
    const [row] = await dataSource.query(`SELECT version, area->>'hectares' AS hectares FROM land.land_plot WHERE id = $1`, [plot.id]);
    expect(row).toEqual({ version: 2, hectares: '15' });
  });

  it('lets exactly one of two optimizations of the same version sent at once win; the other gets CONFLICT', async () => {
    const plot = await allocate({ areaHectares: '20' });

    const outcomes = await Promise.all([
      step(EDITOR, OPTIMIZE, { input: { id: plot.id, version: 1, areaHectares: '15', reason: 'left', on: '2021-06-01' } }),
      step(OTHER_EDITOR, OPTIMIZE, { input: { id: plot.id, version: 1, areaHectares: '12', reason: 'right', on: '2021-06-01' } }),
    ]);

    const codes = outcomes.map((outcome) => refusalOf(outcome)?.code ?? 'written').sort();
    expect(codes).toEqual(['CONFLICT', 'written']);
    expect(await count(`land.audit_log WHERE record_id = $1 AND operation = 'optimizeLandPlot'`, [plot.id])).toBe(1);
    const [row] = await dataSource.query(`SELECT version FROM land.land_plot WHERE id = $1`, [plot.id]);
    expect(row).toEqual({ version: 2 });
  });

  it('refuses an optimization that does not make the plot smaller, and steps dated before the plot\'s allocation or optimization', async () => {
    const plot = await allocate({ areaHectares: '20', allocatedOn: '2021-03-01' });
    const optimize = (input: Record<string, unknown>) =>
      step(EDITOR, OPTIMIZE, { input: { id: plot.id, version: 1, areaHectares: '10', reason: 'x', on: '2021-06-01', ...input } });

    expect(refusalOf(await optimize({ areaHectares: '20' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.areaHectares' });
    expect(refusalOf(await optimize({ areaHectares: '-3' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.areaHectares' });
    expect(refusalOf(await optimize({ on: '2021-02-28' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.on' });
    expect(refusalOf(await optimize({ reason: '' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.reason' });
    expect(refusalOf(await optimize({ version: 0 }))).toEqual({ code: 'BAD_USER_INPUT', field: 'version' });
    await optimize({});
    expect(refusalOf(await step(EDITOR, RELEASE, { input: { id: plot.id, version: 2, reason: 'x', on: '2021-05-01' } })))
      .toEqual({ code: 'BAD_USER_INPUT', field: 'input.on' });
    expect(await count('land.land_plot WHERE id = $1 AND version = 2', [plot.id])).toBe(1);
  });

  it('refuses to optimize or release a released plot with CONFLICT', async () => {
    const plot = await allocate();
    await step(EDITOR, RELEASE, { input: { id: plot.id, version: 1, reason: 'Freed.', on: '2021-04-01' } });

    const optimize = await step(EDITOR, OPTIMIZE, { input: { id: plot.id, version: 2, areaHectares: '1', reason: 'x', on: '2021-05-01' } });
    expect(optimize.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT', field: 'id', status: 'RELEASED' } });
    const again = await step(EDITOR, RELEASE, { input: { id: plot.id, version: 2, reason: 'x', on: '2021-05-01' } });
    expect(refusalOf(again)).toEqual({ code: 'CONFLICT', field: 'id' });
  });

  it('optimizes the document\'s own plot ("more than 10 hectares"), and a second seed run keeps what the editor wrote', async () => {
    const optimized = await step<{ optimizeLandPlot: Plot }>(EDITOR, OPTIMIZE, {
      input: { id: 'valtherm-plot', version: 1, areaHectares: '8', reason: 'Part of the site was unused.', on: '2021-10-01' },
    });
    expect(optimized.data!.optimizeLandPlot).toMatchObject({
      status: 'OPTIMIZED', area: { hectares: '8' }, optimization: { previousArea: { hectares: '10', qualifier: 'AT_LEAST' } },
    });

    const changed = await dataSource.transaction((manager) => seed(new RequestDatabase(manager)));

    expect(changed).toBe(0);
    const [row] = await dataSource.query(`SELECT status, version, area->>'hectares' AS hectares FROM land.land_plot WHERE id = 'valtherm-plot'`);
    expect(row).toEqual({ status: 'OPTIMIZED', version: 2, hectares: '8' });
  });
});

describe('idempotency, transactions and the audit log', () => {
  it('runs an allocation sent twice at once with the same key once, answering both alike', async () => {
    const input = allocation();
    const [first, second] = await Promise.all([
      run<{ allocateLandPlot: Plot }>(EDITOR, ALLOCATE, { input, key: 'allocate-once' }),
      run<{ allocateLandPlot: Plot }>(EDITOR, ALLOCATE, { input, key: 'allocate-once' }),
    ]);

    expect(first.errors).toBeUndefined();
    expect(second.data).toEqual(first.data);
    expect(await count('land.land_plot WHERE id = $1', [input.id])).toBe(1);
    expect(await count(`land.audit_log WHERE record_id = $1`, [input.id])).toBe(1);
    const retried = await run<{ allocateLandPlot: Plot }>(EDITOR, ALLOCATE, { input, key: 'allocate-once' });
    expect(retried.data).toEqual(first.data);
  });

  it('leaves nothing written when the audit insert fails halfway through the write', async () => {
    const plot = await allocate();
    // A trigger the test adds makes the log refuse the write's last statement.
    await dataSource.query(`CREATE FUNCTION land.test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected failure'; END $$`);
    await dataSource.query(`CREATE TRIGGER test_refuse_audit BEFORE INSERT ON land.audit_log FOR EACH ROW EXECUTE FUNCTION land.test_refuse_audit()`);
    try {
      const input = allocation();
      const failed = await run(EDITOR, ALLOCATE, { input, key: 'fails-halfway' });
      expect(failed.errors?.[0]).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: expect.stringMatching(/^test-request-/) } });
      expect(await count('land.land_plot WHERE id = $1', [input.id])).toBe(0);
      expect(await count(`land.idempotency_keys WHERE key = 'fails-halfway'`)).toBe(0);

      const released = await step(EDITOR, RELEASE, { input: { id: plot.id, version: 1, reason: 'x', on: '2021-04-01' } });
      expect(refusalOf(released)?.code).toBe('INTERNAL_SERVER_ERROR');
      const [row] = await dataSource.query(`SELECT status, version, release FROM land.land_plot WHERE id = $1`, [plot.id]);
      expect(row).toEqual({ status: 'ALLOCATED', version: 1, release: null });
    } finally {
      await dataSource.query(`DROP TRIGGER test_refuse_audit ON land.audit_log`);
      await dataSource.query(`DROP FUNCTION land.test_refuse_audit()`);
    }
  });

  it('logs each write in order, before and after, for admins to page and filter', async () => {
    const plot = await allocate({ areaHectares: '9' });
    await step(EDITOR, OPTIMIZE, { input: { id: plot.id, version: 1, areaHectares: '4', reason: 'x', on: '2021-05-01' }, key: 'k-opt' });
    await step(OTHER_EDITOR, RELEASE, { input: { id: plot.id, version: 2, reason: 'y', on: '2021-06-01' } });

    const log = await run<{ landAuditLog: any }>(ADMIN, AUDIT, { filter: { recordType: 'LandPlot', recordId: plot.id } });
    expect(log.errors).toBeUndefined();
    const entries = log.data!.landAuditLog.nodes;
    expect(entries.map((entry: any) => [entry.operation, entry.author.subject, entry.before?.status ?? null, entry.after.status, entry.after.version]))
      .toEqual([
        ['allocateLandPlot', 'editor-1', null, 'ALLOCATED', 1],
        ['optimizeLandPlot', 'editor-1', 'ALLOCATED', 'OPTIMIZED', 2],
        ['releaseLandPlot', 'editor-2', 'OPTIMIZED', 'RELEASED', 3],
      ]);
    expect(entries[1]).toMatchObject({ idempotencyKey: 'k-opt', author: { role: 'editor', keyId: 'key-1' }, after: { area: { hectares: '4' } } });

    const byAuthor = await run<{ landAuditLog: any }>(ADMIN, AUDIT, { filter: { author: 'editor-2', recordId: plot.id } });
    expect(byAuthor.data!.landAuditLog.nodes.map((entry: any) => entry.operation)).toEqual(['releaseLandPlot']);
    const firstPage = await run<{ landAuditLog: any }>(ADMIN, AUDIT, { filter: { recordId: plot.id }, first: 2 });
    expect(firstPage.data!.landAuditLog).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const secondPage = await run<{ landAuditLog: any }>(ADMIN, AUDIT, { filter: { recordId: plot.id }, first: 2, after: firstPage.data!.landAuditLog.pageInfo.endCursor });
    expect(secondPage.data!.landAuditLog.nodes.map((entry: any) => entry.operation)).toEqual(['releaseLandPlot']);
  });
});

describe('who may write', () => {
  it('refuses anonymous callers and partners, and lets only admins read the log', async () => {
    const input = allocation();
    expect(refusalOf(await run(ANONYMOUS, ALLOCATE, { input }))?.code).toBe('UNAUTHENTICATED');
    expect(refusalOf(await run(PARTNER, ALLOCATE, { input }))?.code).toBe('FORBIDDEN');
    expect(refusalOf(await step(PARTNER, RELEASE, { input: { id: 'valtherm-plot', version: 2, reason: 'x', on: '2021-11-01' } }))?.code).toBe('FORBIDDEN');
    expect(await count('land.land_plot WHERE id = $1', [input.id])).toBe(0);
    expect(refusalOf(await run(EDITOR, AUDIT, {}))?.code).toBe('FORBIDDEN');
    expect(refusalOf(await run(ANONYMOUS, AUDIT, {}))?.code).toBe('UNAUTHENTICATED');
  });
});
