import type { SqlRunner } from '@azg/core/database';
import { type Language, type SearchMatch, type SearchQuery, searchSql } from '@azg/core/i18n';
import { mapProject, PROJECT_COLUMNS, type ProjectRecord, type ProjectRow } from '../project/project.repository';
import type { ProjectSearchKey } from '../project/project-language';

/** A project a search found: the project, the name whose key matched best, and how well. */
export interface ProjectSearchRecord {
  project: ProjectRecord;
  matchedText: string;
  matchedLanguage: Language;
  match: SearchMatch;
  score: number;
}

/** The SQL of searching projects by name. */
export class ProjectSearchRepository {
  constructor(private readonly db: SqlRunner) {}

  /**
   * The projects one of whose names the search text meets, best first (by score, then by name),
   * at most `first`; one statement, answered from the trigram index on search_document.
   */
  async search(query: SearchQuery, first: number): Promise<ProjectSearchRecord[]> {
    const search = searchSql('p', query, 2);
    const rows = await this.db.query<ProjectRow & { hit_key: ProjectSearchKey; hit_match: SearchMatch; hit_score: number }>(
      `SELECT ${PROJECT_COLUMNS}, hit.entry AS hit_key, hit.match AS hit_match, hit.score AS hit_score
         FROM projects.project p
         ${search.bestKey}
        WHERE ${search.condition}
        ORDER BY hit.score DESC, lower(p.name), p.id
        LIMIT $1`,
      [first, ...search.parameters],
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
