import type { SqlRunner } from '@azg/core/database';
import {
  industrialZoneDocument, toIndustrialZoneRecord, type IndustrialZoneDocument, type IndustrialZoneRecord,
} from '../land-documents';

const SELECT_ZONES = `SELECT ${industrialZoneDocument('z')} AS zone FROM land.industrial_zone z`;

/** Reads industrial zones, each with its plots, land figures and parks, in one statement. */
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
