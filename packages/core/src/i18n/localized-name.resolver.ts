import { Arg, Ctx, FieldResolver, Resolver, Root, type ClassType } from 'type-graphql';
import { Language } from './language';
import { localize, LocalizedText, type Translations } from './localized-text';

/** What `nameIn` reads of the request context: the language asked for by Accept-Language. */
interface LanguageContext {
  language: Language;
}

export interface LocalizedNameOptions<Record> {
  /** The field's description: which languages the sources give this type's names in, and what is answered otherwise. */
  description: string;
  /** A record's name by language; `namesOf` (the `name`, `nameKk` and `names` columns) unless told otherwise. */
  names?(record: Record): Translations;
}

/** The name columns most named records have: English `name`, Kazakh `nameKk`, and `names` by language. */
export interface NameColumns {
  name: string;
  nameKk?: string | null;
  names?: Translations | null;
}

/** A record's name by language: stored `names` win, and a row written without them (by a tool that predates them) still answers from its columns. */
export function namesOf(record: NameColumns): Translations {
  return { kk: record.nameKk ?? undefined, en: record.name, ...record.names };
}

/**
 * The `nameIn(lang:)` field of a named type, the same in every subgraph: the record's name in the
 * language asked for (by default the request's Accept-Language, else Kazakh), or its Kazakh
 * original marked as a fallback. The service passes only how a record's names are read.
 */
export function createLocalizedNameResolver<Record extends object>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the GraphQL type, whatever its fields
  type: ClassType<any>,
  options: LocalizedNameOptions<Record>,
): ClassType {
  @Resolver(() => type)
  class LocalizedNameResolver {
    @FieldResolver(() => LocalizedText, { description: options.description })
    nameIn(
      @Root() record: Record,
      @Arg('lang', () => Language, { nullable: true, description: 'The language wanted; by default the request\'s Accept-Language, else Kazakh.' }) lang: Language | null | undefined,
      @Ctx() context: LanguageContext,
    ): LocalizedText {
      const names = options.names ? options.names(record) : namesOf(record as unknown as NameColumns);
      return localize(names, lang ?? context.language)!;
    }
  }
  Object.defineProperty(LocalizedNameResolver, 'name', { value: `${type.name}NameResolver` });
  return LocalizedNameResolver;
}
