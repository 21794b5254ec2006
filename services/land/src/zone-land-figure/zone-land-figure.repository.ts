import type { SqlRunner } from '@azg/core/database';
import type { LandPlotStatus } from '../land-plot/land-plot-status';
import { zoneLandFigureDocument, zoneLandFigureOrder, type ZoneLandFigureRecord } from '../land-documents';

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
