import { assertRecordId } from '@azg/core/database';
import { BadUserInputError } from '@azg/core/errors';
import { PRESS_RELEASE_ID } from '@azg/core/figures';
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { DocumentParagraph, SourceDocument } from './source-document.type';

@Resolver(() => SourceDocument)
export class SourceDocumentResolver {
  @Query(() => SourceDocument, { nullable: true, description: 'A source document by id (by default the akimat\'s press release); null when unknown.' })
  sourceDocument(
    @Arg('id', () => ID, { defaultValue: PRESS_RELEASE_ID, description: 'The document\'s id, as `Source.documentId` gives it.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<SourceDocument | null> {
    return ctx.repositories.sourceDocuments.findById(assertRecordId(id));
  }

  @Query(() => [SourceDocument], { description: 'Every source document the graph\'s facts come from.' })
  sourceDocuments(@Ctx() ctx: Context): Promise<SourceDocument[]> {
    return ctx.repositories.sourceDocuments.list();
  }

  @FieldResolver(() => DocumentParagraph, { nullable: true, description: 'One paragraph by its number (P1 is 1); null past the last.' })
  paragraph(
    @Root() document: SourceDocument,
    @Arg('number', () => Int, { description: 'The paragraph number, from 1.' }) number: number,
  ): DocumentParagraph | null {
    if (!Number.isInteger(number) || number < 1) throw new BadUserInputError('number must be a paragraph number from 1', 'number');
    return document.paragraphs.find((paragraph) => paragraph.number === number) ?? null;
  }
}
