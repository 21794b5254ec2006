import type { SqlRunner } from '@azg/core/database';
import { industrialParkDocument } from '../industrial-park/industrial-park.repository';
import { zoneLandFigureDocument, zoneLandFigureOrder } from '../zone-land-figure/zone-land-figure.repository';
import { toIndustrialZoneRecord, type IndustrialZoneDocument, type IndustrialZoneRecord } from './industrial-zone.record';

/**
 * jsonb of a zone's own columns (table `land.industrial_zone` as `alias`), as a plot or a park
 * reads its zone. Its jsonb columns (aliases, sources, names) already hold their GraphQL shape.
 */
export function zoneColumnsDocument(alias: string): string {
  return `jsonb_build_object('id', ${alias}.id, 'name', ${alias}.name, 'nameKk', ${alias}.name_kk,
    'aliases', ${alias}.aliases, 'sources', ${alias}.sources, 'names', ${alias}.names)`;
}

/** jsonb of a zone with its land figures and parks (table `land.industrial_zone` as `alias`). */
function industrialZoneDocument(alias: string): string {
  return `${zoneColumnsDocument(alias)} || jsonb_build_object(
    'landFigures', COALESCE((SELECT jsonb_agg(${zoneLandFigureDocument('zone_figure')} ORDER BY ${zoneLandFigureOrder('zone_figure')})
      FROM land.zone_land_figure zone_figure WHERE zone_figure.zone_id = ${alias}.id), '[]'::jsonb),
    'industrialParks', COALESCE((SELECT jsonb_agg(${industrialParkDocument('zone_park')} ORDER BY zone_park.id)
      FROM land.industrial_park zone_park WHERE zone_park.zone_id = ${alias}.id), '[]'::jsonb))`;
}

const SELECT_ZONES = `SELECT ${industrialZoneDocument('z')} AS zone FROM land.industrial_zone z`;

/**
 * Reads industrial zones, each with its land figures and parks, in one statement. A zone's plots,
 * a list that grows, are paged on their own (LandPlotRepository.pagesByZone).
 */
export class IndustrialZoneRepository {
  constructor(private readonly db: SqlRunner) {}

  /** The zones with these ids, in any order; ids that name no zone are left out. */
  async findByIds(ids: readonly string[]): Promise<IndustrialZoneRecord[]> {
    const rows = await this.db.query<{ zone: IndustrialZoneDocument }>(`${SELECT_ZONES} WHERE z.id = ANY($1::text[])`, [[...ids]]);
    return rows.map((row) => toIndustrialZoneRecord(row.zone));
  }

  /** Every zone, by id. */
  async list(): Promise<IndustrialZoneRecord[]> {
    const rows = await this.db.query<{ zone: IndustrialZoneDocument }>(`${SELECT_ZONES} ORDER BY z.id`);
    return rows.map((row) => toIndustrialZoneRecord(row.zone));
  }
}
