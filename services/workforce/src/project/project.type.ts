import { createEntityReference } from '@azg/core/federation';
import { createConnectionType } from '@azg/core/pagination';

/** The projects subgraph's Project, as far as this subgraph knows it: its key, to hang jobs and training on. */
export const ProjectReference = createEntityReference('Project');
export type ProjectReference = InstanceType<typeof ProjectReference>;

/** A page of `projectsByJobs`: projects (resolved by the projects subgraph) in the order of their jobs. */
export const ProjectJobsConnection = createConnectionType(ProjectReference, { name: 'ProjectJobs', plural: 'projects with reported jobs' });
