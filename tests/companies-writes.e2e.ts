import type { Identity } from '@azg/core/identity';
import { companies } from '@azg/companies';
import type { Database } from '@azg/scripts/database';
import { startTestDatabase } from './support/stack';
import { dataOf, refusal, startInProcessSubgraph, type InProcessSubgraph } from './support/subgraph';

/**
 * The companies subgraph's mutations against a real, seeded PostgreSQL, run in-process so the
 * caller's identity can be set: validation codes and fields, roles, versions under concurrency,
 * idempotency keys, a failure injected halfway, spellings that search finds, and the audit log.
 */
const EDITOR: Identity = { subject: 'editor-aigerim', role: 'editor', source: 'api-key', keyId: 'key-aigerim' };
const SECOND_EDITOR: Identity = { subject: 'editor-daniyar', role: 'editor', source: 'jwt' };
const ADMIN: Identity = { subject: 'admin-saule', role: 'admin', source: 'jwt' };
const PARTNER: Identity = { subject: 'partner-bank', role: 'partner', source: 'api-key' };
const ANONYMOUS: Identity = { subject: 'anonymous', role: 'anonymous', source: 'anonymous' };

const SOURCE = { documentId: 'akimat-2021-industrial-zone', paragraph: 5, quote: '«Valtherm» ЖШС' };

const COMPANY_FIELDS = `id name latinName version legalForm sectors zoneParticipant spellings { text script origin paragraph }
  sources { documentId paragraph quote } enteredBy { subject role operation at }`;
const REGISTER = `mutation ($input: RegisterCompanyInput!, $key: String) { registerCompany(input: $input, idempotencyKey: $key) { ${COMPANY_FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $version: Int!, $input: UpdateCompanyInput!, $key: String) {
  updateCompany(id: $id, version: $version, input: $input, idempotencyKey: $key) { ${COMPANY_FIELDS} } }`;
const ADD_SPELLING = `mutation ($companyId: ID!, $version: Int!, $input: AddCompanySpellingInput!, $key: String) {
  addCompanySpelling(companyId: $companyId, version: $version, input: $input, idempotencyKey: $key) { ${COMPANY_FIELDS} } }`;
const AUDIT_LOG = `query ($filter: AuditLogFilter, $first: Int, $after: String) {
  companiesAuditLog(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id at author { subject role keyId } operation recordType recordId before after requestId idempotencyKey } } }`;

let database: Database;
let subgraph: InProcessSubgraph;

async function sql<Row = Record<string, any>>(text: string, parameters: unknown[] = []): Promise<Row[]> {
  return subgraph.dataSource.query(text, parameters);
}

let registered = 0;
async function newCompany(identity: Identity = EDITOR) {
  registered += 1;
  return dataOf(await subgraph.execute(REGISTER, { input: { name: `Тест Компани ${registered}`, latinName: `Test Company ${registered}` } }, identity)).registerCompany;
}

beforeAll(async () => {
  database = await startTestDatabase();
  subgraph = await startInProcessSubgraph(companies, database.url);
});

afterAll(async () => {
  await subgraph?.stop();
  await database?.stop();
});

describe('registerCompany', () => {
  it('registers a company entered by its author, its name and Latin name as ENTERED spellings, found by search in either script', async () => {
    const company = dataOf(await subgraph.execute(REGISTER, {
      input: { name: 'Шыны Әйнек', latinName: 'Shyny Ainek', legalForm: 'LLP', sectors: ['CONSTRUCTION_MATERIALS'] },
    }, EDITOR)).registerCompany;

    expect(company).toMatchObject({
      id: 'shyny-ainek', version: 1, legalForm: 'LLP', sectors: ['CONSTRUCTION_MATERIALS'], zoneParticipant: false, sources: [],
      spellings: [
        { text: 'Шыны Әйнек', script: 'KAZAKH_CYRILLIC', origin: 'ENTERED', paragraph: null },
        { text: 'Shyny Ainek', script: 'LATIN', origin: 'ENTERED', paragraph: null },
      ],
      enteredBy: [{ subject: 'editor-aigerim', role: 'editor', operation: 'registerCompany' }],
    });
    for (const text of ['shyny ainek', 'Шыны']) {
      const hits = dataOf(await subgraph.execute(`query ($text: String!) { searchCompanies(text: $text, first: 3) { company { id } } }`, { text })).searchCompanies;
      expect(hits.map((hit: { company: { id: string } }) => hit.company.id)).toContain('shyny-ainek');
    }
  });

  it('keeps the sources it states, and takes the spellings\' paragraph from them', async () => {
    const company = dataOf(await subgraph.execute(REGISTER, { input: { name: 'Сорсед', latinName: 'Sourced', zoneParticipant: true, sources: [SOURCE] } }, EDITOR)).registerCompany;
    expect(company.enteredBy).toEqual([]);
    expect(company.sources).toEqual([SOURCE]);
    expect(company.spellings).toEqual([
      { text: 'Сорсед', script: 'CYRILLIC', origin: 'ORIGINAL', paragraph: 5 },
      { text: 'Sourced', script: 'LATIN', origin: 'TRANSLATION', paragraph: 5 },
    ]);
  });
});

describe('validation: each bad input is refused with its code, naming the field', () => {
  const register = (input: Record<string, unknown>) => subgraph.execute(REGISTER, { input: { name: 'Валид', latinName: 'Valid', ...input } }, EDITOR);

  it.each([
    ['an empty name', 'input.name', { name: '' }],
    ['a name over 300 characters', 'input.name', { name: 'н'.repeat(301) }],
    ['a name with no letters', 'input.name', { name: '1234' }],
    ['a name in another script', 'input.name', { name: 'Αλφα' }],
    ['a Latin name that is not Latin', 'input.latinName', { latinName: 'Әлмерек' }],
    ['an id of the wrong shape', 'input.id', { id: 'Not_An_Id' }],
    ['an id reserved for generated data', 'input.id', { id: 'synthetic-co' }],
    ['a source with an empty quote', 'input.sources[0].quote', { sources: [{ ...SOURCE, quote: '' }] }],
    ['a source document id of the wrong shape', 'input.sources[0].documentId', { sources: [{ ...SOURCE, documentId: 'Press Release' }] }],
  ])('%s: BAD_USER_INPUT on %s', async (_label, field, input) => {
    expect(refusal(await register(input))).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('an unknown legal form: BAD_USER_INPUT naming the field in the message', async () => {
    const error = refusal(await register({ legalForm: 'JSC' }));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/legalForm/);
  });

  it('an id already taken: CONFLICT on input.id', async () => {
    expect(refusal(await register({ id: 'almerek' }))).toMatchObject({ code: 'CONFLICT', field: 'input.id' });
  });

  it('writes to a company that does not exist, a bad version, an ENTERED origin asked for, a spelling it has', async () => {
    expect(refusal(await subgraph.execute(UPDATE, { id: 'no-such-company', version: 1, input: { legalForm: null } }, EDITOR)))
      .toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    expect(refusal(await subgraph.execute(ADD_SPELLING, { companyId: 'no-such-company', version: 1, input: { text: 'X' } }, EDITOR)))
      .toMatchObject({ code: 'NOT_FOUND', field: 'companyId' });
    expect(refusal(await subgraph.execute(ADD_SPELLING, { companyId: 'bsf', version: -1, input: { text: 'X' } }, EDITOR)))
      .toMatchObject({ code: 'BAD_USER_INPUT', field: 'version' });
    expect(refusal(await subgraph.execute(ADD_SPELLING, { companyId: 'bsf', version: 1, input: { text: 'X', origin: 'ENTERED' } }, EDITOR)))
      .toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.origin' });
    expect(refusal(await subgraph.execute(ADD_SPELLING, { companyId: 'bsf', version: 1, input: { text: 'BSF' } }, EDITOR)))
      .toMatchObject({ code: 'CONFLICT', field: 'input.text' });
    expect(refusal(await subgraph.execute(UPDATE, { id: 'bsf', version: 1, input: { name: null } }, EDITOR)))
      .toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
  });
});

describe('roles', () => {
  it('refuses a mutation to an anonymous caller and a partner; the audit log to an editor', async () => {
    const input = { name: 'Рефьюзд', latinName: 'Refused' };
    expect(refusal(await subgraph.execute(REGISTER, { input }, ANONYMOUS))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(refusal(await subgraph.execute(REGISTER, { input }, PARTNER))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await sql(`SELECT id FROM companies.company WHERE latin_name = 'Refused'`)).toEqual([]);
    expect(refusal(await subgraph.execute(AUDIT_LOG, {}, EDITOR))).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('editing a document company', () => {
  it('adds a spelling search finds at once, keeps the document\'s spellings and sources, and survives a restart\'s seed', async () => {
    const before = dataOf(await subgraph.execute(`{ company(id: "almerek") { version spellings { text } sources { paragraph } } }`)).company;

    const company = dataOf(await subgraph.execute(ADD_SPELLING, { companyId: 'almerek', version: before.version, input: { text: 'Almerec' } }, EDITOR)).addCompanySpelling;

    expect(company.version).toBe(before.version + 1);
    expect(company.spellings.map((spelling: { text: string }) => spelling.text)).toEqual([...before.spellings.map((spelling: { text: string }) => spelling.text), 'Almerec']);
    expect(company.spellings.at(-1)).toEqual({ text: 'Almerec', script: 'LATIN', origin: 'ENTERED', paragraph: null });
    expect(company.sources.map((source: { paragraph: number }) => ({ paragraph: source.paragraph }))).toEqual(before.sources);
    expect(company.enteredBy).toMatchObject([{ subject: 'editor-aigerim', operation: 'addCompanySpelling' }]);
    const hits = dataOf(await subgraph.execute(`{ searchCompanies(text: "almerec", first: 1) { company { id } spelling { text } match } }`)).searchCompanies;
    expect(hits[0]).toEqual({ company: { id: 'almerek' }, spelling: { text: 'Almerec' }, match: 'EXACT' });

    await companies.migrateAndSeed(database.url);
    const [stored] = await sql(`SELECT version, spellings FROM companies.company WHERE id = 'almerek'`);
    expect(stored!.version).toBe(before.version + 1);
    expect(stored!.spellings.at(-1).text).toBe('Almerec');
  });

  it('lets exactly one of two concurrent updates of the same version win; the other gets CONFLICT', async () => {
    const company = await newCompany();
    const results = await Promise.all([['LLP', EDITOR], [null, SECOND_EDITOR]].map(([legalForm, identity]) =>
      subgraph.execute(UPDATE, { id: company.id, version: 1, input: { legalForm, sectors: ['CHEMICAL'] } }, identity as Identity)));

    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    const lost = results.filter((result) => result.errors);
    expect(lost).toHaveLength(1);
    expect(refusal(lost[0]!)).toMatchObject({ code: 'CONFLICT', field: 'version' });
    expect(await sql(`SELECT version FROM companies.company WHERE id = $1`, [company.id])).toEqual([{ version: 2 }]);
  });
});

describe('idempotency keys', () => {
  it('registers once when the same key arrives twice at once; the same key with another input is a CONFLICT', async () => {
    const input = { name: 'Ідемпотент', latinName: 'Idempotent' };
    const [first, second] = await Promise.all([
      subgraph.execute(REGISTER, { input, key: 'register-1' }, EDITOR),
      subgraph.execute(REGISTER, { input, key: 'register-1' }, EDITOR),
    ]);
    expect(dataOf(second!).registerCompany).toEqual(dataOf(first!).registerCompany);
    expect(await sql(`SELECT id FROM companies.company WHERE latin_name = 'Idempotent'`)).toEqual([{ id: 'idempotent' }]);

    const reused = await subgraph.execute(REGISTER, { input: { ...input, latinName: 'Other' }, key: 'register-1' }, EDITOR);
    expect(refusal(reused)).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
  });
});

describe('a failure halfway leaves nothing written', () => {
  it('updateCompany: the row, its version and the key stay as they were', async () => {
    const company = await newCompany();
    await sql(`CREATE FUNCTION companies.test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.operation = 'updateCompany' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$`);
    await sql(`CREATE TRIGGER test_refuse_audit BEFORE INSERT ON companies.audit_log FOR EACH ROW EXECUTE FUNCTION companies.test_refuse_audit()`);
    try {
      const result = await subgraph.execute(UPDATE, { id: company.id, version: 1, input: { name: 'Өзгерген', zoneParticipant: true }, key: 'update-fails' }, EDITOR);
      expect(refusal(result)).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' });
    } finally {
      await sql(`DROP TRIGGER test_refuse_audit ON companies.audit_log`);
      await sql(`DROP FUNCTION companies.test_refuse_audit()`);
    }
    expect(await sql(`SELECT name, zone_participant, version, jsonb_array_length(spellings) AS spellings FROM companies.company WHERE id = $1`, [company.id]))
      .toEqual([{ name: company.name, zone_participant: false, version: 1, spellings: 2 }]);
    expect(await sql(`SELECT count(*)::int AS keys FROM companies.idempotency_keys WHERE key = 'update-fails'`)).toEqual([{ keys: 0 }]);
  });
});

describe('the audit log', () => {
  it('after a sequence of writes holds that sequence, before and after, filtered by author and time, paged', async () => {
    const company = await newCompany(EDITOR);
    const [{ now: afterRegister }] = await sql<{ now: Date }>('SELECT clock_timestamp() AS now');
    dataOf(await subgraph.execute(UPDATE, { id: company.id, version: 1, input: { sectors: ['CHEMICAL'], sources: [SOURCE] } }, SECOND_EDITOR));
    dataOf(await subgraph.execute(ADD_SPELLING, { companyId: company.id, version: 2, input: { text: `${company.latinName} LLP` }, key: 'spelling-key' }, EDITOR));

    const log = dataOf(await subgraph.execute(AUDIT_LOG, { filter: { recordType: 'Company', recordId: company.id } }, ADMIN)).companiesAuditLog;

    expect(log.nodes.map((entry: any) => [entry.operation, entry.author.subject, entry.before?.version ?? null, entry.after.version])).toEqual([
      ['registerCompany', 'editor-aigerim', null, 1],
      ['updateCompany', 'editor-daniyar', 1, 2],
      ['addCompanySpelling', 'editor-aigerim', 2, 3],
    ]);
    const [registeredEntry, updated, spelled] = log.nodes;
    expect(updated.before).toEqual(registeredEntry.after);
    expect(updated.after).toEqual({ ...registeredEntry.after, sectors: ['CHEMICAL'], sources: [{ ...SOURCE, translation: null, inferred: false, note: null }], version: 2 });
    expect(spelled.before).toEqual(updated.after);
    expect(spelled.after.spellings.at(-1)).toEqual({ text: `${company.latinName} LLP`, script: 'LATIN', origin: 'ENTERED', paragraph: null });
    expect(spelled.idempotencyKey).toBe('spelling-key');

    const byAuthor = dataOf(await subgraph.execute(AUDIT_LOG, { filter: { recordId: company.id, author: 'editor-daniyar' } }, ADMIN)).companiesAuditLog;
    expect(byAuthor.nodes.map((entry: any) => entry.operation)).toEqual(['updateCompany']);
    const since = dataOf(await subgraph.execute(AUDIT_LOG, { filter: { recordId: company.id, from: afterRegister.toISOString() } }, ADMIN)).companiesAuditLog;
    expect(since.nodes.map((entry: any) => entry.operation)).toEqual(['updateCompany', 'addCompanySpelling']);
    const firstPage = dataOf(await subgraph.execute(AUDIT_LOG, { filter: { recordId: company.id }, first: 2 }, ADMIN)).companiesAuditLog;
    const secondPage = dataOf(await subgraph.execute(AUDIT_LOG, { filter: { recordId: company.id }, first: 2, after: firstPage.pageInfo.endCursor }, ADMIN)).companiesAuditLog;
    expect([firstPage.totalCount, firstPage.pageInfo.hasNextPage, secondPage.pageInfo.hasNextPage]).toEqual([3, true, false]);
    expect(secondPage.nodes.map((entry: any) => entry.operation)).toEqual(['addCompanySpelling']);
  });
});
