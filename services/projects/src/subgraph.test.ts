import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import { projects } from './subgraph';

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

describe('the projects schema', () => {
  let schema: GraphQLSchema;

  beforeAll(async () => {
    schema = await projects.buildSchema();
  });

  it('describes every type, field, argument and enum value it serves', () => {
    expect(undescribed(schema)).toEqual([]);
  });
});
