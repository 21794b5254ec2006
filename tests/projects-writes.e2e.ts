import type { Identity } from '@azg/core/identity';
import { projects } from '@azg/projects';
import type { Database } from '@azg/scripts/database';
import { startTestDatabase } from './support/stack';
import { dataOf, refusal, startInProcessSubgraph, type InProcessSubgraph } from './support/subgraph';

/**
 * The projects subgraph's mutations against a real, seeded PostgreSQL, run in-process so the
 * caller's identity can be set as the gateway's signed header will set it: every validation
 * error's code and field, roles, versions under concurrency, idempotency keys, a failure injected
 * halfway, the status history and the audit log.
 */
const EDITOR: Identity = { subject: 'editor-aigerim', role: 'editor', source: 'api-key', keyId: 'key-aigerim' };
const SECOND_EDITOR: Identity = { subject: 'editor-daniyar', role: 'editor', source: 'jwt' };
const ADMIN: Identity = { subject: 'admin-saule', role: 'admin', source: 'jwt' };
const PARTNER: Identity = { subject: 'partner-bank', role: 'partner', source: 'api-key' };
const ANONYMOUS: Identity = { subject: 'anonymous', role: 'anonymous', source: 'anonymous' };

/** Paragraph 5 of the press release, verbatim (Valtherm's investment). */
const P5_SOURCE = { documentId: 'akimat-2021-industrial-zone', paragraph: 5, quote: '11,6 млрд. теңгені құрайтын' };

const PROJECT_FIELDS = `id name nameKk version status sectors investment { tenge qualifier stated sources { paragraph quote } }
  plannedLaunch { text precision bound } sources { documentId paragraph quote } enteredBy { subject role operation at }
  statusHistory { from to at reason sources { paragraph } enteredBy { subject } }`;

const CREATE = `mutation ($input: CreateProjectInput!, $key: String) { createProject(input: $input, idempotencyKey: $key) { ${PROJECT_FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $version: Int!, $input: UpdateProjectInput!, $key: String) {
  updateProject(id: $id, version: $version, input: $input, idempotencyKey: $key) { ${PROJECT_FIELDS} } }`;
const CHANGE_STATUS = `mutation ($id: ID!, $version: Int!, $input: ChangeProjectStatusInput!, $key: String) {
  changeProjectStatus(id: $id, version: $version, input: $input, idempotencyKey: $key) { ${PROJECT_FIELDS} } }`;
const ADD_MEMBERS = `mutation ($groupId: ID!, $version: Int!, $input: AddGroupMembersInput!, $key: String) {
  addGroupMembers(groupId: $groupId, version: $version, input: $input, idempotencyKey: $key) {
    id version enteredBy { subject } memberships(first: 100) { nodes { project { id } sources { paragraph } enteredBy { subject operation } } } } }`;
const AUDIT_LOG = `query ($filter: AuditLogFilter, $first: Int, $after: String, $newestFirst: Boolean) {
  projectsAuditLog(filter: $filter, first: $first, after: $after, newestFirst: $newestFirst) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id at author { subject role keyId } operation recordType recordId before after requestId idempotencyKey } } }`;

let database: Database;
let subgraph: InProcessSubgraph;

async function sql<Row = Record<string, any>>(text: string, parameters: unknown[] = []): Promise<Row[]> {
  return subgraph.dataSource.query(text, parameters);
}

let created = 0;
/** A new project entered by `identity`, with a name no other test uses. */
async function newProject(identity: Identity = EDITOR, extra: Record<string, unknown> = {}) {
  created += 1;
  const result = await subgraph.execute(CREATE, { input: { name: `Test glass container plant ${created}`, companyId: 'valtherm', ...extra } }, identity);
  return dataOf(result).createProject;
}

beforeAll(async () => {
  database = await startTestDatabase();
  subgraph = await startInProcessSubgraph(projects, database.url);
});

afterAll(async () => {
  await subgraph?.stop();
  await database?.stop();
});

describe('createProject', () => {
  it('creates a project entered by its author when no source is stated, findable by its name at once', async () => {
    const result = await subgraph.execute(CREATE, {
      input: { name: 'Almaty float glass plant', nameKk: 'Алматы шыны зауыты', companyId: 'kmk-investment', sectors: ['CONSTRUCTION_MATERIALS'],
        investment: { tenge: '5000000000', qualifier: 'AT_LEAST' }, plannedLaunch: { text: '2026-Q3' } },
    }, EDITOR);

    const project = dataOf(result).createProject;
    expect(project).toMatchObject({
      id: 'almaty-float-glass-plant', name: 'Almaty float glass plant', version: 1, status: 'PLANNED', sectors: ['CONSTRUCTION_MATERIALS'],
      investment: { tenge: '5000000000', qualifier: 'AT_LEAST', stated: '5000000000 tenge', sources: [] },
      plannedLaunch: { text: '2026-Q3', precision: 'QUARTER', bound: 'IN' }, sources: [], statusHistory: [],
      enteredBy: [{ subject: 'editor-aigerim', role: 'editor', operation: 'createProject' }],
    });
    const search = dataOf(await subgraph.execute(`{ searchProjects(text: "шыны зауыты", first: 3) { project { id } } }`));
    expect(search.searchProjects.map((hit: { project: { id: string } }) => hit.project.id)).toContain('almaty-float-glass-plant');
    const again = dataOf(await subgraph.execute(CREATE, { input: { name: 'Almaty float glass plant', companyId: 'kmk-investment' } }, EDITOR));
    expect(again.createProject.id).toBe('almaty-float-glass-plant-2');
  });

  it('keeps the sources a write states, on the record and its figures, and marks no author', async () => {
    const project = await newProject(EDITOR, { investment: { tenge: '11600000000', stated: '11,6 млрд. теңге' }, sources: [P5_SOURCE] });
    expect(project.enteredBy).toEqual([]);
    expect(project.sources).toEqual([P5_SOURCE]);
    expect(project.investment).toEqual({ tenge: '11600000000', qualifier: 'EXACT', stated: '11,6 млрд. теңге', sources: [{ paragraph: 5, quote: P5_SOURCE.quote }] });
  });
});

describe('validation: each bad input is refused with its code, naming the field', () => {
  const create = (input: Record<string, unknown>, key?: string) =>
    subgraph.execute(CREATE, { input: { name: 'Valid name', companyId: 'valtherm', ...input }, key }, EDITOR);

  it.each([
    ['an empty name', 'input.name', { name: '' }],
    ['a name over 300 characters', 'input.name', { name: 'n'.repeat(301) }],
    ['a negative amount', 'input.investment.tenge', { investment: { tenge: '-5' } }],
    ['a planned launch out of range', 'input.plannedLaunch.text', { plannedLaunch: { text: '1850' } }],
    ['a planned launch that is no date', 'input.plannedLaunch.text', { plannedLaunch: { text: '2021-13' } }],
    ['a company id of the wrong shape', 'input.companyId', { companyId: 'Not An Id' }],
    ['an id reserved for generated data', 'input.id', { id: 'synthetic-mine' }],
    ['a phase below 1', 'input.phase', { phase: 0 }],
    ['a source paragraph below 1', 'input.sources[0].paragraph', { sources: [{ ...P5_SOURCE, paragraph: 0 }] }],
    ['a source paragraph the document lacks', 'input.sources[0].paragraph', { sources: [{ ...P5_SOURCE, paragraph: 99 }] }],
    ['a quote not in its paragraph', 'input.sources[1].quote', { sources: [P5_SOURCE, { ...P5_SOURCE, quote: 'not these words' }] }],
    ['an inferred source without a note', 'input.sources[0].note', { sources: [{ ...P5_SOURCE, inferred: true }] }],
  ])('%s: BAD_USER_INPUT on %s', async (_label, field, input) => {
    expect(refusal(await create(input))).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('an idempotency key over 200 characters: BAD_USER_INPUT on idempotencyKey', async () => {
    expect(refusal(await create({}, 'k'.repeat(201)))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
  });

  it('an unknown enum value: BAD_USER_INPUT naming the field in the message', async () => {
    const error = refusal(await create({ status: 'FINISHED' }));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/status/);
  });

  it('a source document that does not exist: NOT_FOUND on its documentId', async () => {
    expect(refusal(await create({ sources: [{ ...P5_SOURCE, documentId: 'no-such-document' }] })))
      .toMatchObject({ code: 'NOT_FOUND', field: 'input.sources[0].documentId' });
  });

  it('an id already taken: CONFLICT on input.id', async () => {
    expect(refusal(await create({ id: 'valtherm-radiator-plant' }))).toMatchObject({ code: 'CONFLICT', field: 'input.id' });
  });

  it('updates naming a project that does not exist, a malformed id, a bad version, nothing to change', async () => {
    const update = (id: string, version: number, input: Record<string, unknown>) => subgraph.execute(UPDATE, { id, version, input }, EDITOR);
    expect(refusal(await update('no-such-project', 1, { name: 'x' }))).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    expect(refusal(await update('Bad Id', 1, { name: 'x' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(refusal(await update('valtherm-radiator-plant', 0, { name: 'x' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'version' });
    expect(refusal(await update('valtherm-radiator-plant', 1, {}))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input' });
    expect(refusal(await update('valtherm-radiator-plant', 1, { name: null }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
  });

  it('adding members: an unknown group, an unknown project, a member already, a list too short', async () => {
    const [{ version }] = await sql<{ version: number }>(`SELECT version FROM projects.project_group WHERE id = 'launch-by-end-of-2021'`);
    const add = (groupId: string, projectIds: string[]) => subgraph.execute(ADD_MEMBERS, { groupId, version, input: { projectIds } }, EDITOR);
    expect(refusal(await add('no-such-group', ['valtherm-radiator-plant']))).toMatchObject({ code: 'NOT_FOUND', field: 'groupId' });
    const project = await newProject();
    expect(refusal(await add('launch-by-end-of-2021', [project.id, 'no-such-project']))).toMatchObject({ code: 'NOT_FOUND', field: 'input.projectIds[1]' });
    expect(refusal(await add('launch-by-end-of-2021', ['valtherm-radiator-plant']))).toMatchObject({ code: 'CONFLICT', field: 'input.projectIds[0]' });
    expect(refusal(await add('launch-by-end-of-2021', []))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.projectIds' });
    expect(refusal(await add('launch-by-end-of-2021', ['Bad Id']))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.projectIds' });
  });
});

describe('roles', () => {
  it('refuses a mutation to an anonymous caller (UNAUTHENTICATED) and a partner (FORBIDDEN), writing nothing', async () => {
    const input = { name: 'Refused plant', companyId: 'valtherm' };
    expect(refusal(await subgraph.execute(CREATE, { input }, ANONYMOUS))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(refusal(await subgraph.execute(CREATE, { input }, PARTNER))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await sql(`SELECT id FROM projects.project WHERE name = 'Refused plant'`)).toEqual([]);
  });

  it('lets only admins read the audit log', async () => {
    expect(refusal(await subgraph.execute(AUDIT_LOG, {}, EDITOR))).toMatchObject({ code: 'FORBIDDEN' });
    expect(refusal(await subgraph.execute(AUDIT_LOG, {}, ANONYMOUS))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(dataOf(await subgraph.execute(AUDIT_LOG, { first: 1 }, ADMIN)).projectsAuditLog.nodes).toHaveLength(1);
  });
});

describe('updateProject on a document project', () => {
  it('keeps the document\'s sources, adds the author\'s entry, moves the version on; a stale version is a CONFLICT', async () => {
    const before = dataOf(await subgraph.execute(`{ project(id: "valtherm-radiator-plant") { version name sources { paragraph quote } } }`)).project;
    expect(before.version).toBe(1);

    const updated = dataOf(await subgraph.execute(UPDATE, { id: 'valtherm-radiator-plant', version: 1, input: { name: 'Valtherm radiator works' } }, EDITOR)).updateProject;

    expect(updated.version).toBe(2);
    expect(updated.name).toBe('Valtherm radiator works');
    expect(updated.sources).toEqual(before.sources.map((source: object) => ({ documentId: 'akimat-2021-industrial-zone', ...source })));
    expect(updated.enteredBy).toMatchObject([{ subject: 'editor-aigerim', operation: 'updateProject' }]);
    const stale = refusal(await subgraph.execute(UPDATE, { id: 'valtherm-radiator-plant', version: 1, input: { name: 'Lost update' } }, SECOND_EDITOR));
    expect(stale).toMatchObject({ code: 'CONFLICT', field: 'version' });
    const search = dataOf(await subgraph.execute(`{ searchProjects(text: "radiator works", first: 1) { project { id } } }`));
    expect(search.searchProjects[0].project.id).toBe('valtherm-radiator-plant');

    // A restart seeds again: the edit stays.
    await projects.migrateAndSeed(database.url);
    expect(await sql(`SELECT name, version FROM projects.project WHERE id = 'valtherm-radiator-plant'`)).toEqual([{ name: 'Valtherm radiator works', version: 2 }]);
  });

  it('lets exactly one of two concurrent updates of the same version win; the other gets CONFLICT', async () => {
    const project = await newProject();
    const results = await Promise.all(['left', 'right'].map((side, index) =>
      subgraph.execute(UPDATE, { id: project.id, version: 1, input: { progress: side } }, index === 0 ? EDITOR : SECOND_EDITOR)));

    const won = results.filter((result) => !result.errors);
    const lost = results.filter((result) => result.errors);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(refusal(lost[0]!)).toMatchObject({ code: 'CONFLICT', field: 'version' });
    expect(lost[0]!.errors![0]!.extensions!.currentVersion).toBe(2);
    expect(await sql(`SELECT version FROM projects.project WHERE id = $1`, [project.id])).toEqual([{ version: 2 }]);
    expect(await sql(`SELECT count(*)::int AS writes FROM projects.audit_log WHERE record_id = $1 AND operation = 'updateProject'`, [project.id])).toEqual([{ writes: 1 }]);
  });
});

describe('idempotency keys', () => {
  it('creates once when the same key arrives twice at once: both get the same project', async () => {
    const input = { name: 'Idempotent cement plant', companyId: 'valtherm' };
    const [first, second] = await Promise.all([
      subgraph.execute(CREATE, { input, key: 'create-cement-1' }, EDITOR),
      subgraph.execute(CREATE, { input, key: 'create-cement-1' }, EDITOR),
    ]);

    expect(dataOf(second!).createProject).toEqual(dataOf(first!).createProject);
    expect(await sql(`SELECT id FROM projects.project WHERE name = 'Idempotent cement plant'`)).toEqual([{ id: 'idempotent-cement-plant' }]);
    expect(await sql(`SELECT count(*)::int AS writes FROM projects.audit_log WHERE idempotency_key = 'create-cement-1'`)).toEqual([{ writes: 1 }]);
  });

  it('refuses the same key with another input', async () => {
    await subgraph.execute(CREATE, { input: { name: 'Keyed plant', companyId: 'valtherm' }, key: 'create-keyed' }, EDITOR);
    const reused = await subgraph.execute(CREATE, { input: { name: 'Another plant', companyId: 'valtherm' }, key: 'create-keyed' }, EDITOR);
    expect(refusal(reused)).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
    expect(await sql(`SELECT id FROM projects.project WHERE name = 'Another plant'`)).toEqual([]);
  });
});

describe('a failure halfway leaves nothing written', () => {
  /** Makes the audit log refuse entries of `operation`: the last statement of that write fails. */
  async function breakAuditOf(operation: string): Promise<() => Promise<void>> {
    await sql(`CREATE FUNCTION projects.test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.operation = '${operation}' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$`);
    await sql(`CREATE TRIGGER test_refuse_audit BEFORE INSERT ON projects.audit_log FOR EACH ROW EXECUTE FUNCTION projects.test_refuse_audit()`);
    return async () => {
      await sql(`DROP TRIGGER test_refuse_audit ON projects.audit_log`);
      await sql(`DROP FUNCTION projects.test_refuse_audit()`);
    };
  }

  it('changeProjectStatus: neither the status, nor the history row, nor the key', async () => {
    const project = await newProject();
    const repair = await breakAuditOf('changeProjectStatus');
    try {
      const result = await subgraph.execute(CHANGE_STATUS, { id: project.id, version: 1, input: { status: 'UNDER_CONSTRUCTION' }, key: 'status-fails' }, EDITOR);
      expect(refusal(result)).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' });
    } finally {
      await repair();
    }
    expect(await sql(`SELECT status, version, entered_by FROM projects.project WHERE id = $1`, [project.id]))
      .toEqual([{ status: 'PLANNED', version: 1, entered_by: [expect.objectContaining({ operation: 'createProject' })] }]);
    expect(await sql(`SELECT count(*)::int AS changes FROM projects.project_status_change WHERE project_id = $1`, [project.id])).toEqual([{ changes: 0 }]);
    expect(await sql(`SELECT count(*)::int AS keys FROM projects.idempotency_keys WHERE key = 'status-fails'`)).toEqual([{ keys: 0 }]);
  });

  it('addGroupMembers: no membership and the group unchanged', async () => {
    const project = await newProject();
    const [group] = await sql<{ version: number }>(`SELECT version FROM projects.project_group WHERE id = 'pipeline-2025'`);
    const repair = await breakAuditOf('addGroupMembers');
    try {
      const result = await subgraph.execute(ADD_MEMBERS, { groupId: 'pipeline-2025', version: group!.version, input: { projectIds: [project.id] } }, EDITOR);
      expect(refusal(result)).toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
    } finally {
      await repair();
    }
    expect(await sql(`SELECT count(*)::int AS members FROM projects.group_membership WHERE project_id = $1`, [project.id])).toEqual([{ members: 0 }]);
    expect(await sql(`SELECT version, members_known FROM projects.project_group WHERE id = 'pipeline-2025'`)).toEqual([{ version: group!.version, members_known: 'NONE' }]);
  });
});

describe('changeProjectStatus', () => {
  it('allows only sensible moves, records when each happened, and ends at REMOVED with a reason', async () => {
    const project = await newProject();
    const change = (version: number, input: Record<string, unknown>) => subgraph.execute(CHANGE_STATUS, { id: project.id, version, input }, EDITOR);

    expect(refusal(await change(1, { status: 'OPERATING' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.status' });
    expect(refusal(await change(1, { status: 'UNDER_CONSTRUCTION', at: '2999-01-01T00:00:00Z' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.at' });
    dataOf(await change(1, { status: 'UNDER_CONSTRUCTION', at: '2025-03-01T00:00:00Z', sources: [P5_SOURCE] }));
    expect(refusal(await change(2, { status: 'COMMISSIONING', at: '2025-01-01T00:00:00Z' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.at' });
    dataOf(await change(2, { status: 'COMMISSIONING', at: '2025-09-01T00:00:00Z' }));
    expect(refusal(await change(3, { status: 'REMOVED' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
    const removed = dataOf(await change(3, { status: 'REMOVED', reason: 'The investor withdrew' })).changeProjectStatus;
    expect(refusal(await change(4, { status: 'PLANNED' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.status' });

    expect(removed.status).toBe('REMOVED');
    expect(removed.version).toBe(4);
    expect(removed.statusHistory).toEqual([
      { from: 'PLANNED', to: 'UNDER_CONSTRUCTION', at: '2025-03-01T00:00:00.000Z', reason: null, sources: [{ paragraph: 5 }], enteredBy: null },
      { from: 'UNDER_CONSTRUCTION', to: 'COMMISSIONING', at: '2025-09-01T00:00:00.000Z', reason: null, sources: [], enteredBy: { subject: 'editor-aigerim' } },
      { from: 'COMMISSIONING', to: 'REMOVED', at: expect.any(String), reason: 'The investor withdrew', sources: [], enteredBy: { subject: 'editor-aigerim' } },
    ]);
  });
});

describe('addGroupMembers', () => {
  it('adds projects to a group, moves its version on and marks the memberships\' author', async () => {
    const project = await newProject();
    const before = dataOf(await subgraph.execute(`{ projectGroup(id: "launch-by-end-of-2021") { version } }`)).projectGroup;

    const group = dataOf(await subgraph.execute(ADD_MEMBERS, { groupId: 'launch-by-end-of-2021', version: before.version, input: { projectIds: [project.id] } }, EDITOR)).addGroupMembers;

    expect(group.version).toBe(before.version + 1);
    const membership = group.memberships.nodes.find((node: { project: { id: string } }) => node.project.id === project.id);
    expect(membership).toEqual({ project: { id: project.id }, sources: [], enteredBy: [{ subject: 'editor-aigerim', operation: 'addGroupMembers' }] });
    const projectGroups = dataOf(await subgraph.execute(`query ($id: ID!) { project(id: $id) { groups { id } } }`, { id: project.id })).project.groups;
    expect(projectGroups).toEqual([{ id: 'launch-by-end-of-2021' }]);
  });

  it('marks a group whose members the document does not name as partly known once members are added', async () => {
    const project = await newProject();
    const before = dataOf(await subgraph.execute(`{ projectGroup(id: "council-supported-projects") { version membersKnown } }`)).projectGroup;
    expect(before.membersKnown).toBe('NONE');

    dataOf(await subgraph.execute(ADD_MEMBERS, { groupId: 'council-supported-projects', version: before.version, input: { projectIds: [project.id] } }, EDITOR));

    const after = dataOf(await subgraph.execute(`{ projectGroup(id: "council-supported-projects") { version membersKnown members(first: 5) { nodes { id } } } }`)).projectGroup;
    expect(after).toEqual({ version: before.version + 1, membersKnown: 'PARTIAL', members: { nodes: [{ id: project.id }] } });
  });
});

describe('the audit log', () => {
  it('after a sequence of writes holds that sequence, before and after, filtered by record, author and time, paged', async () => {
    const project = await newProject(EDITOR);
    const [{ now: afterCreate }] = await sql<{ now: Date }>('SELECT clock_timestamp() AS now');
    dataOf(await subgraph.execute(UPDATE, { id: project.id, version: 1, input: { progress: 'Foundations laid' } }, SECOND_EDITOR, 'request-update'));
    dataOf(await subgraph.execute(CHANGE_STATUS, { id: project.id, version: 2, input: { status: 'UNDER_CONSTRUCTION' }, key: 'audit-status' }, EDITOR));

    const log = dataOf(await subgraph.execute(AUDIT_LOG, { filter: { recordType: 'Project', recordId: project.id } }, ADMIN)).projectsAuditLog;

    expect(log.totalCount).toBe(3);
    expect(log.nodes.map((entry: any) => [entry.operation, entry.author.subject, entry.before?.version ?? null, entry.after.version])).toEqual([
      ['createProject', 'editor-aigerim', null, 1],
      ['updateProject', 'editor-daniyar', 1, 2],
      ['changeProjectStatus', 'editor-aigerim', 2, 3],
    ]);
    const [created, updated, changed] = log.nodes;
    expect(created.before).toBeNull();
    expect(updated.before).toEqual(created.after);
    expect(updated.after).toEqual({ ...created.after, progress: 'Foundations laid', version: 2, entered_by: [...created.after.entered_by, expect.objectContaining({ subject: 'editor-daniyar' })] });
    expect(changed.before).toEqual(updated.after);
    expect(changed.after).toMatchObject({ status: 'UNDER_CONSTRUCTION', version: 3, status_change: { from: 'PLANNED', to: 'UNDER_CONSTRUCTION' } });
    expect(created.author).toEqual({ subject: 'editor-aigerim', role: 'editor', keyId: 'key-aigerim' });
    expect(updated.requestId).toBe('request-update');
    expect(changed.idempotencyKey).toBe('audit-status');

    const byAuthor = dataOf(await subgraph.execute(AUDIT_LOG, { filter: { recordId: project.id, author: 'editor-daniyar' } }, ADMIN)).projectsAuditLog;
    expect(byAuthor.nodes.map((entry: any) => entry.operation)).toEqual(['updateProject']);
    const since = dataOf(await subgraph.execute(AUDIT_LOG, { filter: { recordId: project.id, from: afterCreate.toISOString() } }, ADMIN)).projectsAuditLog;
    expect(since.nodes.map((entry: any) => entry.operation)).toEqual(['updateProject', 'changeProjectStatus']);

    const pages: string[] = [];
    let after: string | null = null;
    do {
      const page: any = dataOf(await subgraph.execute(AUDIT_LOG, { filter: { recordId: project.id }, first: 2, after }, ADMIN)).projectsAuditLog;
      pages.push(page.nodes.map((entry: any) => entry.operation).join(','));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after !== null);
    expect(pages).toEqual(['createProject,updateProject', 'changeProjectStatus']);
    const newest = dataOf(await subgraph.execute(AUDIT_LOG, { filter: { recordId: project.id }, first: 1, newestFirst: true }, ADMIN)).projectsAuditLog;
    expect(newest.nodes[0].operation).toBe('changeProjectStatus');
  });

  it('refuses to be rewritten, even by the service\'s own connection', async () => {
    await expect(sql(`UPDATE projects.audit_log SET actor_subject = 'nobody'`)).rejects.toThrow(/append-only/);
    await expect(sql(`DELETE FROM projects.audit_log`)).rejects.toThrow(/append-only/);
  });
});
