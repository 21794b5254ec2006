import { assertRecordId } from '@azg/core/database';
import { type Connection, readPageRequest, selectedNodeFields } from '@azg/core/pagination';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { CompanyReference } from '../company/company.reference';
import type { Context } from '../context';
import { GroupMembership, ProjectGroup } from '../project-group/project-group.type';
import { ProjectListArgs } from './project.input';
import type { ProjectRecord } from './project.record';
import { projectOrdering } from './project.repository';
import { Project, ProjectConnection } from './project.type';

@Resolver(() => Project)
export class ProjectResolver {
  @Query(() => Project, { nullable: true, description: 'A project by id; null when no project has it.' })
  project(
    @Arg('id', () => ID, { description: 'The project\'s id, e.g. "valtherm-radiator-plant".' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Project | null> {
    return ctx.loaders.projectById.load(assertRecordId(id));
  }

  @Query(() => ProjectConnection, {
    description: 'The projects in the database, a page at a time (at most 100; 20 unless `first` or `last` says otherwise), filtered by `filter` and ordered by `orderBy` (by name by default).',
  })
  projects(
    @Args(() => ProjectListArgs) args: ProjectListArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<ProjectRecord>> {
    const request = readPageRequest(args, { connection: 'Query.projects', ordering: projectOrdering(args.orderBy), codec: ctx.cursors, info });
    return ctx.repositories.projects.page(request, args.filter ?? null, selectedNodeFields(info));
  }

  @FieldResolver(() => CompanyReference, { nullable: true, description: 'The company that carries out the project. Null only when the companies subgraph cannot answer (the rest of the response still arrives).' })
  company(@Root() project: Project): CompanyReference {
    return { id: project.companyId };
  }

  @FieldResolver(() => [ProjectGroup], { description: 'The groups the document reports figures for that include this project (their figures are not split among members).' })
  groups(@Root() project: ProjectRecord, @Ctx() ctx: Context): ProjectGroup[] {
    return project.memberships.map((membership) => {
      ctx.loaders.groupById.prime(membership.groupId, membership.group);
      return membership.group;
    });
  }

  @FieldResolver(() => [GroupMembership], { description: 'The project\'s memberships of groups, each with the words that put it there.' })
  groupMemberships(@Root() project: ProjectRecord): GroupMembership[] {
    return project.memberships.map((membership) => ({ ...membership, project }));
  }
}
