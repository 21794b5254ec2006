/**
 * Writes through the gateway, before the gateway authenticates callers: every caller is
 * anonymous, so each mutation and each audit log is refused with UNAUTHENTICATED naming the
 * field, nothing is written, and the read side's new fields (versions, authors, status history)
 * compose across subgraphs. The writes themselves are tested per subgraph, with the caller set
 * (projects-writes.e2e.ts, companies-writes.e2e.ts).
 */
import { sharedStack } from './support/shared-stack';

/** The shared stack: every write this file tries is refused (see shared-stack.ts). */
const stack = sharedStack();

describe('an anonymous caller', () => {
  it.each([
    ['createProject', 'mutation { createProject(input: { name: "Anonymous plant", companyId: "valtherm" }) { id } }'],
    ['updateProject', 'mutation { updateProject(id: "valtherm-radiator-plant", version: 1, input: { name: "Anonymous" }) { id } }'],
    ['changeProjectStatus', 'mutation { changeProjectStatus(id: "valtherm-radiator-plant", version: 1, input: { status: OPERATING }) { id } }'],
    ['addGroupMembers', 'mutation { addGroupMembers(groupId: "pipeline-2025", version: 1, input: { projectIds: ["valtherm-radiator-plant"] }) { id } }'],
    ['registerCompany', 'mutation { registerCompany(input: { name: "Аноним", latinName: "Anonim" }) { id } }'],
    ['updateCompany', 'mutation { updateCompany(id: "almerek", version: 1, input: { legalForm: null }) { id } }'],
    ['addCompanySpelling', 'mutation { addCompanySpelling(companyId: "almerek", version: 1, input: { text: "Almerec" }) { id } }'],
    ['projectsAuditLog', '{ projectsAuditLog(first: 5) { totalCount } }'],
    ['companiesAuditLog', '{ companiesAuditLog(first: 5) { totalCount } }'],
  ])('is refused %s with UNAUTHENTICATED naming it', async (field, query) => {
    const { status, body } = await stack.query(query);
    expect(status).toBe(200);
    expect(body.data ?? null).toBeNull();
    expect(body.errors).toEqual([expect.objectContaining({
      message: expect.stringContaining(`.${field} needs the`),
      path: [field],
      extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }),
    })]);
  });

  it('has written nothing', async () => {
    const { body } = await stack.query(`{
      project(id: "valtherm-radiator-plant") { name version enteredBy { subject } statusHistory { to }
        company { version enteredBy { subject } spellings { text origin paragraph } } }
      projectGroup(id: "pipeline-2025") { version enteredBy { subject } }
      anonymous: project(id: "anonymous-plant") { id }
      anonim: company(id: "anonim") { id }
    }`);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      project: {
        name: 'Valtherm aluminium and bimetallic radiator plant', version: 1, enteredBy: [], statusHistory: [],
        company: { version: 1, enteredBy: [], spellings: [{ text: 'Valtherm', origin: 'ORIGINAL', paragraph: 5 }] },
      },
      projectGroup: { version: 1, enteredBy: [] },
      anonymous: null,
      anonim: null,
    });
  });
});
