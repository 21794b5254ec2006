import { type FieldNode, type FragmentDefinitionNode, Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** The fragments of a document by name, as `GraphQLResolveInfo.fragments` holds them. */
export type Fragments = Readonly<Record<string, FragmentDefinitionNode | undefined>>;

/**
 * The fields a selection set asks directly, through inline fragments and fragment spreads (each
 * fragment once). Directives (@include/@skip) are not evaluated: a field they may skip counts as
 * selected, which costs work but never a wrong answer.
 */
export function directFields(selectionSet: SelectionSetNode | undefined, fragments: Fragments): FieldNode[] {
  const fields: FieldNode[] = [];
  const visited = new Set<string>();
  const collect = (set: SelectionSetNode | undefined): void => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        collect(fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  collect(selectionSet);
  return fields;
}

/** The fields the field being resolved selects directly beneath it (see `directFields`). */
function fieldsBeneath(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): FieldNode[] {
  return info.fieldNodes.flatMap((node) => directFields(node.selectionSet, info.fragments));
}

/**
 * Whether the field being resolved selects `name` directly beneath it, e.g. whether a connection
 * was asked for its `totalCount`, so that work nobody asked for is not done.
 */
export function selectsField(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, name: string): boolean {
  return fieldsBeneath(info).some((field) => field.name.value === name);
}

/**
 * The fields a connection field selects on its records, under `nodes` and under `edges { node }`,
 * so that a list reads only the columns they need. Null when the connection's records are not
 * selected at all.
 */
export function selectedNodeFields(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): Set<string> | null {
  const nodeSelections = fieldsBeneath(info).flatMap((field) => {
    if (field.name.value === 'nodes') return [field];
    if (field.name.value === 'edges') return directFields(field.selectionSet, info.fragments).filter((edgeField) => edgeField.name.value === 'node');
    return [];
  });
  if (nodeSelections.length === 0) return null;
  return new Set(nodeSelections.flatMap((node) => directFields(node.selectionSet, info.fragments).map((field) => field.name.value)));
}
