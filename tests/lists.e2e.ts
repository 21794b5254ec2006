/**
 * Lists through the gateway: every ordering and filter against the rows the document's facts
 * say it must give, paging forwards and backwards with rows inserted between pages, the lists
 * that hang off a company, a group and a college, bad page sizes and forged cursors; and the
 * core keyset machinery itself against Postgres, on data full of nulls and ties.
 */
import { buildPageQuery, CursorCodec, OrderDirection, type PageWindow, readPages, resolveOrdering, type SortType, SqlParameters } from '@azg/core/pagination';
import { Client } from 'pg';
import { COMPANIES } from '@azg/companies/seed';
import { LAND_PLOTS } from '@azg/land/seed';
import { GROUPS } from '@azg/projects/seed';
import { PROJECTS, type ProjectFact } from '@azg/projects/seed';
import { PROJECT_JOBS } from '@azg/workforce/seed';
import type { GraphQLErrorBody } from './support/graphql';
import { sharedStack } from './support/shared-stack';

/** The shared stack: the rows this file inserts between pages it deletes again (see shared-stack.ts). */
const stack = sharedStack();
let sql: Client;

beforeAll(async () => {
  sql = new Client({ connectionString: stack.databaseUrl });
  await sql.connect();
}, 180_000);

afterAll(async () => {
  await sql?.end();
});

async function ask<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const { status, body } = await stack.query(query, variables);
  if (body.errors) throw new Error(`expected no errors, got ${JSON.stringify(body.errors)}`);
  expect(status).toBe(200);
  return body.data as T;
}

async function refused(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLErrorBody[]> {
  const { body } = await stack.query(query, variables);
  expect(body.errors?.length).toBeGreaterThan(0);
  return body.errors!;
}

/** Ids compared byte by byte, as the lists' tie-break (COLLATE "C") compares them. */
const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Names as the Unicode root collation orders them (the lists order by `COLLATE "und-x-icu"`). */
const rootCollation = new Intl.Collator('und');

type Key<Row> = (row: Row) => string | number | bigint | null;
type Comparer<Row> = { key: Key<Row>; direction: 'ASC' | 'DESC'; compare?: (a: any, b: any) => number };

/** The order the lists promise: each key in its direction with nulls last in both, then the id ascending. */
function sortedIds<Row extends { id: string }>(rows: readonly Row[], keys: Array<Comparer<Row>>): string[] {
  const plain = (a: any, b: any) => (a < b ? -1 : a > b ? 1 : 0);
  return [...rows].sort((x, y) => {
    for (const { key, direction, compare = plain } of keys) {
      const a = key(x);
      const b = key(y);
      if (a === null && b === null) continue;
      if (a === null) return 1;
      if (b === null) return -1;
      const order = compare(a, b) * (direction === 'ASC' ? 1 : -1);
      if (order !== 0) return order;
    }
    return byId(x.id, y.id);
  }).map((row) => row.id);
}

const STATUS_RANK = { PROPOSED: 1, PLANNED: 2, UNDER_CONSTRUCTION: 3, COMMISSIONING: 4, OPERATING: 5, REMOVED: 6 } as const;
const periodStart = (date: ProjectFact['plannedLaunch']) => (date === null
  ? null
  : date.year * 10000 + (date.month ?? (date.quarter !== null ? (date.quarter - 1) * 3 + 1 : 1)) * 100 + (date.day ?? 1));
const PROJECT_KEYS: Record<string, Key<ProjectFact>> = {
  NAME: (project) => project.name,
  INVESTMENT: (project) => (project.investment ? BigInt(project.investment.tenge) : null),
  PLANNED_LAUNCH: (project) => periodStart(project.plannedLaunch),
  ACTUAL_LAUNCH: (project) => periodStart(project.actualLaunch),
  STATUS: (project) => STATUS_RANK[project.status],
};
const projectComparer = (field: string, direction: 'ASC' | 'DESC'): Comparer<ProjectFact> => ({
  key: PROJECT_KEYS[field]!,
  direction,
  compare: field === 'NAME' ? (a: string, b: string) => rootCollation.compare(a, b) : undefined,
});

const PROJECT_PAGE = `query ($first: Int, $after: String, $last: Int, $before: String, $orderBy: [ProjectOrder!], $filter: ProjectFilter) {
  projects(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy, filter: $filter) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id name investment { tenge } plannedLaunch { year } } }
  }
}`;

interface ProjectPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: Array<{ cursor: string; node: { id: string; name: string; investment: { tenge: string } | null; plannedLaunch: { year: number } | null } }>;
}

async function projectIds(variables: Record<string, unknown>): Promise<{ ids: string[]; totalCount: number }> {
  const { projects } = await ask<{ projects: ProjectPage }>(PROJECT_PAGE, { first: 100, ...variables });
  return { ids: projects.edges.map((edge) => edge.node.id), totalCount: projects.totalCount };
}

describe('Query.projects ordering', () => {
  const cases: Array<[string, Array<{ field: string; direction: 'ASC' | 'DESC' }>]> = [];
  for (const field of Object.keys(PROJECT_KEYS)) {
    for (const direction of ['ASC', 'DESC'] as const) cases.push([`${field} ${direction}`, [{ field, direction }]]);
  }
  cases.push(['STATUS DESC, INVESTMENT ASC, NAME DESC', [
    { field: 'STATUS', direction: 'DESC' }, { field: 'INVESTMENT', direction: 'ASC' }, { field: 'NAME', direction: 'DESC' },
  ]]);
  cases.push(['PLANNED_LAUNCH DESC, ACTUAL_LAUNCH ASC', [{ field: 'PLANNED_LAUNCH', direction: 'DESC' }, { field: 'ACTUAL_LAUNCH', direction: 'ASC' }]]);

  it.each(cases)('orders by %s, nulls last, ties by id', async (_, orderBy) => {
    const { ids, totalCount } = await projectIds({ orderBy });
    expect(totalCount).toBe(PROJECTS.length);
    expect(ids).toEqual(sortedIds(PROJECTS, orderBy.map(({ field, direction }) => projectComparer(field, direction))));
  });

  it('orders by name when no orderBy is given, and 20 to a page', async () => {
    const { projects } = await ask<{ projects: ProjectPage }>(PROJECT_PAGE);
    expect(projects.edges.map((edge) => edge.node.id)).toEqual(sortedIds(PROJECTS, [projectComparer('NAME', 'ASC')]).slice(0, 20));
    expect(projects.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });
});

const membersOf = (...groupIds: string[]) => new Set(GROUPS.filter((group) => groupIds.includes(group.id)).flatMap((group) => group.members.map((member) => member.projectId)));
const tenge = (project: ProjectFact) => (project.investment ? BigInt(project.investment.tenge) : null);

describe('Query.projects filters', () => {
  const cases: Array<[string, Record<string, unknown>, (project: ProjectFact) => boolean]> = [
    ['status in', { status: { in: ['OPERATING', 'PROPOSED'] } }, (p) => ['OPERATING', 'PROPOSED'].includes(p.status)],
    ['sector in (any of)', { sector: { in: ['CABLE_AND_WIRE', 'MEDICAL_PRODUCTS'] } }, (p) => p.sectors.some((s) => ['CABLE_AND_WIRE', 'MEDICAL_PRODUCTS'].includes(s))],
    ['company', { companyId: { in: ['kmk-investment'] } }, (p) => p.companyId === 'kmk-investment'],
    ['group membership', { groupId: { in: ['aerated-concrete-plants', 'p12-construction-review'] } }, (p) => membersOf('aerated-concrete-plants', 'p12-construction-review').has(p.id)],
    ['planned launch year range', { plannedLaunchYear: { from: 2021, to: 2021 } }, (p) => p.plannedLaunch?.year === 2021],
    ['actual launch up to a year', { actualLaunchYear: { to: 2020 } }, (p) => p.actualLaunch !== null && p.actualLaunch.year <= 2020],
    ['actual launch from a year, or unknown', { actualLaunchYear: { from: 2021, includeUnknown: true } }, (p) => p.actualLaunch === null || p.actualLaunch.year >= 2021],
    ['investment range', { investment: { min: '500000000', max: '12000000000' } }, (p) => tenge(p) !== null && tenge(p)! >= 500000000n && tenge(p)! <= 12000000000n],
    ['investment up to, unknown included', { investment: { max: '1000000000', includeUnknown: true } }, (p) => tenge(p) === null || tenge(p)! <= 1000000000n],
    ['known investment (an empty range)', { investment: {} }, (p) => tenge(p) !== null],
    ['unknown investment (not an empty range)', { not: { investment: {} } }, (p) => tenge(p) === null],
    ['or', { or: [{ status: { in: ['PROPOSED'] } }, { investment: { min: '11000000000' } }] }, (p) => p.status === 'PROPOSED' || (tenge(p) ?? 0n) >= 11000000000n],
    ['not', { not: { status: { in: ['OPERATING'] } } }, (p) => p.status !== 'OPERATING'],
    ['and with not', { and: [{ groupId: { in: ['launch-by-end-of-2021'] } }, { not: { investment: { min: '1' } } }] }, (p) => membersOf('launch-by-end-of-2021').has(p.id) && tenge(p) === null],
    ['fields and or together', { status: { in: ['UNDER_CONSTRUCTION', 'COMMISSIONING'] }, or: [{ sector: { in: ['HEATING_EQUIPMENT'] } }, { groupId: { in: ['aerated-concrete-plants'] } }] },
      (p) => ['UNDER_CONSTRUCTION', 'COMMISSIONING'].includes(p.status) && (p.sectors.includes('HEATING_EQUIPMENT' as never) || membersOf('aerated-concrete-plants').has(p.id))],
    ['an empty filter', {}, () => true],
  ];

  it.each(cases)('%s', async (_, filter, keep) => {
    const expected = sortedIds(PROJECTS.filter(keep), [projectComparer('NAME', 'ASC')]);
    expect(expected.length).toBeGreaterThan(0);
    expect(await projectIds({ filter })).toEqual({ ids: expected, totalCount: expected.length });
  });

  it('filters the lists that hang off a company, a group and a college too', async () => {
    const data = await ask(`{
      company(id: "kmk-investment") { projects(filter: { status: { in: [PROPOSED] } }) { totalCount nodes { id } } }
      projectGroup(id: "implemented-to-date") { members(filter: { companyId: { in: ["kmk-investment"] } }) { totalCount nodes { id } } }
      trainingInstitutions { projects(filter: { investment: { min: "11500000000" } }, orderBy: [{ field: INVESTMENT }]) { totalCount nodes { id } } }
    }`);
    expect(data.company.projects).toEqual({ totalCount: 2, nodes: [{ id: 'kmk-eurasian-energy-combine' }, { id: 'kmk-research-institute' }] });
    expect(data.projectGroup.members.nodes.map((node: { id: string }) => node.id)).toEqual(['kmk-investment-cable-plant', 'kmk-investment-wire-rod-plant']);
    expect(data.trainingInstitutions[0].projects).toEqual({ totalCount: 2, nodes: [{ id: 'valtherm-radiator-plant' }, { id: 'kmk-investment-cable-plant' }] });
  });
});

/** Pages through a list to its end (forwards) or its start (backwards), collecting ids, calling `between` between pages. */
async function pageThrough(
  variables: Record<string, unknown>,
  size: number,
  forward: boolean,
  between: (page: ProjectPage, index: number) => Promise<void> = async () => undefined,
): Promise<{ ids: string[]; pages: ProjectPage[] }> {
  const ids: string[] = [];
  const pages: ProjectPage[] = [];
  let cursor: string | null = null;
  for (let index = 0; index < 100; index += 1) {
    const { projects }: { projects: ProjectPage } = await ask<{ projects: ProjectPage }>(PROJECT_PAGE, forward
      ? { ...variables, first: size, after: cursor }
      : { ...variables, last: size, before: cursor });
    pages.push(projects);
    const pageIds = projects.edges.map((edge) => edge.node.id);
    if (forward) ids.push(...pageIds);
    else ids.unshift(...pageIds);
    const more = forward ? projects.pageInfo.hasNextPage : projects.pageInfo.hasPreviousPage;
    if (!more) return { ids, pages };
    cursor = forward ? projects.pageInfo.endCursor : projects.pageInfo.startCursor;
    await between(projects, index);
  }
  throw new Error('paged 100 times without reaching the end');
}

describe('paging Query.projects', () => {
  const orderings = [
    [{ field: 'INVESTMENT', direction: 'DESC' }],
    [{ field: 'PLANNED_LAUNCH', direction: 'ASC' }, { field: 'NAME', direction: 'DESC' }],
    [{ field: 'NAME', direction: 'ASC' }],
  ];

  it.each(orderings.map((orderBy) => [orderBy.map((key) => `${key.field} ${key.direction}`).join(', '), orderBy] as const))(
    'forwards and backwards, %s, gives every project once, in order, with pageInfo right on every page',
    async (_, orderBy) => {
      const all = (await projectIds({ orderBy })).ids;
      for (const size of [1, 4, 7]) {
        const forwards = await pageThrough({ orderBy }, size, true);
        const backwards = await pageThrough({ orderBy }, size, false);
        expect(forwards.ids).toEqual(all);
        expect(backwards.ids).toEqual(all);
        for (const [index, page] of forwards.pages.entries()) {
          expect(page.totalCount).toBe(all.length);
          expect(page.pageInfo.hasPreviousPage).toBe(index > 0);
          expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
          expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1]?.cursor ?? null);
        }
        for (const [index, page] of backwards.pages.entries()) expect(page.pageInfo.hasNextPage).toBe(index > 0);
      }
    },
  );

  describe('while projects are inserted between pages', () => {
    let inserted = 0;

    /** Inserts a project (flagged synthetic, as only the generator's and the tests' rows are) and returns its id. */
    async function insertProject(name: string, investment: bigint | null, idSuffix: string): Promise<string> {
      inserted += 1;
      const id = `synthetic-inserted-${idSuffix}-${inserted}`;
      const figure = investment === null ? null : JSON.stringify({ tenge: String(investment), qualifier: 'EXACT', stated: 'test', sources: [] });
      await sql.query(
        `INSERT INTO projects.project (id, name, company_id, status, investment, synthetic) VALUES ($1, $2, 'synthetic-inserted-company', 'PLANNED', $3, true)`,
        [id, name, figure],
      );
      return id;
    }

    afterEach(async () => {
      await sql.query(`DELETE FROM projects.project WHERE id LIKE 'synthetic-inserted-%'`);
    });

    /** INVESTMENT DESC, nulls last, then id: negative when x comes first. */
    const compare = (x: { tenge: bigint | null; id: string }, y: { tenge: bigint | null; id: string }) => {
      if (x.tenge !== y.tenge) {
        if (x.tenge === null) return 1;
        if (y.tenge === null) return -1;
        return x.tenge > y.tenge ? -1 : 1;
      }
      return byId(x.id, y.id);
    };
    const rowOf = (node: ProjectPage['edges'][number]['node']) => ({ id: node.id, tenge: node.investment ? BigInt(node.investment.tenge) : null });

    it.each([['forwards', true], ['backwards', false]] as const)('%s: no project is skipped or repeated, and rows inserted ahead of the cursor are read', async (_, forward) => {
      const orderBy = [{ field: 'INVESTMENT', direction: 'DESC' }];
      const original = (await projectIds({ orderBy })).ids;
      const inserts: Array<{ id: string; ahead: boolean }> = [];
      const { ids, pages } = await pageThrough({ orderBy }, 3, forward, async (page) => {
        const edge = forward ? page.edges[page.edges.length - 1]! : page.edges[0]!;
        const cursor = rowOf(edge.node);
        // Rows on both sides of the cursor: known and unknown investments, ids at both ends.
        for (const [name, tenge, suffix] of [['High', 20000000000n, 'a'], ['Low', 1n, 'a'], ['Unknown', null, 'a'], ['Unknown', null, 'z']] as const) {
          const id = await insertProject(`Inserted ${name}`, tenge, suffix);
          const order = compare({ id, tenge }, cursor);
          inserts.push({ id, ahead: forward ? order > 0 : order < 0 });
        }
      });
      expect(new Set(ids).size).toBe(ids.length);
      // Every project there before paging began is read exactly once, in its place.
      expect(ids.filter((id) => original.includes(id))).toEqual(original);
      // A row inserted ahead of the cursor is read, one behind it is not: nothing read twice, nothing skipped.
      for (const insert of inserts) expect({ ...insert, read: ids.includes(insert.id) }).toEqual({ ...insert, read: insert.ahead });
      expect(inserts.some((insert) => insert.ahead)).toBe(true);
      expect(inserts.some((insert) => !insert.ahead)).toBe(true);
      // Everything read, in the order read, is in the list's order.
      const read = pages.flatMap((page) => page.edges.map((edge) => rowOf(edge.node)));
      const inOrder = forward ? read : [...pages].reverse().flatMap((page) => page.edges.map((edge) => rowOf(edge.node)));
      for (let index = 1; index < inOrder.length; index += 1) expect(compare(inOrder[index - 1]!, inOrder[index]!)).toBeLessThan(0);
      expect(read).toHaveLength(ids.length);
    });
  });
});

describe('the lists that hang off a parent', () => {
  it('a company\'s projects page like Query.projects narrowed to the company, with cursors of their own', async () => {
    const query = `query ($after: String) { company(id: "kmk-investment") { projects(first: 1, after: $after, orderBy: [{ field: INVESTMENT, direction: DESC }]) {
      totalCount pageInfo { hasNextPage endCursor } nodes { id } } } }`;
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const data: any = await ask(query, { after });
      ids.push(...data.company.projects.nodes.map((node: { id: string }) => node.id));
      if (!data.company.projects.pageInfo.hasNextPage) break;
      after = data.company.projects.pageInfo.endCursor;
    }
    const expected = (await projectIds({ orderBy: [{ field: 'INVESTMENT', direction: 'DESC' }], filter: { companyId: { in: ['kmk-investment'] } } })).ids;
    expect(ids).toEqual(expected);
    const errors = await refused(PROJECT_PAGE, { first: 1, after, orderBy: [{ field: 'INVESTMENT', direction: 'DESC' }] });
    expect(errors[0]).toMatchObject({ message: expect.stringContaining('cursor of Company.projects, not of Query.projects'), extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('every company\'s page of projects, in one list of companies', async () => {
    const data = await ask('{ companies(first: 100) { totalCount nodes { id projects(first: 1) { totalCount nodes { id } } } } }');
    expect(data.companies.totalCount).toBe(COMPANIES.length);
    for (const company of data.companies.nodes) {
      const own = sortedIds(PROJECTS.filter((project) => project.companyId === company.id), [projectComparer('NAME', 'ASC')]);
      expect(company.projects).toEqual({ totalCount: own.length, nodes: own.slice(0, 1).map((id) => ({ id })) });
    }
  });

  it('a group\'s members and memberships are one list: the same projects, order and cursors', async () => {
    const data = await ask(`{ projectGroup(id: "implemented-to-date") {
      members(first: 5, orderBy: [{ field: NAME, direction: DESC }]) { totalCount edges { cursor node { id } } }
      memberships(first: 5, orderBy: [{ field: NAME, direction: DESC }]) { totalCount edges { cursor node { project { id } sources { paragraph } } } }
    } }`);
    const group = GROUPS.find((candidate) => candidate.id === 'implemented-to-date')!;
    const expected = sortedIds(PROJECTS.filter((project) => membersOf(group.id).has(project.id)), [projectComparer('NAME', 'DESC')]).slice(0, 5);
    expect(data.projectGroup.members.totalCount).toBe(group.members.length);
    expect(data.projectGroup.members.edges.map((edge: any) => edge.node.id)).toEqual(expected);
    expect(data.projectGroup.memberships.edges.map((edge: any) => edge.node.project.id)).toEqual(expected);
    expect(data.projectGroup.memberships.edges.map((edge: any) => edge.cursor)).toEqual(data.projectGroup.members.edges.map((edge: any) => edge.cursor));
    for (const edge of data.projectGroup.memberships.edges) expect(edge.node.sources.length).toBeGreaterThan(0);
  });

  it('a college\'s projects page through every project of the zone', async () => {
    const first = await ask('{ trainingInstitutions { projects(first: 10) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } } }');
    const page = first.trainingInstitutions[0].projects;
    expect(page.totalCount).toBe(PROJECTS.filter((project) => project.status !== 'REMOVED').length);
    const second = await ask('query ($after: String) { trainingInstitutions { projects(first: 100, after: $after) { pageInfo { hasPreviousPage } nodes { id } } } }', { after: page.pageInfo.endCursor });
    const ids = [...page.nodes, ...second.trainingInstitutions[0].projects.nodes].map((node: { id: string }) => node.id);
    expect(ids).toEqual(sortedIds(PROJECTS.filter((project) => project.status !== 'REMOVED'), [projectComparer('NAME', 'ASC')]));
    expect(second.trainingInstitutions[0].projects.pageInfo.hasPreviousPage).toBe(true);
  });
});

describe('Query.projectsByJobs', () => {
  it.each([
    ['PLANNED', 'DESC'], ['PLANNED', 'ASC'], ['CREATED', 'DESC'],
  ] as const)('orders the projects with reported jobs by %s %s, nulls last, and resolves them through the projects subgraph', async (field, direction) => {
    const data = await ask(`{ projectsByJobs(first: 100, orderBy: [{ field: ${field}, direction: ${direction} }]) { totalCount nodes { id name workforce { planned { value } created { value } } } } }`);
    const rows = PROJECT_JOBS.map((fact) => ({ id: fact.projectId, planned: fact.planned?.value ?? null, created: fact.created?.value ?? null }));
    const expected = sortedIds(rows, [{ key: (row) => (field === 'PLANNED' ? row.planned : row.created), direction }]);
    expect(data.projectsByJobs.totalCount).toBe(PROJECT_JOBS.length);
    expect(data.projectsByJobs.nodes.map((node: { id: string }) => node.id)).toEqual(expected);
    for (const node of data.projectsByJobs.nodes) expect(node.name).toBe(PROJECTS.find((project) => project.id === node.id)!.name);
  });
});

describe('Query.companies', () => {
  beforeAll(async () => {
    // Two companies the document does not have, to filter on participation: flagged synthetic.
    for (const [id, name, script, participant, sectors] of [
      ['synthetic-lists-outsider', 'Outsider', 'LATIN', false, '{CHEMICAL}'], ['synthetic-lists-bystander', 'Бақылаушы', 'KAZAKH_CYRILLIC', false, '{}'],
    ] as const) {
      await sql.query(
        `INSERT INTO companies.company (id, name, latin_name, spellings, sectors, zone_participant, synthetic)
         VALUES ($1, $2, $1, $3, $4, $5, true)`,
        [id, name, JSON.stringify([{ text: name, script, origin: 'ORIGINAL', paragraph: 1 }]), sectors, participant],
      );
    }
  });

  afterAll(async () => {
    await sql.query(`DELETE FROM companies.company WHERE id LIKE 'synthetic-lists-%'`);
  });

  const rows = () => [
    ...COMPANIES.map((company) => ({ id: company.id, name: company.name, sectors: company.sectors as string[], zoneParticipant: company.zoneParticipant })),
    { id: 'synthetic-lists-outsider', name: 'Outsider', sectors: ['CHEMICAL'], zoneParticipant: false },
    { id: 'synthetic-lists-bystander', name: 'Бақылаушы', sectors: [], zoneParticipant: false },
  ];
  const byName = (direction: 'ASC' | 'DESC') => ({ key: (row: { name: string }) => row.name, direction, compare: (a: string, b: string) => rootCollation.compare(a, b) });

  it.each(['ASC', 'DESC'] as const)('orders by name %s in the Unicode root collation', async (direction) => {
    const data = await ask(`{ companies(first: 100, orderBy: [{ field: NAME, direction: ${direction} }]) { totalCount nodes { id } } }`);
    expect(data.companies.nodes.map((node: { id: string }) => node.id)).toEqual(sortedIds(rows(), [byName(direction)]));
    expect(data.companies.totalCount).toBe(rows().length);
  });

  it.each([
    ['zone participants', { zoneParticipant: true }, (row: ReturnType<typeof rows>[number]) => row.zoneParticipant],
    ['non-participants', { zoneParticipant: false }, (row: ReturnType<typeof rows>[number]) => !row.zoneParticipant],
    ['a sector', { sector: { in: ['CHEMICAL', 'HEATING_EQUIPMENT'] } }, (row: ReturnType<typeof rows>[number]) => row.sectors.some((sector) => ['CHEMICAL', 'HEATING_EQUIPMENT'].includes(sector))],
    ['no sector known, or not a participant', { or: [{ not: { sector: { in: ['CONSTRUCTION_MATERIALS', 'HEATING_EQUIPMENT', 'CABLE_AND_WIRE', 'ENERGY_EQUIPMENT', 'RESEARCH', 'MEDICAL_DIAGNOSTICS', 'MEDICAL_PRODUCTS', 'CHEMICAL', 'CONSTRUCTION', 'MACHINE_BUILDING'] } } }, { zoneParticipant: false }] },
      (row: ReturnType<typeof rows>[number]) => row.sectors.length === 0 || !row.zoneParticipant],
  ])('filters %s', async (_, filter, keep) => {
    const data = await ask('query ($filter: CompanyFilter) { companies(first: 100, filter: $filter) { totalCount nodes { id } } }', { filter });
    const expected = sortedIds(rows().filter(keep), [byName('ASC')]);
    expect(expected.length).toBeGreaterThan(0);
    expect(data.companies).toEqual({ totalCount: expected.length, nodes: expected.map((id) => ({ id })) });
  });
});

describe('Query.landPlots', () => {
  // The document describes one plot on its own; these give the list something to order and filter.
  const extra = [
    { id: 'synthetic-lists-plot-a', hectares: '0.5', status: 'RELEASED' },
    { id: 'synthetic-lists-plot-b', hectares: '10', status: 'OPTIMIZED' },
    { id: 'synthetic-lists-plot-c', hectares: '2.2', status: 'ALLOCATED' },
    { id: 'synthetic-lists-plot-d', hectares: '156', status: 'RELEASED' },
    { id: 'synthetic-lists-plot-e', hectares: '10', status: 'ALLOCATED' },
  ];
  const rows = [...LAND_PLOTS.map((plot) => ({ id: plot.id, hectares: plot.area.hectares, status: plot.status as string })), ...extra];
  const rank: Record<string, number> = { ALLOCATED: 1, OPTIMIZED: 2, RELEASED: 3 };

  beforeAll(async () => {
    await sql.query(`INSERT INTO land.industrial_zone (id, name, synthetic) VALUES ('synthetic-lists-zone', 'Test zone', true)`);
    const step = { on: '2021-06-01', reason: 'For the list tests', sources: [], enteredBy: { subject: 'tests', role: 'editor', at: '2021-06-01T00:00:00Z', operation: 'test' } };
    for (const plot of extra) {
      await sql.query(
        `INSERT INTO land.land_plot (id, zone_id, area, status, description, synthetic, optimization, release)
         VALUES ($1, 'synthetic-lists-zone', $2, $3, 'A plot for the tests', true, $4, $5)`,
        [
          plot.id, JSON.stringify({ value: plot.hectares, unit: 'HECTARE', hectares: plot.hectares, qualifier: 'EXACT', stated: plot.hectares, sources: [] }), plot.status,
          // A released or optimized plot says when and why (the land schema checks it).
          plot.status === 'OPTIMIZED' ? JSON.stringify({ ...step, previousArea: { value: '20', unit: 'HECTARE', hectares: '20', qualifier: 'EXACT', stated: '20', sources: [] } }) : null,
          plot.status === 'RELEASED' ? JSON.stringify(step) : null,
        ],
      );
    }
  });

  afterAll(async () => {
    await sql.query(`DELETE FROM land.land_plot WHERE id LIKE 'synthetic-lists-%'`);
    await sql.query(`DELETE FROM land.industrial_zone WHERE id LIKE 'synthetic-lists-%'`);
  });

  it.each([
    ['by id when no order is given', '', []],
    ['by area descending', 'orderBy: [{ field: AREA, direction: DESC }]', [{ key: (row: typeof rows[number]) => Number(row.hectares), direction: 'DESC' as const }]],
    ['by status, then area', 'orderBy: [{ field: STATUS }, { field: AREA }]', [
      { key: (row: typeof rows[number]) => rank[row.status]!, direction: 'ASC' as const }, { key: (row: typeof rows[number]) => Number(row.hectares), direction: 'ASC' as const },
    ]],
  ])('orders %s', async (_, orderBy, keys) => {
    const data = await ask(`{ landPlots(first: 100 ${orderBy}) { totalCount nodes { id } } }`);
    expect(data.landPlots.nodes.map((node: { id: string }) => node.id)).toEqual(sortedIds(rows, keys));
  });

  it.each([
    ['status', { status: { in: ['RELEASED', 'OPTIMIZED'] } }, (row: typeof rows[number]) => row.status !== 'ALLOCATED'],
    ['an area range in hectares', { areaHectares: { min: '2.2', max: '10' } }, (row: typeof rows[number]) => Number(row.hectares) >= 2.2 && Number(row.hectares) <= 10],
    ['not an area range, or a status', { or: [{ not: { areaHectares: { max: '10' } } }, { status: { in: ['OPTIMIZED'] } }] }, (row: typeof rows[number]) => Number(row.hectares) > 10 || row.status === 'OPTIMIZED'],
  ])('filters by %s', async (_, filter, keep) => {
    const data = await ask('query ($filter: LandPlotFilter) { landPlots(first: 100, filter: $filter) { totalCount nodes { id } } }', { filter });
    const expected = sortedIds(rows.filter(keep), []);
    expect(data.landPlots).toEqual({ totalCount: expected.length, nodes: expected.map((id) => ({ id })) });
  });
});

describe('bad page sizes, forged cursors and bad filters', () => {
  let cursor: string;

  beforeAll(async () => {
    const data = await ask<{ projects: ProjectPage }>(PROJECT_PAGE, { first: 2 });
    cursor = data.projects.pageInfo.endCursor!;
  });

  /** The one error a refused request gets: BAD_USER_INPUT, saying what is wrong. */
  async function expectRefused(query: string, variables: Record<string, unknown>, message: RegExp) {
    const errors = await refused(query, variables);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code: 'BAD_USER_INPUT' } });
  }

  it.each([
    [{ first: 101 }, /^first must be at most 100 \(the largest page\), got 101/],
    [{ last: 1000 }, /^last must be at most 100 \(the largest page\), got 1000/],
    [{ first: -1 }, /^first must be a whole number from 0 to 100, got -1/],
    [{ last: -3 }, /^last must be a whole number from 0 to 100, got -3/],
    [{ first: 5, last: 5 }, /^first and last cannot be used together/],
  ])('refuses %p', async (variables, message) => {
    await expectRefused(PROJECT_PAGE, variables, message);
  });

  it('refuses a cursor with its signature changed, its payload changed, or made up', async () => {
    const [body, mac] = cursor.split('.');
    const flipped = `${body}.${mac![0] === 'A' ? 'B' : 'A'}${mac!.slice(1)}`;
    const payload = JSON.parse(Buffer.from(body!, 'base64url').toString('utf8'));
    payload.k[payload.k.length - 1] = 'a';
    const tampered = `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${mac}`;
    for (const forged of [flipped, tampered, 'bm90IGEgY3Vyc29y', `${cursor}x`]) {
      await expectRefused(PROJECT_PAGE, { first: 2, after: forged }, /^after is not a cursor this server issued/);
      await expectRefused(PROJECT_PAGE, { last: 2, before: forged }, /^before is not a cursor this server issued/);
    }
  });

  it('refuses a cursor issued for another ordering, naming both', async () => {
    await expectRefused(PROJECT_PAGE, { first: 2, after: cursor, orderBy: [{ field: 'NAME', direction: 'DESC' }] },
      /after was issued for the ordering NAME ASC, id ASC, but this request orders by NAME DESC, id ASC/);
  });

  it('refuses a cursor of another subgraph\'s list', async () => {
    const data = await ask('{ companies(first: 1) { pageInfo { endCursor } } }');
    // Signed with the companies subgraph's secret; with one CURSOR_SECRET for all, the list it names tells it apart.
    await expectRefused(PROJECT_PAGE, { first: 2, after: data.companies.pageInfo.endCursor },
      /^after (is not a cursor this server issued|is a cursor of Query\.companies, not of Query\.projects)/);
  });

  it('refuses a bad page size on a nested list', async () => {
    // A variable, as clients page: a literal 500 would be refused first by the gateway's cost limit.
    const errors = await refused('query ($first: Int) { company(id: "almerek") { id projects(first: $first) { nodes { id } } } }', { first: 500 });
    expect(errors[0]).toMatchObject({ message: expect.stringContaining('first must be at most 100'), extensions: { code: 'BAD_USER_INPUT' } });
  });

  it.each([
    [{ status: { in: [] } }, /filter\.status\.in must name at least one value/],
    [{ or: [] }, /filter\.or must hold at least one filter/],
    [{ investment: { min: '9', max: '1' } }, /filter\.investment has min 9 above max 1/],
    [{ and: [{ plannedLaunchYear: { from: 2025, to: 2020 } }] }, /filter\.and\[0\]\.plannedLaunchYear has min 2025 above max 2020/],
    [{ companyId: { in: ['Not An Id'] } }, /filter\.companyId\.in must be a record id/],
    [{ not: { not: { not: { not: { not: { status: { in: ['OPERATING'] } } } } } } }, /nests and\/or\/not more than 5 levels/],
  ])('refuses the filter %j', async (filter, message) => {
    await expectRefused(PROJECT_PAGE, { filter }, message);
  });

  it('refuses an ordering that names a field twice', async () => {
    await expectRefused(PROJECT_PAGE, { orderBy: [{ field: 'NAME' }, { field: 'NAME', direction: 'DESC' }] }, /orderBy names NAME twice/);
  });
});

describe('the keyset machinery against Postgres, on nulls and ties', () => {
  const codec = new CursorCodec('a-secret-for-the-keyset-test-only-0123456789');
  interface Row { id: string; a: number | null; b: string | null }
  const rows: Row[] = [];

  beforeAll(async () => {
    // A small deterministic generator: many nulls, many ties.
    let seed = 42;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let index = 0; index < 120; index += 1) {
      rows.push({
        id: `row-${String(Math.floor(next() * 1e6)).padStart(6, '0')}-${index}`,
        a: next() < 0.3 ? null : Math.floor(next() * 5) - 2,
        b: next() < 0.3 ? null : ['x', 'y', 'Y', 'z'][Math.floor(next() * 4)]!,
      });
    }
    await sql.query('CREATE SCHEMA keyset_check');
    await sql.query('CREATE TABLE keyset_check.item (id text PRIMARY KEY, a int, b text)');
    await sql.query('INSERT INTO keyset_check.item SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(id text, a int, b text)', [JSON.stringify(rows)]);
  });

  afterAll(async () => {
    await sql.query('DROP SCHEMA keyset_check CASCADE');
  });

  const COLUMNS: Record<'A' | 'B', { sql: string; type: SortType; nullable: boolean }> = {
    A: { sql: 't.a', type: 'integer', nullable: true },
    B: { sql: 't.b COLLATE "C"', type: 'text', nullable: true },
  };
  const orders: Array<Array<{ field: 'A' | 'B'; direction: OrderDirection }>> = [];
  for (const a of [OrderDirection.ASC, OrderDirection.DESC]) {
    orders.push([{ field: 'A', direction: a }]);
    for (const b of [OrderDirection.ASC, OrderDirection.DESC]) {
      orders.push([{ field: 'A', direction: a }, { field: 'B', direction: b }]);
      orders.push([{ field: 'B', direction: b }, { field: 'A', direction: a }]);
    }
  }

  it.each(orders.map((order) => [order.map((key) => `${key.field} ${key.direction}`).join(', '), order] as const))(
    'pages %s forwards and backwards, at several sizes, exactly as a sort with nulls last gives',
    async (_, order) => {
      const ordering = resolveOrdering(order, COLUMNS, { sql: 't.id COLLATE "C"', type: 'text' }, []);
      const expected = sortedIds(rows, order.map(({ field, direction }) => ({ key: (row: Row) => (field === 'A' ? row.a : row.b), direction })));
      const scope = { connection: 'Test.items', ordering: ordering.signature, keyCount: ordering.keys.length };
      const where = 't.id <> $1';
      const read = async (window: PageWindow) => {
        const parameters = new SqlParameters();
        parameters.add('no-such-row');
        const query = buildPageQuery({ columns: 't.id, t.a, t.b', from: 'keyset_check.item t', where }, ordering, window, parameters, { totalCount: true });
        const result = await sql.query(query.sql, query.parameters);
        return readPages<Row, string>(result.rows, { ordering, window, scope, codec, idColumn: 'id', toNode: (row) => row.id }).get(null)!;
      };
      // Size 1 is paged through the gateway above; here every ordering at two sizes.
      for (const size of [4, 13]) {
        for (const forward of [true, false]) {
          const ids: string[] = [];
          let cursor: string | null = null;
          for (let pages = 0; ; pages += 1) {
            const values = cursor === null ? null : codec.decode(cursor, scope, 'after');
            const page = await read({ size, forward, after: forward ? values : null, before: forward ? null : values });
            expect(page.totalCount).toBe(rows.length);
            if (forward) ids.push(...page.nodes);
            else ids.unshift(...page.nodes);
            expect(forward ? page.pageInfo.hasPreviousPage : page.pageInfo.hasNextPage).toBe(pages > 0);
            if (!(forward ? page.pageInfo.hasNextPage : page.pageInfo.hasPreviousPage)) break;
            cursor = forward ? page.pageInfo.endCursor : page.pageInfo.startCursor;
          }
          expect(ids).toEqual(expected);
        }
      }
    },
  );

  it('reads a window between two cursors, from either end', async () => {
    const ordering = resolveOrdering([{ field: 'A', direction: OrderDirection.DESC }], COLUMNS, { sql: 't.id COLLATE "C"', type: 'text' }, []);
    const expected = sortedIds(rows, [{ key: (row: Row) => row.a, direction: 'DESC' }]);
    const scope = { connection: 'Test.items', ordering: ordering.signature, keyCount: ordering.keys.length };
    const valuesOf = (id: string) => {
      const row = rows.find((candidate) => candidate.id === id)!;
      return [row.a === null ? null : String(row.a), row.id];
    };
    const [from, to] = [expected[10]!, expected[40]!];
    for (const forward of [true, false]) {
      const window: PageWindow = { size: 100, forward, after: valuesOf(from), before: valuesOf(to) };
      const query = buildPageQuery({ columns: 't.id', from: 'keyset_check.item t', where: null }, ordering, window, new SqlParameters(), { totalCount: false });
      const result = await sql.query(query.sql, query.parameters);
      const page = readPages<{ id: string }, string>(result.rows, { ordering, window, scope, codec, idColumn: 'id', toNode: (row) => row.id }).get(null)!;
      expect(page.nodes).toEqual(expected.slice(11, 40));
      expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    }
  });
});
