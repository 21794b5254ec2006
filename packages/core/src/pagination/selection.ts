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
