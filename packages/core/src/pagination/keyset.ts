import type { CursorValues } from './cursor';
import { OrderDirection, type SortKey } from './ordering';

/**
 * The parameters of one statement, numbered as they are added: every value a client sent
 * reaches SQL as `$n`, never inside the text.
 */
export class SqlParameters {
  readonly values: unknown[] = [];

  /** Adds a value and returns its placeholder, e.g. `$3`. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** A cursor value as a typed SQL placeholder. */
function placeholder(key: SortKey, value: string, parameters: SqlParameters): string {
  return `${parameters.add(value)}::${key.type}`;
}

/**
 * `ORDER BY` terms for the ordering, or for its exact reverse (to read a page backwards from
 * `before`). Nulls come last in either direction; the reverse puts them first, so that
 * reversing the rows read gives back the ordering itself.
 */
export function orderByTerms(keys: readonly SortKey[], reverse = false): string {
  return keys.map((key) => {
    const ascending = (key.direction === OrderDirection.ASC) !== reverse;
    return `${key.sql} ${ascending ? 'ASC' : 'DESC'} NULLS ${reverse ? 'FIRST' : 'LAST'}`;
  }).join(', ');
}

type Side = 'after' | 'before';

/**
 * Rows strictly after (or before) the position `values` in the ordering, as a predicate that is
 * never NULL, so it can be negated. With nulls last, for one key of value x against the cursor's c:
 * - c is null: nothing non-null is after it; x is equal when x is null;
 * - c is not null: a null x is after it; otherwise compare x with c in the key's direction.
 * The keys are chained lexicographically: after on the first, or equal on it and after on the rest.
 */
export function keysetPredicate(side: Side, keys: readonly SortKey[], values: CursorValues, parameters: SqlParameters): string {
  if (values.length !== keys.length) throw new Error(`a position in this ordering has ${keys.length} values, not ${values.length}`);
  if (keys.every((key) => !key.nullable) && keys.every((key) => key.direction === keys[0]!.direction) && values.every((value) => value !== null)) {
    // A row comparison is what a (key, id) index answers best; it is exact only without nulls.
    const ascending = keys[0]!.direction === OrderDirection.ASC;
    const operator = (side === 'after') === ascending ? '>' : '<';
    const placeholders = keys.map((key, index) => placeholder(key, values[index]!, parameters));
    return `(${keys.map((key) => key.sql).join(', ')}) ${operator} (${placeholders.join(', ')})`;
  }
  // Built from the last key (the id) outwards; null stands for FALSE, a term that is dropped.
  let predicate: string | null = null;
  for (let index = keys.length - 1; index >= 0; index -= 1) {
    const key = keys[index]!;
    const value = values[index]!;
    let beyond: string | null;
    let equal: string;
    if (value === null) {
      beyond = side === 'after' ? null : `${key.sql} IS NOT NULL`;
      equal = `${key.sql} IS NULL`;
    } else {
      const cursor = placeholder(key, value, parameters);
      const operator = (side === 'after') === (key.direction === OrderDirection.ASC) ? '>' : '<';
      const compared = `${key.sql} ${operator} ${cursor}`;
      if (key.nullable) {
        beyond = side === 'after' ? `(${key.sql} IS NULL OR ${compared})` : `(${key.sql} IS NOT NULL AND ${compared})`;
        equal = `(${key.sql} IS NOT NULL AND ${key.sql} = ${cursor})`;
      } else {
        beyond = compared;
        equal = `${key.sql} = ${cursor}`;
      }
    }
    const tied: string | null = predicate === null ? null : `(${equal} AND ${predicate})`;
    predicate = beyond === null ? tied : tied === null ? beyond : `(${beyond} OR ${tied})`;
  }
  return predicate ?? 'FALSE';
}
