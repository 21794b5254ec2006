import { createConnectionType } from '@azg/core/pagination';
import { ProjectReference } from './project.reference';

/** A page of `projectsByJobs`: projects (resolved by the projects subgraph) in the order of their jobs. */
export const ProjectJobsConnection = createConnectionType(ProjectReference, { name: 'ProjectJobs', plural: 'projects with reported jobs' });
