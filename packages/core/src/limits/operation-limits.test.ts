import { buildSchema, GraphQLError, parse, specifiedRules, validate, type GraphQLFormattedError } from 'graphql';
import {
  formatLimitError, OPERATION_LIMIT_EXCEEDED, operationLimitRules, readOperationLimits, subgraphOperationLimits, type OperationLimits,
} from './operation-limits';

const schema = buildSchema(`
  type Query { node: Node nodes: [Node!]! a: Int b: Int c: Int d: Int }
  type Node { id: ID! name: String child: Node }
`);

/** Generous everywhere, so a test tightens only the limit it is about. */
const OPEN: OperationLimits = {
  maxDepth: 100, maxAliases: 100, maxDirectives: 100, maxTokens: 10_000, maxCost: 1_000_000, maxRootFields: 100, maxSelections: 100_000, maxValidationErrors: 100,
};

/** Parses and validates `query` as Apollo would; returns the limit refusals, formatted as a client reads them. */
function refusals(query: string, limits: Partial<OperationLimits>, exposeLimits = true): GraphQLFormattedError[] {
  const all = { ...OPEN, ...limits };
  let errors: readonly GraphQLError[];
  try {
    errors = validate(schema, parse(query, { maxTokens: all.maxTokens }), [...specifiedRules, ...operationLimitRules(all, exposeLimits)]);
  } catch (error) {
    // What Apollo does with a parse failure: GRAPHQL_PARSE_FAILED, then formatError.
    errors = [new GraphQLError((error as Error).message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
    return errors.map((item) => formatLimitError({ message: item.message, extensions: item.extensions }, all, exposeLimits));
  }
  // What Apollo does with a validation error: GRAPHQL_VALIDATION_FAILED over the error's own extensions, then formatError.
  return errors.map((item) => formatLimitError(
    { message: item.message, extensions: { ...item.extensions, code: 'GRAPHQL_VALIDATION_FAILED' } }, all, exposeLimits,
  ));
}

function limitsRefused(query: string, limits: Partial<OperationLimits>): unknown[] {
  return refusals(query, limits).map((error) => error.extensions?.limit);
}

describe('each limit, just under and just over', () => {
  it('depth counts nested fields, through fragments, which add no level of their own', () => {
    expect(limitsRefused('{ node { child { id } } }', { maxDepth: 3 })).toEqual([]);
    expect(limitsRefused('{ node { child { child { id } } } }', { maxDepth: 3 })).toEqual(['depth']);
    expect(limitsRefused('{ node { ... on Node { child { id } } } }', { maxDepth: 3 })).toEqual([]);
    expect(limitsRefused('{ node { ...F } } fragment F on Node { child { child { id } } }', { maxDepth: 3 })).toEqual(['depth']);
  });

  it('aliases count every alias, __typename aliases included', () => {
    expect(limitsRefused('{ x: node { id } y: node { id } }', { maxAliases: 2 })).toEqual([]);
    expect(limitsRefused('{ x: node { id } y: node { id } z: node { id } }', { maxAliases: 2 })).toEqual(['aliases']);
    expect(limitsRefused('{ x: __typename y: __typename }', { maxAliases: 2 })).toEqual([]);
    expect(limitsRefused('{ x: __typename y: __typename z: __typename }', { maxAliases: 2 })).toEqual(['aliases']);
    expect(limitsRefused('{ node { ...F ...G } } fragment F on Node { x: id } fragment G on Node { y: id z: name }', { maxAliases: 2 })).toEqual(['aliases']);
  });

  it('directives count everywhere, fragments included', () => {
    expect(limitsRefused('{ node @include(if: true) { id @skip(if: false) } }', { maxDirectives: 2 })).toEqual([]);
    expect(limitsRefused('{ node @include(if: true) { id @skip(if: false) name @skip(if: false) } }', { maxDirectives: 2 })).toEqual(['directives']);
    expect(limitsRefused('{ node { ...F @include(if: true) } } fragment F on Node { id @skip(if: false) name @skip(if: false) }', { maxDirectives: 2 })).toEqual(['directives']);
  });

  it('tokens bound the document before it is parsed', () => {
    // `{`, eight names, `}`: ten tokens.
    expect(limitsRefused('{ a b c d a b c d }', { maxTokens: 10 })).toEqual([]);
    expect(limitsRefused('{ a b c d a b c d a }', { maxTokens: 10 })).toEqual(['tokens']);
  });

  it('cost weighs objects more than leaves, and deeper levels more than shallow ones', () => {
    // A leaf costs 1; an object 2 plus 1.5 times its children.
    expect(limitsRefused('{ a b c }', { maxCost: 3 })).toEqual([]);
    expect(limitsRefused('{ a b c d }', { maxCost: 3 })).toEqual(['cost']);
    expect(limitsRefused('{ node { id } }', { maxCost: 3.5 })).toEqual([]);
    expect(limitsRefused('{ node { id name } }', { maxCost: 3.5 })).toEqual(['cost']);
  });

  it('root fields count what sits right under the operation, through fragments, a fragment spread twice once', () => {
    expect(limitsRefused('{ a b }', { maxRootFields: 2 })).toEqual([]);
    expect(limitsRefused('{ a b c }', { maxRootFields: 2 })).toEqual(['rootFields']);
    expect(limitsRefused('{ ...F } fragment F on Query { a b c }', { maxRootFields: 2 })).toEqual(['rootFields']);
    expect(limitsRefused('{ ...F ...F } fragment F on Query { a b }', { maxRootFields: 2 })).toEqual([]);
    expect(limitsRefused('{ a ... on Query { b c } }', { maxRootFields: 2 })).toEqual(['rootFields']);
  });
});

describe('what a refused client reads', () => {
  it('outside production: the limit, what was found, and OPERATION_LIMIT_EXCEEDED', () => {
    expect(refusals('{ node { child { child { id } } } }', { maxDepth: 3 })).toEqual([
      { message: 'Query depth limit of 3 exceeded, found 4.', extensions: { code: OPERATION_LIMIT_EXCEEDED, limit: 'depth' } },
    ]);
    expect(refusals('{ a b c }', { maxTokens: 4 })).toEqual([
      { message: 'Token limit of 4 exceeded.', extensions: { code: OPERATION_LIMIT_EXCEEDED, limit: 'tokens' } },
    ]);
  });

  it.each([
    ['depth', '{ node { child { child { id } } } }', { maxDepth: 3 }],
    ['aliases', '{ x: a y: b z: c }', { maxAliases: 2 }],
    ['directives', '{ a @skip(if: false) b @skip(if: false) c @skip(if: false) }', { maxDirectives: 2 }],
    ['tokens', '{ a b c d }', { maxTokens: 4 }],
    ['cost', '{ a b c d }', { maxCost: 3 }],
    ['rootFields', '{ a b c }', { maxRootFields: 2 }],
  ] as const)('in production, the %s limit is named but never its value or what was found', (limit, query, limits) => {
    const [error] = refusals(query, limits, false);
    expect(error?.extensions).toEqual({ code: OPERATION_LIMIT_EXCEEDED, limit });
    expect(error?.message).not.toMatch(/\d/);
    expect(error?.message).toMatch(/^The operation /);
  });

  it('leaves every other error as it was', () => {
    const formatted = { message: 'Cannot query field "x" on type "Query".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
    expect(formatLimitError(formatted, OPEN, false)).toBe(formatted);
    const syntax = { message: 'Syntax Error: Expected Name, found <EOF>.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } };
    expect(formatLimitError(syntax, OPEN, false)).toBe(syntax);
  });
});

describe('readOperationLimits', () => {
  it('has defaults for a public API, and reads each variable', () => {
    expect(readOperationLimits({})).toEqual({
      maxDepth: 10, maxAliases: 15, maxDirectives: 20, maxTokens: 1000, maxCost: 50_000, maxRootFields: 10, maxSelections: 5000, maxValidationErrors: 10,
    });
    expect(readOperationLimits({ LIMIT_MAX_DEPTH: '7', LIMIT_MAX_COST: '900' })).toMatchObject({ maxDepth: 7, maxCost: 900 });
  });

  it('refuses a limit of 0 or a word, naming the variable', () => {
    expect(() => readOperationLimits({ LIMIT_MAX_ALIASES: '0' })).toThrow('LIMIT_MAX_ALIASES must be a whole number from 1 to 1000000, got "0"');
    expect(() => readOperationLimits({ LIMIT_MAX_TOKENS: 'many' })).toThrow('LIMIT_MAX_TOKENS');
  });
});

describe('subgraphOperationLimits', () => {
  it('doubles what the query planner adds to (tokens, cost, selections) and keeps the rest', () => {
    const limits = readOperationLimits({});
    expect(subgraphOperationLimits(limits)).toEqual({ ...limits, maxTokens: 2000, maxCost: 100_000, maxSelections: 10000 });
  });
});
