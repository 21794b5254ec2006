import { type Connection, emptyConnection, readPageRequest } from '@azg/core/pagination';
import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, Directive, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { ProjectListArgs } from '../project/project.input';
import type { ProjectRecord } from '../project/project.record';
import { projectOrdering } from '../project/project.repository';
import { ProjectConnection } from '../project/project.type';
import { TrainingInstitutionReference } from './training-institution.reference';

/** The single key of the zone's project pages: every college serving the zone shares one statement. */
const ZONE = 'zone';

@Resolver(() => TrainingInstitutionReference)
export class TrainingInstitutionProjectsResolver {
  @Directive('@requires(fields: "servesAllZoneProjects")')
  @FieldResolver(() => ProjectConnection, {
    nullable: true,
    description: 'The projects it trains specialists for, a page at a time, filtered and ordered like `Query.projects`: every project of the zone not removed from its portfolio when it serves the whole zone, none otherwise. Null only when the projects subgraph cannot answer.',
  })
  async projects(
    @Root() institution: TrainingInstitutionReference,
    @Args(() => ProjectListArgs) args: ProjectListArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<ProjectRecord>> {
    const request = readPageRequest(args, { connection: 'TrainingInstitution.projects', ordering: projectOrdering(args.orderBy), codec: ctx.cursors, info });
    return institution.servesAllZoneProjects ? ctx.loaders.zoneProjectPages.load(ZONE, request, args.filter ?? null) : emptyConnection();
  }
}
