import { IsBoolean, IsInt, IsOptional, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { DateTimeScalar } from './scalars';
import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { Source } from '../figures/figures';
import type { Identity } from '../identity/identity';
import { IsRecordId } from './validation';

/** Longest quote, translation or note a source of a write may carry. */
export const MAX_SOURCE_TEXT_LENGTH = 2_000;
/** Most sources one write may state. */
export const MAX_WRITE_SOURCES = 20;

/**
 * Where a write's facts come from: a place in a source document, as core's `Source` answers it.
 * Every write either states its sources or is marked as entered by its author.
 */
@InputType('SourceInput', { description: 'A place in a source document that a write rests on: the document, the paragraph and the original words. A write that gives none is marked as entered by its author instead.' })
export class SourceInput {
  @Field(() => ID, { description: 'The source document, as answered by `sourceDocument(id:)`, e.g. "akimat-2021-industrial-zone".' })
  @IsRecordId()
  documentId!: string;

  @Field(() => Int, { description: 'The paragraph, numbered from 1 as in the document\'s translation.' })
  @IsInt()
  @Min(1)
  @Max(10_000)
  paragraph!: number;

  @Field(() => String, { description: `The original words, verbatim; 1 to ${MAX_SOURCE_TEXT_LENGTH} characters.` })
  @MinLength(1)
  @MaxLength(MAX_SOURCE_TEXT_LENGTH)
  quote!: string;

  @Field(() => String, { nullable: true, description: 'An English rendering of the quoted words.' })
  @IsOptional()
  @MaxLength(MAX_SOURCE_TEXT_LENGTH)
  translation?: string | null;

  @Field(() => Boolean, { defaultValue: false, description: 'True when the fact is read from these words rather than stated by them; a `note` must then say why.' })
  @IsBoolean()
  inferred!: boolean;

  @Field(() => String, { nullable: true, description: 'Why the reading was made; required when `inferred` is true.' })
  @ValidateIf((source: SourceInput) => source.inferred === true || (source.note !== null && source.note !== undefined))
  @MinLength(1, { message: '$property must explain an inferred source' })
  @MaxLength(MAX_SOURCE_TEXT_LENGTH)
  note?: string | null;
}

/**
 * A write that stated no source: who entered it, and when. Stored with the record and answered
 * beside its document sources, so a reader can tell a fact a document gives from one an editor
 * typed in. A value type every writing subgraph serves, so `@shareable`.
 */
@Directive('@shareable')
@ObjectType('AuthorEntry', { description: 'A write that stated no source document: who entered it and when. The audit log holds the full change.' })
export class AuthorEntry {
  @Field(() => String, { description: 'The author: an API key\'s name or a token\'s subject.' })
  subject!: string;

  @Field(() => String, { description: 'The author\'s role when they wrote it: editor or admin.' })
  role!: string;

  @Field(() => DateTimeScalar, { description: 'When the write was made (its transaction\'s time, as in the audit log).' })
  at!: string;

  @Field(() => String, { description: 'The mutation that made the write, e.g. "updateProject".' })
  operation!: string;
}

/** What a write records as its provenance: the sources it states, or else an entry for its author. */
export interface WriteProvenance {
  /** The sources as core's `Source` (empty when none was given). */
  sources: Source[];
  /** The author's entry when no source was given; null otherwise. */
  entry: AuthorEntry | null;
}

/**
 * The provenance of one write: the sources given (as `Source`s), or, when none was, an entry for
 * the author at `at` (the transaction's time, see `WriteTransaction.now`).
 */
export function provenanceOf(sources: readonly SourceInput[] | null | undefined, identity: Identity, operation: string, at: string): WriteProvenance {
  if (sources && sources.length > 0) {
    return {
      sources: sources.map((source) => ({
        documentId: source.documentId,
        paragraph: source.paragraph,
        quote: source.quote,
        translation: source.translation ?? null,
        inferred: source.inferred ?? false,
        note: source.note ?? null,
      })),
      entry: null,
    };
  }
  return { sources: [], entry: { subject: identity.subject, role: identity.role, at, operation } };
}

/** A record's sources with a write's added, each place once, the record's own first (a document's sources stay). */
export function withSources(existing: readonly Source[], added: readonly Source[]): Source[] {
  const seen = new Set(existing.map((source) => JSON.stringify(source)));
  return [...existing, ...added.filter((source) => !seen.has(JSON.stringify(source)))];
}
