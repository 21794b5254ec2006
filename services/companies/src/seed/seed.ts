import { type SqlRunner, upsertRows } from '@azg/core/database';
import { companySearchKeys, companyTranslations } from '../company/company-language';
import { scriptOf } from '../company/spelling-script';
import { COMPANIES, type CompanyFact } from './companies.facts';

/** A company fact as a row of companies.company (timestamps left to the database). */
export function toCompanyRow(fact: CompanyFact): Record<string, unknown> {
  return {
    id: fact.id,
    name: fact.name,
    latin_name: fact.latinName,
    // Stored with its script, in GraphQL shape, so reads return it as is and a search can filter on it.
    spellings: fact.spellings.map((spelling) => ({
      text: spelling.text,
      script: scriptOf(spelling.text),
      origin: spelling.origin,
      paragraph: spelling.paragraph,
    })),
    legal_form: fact.legalForm,
    // A Postgres array literal: core upsertRows sends arrays as JSON, which a text[] column refuses.
    // Sector values are bare identifiers, so they need no quoting inside the literal.
    sectors: `{${fact.sectors.join(',')}}`,
    sector_sources: fact.sectorSources,
    zone_participant: fact.zoneParticipant,
    participation_sources: fact.participationSources,
    sources: fact.sources,
    names: companyTranslations(fact),
    search_keys: companySearchKeys(fact),
  };
}

/**
 * Writes every company of the facts, in one statement on `db` (the caller's transaction).
 * Rows already as the facts say are left untouched, so a second run returns 0; a company an
 * editor has changed through a mutation is left as edited. Removes nothing.
 */
export async function seed(db: SqlRunner): Promise<number> {
  return upsertRows(db, 'companies.company', ['id'], COMPANIES.map(toCompanyRow), { keepEdited: true });
}
