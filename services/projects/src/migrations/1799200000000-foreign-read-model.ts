import { createChangeCheckpoints, dropChangeCheckpoints } from '@azg/core/changes';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read model of other subgraphs' facts that lists of projects filter and order by: what
 * the companies, land and workforce subgraphs publish on their change streams, kept in this
 * schema by the change consumer (never read from theirs). Two layers:
 * - replicas, one row per published record, exactly as published: `foreign_company`,
 *   `foreign_land_plot`, `foreign_project_jobs`;
 * - `foreign_project_land`, derived from the plot replicas per project in the same transaction
 *   as the plots change, so ordering 280,000 projects by land area reads one indexed row each
 *   rather than summing plots.
 * A project's company is joined on `project.company_id` (this subgraph's own fact), so moving a
 * project to another company needs no event at all. `change_checkpoint` holds how far each
 * stream has been applied, written in the same transaction as the rows it stands for.
 */
export class ForeignReadModel1799200000000 implements MigrationInterface {
  name = 'ForeignReadModel1799200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createChangeCheckpoints(queryRunner, 'projects');
    await queryRunner.query(`CREATE TABLE projects.foreign_company (
      id text PRIMARY KEY,
      name text NOT NULL,
      sectors text[] NOT NULL DEFAULT '{}',
      zone_participant boolean NOT NULL,
      search_keys jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(search_keys) = 'array'),
      search_document text GENERATED ALWAYS AS (projects.search_document(search_keys)) STORED
    )`);
    await queryRunner.query(`CREATE INDEX foreign_company_search_document_idx ON projects.foreign_company USING gin (search_document public.gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX foreign_company_name_idx ON projects.foreign_company ((name COLLATE "und-x-icu"), id COLLATE "C")`);

    await queryRunner.query(`CREATE TABLE projects.foreign_land_plot (
      id text PRIMARY KEY,
      project_id text,
      status text NOT NULL,
      area_hectares numeric,
      area_qualifier text
    )`);
    await queryRunner.query(`CREATE INDEX foreign_land_plot_project_idx ON projects.foreign_land_plot (project_id)`);

    // Only projects that hold a plot have a row: no row is an unknown area, never 0.
    await queryRunner.query(`CREATE TABLE projects.foreign_project_land (
      project_id text PRIMARY KEY,
      total_hectares numeric NOT NULL,
      at_least boolean NOT NULL,
      plot_count int NOT NULL CHECK (plot_count > 0)
    )`);
    await queryRunner.query(`CREATE INDEX foreign_project_land_area_idx ON projects.foreign_project_land (total_hectares, project_id COLLATE "C")`);

    await queryRunner.query(`CREATE TABLE projects.foreign_project_jobs (
      project_id text PRIMARY KEY,
      planned int,
      planned_qualifier text,
      created int,
      created_qualifier text
    )`);
    await queryRunner.query(`CREATE INDEX foreign_project_jobs_planned_idx ON projects.foreign_project_jobs (planned, project_id COLLATE "C")`);
    await queryRunner.query(`CREATE INDEX foreign_project_jobs_created_idx ON projects.foreign_project_jobs (created, project_id COLLATE "C")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['foreign_project_jobs', 'foreign_project_land', 'foreign_land_plot', 'foreign_company']) {
      await queryRunner.query(`DROP TABLE projects.${table}`);
    }
    await dropChangeCheckpoints(queryRunner, 'projects');
  }
}
