import type http from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { isProduction } from '../config/env';
import { RequestDatabase } from '../database/request-database';
import { maskUnexpectedError } from '../errors/errors';
import { CursorCodec, cursorSecret } from '../pagination/cursor';
import { DEFAULT_LANGUAGE, parseAcceptLanguage, type Language } from '../language/language';
import { listen, type RunningServer } from './http-server';

/** Request header that asks a non-production subgraph to report its SQL statement count. */
export const SQL_STATS_HEADER = 'x-azg-sql-stats';

/** What every subgraph's request context carries; each service adds its loaders. */
export interface SubgraphContext {
  /** This request's database handle; it counts the statements the request runs. */
  db: RequestDatabase;
  /** Whether to report `extensions.sqlStatements` with the response. */
  reportSqlStats: boolean;
  /** Signs and checks the cursors of this subgraph's lists. */
  cursors: CursorCodec;
  /**
   * The language names and descriptions are answered in when a field's `lang` argument is not
   * given: the request's `Accept-Language` (which the gateway passes on), else DEFAULT_LANGUAGE.
   */
  language: Language;
}

/**
 * Adds `extensions.sqlStatements` to a response when the caller asked for it (never in
 * production): the proof, end to end, that a request's lists and references were batched.
 */
const sqlStatementsPlugin: ApolloServerPlugin<SubgraphContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        if (!contextValue.reportSqlStats || response.body.kind !== 'single') return;
        response.body.singleResult.extensions = {
          ...response.body.singleResult.extensions,
          sqlStatements: contextValue.db.statements,
        };
      },
    };
  },
};

export interface SubgraphServerOptions<Context extends SubgraphContext> {
  schema: GraphQLSchema;
  dataSource: DataSource;
  /** Adds the service's per-request loaders to the base context. */
  createContext: (base: SubgraphContext) => Context;
  /** The cursor secret; by default CURSOR_SECRET, or a random one outside production (see `cursorSecret`). */
  cursorSecret?: string;
}

export interface SubgraphServer<Context extends SubgraphContext> {
  apollo: ApolloServer<Context>;
  /** Builds one request's context (also used by tests that execute operations directly). */
  createContext(request?: http.IncomingMessage): Promise<Context>;
  /** Readiness: the database answers. */
  ready(): Promise<void>;
  listen(port: number, host?: string): Promise<RunningServer>;
}

/**
 * Builds a subgraph's Apollo Server around its schema and data source. Opens no port:
 * `listen` does, so tests can build a server without one.
 */
export function createSubgraphServer<Context extends SubgraphContext>(
  options: SubgraphServerOptions<Context>,
): SubgraphServer<Context> {
  const production = isProduction();
  // Read once, at start-up: production without CURSOR_SECRET fails here, not on a request.
  const cursors = new CursorCodec(options.cursorSecret ?? cursorSecret());
  const apollo = new ApolloServer<Context>({
    schema: options.schema,
    formatError: (formatted) => maskUnexpectedError(formatted),
    includeStacktraceInErrorResponses: false,
    // Each process's index.ts owns shutdown: it closes the HTTP server, then the pool.
    stopOnTerminationSignals: false,
    // Inline tracing (ftv1) costs time on every request and nothing here reads it.
    plugins: [sqlStatementsPlugin as ApolloServerPlugin<Context>, ApolloServerPluginInlineTraceDisabled()],
  });
  const createContext = async (request?: http.IncomingMessage) =>
    options.createContext({
      db: new RequestDatabase(options.dataSource),
      reportSqlStats: !production && request?.headers[SQL_STATS_HEADER] === '1',
      cursors,
      language: parseAcceptLanguage(request?.headers['accept-language']) ?? DEFAULT_LANGUAGE,
    });
  const ready = async () => {
    await options.dataSource.query('SELECT 1');
  };
  return {
    apollo,
    createContext,
    ready,
    listen: (port, host) => listen({ server: apollo, context: createContext, health: { ready } }, port, host),
  };
}
