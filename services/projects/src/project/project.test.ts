import type { GraphQLSchema } from 'graphql';
import { projectColumns } from './project.repository';
import { projects } from '../subgraph';
import { runRecorded } from '../testing/recording-database';

describe('a list of projects', () => {
  let schema: GraphQLSchema;

  beforeAll(async () => {
    schema = await projects.buildSchema();
  });

  it('reads a filtered, ordered page in one statement, every value a parameter, by keyset', async () => {
    const { result, statements } = await runRecorded(schema, `{
      projects(first: 50, orderBy: [{ field: INVESTMENT, direction: DESC }],
        filter: { status: { in: [OPERATING] }, or: [{ sector: { in: [CHEMICAL] } }, { investment: { min: "100", includeUnknown: true } }] }) {
        totalCount nodes { id }
      }
    }`);
    expect(result.errors).toBeUndefined();
    expect(statements).toHaveLength(1);
    const [{ sql, parameters }] = statements;
    expect(sql).not.toMatch(/OFFSET|OPERATING|CHEMICAL|100/);
    expect(sql).toContain('ORDER BY p.investment_tenge DESC NULLS LAST, p.id COLLATE "C" ASC NULLS LAST');
    expect(parameters).toEqual(['OPERATING', ['CHEMICAL'], '100', 51]);
  });

  it('filters on one status by equality, which the (status, name) index answers in name order, and on several by ANY', async () => {
    const one = await runRecorded(schema, '{ projects(first: 50, filter: { status: { in: [OPERATING] } }) { nodes { id } } }');
    expect(one.result.errors).toBeUndefined();
    expect(one.statements[0]!.sql).toContain('WHERE (p.status = $1::text)');
    expect(one.statements[0]!.parameters[0]).toBe('OPERATING');
    const several = await runRecorded(schema, '{ projects(first: 50, filter: { status: { in: [OPERATING, PLANNED] } }) { nodes { id } } }');
    expect(several.result.errors).toBeUndefined();
    expect(several.statements[0]!.sql).toContain('WHERE (p.status = ANY($1::text[]))');
    expect(several.statements[0]!.parameters[0]).toEqual(['OPERATING', 'PLANNED']);
  });

  it('refuses bad arguments with BAD_USER_INPUT before any SQL runs', async () => {
    for (const query of [
      '{ projects(first: 101) { totalCount } }',
      '{ projects(first: 1, last: 1) { totalCount } }',
      '{ projects(after: "forged") { totalCount } }',
      '{ projects(filter: { status: { in: [] } }) { totalCount } }',
    ]) {
      const { result, statements } = await runRecorded(schema, query);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(statements).toHaveLength(0);
    }
  });
});

describe('the columns a page of projects reads', () => {
  let schema: GraphQLSchema;

  beforeAll(async () => {
    schema = await projects.buildSchema();
  });

  const columnsRead = async (selection: string) => {
    const fragment = selection.includes('...F') ? ' fragment F on Project { status groups { id } }' : '';
    const { result, statements } = await runRecorded(schema, `{ projects(first: 5) { ${selection} } }${fragment}`);
    expect(result.errors).toBeUndefined();
    return statements[0]!.sql;
  };

  it('are those of the fields selected on its projects, under nodes, edges and fragments', async () => {
    const lean = await columnsRead('nodes { id name status company { id } } edges { cursor node { __typename nameKk } }');
    expect(lean).toMatch(/p\.id, p\.name, p\.status, p\.company_id, p\.name_kk/);
    expect(lean).not.toMatch(/p\.sources|p\.names|memberships/);
    // A fragment's fields count, groups bring the memberships.
    expect(await columnsRead('nodes { id ...F }')).toMatch(/memberships/);
  });

  it('are every column for a field the list does not know, or when no project is selected', async () => {
    expect(projectColumns(new Set(['id', 'aFieldAddedLater']))).toBe(projectColumns(null));
    expect(await columnsRead('totalCount')).toMatch(/p\.sources, p\.names/);
  });
});
