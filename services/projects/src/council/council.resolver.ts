import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { ProjectGroup } from '../project-group/project-group.type';
import { RegionalCoordinationCouncil } from './council.type';

@Resolver(() => RegionalCoordinationCouncil)
export class CouncilResolver {
  @Query(() => RegionalCoordinationCouncil, { nullable: true, description: 'The Regional Coordination Council (ӨҮК): its reformatting, members, meetings and the projects it supported.' })
  regionalCoordinationCouncil(@Ctx() ctx: Context): Promise<RegionalCoordinationCouncil | null> {
    return ctx.repositories.council.findFirst();
  }

  @FieldResolver(() => ProjectGroup, { nullable: true, description: 'The new projects it supported over `meetingPeriod`, with their reported count, investment and jobs.' })
  supportedProjects(@Root() council: RegionalCoordinationCouncil, @Ctx() ctx: Context): Promise<ProjectGroup | null> | null {
    return council.supportedGroupId ? ctx.loaders.groupById.load(council.supportedGroupId) : null;
  }
}
