import type { SqlRunner } from '@azg/core';
import {
  industrialParkDocument, withZone, zoneColumnsDocument, zoneLandFigureDocument, zoneLandFigureOrder,
  type IndustrialParkDocument, type IndustrialParkRecord, type WithZoneRow, type ZoneLandFigureRecord,
} from '../land-documents';

/** What land holds for one project group of the projects subgraph. */
export interface ProjectGroupLandRecord {
  groupId: string;
  landFigures: ZoneLandFigureRecord[];
  industrialParks: IndustrialParkRecord[];
}

interface ProjectGroupLandRow {
  groupId: string;
  landFigures: ZoneLandFigureRecord[];
  industrialParks: WithZoneRow<IndustrialParkDocument>[];
}

// Both lists in one statement: a fetch of groups asking for figures and parks is one statement.
const SELECT_GROUP_LAND = `SELECT g.id AS "groupId",
  COALESCE((SELECT jsonb_agg(${zoneLandFigureDocument('figure')} ORDER BY ${zoneLandFigureOrder('figure')})
    FROM land.zone_land_figure figure WHERE figure.group_id = g.id), '[]'::jsonb) AS "landFigures",
  COALESCE((SELECT jsonb_agg(jsonb_build_object('record', ${industrialParkDocument('park')}, 'zone', ${zoneColumnsDocument('z')}) ORDER BY park.id)
    FROM land.industrial_park park JOIN land.industrial_zone z ON z.id = park.zone_id WHERE park.group_id = g.id), '[]'::jsonb) AS "industrialParks"
  FROM unnest($1::text[]) AS g(id)`;

/** Reads the land figures and industrial parks the source ties to project groups (ids owned by the projects subgraph). */
export class ProjectGroupLandRepository {
  constructor(private readonly db: SqlRunner) {}

  /** One record per group id, with empty lists for a group land knows nothing about. */
  async findByGroupIds(groupIds: readonly string[]): Promise<ProjectGroupLandRecord[]> {
    const rows = await this.db.query<ProjectGroupLandRow>(SELECT_GROUP_LAND, [[...groupIds]]);
    return rows.map((row) => ({ ...row, industrialParks: row.industrialParks.map(withZone) }));
  }
}
