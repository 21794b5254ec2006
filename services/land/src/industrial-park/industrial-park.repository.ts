import type { SqlRunner } from '@azg/core/database';
// The zone's repository reads its parks with this module's columns, and this one parks with the
// zone's: the two import each other, which is safe because the column lists are function
// declarations (they exist before either module's constants are built).
import { zoneColumnsDocument } from '../industrial-zone/industrial-zone.repository';
import { withZone, type WithZoneRow } from '../industrial-zone/industrial-zone.record';
import type { IndustrialParkDocument, IndustrialParkRecord } from './industrial-park.record';

/** jsonb of an industrial park (table `land.industrial_park` as `alias`); its jsonb columns already hold their GraphQL shape. */
export function industrialParkDocument(alias: string): string {
  return `jsonb_build_object('id', ${alias}.id, 'zoneId', ${alias}.zone_id, 'name', ${alias}.name, 'nameKk', ${alias}.name_kk,
    'parkCount', ${alias}.park_count, 'smeProductionSpace', ${alias}.sme_production_space,
    'plannedOpening', ${alias}.planned_opening, 'groupId', ${alias}.group_id, 'sources', ${alias}.sources, 'names', ${alias}.names)`;
}

const SELECT_PARKS = `SELECT ${industrialParkDocument('park')} AS record, ${zoneColumnsDocument('z')} AS zone
  FROM land.industrial_park park JOIN land.industrial_zone z ON z.id = park.zone_id`;

/** Reads industrial parks, each with its zone's own columns, one statement per call. */
export class IndustrialParkRepository {
  constructor(private readonly db: SqlRunner) {}

  /** The parks with these ids, in any order; ids that name no park are left out. */
  async findByIds(ids: readonly string[]): Promise<IndustrialParkRecord[]> {
    return this.read(`${SELECT_PARKS} WHERE park.id = ANY($1::text[])`, [[...ids]]);
  }

  /** Every park, by id. */
  async list(): Promise<IndustrialParkRecord[]> {
    return this.read(`${SELECT_PARKS} ORDER BY park.id`, []);
  }

  private async read(sql: string, parameters: unknown[]): Promise<IndustrialParkRecord[]> {
    const rows = await this.db.query<WithZoneRow<IndustrialParkDocument>>(sql, parameters);
    return rows.map(withZone);
  }
}
