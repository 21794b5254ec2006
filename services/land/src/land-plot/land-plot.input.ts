import { DecimalScalar } from '@azg/core/figures';
import type { EnumValue } from '@azg/core/federation';
import { ConnectionArgs, createOrderTypes, IdFilter, type OrderInput } from '@azg/core/pagination';
import { ArgsType, Field, InputType } from 'type-graphql';
import { LandPlotStatus } from './land-plot.type';

/** What a list of land plots can be ordered by (`LandPlotOrderField`), and one key of that order (`LandPlotOrder`). */
export const { Field: LandPlotOrderField, Order: LandPlotOrder } = createOrderTypes({
  name: 'LandPlot',
  records: 'land plots',
  fields: {
    AREA: 'The area in hectares, as the number stated ("more than 10 hectares" counts as 10).',
    STATUS: 'The status in the order the document reports them (P3): ALLOCATED, OPTIMIZED, RELEASED.',
  },
  orderDescription: 'One key of the order of a list of land plots. Ties are always broken by the plot id, ascending.',
});
export type LandPlotOrderField = EnumValue<typeof LandPlotOrderField>;
export type LandPlotOrder = OrderInput<LandPlotOrderField>;

@InputType('LandPlotStatusFilter', { description: 'Narrows a list to plots in any of the statuses named.' })
export class LandPlotStatusFilter {
  @Field(() => [LandPlotStatus], { description: 'The plot has one of these statuses. At least one.' })
  in!: LandPlotStatus[];
}

@InputType('HectareRange', { description: 'A range of areas in hectares, both ends inclusive, compared with the number stated ("more than 10 hectares" as 10).' })
export class HectareRange {
  @Field(() => DecimalScalar, { nullable: true, description: 'The smallest area, in hectares; none when omitted.' })
  min?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'The largest area, in hectares; none when omitted.' })
  max?: string | null;
}

@InputType('LandPlotFilter', {
  description: 'Narrows a list of land plots. Every field given must hold (AND); `and`, `or` and `not` combine whole filters. '
    + 'An empty filter narrows nothing. At most 5 levels of nesting and 50 conditions.',
})
export class LandPlotFilter {
  @Field(() => [LandPlotFilter], { nullable: true, description: 'Every one of these filters holds (at least one).' })
  and?: LandPlotFilter[] | null;

  @Field(() => [LandPlotFilter], { nullable: true, description: 'At least one of these filters holds (at least one).' })
  or?: LandPlotFilter[] | null;

  @Field(() => LandPlotFilter, { nullable: true, description: 'This filter does not hold.' })
  not?: LandPlotFilter | null;

  @Field(() => IdFilter, { nullable: true, description: 'The plot has one of these ids.' })
  id?: IdFilter | null;

  @Field(() => LandPlotStatusFilter, { nullable: true, description: 'The plot\'s status is one of these.' })
  status?: LandPlotStatusFilter | null;

  @Field(() => HectareRange, { nullable: true, description: 'The plot\'s area, in hectares, is in this range.' })
  areaHectares?: HectareRange | null;
}

/** The arguments of `landPlots`: paging, ordering, filter. */
@ArgsType()
export class LandPlotListArgs extends ConnectionArgs {
  @Field(() => [LandPlotOrder], { nullable: true, description: 'The order, key by key (each field once); ties broken by id ascending. By id when omitted.' })
  orderBy?: LandPlotOrder[] | null;

  @Field(() => LandPlotFilter, { nullable: true, description: 'Only the plots that match; all when omitted.' })
  filter?: LandPlotFilter | null;
}
