import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Whether the field being resolved selects `name` directly beneath it (through inline fragments
 * and fragment spreads too), e.g. whether a connection was asked for its `totalCount`, so that
 * work nobody asked for is not done. Directives (@include/@skip) are not evaluated: a field
 * they may skip counts as selected, which costs work but never a wrong answer.
 */
export function selectsField(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, name: string): boolean {
  const visited = new Set<string>();
  const search = (selectionSet: SelectionSetNode | undefined): boolean => {
    if (!selectionSet) return false;
    return selectionSet.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === name;
      if (selection.kind === Kind.INLINE_FRAGMENT) return search(selection.selectionSet);
      const fragmentName = selection.name.value;
      if (visited.has(fragmentName)) return false;
      visited.add(fragmentName);
      return search(info.fragments[fragmentName]?.selectionSet);
    });
  };
  return info.fieldNodes.some((node) => search(node.selectionSet));
}

/**
 * The fields a connection field selects on its records, under `nodes` and under `edges { node }`
 * (through inline fragments and fragment spreads, directives not evaluated), so that a list
 * reads only the columns they need. Null when the connection's records are not selected at all.
 */
export function selectedNodeFields(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): Set<string> | null {
  let found: Set<string> | null = null;
  const visited = new Set<string>();
  const each = (selectionSet: SelectionSetNode | undefined, onField: (name: string, selectionSet: SelectionSetNode | undefined) => void): void => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) onField(selection.name.value, selection.selectionSet);
      else if (selection.kind === Kind.INLINE_FRAGMENT) each(selection.selectionSet, onField);
      else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        each(info.fragments[selection.name.value]?.selectionSet, onField);
      }
    }
  };
  const collect = (selectionSet: SelectionSetNode | undefined) => each(selectionSet, (name) => (found ??= new Set()).add(name));
  for (const node of info.fieldNodes) {
    each(node.selectionSet, (name, selectionSet) => {
      if (name === 'nodes') collect(selectionSet);
      if (name === 'edges') each(selectionSet, (edgeField, nodeSelection) => edgeField === 'node' && collect(nodeSelection));
    });
  }
  return found;
}
