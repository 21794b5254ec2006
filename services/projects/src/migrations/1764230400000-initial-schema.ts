import { sourceListColumn, timestampColumns } from '@azg/core/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const ID_CHECK = `CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,99}$')`;
const QUALIFIERS = `('EXACT', 'AT_LEAST', 'APPROXIMATE')`;
const SECTORS = `'{CONSTRUCTION_MATERIALS,HEATING_EQUIPMENT,CABLE_AND_WIRE,ENERGY_EQUIPMENT,RESEARCH,MEDICAL_DIAGNOSTICS,MEDICAL_PRODUCTS,CHEMICAL,CONSTRUCTION,MACHINE_BUILDING}'::text[]`;

/** A figure column holds a core figure in its GraphQL shape, sources included. */
const figure = (column: string, key: string) =>
  `CHECK (${column} IS NULL OR (jsonb_typeof(${column}) = 'object' AND ${column} ? '${key}' AND ${column} ? 'stated'
     AND jsonb_typeof(${column}->'sources') = 'array'${key === 'year' ? '' : ` AND ${column}->>'qualifier' IN ${QUALIFIERS}`}))`;

/** Projects, the groups the document reports figures for, the council, and the source document itself. */
export class InitialSchema1764230400000 implements MigrationInterface {
  name = 'InitialSchema1764230400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE projects.project (
        id text PRIMARY KEY ${ID_CHECK},
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
        name_kk text CHECK (length(name_kk) <= 300),
        company_id text NOT NULL,
        sectors text[] NOT NULL DEFAULT '{}' CHECK (sectors <@ ${SECTORS}),
        ${sourceListColumn('sector_sources')},
        products jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(products) = 'array'),
        status text NOT NULL CHECK (status IN ('PROPOSED', 'PLANNED', 'UNDER_CONSTRUCTION', 'COMMISSIONING', 'OPERATING', 'REMOVED')),
        ${sourceListColumn('status_sources')},
        progress text,
        phase integer CHECK (phase > 0),
        ${sourceListColumn('phase_sources')},
        investment jsonb ${figure('investment', 'tenge')},
        investment_tenge numeric(20, 0) GENERATED ALWAYS AS ((investment->>'tenge')::numeric) STORED,
        capacities jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(capacities) = 'array'),
        planned_launch jsonb ${figure('planned_launch', 'year')},
        actual_launch jsonb ${figure('actual_launch', 'year')},
        remarks jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(remarks) = 'array'),
        ${sourceListColumn('sources')},
        ${timestampColumns()}
      )`);
    await queryRunner.query(`CREATE INDEX project_company_id_idx ON projects.project (company_id)`);
    await queryRunner.query(`CREATE INDEX project_status_idx ON projects.project (status)`);
    await queryRunner.query(`CREATE INDEX project_name_idx ON projects.project (lower(name), id)`);
    await queryRunner.query(`CREATE INDEX project_investment_idx ON projects.project (investment_tenge, id)`);
    await queryRunner.query(`
      CREATE TABLE projects.project_group (
        id text PRIMARY KEY ${ID_CHECK},
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
        name_kk text,
        description text NOT NULL,
        count_unit text NOT NULL CHECK (count_unit IN ('PROJECTS', 'COMPANIES', 'INDUSTRIAL_PARKS')),
        reported_count jsonb ${figure('reported_count', 'value')},
        reported_investment jsonb ${figure('reported_investment', 'tenge')},
        sectors text[] NOT NULL DEFAULT '{}' CHECK (sectors <@ ${SECTORS}),
        due jsonb ${figure('due', 'year')},
        members_known text NOT NULL CHECK (members_known IN ('COMPLETE', 'PARTIAL', 'NONE')),
        ${sourceListColumn('sources')},
        ${timestampColumns()}
      )`);
    await queryRunner.query(`
      CREATE TABLE projects.group_membership (
        group_id text NOT NULL REFERENCES projects.project_group (id) ON DELETE CASCADE,
        project_id text NOT NULL REFERENCES projects.project (id) ON DELETE CASCADE,
        ${sourceListColumn('sources')},
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (group_id, project_id)
      )`);
    await queryRunner.query(`CREATE INDEX group_membership_project_idx ON projects.group_membership (project_id)`);
    await queryRunner.query(`
      CREATE TABLE projects.council (
        id text PRIMARY KEY ${ID_CHECK},
        name text NOT NULL,
        name_kk text NOT NULL,
        abbreviation text NOT NULL,
        reformatted jsonb ${figure('reformatted', 'year')},
        member_categories jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(member_categories) = 'array'),
        meeting_count jsonb ${figure('meeting_count', 'value')},
        meeting_period text,
        supported_group_id text REFERENCES projects.project_group (id),
        events jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(events) = 'array'),
        remarks jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(remarks) = 'array'),
        ${sourceListColumn('sources')},
        ${timestampColumns()}
      )`);
    await queryRunner.query(`
      CREATE TABLE projects.source_document (
        id text PRIMARY KEY ${ID_CHECK},
        title text NOT NULL,
        publisher text NOT NULL,
        publisher_kk text NOT NULL,
        language text NOT NULL,
        dated jsonb ${figure('dated', 'year')},
        paragraphs jsonb NOT NULL CHECK (jsonb_typeof(paragraphs) = 'array'),
        reading_notes jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(reading_notes) = 'array'),
        ${sourceListColumn('sources')},
        ${timestampColumns()}
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE projects.source_document`);
    await queryRunner.query(`DROP TABLE projects.council`);
    await queryRunner.query(`DROP TABLE projects.group_membership`);
    await queryRunner.query(`DROP TABLE projects.project_group`);
    await queryRunner.query(`DROP TABLE projects.project`);
  }
}
