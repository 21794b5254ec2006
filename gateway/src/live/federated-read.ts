import {
  type ArgumentNode, type DocumentNode, type ExecutionResult, type FieldNode, type FragmentDefinitionNode, GraphQLError, type GraphQLResolveInfo, Kind,
  type OperationDefinitionNode, print, type SelectionNode, type SelectionSetNode, type VariableDefinitionNode, visit,
} from 'graphql';
import type { RecordField } from './live-fields';

/** The alias the record's root field gets in the query the gateway sends itself. */
const VALUE = '__azgValue';
const SUBJECT_VARIABLE = '__azgSubject';

/** A payload field's selection as a query of its own, and which of the subscriber's variables it needs. */
export interface RecordQuery {
  text: string;
  variables: readonly string[];
}

const TYPENAME: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

/**
 * Adds `__typename` to every selection set: an abstract type's value can then be told apart when
 * the gateway executes the payload again over the answer (graphql-js reads `__typename`).
 */
function withTypenames(selectionSet: SelectionSetNode): SelectionSetNode {
  return visit(selectionSet, {
    SelectionSet: {
      leave: (node: SelectionSetNode) => ({ ...node, selections: [TYPENAME, ...node.selections] }),
    },
  });
}

/** The fragments a selection spreads, directly or through other fragments. */
function fragmentsUsed(selections: readonly SelectionNode[], fragments: GraphQLResolveInfo['fragments']): FragmentDefinitionNode[] {
  const found = new Map<string, FragmentDefinitionNode>();
  const walk = (node: { selections: readonly SelectionNode[] } | SelectionNode[]) => {
    visit({ kind: Kind.SELECTION_SET, selections: 'selections' in node ? node.selections : node } as SelectionSetNode, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        const fragment = fragments[name];
        if (fragment && !found.has(name)) {
          found.set(name, fragment);
          walk(fragment.selectionSet);
        }
      },
    });
  };
  walk([...selections]);
  return [...found.values()];
}

function variablesUsed(nodes: readonly { kind: Kind }[]): Set<string> {
  const names = new Set<string>();
  for (const node of nodes) visit(node as never, { Variable: (variable) => { names.add(variable.name.value); } });
  return names;
}

const queries = new WeakMap<FieldNode, Map<string, RecordQuery>>();

/**
 * The query that reads a payload field through the graph: the field's selection under the Query
 * field that answers it (`project(id: $subject) { ...selection }`), with the fragments and
 * variable definitions of the subscription that it uses. Built once per field of a parsed
 * document (cached on its AST node).
 */
export function recordQuery(record: RecordField, info: GraphQLResolveInfo): RecordQuery {
  const first = info.fieldNodes[0]!;
  let byRecord = queries.get(first);
  const cached = byRecord?.get(record.field);
  if (cached) return cached;
  const selections = info.fieldNodes.flatMap((node) => node.selectionSet?.selections ?? []);
  const fragments = fragmentsUsed(selections, info.fragments).map((fragment) => ({ ...fragment, selectionSet: withTypenames(fragment.selectionSet) }));
  const copiedArguments: readonly ArgumentNode[] = record.arguments === 'copied' ? first.arguments ?? [] : [];
  const used = variablesUsed([...selections, ...fragments, ...copiedArguments]);
  const definitions: VariableDefinitionNode[] = (info.operation.variableDefinitions ?? []).filter((definition) => used.has(definition.variable.name.value));
  const rootArguments: ArgumentNode[] = record.arguments === 'id'
    ? [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'id' }, value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: SUBJECT_VARIABLE } } }]
    : [...copiedArguments];
  if (record.arguments === 'id') {
    definitions.unshift({
      kind: Kind.VARIABLE_DEFINITION,
      variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: SUBJECT_VARIABLE } },
      type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'ID' } } },
    });
  }
  const operation: OperationDefinitionNode = {
    kind: Kind.OPERATION_DEFINITION,
    operation: 'query' as never,
    name: { kind: Kind.NAME, value: `${info.operation.name?.value ?? 'Subscription'}_${record.field}` },
    variableDefinitions: definitions,
    selectionSet: {
      kind: Kind.SELECTION_SET,
      selections: [{
        kind: Kind.FIELD,
        alias: { kind: Kind.NAME, value: VALUE },
        name: { kind: Kind.NAME, value: record.rootField },
        arguments: rootArguments,
        selectionSet: withTypenames({ kind: Kind.SELECTION_SET, selections }),
      }],
    },
  };
  const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] };
  const query: RecordQuery = { text: print(document), variables: definitions.map((definition) => definition.variable.name.value) };
  if (!byRecord) queries.set(first, byRecord = new Map());
  byRecord.set(record.field, query);
  return query;
}

/** The variables a record query is sent with: the subscriber's it uses, and the subject. */
export function recordVariables(query: RecordQuery, info: GraphQLResolveInfo, subject: string | null): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const name of query.variables) {
    if (name === SUBJECT_VARIABLE) variables[name] = subject;
    else if (name in info.variableValues) variables[name] = info.variableValues[name];
  }
  return variables;
}

/** A path as one string key: response keys and list indexes. */
export function pathKey(path: readonly (string | number)[]): string {
  return JSON.stringify(path);
}

/**
 * The record's value from the answer, and its errors moved under the payload field: each keyed
 * by the path it has in the subscriber's answer, for the resolvers below the record to throw
 * where graphql-js expects them. An answer with no value and errors off any path throws the first.
 */
export function recordValue(result: ExecutionResult, fieldPath: readonly (string | number)[], errors: Map<string, GraphQLError>): unknown {
  const value = (result.data as Record<string, unknown> | null | undefined)?.[VALUE];
  let unplaced: GraphQLError | undefined;
  for (const error of result.errors ?? []) {
    const copy = new GraphQLError(error.message, { extensions: error.extensions });
    if (error.path && error.path[0] === VALUE && error.path.length > 1) errors.set(pathKey([...fieldPath, ...error.path.slice(1)]), copy);
    else unplaced ??= copy;
  }
  if ((value === null || value === undefined) && unplaced) throw unplaced;
  return value ?? null;
}
