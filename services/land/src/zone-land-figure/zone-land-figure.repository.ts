import type { SqlRunner } from '@azg/core/database';
import { LAND_PLOT_STATUS_ORDER, type LandPlotStatus } from '../land-plot/land-plot.type';
import type { ZoneLandFigureRecord } from './zone-land-figure.record';

const STATUS_LIST = `ARRAY[${LAND_PLOT_STATUS_ORDER.map((status) => `'${status}'`).join(', ')}]::text[]`;

/** ORDER BY terms for zone land figures: document order of their status (given, optimized, freed), then id. */
export function zoneLandFigureOrder(alias: string): string {
  return `array_position(${STATUS_LIST}, ${alias}.status), ${alias}.id`;
}

/**
 * jsonb of a reported land figure (table `land.zone_land_figure` as `alias`), for the statements
 * that read figures with their zone or group. Its jsonb columns already hold their GraphQL shape,
 * so it only renames columns to field names.
 */
export function zoneLandFigureDocument(alias: string): string {
  return `jsonb_build_object('id', ${alias}.id, 'zoneId', ${alias}.zone_id, 'status', ${alias}.status, 'area', ${alias}.area,
    'reason', ${alias}.reason, 'groupId', ${alias}.group_id, 'sources', ${alias}.sources)`;
}

const SELECT_FIGURES = `SELECT ${zoneLandFigureDocument('figure')} AS record FROM land.zone_land_figure figure`;
const ORDER = `ORDER BY ${zoneLandFigureOrder('figure')}`;

/** Reads the land figures reported for whole zones, one statement per call. */
export class ZoneLandFigureRepository {
  constructor(private readonly db: SqlRunner) {}

  /** Every figure, or those of one status, in the source's order (given, optimized, freed). */
  async list(status: LandPlotStatus | null): Promise<ZoneLandFigureRecord[]> {
    return this.read(`${SELECT_FIGURES} WHERE ($1::text IS NULL OR figure.status = $1::text) ${ORDER}`, [status]);
  }

  private async read(sql: string, parameters: unknown[]): Promise<ZoneLandFigureRecord[]> {
    const rows = await this.db.query<{ record: ZoneLandFigureRecord }>(sql, parameters);
    return rows.map((row) => row.record);
  }
}
