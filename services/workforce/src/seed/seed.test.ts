import { groupJobsRow, projectJobsRow, seed, trainingInstitutionRow } from './seed';
import { GROUP_JOBS, PROJECT_JOBS, TRAINING_INSTITUTIONS } from './workforce.facts';
import { FakeDatabase } from '../testing/fake-database';

const RECORD_ID = /^[a-z0-9][a-z0-9-]{0,99}$/;

describe('the workforce facts', () => {
  const jobs = [...PROJECT_JOBS, ...GROUP_JOBS];

  it('report something for every project and group they list, and never 0 for unknown', () => {
    for (const fact of jobs) {
      expect(fact.planned ?? fact.created).not.toBeNull();
      for (const figure of [fact.planned, fact.created]) {
        if (figure) expect(figure.value).toBeGreaterThan(0);
      }
    }
  });

  it('cite where every figure comes from', () => {
    for (const figure of jobs.flatMap((fact) => [fact.planned, fact.created])) {
      if (figure) expect(figure.sources.length).toBeGreaterThan(0);
    }
  });

  it('use record ids the tables accept, each once', () => {
    const ids = [...PROJECT_JOBS.map((fact) => fact.projectId), ...GROUP_JOBS.map((fact) => fact.groupId), ...TRAINING_INSTITUTIONS.map((fact) => fact.id)];
    for (const id of ids) expect(id).toMatch(RECORD_ID);
    expect(new Set(PROJECT_JOBS.map((fact) => fact.projectId)).size).toBe(PROJECT_JOBS.length);
    expect(new Set(GROUP_JOBS.map((fact) => fact.groupId)).size).toBe(GROUP_JOBS.length);
  });

  it('have the P6 technical college train for every project in the zone', () => {
    const college = TRAINING_INSTITUTIONS.find((fact) => fact.id === 'industrial-zone-technical-college');
    expect(college).toMatchObject({ kind: 'TECHNICAL_COLLEGE', status: 'PLANNED', servesAllZoneProjects: true });
    expect(college?.sources.every((source) => source.paragraph === 6)).toBe(true);
  });
});

describe('seed rows', () => {
  it('store a project\'s figures whole, in their GraphQL shape, planned and created apart', () => {
    const valtherm = PROJECT_JOBS.find((fact) => fact.projectId === 'valtherm-radiator-plant')!;
    expect(projectJobsRow(valtherm)).toEqual({ project_id: 'valtherm-radiator-plant', planned: valtherm.planned, created: null });
    expect(projectJobsRow(valtherm).planned).toMatchObject({ value: 430, qualifier: 'EXACT', stated: '430 жұмыс орнын құрумен' });
  });

  it('keep a group\'s lower bound a lower bound', () => {
    const aerated = GROUP_JOBS.find((fact) => fact.groupId === 'aerated-concrete-plants')!;
    expect(groupJobsRow(aerated)).toMatchObject({ group_id: 'aerated-concrete-plants', planned: { value: 165, qualifier: 'AT_LEAST' }, created: null });
  });

  it('name the institution\'s columns, leaving created_at and updated_at to the database', () => {
    const row = trainingInstitutionRow(TRAINING_INSTITUTIONS[0]!);
    expect(Object.keys(row)).toEqual([
      'id', 'kind', 'name', 'name_kk', 'status', 'builder', 'builder_kk', 'location', 'purpose', 'serves_all_zone_projects', 'sources', 'names',
    ]);
    expect(row.serves_all_zone_projects).toBe(true);
    // Kazakh and English only: the sources give no Russian name.
    expect(row.names).toEqual({ kk: 'техникалық колледж', en: 'Technical college of the Industrial Zone' });
  });
});

describe('seed', () => {
  it('upserts every table once and counts the rows the database says changed', async () => {
    const db = new FakeDatabase((sql) => (sql.includes('training_institution') ? [{}] : sql.includes('group_jobs') ? [{}, {}] : []));

    const changed = await seed(db);

    expect(db.statements.map(({ sql }) => /INSERT INTO (\S+)/.exec(sql)?.[1])).toEqual([
      '"workforce"."training_institution"', '"workforce"."project_jobs"', '"workforce"."group_jobs"',
    ]);
    expect(changed).toBe(3);
  });

  it('writes a row only where it differs, so a second run changes nothing', async () => {
    const db = new FakeDatabase();

    await seed(db);

    for (const { sql } of db.statements) expect(sql).toMatch(/IS DISTINCT FROM/);
  });
});
