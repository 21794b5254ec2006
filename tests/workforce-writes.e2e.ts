/**
 * The workforce subgraph's mutations against a real PostgreSQL (migrated and seeded): jobs
 * recorded at dates (and the figures and sums the reads then answer), the technical college
 * edited, programmes added; validation errors with code and field, versions, idempotent retries,
 * one transaction, the audit log, and who may write.
 */
import { RequestDatabase } from '@azg/core/database';
import { ANONYMOUS } from '@azg/core/identity';
import type { DataSource } from 'typeorm';
import type { Database } from '@azg/scripts/database';
import { seed } from '@azg/workforce/seed';
import { workforce } from '@azg/workforce';
import { ADMIN, EDITOR, OTHER_EDITOR, PARTNER, operationRunner, refusalOf, startInProcessSubgraph, type InProcessSubgraph } from './support/subgraph';
import { startTestDatabase } from './support/stack';

let database: Database;
let subgraph: InProcessSubgraph;
let dataSource: DataSource;
let run: ReturnType<typeof operationRunner>;

const COLLEGE = 'industrial-zone-technical-college';
const P6_SOURCE = { documentId: 'akimat-2021-industrial-zone', paragraph: 6, quote: 'ИАА-да техникалық колледж салынады' };
const P5_SOURCE = { documentId: 'akimat-2021-industrial-zone', paragraph: 5, quote: '430 жұмыс орнын құрумен өндірісті іске қосу' };

const RECORD = `mutation Record($input: RecordJobsInput!, $key: String) {
  recordJobs(input: $input, idempotencyKey: $key) {
    id recordedOn planned { value qualifier stated sources { paragraph } } created { value qualifier } sources { paragraph } enteredBy { subject operation } project { id } } }`;
const UPDATE = `mutation Update($id: ID!, $version: Int!, $input: UpdateTrainingInstitutionInput!, $key: String) {
  updateTrainingInstitution(id: $id, version: $version, input: $input, idempotencyKey: $key) {
    id name nameKk status builder capacity version sources { paragraph quote } enteredBy { subject operation }
    opening { text precision bound year month sources { paragraph } } nameIn(lang: EN) { text } } }`;
const ADD = `mutation Add($input: AddTrainingProgrammeInput!, $key: String) {
  addTrainingProgramme(input: $input, idempotencyKey: $key) {
    id name nameKk qualification durationMonths annualIntake version sources { paragraph } enteredBy { subject } institution { id } } }`;
const AUDIT = `query Audit($filter: AuditLogFilter) {
  workforceAuditLog(filter: $filter) { totalCount nodes { operation recordType recordId author { subject } before after } } }`;
const PROJECT_JOBS = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on Project { id workforce { planned { value qualifier } created { value qualifier } } jobRecords { recordedOn planned { value } created { value } } } } }`;
const GROUP_JOBS = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on ProjectGroup { jobs { planned { value } } itemizedJobs { planned { value knownCount unknownCount } created { value knownCount unknownCount } } } } }`;

async function projectJobs(id: string): Promise<any> {
  const result = await run<{ _entities: any[] }>(ANONYMOUS, PROJECT_JOBS, { representations: [{ __typename: 'Project', id }] });
  expect(result.errors).toBeUndefined();
  return result.data!._entities[0];
}

async function college(): Promise<any> {
  const result = await run<{ trainingInstitution: any }>(ANONYMOUS, `{ trainingInstitution(id: "${COLLEGE}") {
    version status capacity programmes { id name institution { id } } } }`);
  return result.data!.trainingInstitution;
}

/** Runs UPDATE with the institution's id and version read out of `input` into their own arguments. */
function update<Data = Record<string, unknown>>(identity: Parameters<typeof run>[0], variables: { input: { id: string; version: number } & Record<string, unknown> }) {
  const { input: { id, version, ...input } } = variables;
  return run<Data>(identity, UPDATE, { id, version, input });
}

async function count(sql: string, parameters: unknown[] = []): Promise<number> {
  const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM ${sql}`, parameters);
  return row.n;
}

beforeAll(async () => {
  database = await startTestDatabase();
  subgraph = await startInProcessSubgraph(workforce, database.url);
  dataSource = subgraph.dataSource;
  run = operationRunner(subgraph);
}, 180_000);

afterAll(async () => {
  await subgraph?.stop();
  await database?.stop();
});

describe('recordJobs', () => {
  it('moves only the figures a record states; the document\'s planned jobs stay until a record states planned', async () => {
    const first = await run<{ recordJobs: any }>(EDITOR, RECORD, {
      input: { projectId: 'valtherm-radiator-plant', recordedOn: '2022-01-10', created: { value: 120 }, sources: [P5_SOURCE] },
    });
    expect(first.errors).toBeUndefined();
    expect(first.data!.recordJobs).toMatchObject({
      recordedOn: '2022-01-10', planned: null, created: { value: 120, qualifier: 'EXACT' }, sources: [{ paragraph: 5 }], enteredBy: null,
      project: { id: 'valtherm-radiator-plant' },
    });
    expect((await projectJobs('valtherm-radiator-plant')).workforce).toEqual({
      planned: { value: 430, qualifier: 'EXACT' }, created: { value: 120, qualifier: 'EXACT' },
    });
  });

  it('answers the latest-dated record of each figure, keeps an older one entered late as history, and never adds records up', async () => {
    await run(EDITOR, RECORD, { input: { projectId: 'valtherm-radiator-plant', recordedOn: '2022-06-01', planned: { value: 500, qualifier: 'AT_LEAST' } } });
    await run(EDITOR, RECORD, { input: { projectId: 'valtherm-radiator-plant', recordedOn: '2021-12-01', planned: { value: 450 } } });

    const valtherm = await projectJobs('valtherm-radiator-plant');
    expect(valtherm.workforce).toEqual({ planned: { value: 500, qualifier: 'AT_LEAST' }, created: { value: 120, qualifier: 'EXACT' } });
    expect(valtherm.jobRecords).toEqual([
      { recordedOn: '2021-12-01', planned: { value: 450 }, created: null },
      { recordedOn: '2022-01-10', planned: null, created: { value: 120 } },
      { recordedOn: '2022-06-01', planned: { value: 500 }, created: null },
    ]);
    // A group's members are summed from their current figures: 500 and Kaz-Dia-Test's 65 planned, 120 created.
    const group = await run<{ _entities: any[] }>(ANONYMOUS, GROUP_JOBS, {
      representations: [{ __typename: 'ProjectGroup', id: 'launch-by-end-of-2021', memberIds: ['valtherm-radiator-plant', 'kaz-dia-test-diagnostics-plant'] }],
    });
    expect(group.data!._entities[0]).toEqual({
      jobs: { planned: { value: 823 } },
      itemizedJobs: { planned: { value: 565, knownCount: 2, unknownCount: 0 }, created: { value: 120, knownCount: 1, unknownCount: 1 } },
    });
  });

  it('gives a project the document says nothing of its first figures, and marks a record without sources as entered by its author', async () => {
    const recorded = await run<{ recordJobs: any }>(EDITOR, RECORD, { input: { projectId: 'brb-apk-project', recordedOn: '2022-03-01', planned: { value: 0 } } });
    expect(recorded.data!.recordJobs).toMatchObject({ planned: { value: 0, stated: '0', sources: [] }, enteredBy: { subject: 'editor-1', operation: 'recordJobs' } });
    expect((await projectJobs('brb-apk-project')).workforce).toEqual({ planned: { value: 0, qualifier: 'EXACT' }, created: null });
  });

  it.each([
    ['a negative count', { planned: { value: -1 } }, 'input.planned.value'],
    ['no figure at all', {}, 'input.planned'],
    ['a date in the future', { recordedOn: '2999-01-01', planned: { value: 1 } }, 'input.recordedOn'],
    ['a date before the zone\'s records', { recordedOn: '1999-01-01', planned: { value: 1 } }, 'input.recordedOn'],
    ['a malformed project id', { projectId: 'Valtherm!', planned: { value: 1 } }, 'input.projectId'],
    ['a stated text too long', { created: { value: 1, stated: 'x'.repeat(501) } }, 'input.created.stated'],
    ['a source without its paragraph number in range', { planned: { value: 1 }, sources: [{ ...P5_SOURCE, paragraph: 0 }] }, 'input.sources[0].paragraph'],
  ])('refuses %s with BAD_USER_INPUT naming the field', async (_case, overrides, field) => {
    const before = await count('workforce.job_record');
    const result = await run(EDITOR, RECORD, { input: { projectId: 'kmk-investment-cable-plant', recordedOn: '2022-01-01', ...overrides } });
    expect(refusalOf(result)).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(await count('workforce.job_record')).toBe(before);
  });

  it('refuses a count that is not a whole number and an unknown qualifier with BAD_USER_INPUT, naming them', async () => {
    const fraction = await run(EDITOR, RECORD, { input: { projectId: 'kmk-investment-cable-plant', recordedOn: '2022-01-01', planned: { value: 1.5 } } });
    expect(fraction.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('value') });
    const qualifier = await run(EDITOR, RECORD, { input: { projectId: 'kmk-investment-cable-plant', recordedOn: '2022-01-01', planned: { value: 1, qualifier: 'ABOUT' } } });
    expect(qualifier.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('qualifier') });
  });

  it('records once when the same key is sent twice at once, and answers both alike', async () => {
    const input = { projectId: 'kmk-investment-cable-plant', recordedOn: '2022-02-01', created: { value: 110 } };
    const [first, second] = await Promise.all([run(EDITOR, RECORD, { input, key: 'jobs-once' }), run(EDITOR, RECORD, { input, key: 'jobs-once' })]);

    expect(first.errors).toBeUndefined();
    expect(second.data).toEqual(first.data);
    expect(await count(`workforce.job_record WHERE project_id = 'kmk-investment-cable-plant'`)).toBe(1);
    expect(await count(`workforce.audit_log WHERE record_id = 'kmk-investment-cable-plant'`)).toBe(1);
  });

  it('keeps the recorded figures when the seed runs again', async () => {
    const changed = await dataSource.transaction((manager) => seed(new RequestDatabase(manager)));
    expect(changed).toBe(0);
    expect((await projectJobs('valtherm-radiator-plant')).workforce.planned).toEqual({ value: 500, qualifier: 'AT_LEAST' });
  });
});

describe('updateTrainingInstitution', () => {
  it('edits the college at the version read: only the fields given, names by language following the name', async () => {
    const result = await update<{ updateTrainingInstitution: any }>(EDITOR, {
      input: {
        id: COLLEGE, version: 1, name: 'Technical College of the Almaty Industrial Zone', status: 'UNDER_CONSTRUCTION', capacity: 600,
        opening: { text: '2023-09' }, sources: [P6_SOURCE],
      },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.updateTrainingInstitution).toMatchObject({
      name: 'Technical College of the Almaty Industrial Zone', nameKk: 'техникалық колледж', status: 'UNDER_CONSTRUCTION', builder: 'Almaty city akimat',
      capacity: 600, version: 2, enteredBy: [], nameIn: { text: 'Technical College of the Almaty Industrial Zone' },
      opening: { text: '2023-09', precision: 'MONTH', bound: 'IN', year: 2023, month: 9, sources: [{ paragraph: 6 }] },
    });
    // The edit's source joins the two the document gave, once.
    expect(result.data!.updateTrainingInstitution.sources.map((source: any) => source.quote)).toContain(P6_SOURCE.quote);
    expect(result.data!.updateTrainingInstitution.sources).toHaveLength(3);
  });

  it('clears a field given as null and marks an edit without sources as entered by its author', async () => {
    const result = await update<{ updateTrainingInstitution: any }>(OTHER_EDITOR, { input: { id: COLLEGE, version: 2, builder: null } });
    expect(result.data!.updateTrainingInstitution).toMatchObject({ builder: null, version: 3, enteredBy: [{ subject: 'editor-2', operation: 'updateTrainingInstitution' }] });
  });

  it('answers NOT_FOUND for an institution that does not exist and CONFLICT with the current version for a stale one', async () => {
    expect(refusalOf(await update(EDITOR, { input: { id: 'no-such-college', version: 1, capacity: 5 } }))).toEqual({ code: 'NOT_FOUND', field: 'id' });
    const stale = await update(EDITOR, { input: { id: COLLEGE, version: 1, capacity: 5 } });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'version', currentVersion: 3 });
    expect((await college()).capacity).toBe(600);
  });

  it.each([
    ['a name cleared', { name: null }, 'input.name'],
    ['a name too long', { name: 'x'.repeat(201) }, 'input.name'],
    ['a status cleared', { status: null }, 'input.status'],
    ['a capacity of 0', { capacity: 0 }, 'input.capacity'],
    ['a negative capacity', { capacity: -10 }, 'input.capacity'],
    ['an opening that is no date', { opening: { text: '2023-13' } }, 'input.opening.text'],
    ['an opening out of range', { opening: { text: '2200' } }, 'input.opening.text'],
    ['a purpose too long', { purpose: 'x'.repeat(1001) }, 'input.purpose'],
    ['an edit of nothing', {}, 'input'],
    ['a version of 0', { version: 0, capacity: 5 }, 'version'],
  ])('refuses %s with BAD_USER_INPUT naming the field', async (_case, overrides, field) => {
    const result = await update(EDITOR, { input: { id: COLLEGE, version: 3, ...overrides } });
    expect(refusalOf(result)).toEqual({ code: 'BAD_USER_INPUT', field });
    expect((await college()).version).toBe(3);
  });

  it('refuses an unknown status with BAD_USER_INPUT naming it', async () => {
    const result = await update(EDITOR, { input: { id: COLLEGE, version: 3, status: 'CLOSED' } });
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('status') });
  });

  it('keeps the edit when the seed runs again', async () => {
    await dataSource.transaction((manager) => seed(new RequestDatabase(manager)));
    expect(await college()).toMatchObject({ version: 3, status: 'UNDER_CONSTRUCTION', capacity: 600 });
  });
});

describe('addTrainingProgramme', () => {
  it('adds a programme the college then lists, with its institution', async () => {
    const result = await run<{ addTrainingProgramme: any }>(EDITOR, ADD, {
      input: { id: 'college-welding', institutionId: COLLEGE, name: 'Welding', nameKk: 'Дәнекерлеу', qualification: 'welder', durationMonths: 10, annualIntake: 50 },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.addTrainingProgramme).toEqual({
      id: 'college-welding', name: 'Welding', nameKk: 'Дәнекерлеу', qualification: 'welder', durationMonths: 10, annualIntake: 50,
      version: 1, sources: [], enteredBy: [{ subject: 'editor-1' }], institution: { id: COLLEGE },
    });
    expect((await college()).programmes).toEqual([{ id: 'college-welding', name: 'Welding', institution: { id: COLLEGE } }]);
  });

  it('answers NOT_FOUND for an unknown institution, CONFLICT for a taken id or name, BAD_USER_INPUT for bad values', async () => {
    const add = (input: Record<string, unknown>) => run(EDITOR, ADD, { input: { id: 'college-cnc', institutionId: COLLEGE, name: 'CNC machining', ...input } });
    expect(refusalOf(await add({ institutionId: 'no-such-college' }))).toEqual({ code: 'NOT_FOUND', field: 'input.institutionId' });
    expect(refusalOf(await add({ id: 'college-welding' }))).toEqual({ code: 'CONFLICT', field: 'input.id' });
    expect(refusalOf(await add({ name: 'Welding' }))).toEqual({ code: 'CONFLICT', field: 'input.name' });
    expect(refusalOf(await add({ durationMonths: 0 }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.durationMonths' });
    expect(refusalOf(await add({ annualIntake: -5 }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.annualIntake' });
    expect(refusalOf(await add({ name: 'x'.repeat(201) }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.name' });
    expect(refusalOf(await add({ id: 'synthetic-1-cnc' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.id' });
    expect(await count(`workforce.training_programme WHERE id = 'college-cnc'`)).toBe(0);
  });
});

describe('transactions, the audit log and who may write', () => {
  it('leaves nothing written when the audit insert fails halfway through the write', async () => {
    const before = await projectJobs('kaz-dia-test-diagnostics-plant');
    await dataSource.query(`CREATE FUNCTION workforce.test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected failure'; END $$`);
    await dataSource.query(`CREATE TRIGGER test_refuse_audit BEFORE INSERT ON workforce.audit_log FOR EACH ROW EXECUTE FUNCTION workforce.test_refuse_audit()`);
    try {
      const failed = await run(EDITOR, RECORD, { input: { projectId: 'kaz-dia-test-diagnostics-plant', recordedOn: '2022-05-01', planned: { value: 70 } }, key: 'fails' });
      expect(failed.errors?.[0]).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: expect.stringMatching(/^test-request-/) } });
      expect(await count(`workforce.job_record WHERE project_id = 'kaz-dia-test-diagnostics-plant'`)).toBe(0);
      expect(await projectJobs('kaz-dia-test-diagnostics-plant')).toEqual(before);

      const added = await run(EDITOR, ADD, { input: { id: 'college-halfway', institutionId: COLLEGE, name: 'Halfway' } });
      expect(refusalOf(added)?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(await count(`workforce.training_programme WHERE id = 'college-halfway'`)).toBe(0);
      expect(await count(`workforce.idempotency_keys WHERE key = 'fails'`)).toBe(0);
    } finally {
      await dataSource.query(`DROP TRIGGER test_refuse_audit ON workforce.audit_log`);
      await dataSource.query(`DROP FUNCTION workforce.test_refuse_audit()`);
    }
  });

  it('logs every write in the order made, for admins only', async () => {
    const log = await run<{ workforceAuditLog: any }>(ADMIN, AUDIT, {});
    expect(log.errors).toBeUndefined();
    expect(log.data!.workforceAuditLog.nodes.map((entry: any) => [entry.operation, entry.recordType, entry.recordId, entry.author.subject])).toEqual([
      ['recordJobs', 'ProjectJobs', 'valtherm-radiator-plant', 'editor-1'],
      ['recordJobs', 'ProjectJobs', 'valtherm-radiator-plant', 'editor-1'],
      ['recordJobs', 'ProjectJobs', 'valtherm-radiator-plant', 'editor-1'],
      ['recordJobs', 'ProjectJobs', 'brb-apk-project', 'editor-1'],
      ['recordJobs', 'ProjectJobs', 'kmk-investment-cable-plant', 'editor-1'],
      ['updateTrainingInstitution', 'TrainingInstitution', COLLEGE, 'editor-1'],
      ['updateTrainingInstitution', 'TrainingInstitution', COLLEGE, 'editor-2'],
      ['addTrainingProgramme', 'TrainingProgramme', 'college-welding', 'editor-1'],
    ]);
    const college = await run<{ workforceAuditLog: any }>(ADMIN, AUDIT, { filter: { recordType: 'TrainingInstitution', author: 'editor-2' } });
    expect(college.data!.workforceAuditLog.nodes).toEqual([expect.objectContaining({
      before: expect.objectContaining({ builder: 'Almaty city akimat', version: 2 }), after: expect.objectContaining({ builder: null, version: 3 }),
    })]);
    // The older planned figure entered late moved nothing: its entry says so.
    const late = log.data!.workforceAuditLog.nodes[2];
    expect(late.after).toMatchObject({ planned: { value: 500 }, version: late.before.version, record: { recordedOn: '2021-12-01' } });
  });

  it('refuses anonymous callers and partners, and lets only admins read the log', async () => {
    const input = { projectId: 'kmk-investment-wire-rod-plant', recordedOn: '2022-01-01', created: { value: 90 } };
    expect(refusalOf(await run(ANONYMOUS, RECORD, { input }))?.code).toBe('UNAUTHENTICATED');
    expect(refusalOf(await run(PARTNER, RECORD, { input }))?.code).toBe('FORBIDDEN');
    expect(refusalOf(await update(PARTNER, { input: { id: COLLEGE, version: 3, capacity: 1 } }))?.code).toBe('FORBIDDEN');
    expect(refusalOf(await run(ANONYMOUS, ADD, { input: { id: 'college-x', institutionId: COLLEGE, name: 'X' } }))?.code).toBe('UNAUTHENTICATED');
    expect(await count(`workforce.job_record WHERE project_id = 'kmk-investment-wire-rod-plant'`)).toBe(0);
    expect(refusalOf(await run(EDITOR, AUDIT, {}))?.code).toBe('FORBIDDEN');
  });
});
