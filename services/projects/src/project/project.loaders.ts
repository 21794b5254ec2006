import { createGroupLoader, createRowLoader, type SqlRunner } from '@azg/core/database';
import { PageLoader } from '@azg/core/pagination';
import { ProjectStatusRepository } from '../project-status/project-status.repository';
import { ProjectGroupRepository } from '../project-group/project-group.repository';
import type { ProjectFilter } from './project.input';
import { ProjectRepository, type GroupMemberRecord, type ProjectRecord } from './project.repository';

/** The DataLoaders of one request: each batches all the keys of a tick into one statement. */
export function createLoaders(db: SqlRunner) {
  const projects = new ProjectRepository(db);
  const groups = new ProjectGroupRepository(db);
  const statuses = new ProjectStatusRepository(db);
  return {
    /** Each project's recorded status changes, oldest first: every project of a fetch in one statement. */
    statusChangesByProjectId: createGroupLoader((ids) => statuses.findByProjectIds(ids), (change) => change.projectId),
    projectById: createRowLoader((ids) => projects.findByIds(ids), (project) => project.id),
    groupById: createRowLoader((ids) => groups.findByIds(ids), (group) => group.id),
    /** A page of each company's projects: every company of a fetch asking alike, in one statement. */
    projectPagesByCompanyId: new PageLoader<ProjectFilter, ProjectRecord>((ids, request, filter) => projects.pagesByCompany(ids, request, filter)),
    /** A page of each group's members (with the membership's sources), for `members` and `memberships` alike. */
    memberPagesByGroupId: new PageLoader<ProjectFilter, GroupMemberRecord>((ids, request, filter) => projects.pagesByGroup(ids, request, filter)),
    /** A page of the zone's projects, for the training institutions that serve all of them; one statement per request. */
    zoneProjectPages: new PageLoader<ProjectFilter, ProjectRecord>(async (keys, request, filter) => {
      const page = await projects.zonePage(request, filter);
      return new Map(keys.map((key) => [key, page]));
    }),
    /**
     * Groups with their member ids and itemized investment. Kept apart from `groupById`, which is
     * primed with the groups embedded in project rows (read without those figures).
     */
    groupFiguresById: createRowLoader((ids) => groups.findByIds(ids), (group) => group.id),
  };
}

export type ProjectsLoaders = ReturnType<typeof createLoaders>;
