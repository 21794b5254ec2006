import type { SqlRunner } from '@azg/core/database';
import type { AreaSum } from '@azg/core/figures';
import { plotAreaSumSql } from '../project-group/project-group.repository';

/** A set of projects whose land is summed: a statistics bucket's key and projects. */
export interface ProjectSet {
  key: string;
  projectIds: readonly string[];
}

/** For each set, in order, the land plots of its projects summed in hectares: ONE statement for all the sets of a fetch. */
export async function findProjectSetAreas(db: SqlRunner, sets: readonly ProjectSet[]): Promise<AreaSum[]> {
  const rows = await db.query<{ area: AreaSum }>(
    `WITH requested AS (
       SELECT ARRAY(SELECT DISTINCT jsonb_array_elements_text(request.entry->'projectIds')) AS project_ids, request.position
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS request(entry, position)
     )
     SELECT ${plotAreaSumSql('s.project_ids')} AS area FROM requested s ORDER BY s.position`,
    [JSON.stringify(sets.map((set) => ({ projectIds: set.projectIds })))],
  );
  return rows.map((row) => row.area);
}
