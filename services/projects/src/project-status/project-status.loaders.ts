import { createGroupLoader } from '@azg/core/database';
import type { ProjectStatusRepository } from './project-status.repository';

/** The status-change DataLoaders of one request, over its status-change repository. */
export function createProjectStatusLoaders(statusChanges: ProjectStatusRepository) {
  return {
    /** Each project's recorded status changes, oldest first: every project of a fetch in one statement. */
    statusChangesByProjectId: createGroupLoader((ids) => statusChanges.findByProjectIds(ids), (change) => change.projectId),
  };
}
