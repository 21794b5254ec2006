import { PartialDate, Source } from '@azg/core/figures';
import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A paragraph of a source document, in the original and in English.' })
export class DocumentParagraph {
  @Field(() => Int, { description: 'The paragraph\'s number, from 1 (P1).' })
  number!: number;

  @Field(() => String, { description: 'The original text (Kazakh).' })
  original!: string;

  @Field(() => String, { description: 'The English translation.' })
  english!: string;
}

@ObjectType({ description: 'A document the graph\'s facts come from. Every `Source` names one by `documentId`.' })
export class SourceDocument {
  @Field(() => ID, { description: 'The document\'s id, as `Source.documentId` gives it.' })
  id!: string;

  @Field(() => String, { description: 'A descriptive title in English (the press release has none of its own).' })
  title!: string;

  @Field(() => String, { description: 'Who published it, in English.' })
  publisher!: string;

  @Field(() => String, { description: 'Who published it, in the original words.' })
  publisherKk!: string;

  @Field(() => String, { description: 'The language of the original, as an ISO 639-1 code ("kk": Kazakh).' })
  language!: string;

  @Field(() => PartialDate, { nullable: true, description: 'When it was written, at the precision known (the press release is undated: inferred as 2021).' })
  dated!: PartialDate | null;

  @Field(() => [DocumentParagraph], { description: 'Its paragraphs, P1 first.' })
  paragraphs!: DocumentParagraph[];

  @Field(() => [String], { description: 'The translator\'s notes on how to read the document\'s figures.' })
  readingNotes!: string[];

  @Field(() => [Source], { description: 'Where the document names its own source (P16).' })
  sources!: Source[];
}
