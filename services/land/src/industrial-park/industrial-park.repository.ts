import type { SqlRunner } from '@azg/core/database';
import {
  industrialParkDocument, withZone, zoneColumnsDocument, type IndustrialParkDocument, type IndustrialParkRecord, type WithZoneRow,
} from '../land-documents';

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
