import { Field, ID, InputType } from 'type-graphql';
import { SectorFilter } from '../figures/sector';
import { assertRecordId } from '../database/loaders';
import { NameFilter, nameConditions } from '../i18n/name-filter';
import { inList, type ConditionCompiler } from './filter';

/** A filter on a record's own id. */
@InputType('IdFilter', { description: 'Narrows a list to the records with any of the ids named.' })
export class IdFilter {
  @Field(() => [ID], { description: 'Record ids (lower-case slugs such as "kmk-investment"). At least one.' })
  in!: string[];
}

/**
 * The filter on companies, defined once: the companies subgraph answers it over its own table
 * (`companies(filter:)`), the projects subgraph over its read model of companies
 * (`projects(filter: { company: ... })`). One class, so the composed input is one type.
 */
@InputType('CompanyFilter', {
  description: 'Narrows a list of companies, or of projects by their company. Every field given must hold (AND); `and`, `or` and `not` combine whole filters. '
    + 'An empty filter narrows nothing. At most 5 levels of nesting and 50 conditions.',
})
export class CompanyFilter {
  @Field(() => [CompanyFilter], { nullable: true, description: 'Every one of these filters holds (at least one).' })
  and?: CompanyFilter[] | null;

  @Field(() => [CompanyFilter], { nullable: true, description: 'At least one of these filters holds (at least one).' })
  or?: CompanyFilter[] | null;

  @Field(() => CompanyFilter, { nullable: true, description: 'This filter does not hold.' })
  not?: CompanyFilter | null;

  @Field(() => IdFilter, { nullable: true, description: 'The company has one of these ids.' })
  id?: IdFilter | null;

  @Field(() => NameFilter, { nullable: true, description: 'One of the company\'s spellings (its name in any language, or an alias) matches.' })
  name?: NameFilter | null;

  @Field(() => SectorFilter, { nullable: true, description: 'The company is known to work in at least one of these sectors.' })
  sector?: SectorFilter | null;

  @Field(() => Boolean, { nullable: true, description: 'The company is (true) or is not (false) a participant of the Almaty Industrial Zone.' })
  zoneParticipant?: boolean | null;
}

/**
 * Compiles one CompanyFilter object's own fields over a table alias whose columns are the
 * companies table's (`id`, `sectors`, `zone_participant`, `search_keys`, `search_document`): the
 * companies subgraph's own table and the projects subgraph's read model of it both have them, so
 * the filter means the same in both. Every predicate is TRUE or FALSE, never NULL.
 */
export function companyConditions(alias: string): ConditionCompiler<CompanyFilter> {
  return (filter, parameters, path) => {
    const terms: string[] = [];
    const ids = inList(filter.id?.in, `${path}.id.in`)?.map((id) => assertRecordId(id, `${path}.id.in`));
    if (ids) terms.push(`${alias}.id = ANY(${parameters.add(ids)}::text[])`);
    if (filter.name != null) terms.push(...nameConditions(filter.name, { keys: `${alias}.search_keys`, document: `${alias}.search_document` }, parameters, `${path}.name`));
    if (filter.zoneParticipant != null) terms.push(`${alias}.zone_participant = ${parameters.add(filter.zoneParticipant)}::boolean`);
    const sectors = inList(filter.sector?.in, `${path}.sector.in`);
    // Overlap, which a GIN index on sectors answers.
    if (sectors) terms.push(`${alias}.sectors && ${parameters.add(sectors)}::text[]`);
    return terms;
  };
}
