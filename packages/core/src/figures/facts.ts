import { BadUserInputError } from '../errors/errors';
import {
  AreaFigure, AreaUnit, CapacityFigure, CountFigure, DateBound, DatePrecision, MoneyFigure, PartialDate, Qualifier, Source,
} from './figures';

/** The id of the first source document: the akimat's 2021 press release on the Industrial Zone. */
export const PRESS_RELEASE_ID = 'akimat-2021-industrial-zone';

/** Options of a citation: an inference must say why it was made. */
export type CitationOptions = { inferred?: false; note?: string } | { inferred: true; note: string };

/**
 * A citation of the press release: paragraph `paragraph` (P1..P16), its original Kazakh words
 * `quote` (verbatim: a test checks every quote against the original text) and their English.
 */
export function cite(paragraph: number, quote: string, translation: string | null, options: CitationOptions = {}): Source {
  if (!Number.isInteger(paragraph) || paragraph < 1) throw new RangeError(`paragraph must be a positive integer, got ${paragraph}`);
  return {
    documentId: PRESS_RELEASE_ID,
    paragraph,
    quote,
    translation,
    inferred: options.inferred ?? false,
    note: options.note ?? null,
  };
}

export function money(tenge: string, qualifier: Qualifier, stated: string, sources: Source[]): MoneyFigure {
  if (!/^\d+$/.test(tenge)) throw new RangeError(`tenge must be whole tenge as digits, got ${tenge}`);
  return { tenge, qualifier, stated, sources };
}

export function count(value: number, qualifier: Qualifier, stated: string, sources: Source[]): CountFigure {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`a count must be a whole number, got ${value}`);
  return { value, qualifier, stated, sources };
}

/** Hectares from an area in `unit`, exact: a square metre is 0.0001 ha. */
export function toHectares(value: string, unit: AreaUnit): string {
  if (unit === AreaUnit.HECTARE) return value;
  const [whole, fraction = ''] = value.split('.');
  const digits = (whole + fraction).replace(/^0+(?=\d)/, '');
  const scale = fraction.length + 4;
  const padded = digits.padStart(scale + 1, '0');
  const integer = padded.slice(0, padded.length - scale);
  const decimals = padded.slice(padded.length - scale).replace(/0+$/, '');
  return decimals ? `${integer}.${decimals}` : integer;
}

export function area(value: string, unit: AreaUnit, qualifier: Qualifier, stated: string, sources: Source[]): AreaFigure {
  if (!/^\d+(\.\d+)?$/.test(value)) throw new RangeError(`an area must be a non-negative decimal, got ${value}`);
  return { value, unit, hectares: toHectares(value, unit), qualifier, stated, sources };
}

export function capacity(
  value: string, unit: string, period: string, product: string | null, qualifier: Qualifier, stated: string, sources: Source[],
): CapacityFigure {
  if (!/^\d+(\.\d+)?$/.test(value)) throw new RangeError(`a capacity must be a non-negative decimal, got ${value}`);
  return { value, unit, period, product, qualifier, stated, sources };
}

const DATE_FORMS: Array<[RegExp, DatePrecision]> = [
  [/^(\d{4})$/, DatePrecision.YEAR],
  [/^(\d{4})-Q([1-4])$/, DatePrecision.QUARTER],
  [/^(\d{4})-(0[1-9]|1[0-2])$/, DatePrecision.MONTH],
  [/^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, DatePrecision.DAY],
];

/**
 * A date at the precision the source gives: "2021", "2021-Q1", "2021-09" or "2021-09-01".
 * Throws BAD_USER_INPUT on any other form, so it can check input as well as seed data.
 */
export function partialDate(text: string, bound: DateBound, stated: string, sources: Source[]): PartialDate {
  for (const [pattern, precision] of DATE_FORMS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const year = Number(match[1]);
    const quarter = precision === DatePrecision.QUARTER ? Number(match[2]) : null;
    const month = precision === DatePrecision.MONTH || precision === DatePrecision.DAY ? Number(match[2]) : null;
    const day = precision === DatePrecision.DAY ? Number(match[3]) : null;
    if (day !== null && month !== null && day > new Date(Date.UTC(year, month, 0)).getUTCDate()) break;
    return { year, quarter, month, day, precision, bound, text, stated, sources };
  }
  throw new BadUserInputError(`"${text}" is not a date of the form YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD`);
}
