import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { type DefinitionNode, type FragmentDefinitionNode, Kind } from 'graphql';
import { directFields } from '../pagination/selection';

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
          // Cacheable when it resolved a root field of the schema's own, not `__typename`, `__schema` or `__type`.
          const cached = cacheable !== null && clean && operation !== undefined && document !== undefined
            && directFields(operation.selectionSet, fragmentsOf(document.definitions)).some((field) => !field.name.value.startsWith('__'));
          response.http.headers.set('cache-control', cached ? cacheable : UNCACHEABLE);
        },
      };
    },
  }];
}

function fragmentsOf(definitions: readonly DefinitionNode[]): Record<string, FragmentDefinitionNode> {
  return Object.fromEntries(definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition]] : [])));
}
