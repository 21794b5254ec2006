import { assertRecordId } from '@azg/core';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { CompanyReference } from '../company/company.reference';
import type { ProjectsContext } from '../context';
import { GroupMembership, ProjectGroup } from '../project-group/project-group.type';
import type { ProjectRecord } from './project.repository';
import { Project, ProjectStatus } from './project.type';

@Resolver(() => Project)
export class ProjectResolver {
  @Query(() => Project, { nullable: true, description: 'A project by id; null when no project has it.' })
  project(
    @Arg('id', () => ID, { description: 'The project\'s id, e.g. "valtherm-radiator-plant".' }) id: string,
    @Ctx() ctx: ProjectsContext,
  ): Promise<Project | null> {
    return ctx.loaders.projectById.load(assertRecordId(id));
  }

  @Query(() => [Project], { description: 'The zone\'s projects, by name, optionally narrowed by status, company or group.' })
  projects(
    @Ctx() ctx: ProjectsContext,
    @Arg('status', () => ProjectStatus, { nullable: true, description: 'Only projects with this status.' }) status?: ProjectStatus | null,
    @Arg('companyId', () => ID, { nullable: true, description: 'Only this company\'s projects.' }) companyId?: string | null,
    @Arg('groupId', () => ID, { nullable: true, description: 'Only members of this group.' }) groupId?: string | null,
  ): Promise<Project[]> {
    return ctx.repositories.projects.list({
      status,
      companyId: companyId == null ? null : assertRecordId(companyId, 'companyId'),
      groupId: groupId == null ? null : assertRecordId(groupId, 'groupId'),
    });
  }

  @FieldResolver(() => CompanyReference, { nullable: true, description: 'The company that carries out the project. Null only when the companies subgraph cannot answer (the rest of the response still arrives).' })
  company(@Root() project: Project): CompanyReference {
    return { id: project.companyId } as CompanyReference;
  }

  @FieldResolver(() => [ProjectGroup], { description: 'The groups the document reports figures for that include this project (their figures are not split among members).' })
  groups(@Root() project: ProjectRecord, @Ctx() ctx: ProjectsContext): ProjectGroup[] {
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
