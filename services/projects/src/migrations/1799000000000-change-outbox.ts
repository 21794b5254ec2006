import { createChangeOutbox, dropChangeOutbox, publishChanges, unpublishChanges, type PublishedEntity } from '@azg/core/changes';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What others may follow of a project: its name, status, company and version (subscriptions, issue 17). */
const PROJECT: PublishedEntity = {
  schema: 'projects',
  entity: 'Project',
  table: 'projects.project',
  idColumn: 'id',
  state: `jsonb_build_object('id', r.id, 'name', r.name, 'status', r.status, 'companyId', r.company_id, 'version', r.version)`,
  columns: ['name', 'status', 'company_id', 'version'],
};

/** The projects' change stream: every committed write of a project is recorded in its transaction (see docs/change-stream.md). */
export class ChangeOutbox1799000000000 implements MigrationInterface {
  name = 'ChangeOutbox1799000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createChangeOutbox(queryRunner, PROJECT.schema);
    await publishChanges(queryRunner, PROJECT);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await unpublishChanges(queryRunner, PROJECT);
    await dropChangeOutbox(queryRunner, PROJECT.schema);
  }
}
