import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DecimalScalar, TengeScalar } from './scalars';

/** How a figure relates to the true value, as the document words it. */
export enum Qualifier {
  EXACT = 'EXACT',
  AT_LEAST = 'AT_LEAST',
  APPROXIMATE = 'APPROXIMATE',
}
registerEnumType(Qualifier, {
  name: 'Qualifier',
  description: 'How a figure relates to the true value, as the source words it.',
  valuesConfig: {
    EXACT: { description: 'Stated as a plain number, with no qualifier (it may still be rounded, as press figures are: "11.6 billion").' },
    AT_LEAST: { description: 'A lower bound: the source says "more than" (астам). "More than 165 jobs" is at least 165.' },
    APPROXIMATE: { description: 'The source says "about" or gives an estimate.' },
  },
});

/** The precision a date is known to. */
export enum DatePrecision {
  YEAR = 'YEAR',
  QUARTER = 'QUARTER',
  MONTH = 'MONTH',
  DAY = 'DAY',
}
registerEnumType(DatePrecision, {
  name: 'DatePrecision',
  description: 'How precisely a date is known: the source may give only a year, a quarter or a month.',
  valuesConfig: {
    YEAR: { description: 'Only the year is known.' },
    QUARTER: { description: 'The year and the quarter are known.' },
    MONTH: { description: 'The year and the month are known.' },
    DAY: { description: 'The exact day is known.' },
  },
});

/** Whether a date names the period itself or a deadline. */
export enum DateBound {
  IN = 'IN',
  BY = 'BY',
}
registerEnumType(DateBound, {
  name: 'DateBound',
  description: 'Whether the date is when something happens or a deadline it happens by.',
  valuesConfig: {
    IN: { description: 'It happens (or happened) within the period: "in July 2021".' },
    BY: { description: 'It happens no later than the end of the period: "by the end of 2021", "by 2025".' },
  },
});

export enum AreaUnit {
  HECTARE = 'HECTARE',
  SQUARE_METRE = 'SQUARE_METRE',
}
registerEnumType(AreaUnit, {
  name: 'AreaUnit',
  description: 'The unit an area is stated in.',
  valuesConfig: {
    HECTARE: { description: 'Hectares (га, гектар): 10,000 square metres.' },
    SQUARE_METRE: { description: 'Square metres (шаршы метр).' },
  },
});

/**
 * One place in a source document that a record or a figure rests on. Shared by every
 * subgraph (a value type, `@shareable`), so provenance reads the same wherever it comes from.
 */
@Directive('@shareable')
@ObjectType({ description: 'One place in a source document that a record or figure rests on: the paragraph and the original words.' })
export class Source {
  @Field(() => ID, { description: 'The source document, as answered by `sourceDocument(id:)`.' })
  documentId!: string;

  @Field(() => Int, { description: 'The paragraph, numbered from 1 as in the English translation (P1 to P16).' })
  paragraph!: number;

  @Field(() => String, { description: 'The original words, verbatim from the Kazakh text.' })
  quote!: string;

  @Field(() => String, { nullable: true, description: 'An English rendering of the quoted words.' })
  translation!: string | null;

  @Field(() => Boolean, { description: 'True when the fact is inferred from these words rather than stated by them.' })
  inferred!: boolean;

  @Field(() => String, { nullable: true, description: 'Why the reading was made, where it is not obvious (always given for an inference).' })
  note!: string | null;
}

@Directive('@shareable')
@ObjectType({ description: 'An amount of money as the source reports it: exact tenge, its qualifier, the words it was stated in and where.' })
export class MoneyFigure {
  @Field(() => TengeScalar, { description: 'The amount in whole tenge. A lower bound when `qualifier` is AT_LEAST.' })
  tenge!: string;

  @Field(() => Qualifier, { description: 'How the figure relates to the true value: exact as stated, a lower bound, or approximate.' })
  qualifier!: Qualifier;

  @Field(() => String, { description: 'The figure as written in the original, e.g. "11,6 млрд. теңге".' })
  stated!: string;

  @Field(() => [Source], { description: 'Where the source document states the figure.' })
  sources!: Source[];
}

@Directive('@shareable')
@ObjectType({ description: 'A count (jobs, projects, companies, meetings) as the source reports it.' })
export class CountFigure {
  @Field(() => Int, { description: 'The count. A lower bound when `qualifier` is AT_LEAST.' })
  value!: number;

  @Field(() => Qualifier, { description: 'How the figure relates to the true value: exact as stated, a lower bound, or approximate.' })
  qualifier!: Qualifier;

  @Field(() => String, { description: 'The figure as written in the original, e.g. "6,5 мыңнан астам".' })
  stated!: string;

  @Field(() => [Source], { description: 'Where the source document states the figure.' })
  sources!: Source[];
}

@Directive('@shareable')
@ObjectType({ description: 'An area as the source reports it, in its own unit and in hectares.' })
export class AreaFigure {
  @Field(() => DecimalScalar, { description: 'The area in the unit the source used.' })
  value!: string;

  @Field(() => AreaUnit, { description: 'The unit the source states the area in.' })
  unit!: AreaUnit;

  @Field(() => DecimalScalar, { description: 'The same area in hectares.' })
  hectares!: string;

  @Field(() => Qualifier, { description: 'How the figure relates to the true value: exact as stated, a lower bound, or approximate.' })
  qualifier!: Qualifier;

  @Field(() => String, { description: 'The figure as written in the original, e.g. "10 гектардан астам".' })
  stated!: string;

  @Field(() => [Source], { description: 'Where the source document states the figure.' })
  sources!: Source[];
}

@Directive('@shareable')
@ObjectType({ description: 'A production capacity: an amount of a product per period, in its unit.' })
export class CapacityFigure {
  @Field(() => DecimalScalar, { description: 'The amount per period. A lower bound when `qualifier` is AT_LEAST.' })
  value!: string;

  @Field(() => String, { description: 'The unit, in English: "tonne", "kilometre".' })
  unit!: string;

  @Field(() => String, { description: 'The period the amount is produced in: "year".' })
  period!: string;

  @Field(() => String, { nullable: true, description: 'What is measured, e.g. "cable and wire products".' })
  product!: string | null;

  @Field(() => Qualifier, { description: 'How the figure relates to the true value: exact as stated, a lower bound, or approximate.' })
  qualifier!: Qualifier;

  @Field(() => String, { description: 'The figure as written in the original, e.g. "жылына 25 мың тоннадан астам".' })
  stated!: string;

  @Field(() => [Source], { description: 'Where the source document states the figure.' })
  sources!: Source[];
}

@Directive('@shareable')
@ObjectType({ description: 'A date known only to some precision (a year, a quarter, a month), as the source gives it.' })
export class PartialDate {
  @Field(() => Int, { description: 'The year.' })
  year!: number;

  @Field(() => Int, { nullable: true, description: '1 to 4, when the precision is QUARTER.' })
  quarter!: number | null;

  @Field(() => Int, { nullable: true, description: '1 to 12, when the precision is MONTH or DAY.' })
  month!: number | null;

  @Field(() => Int, { nullable: true, description: '1 to 31, when the precision is DAY.' })
  day!: number | null;

  @Field(() => DatePrecision, { description: 'How precisely the date is known.' })
  precision!: DatePrecision;

  @Field(() => DateBound, { description: 'Whether the date is when it happens or a deadline.' })
  bound!: DateBound;

  @Field(() => String, { description: 'The date at its own precision: "2021", "2021-Q1", "2021-09", "2021-09-01".' })
  text!: string;

  @Field(() => String, { description: 'The date as written in the original, e.g. "ағымдағы жылдың қыркүйек айына".' })
  stated!: string;

  @Field(() => [Source], { description: 'Where the source document gives the date.' })
  sources!: Source[];
}
