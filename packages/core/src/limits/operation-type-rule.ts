import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

/**
 * Refuses an operation whose type (mutation, subscription) the schema does not have. graphql-js
 * 16 lets such an operation through validation, and Apollo's query planner then fails on it with
 * a 500; refused here it is a 400 GRAPHQL_VALIDATION_FAILED like any operation that does not fit.
 */
export function knownOperationTypeRule(context: ValidationContext): ASTVisitor {
  const schema = context.getSchema();
  return {
    OperationDefinition(operation) {
      if (schema.getRootType(operation.operation) === undefined) {
        context.reportError(new GraphQLError(`This graph has no ${operation.operation} operations.`, { nodes: [operation] }));
      }
    },
  };
}
