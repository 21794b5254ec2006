import type { SqlRunner } from '@azg/core/database';
import { type AreaSum, sumQualifierSql } from '@azg/core/figures';
import {
  industrialParkDocument, withZone, zoneColumnsDocument, zoneLandFigureDocument, zoneLandFigureOrder,
  type IndustrialParkDocument, type IndustrialParkRecord, type WithZoneRow, type ZoneLandFigureRecord,
} from '../land-documents';

/** A project group as land is asked about it: its id, and its named members when a field sums over them. */
export interface ProjectGroupLandRequest {
  groupId: string;
  /** The member project ids (owned by the projects subgraph); null when no field asked needs them. */
  memberIds: readonly string[] | null;
}

/** What land holds for one project group of the projects subgraph. */
export interface ProjectGroupLandRecord {
  groupId: string;
  landFigures: ZoneLandFigureRecord[];
  industrialParks: IndustrialParkRecord[];
  /** The land figures tied to the group, summed; null when none is. */
  reportedArea: AreaSum | null;
  /** The members' own plots, summed; null when the members were not asked for. */
  itemizedArea: AreaSum | null;
}

interface ProjectGroupLandRow extends Omit<ProjectGroupLandRecord, 'industrialParks'> {
  industrialParks: WithZoneRow<IndustrialParkDocument>[];
}

/**
 * The SQL of an AreaSum (jsonb in its GraphQL shape) of the plots the source ties to the projects
 * `ids` (a text[] of distinct ids): every plot is a term; a project with no plot is unknown.
 */
export function plotAreaSumSql(ids: string): string {
  return `(SELECT jsonb_build_object(
      'hectares', trim_scale(COALESCE(sum(plot.area_hectares), 0))::text,
      'qualifier', ${sumQualifierSql(`plot.area->>'qualifier'`)},
      'knownCount', count(*),
      'unknownCount', (SELECT count(*) FROM unnest(${ids}) AS member(id)
                        WHERE NOT EXISTS (SELECT 1 FROM land.land_plot owned WHERE owned.project_id = member.id)))
    FROM land.land_plot plot WHERE plot.project_id = ANY(${ids}))`;
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
