import { DecimalScalar, IsNotSyntheticId, IsPastDate, IsPositiveDecimal, LocalDateScalar, Qualifier } from '@azg/core/figures';
import { IsRecordId, MAX_WRITE_SOURCES, SourceInput } from '@azg/core/writes';
import { ArrayMaxSize, IsEnum, IsOptional, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

/** The largest plot a write may state, in hectares: the whole zone is a few hundred; more is a typo. */
export const MAX_PLOT_HECTARES = 10_000;
/** Longest description or reason a write may give. */
export const MAX_TEXT_LENGTH = 1_000;

@InputType('AllocateLandPlotInput', { description: 'A plot of the zone\'s land (or of one of its industrial parks) allocated to a project on a date.' })
export class AllocateLandPlotInput {
  @Field(() => ID, { description: 'The new plot\'s record id (lower-case letters, digits, hyphens), e.g. "valtherm-plot-2". CONFLICT when a plot already has it.' })
  @IsRecordId()
  @IsNotSyntheticId()
  id!: string;

  @Field(() => ID, { description: 'The project the plot is allocated to (a project of the projects subgraph).' })
  @IsRecordId()
  @IsNotSyntheticId()
  projectId!: string;

  @Field(() => ID, { description: 'The industrial zone the plot is part of, e.g. "almaty-industrial-zone". NOT_FOUND when no zone has the id.' })
  @IsRecordId()
  zoneId!: string;

  @Field(() => ID, { nullable: true, description: 'The industrial park of that zone the plot lies in; omit for a plot in the zone outside any park. NOT_FOUND when no park has the id.' })
  @IsOptional()
  @IsRecordId()
  parkId?: string | null;

  @Field(() => DecimalScalar, { description: `The plot's area in hectares: more than 0, at most ${MAX_PLOT_HECTARES}.` })
  @IsPositiveDecimal(MAX_PLOT_HECTARES)
  areaHectares!: string;

  @Field(() => Qualifier, { defaultValue: Qualifier.EXACT, description: 'How the area relates to the true one: EXACT, AT_LEAST ("more than") or APPROXIMATE.' })
  @IsEnum(Qualifier)
  areaQualifier!: Qualifier;

  @Field(() => String, { description: `What the plot is, in English; 1 to ${MAX_TEXT_LENGTH} characters.` })
  @MinLength(1)
  @MaxLength(MAX_TEXT_LENGTH)
  description!: string;

  @Field(() => LocalDateScalar, { description: 'The day the plot was allocated: from 2000-01-01 to today.' })
  @IsPastDate()
  allocatedOn!: string;

  @Field(() => [SourceInput], { nullable: true, description: `The sources the allocation rests on (at most ${MAX_WRITE_SOURCES}); without any, it is marked as entered by its author.` })
  @IsOptional()
  @ArrayMaxSize(MAX_WRITE_SOURCES)
  @ValidateNested({ each: true })
  sources?: SourceInput[] | null;
}

@InputType('OptimizeLandPlotInput', {
  description: 'The optimization of an inefficiently used plot (P3): it keeps a smaller area and the rest is taken back. Refused with CONFLICT for a released plot.',
})
export class OptimizeLandPlotInput {
  @Field(() => DecimalScalar, { description: 'The area the plot keeps, in hectares: more than 0 and less than its current area.' })
  @IsPositiveDecimal(MAX_PLOT_HECTARES)
  areaHectares!: string;

  @Field(() => String, { description: `Why: how the plot was used inefficiently; 1 to ${MAX_TEXT_LENGTH} characters.` })
  @MinLength(1)
  @MaxLength(MAX_TEXT_LENGTH)
  reason!: string;

  @Field(() => LocalDateScalar, { description: 'The day the plot was optimized: from its allocation (and any earlier optimization) to today.' })
  @IsPastDate()
  on!: string;

  @Field(() => [SourceInput], { nullable: true, description: `The sources the optimization rests on (at most ${MAX_WRITE_SOURCES}); without any, it is marked as entered by its author.` })
  @IsOptional()
  @ArrayMaxSize(MAX_WRITE_SOURCES)
  @ValidateNested({ each: true })
  sources?: SourceInput[] | null;
}

@InputType('ReleaseLandPlotInput', { description: 'A plot freed for other use, e.g. when its project left the zone\'s portfolio (P3). Refused with CONFLICT for a plot already released.' })
export class ReleaseLandPlotInput {
  @Field(() => String, { description: `Why the plot was freed; 1 to ${MAX_TEXT_LENGTH} characters.` })
  @MinLength(1)
  @MaxLength(MAX_TEXT_LENGTH)
  reason!: string;

  @Field(() => LocalDateScalar, { description: 'The day the plot was freed: from its allocation (and any optimization) to today.' })
  @IsPastDate()
  on!: string;

  @Field(() => [SourceInput], { nullable: true, description: `The sources the release rests on (at most ${MAX_WRITE_SOURCES}); without any, it is marked as entered by its author.` })
  @IsOptional()
  @ArrayMaxSize(MAX_WRITE_SOURCES)
  @ValidateNested({ each: true })
  sources?: SourceInput[] | null;
}
