import { BadUserInputError, NotFoundError } from '@azg/core/errors';
import type { SourceInput } from '@azg/core/writes';
import type { SourceDocumentRepository } from './source-document.repository';

/**
 * Checks the sources a write states against the documents this subgraph owns: the document must
 * exist (NOT_FOUND), the paragraph must be one of its paragraphs, and the quote must stand
 * verbatim in that paragraph, in the original or the translation (BAD_USER_INPUT), as the seed's
 * quotes do. Each error names the field, e.g. `input.sources[1].quote`.
 */
export async function checkSources(documents: SourceDocumentRepository, sources: readonly SourceInput[] | null | undefined, path: string): Promise<void> {
  if (!sources || sources.length === 0) return;
  const paragraphsById = await documents.findParagraphs([...new Set(sources.map((source) => source.documentId))]);
  sources.forEach((source, index) => {
    const field = `${path}[${index}]`;
    const paragraphs = paragraphsById.get(source.documentId);
    if (!paragraphs) throw new NotFoundError(`${field}.documentId: no source document has the id "${source.documentId}"`, `${field}.documentId`);
    const paragraph = paragraphs.find((candidate) => candidate.number === source.paragraph);
    if (!paragraph) {
      throw new BadUserInputError(`${field}.paragraph: the document "${source.documentId}" has paragraphs 1 to ${paragraphs.length}`, `${field}.paragraph`);
    }
    if (!paragraph.original.includes(source.quote) && !paragraph.english.includes(source.quote)) {
      throw new BadUserInputError(`${field}.quote: the words are not in paragraph ${source.paragraph}, as written there (original or translation)`, `${field}.quote`);
    }
  });
}
