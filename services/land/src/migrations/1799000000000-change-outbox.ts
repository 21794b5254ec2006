import { createChangeOutbox, dropChangeOutbox, publishChanges, unpublishChanges, type PublishedEntity } from '@azg/core/changes';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What other subgraphs may know of a land plot: the project it is for, its status and its area. */
const LAND_PLOT: PublishedEntity = {
  schema: 'land',
  entity: 'LandPlot',
  table: 'land.land_plot',
  idColumn: 'id',
  state: `jsonb_build_object(
    'id', r.id, 'projectId', r.project_id, 'status', r.status,
    'areaHectares', to_jsonb(r.area_hectares), 'areaQualifier', r.area->>'qualifier')`,
  columns: ['project_id', 'status', 'area'],
};

/** The land plots' change stream: every committed write of a plot is recorded in its transaction (see docs/change-stream.md). */
export class ChangeOutbox1799000000000 implements MigrationInterface {
  name = 'ChangeOutbox1799000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createChangeOutbox(queryRunner, LAND_PLOT.schema);
    await publishChanges(queryRunner, LAND_PLOT);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await unpublishChanges(queryRunner, LAND_PLOT);
    await dropChangeOutbox(queryRunner, LAND_PLOT.schema);
  }
}
