import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import {
  buildSchema, GraphQLInputObjectType, isInputObjectType, isListType, isNonNullType, type GraphQLFormattedError, type GraphQLInputType,
} from 'graphql';
import { MAX_FILTER_DEPTH } from '../pagination/filter';
import { INPUT_LIMIT_SETTINGS, inputLimitsPlugin, isStorableText, readInputLimits, type InputLimits, type InputLimitsOptions } from './input-limits';

const schema = buildSchema(`
  input Filter { and: [Filter!] or: [Filter!] not: Filter name: String }
  scalar _Any
  type Query {
    things(filter: Filter, text: String, ids: [ID!]): Int
    entities(representations: [_Any!]!): Int
  }
`);

const LIMITS: InputLimits = { maxInputDepth: 6, maxInputValues: 10, maxStringLength: 20 };

let server: ApolloServer;

async function start(options: Partial<InputLimitsOptions> = {}): Promise<void> {
  await server?.stop();
  server = new ApolloServer({
    schema,
    plugins: [inputLimitsPlugin({ limits: LIMITS, exposeLimits: true, ...options })],
  });
  await server.start();
}

beforeEach(async () => start());
afterAll(async () => server?.stop());

/** `ran`: execution started (the schema has no resolvers, so an executed operation answers `{ things: null }`). */
interface Answer { status: number | undefined; errors: readonly GraphQLFormattedError[] | undefined; ran: boolean }

async function ask(query: string, variables?: Record<string, unknown>): Promise<Answer> {
  const response = await server.executeOperation({ query, variables });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return { status: response.http.status, errors: response.body.singleResult.errors, ran: response.body.singleResult.data != null };
}

/** `{ and: [ { and: [ … { name: "x" } … ] } ] }`, `levels` filters deep, built without recursion. */
function nestedFilter(levels: number): Record<string, unknown> {
  let filter: Record<string, unknown> = { name: 'x' };
  for (let level = 1; level < levels; level += 1) filter = { and: [filter] };
  return filter;
}

describe('isStorableText', () => {
  it.each([
    ['plain text', 'Almaty', true],
    ['Kazakh', 'Алматы қаласы', true],
    ['a paired surrogate (an emoji)', 'plant \ud83c\udfed', true],
    ['the replacement character itself', '\ufffd', true],
    ['a NUL', 'a\u0000b', false],
    ['a lone high surrogate', 'a\ud800', false],
    ['a lone low surrogate', '\udfffb', false],
    ['surrogates in the wrong order', '\udc00\ud800', false],
  ])('%s: %s', (_case, text, storable) => {
    expect(isStorableText(text)).toBe(storable);
  });
});

describe('characters the database cannot store', () => {
  it('in an inline argument: BAD_USER_INPUT naming the argument, HTTP 400, nothing executed', async () => {
    const answer = await ask('{ things(text: "a\\u0000b") }');
    expect(answer).toEqual({
      status: 400,
      ran: false,
      errors: [{
        message: 'text holds a character that cannot be stored: a NUL (\\u0000) or half of a UTF-16 surrogate pair.',
        extensions: { code: 'BAD_USER_INPUT', argument: 'text', field: 'text' },
      }],
    });
  });

  it('deep in a variable: the path inside the argument, and the variable', async () => {
    const answer = await ask('query ($f: Filter) { things(filter: $f) }', { f: { or: [{ name: 'ok' }, { not: { name: 'a\u0000' } }] } });
    expect(answer.status).toBe(400);
    expect(answer.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'filter', variable: 'f', field: 'filter.or[1].not.name' });
  });

  it('in a variable used inside an inline object: the path through the literal', async () => {
    const answer = await ask('query ($n: String) { things(filter: { and: [{ name: "ok" }, { name: $n }] }) }', { n: 'lone \ud800' });
    expect(answer.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'filter', variable: 'n', field: 'filter.and[1].name' });
    expect(answer.ran).toBe(false);
  });

  it('in a list of ids, and in a variable\'s default', async () => {
    expect((await ask('query ($ids: [ID!]) { things(ids: $ids) }', { ids: ['a', 'b\u0000'] })).errors?.[0]?.extensions?.field).toBe('ids[1]');
    expect((await ask('query ($t: String = "x\\u0000") { things(text: $t) }')).errors?.[0]?.extensions)
      .toEqual({ code: 'BAD_USER_INPUT', argument: 'text', variable: 't', field: 'text' });
  });

  it('in an object key', async () => {
    const answer = await ask('query ($f: Filter) { things(filter: $f) }', { f: { 'na\u0000me': 'x' } });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter', field: 'filter.…' });
  });

  it('lets every storable string through to execution', async () => {
    const answer = await ask('query ($f: Filter) { things(filter: $f, text: "Алматы \ud83c\udfed") }', { f: { name: 'plant \ud83c\udfed' } });
    expect(answer).toEqual({ status: undefined, errors: undefined, ran: true });
  });
});

describe('nesting and size limits', () => {
  it('depth: a variable nested 5,000 levels is refused short, with no path and no value', async () => {
    const answer = await ask('query ($f: Filter) { things(filter: $f) }', { f: nestedFilter(5_000) });
    expect(answer).toEqual({
      status: 400,
      ran: false,
      errors: [{
        message: 'Variable "$f" (argument "filter") is nested more than 6 levels deep.',
        extensions: { code: 'BAD_USER_INPUT', limit: 'inputDepth', argument: 'filter', variable: 'f' },
      }],
    });
  });

  it('depth counts objects and lists: just under passes, just over is refused, inline as in variables', async () => {
    // nestedFilter(3): object, list, object, list, object: 5 levels; (4) is 7.
    expect((await ask('query ($f: Filter) { things(filter: $f) }', { f: nestedFilter(3) })).ran).toBe(true);
    expect((await ask('query ($f: Filter) { things(filter: $f) }', { f: { not: nestedFilter(3) } })).ran).toBe(true);
    expect((await ask('query ($f: Filter) { things(filter: $f) }', { f: nestedFilter(4) })).errors?.[0]?.extensions?.limit).toBe('inputDepth');
    const inline = (levels: number) => `{ things(filter: ${'{ and: ['.repeat(levels - 1)}{ name: "x" }${'] }'.repeat(levels - 1)}) }`;
    expect((await ask(inline(3))).ran).toBe(true);
    expect((await ask(inline(4))).errors?.[0]).toEqual({
      message: 'Argument "filter" is nested more than 6 levels deep.',
      extensions: { code: 'BAD_USER_INPUT', limit: 'inputDepth', argument: 'filter' },
    });
  });

  it('values: list items and object fields, at every level, counted per argument', async () => {
    const ids = (count: number) => Array.from({ length: count }, (_, index) => `id-${index}`);
    expect((await ask('query ($ids: [ID!]) { things(ids: $ids) }', { ids: ids(10) })).ran).toBe(true);
    expect((await ask('query ($ids: [ID!]) { things(ids: $ids) }', { ids: ids(11) })).errors?.[0]).toEqual({
      message: 'Variable "$ids" (argument "ids") holds more than 10 values.',
      extensions: { code: 'BAD_USER_INPUT', limit: 'inputValues', argument: 'ids', variable: 'ids' },
    });
    // 1 (or) + 6 items + 6 names = 13.
    const wide = { or: Array.from({ length: 6 }, () => ({ name: 'x' })) };
    expect((await ask('query ($f: Filter) { things(filter: $f) }', { f: wide })).errors?.[0]?.extensions?.limit).toBe('inputValues');
    expect((await ask(`{ things(ids: [${ids(11).map((id) => `"${id}"`).join(', ')}]) }`)).errors?.[0]?.extensions?.limit).toBe('inputValues');
  });

  it('string length: the string is never quoted back', async () => {
    expect((await ask('query ($t: String) { things(text: $t) }', { t: 'y'.repeat(20) })).ran).toBe(true);
    const answer = await ask('query ($t: String) { things(text: $t) }', { t: 'y'.repeat(21) });
    expect(answer.errors).toEqual([{
      message: 'Variable "$t" (argument "text") holds a string longer than 20 characters.',
      extensions: { code: 'BAD_USER_INPUT', limit: 'stringLength', argument: 'text', variable: 't' },
    }]);
  });

  it('in production, names the limit and the argument but no number', async () => {
    await start({ exposeLimits: false });
    const answer = await ask('query ($f: Filter) { things(filter: $f) }', { f: nestedFilter(50) });
    expect(answer.errors).toEqual([{
      message: 'Variable "$f" (argument "filter") is nested too deeply.',
      extensions: { code: 'BAD_USER_INPUT', limit: 'inputDepth', argument: 'filter', variable: 'f' },
    }]);
  });

  it('types listed as uncounted (a subgraph\'s representations) skip the value count, not depth or characters', async () => {
    const representations = Array.from({ length: 50 }, (_, index) => ({ __typename: 'Thing', id: `t${index}` }));
    const query = 'query ($representations: [_Any!]!) { entities(representations: $representations) }';
    expect((await ask(query, { representations })).errors?.[0]?.extensions?.limit).toBe('inputValues');
    await start({ uncountedTypes: ['_Any'] });
    expect((await ask(query, { representations })).ran).toBe(true);
    expect((await ask(query, { representations: [{ __typename: 'Thing', id: 'a\u0000' }] })).errors?.[0]?.extensions?.field).toBe('representations[0].id');
    expect((await ask(query, { representations: [nestedFilter(10)] })).errors?.[0]?.extensions?.limit).toBe('inputDepth');
  });
});

/** The deepest value `type` legitimately takes: a filter type may hold itself MAX_FILTER_DEPTH levels deep, no more. */
function deepestLegitimate(type: GraphQLInputType, filtersAbove: Map<string, number> = new Map()): number {
  if (isNonNullType(type)) return deepestLegitimate(type.ofType, filtersAbove);
  if (isListType(type)) return 1 + deepestLegitimate(type.ofType as GraphQLInputType, filtersAbove);
  if (!isInputObjectType(type)) return 0;
  const seen = (filtersAbove.get(type.name) ?? 0) + 1;
  if (seen > MAX_FILTER_DEPTH) return Number.NEGATIVE_INFINITY;
  const inner = new Map(filtersAbove).set(type.name, seen);
  const fields = Object.values((type as GraphQLInputObjectType).getFields()).map((field) => deepestLegitimate(field.type, inner));
  return 1 + Math.max(0, ...fields);
}

describe('the defaults', () => {
  it('leave at least 10 levels above the deepest argument the API schema accepts', () => {
    const api = buildSchema(readFileSync(path.resolve(__dirname, '../../../../schema/api.graphql'), 'utf8'));
    const fields = Object.values(api.getQueryType()!.getFields()).concat(Object.values(api.getMutationType()!.getFields()));
    const deepest = Math.max(...fields.flatMap((field) => field.args.map((arg) => deepestLegitimate(arg.type))));
    expect(deepest).toBeGreaterThanOrEqual(11);
    expect(INPUT_LIMIT_SETTINGS.maxInputDepth.fallback).toBeGreaterThanOrEqual(deepest + 10);
  });

  it('are read from the environment, a bad value naming its variable', () => {
    expect(readInputLimits({})).toEqual({ maxInputDepth: 31, maxInputValues: 1000, maxStringLength: 10_000 });
    expect(readInputLimits({ LIMIT_MAX_INPUT_DEPTH: '30', LIMIT_MAX_STRING_LENGTH: '500' })).toMatchObject({ maxInputDepth: 30, maxStringLength: 500 });
    expect(() => readInputLimits({ LIMIT_MAX_INPUT_VALUES: '0' })).toThrow('LIMIT_MAX_INPUT_VALUES');
  });
});
