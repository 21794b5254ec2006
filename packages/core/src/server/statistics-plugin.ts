import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

/** What a request context says about the statistics its caller may see. */
export interface StatisticsContext extends BaseContext {
  /** Whether the caller asked for them (`x-azg-sql-stats: 1`), which is never honoured in production. */
  reportSqlStats: boolean;
}

/**
 * Adds `extensions[key]` to a single response when the caller asked for statistics: how the
 * subgraphs count a request's SQL statements (`sqlStatements`) and how the gateway lists them
 * per subgraph fetch (`subgraphFetches`), the end-to-end proof that a query stays batched.
 */
export function statisticsPlugin<Context extends StatisticsContext>(key: string, read: (context: Context) => unknown): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (!contextValue.reportSqlStats || response.body.kind !== 'single') return;
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, [key]: read(contextValue) };
        },
      };
    },
  };
}
