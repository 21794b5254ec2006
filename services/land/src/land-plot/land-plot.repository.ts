import type { SqlRunner } from '@azg/core';
import {
  landPlotDocument, withZone, zoneColumnsDocument, type LandPlotDocument, type LandPlotRecord, type WithZoneRow,
} from '../land-documents';
import type { LandPlotStatus } from './land-plot-status';

const SELECT_PLOTS = `SELECT ${landPlotDocument('plot')} AS record, ${zoneColumnsDocument('z')} AS zone
  FROM land.land_plot plot JOIN land.industrial_zone z ON z.id = plot.zone_id`;

/** Reads land plots, each with its zone's own columns, one statement per call. */
export class LandPlotRepository {
  constructor(private readonly db: SqlRunner) {}

  /** The plots with these ids, in any order; ids that name no plot are left out. */
  async findByIds(ids: readonly string[]): Promise<LandPlotRecord[]> {
    return this.read(`${SELECT_PLOTS} WHERE plot.id = ANY($1::text[])`, [[...ids]]);
  }

  /** The plots serving these projects (ids owned by the projects subgraph), by id. */
  async findByProjectIds(projectIds: readonly string[]): Promise<LandPlotRecord[]> {
    return this.read(`${SELECT_PLOTS} WHERE plot.project_id = ANY($1::text[]) ORDER BY plot.id`, [[...projectIds]]);
  }

  /** Every plot, or those of one status, by id. */
  async list(status: LandPlotStatus | null): Promise<LandPlotRecord[]> {
    return this.read(`${SELECT_PLOTS} WHERE ($1::text IS NULL OR plot.status = $1::text) ORDER BY plot.id`, [status]);
  }

  private async read(sql: string, parameters: unknown[]): Promise<LandPlotRecord[]> {
    const rows = await this.db.query<WithZoneRow<LandPlotDocument>>(sql, parameters);
    return rows.map(withZone);
  }
}
