import { createRowLoader, type SqlRunner } from '@azg/core';
import { ProjectGroupLandRepository } from './project-group.repository';

/** Per-request loaders of what land adds to project groups. */
export function createProjectGroupLoaders(db: SqlRunner) {
  const groups = new ProjectGroupLandRepository(db);
  return {
    /** A group's land figures and industrial parks, both in the same statement for every group of the fetch. */
    projectGroupLandById: createRowLoader((groupIds) => groups.findByGroupIds(groupIds), (group) => group.groupId),
  };
}

export type ProjectGroupLoaders = ReturnType<typeof createProjectGroupLoaders>;
