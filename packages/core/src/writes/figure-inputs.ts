import { IsEnum, IsInt, IsOptional, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { BadUserInputError } from '../errors/errors';
import { area, count, money, partialDate } from '../figures/facts';
import {
  AreaUnit, DateBound, Qualifier, type AreaFigure, type CountFigure, type MoneyFigure, type PartialDate, type Source,
} from '../figures/figures';
import { DecimalScalar, TengeScalar } from '../figures/scalars';
import { IsNonNegativeDecimal } from './validation';

/** The earliest and latest year a written date may name: the zone's life, with room for plans. */
export const MIN_WRITTEN_YEAR = 1990;
export const MAX_WRITTEN_YEAR = 2100;
/** Longest `stated` text of a written figure. */
export const MAX_STATED_LENGTH = 500;

@InputType('MoneyFigureInput', { description: 'An amount of money to write: whole tenge, not negative, with its qualifier.' })
export class MoneyFigureInput {
  @Field(() => TengeScalar, { description: 'Whole tenge as a string of digits, e.g. "11600000000"; not negative.' })
  @IsNonNegativeDecimal()
  tenge!: string;

  @Field(() => Qualifier, { defaultValue: Qualifier.EXACT, description: 'Exact, a lower bound ("more than") or approximate.' })
  @IsEnum(Qualifier)
  qualifier!: Qualifier;

  @Field(() => String, { nullable: true, description: `The amount as the source words it, e.g. "11,6 млрд. теңге"; the digits when omitted. At most ${MAX_STATED_LENGTH} characters.` })
  @IsOptional()
  @MinLength(1)
  @MaxLength(MAX_STATED_LENGTH)
  stated?: string | null;
}

@InputType('CountFigureInput', { description: 'A count to write (jobs, projects): a whole number, not negative, with its qualifier.' })
export class CountFigureInput {
  @Field(() => Int, { description: 'The count; 0 or more.' })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  value!: number;

  @Field(() => Qualifier, { defaultValue: Qualifier.EXACT, description: 'Exact, a lower bound ("more than") or approximate.' })
  @IsEnum(Qualifier)
  qualifier!: Qualifier;

  @Field(() => String, { nullable: true, description: `The count as the source words it; the number when omitted. At most ${MAX_STATED_LENGTH} characters.` })
  @IsOptional()
  @MinLength(1)
  @MaxLength(MAX_STATED_LENGTH)
  stated?: string | null;
}

@InputType('AreaFigureInput', { description: 'An area to write, in the unit the source states it; not negative.' })
export class AreaFigureInput {
  @Field(() => DecimalScalar, { description: 'The area in `unit`, e.g. "10" or "2.2"; not negative.' })
  @IsNonNegativeDecimal()
  value!: string;

  @Field(() => AreaUnit, { description: 'Hectares or square metres.' })
  @IsEnum(AreaUnit)
  unit!: AreaUnit;

  @Field(() => Qualifier, { defaultValue: Qualifier.EXACT, description: 'Exact, a lower bound ("more than") or approximate.' })
  @IsEnum(Qualifier)
  qualifier!: Qualifier;

  @Field(() => String, { nullable: true, description: `The area as the source words it; the number and unit when omitted. At most ${MAX_STATED_LENGTH} characters.` })
  @IsOptional()
  @MinLength(1)
  @MaxLength(MAX_STATED_LENGTH)
  stated?: string | null;
}

@InputType('PartialDateInput', { description: `A date to write at the precision known: "2021", "2021-Q3", "2021-09" or "2021-09-01", in the years ${MIN_WRITTEN_YEAR} to ${MAX_WRITTEN_YEAR}.` })
export class PartialDateInput {
  @Field(() => String, { description: 'The date: YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD.' })
  @MaxLength(10)
  text!: string;

  @Field(() => DateBound, { defaultValue: DateBound.IN, description: 'IN the period, or BY its end (a deadline).' })
  @IsEnum(DateBound)
  bound!: DateBound;

  @Field(() => String, { nullable: true, description: `The date as the source words it; the text when omitted. At most ${MAX_STATED_LENGTH} characters.` })
  @IsOptional()
  @MinLength(1)
  @MaxLength(MAX_STATED_LENGTH)
  stated?: string | null;
}

/** A money input as core's MoneyFigure, with the write's sources. */
export function moneyFromInput(input: MoneyFigureInput, sources: Source[]): MoneyFigure {
  const tenge = input.tenge.replace(/^0+(?=\d)/, '');
  return money(tenge, input.qualifier, input.stated ?? `${tenge} tenge`, sources);
}

/** A count input as core's CountFigure, with the write's sources. */
export function countFromInput(input: CountFigureInput, sources: Source[]): CountFigure {
  return count(input.value, input.qualifier, input.stated ?? String(input.value), sources);
}

/** An area input as core's AreaFigure (with its hectares), with the write's sources. */
export function areaFromInput(input: AreaFigureInput, sources: Source[]): AreaFigure {
  const value = input.value.replace(/^0+(?=\d)/, '');
  return area(value, input.unit, input.qualifier, input.stated ?? `${value} ${input.unit === AreaUnit.HECTARE ? 'ha' : 'm²'}`, sources);
}

/**
 * A date input as core's PartialDate, with the write's sources: BAD_USER_INPUT naming `field`
 * (e.g. `input.plannedLaunch.text`) for a malformed date or a year outside the range written dates may have.
 */
export function partialDateFromInput(input: PartialDateInput, sources: Source[], field: string): PartialDate {
  let date: PartialDate;
  try {
    date = partialDate(input.text, input.bound, input.stated ?? input.text, sources);
  } catch (error) {
    if (error instanceof BadUserInputError) throw new BadUserInputError(`${field}: ${error.message}`, field);
    throw error;
  }
  if (date.year < MIN_WRITTEN_YEAR || date.year > MAX_WRITTEN_YEAR) {
    throw new BadUserInputError(`${field} must be a date in the years ${MIN_WRITTEN_YEAR} to ${MAX_WRITTEN_YEAR}, got ${input.text}`, field);
  }
  return date;
}
