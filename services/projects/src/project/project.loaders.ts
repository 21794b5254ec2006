import { createGroupLoader, createRowLoader, type SqlRunner } from '@azg/core';
import DataLoader from 'dataloader';
import { ProjectGroupRepository } from '../project-group/project-group.repository';
import { ProjectRepository, type GroupMemberRecord, type ProjectRecord } from './project.repository';

/** The DataLoaders of one request: each batches all the keys of a tick into one statement. */
export function createLoaders(db: SqlRunner) {
  const projects = new ProjectRepository(db);
  const groups = new ProjectGroupRepository(db);
  const projectById = createRowLoader((ids) => projects.findByIds(ids), (project) => project.id);
  const groupById = createRowLoader((ids) => groups.findByIds(ids), (group) => group.id);
  return {
    projectById,
    groupById,
    /**
     * Groups with their member ids and itemized investment. Kept apart from `groupById`, which is
     * primed with the groups embedded in project rows (read without those figures).
     */
    groupFiguresById: createRowLoader((ids) => groups.findByIds(ids), (group) => group.id),
    projectsByCompanyId: createGroupLoader((ids) => projects.findByCompanyIds(ids), (project) => project.companyId),
    membersByGroupId: createGroupLoader<GroupMemberRecord>((ids) => projects.findByGroupIds(ids), (member) => member.groupId),
    /** The zone's projects, for training institutions that serve all of them; one key, one statement. */
    zoneProjects: new DataLoader<'zone', ProjectRecord[]>(async (keys) => {
      const all = await projects.listInZone();
      return keys.map(() => all);
    }),
  };
}

export type ProjectsLoaders = ReturnType<typeof createLoaders>;
