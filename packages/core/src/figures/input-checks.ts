import { ValidateBy, type ValidationArguments } from 'class-validator';
import { GraphQLLocalDate } from 'graphql-scalars';
import { SYNTHETIC_ID_PREFIX } from '../database/synthetic-tables';

/**
 * A calendar date without a time zone, `YYYY-MM-DD` (a real date: 2021-02-30 is refused). Used
 * for the dates writes record (a plot allocated on, jobs recorded at): a day, not an instant.
 */
export const LocalDateScalar = GraphQLLocalDate;

/** The earliest date a write may record: before it, the zone and its records did not exist. */
export const EARLIEST_RECORD_DATE = '2000-01-01';

const DECIMAL = /^-?\d{1,24}(\.\d{1,8})?$/;

/** Today in UTC as `YYYY-MM-DD`, the latest date a write may say something already happened on. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * A Decimal (a string, see `DecimalScalar`) greater than 0 and at most `max`: an area, an
 * amount. The range is checked on the number; the string itself is stored exactly.
 */
export function IsPositiveDecimal(max: number): PropertyDecorator {
  return ValidateBy({
    name: 'isPositiveDecimal',
    constraints: [max],
    validator: {
      validate: (value: unknown) => typeof value === 'string' && DECIMAL.test(value) && Number(value) > 0 && Number(value) <= max,
      defaultMessage: (args?: ValidationArguments) => `$property must be more than 0 and at most ${args?.constraints[0]}, got ${JSON.stringify(args?.value)}`,
    },
  });
}

/**
 * A `YYYY-MM-DD` date from EARLIEST_RECORD_DATE to today (UTC): a date something happened on.
 * Strings compare as dates in this form, and the scalar has already refused any other form.
 */
export function IsPastDate(): PropertyDecorator {
  return ValidateBy({
    name: 'isPastDate',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && value >= EARLIEST_RECORD_DATE && value <= todayUtc(),
      defaultMessage: (args?: ValidationArguments) => `$property must be a date from ${EARLIEST_RECORD_DATE} to today, got ${JSON.stringify(args?.value)}`,
    },
  });
}

/** A record id a write may create: the `synthetic-` prefix is kept for the synthetic-data generator. */
export function IsNotSyntheticId(): PropertyDecorator {
  return ValidateBy({
    name: 'isNotSyntheticId',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || !value.startsWith(SYNTHETIC_ID_PREFIX),
      defaultMessage: () => `$property must not start with "${SYNTHETIC_ID_PREFIX}": such ids are kept for synthetic data`,
    },
  });
}
