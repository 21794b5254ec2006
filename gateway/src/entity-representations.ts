import type { GraphQLDataSource } from '@apollo/gateway';

type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/** One `_entities` fetch's representations, each distinct one once. */
export interface EntityBatch {
  /** Whether any representation was repeated; when not, the fetch is sent as the planner wrote it. */
  duplicates: boolean;
  /** The distinct representations, in the order they first appear. */
  unique: unknown[];
  /** The answer to the distinct representations, as the planner expects it: one entity per representation it sent. */
  expand(answer: GatewayGraphQLResponse): GatewayGraphQLResponse;
}

/**
 * What tells two representations apart: the type and id of the usual `{ __typename, id }` (a NUL
 * between them, which JSON text never holds unescaped), else the representation as JSON (keys in
 * the planner's order, which is the same for every representation of one fetch).
 */
function representationKey(representation: unknown): string {
  if (typeof representation === 'object' && representation !== null) {
    const { __typename: typename, id, ...rest } = representation as Record<string, unknown>;
    if (typeof typename === 'string' && typeof id === 'string' && Object.keys(rest).length === 0) return `${typename}\u0000${id}`;
  }
  return JSON.stringify(representation);
}

/**
 * Apollo's query planner sends one representation per entity of the previous fetch's answer, so
 * a page of 50 projects of 10 companies asks the companies subgraph for 50 companies. Each
 * distinct representation is sent once, and the answer given back in the planner's shape: the
 * entity answered for the first copy stands for every copy, and an error at
 * `_entities[i]` is reported at each copy of the i-th representation, as the subgraph would
 * have reported it for each.
 */
export function uniqueRepresentations(representations: unknown[]): EntityBatch {
  const positions = new Map<string, number>();
  const unique: unknown[] = [];
  const indexOf = representations.map((representation) => {
    const key = representationKey(representation);
    let index = positions.get(key);
    if (index === undefined) {
      index = unique.length;
      positions.set(key, index);
      unique.push(representation);
    }
    return index;
  });
  const duplicates = unique.length < representations.length;
  return {
    duplicates,
    unique,
    expand(answer) {
      const data = answer.data as { _entities?: unknown } | null | undefined;
      const entities = data?._entities;
      const expanded: GatewayGraphQLResponse = { ...answer };
      if (Array.isArray(entities) && entities.length === unique.length) {
        // The first copy takes the answered entity, each later copy a clone of it: the gateway
        // merges later fetches' answers into these objects, path by path.
        const taken = new Set<number>();
        expanded.data = {
          ...data,
          _entities: indexOf.map((index) => {
            if (!taken.has(index)) return (taken.add(index), entities[index]);
            return entities[index] === null || typeof entities[index] !== 'object' ? entities[index] : structuredClone(entities[index]);
          }),
        };
      }
      if (answer.errors) {
        expanded.errors = answer.errors.flatMap((error) => {
          const [root, at, ...rest] = error.path ?? [];
          if (root !== '_entities' || typeof at !== 'number') return [error];
          const copies = indexOf.flatMap((index, position) => (index === at ? [position] : []));
          return copies.length === 0 ? [error] : copies.map((position) => ({ ...error, path: ['_entities', position, ...rest] }));
        });
      }
      return expanded;
    },
  };
}
