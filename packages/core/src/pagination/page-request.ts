import type { GraphQLResolveInfo } from 'graphql';
import type { CursorCodec, CursorScope } from './cursor';
import type { Ordering } from './ordering';
import { readPageWindow, type ConnectionArgs, type PageWindow } from './page-arguments';
import { selectsField } from './selection';

/** Everything a repository needs to read one page of a list, checked and decoded. */
export interface PageRequest {
  window: PageWindow;
  ordering: Ordering;
  /** The list and ordering the page's cursors are bound to. */
  scope: CursorScope;
  codec: CursorCodec;
  /** Whether the request asked for `totalCount` (it is computed only then). */
  totalCount: boolean;
}

/**
 * Reads a connection field's paging arguments into a PageRequest: validates the page size,
 * decodes the cursors for this list (`connection`, e.g. `Company.projects`) and ordering, and
 * notes whether `totalCount` is selected. Throws BAD_USER_INPUT on a bad argument.
 */
export function readPageRequest(
  args: ConnectionArgs,
  options: { connection: string; ordering: Ordering; codec: CursorCodec; info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'> },
): PageRequest {
  const scope: CursorScope = { connection: options.connection, ordering: options.ordering.signature, keyCount: options.ordering.keys.length };
  return {
    window: readPageWindow(args, scope, options.codec),
    ordering: options.ordering,
    scope,
    codec: options.codec,
    totalCount: selectsField(options.info, 'totalCount'),
  };
}

/** What makes two requests read the same pages: equal signatures can share one statement. */
export function pageRequestSignature(request: PageRequest, filter: unknown): string {
  return JSON.stringify([request.scope.connection, request.ordering.signature, request.window, request.totalCount, filter ?? null]);
}
