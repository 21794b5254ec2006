import type { ChangeEvent, ChangeHandler, SnapshotPage } from '@azg/core/changes';
import type { SqlRunner } from '@azg/core/database';
import type { HeldStates, PublishedCompany, PublishedLandPlot, PublishedProjectJobs } from './foreign-facts.record';
import { createForeignFactsRepository } from '../context';
import type { ForeignFactsRepository } from './foreign-facts.repository';

/**
 * A batch's events for one entity reduced to their effect: each record's last event wins, since
 * every event carries the record's whole state (an upsert then a delete is a delete; a delete
 * then an upsert is the upsert).
 */
export function latestStates<State>(events: readonly ChangeEvent[], entity: string): { upserted: State[]; deleted: string[] } {
  const last = new Map<string, ChangeEvent>();
  for (const event of events) {
    if (event.entity !== entity) continue;
    last.delete(event.id);
    last.set(event.id, event);
  }
  const upserted: State[] = [];
  const deleted: string[] = [];
  for (const event of last.values()) {
    if (event.operation === 'DELETE' || event.state === null) deleted.push(event.id);
    else upserted.push(event.state as State);
  }
  return { upserted, deleted };
}

type Entity = 'Company' | 'LandPlot' | 'ProjectJobs';

/**
 * The fields the read model keeps of each published state, in one shape for both sides of a
 * check: what the owner publishes now, and what `heldStates` reads back.
 */
const KEPT: Record<Entity, (state: any) => unknown> = {
  Company: (state) => ({
    name: state.name, zoneParticipant: state.zoneParticipant, sectors: state.sectors ?? [],
    spellings: (state.spellings ?? []).map((spelling: string | { text: string }) => (typeof spelling === 'string' ? spelling : spelling.text)),
  }),
  LandPlot: (state) => ({
    projectId: state.projectId ?? null, status: state.status,
    areaHectares: state.areaHectares === null || state.areaHectares === undefined ? null : Number(state.areaHectares), areaQualifier: state.areaQualifier ?? null,
  }),
  ProjectJobs: (state) => ({
    planned: state.planned ?? null, plannedQualifier: state.plannedQualifier ?? null, created: state.created ?? null, createdQualifier: state.createdQualifier ?? null,
  }),
};

/** Each difference between the replica of `entity` and the owner's current rows, one line each. */
export async function replicaDifferences(entity: Entity, held: HeldStates, owner: AsyncIterable<SnapshotPage['rows']>): Promise<string[]> {
  const differences: string[] = [];
  const seen = new Set<string>();
  for await (const rows of owner) {
    for (const { id, state } of rows) {
      seen.add(id);
      const published = JSON.stringify(KEPT[entity](state));
      if (!held.has(id)) differences.push(`${entity} ${id}: missing from the read model (the owner has ${published})`);
      else if (JSON.stringify(KEPT[entity](held.get(id))) !== published) {
        differences.push(`${entity} ${id}: the read model has ${JSON.stringify(KEPT[entity](held.get(id)))}, the owner ${published}`);
      }
    }
  }
  for (const id of held.keys()) if (!seen.has(id)) differences.push(`${entity} ${id}: in the read model, but the owner has no such record`);
  return differences;
}

/** One source's handler of one entity, applying its batches through the read model's repository. */
function handler(
  source: ChangeHandler['source'],
  entity: Entity,
  apply: (facts: ForeignFactsRepository, events: readonly ChangeEvent[]) => Promise<void>,
  reset: (facts: ForeignFactsRepository) => Promise<void>,
  derivedDifferences: (facts: ForeignFactsRepository) => Promise<string[]> = async () => [],
): ChangeHandler {
  return {
    source,
    entities: [entity],
    apply: (db: SqlRunner, events) => apply(createForeignFactsRepository(db), events),
    reset: (db: SqlRunner) => reset(createForeignFactsRepository(db)),
    verify: async (db: SqlRunner, snapshot) => {
      const facts = createForeignFactsRepository(db);
      return [...await replicaDifferences(entity, await facts.heldStates(entity), snapshot(entity)), ...await derivedDifferences(facts)];
    },
  };
}

/**
 * What the projects subgraph consumes: companies (name and spellings, sectors, zone
 * participation), land plots (to sum each project's land) and each project's jobs. Lists of
 * projects filter and order by these (see ProjectFilter's `company`, `land` and `workforce`).
 */
export const FOREIGN_FACT_HANDLERS: readonly ChangeHandler[] = [
  handler('companies', 'Company', async (facts, events) => {
    const { upserted, deleted } = latestStates<PublishedCompany>(events, 'Company');
    await facts.deleteCompanies(deleted);
    await facts.upsertCompanies(upserted);
  }, (facts) => facts.resetCompanies()),
  handler('land', 'LandPlot', async (facts, events) => {
    const { upserted, deleted } = latestStates<PublishedLandPlot>(events, 'LandPlot');
    await facts.applyLandPlots(upserted, deleted);
  }, (facts) => facts.resetLand(), async (facts) => (await facts.landMismatches()).map((projectId) => `project ${projectId}: its land differs from the sum of its plots in the read model`)),
  handler('workforce', 'ProjectJobs', async (facts, events) => {
    const { upserted, deleted } = latestStates<PublishedProjectJobs>(events, 'ProjectJobs');
    await facts.deleteProjectJobs(deleted);
    await facts.upsertProjectJobs(upserted);
  }, (facts) => facts.resetProjectJobs()),
];
