import { createChangeOutbox, dropChangeOutbox, publishChanges, unpublishChanges, type PublishedEntity } from '@azg/core/changes';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What other subgraphs may know of a project's jobs: the counts planned and created, each with its qualifier. */
const PROJECT_JOBS: PublishedEntity = {
  schema: 'workforce',
  entity: 'ProjectJobs',
  table: 'workforce.project_jobs',
  idColumn: 'project_id',
  state: `jsonb_build_object(
    'projectId', r.project_id,
    'planned', r.jobs_planned, 'plannedQualifier', r.planned->>'qualifier',
    'created', r.jobs_created, 'createdQualifier', r.created->>'qualifier')`,
  columns: ['planned', 'created'],
};

/** The project jobs' change stream: every committed write of a project's jobs is recorded in its transaction (see docs/change-stream.md). */
export class ChangeOutbox1799000000000 implements MigrationInterface {
  name = 'ChangeOutbox1799000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createChangeOutbox(queryRunner, PROJECT_JOBS.schema);
    await publishChanges(queryRunner, PROJECT_JOBS);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await unpublishChanges(queryRunner, PROJECT_JOBS);
    await dropChangeOutbox(queryRunner, PROJECT_JOBS.schema);
  }
}
