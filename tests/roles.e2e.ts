/**
 * Each role against each mutation and each audit log, through the gateway with real API keys
 * (made with `npm run keys`): anonymous callers are refused with UNAUTHENTICATED, partners with
 * FORBIDDEN, editors and admins write; only admins read the audit logs. A refused call writes
 * nothing (no audit log of any subgraph grows), and the editor's writes are in the logs under the
 * editor's key name, in the order they were made.
 */
import { dataOf, type GraphQLResult } from './support/graphql';
import { createKey, withKey } from './support/keys';
import { startStack, type Stack } from './support/stack';

type Role = 'anonymous' | 'partner' | 'editor' | 'admin';
type Variables = Record<string, unknown>;

// A private stack: this file changes the document's records (versions, group members, the plots
// and jobs of its projects), which the files on the shared stack pin.
let stack: Stack;
const keyOf: Partial<Record<Role, string>> = {};
const headersOf = (role: Role) => (keyOf[role] ? withKey(keyOf[role]!) : {});
let serial = 0;

async function as<Data = Record<string, unknown>>(role: Role, query: string, variables?: Variables): Promise<GraphQLResult<Data>> {
  return stack.query<Data>(query, variables, headersOf(role));
}

async function admin<Data = Record<string, unknown>>(query: string, variables?: Variables): Promise<Data> {
  return dataOf(await as<Data>('admin', query, variables));
}

const AUDIT_LOGS = ['projectsAuditLog', 'companiesAuditLog', 'landAuditLog', 'workforceAuditLog'] as const;

/** How many entries the four audit logs hold together. */
async function auditEntries(): Promise<number> {
  const data = await admin<Record<string, { totalCount: number }>>(`{ ${AUDIT_LOGS.map((log) => `${log}(first: 1) { totalCount }`).join(' ')} }`);
  return AUDIT_LOGS.reduce((sum, log) => sum + data[log]!.totalCount, 0);
}

const versionOf = async (query: string, path: (data: any) => number) => path(await admin(query));

/** A fresh plot, allocated by the admin, for the plot mutations that change one. */
async function freshPlot(): Promise<{ id: string; version: number }> {
  const id = `role-plot-${(serial += 1)}`;
  const data = await admin<{ allocateLandPlot: { id: string; version: number } }>(`mutation ($id: ID!) {
    allocateLandPlot(input: { id: $id, projectId: "valtherm-radiator-plant", zoneId: "almaty-industrial-zone",
      areaHectares: "4", description: "A plot for the roles test", allocatedOn: "2022-03-01" }) { id version } }`, { id });
  return data.allocateLandPlot;
}

/** A fresh PLANNED project, created by the admin, for the status mutation. */
async function freshProject(): Promise<{ id: string; version: number }> {
  const data = await admin<{ createProject: { id: string; version: number } }>(`mutation ($name: String!) {
    createProject(input: { name: $name, companyId: "valtherm" }) { id version } }`, { name: `Roles test plant ${(serial += 1)}` });
  return data.createProject;
}

interface Case {
  /** The root field. */
  field: string;
  query: string;
  /** Fresh variables for one attempt (may write, as the admin). */
  variables: () => Promise<Variables>;
  /** What a successful answer's root field holds. */
  expected: (variables: Variables) => unknown;
}

const MUTATIONS: Case[] = [
  {
    field: 'registerCompany',
    query: 'mutation ($name: String!, $latin: String!) { registerCompany(input: { name: $name, latinName: $latin }) { name version } }',
    variables: async () => ({ name: `Рөлдер ${(serial += 1)}`, latin: `Rolder ${serial}` }),
    expected: (v) => ({ name: v.name, version: 1 }),
  },
  {
    field: 'updateCompany',
    query: 'mutation ($version: Int!) { updateCompany(id: "almerek", version: $version, input: { zoneParticipant: true }) { id version } }',
    variables: async () => ({ version: await versionOf('{ company(id: "almerek") { version } }', (d) => d.company.version) }),
    expected: (v) => ({ id: 'almerek', version: (v.version as number) + 1 }),
  },
  {
    field: 'addCompanySpelling',
    query: 'mutation ($version: Int!, $text: String!) { addCompanySpelling(companyId: "almerek", version: $version, input: { text: $text }) { id version } }',
    variables: async () => ({
      version: await versionOf('{ company(id: "almerek") { version } }', (d) => d.company.version),
      text: `Almerek ${(serial += 1)}`,
    }),
    expected: (v) => ({ id: 'almerek', version: (v.version as number) + 1 }),
  },
  {
    field: 'createProject',
    query: 'mutation ($name: String!) { createProject(input: { name: $name, companyId: "valtherm" }) { name status version } }',
    variables: async () => ({ name: `Roles plant ${(serial += 1)}` }),
    expected: (v) => ({ name: v.name, status: 'PLANNED', version: 1 }),
  },
  {
    field: 'updateProject',
    query: 'mutation ($version: Int!, $progress: String!) { updateProject(id: "valtherm-radiator-plant", version: $version, input: { progress: $progress }) { progress version } }',
    variables: async () => ({
      version: await versionOf('{ project(id: "valtherm-radiator-plant") { version } }', (d) => d.project.version),
      progress: `Checked by the roles test (${(serial += 1)})`,
    }),
    expected: (v) => ({ progress: v.progress, version: (v.version as number) + 1 }),
  },
  {
    field: 'changeProjectStatus',
    query: 'mutation ($id: ID!, $version: Int!) { changeProjectStatus(id: $id, version: $version, input: { status: UNDER_CONSTRUCTION }) { id status version } }',
    variables: async () => freshProject(),
    expected: (v) => ({ id: v.id, status: 'UNDER_CONSTRUCTION', version: (v.version as number) + 1 }),
  },
  {
    field: 'addGroupMembers',
    query: 'mutation ($version: Int!, $member: ID!) { addGroupMembers(groupId: "pipeline-2025", version: $version, input: { projectIds: [$member] }) { id version } }',
    variables: async () => ({
      version: await versionOf('{ projectGroup(id: "pipeline-2025") { version } }', (d) => d.projectGroup.version),
      member: (await freshProject()).id,
    }),
    expected: (v) => ({ id: 'pipeline-2025', version: (v.version as number) + 1 }),
  },
  {
    field: 'allocateLandPlot',
    query: `mutation ($id: ID!) { allocateLandPlot(input: { id: $id, projectId: "valtherm-radiator-plant", zoneId: "almaty-industrial-zone",
      areaHectares: "2.5", description: "Allocated in the roles test", allocatedOn: "2022-03-01" }) { id status version } }`,
    variables: async () => ({ id: `role-allocated-${(serial += 1)}` }),
    expected: (v) => ({ id: v.id, status: 'ALLOCATED', version: 1 }),
  },
  {
    field: 'optimizeLandPlot',
    query: 'mutation ($id: ID!, $version: Int!) { optimizeLandPlot(id: $id, version: $version, input: { areaHectares: "3", reason: "Used inefficiently", on: "2022-04-01" }) { id version } }',
    variables: async () => freshPlot(),
    expected: (v) => ({ id: v.id, version: (v.version as number) + 1 }),
  },
  {
    field: 'releaseLandPlot',
    query: 'mutation ($id: ID!, $version: Int!) { releaseLandPlot(id: $id, version: $version, input: { reason: "Returned to the zone", on: "2022-05-01" }) { id status version } }',
    variables: async () => freshPlot(),
    expected: (v) => ({ id: v.id, status: 'RELEASED', version: (v.version as number) + 1 }),
  },
  {
    field: 'recordJobs',
    query: 'mutation ($created: Int!) { recordJobs(input: { projectId: "valtherm-radiator-plant", recordedOn: "2022-01-10", created: { value: $created } }) { recordedOn created { value } } }',
    variables: async () => ({ created: 100 + (serial += 1) }),
    expected: (v) => ({ recordedOn: '2022-01-10', created: { value: v.created } }),
  },
  {
    field: 'updateTrainingInstitution',
    query: 'mutation ($version: Int!, $capacity: Int!) { updateTrainingInstitution(id: "industrial-zone-technical-college", version: $version, input: { capacity: $capacity }) { capacity version } }',
    variables: async () => ({
      version: await versionOf('{ trainingInstitution(id: "industrial-zone-technical-college") { version } }', (d) => d.trainingInstitution.version),
      capacity: 500 + (serial += 1),
    }),
    expected: (v) => ({ capacity: v.capacity, version: (v.version as number) + 1 }),
  },
  {
    field: 'addTrainingProgramme',
    query: 'mutation ($id: ID!, $name: String!) { addTrainingProgramme(input: { id: $id, institutionId: "industrial-zone-technical-college", name: $name }) { id name version } }',
    variables: async () => ({ id: `role-programme-${(serial += 1)}`, name: `Roles programme ${serial}` }),
    expected: (v) => ({ id: v.id, name: v.name, version: 1 }),
  },
];

const REFUSALS: Record<Role, string | null> = { anonymous: 'UNAUTHENTICATED', partner: 'FORBIDDEN', editor: null, admin: null };
const ROLES = Object.keys(REFUSALS) as Role[];

beforeAll(async () => {
  stack = await startStack();
  keyOf.admin = await createKey(stack.databaseUrl, 'roles admin', 'admin');
  keyOf.editor = await createKey(stack.databaseUrl, 'roles editor', 'editor');
  keyOf.partner = await createKey(stack.databaseUrl, 'roles partner', 'partner');
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

describe.each(MUTATIONS)('$field', ({ field, query, variables, expected }) => {
  it.each(ROLES)('as %s', async (role) => {
    const input = await variables();
    const before = await auditEntries();
    const result = await as<Record<string, unknown>>(role, query, input);
    const refused = REFUSALS[role];
    if (refused) {
      expect(result.body.data ?? null).toBeNull();
      expect(result.body.errors).toEqual([expect.objectContaining({ path: [field], extensions: expect.objectContaining({ code: refused }) })]);
      expect(await auditEntries()).toBe(before);
    } else {
      expect(dataOf(result)[field]).toEqual(expected(input));
      expect(await auditEntries()).toBeGreaterThan(before);
    }
  }, 30_000);
});

describe.each(AUDIT_LOGS)('%s', (log) => {
  const AUDIT_REFUSALS: Record<Role, string | null> = { anonymous: 'UNAUTHENTICATED', partner: 'FORBIDDEN', editor: 'FORBIDDEN', admin: null };
  it.each(ROLES)('as %s', async (role) => {
    const result = await as<Record<string, { totalCount: number }>>(role, `{ ${log}(first: 1) { totalCount } }`);
    const refused = AUDIT_REFUSALS[role];
    if (refused) {
      expect(result.body.errors).toEqual([expect.objectContaining({ path: [log], extensions: expect.objectContaining({ code: refused }) })]);
    } else {
      expect(dataOf(result)[log]!.totalCount).toBeGreaterThan(0);
    }
  });
});

describe('the audit logs after the editor wrote', () => {
  const SUBGRAPH_OF: Record<(typeof AUDIT_LOGS)[number], string[]> = {
    companiesAuditLog: ['registerCompany', 'updateCompany', 'addCompanySpelling'],
    projectsAuditLog: ['createProject', 'updateProject', 'changeProjectStatus', 'addGroupMembers'],
    landAuditLog: ['allocateLandPlot', 'optimizeLandPlot', 'releaseLandPlot'],
    workforceAuditLog: ['recordJobs', 'updateTrainingInstitution', 'addTrainingProgramme'],
  };

  it.each(AUDIT_LOGS)("%s holds the editor's writes, in the order made, under the editor's key name", async (log) => {
    const data = await admin<Record<string, { nodes: Array<{ id: string; operation: string; author: { subject: string; role: string } }> }>>(
      `{ ${log}(first: 100, filter: { author: "roles editor" }) { nodes { id operation author { subject role } } } }`,
    );
    const entries = [...data[log]!.nodes].sort((a, b) => Number(a.id) - Number(b.id));
    expect(entries.every((entry) => entry.author.subject === 'roles editor' && entry.author.role === 'editor')).toBe(true);
    // One write may log several records (one entry each); the operations, in order, are the editor's calls.
    const operations = entries.map((entry) => entry.operation).filter((operation, i, all) => operation !== all[i - 1]);
    expect(operations).toEqual(SUBGRAPH_OF[log]);
  });
});
