import { addSyntheticFlag, createListOrderIndexes, dropListOrderIndexes } from '@azg/core/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Each land table, and the ids of other records it holds, which must be as synthetic as its own. */
const TABLES = {
  industrial_zone: [],
  land_plot: ['zone_id', 'project_id'],
  zone_land_figure: ['zone_id', 'group_id'],
  industrial_park: ['zone_id', 'group_id'],
} as const;

/**
 * The keys and indexes a paged list of land plots reads (by area and by status, in either
 * direction, the id in the C collation as the tie-break), and a `synthetic` flag on every land
 * table marking rows the synthetic-data generator wrote: it must agree with the id's `synthetic-`
 * prefix, and a synthetic plot, figure or park can only belong to a synthetic zone, project or group.
 */
export class ListOrderingAndSynthetic1796000000000 implements MigrationInterface {
  name = 'ListOrderingAndSynthetic1796000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, references] of Object.entries(TABLES)) {
      await addSyntheticFlag(queryRunner, `land.${table}`, { ids: ['id'], optionalIds: references });
    }
    // The statuses in the order the document reports them (P3: given, optimized, freed).
    await queryRunner.query(`
      ALTER TABLE land.land_plot ADD COLUMN status_rank smallint
        GENERATED ALWAYS AS (CASE status WHEN 'ALLOCATED' THEN 1 WHEN 'OPTIMIZED' THEN 2 WHEN 'RELEASED' THEN 3 END) STORED`);
    await queryRunner.query(`DROP INDEX land.land_plot_area_hectares_idx`);
    await queryRunner.query(`CREATE INDEX land_plot_id_order_idx ON land.land_plot (id COLLATE "C")`);
    for (const [name, key] of [['area', 'area_hectares'], ['status', 'status_rank']] as const) {
      await createListOrderIndexes(queryRunner, 'land.land_plot', { name: `land_plot_${name}`, key, nullsLast: true });
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of ['area', 'status']) await dropListOrderIndexes(queryRunner, 'land.land_plot', `land_plot_${name}`);
    await queryRunner.query(`DROP INDEX land.land_plot_id_order_idx`);
    await queryRunner.query(`CREATE INDEX land_plot_area_hectares_idx ON land.land_plot (area_hectares)`);
    await queryRunner.query(`ALTER TABLE land.land_plot DROP COLUMN status_rank`);
    for (const table of Object.keys(TABLES)) await queryRunner.query(`ALTER TABLE land.${table} DROP COLUMN synthetic`);
  }
}
