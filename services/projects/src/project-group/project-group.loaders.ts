import { createRowLoader } from '@azg/core/database';
import type { ProjectGroupRepository } from './project-group.repository';

/** The project-group DataLoaders of one request, over its group repository. */
export function createProjectGroupLoaders(groups: ProjectGroupRepository) {
  return {
    groupById: createRowLoader((ids) => groups.findByIds(ids), (group) => group.id),
    /**
     * Groups with their member ids and itemized investment. Kept apart from `groupById`, which is
     * primed with the groups embedded in project rows (read without those figures).
     */
    groupFiguresById: createRowLoader((ids) => groups.findByIds(ids), (group) => group.id),
  };
}
