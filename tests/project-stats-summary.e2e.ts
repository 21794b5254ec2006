import { RequestDatabase } from '@azg/core/database';
import { replaceSyntheticRows } from '@azg/dev/synthetic';
import { projects } from '@azg/projects';
import type { Database } from '@azg/scripts/database';
import { Client } from 'pg';
import { startTestDatabase } from './support/stack';
import { dataOf, EDITOR, startInProcessSubgraph, type InProcessSubgraph } from './support/subgraph';

/**
 * projectStats without a filter reads projects.project_stats_summary, which triggers on
 * projects.project keep; a request that needs the buckets' project ids (or a filter) still
 * aggregates the projects. These tests hold the two to the same answers after every kind of
 * write: the seed, the subgraph's mutations, the synthetic-data generator, plain deletes, and
 * two writers at once.
 */
const GROUPINGS = ['STATUS', 'SECTOR', 'LAUNCH_YEAR'] as const;
type Grouping = typeof GROUPINGS[number];

const BUCKET = 'key groupBy status sector launchYear count investment { tenge qualifier knownCount unknownCount }';

interface Bucket {
  key: string;
  count: number;
  investment: { tenge: string; qualifier: string; knownCount: number; unknownCount: number };
  projectIds?: string[];
}

const CREATE = `mutation ($input: CreateProjectInput!) { createProject(input: $input) { id version } }`;
const UPDATE = `mutation ($id: ID!, $version: Int!, $input: UpdateProjectInput!) { updateProject(id: $id, version: $version, input: $input) { id version } }`;
const CHANGE_STATUS = `mutation ($id: ID!, $version: Int!, $input: ChangeProjectStatusInput!) {
  changeProjectStatus(id: $id, version: $version, input: $input) { id version } }`;

let database: Database;
let subgraph: InProcessSubgraph;

/** The buckets as the summary answers them (no project ids selected). */
async function summarized(groupBy: Grouping): Promise<Bucket[]> {
  return dataOf(await subgraph.execute(`query ($groupBy: ProjectStatsGrouping!) { projectStats(groupBy: $groupBy) { ${BUCKET} } }`, { groupBy })).projectStats;
}

/** The buckets as the scan over every project answers them (project ids selected), without the ids. */
async function scanned(groupBy: Grouping): Promise<Bucket[]> {
  const buckets: Bucket[] = dataOf(await subgraph.execute(
    `query ($groupBy: ProjectStatsGrouping!) { projectStats(groupBy: $groupBy) { ${BUCKET} projectIds } }`, { groupBy },
  )).projectStats;
  return buckets.map(({ projectIds, ...bucket }) => {
    expect(projectIds).toHaveLength(bucket.count);
    return bucket;
  });
}

/** Every summarized grouping answers exactly as the scan does, buckets and their order included. */
async function expectSummaryEqualsScan(): Promise<void> {
  for (const groupBy of GROUPINGS) {
    const expected = await scanned(groupBy);
    expect(expected.length).toBeGreaterThan(0);
    expect(await summarized(groupBy)).toEqual(expected);
  }
}

/** Resolves once backend `pid` waits on a lock (another transaction's), so the interleaving is the one a test means. */
async function waitUntilBlocked(pid: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const [row] = await sql<{ waiting: boolean }>(`SELECT wait_event_type = 'Lock' AS waiting FROM pg_stat_activity WHERE pid = $1`, [pid]);
    if (row?.waiting) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`backend ${pid} never waited on a lock`);
}

const bucketOf = (buckets: Bucket[], key: string) => buckets.find((bucket) => bucket.key === key);

async function sql<Row = Record<string, any>>(text: string, parameters: unknown[] = []): Promise<Row[]> {
  return subgraph.dataSource.query(text, parameters);
}

beforeAll(async () => {
  database = await startTestDatabase();
  subgraph = await startInProcessSubgraph(projects, database.url);
});

afterAll(async () => {
  await subgraph?.stop();
  await database?.stop();
});

describe('projectStats from the summary', () => {
  it('answers as the scan does after the seed', async () => {
    await expectSummaryEqualsScan();
  });

  it('reads the summary only when no project ids are needed and nothing is filtered', async () => {
    // Skew the summary on purpose: an answer that changes is an answer read from it.
    await sql(`UPDATE projects.project_stats_summary SET count = count + 1000 WHERE grouping = 'STATUS' AND bucket = 'OPERATING'`);
    try {
      expect(bucketOf(await summarized('STATUS'), 'STATUS:OPERATING')!.count).toBeGreaterThan(1000);
      expect(bucketOf(await scanned('STATUS'), 'STATUS:OPERATING')!.count).toBeLessThan(1000);
      const filtered = dataOf(await subgraph.execute(`{ projectStats(groupBy: STATUS, filter: { status: { in: [OPERATING] } }) { key count } }`)).projectStats;
      expect(filtered[0].count).toBeLessThan(1000);
    } finally {
      await sql(`UPDATE projects.project_stats_summary SET count = count - 1000 WHERE grouping = 'STATUS' AND bucket = 'OPERATING'`);
    }
  });

  it('shows each mutation in the next read, and answers as the scan does after them', async () => {
    const before = await summarized('SECTOR');
    const machineBuilding = bucketOf(before, 'SECTOR:MACHINE_BUILDING')?.count ?? 0;

    const lowerBound = dataOf(await subgraph.execute(CREATE, {
      input: { name: 'Summary test press plant', companyId: 'valtherm', sectors: ['MACHINE_BUILDING', 'CHEMICAL'],
        investment: { tenge: '7000000000', qualifier: 'AT_LEAST' }, plannedLaunch: { text: '2031' } },
    }, EDITOR)).createProject;
    const afterCreate = bucketOf(await summarized('SECTOR'), 'SECTOR:MACHINE_BUILDING')!;
    expect(afterCreate.count).toBe(machineBuilding + 1);
    expect(afterCreate.investment.qualifier).toBe('AT_LEAST');
    expect(bucketOf(await summarized('LAUNCH_YEAR'), 'LAUNCH_YEAR:2031')!.count).toBe(1);
    await expectSummaryEqualsScan();

    const approximate = dataOf(await subgraph.execute(CREATE, {
      input: { name: 'Summary test boiler works', companyId: 'valtherm', investment: { tenge: '300000000', qualifier: 'APPROXIMATE' } },
    }, EDITOR)).createProject;
    await expectSummaryEqualsScan();

    // Sectors, investment and launch change: the project leaves its old buckets and joins the new ones.
    const updated = dataOf(await subgraph.execute(UPDATE, {
      id: lowerBound.id, version: lowerBound.version,
      input: { sectors: ['ENERGY_EQUIPMENT'], investment: null, plannedLaunch: { text: '2032' } },
    }, EDITOR)).updateProject;
    expect(bucketOf(await summarized('SECTOR'), 'SECTOR:MACHINE_BUILDING')?.count ?? 0).toBe(machineBuilding);
    expect(bucketOf(await summarized('LAUNCH_YEAR'), 'LAUNCH_YEAR:2031')).toBeUndefined();
    await expectSummaryEqualsScan();

    // A write that touches no grouped column (a name) leaves every bucket as it was.
    const renamed = dataOf(await subgraph.execute(UPDATE, { id: updated.id, version: updated.version, input: { name: 'Summary test turbine plant' } }, EDITOR)).updateProject;
    await expectSummaryEqualsScan();

    const statusBefore = await summarized('STATUS');
    await subgraph.execute(CHANGE_STATUS, { id: renamed.id, version: renamed.version, input: { status: 'UNDER_CONSTRUCTION' } }, EDITOR);
    const statusAfter = await summarized('STATUS');
    expect(bucketOf(statusAfter, 'STATUS:UNDER_CONSTRUCTION')!.count).toBe(bucketOf(statusBefore, 'STATUS:UNDER_CONSTRUCTION')!.count + 1);
    expect(bucketOf(statusAfter, 'STATUS:PLANNED')?.count ?? 0).toBe(bucketOf(statusBefore, 'STATUS:PLANNED')!.count - 1);
    await expectSummaryEqualsScan();

    // No mutation deletes a project; a plain DELETE is a writer too, and an emptied bucket is no longer answered.
    await sql(`DELETE FROM projects.project WHERE id = ANY($1)`, [[lowerBound.id, approximate.id]]);
    expect(bucketOf(await summarized('LAUNCH_YEAR'), 'LAUNCH_YEAR:2032')).toBeUndefined();
    await expectSummaryEqualsScan();
  });

  it('answers as the scan does after synthetic copies are written, replaced and removed', async () => {
    const document = await summarized('SECTOR');
    const replace = (scale: number) => subgraph.dataSource.transaction((manager) => replaceSyntheticRows(new RequestDatabase(manager), projects.syntheticTables, scale));

    await replace(3);
    const copied = await summarized('SECTOR');
    expect(copied.map((bucket) => bucket.count)).toEqual(document.map((bucket) => bucket.count * 4));
    await expectSummaryEqualsScan();

    await replace(2);
    await expectSummaryEqualsScan();

    await replace(0);
    expect(await summarized('SECTOR')).toEqual(document);
    await expectSummaryEqualsScan();
  });

  it('loses no increment when two writers add to the same buckets at once, new ones included', async () => {
    const first = new Client({ connectionString: database.url });
    const second = new Client({ connectionString: database.url });
    await first.connect();
    await second.connect();
    const insert = (id: string) => `INSERT INTO projects.project (id, name, company_id, status, sectors, planned_launch)
      VALUES ('${id}', 'Concurrent ${id}', 'valtherm', 'PLANNED', '{CABLE_AND_WIRE}', '{"year": 2077, "stated": "2077", "sources": []}')`;
    try {
      const cableAndWire = bucketOf(await summarized('SECTOR'), 'SECTOR:CABLE_AND_WIRE')!.count;
      await first.query('BEGIN');
      await second.query('BEGIN');
      const [{ pid }] = (await second.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
      await first.query(insert('concurrent-a'));
      // The second writer's trigger waits on the buckets the first has written (2077's is new) until it commits.
      const secondInsert = second.query(insert('concurrent-b'));
      await waitUntilBlocked(pid!);
      await first.query('COMMIT');
      await secondInsert;
      await second.query('COMMIT');

      expect(bucketOf(await summarized('SECTOR'), 'SECTOR:CABLE_AND_WIRE')!.count).toBe(cableAndWire + 2);
      expect(bucketOf(await summarized('LAUNCH_YEAR'), 'LAUNCH_YEAR:2077')!.count).toBe(2);
      await expectSummaryEqualsScan();
    } finally {
      await first.end();
      await second.end();
    }
  });
});
