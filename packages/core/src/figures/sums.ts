import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Qualifier } from './figures';
import { DecimalScalar, TengeScalar } from './scalars';

/*
 * Sums of the figures of a set of projects (a group's members, a bucket of statistics), and
 * differences between a figure the document reports for a group and the sum of its members'.
 * Only figures stored for a project itself are summed: a figure reported for a group is never
 * split among its members. A member whose figure is unknown is counted, not guessed.
 */

const SUM_QUALIFIER = 'How the sum relates to the true sum of the same terms: EXACT when every term is exact, AT_LEAST when a term is a lower bound '
  + '("more than") and none is approximate, APPROXIMATE when a term is approximate. Members whose figure is unknown are not terms: '
  + 'when `unknownCount` is above 0 the members\' true total is higher still.';

@Directive('@shareable')
@ObjectType({ description: 'Investment summed over a set of projects from each project\'s own figure; projects with no known investment are counted in `unknownCount`, never as 0.' })
export class MoneySum {
  @Field(() => TengeScalar, { description: 'The sum of the known investments, in whole tenge; "0" when none is known.' })
  tenge!: string;

  @Field(() => Qualifier, { description: SUM_QUALIFIER })
  qualifier!: Qualifier;

  @Field(() => Int, { description: 'How many projects of the set have a known investment (the terms of the sum).' })
  knownCount!: number;

  @Field(() => Int, { description: 'How many projects of the set have no known investment of their own.' })
  unknownCount!: number;
}

@Directive('@shareable')
@ObjectType({ description: 'A count (such as jobs) summed over a set of projects from each project\'s own figure; projects with no known figure are counted in `unknownCount`, never as 0.' })
export class CountSum {
  @Field(() => Int, { description: 'The sum of the known figures; 0 when none is known.' })
  value!: number;

  @Field(() => Qualifier, { description: SUM_QUALIFIER })
  qualifier!: Qualifier;

  @Field(() => Int, { description: 'How many projects of the set have a known figure (the terms of the sum).' })
  knownCount!: number;

  @Field(() => Int, { description: 'How many projects of the set have no known figure of their own.' })
  unknownCount!: number;
}

@Directive('@shareable')
@ObjectType({ description: 'Land area summed, in hectares, from the land plots the source ties to each project of a set; projects with no known plot are counted in `unknownCount`, never as 0 ha.' })
export class AreaSum {
  @Field(() => DecimalScalar, { description: 'The sum of the known areas, in hectares; "0" when none is known.' })
  hectares!: string;

  @Field(() => Qualifier, { description: SUM_QUALIFIER })
  qualifier!: Qualifier;

  @Field(() => Int, { description: 'How many areas are summed: the land plots of the set\'s projects, or the land figures reported for a group.' })
  knownCount!: number;

  @Field(() => Int, { description: 'How many projects of the set have no known land plot (0 for a group\'s reported land, which is not summed from projects).' })
  unknownCount!: number;
}

/** How a difference of two qualified figures relates to the true difference. */
export enum DifferenceQualifier {
  EXACT = 'EXACT',
  AT_LEAST = 'AT_LEAST',
  AT_MOST = 'AT_MOST',
  APPROXIMATE = 'APPROXIMATE',
}
registerEnumType(DifferenceQualifier, {
  name: 'DifferenceQualifier',
  description: 'How a difference (reported minus itemized) relates to the true difference, given how each of the two figures relates to its true value.',
  valuesConfig: {
    EXACT: { description: 'Both figures are exact, so the difference is.' },
    AT_LEAST: { description: 'The reported figure is a lower bound and the itemized sum exact: the true difference is at least this.' },
    AT_MOST: { description: 'The reported figure is exact and the itemized sum a lower bound: the true difference is at most this.' },
    APPROXIMATE: { description: 'One figure is approximate and neither is a bound: the difference is approximate too.' },
  },
});

const DIFFERENCE = 'Reported minus itemized: the part of the reported figure that the known items do not cover '
  + '(negative when they cover more than was reported).';

@Directive('@shareable')
@ObjectType({ description: 'An amount of money the document reports for a group minus the sum of its members\' own figures.' })
export class MoneyDifference {
  @Field(() => TengeScalar, { description: `${DIFFERENCE} In whole tenge.` })
  tenge!: string;

  @Field(() => DifferenceQualifier, { description: 'How the difference relates to the true one.' })
  qualifier!: DifferenceQualifier;
}

@Directive('@shareable')
@ObjectType({ description: 'A count the document reports for a group minus the sum of its members\' own figures.' })
export class CountDifference {
  @Field(() => Int, { description: DIFFERENCE })
  value!: number;

  @Field(() => DifferenceQualifier, { description: 'How the difference relates to the true one.' })
  qualifier!: DifferenceQualifier;
}

@Directive('@shareable')
@ObjectType({ description: 'A land area the document reports for a group minus the sum of its members\' own plots, in hectares.' })
export class AreaDifference {
  @Field(() => DecimalScalar, { description: `${DIFFERENCE} In hectares.` })
  hectares!: string;

  @Field(() => DifferenceQualifier, { description: 'How the difference relates to the true one.' })
  qualifier!: DifferenceQualifier;
}

/**
 * The SQL aggregate of the qualifier of a sum, over the rows' `qualifier` expression (text, null
 * for a row with no figure, which is not a term): APPROXIMATE if any term is, else AT_LEAST if any
 * term is, else EXACT (also for a sum of no terms, which is exactly 0).
 */
export function sumQualifierSql(qualifier: string): string {
  return `CASE WHEN COALESCE(bool_or(${qualifier} = 'APPROXIMATE'), false) THEN 'APPROXIMATE'
               WHEN COALESCE(bool_or(${qualifier} = 'AT_LEAST'), false) THEN 'AT_LEAST'
               ELSE 'EXACT' END`;
}

/**
 * The SQL of a MoneySum, as jsonb in its GraphQL shape, aggregated over rows that are one per
 * project: `tenge` is the project's investment (numeric, null where unknown), `qualifier` its
 * qualifier (text) and `project` an expression that is not null on a project's row (by default
 * every row counts; give the project id when an outer join can yield a row for no project).
 */
export function moneySumSql(tenge: string, qualifier: string, project = '*'): string {
  return `jsonb_build_object('tenge', COALESCE(sum(${tenge}), 0)::text, 'qualifier', ${sumQualifierSql(qualifier)},
    'knownCount', count(${tenge}), 'unknownCount', count(${project}) - count(${tenge}))`;
}

/** The SQL of a CountSum, as jsonb in its GraphQL shape, over rows that are one per project (see moneySumSql). */
export function countSumSql(value: string, qualifier: string, project = '*'): string {
  return `jsonb_build_object('value', COALESCE(sum(${value}), 0)::int, 'qualifier', ${sumQualifierSql(qualifier)},
    'knownCount', count(${value}), 'unknownCount', count(${project}) - count(${value}))`;
}

/**
 * The qualifier of `reported - itemized`, or null when nothing honest can be said of it: a
 * lower bound minus a lower bound can be anything, and an approximation minus a bound (or a
 * bound minus an approximation) is neither bounded nor approximate.
 */
export function differenceQualifier(reported: Qualifier, itemized: Qualifier): DifferenceQualifier | null {
  if (reported === Qualifier.EXACT && itemized === Qualifier.EXACT) return DifferenceQualifier.EXACT;
  if (reported === Qualifier.AT_LEAST && itemized === Qualifier.EXACT) return DifferenceQualifier.AT_LEAST;
  if (reported === Qualifier.EXACT && itemized === Qualifier.AT_LEAST) return DifferenceQualifier.AT_MOST;
  if (reported !== Qualifier.AT_LEAST && itemized !== Qualifier.AT_LEAST) return DifferenceQualifier.APPROXIMATE;
  return null;
}

const SCALE = 8;
const DECIMAL = /^(-?)(\d+)(?:\.(\d{1,8}))?$/;

function toScaled(value: string): bigint {
  const match = DECIMAL.exec(value);
  if (!match) throw new RangeError(`not a decimal with at most ${SCALE} places: ${value}`);
  const scaled = BigInt(match[2]! + (match[3] ?? '').padEnd(SCALE, '0'));
  return match[1] === '-' ? -scaled : scaled;
}

function fromScaled(scaled: bigint): string {
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(SCALE + 1, '0');
  const whole = digits.slice(0, -SCALE);
  const fraction = digits.slice(-SCALE).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** `a - b` for decimal strings of up to 8 places, exactly (no float), without trailing zeros. */
export function subtractDecimal(a: string, b: string): string {
  return fromScaled(toScaled(a) - toScaled(b));
}

/** A figure reduced to what a difference needs. */
export interface QualifiedValue {
  /** A decimal string: whole tenge, a count, hectares. */
  value: string;
  qualifier: Qualifier;
}

/**
 * `reported - itemized` with its qualifier; null when there is no reported figure or when the
 * qualifiers leave the difference unbounded (see `differenceQualifier`).
 */
export function difference(reported: QualifiedValue | null, itemized: QualifiedValue): { value: string; qualifier: DifferenceQualifier } | null {
  if (reported === null) return null;
  const qualifier = differenceQualifier(reported.qualifier, itemized.qualifier);
  return qualifier === null ? null : { value: subtractDecimal(reported.value, itemized.value), qualifier };
}
