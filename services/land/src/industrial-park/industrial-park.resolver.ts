import { assertRecordId } from '@azg/core/database';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { IndustrialZone } from '../industrial-zone/industrial-zone.type';
import { ProjectGroupReference } from '../project-group/project-group.reference';
import type { IndustrialParkRecord } from './industrial-park.record';
import { IndustrialPark } from './industrial-park.type';

@Resolver(() => IndustrialPark)
export class IndustrialParkResolver {
  @Query(() => IndustrialPark, { nullable: true, description: 'Industrial parks by record id; null when no record has the id.' })
  industrialPark(
    @Arg('id', () => ID, { description: 'The record id, e.g. "industrial-parks-2021".' }) id: string,
    @Ctx() context: Context,
  ): Promise<IndustrialParkRecord | null> {
    return context.loaders.industrialParkById.load(assertRecordId(id));
  }

  @Query(() => [IndustrialPark], { description: 'Every industrial park record, by id.' })
  industrialParks(@Ctx() context: Context): Promise<IndustrialParkRecord[]> {
    return context.repositories.industrialParks.list();
  }

  @FieldResolver(() => IndustrialZone, { description: 'The zone the parks are planned in.' })
  zone(@Root() park: IndustrialParkRecord) {
    return park.zone;
  }

  @FieldResolver(() => ProjectGroupReference, {
    nullable: true,
    description: 'The project group (resolved by the projects subgraph) that carries the cost and the jobs the source gives for the parks and the space together. Null only when the projects subgraph cannot answer.',
  })
  group(@Root() park: IndustrialParkRecord): ProjectGroupReference {
    return { id: park.groupId };
  }
}
