import type { DataSource } from 'typeorm';
import { companies } from '../subgraph';
import type { Context } from '../context';
import { companiesDatabase, FakeDatabase } from '../testing/fake-database';

/** Runs one operation as one request: a fresh context, so fresh loaders, as over HTTP. */
async function execute(database: FakeDatabase, query: string, variables?: Record<string, unknown>) {
  const server = await companies.createServer({ dataSource: database as unknown as DataSource });
  await server.apollo.start();
  try {
    const contextValue: Context = await server.createContext();
    const response = await server.apollo.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return { result: response.body.singleResult, statements: contextValue.db.statements };
  } finally {
    await server.apollo.stop();
  }
}

describe('Company entity references', () => {
  it('resolves every representation of a fetch in one statement, in the order asked, null for an unknown id', async () => {
    const database = companiesDatabase();

    const { result, statements } = await execute(database, `
      query ($representations: [_Any!]!) {
        _entities(representations: $representations) { ... on Company { id latinName spellings { text script } } }
      }`, {
      representations: [
        { __typename: 'Company', id: 'almerek' },
        { __typename: 'Company', id: 'no-such-company' },
        { __typename: 'Company', id: 'bsf' },
        { __typename: 'Company', id: 'almerek' },
      ],
    });

    expect(result.errors).toBeUndefined();
    expect(statements).toBe(1);
    expect(database.statements[0]!.sql).toMatch(/WHERE c\.id = ANY\(\$1::text\[\]\)/);
    expect(database.statements[0]!.parameters).toEqual([['almerek', 'no-such-company', 'bsf']]);
    expect(result.data).toEqual({
      _entities: [
        { id: 'almerek', latinName: 'Almerek', spellings: [
          { text: 'Әлмерек', script: 'KAZAKH_CYRILLIC' }, { text: 'Алмерек', script: 'CYRILLIC' }, { text: 'Almerek', script: 'LATIN' },
        ] },
        null,
        { id: 'bsf', latinName: 'BSF', spellings: [{ text: 'BСФ', script: 'MIXED' }, { text: 'BSF', script: 'LATIN' }] },
        { id: 'almerek', latinName: 'Almerek', spellings: [
          { text: 'Әлмерек', script: 'KAZAKH_CYRILLIC' }, { text: 'Алмерек', script: 'CYRILLIC' }, { text: 'Almerek', script: 'LATIN' },
        ] },
      ],
    });
  });
});

describe('company(id:)', () => {
  it('answers a known id, batching sibling lookups into one statement', async () => {
    const { result, statements } = await execute(companiesDatabase(), `{
      a: company(id: "zhbi-garant") { id name legalForm sectors }
      b: company(id: "valtherm") { id legalForm sectors }
    }`);

    expect(statements).toBe(1);
    expect(result.data).toEqual({
      a: { id: 'zhbi-garant', name: 'ЖБИ Гарант', legalForm: null, sectors: [] },
      b: { id: 'valtherm', legalForm: 'LLP', sectors: ['HEATING_EQUIPMENT'] },
    });
  });

  it('answers null for a well-formed id no company has', async () => {
    const { result } = await execute(companiesDatabase(), '{ company(id: "no-such-company") { id } }');

    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ company: null });
  });

  it('refuses a malformed id with BAD_USER_INPUT before any SQL runs', async () => {
    const database = companiesDatabase();

    const { result } = await execute(database, '{ company(id: "Almerek LLP") { id } }');

    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.data).toEqual({ company: null });
    expect(database.statements).toHaveLength(0);
  });

  it('shows a client no database message', async () => {
    const failing = new FakeDatabase(() => {
      throw new Error('relation "companies.company" does not exist');
    });

    const { result } = await execute(failing, '{ company(id: "almerek") { id } }');

    // The request's id (a context built outside HTTP is 'detached'), under which the error was logged.
    expect(result.errors).toEqual([{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'detached' } }]);
  });
});

describe('companies(...)', () => {
  it('reads a page in one statement, ordered by name then id in SQL, by keyset, with no filter when none is given', async () => {
    const database = companiesDatabase();

    const { result, statements } = await execute(database, '{ companies { totalCount nodes { id } } }');

    expect(result.errors).toBeUndefined();
    expect(statements).toBe(1);
    const [{ sql, parameters }] = database.statements;
    expect(sql).not.toMatch(/OFFSET|WHERE c\./);
    expect(sql).toContain('ORDER BY c.name COLLATE "und-x-icu" ASC NULLS LAST, c.id COLLATE "C" ASC NULLS LAST');
    expect(sql).toContain('count(*)');
    // The page size (20 by default) plus one, to learn whether more follow.
    expect(parameters).toEqual([21]);
  });

  it('filters in SQL on both fields, as parameters', async () => {
    const database = companiesDatabase();

    await execute(database, '{ companies(first: 5, filter: { zoneParticipant: true, sector: { in: [CABLE_AND_WIRE] } }) { nodes { id } } }');

    expect(database.statements[0]!.sql).toMatch(/WHERE \(c\.zone_participant = \$1::boolean AND c\.sectors && \$2::text\[\]\)/);
    expect(database.statements[0]!.parameters).toEqual([true, ['CABLE_AND_WIRE'], 6]);
  });

  it('filters by id and by name in any spelling with core\'s CompanyFilter, the name read as a search key', async () => {
    const database = companiesDatabase();

    await execute(database, '{ companies(filter: { id: { in: ["city-stone", "almerek"] }, name: { contains: "Сити", equals: "ТОО «Сити Стоун»" } }) { nodes { id } } }');

    const [{ sql, parameters }] = database.statements;
    expect(sql).toContain('c.id = ANY($1::text[])');
    expect(sql).toContain('c.search_document LIKE $2::text');
    expect(sql).toMatch(/jsonb_array_elements\(c\.search_keys\)[\s\S]*= \$3::text/);
    // "Сити" and City Stone share the key siti; the legal form is dropped.
    expect(parameters.slice(0, 3)).toEqual([['city-stone', 'almerek'], '%siti%', 'sitiston']);
  });

  it.each([
    ['an empty id list', '{ id: { in: [] } }', 'filter.id.in must name at least one value; leave it out to not narrow the list'],
    ['a malformed id', '{ id: { in: ["Almerek LLP"] } }', expect.stringContaining('filter.id.in')],
    ['a name with no letter or digit', '{ name: { contains: "  " } }', 'filter.name.contains must contain at least one letter or digit'],
    ['a name past 200 characters', `{ name: { equals: "${'a'.repeat(201)}" } }`, 'filter.name.equals must be at most 200 characters long'],
  ])('refuses %s with BAD_USER_INPUT before any SQL runs', async (_, filter, message) => {
    const database = companiesDatabase();

    const { result } = await execute(database, `{ companies(filter: ${filter}) { nodes { id } } }`);

    expect(result.errors?.[0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT' } });
    expect(database.statements).toHaveLength(0);
  });

  it('treats an explicit null filter as no filter, and counts only when totalCount is asked for', async () => {
    const database = companiesDatabase();

    await execute(database, '{ companies(filter: null) { nodes { id } } }');

    expect(database.statements[0]!.sql).not.toMatch(/WHERE c\./);
    expect(database.statements[0]!.sql).not.toContain('count(*)');
  });

  it('refuses a page over 100 with BAD_USER_INPUT before any SQL runs', async () => {
    const database = companiesDatabase();

    const { result } = await execute(database, '{ companies(first: 500) { nodes { id } } }');

    expect(result.errors?.[0]).toMatchObject({ message: expect.stringContaining('at most 100'), extensions: { code: 'BAD_USER_INPUT' } });
    expect(database.statements).toHaveLength(0);
  });
});
