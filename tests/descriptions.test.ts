import { readFileSync } from 'node:fs';
import {
  isEnumType, isInputObjectType, isInterfaceType, isIntrospectionType, isObjectType, type GraphQLArgument, type GraphQLSchema,
} from 'graphql';
import { apiSchemaOf } from '@azg/gateway/api-schema';
import { SUPERGRAPH_PATH } from '@azg/scripts/repository';

/**
 * The schema clients see is its own documentation: every type, field, argument, input field and
 * enum value of the composed API schema says what it is. (The composition test keeps
 * schema/supergraph.graphql equal to what the code produces, so this walks the real thing.)
 */
export function undescribedElements(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const check = (coordinate: string, description: string | null | undefined) => {
    if (!description?.trim()) missing.push(coordinate);
  };
  const checkArguments = (owner: string, args: readonly GraphQLArgument[]) => {
    for (const argument of args) check(`${owner}(${argument.name}:)`, argument.description);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type)) continue;
    check(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        check(`${type.name}.${field.name}`, field.description);
        checkArguments(`${type.name}.${field.name}`, field.args);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) check(`${type.name}.${field.name}`, field.description);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
    }
  }
  return missing.sort();
}

describe('the composed API schema', () => {
  const schema = apiSchemaOf(readFileSync(SUPERGRAPH_PATH, 'utf8'));

  it('describes every type, field, argument, input field and enum value', () => {
    expect(undescribedElements(schema)).toEqual([]);
  });

  it('is walked in full: the walk would notice a missing description', () => {
    const stripped = apiSchemaOf(readFileSync(SUPERGRAPH_PATH, 'utf8'));
    const project = stripped.getType('Project');
    if (!isObjectType(project)) throw new Error('the schema has no Project type');
    project.getFields().name!.description = undefined;
    expect(undescribedElements(stripped)).toContain('Project.name');
  });
});
