import type { SqlRunner } from '@azg/core/database';
import type { AreaSum } from '@azg/core/figures';
import { plotAreaSumSql } from '../land-plot/land-plot.repository';
import type { ProjectSet } from './project-stats-bucket.record';

const SELECT_SET_AREAS = `WITH requested AS (
    SELECT ARRAY(SELECT DISTINCT jsonb_array_elements_text(request.entry->'projectIds')) AS project_ids, request.position
      FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS request(entry, position)
  )
  SELECT ${plotAreaSumSql('s.project_ids')} AS area FROM requested s ORDER BY s.position`;

/** Reads the land of the projects of statistics buckets (the projects subgraph's), summed. */
export class ProjectStatsBucketLandRepository {
  constructor(private readonly db: SqlRunner) {}

  /** For each set, in order, the land plots of its projects summed in hectares: ONE statement for all the sets of a fetch. */
  async findAreas(sets: readonly ProjectSet[]): Promise<AreaSum[]> {
    const rows = await this.db.query<{ area: AreaSum }>(SELECT_SET_AREAS, [JSON.stringify(sets.map((set) => ({ projectIds: set.projectIds })))]);
    return rows.map((row) => row.area);
  }
}
