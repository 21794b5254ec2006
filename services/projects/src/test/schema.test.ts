import { RequestDatabase, type SqlRunner } from '@azg/core/database';
import { Language } from '@azg/core/i18n';
import { ANONYMOUS } from '@azg/core/identity';
import { CursorCodec, cursorSecret } from '@azg/core/pagination';
import { detachedRequestInfo } from '@azg/core/server';
import { graphql, isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import type { Context } from '../context';
import { projects } from '../subgraph';

const isMachinery = (name: string) => name.startsWith('_') || name.includes('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(name);

/** Every type, field, argument and enum value with no description. */
function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (isMachinery(type.name)) continue;
    if (!type.description && type.name !== 'Query') missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (field.name.startsWith('_')) continue;
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const argument of 'args' in field ? field.args : []) if (!argument.description) missing.push(`${type.name}.${field.name}(${argument.name})`);
      }
    }
    if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
  }
  return missing;
}

/** Records the statements a request runs and answers each with no rows. */
function recordingDatabase() {
  const statements: Array<{ sql: string; parameters: unknown[] }> = [];
  const runner: SqlRunner = {
    async query<Row>(sql: string, parameters: unknown[] = []) {
      statements.push({ sql, parameters });
      return [] as Row[];
    },
  };
  return { statements, db: new RequestDatabase(runner as never) };
}

async function run(schema: GraphQLSchema, source: string, variableValues?: Record<string, unknown>) {
  const { statements, db } = recordingDatabase();
  const contextValue: Context = projects.createContext({ db, reportSqlStats: false, cursors: new CursorCodec(cursorSecret()), language: Language.KK, request: detachedRequestInfo(), identity: ANONYMOUS });
  const result = await graphql({ schema, source, variableValues, contextValue });
  return { result, statements };
}

describe('the projects schema', () => {
  let schema: GraphQLSchema;

  beforeAll(async () => {
    schema = await projects.buildSchema();
  });

  it('describes every type, field, argument and enum value it serves', () => {
    expect(undescribed(schema)).toEqual([]);
  });

  it('reads a filtered, ordered page in one statement, every value a parameter, by keyset', async () => {
    const { result, statements } = await run(schema, `{
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
    expect(parameters).toEqual([['OPERATING'], ['CHEMICAL'], '100', 51]);
  });

  it('reads every company\'s page of projects in one statement', async () => {
    const { result, statements } = await run(schema, `query ($representations: [_Any!]!) {
      _entities(representations: $representations) { ... on Company { projects(first: 3) { nodes { id } } } }
    }`, { representations: [{ __typename: 'Company', id: 'almerek' }, { __typename: 'Company', id: 'kmk-investment' }] });
    expect(result.errors).toBeUndefined();
    expect(statements).toHaveLength(1);
    expect(statements[0]!.parameters).toEqual([['almerek', 'kmk-investment'], 4]);
  });

  it('refuses bad arguments with BAD_USER_INPUT before any SQL runs', async () => {
    for (const query of [
      '{ projects(first: 101) { totalCount } }',
      '{ projects(first: 1, last: 1) { totalCount } }',
      '{ projects(after: "forged") { totalCount } }',
      '{ projects(filter: { status: { in: [] } }) { totalCount } }',
    ]) {
      const { result, statements } = await run(schema, query);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(statements).toHaveLength(0);
    }
  });
});
