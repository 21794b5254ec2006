/**
 * No N+1: the SQL statements behind a query are counted in every subgraph (each reports its
 * count to the gateway when asked with x-azg-sql-stats) and must not grow with the data.
 */
import { startStack, type Stack } from './support/stack';
import { addSyntheticCopies, removeSyntheticCopies } from './support/synthetic-copies';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
}, 180_000);

afterAll(async () => {
  await removeSyntheticCopies(stack.databaseUrl).catch(() => undefined);
  await stack?.stop();
});

const EVERY_PROJECT = `{
  projects {
    id name status investment { tenge qualifier }
    company { id name legalForm spellings { text } }
    landPlots { id status area { hectares qualifier } }
    workforce { planned { value } created { value } }
    groups { id name reportedInvestment { tenge } }
  }
}`;

interface Fetch { service: string; sqlStatements: number }

async function measure(query: string) {
  const { status, body } = await stack.query<{ projects: unknown[] }>(query, {}, { 'x-azg-sql-stats': '1' });
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  const fetches = body.extensions?.subgraphFetches as Fetch[] | undefined;
  expect(Array.isArray(fetches)).toBe(true);
  return {
    rows: body.data!.projects.length,
    fetches: fetches!,
    statements: fetches!.reduce((sum, fetch) => sum + fetch.sqlStatements, 0),
  };
}

describe('every project with its company, land plots, workforce and groups', () => {
  it('costs at most one SQL statement per subgraph fetch, on the document\'s data and on ten times as many rows', async () => {
    const documentSize = await measure(EVERY_PROJECT);
    expect(documentSize.rows).toBe(28);
    expect(documentSize.fetches.map((fetch) => fetch.service).sort()).toEqual(['companies', 'land', 'projects', 'workforce']);
    for (const fetch of documentSize.fetches) expect(fetch).toEqual({ service: fetch.service, sqlStatements: 1 });

    await addSyntheticCopies(stack.databaseUrl, 9);
    const tenTimes = await measure(EVERY_PROJECT);
    expect(tenTimes.rows).toBe(280);
    expect(tenTimes.fetches).toEqual(documentSize.fetches);
    expect(tenTimes.statements).toBe(documentSize.statements);
  });

  it('batches entity references: a group\'s members and their companies are one statement each', async () => {
    const { status, body } = await stack.query(`{
      projectGroups { id members { id company { name } workforce { planned { value } } } jobs { planned { value } } }
    }`, {}, { 'x-azg-sql-stats': '1' });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const fetches = body.extensions!.subgraphFetches as Fetch[];
    for (const fetch of fetches) expect(fetch.sqlStatements).toBeLessThanOrEqual(2);
    const companies = fetches.filter((fetch) => fetch.service === 'companies');
    expect(companies).toEqual([{ service: 'companies', sqlStatements: 1 }]);
  });
});
