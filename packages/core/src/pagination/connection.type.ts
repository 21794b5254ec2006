import { Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';

/**
 * Where a page sits in its list (Relay's PageInfo). A value type every subgraph with a list
 * serves, so it is `@shareable`.
 */
@Directive('@shareable')
@ObjectType('PageInfo', { description: 'Where a page sits in its list, and the cursors to ask for the pages around it.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'True when records follow this page in the list: paging forwards, more remain after it; with `before`, records exist from `before` on.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'True when records precede this page in the list: paging backwards, more remain before it; with `after`, records exist up to `after`.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'The cursor of the page\'s first record; pass it as `before` for the page before. Null on an empty page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'The cursor of the page\'s last record; pass it as `after` for the page after. Null on an empty page.' })
  endCursor!: string | null;
}

/** A record of a page with its cursor. */
export interface Edge<Node> {
  cursor: string;
  node: Node;
}

/** One page of a list, as every connection field resolves. */
export interface Connection<Node> {
  edges: Array<Edge<Node>>;
  nodes: Node[];
  pageInfo: PageInfo;
  /** Records in the whole filtered list; null when the request did not ask for it (it is then not computed). */
  totalCount: number | null;
}

/** An empty page: what a list that cannot hold records (e.g. a college serving no project) answers. */
export function emptyConnection<Node>(): Connection<Node> {
  return { edges: [], nodes: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, totalCount: 0 };
}

/**
 * The GraphQL types of one kind of list: `<Name>Connection` with `edges`, `nodes`, `pageInfo`
 * and `totalCount`, and `<Name>Edge` with `cursor` and `node`. One call per node type; every
 * list of that node type returns the same connection type.
 */
export function createConnectionType<Node extends object>(node: ClassType<Node>, options: {
  /** `Project` makes `ProjectConnection` and `ProjectEdge`. */
  name: string;
  /** What the list holds, for the descriptions: "projects". */
  plural: string;
  /** Marks both types `@shareable`, for a list that several subgraphs serve (the audit logs). */
  shareable?: boolean;
}): ClassType<Connection<Node>> {
  const shareable = (target: Function) => {
    if (options.shareable) Directive('@shareable')(target);
  };

  @shareable
  @ObjectType(`${options.name}Edge`, { description: `One of a page's ${options.plural}, with its cursor.` })
  class EdgeType implements Edge<Node> {
    @Field(() => String, { description: 'An opaque cursor at this record: pass it as `after` or `before` (with the same ordering) to page from here.' })
    cursor!: string;

    @Field(() => node, { description: 'The record.' })
    node!: Node;
  }

  @shareable
  @ObjectType(`${options.name}Connection`, { description: `A page of ${options.plural} (a Relay connection), read by keyset from a cursor: stable while records are added.` })
  class ConnectionType implements Connection<Node> {
    @Field(() => [EdgeType], { description: `The page's ${options.plural}, each with its cursor, in the list's order.` })
    edges!: Array<Edge<Node>>;

    @Field(() => [node], { description: `The page's ${options.plural}, in the list's order (the edges' nodes, for clients that need no cursors).` })
    nodes!: Node[];

    @Field(() => PageInfo, { description: 'Whether pages come before and after this one, and the cursors to ask for them.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: `How many ${options.plural} the whole list holds with its filters, on every page alike.` })
    totalCount!: number | null;
  }
  return ConnectionType;
}

/** The same page with every node mapped (cursors, pageInfo and totalCount unchanged). */
export function mapConnection<From, To>(page: Connection<From>, map: (node: From) => To): Connection<To> {
  const edges = page.edges.map((edge) => ({ cursor: edge.cursor, node: map(edge.node) }));
  return { edges, nodes: edges.map((edge) => edge.node), pageInfo: page.pageInfo, totalCount: page.totalCount };
}
