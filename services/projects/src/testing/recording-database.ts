import { RequestDatabase, type SqlRunner } from '@azg/core/database';
import { Language } from '@azg/core/i18n';
import { ANONYMOUS } from '@azg/core/identity';
import { CursorCodec, cursorSecret } from '@azg/core/pagination';
import { detachedRequestInfo } from '@azg/core/server';
import { graphql, type GraphQLSchema } from 'graphql';
import type { Context } from '../context';
import { projects } from '../subgraph';

/** A statement a request ran, with its parameters. */
export interface RecordedStatement {
  sql: string;
  parameters: unknown[];
}

/** Records the statements a request runs and answers each with no rows. */
export function recordingDatabase(): { statements: RecordedStatement[]; db: RequestDatabase } {
  const statements: RecordedStatement[] = [];
  const runner: SqlRunner = {
    async query<Row>(sql: string, parameters: unknown[] = []) {
      statements.push({ sql, parameters });
      return [] as Row[];
    },
  };
  return { statements, db: new RequestDatabase(runner as never) };
}

/**
 * Runs one operation against the projects schema as an anonymous Kazakh-speaking caller, over a
 * recording database: the answer, and every statement it ran.
 */
export async function runRecorded(schema: GraphQLSchema, source: string, variableValues?: Record<string, unknown>) {
  const { statements, db } = recordingDatabase();
  const contextValue: Context = projects.createContext({ db, reportSqlStats: false, cursors: new CursorCodec(cursorSecret()), language: Language.KK, request: detachedRequestInfo(), identity: ANONYMOUS });
  const result = await graphql({ schema, source, variableValues, contextValue });
  return { result, statements };
}
