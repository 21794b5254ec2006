import { AreaFigure, CountFigure, PartialDate, Source } from '@azg/core/figures';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Industrial parks the source reports together, with the production space they bring for
 * small and medium businesses. The cost and jobs it gives for them sit on the project group.
 */
@Directive('@key(fields: "id")')
@ObjectType({
  description: 'Industrial parks an industrial zone plans to open, reported together with the production space they bring for small and medium businesses (SMEs).',
})
export class IndustrialPark {
  @Field(() => ID, { description: 'The record id, e.g. "industrial-parks-2021".' })
  id!: string;

  @Field(() => String, { description: 'A name in English for the parks as the source reports them.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The original Kazakh words for the parks, where the source gives them.' })
  nameKk!: string | null;

  @Field(() => CountFigure, { description: 'How many parks the source reports (e.g. 5).' })
  parkCount!: CountFigure;

  @Field(() => AreaFigure, { description: 'The production space for SMEs to be put into operation with the parks (e.g. 22 thousand square metres).' })
  smeProductionSpace!: AreaFigure;

  @Field(() => PartialDate, { description: 'When the parks are planned to open, at the precision the source gives.' })
  plannedOpening!: PartialDate;

  @Field(() => [Source], { description: 'Where the source reports the parks.' })
  sources!: Source[];
}
