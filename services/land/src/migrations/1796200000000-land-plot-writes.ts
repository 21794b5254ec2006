import { enteredByColumn } from '@azg/core/database';
import { createWriteSupport, dropWriteSupport } from '@azg/core/writes';
import type { MigrationInterface, QueryRunner } from 'typeorm';

// Checks only this service makes are written out here, and shared ones come from core's migration
// builders, whose text is frozen: either way this migration reads the same forever.
const QUALIFIERS = `('EXACT', 'AT_LEAST', 'APPROXIMATE')`;

/** An AreaFigure in its GraphQL shape, as the first land migration checks it. */
const isAreaFigure = (value: string) => `jsonb_typeof(${value}) = 'object'
  AND ${value} ? 'value' AND ${value} ? 'stated'
  AND ${value}->>'hectares' ~ '^[0-9]+(\\.[0-9]+)?$'
  AND ${value}->>'unit' IN ('HECTARE', 'SQUARE_METRE')
  AND ${value}->>'qualifier' IN ${QUALIFIERS}
  AND jsonb_typeof(${value}->'sources') = 'array'`;

/** Core's AuthorEntry (who typed a fact in, when, with which mutation), or null. */
const isAuthorEntry = (value: string) => `(${value} IS NULL OR jsonb_typeof(${value}) = 'null' OR (jsonb_typeof(${value}) = 'object'
  AND jsonb_typeof(${value}->'subject') = 'string' AND jsonb_typeof(${value}->'at') = 'string'))`;

/** One step in a plot's life (optimization, release): its date, why, and its own provenance. */
const isPlotEvent = (column: string, extra = '') => `CHECK (${column} IS NULL OR (jsonb_typeof(${column}) = 'object'
  AND (${column}->>'on') ~ '^\\d{4}-\\d{2}-\\d{2}$'
  AND jsonb_typeof(${column}->'reason') = 'string' AND btrim(${column}->>'reason') <> ''
  AND jsonb_typeof(${column}->'sources') = 'array'
  AND ${isAuthorEntry(`${column}->'enteredBy'`)}
  AND (jsonb_array_length(${column}->'sources') > 0 OR jsonb_typeof(${column}->'enteredBy') = 'object')${extra}))`;

/**
 * Land plots become editable, and the land schema gets its audit log and idempotency keys.
 *
 * A plot is allocated (a new row: its date and, optionally, the industrial park it lies in),
 * optimized (P3: "тиімсіз пайдаланылатын 15 гектар учаске оңтайландырылды", inefficiently used
 * plots put to better use: the plot keeps a smaller area, and `optimization` says when, why and
 * what area it had before) and released (`release`: when and why). Each step keeps its own
 * sources, or the author's entry when none was stated; `entered_by` lists the entries of
 * every write of the plot that stated none.
 * `version` moves by one with every write, so an update can name the version it read. The dates
 * must follow each other, and a plot's area is positive.
 */
export class LandPlotWrites1796200000000 implements MigrationInterface {
  name = 'LandPlotWrites1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createWriteSupport(queryRunner, 'land', ['land.land_plot']);
    await queryRunner.query(`ALTER TABLE land.land_plot
      ADD COLUMN park_id text REFERENCES land.industrial_park (id) ON DELETE RESTRICT,
      ADD COLUMN allocated_on date,
      ADD COLUMN ${enteredByColumn()},
      ADD COLUMN optimization jsonb ${isPlotEvent('optimization', ` AND ${isAreaFigure(`optimization->'previousArea'`)}`)},
      ADD COLUMN release jsonb ${isPlotEvent('release')},
      ADD CONSTRAINT land_plot_area_positive_check CHECK (area_hectares > 0),
      ADD CONSTRAINT land_plot_release_status_check CHECK ((release IS NULL) = (status <> 'RELEASED')),
      ADD CONSTRAINT land_plot_optimization_status_check CHECK (optimization IS NOT NULL OR status <> 'OPTIMIZED'),
      ADD CONSTRAINT land_plot_date_order_check CHECK (
        (optimization IS NULL OR allocated_on IS NULL OR (optimization->>'on')::date >= allocated_on)
        AND (release IS NULL OR allocated_on IS NULL OR (release->>'on')::date >= allocated_on)
        AND (release IS NULL OR optimization IS NULL OR (release->>'on')::date >= (optimization->>'on')::date))`);
    await queryRunner.query(`CREATE INDEX land_plot_park_id_idx ON land.land_plot (park_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX land.land_plot_park_id_idx`);
    await queryRunner.query(`ALTER TABLE land.land_plot
      DROP CONSTRAINT land_plot_date_order_check, DROP CONSTRAINT land_plot_optimization_status_check,
      DROP CONSTRAINT land_plot_release_status_check, DROP CONSTRAINT land_plot_area_positive_check,
      DROP COLUMN release, DROP COLUMN optimization, DROP COLUMN entered_by, DROP COLUMN allocated_on,
      DROP COLUMN park_id`);
    await dropWriteSupport(queryRunner, 'land', ['land.land_plot']);
  }
}
