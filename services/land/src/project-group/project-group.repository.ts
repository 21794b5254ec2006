import type { SqlRunner } from '@azg/core/database';
import { sumQualifierSql } from '@azg/core/figures';
import { withZone, type WithZoneRow } from '../industrial-zone/industrial-zone.record';
import { zoneColumnsDocument } from '../industrial-zone/industrial-zone.repository';
import type { IndustrialParkDocument } from '../industrial-park/industrial-park.record';
import { industrialParkDocument } from '../industrial-park/industrial-park.repository';
import { plotAreaSumSql } from '../land-plot/land-plot.repository';
import { zoneLandFigureDocument, zoneLandFigureOrder } from '../zone-land-figure/zone-land-figure.repository';
import type { ProjectGroupLandRecord, ProjectGroupLandRequest } from './project-group.record';

interface ProjectGroupLandRow extends Omit<ProjectGroupLandRecord, 'industrialParks'> {
  industrialParks: WithZoneRow<IndustrialParkDocument>[];
}

// Everything land adds to a group, for every group of a fetch, in one statement: a fetch asking
// for figures, parks and reported and itemized land together is still one statement.
const SELECT_GROUP_LAND = `WITH requested AS (
    SELECT request.entry->>'groupId' AS id, request.position,
           CASE WHEN jsonb_typeof(request.entry->'memberIds') = 'array'
                THEN ARRAY(SELECT DISTINCT jsonb_array_elements_text(request.entry->'memberIds')) END AS member_ids
      FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS request(entry, position)
  )
  SELECT g.id AS "groupId",
    COALESCE((SELECT jsonb_agg(${zoneLandFigureDocument('figure')} ORDER BY ${zoneLandFigureOrder('figure')})
      FROM land.zone_land_figure figure WHERE figure.group_id = g.id), '[]'::jsonb) AS "landFigures",
    COALESCE((SELECT jsonb_agg(jsonb_build_object('record', ${industrialParkDocument('park')}, 'zone', ${zoneColumnsDocument('z')}) ORDER BY park.id)
      FROM land.industrial_park park JOIN land.industrial_zone z ON z.id = park.zone_id WHERE park.group_id = g.id), '[]'::jsonb) AS "industrialParks",
    (SELECT CASE WHEN count(*) = 0 THEN NULL ELSE jsonb_build_object(
        'hectares', trim_scale(sum(figure.area_hectares))::text,
        'qualifier', ${sumQualifierSql(`figure.area->>'qualifier'`)},
        'knownCount', count(*),
        'unknownCount', 0) END
      FROM land.zone_land_figure figure WHERE figure.group_id = g.id) AS "reportedArea",
    CASE WHEN g.member_ids IS NULL THEN NULL ELSE ${plotAreaSumSql('g.member_ids')} END AS "itemizedArea"
  FROM requested g
  ORDER BY g.position`;

/** Reads the land figures, industrial parks and areas the source ties to project groups (ids owned by the projects subgraph). */
export class ProjectGroupLandRepository {
  constructor(private readonly db: SqlRunner) {}

  /** One record per request, in request order, with empty lists and null areas for a group land knows nothing about. */
  async findByGroups(requests: readonly ProjectGroupLandRequest[]): Promise<ProjectGroupLandRecord[]> {
    const rows = await this.db.query<ProjectGroupLandRow>(SELECT_GROUP_LAND, [JSON.stringify(requests)]);
    return rows.map((row) => ({ ...row, industrialParks: row.industrialParks.map(withZone) }));
  }
}
