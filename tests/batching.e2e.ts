/**
 * No N+1: the SQL statements behind a query are counted in every subgraph (each reports its
 * count to the gateway when asked with x-azg-sql-stats) and must not grow with the data or the
 * page size. The large tables come from the synthetic-data generator (`npm run seed:synthetic`):
 * AZG_SYNTHETIC_SCALE copies of the document (4 here; `npm run test:scale` runs 358, some 10,000 projects).
 */
import { Pool } from 'pg';
import { removeSyntheticData, writeSyntheticData } from '@azg/scripts/seed-synthetic';
import { sharedStack } from './support/shared-stack';

const SCALE = Number(process.env.AZG_SYNTHETIC_SCALE ?? '4');
/** Projects in the document. */
const DOCUMENT_PROJECTS = 28;

/** The shared stack: the synthetic rows this file writes it removes again in its last test (see shared-stack.ts). */
const stack = sharedStack();

// Page sizes are variables, as a client sends them (the gateway's cost limit multiplies a literal `first` into the cost).
const EVERY_PROJECT = `query ($first: Int = 100) {
  projects(first: $first) {
    totalCount
    nodes {
      id name status investment { tenge qualifier }
      company { id name legalForm spellings { text } }
      landPlots { id status area { hectares qualifier } }
      workforce { planned { value } created { value } }
      groups { id name reportedInvestment { tenge } }
    }
  }
}`;

/** A page of projects as a frontend lists them: filtered, ordered on three keys, with company, land and workforce. */
const PAGE_OF_PROJECTS = `query ($first: Int!, $after: String) {
  projects(
    first: $first, after: $after,
    orderBy: [{ field: STATUS }, { field: INVESTMENT, direction: DESC }, { field: NAME }],
    filter: { status: { in: [OPERATING, UNDER_CONSTRUCTION, COMMISSIONING, PLANNED] }, not: { sector: { in: [RESEARCH] } } }
  ) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id name status investment { tenge }
      company { name legalForm }
      landPlots { id area { hectares } }
      workforce { planned { value } created { value } }
    }
  }
}`;

interface Fetch { service: string; sqlStatements: number }
interface ProjectPage { totalCount: number; pageInfo?: { hasNextPage: boolean; endCursor: string | null }; nodes: unknown[] }

async function measure(query: string, variables: Record<string, unknown> = {}) {
  const { status, body } = await stack.query<{ projects: ProjectPage }>(query, variables, { 'x-azg-sql-stats': '1' });
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  const fetches = body.extensions?.subgraphFetches as Fetch[] | undefined;
  expect(Array.isArray(fetches)).toBe(true);
  return {
    page: body.data!.projects,
    fetches: fetches!,
    statements: fetches!.reduce((sum, fetch) => sum + fetch.sqlStatements, 0),
  };
}

/** Each of the four subgraphs fetched once, each fetch one statement. */
function expectOneStatementPerSubgraph(fetches: Fetch[]): void {
  expect(fetches.map((fetch) => fetch.service).sort()).toEqual(['companies', 'land', 'projects', 'workforce']);
  for (const fetch of fetches) expect(fetch).toEqual({ service: fetch.service, sqlStatements: 1 });
}

describe(`lists on the document's data and on ${SCALE + 1} times as many rows`, () => {
  let documentAnswer: unknown;
  let documentEveryProject: Awaited<ReturnType<typeof measure>>;
  let documentPages: Array<Awaited<ReturnType<typeof measure>>>;

  beforeAll(async () => {
    documentEveryProject = await measure(EVERY_PROJECT);
    documentAnswer = documentEveryProject.page;
    documentPages = [await measure(PAGE_OF_PROJECTS, { first: 5 }), await measure(PAGE_OF_PROJECTS, { first: 50 })];
    await writeSyntheticData(stack.databaseUrl, SCALE);
  }, 900_000);

  // The last test removes the rows and checks what is left; this only makes sure they go when
  // it failed or was skipped, since the stack is shared.
  afterAll(async () => {
    await removeSyntheticData(stack.databaseUrl);
  }, 300_000);

  it('every project with its company, land plots, workforce and groups costs one statement per subgraph fetch, at any size', async () => {
    expect(documentEveryProject.page.totalCount).toBe(DOCUMENT_PROJECTS);
    expect(documentEveryProject.page.nodes).toHaveLength(DOCUMENT_PROJECTS);
    expectOneStatementPerSubgraph(documentEveryProject.fetches);

    const large = await measure(EVERY_PROJECT);
    expect(large.page.totalCount).toBe(DOCUMENT_PROJECTS * (SCALE + 1));
    expect(large.page.nodes).toHaveLength(Math.min(100, DOCUMENT_PROJECTS * (SCALE + 1)));
    expect(large.fetches).toEqual(documentEveryProject.fetches);
    expect(large.statements).toBe(documentEveryProject.statements);
  });

  it('a filtered, ordered page of 50 projects with company, land and workforce costs the same statements as a page of 5, on any table size', async () => {
    const [documentFive, documentFifty] = documentPages;
    expectOneStatementPerSubgraph(documentFive!.fetches);
    expect(documentFifty!.fetches).toEqual(documentFive!.fetches);
    expect(documentFive!.page.nodes).toHaveLength(5);
    // The document has fewer than 50 such projects: the page holds them all.
    expect(documentFifty!.page.nodes).toHaveLength(documentFifty!.page.totalCount);

    const five = await measure(PAGE_OF_PROJECTS, { first: 5 });
    const fifty = await measure(PAGE_OF_PROJECTS, { first: 50 });
    const nextFifty = await measure(PAGE_OF_PROJECTS, { first: 50, after: fifty.page.pageInfo!.endCursor });
    expect(fifty.page.totalCount).toBe(documentFifty!.page.totalCount * (SCALE + 1));
    expect(fifty.page.nodes).toHaveLength(50);
    expect(nextFifty.page.nodes).toHaveLength(Math.min(50, fifty.page.totalCount - 50));
    for (const measured of [five, fifty, nextFifty]) {
      expect(measured.fetches).toEqual(documentFive!.fetches);
      expect(measured.statements).toBe(documentFive!.statements);
    }
  });

  it('batches a list per parent: every group\'s page of members, and their companies, are one statement each', async () => {
    const { status, body } = await stack.query(`query ($groups: Int!, $members: Int!) {
      projectGroups(first: $groups) { totalCount nodes { id members(first: $members) { totalCount nodes { id company { name } workforce { planned { value } } } } jobs { planned { value } } } }
    }`, { groups: 20, members: 5 }, { 'x-azg-sql-stats': '1' });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const groups = (body.data as { projectGroups: { totalCount: number; nodes: unknown[] } }).projectGroups;
    expect(groups.nodes).toHaveLength(Math.min(20, groups.totalCount));
    const fetches = body.extensions!.subgraphFetches as Fetch[];
    // The page of groups, then all their pages of members: two statements in the projects fetch, whatever the number of groups.
    for (const fetch of fetches) expect(fetch.sqlStatements).toBeLessThanOrEqual(2);
    const companies = fetches.filter((fetch) => fetch.service === 'companies');
    expect(companies).toEqual([{ service: 'companies', sqlStatements: 1 }]);
  });

  it('leaves the planner knowing the tables\' new size, so pages are planned for it and not for the document\'s 28 projects', async () => {
    const database = new Pool({ connectionString: stack.databaseUrl, max: 1 });
    try {
      for (const table of ['projects.project', 'projects.project_group', 'projects.group_membership']) {
        const [{ rows, estimated }] = (await database.query<{ rows: number; estimated: number }>(
          `SELECT count(*)::int AS rows, (SELECT reltuples::int FROM pg_class WHERE oid = $1::regclass) AS estimated FROM ${table}`, [table],
        )).rows as [{ rows: number; estimated: number }];
        expect({ table, estimated }).toEqual({ table, estimated: rows });
      }
    } finally {
      await database.end();
    }
  });

  it('removing the synthetic rows leaves the document\'s answer exactly as it was', async () => {
    const removed = await removeSyntheticData(stack.databaseUrl);
    expect(removed.projects.removedRows).toBeGreaterThan(DOCUMENT_PROJECTS * SCALE);
    expect((await measure(EVERY_PROJECT)).page).toEqual(documentAnswer);
  });
});
