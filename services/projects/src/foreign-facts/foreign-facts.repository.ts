import type { SqlRunner } from '@azg/core/database';
import { searchKeysOf } from '@azg/core/i18n';
import type { HeldStates, PublishedCompany, PublishedLandPlot, PublishedProjectJobs } from './foreign-facts.record';

/**
 * A plot the project no longer holds does not count towards its land: RELEASED plots were freed
 * for other use (the land subgraph still lists them on the project, as history).
 */
const HELD_PLOT = `status <> 'RELEASED' AND area_hectares IS NOT NULL`;

/**
 * Each project's land from the plot replicas, for the projects `where` picks: the plots it
 * holds, their stated hectares summed, whether any is a lower bound, and how many. What
 * `foreign_project_land` holds, and what a check recomputes it from.
 */
const landSums = (where: string) => `SELECT project_id, sum(area_hectares) AS total_hectares, bool_or(area_qualifier = 'AT_LEAST') AS at_least, count(*)::int AS plot_count
  FROM projects.foreign_land_plot
 WHERE ${where} AND ${HELD_PLOT}
 GROUP BY project_id`;

/**
 * The only code that writes the read model of other subgraphs' facts (see the migration
 * ForeignReadModel1799200000000). Every write is an upsert or a delete keyed by the record's id
 * with its full published state, so applying an event twice, or an older state followed by the
 * newer one, leaves the same rows: what makes the stream's at-least-once delivery harmless.
 */
export class ForeignFactsRepository {
  constructor(private readonly db: SqlRunner) {}

  async upsertCompanies(companies: readonly PublishedCompany[]): Promise<void> {
    if (companies.length === 0) return;
    const rows = companies.map((company) => ({
      id: company.id,
      name: company.name,
      sectors: company.sectors ?? [],
      zone_participant: company.zoneParticipant,
      // Keys made here by core's searchKey, the same function the companies subgraph and every typed query use.
      search_keys: searchKeysOf((company.spellings ?? []).map(({ text }) => ({ text }))),
    }));
    await this.db.query(
      `INSERT INTO projects.foreign_company AS held (id, name, sectors, zone_participant, search_keys)
       SELECT id, name, sectors, zone_participant, search_keys FROM jsonb_to_recordset($1::jsonb)
           AS given(id text, name text, sectors text[], zone_participant boolean, search_keys jsonb)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, sectors = EXCLUDED.sectors,
              zone_participant = EXCLUDED.zone_participant, search_keys = EXCLUDED.search_keys
        WHERE (held.name, held.sectors, held.zone_participant, held.search_keys)
              IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.sectors, EXCLUDED.zone_participant, EXCLUDED.search_keys)`,
      [JSON.stringify(rows)],
    );
  }

  async deleteCompanies(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.db.query(`DELETE FROM projects.foreign_company WHERE id = ANY($1::text[])`, [ids]);
  }

  /** Upserts plots and deletes others, then recomputes the land of every project either side of the change. */
  async applyLandPlots(upserted: readonly PublishedLandPlot[], deleted: readonly string[]): Promise<void> {
    const ids = [...upserted.map((plot) => plot.id), ...deleted];
    if (ids.length === 0) return;
    // The projects the plots belonged to before this change: a plot moved or deleted leaves them too.
    const before = await this.db.query<{ project_id: string }>(
      `SELECT DISTINCT project_id FROM projects.foreign_land_plot WHERE id = ANY($1::text[]) AND project_id IS NOT NULL`,
      [ids],
    );
    if (deleted.length > 0) await this.db.query(`DELETE FROM projects.foreign_land_plot WHERE id = ANY($1::text[])`, [deleted]);
    if (upserted.length > 0) {
      const rows = upserted.map((plot) => ({
        id: plot.id,
        project_id: plot.projectId,
        status: plot.status,
        area_hectares: plot.areaHectares === null ? null : String(plot.areaHectares),
        area_qualifier: plot.areaQualifier,
      }));
      await this.db.query(
        `INSERT INTO projects.foreign_land_plot AS held (id, project_id, status, area_hectares, area_qualifier)
         SELECT id, project_id, status, area_hectares, area_qualifier FROM jsonb_to_recordset($1::jsonb)
             AS given(id text, project_id text, status text, area_hectares numeric, area_qualifier text)
         ON CONFLICT (id) DO UPDATE SET project_id = EXCLUDED.project_id, status = EXCLUDED.status,
                area_hectares = EXCLUDED.area_hectares, area_qualifier = EXCLUDED.area_qualifier`,
        [JSON.stringify(rows)],
      );
    }
    const projects = new Set(before.map((row) => row.project_id));
    for (const plot of upserted) if (plot.projectId !== null) projects.add(plot.projectId);
    await this.refreshProjectLand([...projects]);
  }

  /** Recomputes `foreign_project_land` for these projects from the plot replicas: a project with no plot held has no row. */
  private async refreshProjectLand(projectIds: readonly string[]): Promise<void> {
    if (projectIds.length === 0) return;
    await this.db.query(
      `WITH sums AS (${landSums('project_id = ANY($1::text[])')}), emptied AS (
         DELETE FROM projects.foreign_project_land held
          WHERE held.project_id = ANY($1::text[]) AND NOT EXISTS (SELECT 1 FROM sums WHERE sums.project_id = held.project_id)
       )
       INSERT INTO projects.foreign_project_land AS held (project_id, total_hectares, at_least, plot_count)
       SELECT project_id, total_hectares, at_least, plot_count FROM sums
       ON CONFLICT (project_id) DO UPDATE SET total_hectares = EXCLUDED.total_hectares, at_least = EXCLUDED.at_least, plot_count = EXCLUDED.plot_count
        WHERE (held.total_hectares, held.at_least, held.plot_count) IS DISTINCT FROM (EXCLUDED.total_hectares, EXCLUDED.at_least, EXCLUDED.plot_count)`,
      [projectIds],
    );
  }

  async upsertProjectJobs(jobs: readonly PublishedProjectJobs[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.db.query(
      `INSERT INTO projects.foreign_project_jobs AS held (project_id, planned, planned_qualifier, created, created_qualifier)
       SELECT "projectId", planned, "plannedQualifier", created, "createdQualifier" FROM jsonb_to_recordset($1::jsonb)
           AS given("projectId" text, planned int, "plannedQualifier" text, created int, "createdQualifier" text)
       ON CONFLICT (project_id) DO UPDATE SET planned = EXCLUDED.planned, planned_qualifier = EXCLUDED.planned_qualifier,
              created = EXCLUDED.created, created_qualifier = EXCLUDED.created_qualifier`,
      [JSON.stringify(jobs)],
    );
  }

  async deleteProjectJobs(projectIds: readonly string[]): Promise<void> {
    if (projectIds.length > 0) await this.db.query(`DELETE FROM projects.foreign_project_jobs WHERE project_id = ANY($1::text[])`, [projectIds]);
  }

  /** Forgets every company (the first step of rebuilding them from the companies subgraph). */
  async resetCompanies(): Promise<void> {
    await this.db.query(`DELETE FROM projects.foreign_company`);
  }

  /** Forgets every plot and every project's land. */
  async resetLand(): Promise<void> {
    await this.db.query(`DELETE FROM projects.foreign_project_land`);
    await this.db.query(`DELETE FROM projects.foreign_land_plot`);
  }

  async resetProjectJobs(): Promise<void> {
    await this.db.query(`DELETE FROM projects.foreign_project_jobs`);
  }

  /**
   * What the replicas hold, per entity, in the shape the owner publishes the fields this
   * subgraph keeps: compared with an owner's snapshot by `npm run read-model -- check`.
   */
  async heldStates(entity: 'Company' | 'LandPlot' | 'ProjectJobs'): Promise<HeldStates> {
    const statements = {
      Company: `SELECT id, jsonb_build_object('name', name, 'zoneParticipant', zone_participant, 'sectors', to_jsonb(sectors),
                  'spellings', (SELECT COALESCE(jsonb_agg(entry->'text' ORDER BY position), '[]') FROM jsonb_array_elements(search_keys) WITH ORDINALITY AS k(entry, position))) AS state
                  FROM projects.foreign_company`,
      LandPlot: `SELECT id, jsonb_build_object('projectId', project_id, 'status', status, 'areaHectares', area_hectares, 'areaQualifier', area_qualifier) AS state
                   FROM projects.foreign_land_plot`,
      ProjectJobs: `SELECT project_id AS id, jsonb_build_object('planned', planned, 'plannedQualifier', planned_qualifier, 'created', created, 'createdQualifier', created_qualifier) AS state
                      FROM projects.foreign_project_jobs`,
    } as const;
    const rows = await this.db.query<{ id: string; state: unknown }>(statements[entity]);
    return new Map(rows.map((row) => [row.id, row.state]));
  }

  /** Projects whose derived land differs from a fresh sum over the plot replicas (empty when the layers agree). */
  async landMismatches(): Promise<string[]> {
    const rows = await this.db.query<{ project_id: string }>(
      `WITH sums AS (${landSums('project_id IS NOT NULL')})
       SELECT COALESCE(sums.project_id, held.project_id) AS project_id
         FROM sums FULL JOIN projects.foreign_project_land held ON held.project_id = sums.project_id
        WHERE (sums.total_hectares, sums.at_least, sums.plot_count) IS DISTINCT FROM (held.total_hectares, held.at_least, held.plot_count)
        ORDER BY 1`,
    );
    return rows.map((row) => row.project_id);
  }
}
