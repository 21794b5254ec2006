import { SYNTHETIC_ID_PREFIX } from '@azg/core/database';
import { BadUserInputError } from '@azg/core/errors';
import type { Source } from '@azg/core/figures';
import { assertNotSyntheticId, type AuthorEntry, insertWithFreeId, moneyFromInput, partialDateFromInput, provenanceOf, slugOf, textArray, withSources, type WriteProvenance, type WriteTransaction } from '@azg/core/writes';
import type { ChangeProjectStatusInput } from '../project-status/project-status-write.input';
import { ProjectStatusWriteRepository } from '../project-status/project-status-write.repository';
import { assertTransition } from '../project-status/project-status.transitions';
import type { ProjectStatusChange } from '../project-status/project-status.type';
import { checkSources } from '../source-document/source-check';
import { SourceDocumentRepository } from '../source-document/source-document.repository';
import { projectSearchKeys, projectTranslations } from './project-language';
import type { CreateProjectInput, UpdateProjectInput } from './project-write.input';
import type { ProjectRecord } from './project.record';
import { ProjectRepository } from './project.repository';
import type { ProjectStatus } from './project.type';

/** A project's stored row, as the audit log records it before and after a write. */
interface StoredProject {
  id: string;
  name: string;
  name_kk: string | null;
  company_id: string;
  sectors: string[];
  status: ProjectStatus;
  status_sources: Source[];
  progress: string | null;
  phase: number | null;
  investment: unknown;
  planned_launch: unknown;
  actual_launch: unknown;
  sources: Source[];
  entered_by: AuthorEntry[];
  version: number;
}

/** The columns a write can change, and the version: what the audit log keeps of a project (not its derived columns). */
export function auditedProject(row: StoredProject): Record<string, unknown> {
  const {
    id, name, name_kk, company_id, sectors, status, status_sources, progress, phase, investment, planned_launch, actual_launch, sources, entered_by, version,
  } = row;
  return { id, name, name_kk, company_id, sectors, status, status_sources, progress, phase, investment, planned_launch, actual_launch, sources, entered_by, version };
}

/**
 * The only place that writes projects with SQL: each method runs inside the mutation's
 * transaction, checks what the input names, writes, and appends to the audit log.
 */
export class ProjectWriteRepository {
  private readonly projects: ProjectRepository;
  private readonly statusChanges: ProjectStatusWriteRepository;
  private readonly documents: SourceDocumentRepository;

  // The reads run over the write's own transaction, so they see what it wrote.
  constructor(private readonly tx: WriteTransaction) {
    this.projects = new ProjectRepository(tx);
    this.statusChanges = new ProjectStatusWriteRepository(tx);
    this.documents = new SourceDocumentRepository(tx);
  }

  private async provenance(sources: CreateProjectInput['sources'], path: string): Promise<WriteProvenance> {
    await checkSources(this.documents, sources, path);
    return provenanceOf(sources, this.tx.identity, this.tx.operation, await this.tx.now());
  }

  /** The project as every read answers it, read inside the transaction (so it sees the write). */
  private async read(id: string): Promise<ProjectRecord> {
    const [project] = await this.projects.findByIds([id]);
    return project!;
  }

  async create(input: CreateProjectInput): Promise<ProjectRecord> {
    if (input.id) assertNotSyntheticId(input.id, 'input.id');
    assertNotSyntheticId(input.companyId, 'input.companyId');
    const { sources, entry } = await this.provenance(input.sources, 'input.sources');
    const names = projectTranslations({ name: input.name, nameKk: input.nameKk ?? null });
    const row = await insertWithFreeId<StoredProject>(this.tx, 'projects.project', { id: input.id, slug: slugOf(input.name, 'project'), field: 'input.id' }, {
      name: input.name,
      name_kk: input.nameKk ?? null,
      company_id: input.companyId,
      sectors: textArray(input.sectors),
      sector_sources: input.sectors.length > 0 ? sources : [],
      status: input.status,
      status_sources: sources,
      progress: input.progress ?? null,
      phase: input.phase ?? null,
      investment: input.investment ? moneyFromInput(input.investment, sources) : null,
      planned_launch: input.plannedLaunch ? partialDateFromInput(input.plannedLaunch, sources, 'input.plannedLaunch.text') : null,
      sources,
      entered_by: entry ? [entry] : [],
      names,
      search_keys: projectSearchKeys(names),
    });
    await this.tx.audit({ recordType: 'Project', recordId: row.id, before: null, after: auditedProject(row) });
    return this.read(row.id);
  }

  async update(id: string, version: number, input: UpdateProjectInput): Promise<ProjectRecord> {
    const current = await this.tx.lockVersioned<StoredProject>('projects.project', id, version, { label: 'project' });
    const { sources, entry } = await this.provenance(input.sources, 'input.sources');
    const values: Record<string, unknown> = {};
    if (input.name === null) throw new BadUserInputError('input.name: a project always has a name; leave it out to keep it', 'input.name');
    if (input.companyId === null) throw new BadUserInputError('input.companyId: a project always has a company; leave it out to keep it', 'input.companyId');
    if (input.sectors === null) throw new BadUserInputError('input.sectors: give [] to clear the sectors', 'input.sectors');
    if (input.name !== undefined || input.nameKk !== undefined) {
      const names = projectTranslations({ name: input.name ?? current.name, nameKk: input.nameKk === undefined ? current.name_kk : input.nameKk });
      if (input.name !== undefined) values.name = input.name;
      if (input.nameKk !== undefined) values.name_kk = input.nameKk;
      values.names = names;
      values.search_keys = projectSearchKeys(names);
    }
    if (input.companyId !== undefined) {
      assertNotSyntheticId(input.companyId, 'input.companyId');
      if (current.id.startsWith(SYNTHETIC_ID_PREFIX)) throw new BadUserInputError('input.companyId: a generated project keeps its generated company', 'input.companyId');
      values.company_id = input.companyId;
    }
    if (input.sectors !== undefined) {
      values.sectors = textArray(input.sectors);
      values.sector_sources = sources;
    }
    if (input.investment !== undefined) values.investment = input.investment === null ? null : moneyFromInput(input.investment, sources);
    if (input.plannedLaunch !== undefined) {
      values.planned_launch = input.plannedLaunch === null ? null : partialDateFromInput(input.plannedLaunch, sources, 'input.plannedLaunch.text');
    }
    if (input.actualLaunch !== undefined) {
      values.actual_launch = input.actualLaunch === null ? null : partialDateFromInput(input.actualLaunch, sources, 'input.actualLaunch.text');
    }
    if (input.phase !== undefined) {
      values.phase = input.phase;
      values.phase_sources = sources;
    }
    if (input.progress !== undefined) values.progress = input.progress;
    if (Object.keys(values).length === 0) throw new BadUserInputError('input: name at least one field to change', 'input');
    // The document's sources stay; the write adds its own, or its author.
    values.sources = withSources(current.sources, sources);
    values.entered_by = entry ? [...current.entered_by, entry] : current.entered_by;
    const { before, after } = await this.tx.updateVersioned<StoredProject>('projects.project', id, version, values, { label: 'project' });
    await this.tx.audit({ recordType: 'Project', recordId: id, before: auditedProject(before), after: auditedProject(after) });
    return this.read(id);
  }

  async changeStatus(id: string, version: number, input: ChangeProjectStatusInput): Promise<ProjectRecord> {
    const current = await this.tx.lockVersioned<StoredProject>('projects.project', id, version, { label: 'project' });
    assertTransition(current.status, input.status, input.reason);
    const now = new Date(await this.tx.now());
    const at = input.at ?? now;
    if (at.getTime() > now.getTime()) throw new BadUserInputError('input.at: a status change cannot happen in the future', 'input.at');
    const last = await this.statusChanges.lastChangeAt(id);
    if (last !== null && at.getTime() < last.getTime()) {
      throw new BadUserInputError(`input.at: the project's last status change happened at ${last.toISOString()}; a later change cannot happen before it`, 'input.at');
    }
    if (at.getUTCFullYear() < 1990) throw new BadUserInputError('input.at must be in 1990 or later', 'input.at');
    const { sources, entry } = await this.provenance(input.sources, 'input.sources');
    const change: Omit<ProjectStatusChange, 'recordedAt'> = {
      projectId: id, from: current.status, to: input.status, at: at.toISOString(), reason: input.reason ?? null, sources, enteredBy: entry,
    };
    await this.statusChanges.insert(change);
    const { before, after } = await this.tx.updateVersioned<StoredProject>('projects.project', id, version, {
      status: input.status,
      status_sources: sources,
      entered_by: entry ? [...current.entered_by, entry] : current.entered_by,
      sources: withSources(current.sources, sources),
    }, { label: 'project' });
    await this.tx.audit({
      recordType: 'Project', recordId: id, before: auditedProject(before),
      after: { ...auditedProject(after), status_change: { from: change.from, to: change.to, at: change.at, reason: change.reason } },
    });
    return this.read(id);
  }
}
