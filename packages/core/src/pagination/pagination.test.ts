import { parse, type FragmentDefinitionNode, type FieldNode, type OperationDefinitionNode } from 'graphql';
import {
  buildPageQuery, compareNumbers, compileFilter, CursorCodec, cursorSecret, inList, keysetPredicate, MAX_FILTER_CONDITIONS,
  MAX_FILTER_DEPTH, orderByTerms, OrderDirection, PageLoader, rangeCondition, readPageRequest, readPages, readPageWindow,
  resolveOrdering, selectsField, SqlParameters, type BooleanFilter, type CursorScope, type Ordering, type PageWindow,
} from '.';

const SECRET = 'a-test-secret-that-is-long-enough-1234';
const codec = new CursorCodec(SECRET);

const COLUMNS = {
  NAME: { sql: 'p.name COLLATE "und-x-icu"', type: 'text', nullable: false },
  INVESTMENT: { sql: 'p.investment_tenge', type: 'numeric', nullable: true },
} as const;
const ID = { sql: 'p.id', type: 'text' } as const;
const byName = resolveOrdering<'NAME' | 'INVESTMENT'>(null, COLUMNS, ID, [{ field: 'NAME', direction: OrderDirection.ASC }]);
const scopeOf = (ordering: Ordering, connection = 'Query.projects'): CursorScope => ({ connection, ordering: ordering.signature, keyCount: ordering.keys.length });

const badInput = (message: RegExp) => expect.objectContaining({ message: expect.stringMatching(message), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) });

describe('CursorCodec', () => {
  const scope = scopeOf(byName);

  it('gives back the values it encoded, in an opaque url-safe string', () => {
    const cursor = codec.encode(scope, ['Almerek plant', 'almerek-medical-products-plant']);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('Almerek');
    expect(codec.decode(cursor, scope, 'after')).toEqual(['Almerek plant', 'almerek-medical-products-plant']);
  });

  it('keeps nulls and exact numbers', () => {
    const ordering = resolveOrdering<'NAME' | 'INVESTMENT'>([{ field: 'INVESTMENT' }], COLUMNS, ID, []);
    const investmentScope = scopeOf(ordering);
    expect(codec.decode(codec.encode(investmentScope, [null, 'x']), investmentScope, 'after')).toEqual([null, 'x']);
    expect(codec.decode(codec.encode(investmentScope, ['123456789012345678901234', 'x']), investmentScope, 'after'))
      .toEqual(['123456789012345678901234', 'x']);
  });

  it('refuses a cursor whose payload was changed, even re-encoded', () => {
    const cursor = codec.encode(scope, ['B', 'b']);
    const [body, mac] = cursor.split('.');
    const payload = JSON.parse(Buffer.from(body!, 'base64url').toString('utf8'));
    payload.k = ['A', 'a'];
    const forged = `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${mac}`;
    expect(() => codec.decode(forged, scope, 'after')).toThrow(badInput(/after is not a cursor this server issued/));
  });

  it.each([
    ['made up', 'abc'],
    ['empty', ''],
    ['without its signature', 'eyJ2IjoxfQ'],
    ['with a signature that is not base64url', 'eyJ2IjoxfQ.!!'],
    ['with an extra part', 'a.b.c'],
    ['far too long', `${'a'.repeat(3000)}.b`],
  ])('refuses a cursor %s with BAD_USER_INPUT naming the argument', (_, cursor) => {
    expect(() => codec.decode(cursor, scope, 'before')).toThrow(badInput(/^before is not a cursor this server issued/));
  });

  it('refuses a cursor signed with another secret', () => {
    const other = new CursorCodec('another-secret-that-is-also-long-enough');
    expect(() => codec.decode(other.encode(scope, ['A', 'a']), scope, 'after')).toThrow(badInput(/not a cursor this server issued/));
  });

  it('refuses a cursor issued for another ordering, naming both', () => {
    const descending = resolveOrdering<'NAME' | 'INVESTMENT'>([{ field: 'NAME', direction: OrderDirection.DESC }], COLUMNS, ID, []);
    const cursor = codec.encode(scope, ['A', 'a']);
    expect(() => codec.decode(cursor, scopeOf(descending), 'after'))
      .toThrow(badInput(/issued for the ordering NAME ASC, id ASC, but this request orders by NAME DESC, id ASC/));
  });

  it('refuses a cursor issued by another list', () => {
    const cursor = codec.encode(scopeOf(byName, 'Company.projects'), ['A', 'a']);
    expect(() => codec.decode(cursor, scope, 'after')).toThrow(badInput(/cursor of Company\.projects, not of Query\.projects/));
  });

  it('will not be built on a short secret', () => {
    expect(() => new CursorCodec('short')).toThrow(/at least 32 bytes/);
  });
});

describe('cursorSecret', () => {
  it('reads CURSOR_SECRET, refusing a short one', () => {
    expect(cursorSecret({ CURSOR_SECRET: SECRET })).toBe(SECRET);
    expect(() => cursorSecret({ CURSOR_SECRET: 'short' })).toThrow('CURSOR_SECRET must be at least 32 characters, got 5');
  });

  it('is required in production, and generated once per process elsewhere', () => {
    expect(() => cursorSecret({ NODE_ENV: 'production' })).toThrow('CURSOR_SECRET is required in production');
    const generated = cursorSecret({});
    expect(generated).toHaveLength(64);
    expect(cursorSecret({})).toBe(generated);
  });
});

describe('readPageWindow', () => {
  const scope = scopeOf(byName);
  const cursor = codec.encode(scope, ['A', 'a']);

  it('reads the first 20 when no size is given', () => {
    expect(readPageWindow({}, scope, codec)).toEqual({ size: 20, forward: true, after: null, before: null });
  });

  it('pages forwards with first/after and backwards with last/before', () => {
    expect(readPageWindow({ first: 5, after: cursor }, scope, codec)).toEqual({ size: 5, forward: true, after: ['A', 'a'], before: null });
    expect(readPageWindow({ last: 100, before: cursor }, scope, codec)).toEqual({ size: 100, forward: false, after: null, before: ['A', 'a'] });
    expect(readPageWindow({ first: 0 }, scope, codec).size).toBe(0);
  });

  it.each([
    [{ first: 101 }, /^first must be at most 100 \(the largest page\), got 101/],
    [{ last: 1000 }, /^last must be at most 100 \(the largest page\), got 1000/],
    [{ first: -1 }, /^first must be a whole number from 0 to 100, got -1/],
    [{ last: -5 }, /^last must be a whole number from 0 to 100, got -5/],
    [{ first: 1, last: 1 }, /^first and last cannot be used together/],
    [{ first: 1, after: 'forged' }, /^after is not a cursor this server issued/],
  ])('refuses %p with BAD_USER_INPUT saying why', (args, message) => {
    expect(() => readPageWindow(args, scope, codec)).toThrow(badInput(message));
  });
});

describe('resolveOrdering', () => {
  it('adds the id ascending as the tie-break and signs the ordering', () => {
    const ordering = resolveOrdering<'NAME' | 'INVESTMENT'>(
      [{ field: 'INVESTMENT', direction: OrderDirection.DESC }, { field: 'NAME' }], COLUMNS, ID, [],
    );
    expect(ordering.signature).toBe('INVESTMENT DESC, NAME ASC, id ASC');
    expect(ordering.keys.map((key) => [key.sql, key.direction, key.nullable])).toEqual([
      ['p.investment_tenge', 'DESC', true], ['p.name COLLATE "und-x-icu"', 'ASC', false], ['p.id', 'ASC', false],
    ]);
  });

  it('uses the default for a missing or empty orderBy', () => {
    expect(resolveOrdering<'NAME' | 'INVESTMENT'>([], COLUMNS, ID, [{ field: 'NAME' }]).signature).toBe('NAME ASC, id ASC');
  });

  it('refuses a field named twice', () => {
    expect(() => resolveOrdering<'NAME' | 'INVESTMENT'>([{ field: 'NAME' }, { field: 'NAME', direction: OrderDirection.DESC }], COLUMNS, ID, []))
      .toThrow(badInput(/orderBy names NAME twice/));
  });
});

describe('orderByTerms', () => {
  const ordering = resolveOrdering<'NAME' | 'INVESTMENT'>([{ field: 'INVESTMENT', direction: OrderDirection.DESC }], COLUMNS, ID, []);

  it('puts nulls last in either direction', () => {
    expect(orderByTerms(ordering.keys)).toBe('p.investment_tenge DESC NULLS LAST, p.id ASC NULLS LAST');
    expect(orderByTerms(byName.keys)).toBe('p.name COLLATE "und-x-icu" ASC NULLS LAST, p.id ASC NULLS LAST');
  });

  it('reverses exactly, nulls first, to read back from the end', () => {
    expect(orderByTerms(ordering.keys, true)).toBe('p.investment_tenge ASC NULLS FIRST, p.id DESC NULLS FIRST');
  });
});

describe('keysetPredicate', () => {
  it('compares a row of non-null keys in one direction, as a (key, id) index reads it', () => {
    const parameters = new SqlParameters();
    expect(keysetPredicate('after', byName.keys, ['A', 'a'], parameters)).toBe('(p.name COLLATE "und-x-icu", p.id) > ($1::text, $2::text)');
    expect(keysetPredicate('before', byName.keys, ['A', 'a'], parameters)).toBe('(p.name COLLATE "und-x-icu", p.id) < ($3::text, $4::text)');
    expect(parameters.values).toEqual(['A', 'a', 'A', 'a']);
  });

  const investment = resolveOrdering<'NAME' | 'INVESTMENT'>([{ field: 'INVESTMENT', direction: OrderDirection.DESC }], COLUMNS, ID, []);

  it('treats a null as after every value (nulls last), never yielding NULL', () => {
    const parameters = new SqlParameters();
    expect(keysetPredicate('after', investment.keys, ['500', 'x'], parameters)).toBe(
      '((p.investment_tenge IS NULL OR p.investment_tenge < $2::numeric) OR ((p.investment_tenge IS NOT NULL AND p.investment_tenge = $2::numeric) AND p.id > $1::text))',
    );
    expect(parameters.values).toEqual(['x', '500']);
  });

  it('after a null cursor value, only nulls with a greater id follow; before it, every value and smaller ids', () => {
    expect(keysetPredicate('after', investment.keys, [null, 'x'], new SqlParameters())).toBe('(p.investment_tenge IS NULL AND p.id > $1::text)');
    expect(keysetPredicate('before', investment.keys, [null, 'x'], new SqlParameters()))
      .toBe('(p.investment_tenge IS NOT NULL OR (p.investment_tenge IS NULL AND p.id < $1::text))');
  });

  it('never puts a value in the SQL text', () => {
    const parameters = new SqlParameters();
    const sql = keysetPredicate('after', byName.keys, ["x'); DROP TABLE projects.project; --", 'a'], parameters);
    expect(sql).not.toContain('DROP');
  });
});

describe('compileFilter', () => {
  interface Filter extends BooleanFilter<Filter> {
    status?: string[] | null;
    minimum?: string | null;
  }
  const conditions = (filter: Filter, parameters: SqlParameters, path: string) => {
    const terms: string[] = [];
    const status = inList(filter.status, `${path}.status`);
    if (status) terms.push(`p.status = ANY(${parameters.add(status)}::text[])`);
    if (filter.minimum != null) terms.push(rangeCondition('p.investment_tenge', { min: filter.minimum }, 'numeric', parameters, `${path}.minimum`));
    return terms;
  };
  const compile = (filter: Filter | null) => {
    const parameters = new SqlParameters();
    return { sql: compileFilter(filter, conditions, parameters), parameters: parameters.values };
  };

  it('does not narrow for no filter or an empty one', () => {
    expect(compile(null).sql).toBeNull();
    expect(compile({}).sql).toBeNull();
  });

  it('ANDs the fields of one object, ORs an or list and negates a not, all as parameters', () => {
    expect(compile({ status: ['OPERATING'], or: [{ minimum: '1000' }, { not: { status: ['PLANNED', 'PLANNED'] } }] })).toEqual({
      sql: '(p.status = ANY($1::text[]) AND (((p.investment_tenge IS NOT NULL AND p.investment_tenge >= $2::numeric)) OR (NOT (p.status = ANY($3::text[])))))',
      parameters: [['OPERATING'], '1000', ['PLANNED']],
    });
  });

  it('ANDs an and list', () => {
    expect(compile({ and: [{ status: ['A'] }, { status: ['B'] }] }).sql).toBe('(((p.status = ANY($1::text[])) AND (p.status = ANY($2::text[]))))');
  });

  it.each([
    [{ or: [] }, /filter\.or must hold at least one filter/],
    [{ and: [{ status: [] }] }, /filter\.and\[0\]\.status must name at least one value/],
    [{ minimum: '10', and: [{ not: { minimum: '5' } }] }, null],
  ])('checks %p', (filter, message) => {
    if (message === null) expect(() => compile(filter as Filter)).not.toThrow();
    else expect(() => compile(filter as Filter)).toThrow(badInput(message));
  });

  it(`refuses nesting deeper than ${MAX_FILTER_DEPTH} and more than ${MAX_FILTER_CONDITIONS} conditions`, () => {
    let deep: Filter = { status: ['A'] };
    for (let level = 0; level < MAX_FILTER_DEPTH; level += 1) deep = { not: deep };
    expect(() => compile(deep)).toThrow(badInput(/nests and\/or\/not more than 5 levels/));
    const wide: Filter = { or: Array.from({ length: MAX_FILTER_CONDITIONS + 1 }, () => ({ status: ['A'] })) };
    expect(() => compile(wide)).toThrow(badInput(/more than 50 conditions/));
  });
});

describe('rangeCondition', () => {
  it('leaves unknown values out unless asked to include them', () => {
    const parameters = new SqlParameters();
    expect(rangeCondition('x', { min: '1', max: '2' }, 'numeric', parameters, 'f')).toBe('(x IS NOT NULL AND x >= $1::numeric AND x <= $2::numeric)');
    expect(rangeCondition('x', { max: '2' }, 'numeric', parameters, 'f', true)).toBe('(x IS NULL OR (x <= $3::numeric))');
    expect(rangeCondition('x', {}, 'integer', parameters, 'f')).toBe('(x IS NOT NULL)');
    expect(rangeCondition('x', {}, 'integer', parameters, 'f', true)).toBe('TRUE');
  });

  it('refuses min above max, compared exactly', () => {
    expect(() => rangeCondition('x', { min: '10000000000000000001', max: '10000000000000000000' }, 'numeric', new SqlParameters(), 'filter.investment'))
      .toThrow(badInput(/filter\.investment has min 10000000000000000001 above max 10000000000000000000/));
  });
});

describe('compareNumbers', () => {
  it.each([
    ['1', '2', -1], ['2', '1', 1], ['10.5', '10.50', 0], ['0.0001', '0.001', -1], ['-1', '0', -1], ['-2', '-1', -1],
    ['99999999999999999999', '100000000000000000000', -1], ['2.2', '2.19999999', 1],
  ])('%s vs %s is %i', (a, b, expected) => {
    expect(compareNumbers(a, b)).toBe(expected);
  });
});

describe('selectsField', () => {
  const infoFor = (query: string) => {
    const document = parse(query);
    const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition')!;
    const fragments = Object.fromEntries(document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === 'FragmentDefinition')
      .map((fragment) => [fragment.name.value, fragment]));
    return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments };
  };

  it('finds a field beneath the one resolved, through fragments, and not deeper', () => {
    expect(selectsField(infoFor('{ projects { totalCount } }'), 'totalCount')).toBe(true);
    expect(selectsField(infoFor('{ projects { ... on ProjectConnection { totalCount } } }'), 'totalCount')).toBe(true);
    expect(selectsField(infoFor('{ projects { ...Count } } fragment Count on ProjectConnection { totalCount }'), 'totalCount')).toBe(true);
    expect(selectsField(infoFor('{ projects { nodes { id } } }'), 'totalCount')).toBe(false);
    expect(selectsField(infoFor('{ projects { nodes { members { totalCount } } } }'), 'totalCount')).toBe(false);
  });
});

describe('buildPageQuery', () => {
  const window: PageWindow = { size: 10, forward: true, after: ['A', 'a'], before: null };

  it('reads one more row than the page, by keyset, with no OFFSET and every value a parameter', () => {
    const parameters = new SqlParameters();
    const where = `p.status = ANY(${parameters.add(['OPERATING'])}::text[])`;
    const query = buildPageQuery({ columns: 'p.id, p.name', from: 'projects.project p', where }, byName, window, parameters, { totalCount: true });
    expect(query.sql).not.toMatch(/OFFSET/i);
    expect(query.sql).toContain('ORDER BY p.name COLLATE "und-x-icu" ASC NULLS LAST, p.id ASC NULLS LAST');
    expect(query.sql).toContain('(SELECT count(*)::int FROM projects.project p WHERE p.status = ANY($1::text[])) AS __page_total');
    expect(query.sql).toContain('WHERE p.status = ANY($1::text[]) AND (p.name COLLATE "und-x-icu", p.id) > ($2::text, $3::text)');
    expect(query.sql).toContain('LIMIT $4');
    // Each page's rows come back in the order read: a join alone would not promise it.
    expect(query.sql).toMatch(/ORDER BY meta\.__page_partition, page\.__page_position$/);
    expect(query.parameters).toEqual([['OPERATING'], 'A', 'a', 11]);
  });

  it('counts nothing when totalCount is not asked for', () => {
    const query = buildPageQuery({ columns: 'p.id', from: 'projects.project p', where: null }, byName, window, new SqlParameters(), { totalCount: false });
    expect(query.sql).not.toContain('count(*)');
  });

  it('counts and looks past the cursor over countFrom, and joins the added columns to the page alone', () => {
    const aggregate = 'projects.project_group g CROSS JOIN LATERAL (SELECT array_agg(m.project_id) AS member_ids FROM projects.group_membership m WHERE m.group_id = g.id) AS members';
    const query = buildPageQuery(
      { columns: 'g.id, members.member_ids', from: aggregate, countFrom: 'projects.project_group g', where: null },
      byName, window, new SqlParameters(), { totalCount: true },
    );
    expect(query.sql).toContain('(SELECT count(*)::int FROM projects.project_group g ) AS __page_total');
    expect(query.sql).toContain('EXISTS (SELECT 1 FROM projects.project_group g WHERE NOT (p.name COLLATE "und-x-icu", p.id) > ($1::text, $2::text))');
    // The aggregate is read once: for the page's rows, after the keyset and before the LIMIT.
    expect(query.sql.split('CROSS JOIN LATERAL')).toHaveLength(2);
    expect(query.sql).toMatch(/FROM projects\.project_group g CROSS JOIN LATERAL [^]*WHERE \(p\.name[^]*LIMIT \$3/);
  });

  it('reads one page per parent key when partitioned', () => {
    const query = buildPageQuery(
      { columns: 'p.id', from: 'projects.project p', where: null, partitionBy: 'p.company_id' },
      byName, { ...window, after: null }, new SqlParameters(), { totalCount: true, partitionKeys: ['kmk-investment', 'almerek'] },
    );
    expect(query.sql).toContain('FROM unnest($1::text[]) AS parent(key)');
    // Counted once per parent (in the materialized meta), paged once per parent (laterally).
    expect(query.sql).toContain('WITH meta AS MATERIALIZED');
    expect(query.sql).toContain('(SELECT count(*)::int FROM projects.project p WHERE p.company_id = parent.key)');
    expect(query.sql).toContain('WHERE p.company_id = meta.__page_partition');
    expect(query.parameters).toEqual([['kmk-investment', 'almerek'], 11]);
  });
});

describe('readPages', () => {
  const scope = scopeOf(byName);
  const row = (parent: string | null, id: string | null, extra: Record<string, unknown> = {}) => ({
    __page_partition: parent, __page_total: 3, __page_before_after: false, __page_after_before: false,
    id, __page_key_0: id?.toUpperCase() ?? null, __page_key_1: id, ...extra,
  });
  const read = (rows: Array<Record<string, unknown>>, window: PageWindow) =>
    readPages(rows, { ordering: byName, window, scope, codec, idColumn: 'id', toNode: (r: { id: string }) => r.id });

  it('keeps the page size, says more follow, and signs each row\'s cursor', () => {
    const page = read([row(null, 'a'), row(null, 'b'), row(null, 'c')], { size: 2, forward: true, after: null, before: null }).get(null)!;
    expect(page.nodes).toEqual(['a', 'b']);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(codec.decode(page.pageInfo.endCursor!, scope, 'after')).toEqual(['B', 'b']);
    expect(page.edges[0]!.cursor).toBe(page.pageInfo.startCursor);
    expect(page.totalCount).toBe(3);
  });

  it('puts a page read backwards back in the list\'s order', () => {
    const page = read([row(null, 'c', { __page_before_after: true }), row(null, 'b'), row(null, 'a')], { size: 2, forward: false, after: null, before: null }).get(null)!;
    expect(page.nodes).toEqual(['b', 'c']);
    expect(page.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('answers an empty page for a parent with no rows', () => {
    const pages = read([row('x', null), row('y', 'a')], { size: 2, forward: true, after: null, before: null });
    expect(pages.get('x')).toMatchObject({ nodes: [], edges: [], pageInfo: { startCursor: null, endCursor: null, hasNextPage: false } });
    expect(pages.get('y')!.nodes).toEqual(['a']);
  });
});

describe('PageLoader', () => {

  it('reads the pages of every parent asking the same, in one batch per distinct request', async () => {
    const batches: Array<{ keys: readonly string[]; filter: unknown }> = [];
    const loader = new PageLoader<{ status: string } | null, string>(async (keys, _request, filter) => {
      batches.push({ keys, filter });
      return new Map(keys.map((key) => [key, { edges: [], nodes: [key], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, totalCount: null }]));
    });
    const request = readPageRequest({ first: 5 }, { connection: 'Company.projects', ordering: byName, codec, info: { fieldNodes: [], fragments: {} } });
    const pages = await Promise.all([
      loader.load('a', request, null),
      loader.load('b', request, null),
      loader.load('a', request, { status: 'OPERATING' }),
    ]);
    expect(pages.map((page) => page.nodes)).toEqual([['a'], ['b'], ['a']]);
    expect(batches).toEqual([{ keys: ['a', 'b'], filter: null }, { keys: ['a'], filter: { status: 'OPERATING' } }]);
  });
});
