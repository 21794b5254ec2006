/**
 * Input that cannot reach the database malformed, through the gateway: a string holding a NUL or
 * half a surrogate pair is BAD_USER_INPUT naming the argument and the path inside it, and an
 * argument or variable too deep, too large or with too long a string is refused before anything
 * runs, with a short BAD_USER_INPUT that echoes nothing of the input; inline literals and
 * variables alike. Every refusal is HTTP 400, and no subgraph is asked.
 */
import { SUBGRAPH_NAMES } from '@azg/core/registry';
import { createKey, withKey } from './support/keys';
import { dataOf, type GraphQLResult } from './support/graphql';
import { sharedStack } from './support/shared-stack';
import { gatewaySigned, PARTNER, postBody } from './support/subgraph';

/** The shared stack: this file reads, and its one write (refused before it runs) changes nothing; its key is its own. */
const stack = sharedStack();
let editorKey: string;

beforeAll(async () => {
  editorKey = await createKey(stack.databaseUrl, 'input limits', 'editor');
}, 60_000);

/** Asks the gateway with a request id of the test's own, so the subgraphs' logs can be searched for it. */
async function ask(id: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<GraphQLResult> {
  return stack.query(query, variables, { 'x-request-id': id, ...headers });
}

/** Whether any subgraph logged a request with this id. */
function reachedSubgraphs(id: string): boolean {
  return (['projects', 'companies', 'land', 'workforce'] as const).some((name) => stack.logLines(name).some((line) => line.includes(`"reqId":"${id}"`)));
}

/**
 * A refusal at the gateway must not fan out: after the refused request, one that does reach the
 * projects and companies subgraphs is sent, and once its lines are in their logs (each logs in
 * order) the refused request's id must be in none.
 */
async function expectNeverFannedOut(id: string): Promise<void> {
  const control = `${id}-control`;
  dataOf(await ask(control, '{ searchCompanies(text: "almerek") { company { id } } searchProjects(text: "plant") { project { id } } }'));
  const deadline = Date.now() + 10_000;
  const logged = (name: 'projects' | 'companies') => stack.logLines(name).some((line) => line.includes(`"reqId":"${control}"`));
  while (!(logged('projects') && logged('companies')) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(logged('projects') && logged('companies')).toBe(true);
  expect(reachedSubgraphs(id)).toBe(false);
}

/** The one refusal of `result`: HTTP 400, one BAD_USER_INPUT error, with these extensions. */
function expectRefused(result: GraphQLResult, extensions: Record<string, unknown>): string {
  expect(result.status).toBe(400);
  expect(result.body.data).toBeUndefined();
  expect(result.body.errors).toHaveLength(1);
  expect(result.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', ...extensions });
  return result.body.errors![0]!.message;
}

/** `{ and: [ { and: [ … { sector: { in: [MANUFACTURING] } } … ] } ] }`, `levels` filters deep, built without recursion. */
function nestedFilter(levels: number, combinator: 'and' | 'or' = 'and'): Record<string, unknown> {
  let filter: Record<string, unknown> = { companyId: { in: ['almerek'] } };
  for (let level = 1; level < levels; level += 1) filter = { [combinator]: [filter] };
  return filter;
}

describe('characters the database cannot store', () => {
  it('a NUL in searchCompanies(text:), inline: BAD_USER_INPUT naming the argument, before any subgraph is asked', async () => {
    const result = await ask('nul-inline-1', '{ searchCompanies(text: "a\\u0000b") { company { id } } }');
    const message = expectRefused(result, { argument: 'text', field: 'text' });
    expect(message).toMatch(/^text holds a character that cannot be stored/);
    await expectNeverFannedOut('nul-inline-1');
  });

  it('a NUL in searchProjects(text:) as a variable: the argument and the variable', async () => {
    const result = await ask('nul-variable-1', 'query Search($text: String!) { searchProjects(text: $text) { project { id } } }', { text: 'plant\u0000' });
    expectRefused(result, { argument: 'text', variable: 'text', field: 'text' });
    await expectNeverFannedOut('nul-variable-1');
  });

  it('a lone surrogate in a search variable', async () => {
    const result = await ask('surrogate-1', 'query ($text: String!) { searchCompanies(text: $text) { company { id } } }', { text: 'Алматы \ud800' });
    expectRefused(result, { argument: 'text', variable: 'text', field: 'text' });
  });

  it('a NUL in updateProject\'s progress text: the path inside the input, and nothing written', async () => {
    const update = 'mutation ($input: UpdateProjectInput!) { updateProject(id: "valtherm-radiator-plant", version: 1, input: $input) { id progress } }';
    const result = await ask('nul-write-1', update, { input: { progress: 'half built\u0000' } }, withKey(editorKey));
    expectRefused(result, { argument: 'input', variable: 'input', field: 'input.progress' });
    await expectNeverFannedOut('nul-write-1');
    const inline = await ask('nul-write-2', 'mutation { updateProject(id: "valtherm-radiator-plant", version: 1, input: { progress: "x\\u0000" }) { id } }', {}, withKey(editorKey));
    expectRefused(inline, { argument: 'input', field: 'input.progress' });
    const after = dataOf(await stack.query<{ project: { progress: string | null } }>('{ project(id: "valtherm-radiator-plant") { progress } }'));
    expect(after.project.progress ?? '').not.toContain('\u0000');
  });

  it('an id inside a filter, inline or as a variable used inside the literal: the path through both', async () => {
    const inline = await ask('nul-filter-1', '{ projects(filter: { or: [{ status: { in: [PLANNED] } }, { companyId: { in: ["almerek", "x\\u0000"] } }] }) { totalCount } }');
    expectRefused(inline, { argument: 'filter', field: 'filter.or[1].companyId.in[1]' });
    const nested = await ask('nul-filter-2', 'query ($company: ID!) { projectStats(filter: { companyId: { in: [$company] } }, groupBy: STATUS) { count } }', { company: 'a\u0000' });
    expectRefused(nested, { argument: 'filter', variable: 'company', field: 'filter.companyId.in[0]' });
  });

  it('text in Kazakh, Russian or with an emoji still reaches the search', async () => {
    for (const text of ['Алматы', 'Алмерек', 'plant \ud83c\udfed']) {
      const result = await stack.query('query ($text: String!) { searchCompanies(text: $text) { company { id } } }', { text });
      expect([text, result.status, result.body.errors]).toEqual([text, 200, undefined]);
    }
  });
});

describe('nesting and size limits', () => {
  it.each([
    ['projects', 'query ($f: ProjectFilter) { projects(filter: $f) { totalCount } }'],
    ['projectStats', 'query ($f: ProjectFilter) { projectStats(filter: $f, groupBy: STATUS) { count } }'],
    ['companies', 'query ($f: CompanyFilter) { companies(filter: $f) { totalCount } }'],
  ])('a %s filter nested 5,000 deep in a variable: a short BAD_USER_INPUT naming the limit and the argument', async (field, query) => {
    const id = `deep-${field}`;
    const innermost = JSON.stringify(field === 'companies' ? { zoneParticipant: true } : nestedFilter(1));
    // Written out: JSON.stringify would overflow the test's own stack first.
    const deep = `${'{"or":['.repeat(4_999)}${innermost}${']}'.repeat(4_999)}`;
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': id },
      body: `{"query":${JSON.stringify(query)},"variables":{"f":${deep}}}`,
    });
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(JSON.parse(text)).toEqual({
      errors: [{
        message: 'Variable "$f" (argument "filter") is nested more than 31 levels deep.',
        extensions: { code: 'BAD_USER_INPUT', limit: 'inputDepth', argument: 'filter', variable: 'f' },
      }],
    });
    // The whole answer is short: no path, no value echoed back.
    expect(text.length).toBeLessThan(300);
    await expectNeverFannedOut(id);
  });

  it('an inline literal nested past the limit is refused the same way', async () => {
    const literal = `${'{ not: '.repeat(34)}{ zoneParticipant: true }${' }'.repeat(34)}`;
    const result = await ask('deep-inline', `{ companies(filter: ${literal}) { totalCount } }`);
    expect(expectRefused(result, { limit: 'inputDepth', argument: 'filter' })).toBe('Argument "filter" is nested more than 31 levels deep.');
  });

  it('the deepest filter the lists accept (and/or/not five levels) is still answered', async () => {
    const result = await stack.query('query ($f: ProjectFilter) { projects(filter: $f) { totalCount } }', { f: { not: nestedFilter(4, 'or') } });
    expect(dataOf(result)).toEqual({ projects: { totalCount: expect.any(Number) } });
  });

  it('a list of more than 1,000 values is refused; a few hundred are answered', async () => {
    const ids = (count: number) => Array.from({ length: count }, (_, index) => `company-${index}`);
    const query = 'query ($f: ProjectFilter) { projects(filter: $f) { totalCount } }';
    const refused = await ask('wide-1', query, { f: { companyId: { in: ids(1_000) } } });
    expect(expectRefused(refused, { limit: 'inputValues', argument: 'filter', variable: 'f' })).toBe('Variable "$f" (argument "filter") holds more than 1000 values.');
    await expectNeverFannedOut('wide-1');
    expect(dataOf(await stack.query(query, { f: { companyId: { in: ids(300) } } }))).toEqual({ projects: { totalCount: 0 } });
  });

  it('a string longer than 10,000 characters is refused without being quoted back', async () => {
    const response = await ask('long-1', 'query ($text: String!) { searchProjects(text: $text) { project { id } } }', { text: 'ж'.repeat(10_001) });
    expect(expectRefused(response, { limit: 'stringLength', argument: 'text', variable: 'text' })).toBe('Variable "$text" (argument "text") holds a string longer than 10000 characters.');
    expect(JSON.stringify(response.body)).not.toContain('жж');
  });
});

describe('every subgraph, asked directly (as only the gateway may)', () => {
  /** POSTs an operation straight to a subgraph, signed for it as the gateway signs, under `requestId`. */
  const postSignedAs = (url: string, query: string, variables: Record<string, unknown>, requestId: string): Promise<GraphQLResult> => {
    const body = JSON.stringify({ query, variables });
    return postBody(url, body, { ...gatewaySigned(url, body, PARTNER, stack.identitySecret), 'x-request-id': requestId });
  };
  /** An entity each subgraph resolves by key. */
  const ENTITY = { projects: 'Project', companies: 'Company', land: 'Project', workforce: 'Project' } as const;
  const ENTITIES = 'query ($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }';

  it.each(SUBGRAPH_NAMES)('%s refuses a NUL in a variable with BAD_USER_INPUT, not an internal error', async (name) => {
    const requestId = `subgraph-nul-${name}`;
    const result = await postSignedAs(stack.subgraphUrls[name], ENTITIES, { representations: [{ __typename: ENTITY[name], id: 'a\u0000' }] }, requestId);
    expectRefused(result, { argument: 'representations', variable: 'representations', field: 'representations[0].id' });
  });

  it.each(SUBGRAPH_NAMES)('%s refuses a variable nested past the limit, but counts no representations against the size limit', async (name) => {
    const requestId = `subgraph-deep-${name}`;
    const deep = await postSignedAs(stack.subgraphUrls[name], ENTITIES, { representations: [{ __typename: ENTITY[name], id: 'x', extra: nestedFilter(20) }] }, requestId);
    expectRefused(deep, { limit: 'inputDepth', argument: 'representations', variable: 'representations' });
    // 1,200 representations: 3,600 values, past the 1,000 a client's argument may hold, as a page of references can be.
    const many = Array.from({ length: 1_200 }, (_, index) => ({ __typename: ENTITY[name], id: `no-such-record-${index}` }));
    const answered = await postSignedAs(stack.subgraphUrls[name], ENTITIES, { representations: many }, `${requestId}-many`);
    expect([answered.status, answered.body.errors]).toEqual([200, undefined]);
    expect((answered.body.data as { _entities: unknown[] })._entities).toHaveLength(1_200);
  });
});
