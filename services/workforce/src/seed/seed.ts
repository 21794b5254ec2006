import { type SqlRunner, upsertRows } from '@azg/core/database';
import { translations } from '@azg/core/i18n';
import {
  GROUP_JOBS, PROJECT_JOBS, TRAINING_INSTITUTIONS,
  type GroupJobsFact, type ProjectJobsFact, type TrainingInstitutionFact,
} from './workforce.facts';

/** A training institution fact as a row of workforce.training_institution. */
export function trainingInstitutionRow(fact: TrainingInstitutionFact): Record<string, unknown> {
  return {
    id: fact.id,
    kind: fact.kind,
    name: fact.name,
    name_kk: fact.nameKk,
    status: fact.status,
    builder: fact.builder,
    builder_kk: fact.builderKk,
    location: fact.location,
    purpose: fact.purpose,
    serves_all_zone_projects: fact.servesAllZoneProjects,
    sources: fact.sources,
    // The sources name it in Kazakh and (the translation) in English only.
    names: translations({ kk: fact.nameKk, en: fact.name }),
  };
}

/** A project's jobs as a row of workforce.project_jobs; the figures go in whole, in their GraphQL shape. */
export function projectJobsRow(fact: ProjectJobsFact): Record<string, unknown> {
  return { project_id: fact.projectId, planned: fact.planned, created: fact.created };
}

/** A group's jobs as a row of workforce.group_jobs. */
export function groupJobsRow(fact: GroupJobsFact): Record<string, unknown> {
  return { group_id: fact.groupId, planned: fact.planned, created: fact.created };
}

/**
 * Writes the document's workforce facts. Idempotent: rows already as the facts say are left
 * untouched, so a second run changes nothing. Removes nothing, and leaves an institution an editor
 * changed, or a project's jobs that a recorded job record moved, as they are. Returns the rows written.
 */
export async function seed(db: SqlRunner): Promise<number> {
  let changed = 0;
  changed += await upsertRows(db, 'workforce.training_institution', ['id'], TRAINING_INSTITUTIONS.map(trainingInstitutionRow), { keepEdited: true });
  changed += await upsertRows(db, 'workforce.project_jobs', ['project_id'], PROJECT_JOBS.map(projectJobsRow), { keepEdited: true });
  changed += await upsertRows(db, 'workforce.group_jobs', ['group_id'], GROUP_JOBS.map(groupJobsRow));
  return changed;
}
