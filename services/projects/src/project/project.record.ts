import type { Source } from '@azg/core/figures';
import type { Language, SearchMatch } from '@azg/core/i18n';
import type { AuthorEntry } from '@azg/core/writes';
import type { ProjectGroup } from '../project-group/project-group.type';
import type { Project } from './project.type';

/** A project with the groups it belongs to, as one statement returns it. */
export type ProjectRecord = Project & { memberships: EmbeddedMembership[] };

/** A membership as a project row carries it: the group's row and the membership's sources. */
export interface EmbeddedMembership {
  groupId: string;
  projectId: string;
  group: ProjectGroup;
  sources: Source[];
  enteredBy: AuthorEntry[];
}

/** A member of a group: the project, the group and the words that make it a member. */
export interface GroupMemberRecord {
  project: ProjectRecord;
  groupId: string;
  sources: Source[];
  enteredBy: AuthorEntry[];
}

/** A project a search found: the project, the name whose key matched best, and how well. */
export interface ProjectSearchRecord {
  project: ProjectRecord;
  matchedText: string;
  matchedLanguage: Language;
  match: SearchMatch;
  score: number;
}
