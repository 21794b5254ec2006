import type { SqlRunner } from '@azg/core/database';
import type { Sector, Source } from '@azg/core/figures';
import { queryRankedSearch, type SearchQuery, type Translations } from '@azg/core/i18n';
import {
  type CompanyFilter, companyConditions, compileFilter, type Connection, type Ordering, type PageRequest, queryPage, resolveOrdering, SqlParameters,
} from '@azg/core/pagination';
import type { AuthorEntry } from '@azg/core/writes';
import { DEFAULT_COMPANY_ORDER, type CompanyOrder, type CompanyOrderField } from './company.input';
import type { CompanySearchHit } from './company-search.type';
import type { Company, CompanySpelling, LegalForm } from './company.type';

/** The columns every read of a company selects: a row is the whole Company, spellings included. */
const COMPANY_COLUMNS = `c.id, c.name, c.latin_name, c.spellings, c.legal_form, c.sectors, c.sector_sources,
         c.zone_participant, c.participation_sources, c.sources, c.names, c.entered_by, c.version`;
const COMPANY_SELECT = `SELECT ${COMPANY_COLUMNS} FROM companies.company c`;

/**
 * Names mix Latin, Russian and Kazakh letters; the ICU root collation orders them the same on
 * every server (Latin, then Cyrillic, Ә beside А) whatever the database's locale. Indexed both ways.
 */
const ORDER_COLUMNS = {
  NAME: { sql: 'c.name COLLATE "und-x-icu"', type: 'text', nullable: false },
} as const satisfies Record<CompanyOrderField, unknown>;
const ID_ORDER = { sql: 'c.id COLLATE "C"', type: 'text' } as const;

/** The total order of a list of companies for an `orderBy` argument (by name when none is given). */
export function companyOrdering(orderBy: readonly CompanyOrder[] | null | undefined): Ordering {
  return resolveOrdering(orderBy, ORDER_COLUMNS, ID_ORDER, DEFAULT_COMPANY_ORDER);
}

/** CompanyFilter (core's, shared with the projects read model) over this table, aliased `c`. */
const COMPANY_CONDITIONS = companyConditions('c');

/** A row of companies.company: the columns every read selects (jsonb parsed, text[] as an array); a write reads the same. */
export interface CompanyRow {
  id: string;
  name: string;
  latin_name: string;
  spellings: CompanySpelling[];
  legal_form: LegalForm | null;
  sectors: Sector[];
  sector_sources: Source[];
  zone_participant: boolean;
  participation_sources: Source[];
  sources: Source[];
  names: Translations;
  entered_by: AuthorEntry[];
  version: number;
}

/** A company row as the GraphQL Company. */
export function toCompany(row: CompanyRow): Company {
  return {
    id: row.id,
    name: row.name,
    latinName: row.latin_name,
    spellings: row.spellings,
    legalForm: row.legal_form,
    sectors: row.sectors,
    sectorSources: row.sector_sources,
    zoneParticipant: row.zone_participant,
    participationSources: row.participation_sources,
    sources: row.sources,
    names: row.names,
    enteredBy: row.entered_by,
    version: row.version,
  };
}

/** The only SQL that reads companies; it runs on the request's (or the seed's) SqlRunner. */
export class CompanyRepository {
  constructor(private readonly db: SqlRunner) {}

  /** The companies with these ids, in one statement, in no particular order; unknown ids are absent. */
  async findByIds(ids: readonly string[]): Promise<Company[]> {
    const rows = await this.db.query<CompanyRow>(`${COMPANY_SELECT} WHERE c.id = ANY($1::text[])`, [ids]);
    return rows.map(toCompany);
  }

  /** A page of the companies that pass the filter, in one statement. */
  async page(request: PageRequest, filter: CompanyFilter | null): Promise<Connection<Company>> {
    const parameters = new SqlParameters();
    const where = compileFilter(filter, COMPANY_CONDITIONS, parameters);
    return queryPage<CompanyRow, Company>(this.db, { columns: COMPANY_COLUMNS, from: 'companies.company c', where }, request, parameters, {
      idColumn: 'id',
      toNode: toCompany,
    });
  }

  /**
   * The companies one of whose spellings the search text meets, best first (by score, then by
   * name), at most `first`, in one statement; each hit names the spelling that matched best.
   */
  async search(query: SearchQuery, first: number): Promise<CompanySearchHit[]> {
    const rows = await queryRankedSearch<CompanyRow>(this.db, {
      table: 'companies.company',
      alias: 'c',
      columns: COMPANY_COLUMNS,
      tieBreak: 'c.name COLLATE "und-x-icu", c.id',
    }, query, first);
    return rows.map((row) => {
      const company = toCompany(row);
      const spelling = company.spellings.find((candidate) => candidate.text === row.hit_key.text) ?? company.spellings[0]!;
      return { company, spelling, match: row.hit_match, score: row.hit_score };
    });
  }
}
