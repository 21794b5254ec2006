import { addTouchUpdatedAtTrigger, isPartialDate, sourceListColumn, timestampColumns } from '@azg/core/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';

// Checks only this service makes are written out here, and shared ones come from core's migration
// builders, whose text is frozen: either way this migration reads the same forever.
const RECORD_ID = `'^[a-z0-9][a-z0-9-]{0,99}$'`;
const QUALIFIERS = `('EXACT', 'AT_LEAST', 'APPROXIMATE')`;
const STATUSES = `('ALLOCATED', 'OPTIMIZED', 'RELEASED')`;

const isSources = (value: string) => `jsonb_typeof(${value}) = 'array'`;

/** An AreaFigure in its GraphQL shape, with a hectares value the generated column can cast. */
const isAreaFigure = (column: string) => `jsonb_typeof(${column}) = 'object'
  AND ${column} ? 'value' AND ${column} ? 'stated'
  AND ${column}->>'hectares' ~ '^[0-9]+(\\.[0-9]+)?$'
  AND ${column}->>'unit' IN ('HECTARE', 'SQUARE_METRE')
  AND ${column}->>'qualifier' IN ${QUALIFIERS}
  AND ${isSources(`${column}->'sources'`)}`;

const isCountFigure = (column: string) => `jsonb_typeof(${column}) = 'object'
  AND jsonb_typeof(${column}->'value') = 'number' AND ${column} ? 'stated'
  AND ${column}->>'qualifier' IN ${QUALIFIERS}
  AND ${isSources(`${column}->'sources'`)}`;

const TABLES = ['industrial_zone', 'land_plot', 'zone_land_figure', 'industrial_park'] as const;

/**
 * The land schema: industrial zones, the plots the source describes, the land figures it
 * reports for a whole zone, and industrial parks. Project and project-group ids belong to the
 * projects subgraph, so they are indexed text here, never foreign keys.
 */
export class CreateLandTables1795770580047 implements MigrationInterface {
  name = 'CreateLandTables1795770580047';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Not core's createTouchUpdatedAtFunction: this source ends in another indent, and Postgres
    // keeps a function's source as written, so a fresh database must get this one.
    await queryRunner.query(`CREATE FUNCTION land.touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.updated_at := now();
        RETURN NEW;
      END
    $$`);

    await queryRunner.query(`CREATE TABLE land.industrial_zone (
      id text PRIMARY KEY CHECK (id ~ ${RECORD_ID}),
      name text NOT NULL CHECK (name <> ''),
      name_kk text CHECK (name_kk IS NULL OR name_kk <> ''),
      aliases jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(aliases) = 'array'),
      ${sourceListColumn('sources')},
      ${timestampColumns()}
    )`);

    await queryRunner.query(`CREATE TABLE land.land_plot (
      id text PRIMARY KEY CHECK (id ~ ${RECORD_ID}),
      zone_id text NOT NULL REFERENCES land.industrial_zone (id) ON DELETE RESTRICT,
      area jsonb NOT NULL CHECK (${isAreaFigure('area')}),
      area_hectares numeric GENERATED ALWAYS AS ((area->>'hectares')::numeric) STORED,
      status text NOT NULL CHECK (status IN ${STATUSES}),
      project_id text CHECK (project_id IS NULL OR project_id ~ ${RECORD_ID}),
      description text NOT NULL CHECK (description <> ''),
      ${sourceListColumn('sources')},
      ${timestampColumns()}
    )`);
    await queryRunner.query(`CREATE INDEX land_plot_zone_id_idx ON land.land_plot (zone_id)`);
    await queryRunner.query(`CREATE INDEX land_plot_project_id_idx ON land.land_plot (project_id)`);
    await queryRunner.query(`CREATE INDEX land_plot_status_idx ON land.land_plot (status)`);
    await queryRunner.query(`CREATE INDEX land_plot_area_hectares_idx ON land.land_plot (area_hectares)`);

    await queryRunner.query(`CREATE TABLE land.zone_land_figure (
      id text PRIMARY KEY CHECK (id ~ ${RECORD_ID}),
      zone_id text NOT NULL REFERENCES land.industrial_zone (id) ON DELETE RESTRICT,
      status text NOT NULL CHECK (status IN ${STATUSES}),
      area jsonb NOT NULL CHECK (${isAreaFigure('area')}),
      area_hectares numeric GENERATED ALWAYS AS ((area->>'hectares')::numeric) STORED,
      reason text NOT NULL CHECK (reason <> ''),
      group_id text CHECK (group_id IS NULL OR group_id ~ ${RECORD_ID}),
      ${sourceListColumn('sources')},
      ${timestampColumns()}
    )`);
    await queryRunner.query(`CREATE INDEX zone_land_figure_zone_id_idx ON land.zone_land_figure (zone_id)`);
    await queryRunner.query(`CREATE INDEX zone_land_figure_group_id_idx ON land.zone_land_figure (group_id)`);
    await queryRunner.query(`CREATE INDEX zone_land_figure_area_hectares_idx ON land.zone_land_figure (area_hectares)`);

    await queryRunner.query(`CREATE TABLE land.industrial_park (
      id text PRIMARY KEY CHECK (id ~ ${RECORD_ID}),
      zone_id text NOT NULL REFERENCES land.industrial_zone (id) ON DELETE RESTRICT,
      name text NOT NULL CHECK (name <> ''),
      name_kk text CHECK (name_kk IS NULL OR name_kk <> ''),
      park_count jsonb NOT NULL CHECK (${isCountFigure('park_count')}),
      sme_production_space jsonb NOT NULL CHECK (${isAreaFigure('sme_production_space')}),
      sme_production_space_hectares numeric GENERATED ALWAYS AS ((sme_production_space->>'hectares')::numeric) STORED,
      planned_opening jsonb NOT NULL CHECK (${isPartialDate('planned_opening')}),
      planned_opening_year int GENERATED ALWAYS AS ((planned_opening->>'year')::int) STORED,
      group_id text NOT NULL CHECK (group_id ~ ${RECORD_ID}),
      ${sourceListColumn('sources')},
      ${timestampColumns()}
    )`);
    await queryRunner.query(`CREATE INDEX industrial_park_zone_id_idx ON land.industrial_park (zone_id)`);
    await queryRunner.query(`CREATE INDEX industrial_park_group_id_idx ON land.industrial_park (group_id)`);
    await queryRunner.query(`CREATE INDEX industrial_park_sme_production_space_hectares_idx ON land.industrial_park (sme_production_space_hectares)`);
    await queryRunner.query(`CREATE INDEX industrial_park_planned_opening_year_idx ON land.industrial_park (planned_opening_year)`);

    // updated_at moves only when a row really changes: the seed's upsert skips identical rows.
    for (const table of TABLES) await addTouchUpdatedAtTrigger(queryRunner, `land.${table}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await queryRunner.query(`DROP TABLE land.${table}`);
    await queryRunner.query(`DROP FUNCTION land.touch_updated_at()`);
  }
}
