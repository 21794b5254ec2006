import { BadUserInputError } from '../errors/errors';
import type { SqlParameters } from './keyset';

/** The combinators every list filter has beside its own conditions. */
export interface BooleanFilter<Filter> {
  and?: Filter[] | null;
  or?: Filter[] | null;
  not?: Filter | null;
}

/** How deep `and`, `or` and `not` may nest. */
export const MAX_FILTER_DEPTH = 5;
/** How many conditions one filter may hold in all. */
export const MAX_FILTER_CONDITIONS = 50;

/**
 * Compiles one filter object's own conditions (not its combinators) to SQL predicates, one per
 * field given, each with its values added to `parameters`. Every predicate must be TRUE or
 * FALSE, never NULL (write `x IS NOT NULL AND x >= $1`, not `x >= $1`), so that `not` means
 * exactly "every record the inner filter does not match".
 */
export type ConditionCompiler<Filter> = (filter: Filter, parameters: SqlParameters, path: string) => string[];

/**
 * Compiles a filter with `and`, `or` and `not` to one SQL predicate (null when it does not
 * narrow the list): the fields of one object and its `and` list all hold (AND), `or` holds when
 * any of its filters does, `not` when its filter does not. An empty `and` or `or` list, nesting
 * deeper than MAX_FILTER_DEPTH or more than MAX_FILTER_CONDITIONS conditions are BAD_USER_INPUT.
 */
export function compileFilter<Filter extends BooleanFilter<Filter>>(
  filter: Filter | null | undefined,
  conditions: ConditionCompiler<Filter>,
  parameters: SqlParameters,
  argument = 'filter',
): string | null {
  let count = 0;
  const compile = (current: Filter, path: string, depth: number): string | null => {
    if (depth > MAX_FILTER_DEPTH) {
      throw new BadUserInputError(`${argument} nests and/or/not more than ${MAX_FILTER_DEPTH} levels deep (at ${path})`, argument);
    }
    const terms = conditions(current, parameters, path);
    count += terms.length;
    if (count > MAX_FILTER_CONDITIONS) throw new BadUserInputError(`${argument} holds more than ${MAX_FILTER_CONDITIONS} conditions`, argument);
    for (const combinator of ['and', 'or'] as const) {
      const list = current[combinator];
      if (list == null) continue;
      if (list.length === 0) {
        throw new BadUserInputError(`${path}.${combinator} must hold at least one filter; leave it out to not narrow the list`, argument);
      }
      const inner = list.map((item, index) => compile(item, `${path}.${combinator}[${index}]`, depth + 1) ?? 'TRUE');
      terms.push(inner.length === 1 ? inner[0]! : `(${inner.join(combinator === 'and' ? ' AND ' : ' OR ')})`);
    }
    if (current.not != null) terms.push(`NOT ${compile(current.not, `${path}.not`, depth + 1) ?? 'TRUE'}`);
    // Always parenthesized: a term's own text is never trusted to bind tighter than AND.
    return terms.length === 0 ? null : `(${terms.join(' AND ')})`;
  };
  return filter == null ? null : compile(filter, argument, 1);
}

/**
 * Checks an `in` list of a filter: null when the field was not given, the values otherwise;
 * an empty list is BAD_USER_INPUT, since it would match nothing (leave the field out instead).
 */
export function inList<Value>(values: readonly Value[] | null | undefined, path: string): Value[] | null {
  if (values == null) return null;
  if (values.length === 0) throw new BadUserInputError(`${path} must name at least one value; leave it out to not narrow the list`, 'filter');
  return [...new Set(values)];
}

/** A numeric range of a filter: both ends inclusive and optional, `min` at most `max`. */
export interface NumericRange<Value> {
  min?: Value | null;
  max?: Value | null;
}

/**
 * `column` within [min, max] (numbers compared as SQL numerics): TRUE or FALSE, never NULL.
 * A record with no value (null) is outside every range unless `includeUnknown` says otherwise.
 */
export function rangeCondition(
  column: string,
  range: NumericRange<string | number>,
  cast: 'numeric' | 'integer',
  parameters: SqlParameters,
  path: string,
  includeUnknown = false,
): string {
  const { min, max } = range;
  if (min != null && max != null && compareNumbers(String(min), String(max)) > 0) {
    throw new BadUserInputError(`${path} has min ${min} above max ${max}`, 'filter');
  }
  const bounds = [
    min == null ? null : `${column} >= ${parameters.add(String(min))}::${cast}`,
    max == null ? null : `${column} <= ${parameters.add(String(max))}::${cast}`,
  ].filter((bound): bound is string => bound !== null);
  if (includeUnknown) return bounds.length === 0 ? 'TRUE' : `(${column} IS NULL OR (${bounds.join(' AND ')}))`;
  return `(${[`${column} IS NOT NULL`, ...bounds].join(' AND ')})`;
}

/** Fractional digits a compared number may have (the Decimal scalar's). */
const SCALE = 8;

/** Compares two decimal strings exactly (no float), as Tenge and Decimal give them: -1, 0 or 1. */
export function compareNumbers(a: string, b: string): number {
  const scaled = (text: string) => {
    const negative = text.startsWith('-');
    const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
    const value = BigInt(`${whole}${fraction.padEnd(SCALE, '0').slice(0, SCALE)}`);
    return negative ? -value : value;
  };
  const difference = scaled(a) - scaled(b);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}
