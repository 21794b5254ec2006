import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { type FragmentDefinitionNode, Kind, type SelectionSetNode } from 'graphql';

/** The header an answer that may not be cached carries, as Apollo's cache-control plugin writes it. */
export const UNCACHEABLE = 'no-store';

/**
 * The Cache-Control header of a subgraph's answers, which the gateway's response cache reads.
 *
 * With `dynamicHints`, Apollo's cache-control plugin works the policy out field by field, so a
 * resolver may call `info.cacheControl.setCacheHint`; it does so through a hook around every
 * resolver of every request, which cost the subgraphs a tenth of their time under load.
 *
 * Without (the services': no resolver sets a hint and no schema has `@cacheControl`), the policy
 * is the one that plugin reaches for such a schema, worked out without a hook per field: a root
 * field takes `defaultMaxAge`, as does every object field below it, so an answer without errors
 * that resolved a root field may be cached for `defaultMaxAge` seconds by anyone (`public`); one
 * with errors, one that asked only `__typename` or introspection, or any with a `defaultMaxAge`
 * of 0 may not (`no-store`). Returns a list of plugins: Apollo Server adds its own cache-control
 * plugin (with its hook) unless told that it is disabled.
 */
export function cachePolicyPlugins<Context extends BaseContext>(defaultMaxAge: number, dynamicHints: boolean): Array<ApolloServerPlugin<Context>> {
  if (dynamicHints) return [ApolloServerPluginCacheControl({ defaultMaxAge }) as ApolloServerPlugin<Context>];
  const cacheable = defaultMaxAge > 0 ? `max-age=${defaultMaxAge}, public` : null;
  return [ApolloServerPluginCacheControlDisabled() as ApolloServerPlugin<Context>, {
    async requestDidStart() {
      return {
        async willSendResponse({ response, operation, document }) {
          const clean = response.body.kind === 'single' && !response.body.singleResult.errors;
          const resolvesField = operation !== undefined && document !== undefined && selectsSchemaField(operation.selectionSet, fragmentsOf(document.definitions));
          response.http.headers.set('cache-control', clean && resolvesField && cacheable !== null ? cacheable : UNCACHEABLE);
        },
      };
    },
  }];
}

function fragmentsOf(definitions: readonly { kind: Kind }[]): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set((definition as FragmentDefinitionNode).name.value, definition as FragmentDefinitionNode);
  return fragments;
}

/** Whether a root selection set asks a field of the schema's own (not `__typename`, `__schema` or `__type`). */
function selectsSchemaField(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): boolean {
  return selectionSet.selections.some((selection) => {
    if (selection.kind === Kind.FIELD) return !selection.name.value.startsWith('__');
    if (selection.kind === Kind.INLINE_FRAGMENT) return selectsSchemaField(selection.selectionSet, fragments, seen);
    const name = selection.name.value;
    const fragment = fragments.get(name);
    if (fragment === undefined || seen.has(name)) return false;
    seen.add(name);
    return selectsSchemaField(fragment.selectionSet, fragments, seen);
  });
}

