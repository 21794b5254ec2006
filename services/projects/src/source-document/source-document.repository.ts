import type { SqlRunner } from '@azg/core/database';
import type { SourceDocument } from './source-document.type';

interface SourceDocumentRow {
  id: string;
  title: string;
  publisher: string;
  publisher_kk: string;
  language: string;
  dated: SourceDocument['dated'];
  paragraphs: SourceDocument['paragraphs'];
  reading_notes: string[];
  sources: SourceDocument['sources'];
}

const map = (row: SourceDocumentRow): SourceDocument => ({
  id: row.id,
  title: row.title,
  publisher: row.publisher,
  publisherKk: row.publisher_kk,
  language: row.language,
  dated: row.dated,
  paragraphs: row.paragraphs,
  readingNotes: row.reading_notes,
  sources: row.sources,
});

const SELECT = `SELECT id, title, publisher, publisher_kk, language, dated, paragraphs, reading_notes, sources FROM projects.source_document`;

/** The only place that reads source documents with SQL. */
export class SourceDocumentRepository {
  constructor(private readonly db: SqlRunner) {}

  async findById(id: string): Promise<SourceDocument | null> {
    const [row] = await this.db.query<SourceDocumentRow>(`${SELECT} WHERE id = $1`, [id]);
    return row ? map(row) : null;
  }

  async list(): Promise<SourceDocument[]> {
    return (await this.db.query<SourceDocumentRow>(`${SELECT} ORDER BY id`)).map(map);
  }

  /** The paragraphs of each document given, by id, in one statement; an unknown id is absent. */
  async findParagraphs(ids: readonly string[]): Promise<Map<string, SourceDocument['paragraphs']>> {
    const rows = await this.db.query<Pick<SourceDocumentRow, 'id' | 'paragraphs'>>('SELECT id, paragraphs FROM projects.source_document WHERE id = ANY($1)', [ids]);
    return new Map(rows.map((row) => [row.id, row.paragraphs]));
  }
}
