/**
 * The land and workforce writes through the gateway: until the gateway authenticates callers,
 * every caller is anonymous, so each mutation and audit log is refused with UNAUTHENTICATED
 * naming the field and nothing is written; the read side's new fields (versions, plot steps,
 * job records, programmes) compose across subgraphs. The writes themselves are tested per
 * subgraph with the caller set (land-writes.e2e.ts, workforce-writes.e2e.ts).
 */
import { sharedStack } from './support/shared-stack';

/** The shared stack: every write this file tries is refused (see shared-stack.ts). */
const stack = sharedStack();

describe('an anonymous caller through the gateway', () => {
  it.each([
    ['allocateLandPlot', 'mutation { allocateLandPlot(input: { id: "anonymous-plot", projectId: "valtherm-radiator-plant", zoneId: "almaty-industrial-zone", areaHectares: "1", description: "x", allocatedOn: "2022-01-01" }) { id } }'],
    ['optimizeLandPlot', 'mutation { optimizeLandPlot(id: "valtherm-plot", version: 1, input: { areaHectares: "5", reason: "x", on: "2022-01-01" }) { id } }'],
    ['releaseLandPlot', 'mutation { releaseLandPlot(id: "valtherm-plot", version: 1, input: { reason: "x", on: "2022-01-01" }) { id } }'],
    ['recordJobs', 'mutation { recordJobs(input: { projectId: "valtherm-radiator-plant", recordedOn: "2022-01-01", created: { value: 1 } }) { id } }'],
    ['updateTrainingInstitution', 'mutation { updateTrainingInstitution(id: "industrial-zone-technical-college", version: 1, input: { capacity: 1 }) { id } }'],
    ['addTrainingProgramme', 'mutation { addTrainingProgramme(input: { id: "anonymous-programme", institutionId: "industrial-zone-technical-college", name: "x" }) { id } }'],
    ['landAuditLog', '{ landAuditLog(first: 5) { totalCount } }'],
    ['workforceAuditLog', '{ workforceAuditLog(first: 5) { totalCount } }'],
  ])('is refused %s with UNAUTHENTICATED naming it', async (field, query) => {
    const { status, body } = await stack.query(query);
    expect(status).toBe(200);
    expect(body.data ?? null).toBeNull();
    expect(body.errors).toEqual([expect.objectContaining({
      message: expect.stringContaining(`.${field} needs the`),
      extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }),
    })]);
  });

  it('has written nothing, and reads the new fields across subgraphs', async () => {
    const { body } = await stack.query(`{
      project(id: "valtherm-radiator-plant") {
        landPlots { id version status allocatedOn enteredBy { subject } optimization { on } release { on } park { id } }
        workforce { planned { value qualifier } created { value } }
        jobRecords { id }
        trainingInstitutions { id version capacity opening { text } programmes { id } enteredBy { subject } }
      }
      anonymousPlot: landPlot(id: "anonymous-plot") { id }
    }`);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      project: {
        landPlots: [{ id: 'valtherm-plot', version: 1, status: 'ALLOCATED', allocatedOn: null, enteredBy: [], optimization: null, release: null, park: null }],
        workforce: { planned: { value: 430, qualifier: 'EXACT' }, created: null },
        jobRecords: [],
        trainingInstitutions: [{ id: 'industrial-zone-technical-college', version: 1, capacity: null, opening: null, programmes: [], enteredBy: [] }],
      },
      anonymousPlot: null,
    });
  });
});
