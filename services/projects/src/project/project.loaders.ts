import { createRowLoader } from '@azg/core/database';
import { PageLoader } from '@azg/core/pagination';
import type { ProjectFilter } from './project.input';
import type { GroupMemberRecord, ProjectRecord } from './project.record';
import type { ProjectRepository } from './project.repository';

/** The project DataLoaders of one request, over its project repository: each batches all the keys of a tick into one statement. */
export function createProjectLoaders(projects: ProjectRepository) {
  return {
    projectById: createRowLoader((ids) => projects.findByIds(ids), (project) => project.id),
    /** A page of each company's projects: every company of a fetch asking alike, in one statement. */
    projectPagesByCompanyId: new PageLoader<ProjectFilter, ProjectRecord>((ids, request, filter) => projects.pagesByCompany(ids, request, filter)),
    /** A page of each group's members (with the membership's sources), for `members` and `memberships` alike. */
    memberPagesByGroupId: new PageLoader<ProjectFilter, GroupMemberRecord>((ids, request, filter) => projects.pagesByGroup(ids, request, filter)),
    /** A page of the zone's projects, for the training institutions that serve all of them; one statement per request. */
    zoneProjectPages: new PageLoader<ProjectFilter, ProjectRecord>(async (keys, request, filter) => {
      const page = await projects.zonePage(request, filter);
      return new Map(keys.map((key) => [key, page]));
    }),
  };
}
