/**
 * Lists of projects filtered and ordered by what other subgraphs own (a project's company, its
 * land, its jobs), through the gateway, against answers this file computes itself from the
 * document's facts and the rows it adds. The projects subgraph answers from its read model, fed
 * by the companies, land and workforce change streams; the rows here are written straight into
 * the owners' tables, as any writer could, so every answer also shows the outbox triggers and
 * the consumer at work. Paging is checked while a write moves projects between pages.
 */
import { Client } from 'pg';
import { COMPANIES } from '@azg/companies/seed';
import { searchKeysOf } from '@azg/core/i18n';
import { LAND_PLOTS, ZONE } from '@azg/land/seed';
import { PROJECTS } from '@azg/projects/seed';
import { PROJECT_JOBS } from '@azg/workforce/seed';
import { SUBGRAPH_NAMES, subgraphUrlVariable } from '@azg/core/registry';
import { runServiceTask } from '@azg/scripts/service-task';
import { eventually as retry } from './support/eventually';
import type { GraphQLErrorBody } from './support/graphql';
import { sharedStack } from './support/shared-stack';

/** The shared stack: every row this file adds to the owners' tables it deletes again, and waits for the read model to follow. */
const stack = sharedStack();
let sql: Client;

async function ask<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const { body } = await stack.query(query, variables);
  if (body.errors) throw new Error(`expected no errors, got ${JSON.stringify(body.errors)}`);
  return body.data as T;
}

async function refused(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLErrorBody[]> {
  const { body } = await stack.query(query, variables);
  expect(body.errors?.length).toBeGreaterThan(0);
  return body.errors!;
}

/** Polls until `check` passes (the read model follows a commit within milliseconds; 20 s is a generous ceiling for a loaded CI machine). */
const eventually = (check: () => Promise<void>) => retry(check, 20_000, 50);

const PAGE = `query ($first: Int, $after: String, $orderBy: [ProjectOrder!], $filter: ProjectFilter) {
  projects(first: $first, after: $after, orderBy: $orderBy, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id }
  }
}`;

interface Page { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Array<{ id: string }> }

async function page(variables: Record<string, unknown>): Promise<Page> {
  return (await ask<{ projects: Page }>(PAGE, { first: 100, ...variables })).projects;
}

// The rows this file adds: plots on real projects (one of them a lower bound, one released) and jobs for projects the document gives none for.
const PROJECT_IDS = PROJECTS.map((project) => project.id).sort();
const withoutJobs = PROJECT_IDS.filter((id) => !PROJECT_JOBS.some((jobs) => jobs.projectId === id));
const withoutPlots = PROJECT_IDS.filter((id) => !LAND_PLOTS.some((plot) => plot.projectId === id));
const EXTRA_PLOTS = [
  { id: 'ff-test-plot-a', projectId: withoutPlots[0]!, hectares: '4.5', qualifier: 'EXACT', status: 'ALLOCATED' },
  { id: 'ff-test-plot-b', projectId: withoutPlots[0]!, hectares: '3', qualifier: 'AT_LEAST', status: 'ALLOCATED' },
  { id: 'ff-test-plot-c', projectId: withoutPlots[1]!, hectares: '25', qualifier: 'EXACT', status: 'ALLOCATED' },
  { id: 'ff-test-plot-d', projectId: withoutPlots[2]!, hectares: '2.25', qualifier: 'EXACT', status: 'ALLOCATED' },
  { id: 'ff-test-plot-e', projectId: withoutPlots[3]!, hectares: '7', qualifier: 'EXACT', status: 'RELEASED' },
  { id: 'ff-test-plot-f', projectId: withoutPlots[4]!, hectares: '10', qualifier: 'EXACT', status: 'ALLOCATED' },
];
const EXTRA_JOBS = [
  { projectId: withoutJobs[0]!, planned: 120 },
  { projectId: withoutJobs[1]!, planned: 65 },
];

const figure = (hectares: string, qualifier: string) => JSON.stringify({ value: hectares, unit: 'HECTARE', hectares, qualifier, stated: hectares, sources: [] });
const step = { on: '2021-06-01', reason: 'For the foreign filter tests', sources: [], enteredBy: { subject: 'tests', role: 'editor', at: '2021-06-01T00:00:00Z', operation: 'test' } };

async function addPlot(plot: typeof EXTRA_PLOTS[number]): Promise<void> {
  await sql.query(
    `INSERT INTO land.land_plot (id, zone_id, area, status, project_id, description, release) VALUES ($1, $2, $3, $4, $5, 'A plot for the tests', $6)`,
    [plot.id, ZONE.id, figure(plot.hectares, plot.qualifier), plot.status, plot.projectId, plot.status === 'RELEASED' ? JSON.stringify(step) : null],
  );
}

/** Each project's land as this file expects it: the plots it holds (not RELEASED), summed as stated; null when none. */
function expectedLand(plots: ReadonlyArray<{ projectId: string | null; hectares: string; status: string }>): Map<string, { total: number; count: number }> {
  const land = new Map<string, { total: number; count: number }>();
  for (const plot of plots) {
    if (plot.projectId === null || plot.status === 'RELEASED') continue;
    const held = land.get(plot.projectId) ?? { total: 0, count: 0 };
    land.set(plot.projectId, { total: held.total + Number(plot.hectares), count: held.count + 1 });
  }
  return land;
}
const documentPlots = LAND_PLOTS.map((plot) => ({ projectId: plot.projectId, hectares: plot.area.hectares, status: plot.status as string }));
let land = expectedLand([...documentPlots, ...EXTRA_PLOTS]);

const plannedJobs = new Map<string, number>([
  ...PROJECT_JOBS.filter((jobs) => jobs.planned !== null).map((jobs) => [jobs.projectId, jobs.planned!.value] as const),
  ...EXTRA_JOBS.map((jobs) => [jobs.projectId, jobs.planned] as const),
]);
const createdJobs = new Map(PROJECT_JOBS.filter((jobs) => jobs.created !== null).map((jobs) => [jobs.projectId, jobs.created!.value]));
const companyName = new Map(COMPANIES.map((company) => [company.id, company.name]));
const companyOf = new Map(PROJECTS.map((project) => [project.id, project.companyId]));
const rootCollation = new Intl.Collator('und');

/** Ids in the lists' promise: the key in its direction, nulls last either way, ties by id. */
function ordered<Value>(ids: readonly string[], key: (id: string) => Value | null | undefined, direction: 'ASC' | 'DESC', compare: (a: Value, b: Value) => number): string[] {
  return [...ids].sort((x, y) => {
    const a = key(x) ?? null;
    const b = key(y) ?? null;
    if (a !== null || b !== null) {
      if (a === null) return 1;
      if (b === null) return -1;
      const order = compare(a, b) * (direction === 'ASC' ? 1 : -1);
      if (order !== 0) return order;
    }
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
const numeric = (a: number, b: number) => a - b;

/** Waits until the read model holds exactly the land this file expects. */
async function landFollows(): Promise<void> {
  await eventually(async () => {
    const { nodes } = await page({ filter: { land: { plotCount: { min: 1 } } }, orderBy: [{ field: 'LAND_AREA', direction: 'DESC' }] });
    expect(nodes.map((node) => node.id)).toEqual(ordered([...land.keys()], (id) => land.get(id)?.total, 'DESC', numeric));
  });
}

beforeAll(async () => {
  sql = new Client({ connectionString: stack.databaseUrl });
  await sql.connect();
  expect(withoutPlots.length).toBeGreaterThanOrEqual(5);
  expect(withoutJobs.length).toBeGreaterThanOrEqual(2);
  for (const plot of EXTRA_PLOTS) await addPlot(plot);
  for (const jobs of EXTRA_JOBS) {
    await sql.query(`INSERT INTO workforce.project_jobs (project_id, planned) VALUES ($1, $2)`, [
      jobs.projectId, JSON.stringify({ value: jobs.planned, qualifier: 'EXACT', stated: String(jobs.planned), sources: [] }),
    ]);
  }
  await landFollows();
  await eventually(async () => {
    const { totalCount } = await page({ filter: { workforce: { plannedJobs: { min: 0 } } } });
    expect(totalCount).toBe(plannedJobs.size);
  });
}, 60_000);

afterAll(async () => {
  await sql.query(`DELETE FROM land.land_plot WHERE id LIKE 'ff-test-%'`);
  await sql.query(`DELETE FROM workforce.project_jobs WHERE project_id = ANY($1::text[])`, [EXTRA_JOBS.map((jobs) => jobs.projectId)]);
  // Leave the read model as the document's data makes it, for whichever file runs next.
  land = expectedLand(documentPlots);
  await landFollows();
  await sql.end();
}, 60_000);

describe('ordering by other subgraphs\' facts', () => {
  it.each(['ASC', 'DESC'] as const)('LAND_AREA %s: the plots held, summed as stated, unknown last', async (direction) => {
    const { nodes, totalCount } = await page({ orderBy: [{ field: 'LAND_AREA', direction }] });
    expect(totalCount).toBe(PROJECTS.length);
    expect(nodes.map((node) => node.id)).toEqual(ordered(PROJECT_IDS, (id) => land.get(id)?.total, direction, numeric));
  });

  it.each(['ASC', 'DESC'] as const)('PLANNED_JOBS %s, then by name', async (direction) => {
    const { nodes } = await page({ orderBy: [{ field: 'PLANNED_JOBS', direction }] });
    expect(nodes.map((node) => node.id)).toEqual(ordered(PROJECT_IDS, (id) => plannedJobs.get(id), direction, numeric));
  });

  it.each(['ASC', 'DESC'] as const)('COMPANY_NAME %s, in the root collation', async (direction) => {
    const { nodes } = await page({ orderBy: [{ field: 'COMPANY_NAME', direction }] });
    expect(nodes.map((node) => node.id)).toEqual(ordered(PROJECT_IDS, (id) => companyName.get(companyOf.get(id)!), direction, rootCollation.compare));
  });

  it('orders on several keys: company name, then land area descending', async () => {
    const { nodes } = await page({ orderBy: [{ field: 'COMPANY_NAME', direction: 'ASC' }, { field: 'LAND_AREA', direction: 'DESC' }] });
    const byArea = ordered(PROJECT_IDS, (id) => land.get(id)?.total, 'DESC', numeric);
    const expected = [...byArea].sort((x, y) => rootCollation.compare(companyName.get(companyOf.get(x)!)!, companyName.get(companyOf.get(y)!)!));
    expect(nodes.map((node) => node.id)).toEqual(expected);
  });
});

describe('filtering by other subgraphs\' facts', () => {
  const holds = (predicate: (id: string) => boolean) => PROJECT_IDS.filter(predicate);
  const area = (id: string) => land.get(id)?.total ?? null;
  const cases: Array<[string, Record<string, unknown>, (id: string) => boolean]> = [
    ['land: at least 10 ha ("more than 10 ha" counts)', { land: { totalArea: { min: '10' } } }, (id) => area(id) !== null && area(id)! >= 10],
    ['land: at most 7.5 ha, unknown included', { land: { totalArea: { max: '7.5', includeUnknown: true } } }, (id) => area(id) === null || area(id)! <= 7.5],
    ['land: two plots or more', { land: { plotCount: { min: 2 } } }, (id) => (land.get(id)?.count ?? 0) >= 2],
    ['jobs: at least 65 planned', { workforce: { plannedJobs: { min: 65 } } }, (id) => (plannedJobs.get(id) ?? -1) >= 65],
    ['jobs: created known and at most 90', { workforce: { createdJobs: { max: 90 } } }, (id) => createdJobs.has(id) && createdJobs.get(id)! <= 90],
    ['company by id', { company: { id: { in: ['kmk-investment'] } } }, (id) => companyOf.get(id) === 'kmk-investment'],
    ['company name contains, typed in Latin for a Cyrillic spelling', { company: { name: { contains: 'kmk' } } }, (id) => companyOf.get(id) === 'kmk-investment'],
    ['company name equals another spelling', { company: { name: { equals: 'ТОО «КМК Investment»' } } }, (id) => companyOf.get(id) === 'kmk-investment'],
    ['not a company', { not: { company: { id: { in: ['kmk-investment'] } } } }, (id) => companyOf.get(id) !== 'kmk-investment'],
    ['land or jobs, with an own field', {
      status: { in: PROJECTS.map((project) => project.status) },
      or: [{ land: { totalArea: { min: '20' } } }, { workforce: { plannedJobs: { min: 100 } } }],
    }, (id) => (area(id) ?? 0) >= 20 || (plannedJobs.get(id) ?? 0) >= 100],
  ];

  it.each(cases)('%s', async (_, filter, predicate) => {
    const expected = holds(predicate);
    expect(expected.length).toBeGreaterThan(0);
    const { nodes, totalCount } = await page({ filter, orderBy: [{ field: 'LAND_AREA', direction: 'DESC' }] });
    expect(totalCount).toBe(expected.length);
    expect(nodes.map((node) => node.id)).toEqual(ordered(expected, (id) => land.get(id)?.total, 'DESC', numeric));
  });

  it('finds a company written in Latin letters when typed in Cyrillic', async () => {
    for (const [typed, companyId] of [['Токио Роуп', 'tokyo-rope-almaty'], ['Сити Стоун', 'city-stone']] as const) {
      const { nodes } = await page({ filter: { company: { name: { contains: typed } } } });
      expect(nodes.map((node) => node.id).sort()).toEqual(holds((id) => companyOf.get(id) === companyId));
    }
  });

  it('sees a company\'s new spelling once the companies subgraph commits it', async () => {
    const { rows: [before] } = await sql.query(`SELECT spellings, search_keys FROM companies.company WHERE id = 'city-stone'`);
    // The row as the companies subgraph's write leaves it: the spelling, and its key made by the same function.
    const spellings = [...before.spellings, { text: 'Qyzylorda Granite Works', script: 'LATIN', origin: 'ENTERED', paragraph: null }];
    const keys = searchKeysOf(spellings.map(({ text }: { text: string }) => ({ text })));
    try {
      await sql.query(`UPDATE companies.company SET spellings = $1, search_keys = $2 WHERE id = 'city-stone'`, [JSON.stringify(spellings), JSON.stringify(keys)]);
      await eventually(async () => {
        const { nodes } = await page({ filter: { company: { name: { contains: 'kyzylorda granite' } } } });
        expect(nodes.map((node) => node.id).sort()).toEqual(holds((id) => companyOf.get(id) === 'city-stone'));
      });
    } finally {
      await sql.query(`UPDATE companies.company SET spellings = $1, search_keys = $2 WHERE id = 'city-stone'`, [JSON.stringify(before.spellings), JSON.stringify(before.search_keys)]);
    }
    await eventually(async () => expect((await page({ filter: { company: { name: { contains: 'kyzylorda granite' } } } })).totalCount).toBe(0));
  });

  it.each([
    ['an empty name', { company: { name: { contains: '  ' } } }],
    ['a name of 201 characters', { company: { name: { equals: 'a'.repeat(201) } } }],
    ['a range upside down', { land: { totalArea: { min: '10', max: '2' } } }],
    ['an empty id list', { company: { id: { in: [] } } }],
  ])('refuses %s with BAD_USER_INPUT', async (_, filter) => {
    const errors = await refused(PAGE, { first: 10, filter });
    expect(errors[0]!.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('paging in an order by a foreign fact', () => {
  const order = [{ field: 'LAND_AREA', direction: 'DESC' }];

  it('pages through every project once, in order, with cursors that carry the sort values', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const current: Page = await page({ first: 3, after, orderBy: order });
      seen.push(...current.nodes.map((node) => node.id));
      if (!current.pageInfo.hasNextPage) break;
      after = current.pageInfo.endCursor;
    }
    expect(seen).toEqual(ordered(PROJECT_IDS, (id) => land.get(id)?.total, 'DESC', numeric));
  });

  it('never skips nor repeats a project whose value stays put while a write moves another between pages', async () => {
    const before = ordered(PROJECT_IDS, (id) => land.get(id)?.total, 'DESC', numeric);
    const first = await page({ first: 3, orderBy: order });
    expect(first.nodes.map((node) => node.id)).toEqual(before.slice(0, 3));
    // Between the pages: a project of the first page grows to the largest area (further into the part already read), and
    // one not read yet shrinks to the smallest (further into the part still to come).
    const held = EXTRA_PLOTS.filter((plot) => plot.status !== 'RELEASED');
    const grown = held.find((plot) => [1, 2].includes(before.indexOf(plot.projectId)));
    const later = held.find((plot) => before.indexOf(plot.projectId) >= 3);
    if (!grown || !later) throw new Error('the rows this file adds must put one of its plots on the first page and one after it');
    const moved = new Set([grown.projectId, later.projectId]);
    try {
      await sql.query(`UPDATE land.land_plot SET area = $2 WHERE id = $1`, [grown.id, figure('1000', 'EXACT')]);
      await sql.query(`UPDATE land.land_plot SET area = $2 WHERE id = $1`, [later.id, figure('0.01', 'EXACT')]);
      const changed = expectedLand([...documentPlots, ...EXTRA_PLOTS.map((plot) => (plot.id === grown.id ? { ...plot, hectares: '1000' } : plot.id === later.id ? { ...plot, hectares: '0.01' } : plot))]);
      await eventually(async () => {
        const { nodes } = await page({ first: 1, orderBy: order });
        expect(nodes[0]!.id).toBe(grown.projectId);
      });
      const seen = first.nodes.map((node) => node.id);
      let after = first.pageInfo.endCursor;
      for (;;) {
        const next: Page = await page({ first: 3, after, orderBy: order });
        seen.push(...next.nodes.map((node) => node.id));
        if (!next.pageInfo.hasNextPage) break;
        after = next.pageInfo.endCursor;
      }
      const steady = (ids: readonly string[]) => ids.filter((id) => !moved.has(id));
      // Every project whose area did not change: exactly once, in the order of the areas.
      expect(steady(seen)).toEqual(steady(before));
      expect(steady(seen)).toEqual(steady(ordered(PROJECT_IDS, (id) => changed.get(id)?.total, 'DESC', numeric)));
      // The moved ones are placed by their new values: the grown one was already passed, the shrunk one still comes.
      expect(seen.filter((id) => id === grown.projectId)).toHaveLength(1);
      expect(seen.filter((id) => id === later.projectId)).toHaveLength(1);
    } finally {
      await sql.query(`UPDATE land.land_plot SET area = $2 WHERE id = $1`, [grown.id, figure(grown.hectares, grown.qualifier)]);
      await sql.query(`UPDATE land.land_plot SET area = $2 WHERE id = $1`, [later.id, figure(later.hectares, later.qualifier)]);
      await landFollows();
    }
  });

  it('refuses a cursor of a foreign-fact order in another order', async () => {
    const first = await page({ first: 2, orderBy: order });
    const errors = await refused(PAGE, { first: 2, after: first.pageInfo.endCursor, orderBy: [{ field: 'PLANNED_JOBS', direction: 'DESC' }] });
    expect(errors[0]!.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('npm run read-model', () => {
  /** The service task `npm run read-model` runs for the projects subgraph, pointed at the shared stack. */
  const readModel = (command: 'check' | 'rebuild') => runServiceTask('read-model', 'projects', {
    ...process.env,
    DATABASE_URL: stack.databaseUrl,
    AZG_IDENTITY_SECRET: stack.identitySecret,
    ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [subgraphUrlVariable(name), stack.subgraphUrls[name]])),
  }, 120_000, [command]);

  it('finds no difference while the streams are applied, finds one made behind its back, and a rebuild repairs it', async () => {
    expect(await readModel('check')).toEqual(['companies', 'land', 'workforce'].map((source) => ({ source, differences: [] })));
    const valtherm = 'valtherm-radiator-plant';
    await sql.query(`UPDATE projects.foreign_project_jobs SET planned = 999 WHERE project_id = $1`, [valtherm]);
    await sql.query(`DELETE FROM projects.foreign_company WHERE id = 'city-stone'`);
    await sql.query(`UPDATE projects.foreign_project_land SET total_hectares = 1 WHERE project_id = $1`, [valtherm]);
    const found = Object.fromEntries((await readModel('check')).map(({ source, differences }) => [source, differences]));
    expect(found.workforce).toEqual([expect.stringMatching(/^ProjectJobs valtherm-radiator-plant: the read model has .*999.*, the owner .*430/)]);
    expect(found.companies).toEqual([expect.stringMatching(/^Company city-stone: missing from the read model/)]);
    expect(found.land).toEqual([`project ${valtherm}: its land differs from the sum of its plots in the read model`]);

    const rebuilt = await readModel('rebuild');
    expect(rebuilt.map((result) => result.source)).toEqual(['companies', 'land', 'workforce']);
    expect(await readModel('check')).toEqual(['companies', 'land', 'workforce'].map((source) => ({ source, differences: [] })));
    const { nodes } = await page({ first: 1, orderBy: [{ field: 'PLANNED_JOBS', direction: 'DESC' }] });
    expect(nodes[0]!.id).toBe(valtherm);
  }, 120_000);
});
