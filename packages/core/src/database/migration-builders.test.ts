import type { QueryRunner } from 'typeorm';
import {
  addSearchDocument, addSyntheticFlag, addTouchUpdatedAtTrigger, addTranslatedNames, createListOrderIndexes,
  createTouchUpdatedAtFunction, dropListOrderIndexes, dropSearchDocument, enteredByColumn, isPartialDate,
  sourceListColumn, timestampColumns, translationsColumn,
} from './migration-builders';

/*
 * Migrations that have run call these builders, and a fresh database runs them again: their text
 * is pinned here to the letter, so a change that would make a new database differ from an old one
 * fails here first. Change a pin only with a new builder, never to follow an edit of an old one.
 */

/** A query runner that keeps the statements it is given, in order. */
function recordingQueryRunner(): { queryRunner: QueryRunner; statements: string[] } {
  const statements: string[] = [];
  const queryRunner = { query: async (sql: string) => { statements.push(sql); return []; } } as unknown as QueryRunner;
  return { queryRunner, statements };
}

describe('column definitions', () => {
  it('a source list is a jsonb array, empty by default', () => {
    expect(sourceListColumn('sector_sources')).toBe(
      `sector_sources jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(sector_sources) = 'array')`,
    );
  });

  it('timestamps are created_at and updated_at, both now() by default', () => {
    expect(timestampColumns()).toBe(`created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()`);
  });

  it('a translations column holds only kk, ru and en texts', () => {
    expect(translationsColumn('descriptions')).toBe(`descriptions jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(descriptions) = 'object'
  AND NOT jsonb_path_exists(descriptions, '$.keyvalue() ? (!(@.key == "kk" || @.key == "ru" || @.key == "en") || @.value.type() != "string")'))`);
  });

  it('entered_by is an array of author entries, each with subject, role, time and operation', () => {
    expect(enteredByColumn()).toBe(`entered_by jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(entered_by) = 'array'
  AND NOT jsonb_path_exists(entered_by, '$[*] ? (!exists(@.subject) || !exists(@.role) || !exists(@.at) || !exists(@.operation))'))`);
  });

  it('a partial date has its year, text, precision, bound and sources', () => {
    expect(isPartialDate('opening')).toBe(`jsonb_typeof(opening) = 'object'
  AND jsonb_typeof(opening->'year') = 'number' AND opening ? 'text' AND opening ? 'stated'
  AND opening->>'precision' IN ('YEAR', 'QUARTER', 'MONTH', 'DAY')
  AND opening->>'bound' IN ('IN', 'BY')
  AND jsonb_typeof(opening->'sources') = 'array'`);
  });
});

describe('addTranslatedNames', () => {
  it('adds names and fills them from the English and Kazakh name columns', async () => {
    const { queryRunner, statements } = recordingQueryRunner();
    await addTranslatedNames(queryRunner, 'land.industrial_zone');
    expect(statements).toEqual([
      `ALTER TABLE land.industrial_zone ADD COLUMN ${translationsColumn('names')}`,
      `UPDATE land.industrial_zone SET names = jsonb_strip_nulls(jsonb_build_object('kk', NULLIF(btrim(name_kk), ''), 'en', name))`,
    ]);
  });
});

describe('addSyntheticFlag', () => {
  it('ties the flag to the prefix of every id, and of each optional reference when set', async () => {
    const { queryRunner, statements } = recordingQueryRunner();
    await addSyntheticFlag(queryRunner, 'land.land_plot', { ids: ['id'], optionalIds: ['zone_id', 'project_id'] });
    expect(statements).toEqual([`
    ALTER TABLE land.land_plot
      ADD COLUMN synthetic boolean NOT NULL DEFAULT false,
      ADD CONSTRAINT land_plot_synthetic_check CHECK (synthetic = starts_with(id, 'synthetic-') AND (zone_id IS NULL OR synthetic = starts_with(zone_id, 'synthetic-')) AND (project_id IS NULL OR synthetic = starts_with(project_id, 'synthetic-')))`]);
  });

  it('checks every id a row cannot exist without', async () => {
    const { queryRunner, statements } = recordingQueryRunner();
    await addSyntheticFlag(queryRunner, 'projects.group_membership', { ids: ['group_id', 'project_id'] });
    expect(statements[0]).toContain(
      `ADD CONSTRAINT group_membership_synthetic_check CHECK (synthetic = starts_with(group_id, 'synthetic-') AND synthetic = starts_with(project_id, 'synthetic-'))`,
    );
  });
});

describe('list order indexes', () => {
  it('makes one index per direction, the id in the C collation as the tie-break', async () => {
    const { queryRunner, statements } = recordingQueryRunner();
    await createListOrderIndexes(queryRunner, 'workforce.project_jobs', {
      name: 'project_jobs_jobs_planned', key: 'jobs_planned', id: 'project_id', nullsLast: true,
    });
    expect(statements).toEqual([
      `CREATE INDEX project_jobs_jobs_planned_asc_idx ON workforce.project_jobs (jobs_planned ASC NULLS LAST, project_id COLLATE "C")`,
      `CREATE INDEX project_jobs_jobs_planned_desc_idx ON workforce.project_jobs (jobs_planned DESC NULLS LAST, project_id COLLATE "C")`,
    ]);
  });

  it('leaves nulls where Postgres puts them when the key is never null, and ties on id by default', async () => {
    const { queryRunner, statements } = recordingQueryRunner();
    await createListOrderIndexes(queryRunner, 'companies.company', { name: 'company_name', key: '(name COLLATE "und-x-icu")', nullsLast: false });
    expect(statements).toEqual([
      `CREATE INDEX company_name_asc_idx ON companies.company ((name COLLATE "und-x-icu") ASC, id COLLATE "C")`,
      `CREATE INDEX company_name_desc_idx ON companies.company ((name COLLATE "und-x-icu") DESC, id COLLATE "C")`,
    ]);
  });

  it('drops both in the table\'s schema', async () => {
    const { queryRunner, statements } = recordingQueryRunner();
    await dropListOrderIndexes(queryRunner, 'land.land_plot', 'land_plot_area');
    expect(statements).toEqual(['DROP INDEX land.land_plot_area_asc_idx', 'DROP INDEX land.land_plot_area_desc_idx']);
  });
});

describe('touch_updated_at', () => {
  it('creates the function with its source to the byte: Postgres keeps it as written', async () => {
    const { queryRunner, statements } = recordingQueryRunner();
    await createTouchUpdatedAtFunction(queryRunner, 'workforce');
    expect(statements).toEqual([
      '\n      CREATE FUNCTION workforce.touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$\n'
      + '      BEGIN\n        NEW.updated_at := now();\n        RETURN NEW;\n      END\n      $$',
    ]);
  });

  it('runs it before every update of a table, under the table\'s name', async () => {
    const { queryRunner, statements } = recordingQueryRunner();
    await addTouchUpdatedAtTrigger(queryRunner, 'companies.company');
    expect(statements).toEqual([`CREATE TRIGGER company_touch_updated_at BEFORE UPDATE ON companies.company
    FOR EACH ROW EXECUTE FUNCTION companies.touch_updated_at()`]);
  });
});

describe('search document', () => {
  it('adds pg_trgm, the schema\'s search_document function, the generated column and its trigram index', async () => {
    const { queryRunner, statements } = recordingQueryRunner();
    await addSearchDocument(queryRunner, 'projects.project');
    expect(statements).toEqual([
      'CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public',
      `
    CREATE FUNCTION projects.search_document(keys jsonb) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      RETURN (SELECT COALESCE(string_agg((entry->>'key') || ' ' || replace(entry->>'key', ' ', ''), ' ' ORDER BY position), '')
                FROM jsonb_array_elements(keys) WITH ORDINALITY AS stored(entry, position))`,
      `ALTER TABLE projects.project
    ADD COLUMN search_document text GENERATED ALWAYS AS (projects.search_document(search_keys)) STORED`,
      'CREATE INDEX project_search_document_idx ON projects.project USING gin (search_document public.gin_trgm_ops)',
    ]);
  });

  it('drops the index, the column and the function, in that order', async () => {
    const { queryRunner, statements } = recordingQueryRunner();
    await dropSearchDocument(queryRunner, 'companies.company');
    expect(statements).toEqual([
      'DROP INDEX companies.company_search_document_idx',
      'ALTER TABLE companies.company DROP COLUMN search_document',
      'DROP FUNCTION companies.search_document(jsonb)',
    ]);
  });
});

describe('table names', () => {
  it.each(['company', 'companies.company.extra', 'companies.Company', 'companies; DROP TABLE x.company'])('refuses %p', async (table) => {
    const { queryRunner, statements } = recordingQueryRunner();
    await expect(addTouchUpdatedAtTrigger(queryRunner, table)).rejects.toThrow('name the table with its schema');
    expect(statements).toEqual([]);
  });

  it('refuses a schema that is not a plain identifier', async () => {
    const { queryRunner } = recordingQueryRunner();
    await expect(createTouchUpdatedAtFunction(queryRunner, 'land; --')).rejects.toThrow('not a plain SQL identifier');
  });
});
