import { FieldResolver, Resolver, Root } from 'type-graphql';
import { ProjectReference } from '../project/project.reference';
import { JobRecord } from './job-record.type';

/** A job record's project: a stub the projects subgraph resolves. */
@Resolver(() => JobRecord)
export class JobRecordResolver {
  @FieldResolver(() => ProjectReference, {
    nullable: true,
    description: 'The project the jobs are for (resolved by the projects subgraph); null when the projects subgraph knows no project of the id '
      + '(workforce checks another subgraph\'s ids for shape only).',
  })
  project(@Root() record: JobRecord): ProjectReference {
    return { id: record.projectId };
  }
}
