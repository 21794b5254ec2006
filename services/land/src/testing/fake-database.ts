import { RequestDatabase, type SqlRunner } from '@azg/core/database';
import { Language } from '@azg/core/i18n';
import { ANONYMOUS } from '@azg/core/identity';
import { CursorCodec, cursorSecret } from '@azg/core/pagination';
import { detachedRequestInfo } from '@azg/core/server';
import { execute, parse, type GraphQLSchema } from 'graphql';
import type { Context } from '../context';
import { land } from '../subgraph';

/** A database that answers every statement with `rows` and remembers what it was asked. */
export function fakeDatabase(rows: unknown[]) {
  const statements: Array<{ sql: string; parameters: unknown[] }> = [];
  const runner: SqlRunner = {
    async query<Row>(sql: string, parameters: unknown[] = []) {
      statements.push({ sql, parameters });
      return rows as Row[];
    },
  };
  return { runner, statements };
}

/**
 * Runs one operation against the land schema over `runner`, as an anonymous caller, with the
 * request context the server would build; answers the result and how many statements it ran.
 */
export async function runOperation(schema: GraphQLSchema, runner: SqlRunner, source: string, variableValues?: Record<string, unknown>) {
  const db = new RequestDatabase(runner as never);
  const contextValue: Context = land.createContext({ db, reportSqlStats: false, cursors: new CursorCodec(cursorSecret()), language: Language.KK, request: detachedRequestInfo(), identity: ANONYMOUS });
  const result = await execute({ schema, document: parse(source), contextValue, variableValues });
  return { result, statements: db.statements };
}
