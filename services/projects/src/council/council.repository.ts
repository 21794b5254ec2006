import type { SqlRunner } from '@azg/core/database';
import type { RegionalCoordinationCouncil } from './council.type';

interface CouncilRow {
  id: string;
  name: string;
  name_kk: string;
  abbreviation: string;
  reformatted: RegionalCoordinationCouncil['reformatted'];
  member_categories: RegionalCoordinationCouncil['memberCategories'];
  meeting_count: RegionalCoordinationCouncil['meetingCount'];
  meeting_period: string | null;
  supported_group_id: string | null;
  events: RegionalCoordinationCouncil['events'];
  remarks: RegionalCoordinationCouncil['remarks'];
  sources: RegionalCoordinationCouncil['sources'];
}

/** The only place that reads the council with SQL. */
export class CouncilRepository {
  constructor(private readonly db: SqlRunner) {}

  async findFirst(): Promise<RegionalCoordinationCouncil | null> {
    const [row] = await this.db.query<CouncilRow>(
      `SELECT id, name, name_kk, abbreviation, reformatted, member_categories, meeting_count, meeting_period,
              supported_group_id, events, remarks, sources
         FROM projects.council ORDER BY id LIMIT 1`,
    );
    if (!row) return null;
    return {
      id: row.id,
      name: row.name,
      nameKk: row.name_kk,
      abbreviation: row.abbreviation,
      reformatted: row.reformatted,
      memberCategories: row.member_categories,
      meetingCount: row.meeting_count,
      meetingPeriod: row.meeting_period,
      supportedGroupId: row.supported_group_id,
      events: row.events,
      remarks: row.remarks,
      sources: row.sources,
    };
  }
}
