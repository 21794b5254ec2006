import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cite, DateBound, partialDate, type PartialDate, PRESS_RELEASE_ID, type Source } from '@azg/core/figures';

/** A paragraph of a source document, in the original and in English. */
export interface ParagraphFact {
  number: number;
  original: string;
  english: string;
}

export interface SourceDocumentFact {
  id: string;
  title: string;
  publisher: string;
  publisherKk: string;
  language: string;
  dated: PartialDate;
  paragraphs: ParagraphFact[];
  readingNotes: string[];
  sources: Source[];
}

/** The seed texts sit in the package's seed-data folder, two levels above this file in src/ and in dist/. */
const SEED_DATA = path.resolve(__dirname, '..', '..', 'seed-data');

/** The original's paragraphs: one per line, P1 first. */
export function parseOriginal(text: string): string[] {
  return text.split('\n').map((line) => line.trim()).filter((line) => line.length > 0);
}

/** The translation's paragraphs ("P1. …", possibly over several lines) and its reading notes. */
export function parseTranslation(markdown: string): { paragraphs: Map<number, string>; notes: string[] } {
  const [body = '', notesSection = ''] = markdown.split(/^## Notes on reading the figures$/m);
  const paragraphs = new Map<number, string>();
  for (const block of body.split(/\n\s*\n/)) {
    const match = /^P(\d+)\.\s+([\s\S]+)$/.exec(block.trim());
    if (match) paragraphs.set(Number(match[1]), match[2]!.replace(/\s*\n\s*/g, ' ').trim());
  }
  const notes = notesSection
    .split(/\n(?=- )/)
    .map((item) => item.trim().replace(/^- /, '').replace(/\s*\n\s*/g, ' '))
    .filter((item) => item.length > 0);
  return { paragraphs, notes };
}

/** Reads the press release, Kazakh original and English translation, into one record. */
export function loadPressRelease(): SourceDocumentFact {
  const original = parseOriginal(readFileSync(path.join(SEED_DATA, 'press-release.kk.txt'), 'utf8'));
  const translation = parseTranslation(readFileSync(path.join(SEED_DATA, 'press-release.en.md'), 'utf8'));
  const paragraphs = original.map((text, index) => {
    const english = translation.paragraphs.get(index + 1);
    if (english === undefined) throw new Error(`the translation has no P${index + 1}`);
    return { number: index + 1, original: text, english };
  });
  if (translation.paragraphs.size !== paragraphs.length) {
    throw new Error(`the original has ${paragraphs.length} paragraphs but the translation ${translation.paragraphs.size}`);
  }
  return {
    id: PRESS_RELEASE_ID,
    title: 'Press release of the Almaty city akimat on the Almaty Industrial Zone',
    publisher: 'Press service of the Almaty city akimat',
    publisherKk: 'Алматы қаласы әкімдігінің қоғаммен байланыс қызметі',
    language: 'kk',
    dated: partialDate('2021', DateBound.IN, 'ағымдағы жыл', [
      cite(14, '2021 жылдың аяғына дейін', 'by the end of 2021', {
        inferred: true,
        note: 'The release is undated. It speaks of the first quarter of "this year" as past (P7) and of July as still to come (P9), and plans launches "by the end of 2021" (P14): it was written in 2021, after the first quarter and before July.',
      }),
    ]),
    paragraphs,
    readingNotes: translation.notes,
    sources: [cite(16, 'Ақпарат көзі: Алматы қаласы әкімдігінің қоғаммен байланыс қызметі', 'Source: Press service of the Almaty city akimat')],
  };
}
