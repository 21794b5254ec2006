import type { SqlRunner } from '@azg/core/database';
import { type Language, queryRankedSearch, type SearchMatch, type SearchQuery } from '@azg/core/i18n';
import type { ProjectSearchKey } from '../project/project-language';
import type { ProjectRecord } from '../project/project.record';
import { mapProject, PROJECT_COLUMNS, type ProjectRow } from '../project/project.repository';

/** A project a search found: the project, the name whose key matched best, and how well. */
export interface ProjectSearchRecord {
  project: ProjectRecord;
  matchedText: string;
  matchedLanguage: Language;
  match: SearchMatch;
  score: number;
}

/** The SQL of searching projects by name: the project's own columns (as every project read has them) with the key that matched. */
export class ProjectSearchRepository {
  constructor(private readonly db: SqlRunner) {}

  /**
   * The projects one of whose names the search text meets, best first (by score, then by name),
   * at most `first`; one statement, answered from the trigram index on search_document.
   */
  async search(query: SearchQuery, first: number): Promise<ProjectSearchRecord[]> {
    const rows = await queryRankedSearch<ProjectRow, ProjectSearchKey>(
      this.db,
      { table: 'projects.project', alias: 'p', columns: PROJECT_COLUMNS, tieBreak: 'lower(p.name), p.id' },
      query,
      first,
    );
    return rows.map((row) => ({
      project: mapProject(row),
      matchedText: row.hit_key.text,
      matchedLanguage: row.hit_key.language,
      match: row.hit_match,
      score: row.hit_score,
    }));
  }
}
