import { buildSchema, execute, GraphQLError, type GraphQLObjectType, type GraphQLResolveInfo, parse } from 'graphql';
import { recordQuery, recordValue, recordVariables } from './federated-read';

const schema = buildSchema(`
  type Query { project(id: ID!): Project, projectStats(groupBy: String!, limit: Int): [Bucket!]! }
  type Project { id: ID!, name(lang: String): String, company: Company }
  type Company { name: String }
  type Bucket { key: String! }
  type Subscription { projectChanged(after: String): Change! }
  type Change { eventId: String!, project: Project, projectStats(groupBy: String!, limit: Int): [Bucket!]! }
`);

/** The resolve info graphql-js hands a payload field of `document`. */
function infoOf(document: string, field: string, variableValues: Record<string, unknown> = {}): GraphQLResolveInfo {
  let captured: GraphQLResolveInfo | undefined;
  const changeType = schema.getType('Change') as GraphQLObjectType;
  changeType.getFields()[field]!.resolve = (_source, _args, _context, info) => {
    captured = info;
    return null;
  };
  const result = execute({ schema, document: parse(document), rootValue: {}, variableValues, fieldResolver: (_source, _args, _context, info) => (info.fieldName === 'eventId' ? 'e' : {}) });
  if (!captured) throw new Error(`${field} was not resolved: ${JSON.stringify(result)}`);
  return captured;
}

describe('a payload record read through the graph', () => {
  it('is the selection under the Query field that answers it, with the fragments and variables it uses and nothing else', () => {
    const info = infoOf(`
      subscription Watch($after: String, $lang: String, $unused: Int) {
        projectChanged(after: $after) { eventId project { id ...Named company { name } } }
      }
      fragment Named on Project { name(lang: $lang) }
      fragment Unused on Project { id }
    `, 'project', { lang: 'kk', after: 'x', unused: 1 });
    const query = recordQuery({ field: 'project', rootField: 'project', arguments: 'id' }, info);
    expect(query.text).toBe([
      'query Watch_project($__azgSubject: ID!, $lang: String) {',
      '  __azgValue: project(id: $__azgSubject) {',
      '    __typename',
      '    id',
      '    ...Named',
      '    company {',
      '      __typename',
      '      name',
      '    }',
      '  }',
      '}',
      '',
      'fragment Named on Project {',
      '  __typename',
      '  name(lang: $lang)',
      '}',
    ].join('\n'));
    expect(recordVariables(query, info, 'valtherm-radiator-plant')).toEqual({ __azgSubject: 'valtherm-radiator-plant', lang: 'kk' });
  });

  it('takes the payload field\'s own arguments when the Query field shares them', () => {
    const info = infoOf('subscription ($n: Int) { projectChanged { projectStats(groupBy: "STATUS", limit: $n) { key } } }', 'projectStats', { n: 3 });
    const query = recordQuery({ field: 'projectStats', rootField: 'projectStats', arguments: 'copied' }, info);
    expect(query.text).toContain('__azgValue: projectStats(groupBy: "STATUS", limit: $n)');
    expect(recordVariables(query, info, null)).toEqual({ n: 3 });
  });

  it('moves errors under the payload field\'s path, and throws an error that left no value', () => {
    const errors = new Map<string, GraphQLError>();
    const value = recordValue({
      data: { __azgValue: { id: 'a', company: null } },
      errors: [new GraphQLError('companies is unavailable', { path: ['__azgValue', 'company'], extensions: { code: 'SUBGRAPH_UNAVAILABLE' } })],
    }, ['projectChanged', 'project'], errors);
    expect(value).toEqual({ id: 'a', company: null });
    expect([...errors.keys()]).toEqual([JSON.stringify(['projectChanged', 'project', 'company'])]);
    expect(errors.values().next().value).toMatchObject({ message: 'companies is unavailable', extensions: { code: 'SUBGRAPH_UNAVAILABLE' } });

    expect(() => recordValue({ errors: [new GraphQLError('Too slow', { extensions: { code: 'REQUEST_TIMEOUT' } })] }, ['projectChanged', 'project'], new Map()))
      .toThrow('Too slow');
  });
});
