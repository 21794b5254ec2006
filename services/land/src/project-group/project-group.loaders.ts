import DataLoader from 'dataloader';
import type { ProjectGroupLandRecord, ProjectGroupLandRequest } from './project-group.record';
import type { ProjectGroupLandRepository } from './project-group.repository';

/** Per-request loaders of what land adds to project groups, over the request's repository. */
export function createProjectGroupLoaders(groups: ProjectGroupLandRepository) {
  return {
    /**
     * A group's land figures, industrial parks and areas, for every group of the fetch in one
     * statement. Keyed by the group and its members together: every field of one representation
     * asks with the same key, so they share one load.
     */
    projectGroupLand: new DataLoader<ProjectGroupLandRequest, ProjectGroupLandRecord, string>(
      (requests) => groups.findByGroups(requests),
      { cacheKeyFn: (request) => JSON.stringify([request.groupId, request.memberIds]) },
    ),
  };
}

export type ProjectGroupLoaders = ReturnType<typeof createProjectGroupLoaders>;
