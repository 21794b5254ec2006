import type { SqlRunner } from '../database/request-database';
import { emptyConnection, type Connection, type Edge } from './connection.type';
import type { CursorCodec, CursorScope } from './cursor';
import { keysetPredicate, orderByTerms, SqlParameters } from './keyset';
import type { Ordering } from './ordering';
import type { PageWindow } from './page-arguments';
import type { PageRequest } from './page-request';

/** Where a list's rows come from. */
export interface PageSource {
  /** The columns of one record (over the aliases of `from`); they come back as the row. */
  columns: string;
  /** The FROM clause, with any joins, e.g. `projects.project p`. */
  from: string;
  /**
   * The FROM clause that counts the list and looks beyond the cursors, when `from` joins what only
   * adds columns (a lateral aggregate per row, say): never rows, never a condition. It must hold
   * every alias the filter, the ordering and `partitionBy` use. Without it, counting a list of
   * 3,000 groups would aggregate every group's members just to throw the aggregates away.
   */
  countFrom?: string;
  /** The list's filter, already compiled with placeholders from the same parameters; null for none. */
  where: string | null;
  /**
   * For a list per parent (a company's projects, a group's members): the expression that names a
   * row's parent, e.g. `p.company_id`. One statement then reads a page for every parent key.
   */
  partitionBy?: string;
}

/** A statement that reads one page per parent (or one page), and what it needs to read its rows. */
export interface PageQuery {
  sql: string;
  parameters: unknown[];
}

export interface PageQueryOptions {
  /** The parent keys, when the source is partitioned; one page per key. */
  partitionKeys?: readonly string[];
  /** Whether to count the filtered list (only when the request asks for `totalCount`). */
  totalCount: boolean;
}

/** Columns the statement adds to a record's own; a record's columns must not start with `__page_`. */
const PARTITION = '__page_partition';
const TOTAL = '__page_total';
const BEFORE_AFTER = '__page_before_after';
const AFTER_BEFORE = '__page_after_before';
const POSITION = '__page_position';
const keyColumn = (index: number) => `__page_key_${index}`;

/**
 * One statement for one page of a list, or for one page per parent of a partitioned list:
 * - the page: the filtered rows beyond the cursors, in the ordering (or its reverse, read back
 *   from `before`), one more than the page size to learn whether more follow; no OFFSET;
 * - `totalCount` (when asked): the filtered rows, counted in the same statement;
 * - whether rows exist up to `after` and from `before` on (for hasPreviousPage / hasNextPage).
 * Every value (filter values, cursor values, parent keys, the page size) is a parameter.
 * A parent with no rows still gets one row back (with null columns), so its count comes back.
 */
export function buildPageQuery(
  source: PageSource,
  ordering: Ordering,
  window: PageWindow,
  parameters: SqlParameters,
  options: PageQueryOptions,
): PageQuery {
  const partitioned = source.partitionBy !== undefined;
  if (partitioned !== (options.partitionKeys !== undefined)) throw new Error('a partitioned list needs its parent keys, and only it');
  const parents = partitioned ? `unnest(${parameters.add([...options.partitionKeys!])}::text[]) AS parent(key)` : '(VALUES (NULL::text)) AS parent(key)';
  /** The filter and the parent's rows, and `extra`; the parent's key is `parent.key` in meta, `meta.<partition>` in the page. */
  const where = (extra: Array<string | null>, parentKey = 'parent.key') => {
    const conditions = [source.where, partitioned ? `${source.partitionBy} = ${parentKey}` : null, ...extra]
      .filter((condition): condition is string => condition !== null);
    return conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  };
  const after = window.after === null ? null : keysetPredicate('after', ordering.keys, window.after, parameters);
  const before = window.before === null ? null : keysetPredicate('before', ordering.keys, window.before, parameters);
  const limit = parameters.add(window.size + 1);
  const keys = ordering.keys.map((key, index) => `(${key.sql})::text AS ${keyColumn(index)}`).join(', ');
  const counted = source.countFrom ?? source.from;
  const meta = [
    options.totalCount ? `(SELECT count(*)::int FROM ${counted} ${where([])}) AS ${TOTAL}` : `NULL::int AS ${TOTAL}`,
    // Predicates are never NULL (see keysetPredicate), so NOT selects exactly the rows up to the cursor.
    after === null ? `false AS ${BEFORE_AFTER}` : `EXISTS (SELECT 1 FROM ${counted} ${where([`NOT ${after}`])}) AS ${BEFORE_AFTER}`,
    before === null ? `false AS ${AFTER_BEFORE}` : `EXISTS (SELECT 1 FROM ${counted} ${where([`NOT ${before}`])}) AS ${AFTER_BEFORE}`,
  ].join(',\n       ');
  const order = orderByTerms(ordering.keys, !window.forward);
  // MATERIALIZED: the count and the EXISTS run once per parent, not once per row of its page.
  // The outer ORDER BY keeps each page's rows in the order read, which a join alone does not promise.
  const sql = `WITH meta AS MATERIALIZED (
    SELECT parent.key AS ${PARTITION},
       ${meta}
      FROM ${parents}
  )
  SELECT meta.*, page.*
  FROM meta
  LEFT JOIN LATERAL (
    SELECT ${source.columns}, ${keys}, row_number() OVER (ORDER BY ${order}) AS ${POSITION}
      FROM ${source.from}
     ${where([after, before], `meta.${PARTITION}`)}
     ORDER BY ${order}
     LIMIT ${limit}
  ) AS page ON true
  ORDER BY meta.${PARTITION}, page.${POSITION}`;
  return { sql, parameters: parameters.values };
}

/** What `readPages` needs beside the rows. */
export interface PageReading<Row, Node> {
  ordering: Ordering;
  window: PageWindow;
  scope: CursorScope;
  codec: CursorCodec;
  /** The column of a record that is never null (its id): a parent with no rows has it null. */
  idColumn: keyof Row & string;
  toNode: (row: Row) => Node;
}

/**
 * Turns the rows of `buildPageQuery` into one connection per parent key (the single key `null`
 * for an unpartitioned list): pages in the list's order, with cursors, pageInfo and totalCount.
 */
export function readPages<Row extends object, Node>(
  rows: ReadonlyArray<Record<string, unknown>>,
  reading: PageReading<Row, Node>,
): Map<string | null, Connection<Node>> {
  const byParent = new Map<string | null, Array<Record<string, unknown>>>();
  for (const row of rows) {
    const parent = row[PARTITION] as string | null;
    if (!byParent.has(parent)) byParent.set(parent, []);
    if (row[reading.idColumn] != null) byParent.get(parent)!.push(row);
  }
  const pages = new Map<string | null, Connection<Node>>();
  const { window } = reading;
  for (const [parent, parentRows] of byParent) {
    const first = rows.find((row) => row[PARTITION] === parent)!;
    const more = parentRows.length > window.size;
    const kept = parentRows.slice(0, window.size);
    if (!window.forward) kept.reverse();
    // A cursor is signed (an HMAC) when it is first read: a query asking only `nodes`, as the
    // gateway's plans for pages of entities do, signs none.
    const edges = kept.map((row): Edge<Node> => {
      let cursor: string | undefined;
      return {
        get cursor() {
          cursor ??= reading.codec.encode(reading.scope, reading.ordering.keys.map((_, index) => row[keyColumn(index)] as string | null));
          return cursor;
        },
        node: reading.toNode(row as unknown as Row),
      };
    });
    pages.set(parent, {
      edges,
      nodes: edges.map((edge) => edge.node),
      pageInfo: {
        // Beyond the page's own end: more rows read than the page holds. Beyond a cursor: rows exist there.
        hasNextPage: (window.forward && more) || Boolean(first[AFTER_BEFORE]),
        hasPreviousPage: (!window.forward && more) || Boolean(first[BEFORE_AFTER]),
        get startCursor() {
          return edges[0]?.cursor ?? null;
        },
        get endCursor() {
          return edges[edges.length - 1]?.cursor ?? null;
        },
      },
      totalCount: first[TOTAL] as number | null,
    });
  }
  return pages;
}

/** How the rows of a list become its nodes. */
export interface NodeReading<Row, Node> {
  /** The column of a record that is never null (its id). */
  idColumn: keyof Row & string;
  toNode: (row: Row) => Node;
}

/**
 * Reads one page of a list in one statement: `source.where` must have been compiled with
 * `parameters`. With `parentKeys` (and `source.partitionBy`), one page per parent key.
 */
export async function queryPages<Row extends object, Node>(
  db: SqlRunner,
  source: PageSource,
  request: PageRequest,
  parameters: SqlParameters,
  reading: NodeReading<Row, Node>,
  parentKeys?: readonly string[],
): Promise<Map<string | null, Connection<Node>>> {
  const query = buildPageQuery(source, request.ordering, request.window, parameters, { partitionKeys: parentKeys, totalCount: request.totalCount });
  const rows = await db.query<Record<string, unknown>>(query.sql, query.parameters);
  return readPages(rows, { ...request, ...reading });
}

/** One page of an unpartitioned list, in one statement. */
export async function queryPage<Row extends object, Node>(
  db: SqlRunner,
  source: PageSource,
  request: PageRequest,
  parameters: SqlParameters,
  reading: NodeReading<Row, Node>,
): Promise<Connection<Node>> {
  // The statement always returns a row for the list (see buildPageQuery); an empty page is only a fallback.
  return (await queryPages(db, source, request, parameters, reading)).get(null) ?? emptyConnection<Node>();
}
