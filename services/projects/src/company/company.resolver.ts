import { type Connection, readPageRequest } from '@azg/core/pagination';
import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { ProjectListArgs } from '../project/project.input';
import type { ProjectRecord } from '../project/project.record';
import { projectOrdering } from '../project/project.repository';
import { ProjectConnection } from '../project/project.type';
import { CompanyReference } from './company.reference';

@Resolver(() => CompanyReference)
export class CompanyProjectsResolver {
  @FieldResolver(() => ProjectConnection, {
    nullable: true,
    description: 'The company\'s projects in the zone, a page at a time, filtered and ordered like `Query.projects` (by name by default). Null only when the projects subgraph cannot answer.',
  })
  projects(
    @Root() company: CompanyReference,
    @Args(() => ProjectListArgs) args: ProjectListArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<ProjectRecord>> {
    const request = readPageRequest(args, { connection: 'Company.projects', ordering: projectOrdering(args.orderBy), codec: ctx.cursors, info });
    return ctx.loaders.projectPagesByCompanyId.load(company.id, request, args.filter ?? null);
  }
}
