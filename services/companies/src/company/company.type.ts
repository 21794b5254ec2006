import { defineEnum, ENTITY_DESCRIPTIONS, type EnumValue } from '@azg/core/federation';
import { Sector, Source } from '@azg/core/figures';
import type { Translations } from '@azg/core/i18n';
import { createConnectionType } from '@azg/core/pagination';
import { AuthorEntry } from '@azg/core/writes';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

/**
 * The writing system a company's name is spelled in. The press release mixes scripts inside
 * one name (a Latin B before Cyrillic СФ, Cyrillic КМК before Latin Investment), which a reader
 * cannot see and a search for the name will miss, so every spelling says which script it uses.
 */
export const Script = defineEnum('Script', 'The writing system a spelling of a name uses, judged from its letters (digits and punctuation do not count).', {
  KAZAKH_CYRILLIC: 'Cyrillic with at least one letter only Kazakh uses (ә ғ қ ң ө ұ ү һ і), e.g. «Қаз-Диа-Тест».',
  CYRILLIC: 'Cyrillic letters only, none of them Kazakh-only: readable as Russian, e.g. «Каз-Диа-Тест».',
  LATIN: 'Latin letters only, e.g. «Valtherm».',
  MIXED: 'Both Latin and Cyrillic letters, e.g. «BСФ» (a Latin B and a Cyrillic СФ) or «КМК Investment»: '
    + 'it looks like one script and is not, so a search typed in either script misses it.',
});
export type Script = EnumValue<typeof Script>;

/** Where a spelling of a company's name was found. */
export const SpellingOrigin = defineEnum('SpellingOrigin', 'Where a spelling of a company\'s name was found: the Kazakh original or its English translation, or an editor who entered it without a source.', {
  ORIGINAL: 'The spelling is written so in the Kazakh original of the source document.',
  TRANSLATION: 'The spelling is the English translation\'s transliteration; the original does not write it.',
  ENTERED: 'An editor entered the spelling without a source document (see `Company.enteredBy`); it has no paragraph.',
});
export type SpellingOrigin = EnumValue<typeof SpellingOrigin>;

/** The legal form the document gives a company. */
export const LegalForm = defineEnum('LegalForm', 'The legal form of a company, as the source document writes it after the name.', {
  LLP: 'ЖШС, limited liability partnership (жауапкершілігі шектеулі серіктестік; ТОО in Russian).',
});
export type LegalForm = EnumValue<typeof LegalForm>;

@ObjectType('CompanySpelling', { description: 'One way the source document writes a company\'s name.' })
export class CompanySpelling {
  @Field(() => String, { description: 'The name exactly as written, without the quotation marks («») or the legal form around it.' })
  text!: string;

  @Field(() => Script, { description: 'The script the spelling is written in, computed from its letters.' })
  script!: Script;

  @Field(() => SpellingOrigin, { description: 'Whether the spelling is in the Kazakh original or only in the English translation.' })
  origin!: SpellingOrigin;

  @Field(() => Int, { nullable: true, description: 'The paragraph (P1 to P16) where the spelling first appears; null for a spelling an editor entered without a source (origin ENTERED).' })
  paragraph!: number | null;
}

@Directive('@key(fields: "id")')
@ObjectType('Company', { description: ENTITY_DESCRIPTIONS.Company.type })
export class Company {
  @Field(() => ID, { description: ENTITY_DESCRIPTIONS.Company.id })
  id!: string;

  @Field(() => String, { description: 'The name as the original first writes it, without quotation marks or legal form (e.g. "Әлмерек").' })
  name!: string;

  @Field(() => String, { description: 'The name in Latin letters, as the English translation transliterates it (e.g. "Almerek").' })
  latinName!: string;

  @Field(() => [CompanySpelling], { description: 'Every spelling of the name in the original and the translation, in the order they were recorded.' })
  spellings!: CompanySpelling[];

  @Field(() => LegalForm, { nullable: true, description: 'The legal form written after the name; null when the document gives none.' })
  legalForm!: LegalForm | null;

  @Field(() => [Sector], { description: 'The industries the company works in; empty when the document does not say which.' })
  sectors!: Sector[];

  @Field(() => [Source], { description: 'The words the sectors are read from (marked inferred where read from a product rather than stated).' })
  sectorSources!: Source[];

  @Field(() => Boolean, { description: 'Whether the company is a participant of the Almaty Industrial Zone.' })
  zoneParticipant!: boolean;

  @Field(() => [Source], { description: 'The words that make the company a zone participant (an inference: the document gives participants only as a count).' })
  participationSources!: Source[];

  @Field(() => [Source], { description: 'The places in source documents that name the company, including the sources later writes stated.' })
  sources!: Source[];

  @Field(() => [AuthorEntry], { description: 'The writes to the company that stated no source document: who entered each and when (empty for facts only the document gives).' })
  enteredBy!: AuthorEntry[];

  @Field(() => Int, { description: 'The company\'s version: 1 as loaded from the document, one more with every write. An update names the version it read and is refused with CONFLICT if the company has moved on.' })
  version!: number;

  /** The name in each language it is stored in (answered by `nameIn`). */
  names!: Translations;
}

/** A page of companies. */
export const CompanyConnection = createConnectionType(Company, { name: 'Company', plural: 'companies' });
