import { BadUserInputError, ConflictError } from '@azg/core/errors';
import type { Source } from '@azg/core/figures';
import { assertNotSyntheticId, insertWithFreeId, provenanceOf, slugOf, type SourceInput, textArray, withSources, type WriteProvenance, type WriteTransaction } from '@azg/core/writes';
import { companySearchKeys, companyTranslations } from './company-language';
import type { AddCompanySpellingInput, RegisterCompanyInput, UpdateCompanyInput } from './company-write.input';
import { CompanyRepository, type CompanyRow } from './company.repository';
import { SpellingOrigin, type Company, type CompanySpelling } from './company.type';
import { scriptOf } from './spelling-script';

/** The columns a write can change, and the version: what the audit log keeps of a company (not its derived columns). */
export function auditedCompany(row: CompanyRow): Record<string, unknown> {
  const { id, name, latin_name, spellings, legal_form, sectors, zone_participant, sources, entered_by, version } = row;
  return { id, name, latin_name, spellings, legal_form, sectors, zone_participant, sources, entered_by, version };
}

/** A spelling of a write: its script computed (BAD_USER_INPUT on `field` for text no script can hold), its origin from the sources. */
function spellingOf(text: string, sources: Source[], origin: SpellingOrigin, field: string): CompanySpelling {
  let script: CompanySpelling['script'];
  try {
    script = scriptOf(text);
  } catch (error) {
    throw new BadUserInputError(`${field}: ${(error as Error).message}; a name is written in Latin or Cyrillic letters`, field);
  }
  return sources.length > 0
    ? { text, script, origin, paragraph: sources[0]!.paragraph }
    : { text, script, origin: SpellingOrigin.ENTERED, paragraph: null };
}

/** The names and search keys of a company with these spellings, as the seed computes them. */
function naming(name: string, latinName: string, spellings: CompanySpelling[]): Record<string, unknown> {
  const company = { name, latinName, spellings };
  return { names: companyTranslations(company), search_keys: companySearchKeys(company) };
}

/**
 * The only place that writes companies with SQL: each method runs inside the mutation's
 * transaction, writes, and appends to the audit log. Source documents belong to the projects
 * subgraph, so a source here is checked for shape only.
 */
export class CompanyWriteRepository {
  constructor(private readonly tx: WriteTransaction) {}

  private async provenance(sources: readonly SourceInput[] | null | undefined): Promise<WriteProvenance> {
    return provenanceOf(sources, this.tx.identity, this.tx.operation, await this.tx.now());
  }

  /** The company as every read answers it, read inside the transaction (so it sees the write). */
  private async read(id: string): Promise<Company> {
    const [company] = await new CompanyRepository(this.tx).findByIds([id]);
    return company!;
  }

  async register(input: RegisterCompanyInput): Promise<Company> {
    if (input.id) assertNotSyntheticId(input.id, 'input.id');
    const { sources, entry } = await this.provenance(input.sources);
    const spellings = [spellingOf(input.name, sources, SpellingOrigin.ORIGINAL, 'input.name')];
    if (input.latinName !== input.name) spellings.push(spellingOf(input.latinName, sources, SpellingOrigin.TRANSLATION, 'input.latinName'));
    const row = await insertWithFreeId<CompanyRow>(this.tx, 'companies.company', { id: input.id, slug: slugOf(input.latinName, 'company'), field: 'input.id' }, {
      name: input.name,
      latin_name: input.latinName,
      spellings,
      legal_form: input.legalForm ?? null,
      sectors: textArray(input.sectors),
      sector_sources: input.sectors.length > 0 ? sources : [],
      zone_participant: input.zoneParticipant,
      participation_sources: input.zoneParticipant ? sources : [],
      sources,
      entered_by: entry ? [entry] : [],
      ...naming(input.name, input.latinName, spellings),
    });
    await this.tx.audit({ recordType: 'Company', recordId: row.id, before: null, after: auditedCompany(row) });
    return this.read(row.id);
  }

  async update(id: string, version: number, input: UpdateCompanyInput): Promise<Company> {
    const current = await this.tx.lockVersioned<CompanyRow>('companies.company', id, version, { label: 'company' });
    const { sources, entry } = await this.provenance(input.sources);
    for (const field of ['name', 'latinName', 'sectors', 'zoneParticipant'] as const) {
      if (input[field] === null) throw new BadUserInputError(`input.${field}: cannot be cleared; leave it out to keep it`, `input.${field}`);
    }
    const values: Record<string, unknown> = {};
    const name = input.name ?? current.name;
    const latinName = input.latinName ?? current.latin_name;
    if (input.name != null || input.latinName != null) {
      const spellings = [...current.spellings];
      const known = new Set(spellings.map((spelling) => spelling.text));
      if (input.name != null && !known.has(input.name)) spellings.push(spellingOf(input.name, sources, SpellingOrigin.ORIGINAL, 'input.name'));
      if (input.latinName != null && !known.has(input.latinName) && input.latinName !== input.name) {
        spellings.push(spellingOf(input.latinName, sources, SpellingOrigin.TRANSLATION, 'input.latinName'));
      }
      Object.assign(values, { name, latin_name: latinName, spellings, ...naming(name, latinName, spellings) });
    }
    if (input.legalForm !== undefined) values.legal_form = input.legalForm;
    if (input.sectors != null) Object.assign(values, { sectors: textArray(input.sectors), sector_sources: sources });
    if (input.zoneParticipant != null) Object.assign(values, { zone_participant: input.zoneParticipant, participation_sources: sources });
    if (Object.keys(values).length === 0) throw new BadUserInputError('input: name at least one field to change', 'input');
    values.sources = withSources(current.sources, sources);
    values.entered_by = entry ? [...current.entered_by, entry] : current.entered_by;
    const { before, after } = await this.tx.updateVersioned<CompanyRow>('companies.company', id, version, values, { label: 'company' });
    await this.tx.audit({ recordType: 'Company', recordId: id, before: auditedCompany(before), after: auditedCompany(after) });
    return this.read(id);
  }

  async addSpelling(id: string, version: number, input: AddCompanySpellingInput): Promise<Company> {
    const current = await this.tx.lockVersioned<CompanyRow>('companies.company', id, version, { field: 'companyId', label: 'company' });
    if (current.spellings.some((spelling) => spelling.text === input.text)) {
      throw new ConflictError(`input.text: "${input.text}" is already a spelling of "${id}"`, { field: 'input.text' });
    }
    const { sources, entry } = await this.provenance(input.sources);
    const spellings = [...current.spellings, spellingOf(input.text, sources, input.origin ?? SpellingOrigin.ORIGINAL, 'input.text')];
    const { before, after } = await this.tx.updateVersioned<CompanyRow>('companies.company', id, version, {
      spellings,
      ...naming(current.name, current.latin_name, spellings),
      sources: withSources(current.sources, sources),
      entered_by: entry ? [...current.entered_by, entry] : current.entered_by,
    }, { field: 'companyId', label: 'company' });
    await this.tx.audit({ recordType: 'Company', recordId: id, before: auditedCompany(before), after: auditedCompany(after) });
    return this.read(id);
  }
}
