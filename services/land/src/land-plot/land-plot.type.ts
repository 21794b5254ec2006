import { AreaFigure, createConnectionType, Source } from '@azg/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { LandPlotStatus } from './land-plot-status';

/** A plot the source describes on its own; its zone and project are added by the plot's resolver. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A plot of an industrial zone\'s land that the source describes on its own, with the project it serves.' })
export class LandPlot {
  @Field(() => ID, { description: 'The plot\'s record id, e.g. "valtherm-plot".' })
  id!: string;

  @Field(() => AreaFigure, { description: 'The plot\'s area as the source reports it (it may be a lower bound: "more than 10 hectares").' })
  area!: AreaFigure;

  @Field(() => LandPlotStatus, { description: 'What happened to the plot: allocated, optimized or released.' })
  status!: LandPlotStatus;

  @Field(() => String, { description: 'What the plot is, in English.' })
  description!: string;

  @Field(() => [Source], { description: 'Where the source describes the plot.' })
  sources!: Source[];
}

/** A page of land plots. */
export const LandPlotConnection = createConnectionType(LandPlot, { name: 'LandPlot', plural: 'land plots' });
