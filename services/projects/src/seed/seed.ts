import { type SqlRunner, upsertRows } from '@azg/core/database';
import { groupTranslations } from '../project-group/project-group-language';
import { projectSearchKeys, projectTranslations } from '../project/project-language';
import { loadPressRelease } from '../source-document/press-release';
import { COUNCIL } from './council.facts';
import { GROUPS } from './groups.facts';
import { PROJECTS } from './projects.facts';

/**
 * Loads the document's facts owned by this subgraph. Idempotent: rows that already hold the
 * same values are left untouched, so a second run changes nothing; projects and groups an editor
 * has changed through a mutation are left as edited. Returns rows changed.
 */
export async function seed(db: SqlRunner): Promise<number> {
  const document = loadPressRelease();
  let changed = 0;
  changed += await upsertRows(db, 'projects.source_document', ['id'], [{
    id: document.id,
    title: document.title,
    publisher: document.publisher,
    publisher_kk: document.publisherKk,
    language: document.language,
    dated: document.dated,
    paragraphs: document.paragraphs,
    reading_notes: document.readingNotes,
    sources: document.sources,
  }]);
  changed += await upsertRows(db, 'projects.project', ['id'], PROJECTS.map((project) => {
    const names = projectTranslations(project);
    return {
      id: project.id,
      name: project.name,
      name_kk: project.nameKk,
      company_id: project.companyId,
      sectors: `{${project.sectors.join(',')}}`,
      sector_sources: project.sectorSources,
      products: project.products,
      status: project.status,
      status_sources: project.statusSources,
      progress: project.progress,
      phase: project.phase,
      phase_sources: project.phaseSources,
      investment: project.investment,
      capacities: project.capacities,
      planned_launch: project.plannedLaunch,
      actual_launch: project.actualLaunch,
      remarks: project.remarks,
      sources: project.sources,
      names,
      search_keys: projectSearchKeys(names),
    };
  }), { keepEdited: true });
  changed += await upsertRows(db, 'projects.project_group', ['id'], GROUPS.map((group) => ({
    id: group.id,
    name: group.name,
    name_kk: group.nameKk,
    description: group.description,
    count_unit: group.countUnit,
    reported_count: group.reportedCount,
    reported_investment: group.reportedInvestment,
    sectors: `{${group.sectors.join(',')}}`,
    due: group.due,
    members_known: group.membersKnown,
    sources: group.sources,
    ...groupTranslations(group),
  })), { keepEdited: true });
  changed += await upsertRows(db, 'projects.group_membership', ['group_id', 'project_id'], GROUPS.flatMap((group) =>
    group.members.map((membership) => ({ group_id: group.id, project_id: membership.projectId, sources: membership.sources }))));
  changed += await upsertRows(db, 'projects.council', ['id'], [{
    id: COUNCIL.id,
    name: COUNCIL.name,
    name_kk: COUNCIL.nameKk,
    abbreviation: COUNCIL.abbreviation,
    reformatted: COUNCIL.reformatted,
    member_categories: COUNCIL.memberCategories,
    meeting_count: COUNCIL.meetingCount,
    meeting_period: COUNCIL.meetingPeriod,
    supported_group_id: COUNCIL.supportedGroupId,
    events: COUNCIL.events,
    remarks: COUNCIL.remarks,
    sources: COUNCIL.sources,
  }]);
  return changed;
}
