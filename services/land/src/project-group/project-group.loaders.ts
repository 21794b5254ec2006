import type { SqlRunner } from '@azg/core/database';
import DataLoader from 'dataloader';
import { ProjectGroupLandRepository, type ProjectGroupLandRecord, type ProjectGroupLandRequest } from './project-group.repository';

/** Per-request loaders of what land adds to project groups. */
export function createProjectGroupLoaders(db: SqlRunner) {
  const groups = new ProjectGroupLandRepository(db);
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
