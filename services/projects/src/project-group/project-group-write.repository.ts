import { SYNTHETIC_ID_PREFIX } from '@azg/core/database';
import { BadUserInputError, ConflictError, NotFoundError } from '@azg/core/errors';
import type { Source } from '@azg/core/figures';
import { type AuthorEntry, provenanceOf, withSources, type WriteTransaction } from '@azg/core/writes';
import { checkSources } from '../source-document/source-check';
import { SourceDocumentRepository } from '../source-document/source-document.repository';
import type { AddGroupMembersInput } from './project-group-write.input';
import { ProjectGroupRepository } from './project-group.repository';
import type { ProjectGroup } from './project-group.type';

/** A group's stored row, as far as a write reads and changes it. */
interface StoredGroup {
  id: string;
  sources: Source[];
  entered_by: AuthorEntry[];
  members_known: 'COMPLETE' | 'PARTIAL' | 'NONE';
  version: number;
}

/** The only place that writes project groups and their memberships with SQL. */
export class ProjectGroupWriteRepository {
  constructor(private readonly tx: WriteTransaction) {}

  /** The group's member ids, for the audit log's before and after. */
  private async memberIds(groupId: string): Promise<string[]> {
    const rows = await this.tx.query<{ project_id: string }>(
      'SELECT project_id FROM projects.group_membership WHERE group_id = $1 ORDER BY project_id', [groupId]);
    return rows.map((row) => row.project_id);
  }

  /**
   * Adds projects to a group at the version the caller read: every project must exist and not be
   * a member yet, and a generated (synthetic) project only joins a generated group. The group's
   * version moves on; the memberships carry the write's sources, or its author. A group whose
   * members the document does not name (NONE) now has some known: PARTIAL.
   */
  async addMembers(groupId: string, version: number, input: AddGroupMembersInput): Promise<ProjectGroup> {
    const group = await this.tx.lockVersioned<StoredGroup>('projects.project_group', groupId, version, { field: 'groupId', label: 'project group' });
    const duplicate = input.projectIds.findIndex((id, index) => input.projectIds.indexOf(id) !== index);
    if (duplicate >= 0) throw new BadUserInputError(`input.projectIds[${duplicate}]: "${input.projectIds[duplicate]}" is named twice`, `input.projectIds[${duplicate}]`);
    const found = await this.tx.query<{ id: string; member: boolean }>(
      `SELECT p.id, EXISTS (SELECT 1 FROM projects.group_membership m WHERE m.group_id = $2 AND m.project_id = p.id) AS member
         FROM projects.project p WHERE p.id = ANY($1)`,
      [input.projectIds, groupId],
    );
    const byId = new Map(found.map((row) => [row.id, row]));
    input.projectIds.forEach((projectId, index) => {
      const field = `input.projectIds[${index}]`;
      const project = byId.get(projectId);
      if (!project) throw new NotFoundError(`${field}: no project has the id "${projectId}"`, field);
      if (project.member) throw new ConflictError(`${field}: "${projectId}" is already a member of "${groupId}"`, { field });
      if (projectId.startsWith(SYNTHETIC_ID_PREFIX) !== groupId.startsWith(SYNTHETIC_ID_PREFIX)) {
        throw new BadUserInputError(`${field}: generated (synthetic) projects and groups only meet each other`, field);
      }
    });
    await checkSources(new SourceDocumentRepository(this.tx), input.sources, 'input.sources');
    const { sources, entry } = provenanceOf(input.sources, this.tx.identity, this.tx.operation, await this.tx.now());
    const membersBefore = await this.memberIds(groupId);
    for (const projectId of input.projectIds) {
      await this.tx.insert('projects.group_membership', {
        group_id: groupId, project_id: projectId, sources, entered_by: entry ? [entry] : [], synthetic: groupId.startsWith(SYNTHETIC_ID_PREFIX),
      });
    }
    const { before, after } = await this.tx.updateVersioned<StoredGroup>('projects.project_group', groupId, version, {
      sources: withSources(group.sources, sources),
      entered_by: entry ? [...group.entered_by, entry] : group.entered_by,
      members_known: group.members_known === 'NONE' ? 'PARTIAL' : group.members_known,
    }, { field: 'groupId', label: 'project group' });
    await this.tx.audit({
      recordType: 'ProjectGroup', recordId: groupId,
      before: { id: groupId, version: before.version, members_known: before.members_known, member_ids: membersBefore, sources: before.sources, entered_by: before.entered_by },
      after: {
        id: groupId, version: after.version, members_known: after.members_known, member_ids: await this.memberIds(groupId),
        sources: after.sources, entered_by: after.entered_by, added: input.projectIds,
      },
    });
    const [read] = await new ProjectGroupRepository(this.tx).findByIds([groupId]);
    return read!;
  }
}
