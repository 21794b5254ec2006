import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestDatabase } from './request-database';
import { formatWalPosition, WAL_POSITION_HEADER } from './wal-position';

/**
 * Lets a subgraph's request read from its replicas once Apollo has resolved the operation and
 * found a query (before that, and for a mutation, every statement stays on the primary), and
 * tells the gateway, after a write, the primary's WAL position its commit reached
 * (WAL_POSITION_HEADER), so the writer's later reads wait for a replica that has it.
 * Installed only when the subgraph has replicas: without them nothing changes.
 */
export function readRoutingPlugin<Context extends { db: RequestDatabase }>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation === 'query') contextValue.db.readOnly = true;
        },
        async willSendResponse({ response, contextValue }) {
          const { committed } = contextValue.db;
          if (committed !== undefined) response.http.headers.set(WAL_POSITION_HEADER, formatWalPosition(committed));
        },
      };
    },
  };
}
