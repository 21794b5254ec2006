import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  getNamedType, GraphQLError, Kind, typeFromAST, visit, type ArgumentNode, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode,
  type ValueNode,
} from 'graphql';
import { readLimitSettings, type LimitSettings } from './limit-settings';
import { ErrorCode } from '../errors/errors';

type Env = Record<string, string | undefined>;

/**
 * How large one input value may be: an argument written in the operation, or a variable. Checked
 * on the raw values before graphql-js coerces them, since coercion recurses (a filter nested
 * 5,000 levels deep overflows its stack) and its errors quote the value and its whole path.
 */
export interface InputLimits {
  /** Objects and lists nested in one value (`{ and: [{ name: "x" }] }` is 3 deep). */
  maxInputDepth: number;
  /** Object fields and list items in one value, counted at every level. */
  maxInputValues: number;
  /** Characters in one string (and in one object key). */
  maxStringLength: number;
}

/**
 * The defaults, and the environment variable that overrides each. The deepest value the schema
 * accepts is a project filter with `and`/`or` at its 5 allowed levels holding a company filter
 * with its own 5, and a name condition inside: 21 levels (`input-limits.test.ts` measures it on
 * the API schema); 31 leaves 10 to spare. The
 * largest write holds some 250 values (100 project ids and 20 sources), the longest string is a
 * 2,000-character source quote.
 */
export const INPUT_LIMIT_SETTINGS: LimitSettings<InputLimits> = {
  maxInputDepth: { variable: 'LIMIT_MAX_INPUT_DEPTH', fallback: 31 },
  maxInputValues: { variable: 'LIMIT_MAX_INPUT_VALUES', fallback: 1000 },
  maxStringLength: { variable: 'LIMIT_MAX_STRING_LENGTH', fallback: 10_000 },
};

/** Reads every input limit; a malformed value fails at start-up, naming the variable. */
export function readInputLimits(env: Env = process.env): InputLimits {
  return readLimitSettings<InputLimits>(INPUT_LIMIT_SETTINGS, env);
}

/** Which input limit refused a value, as `extensions.limit` names it. */
export type InputLimitName = 'inputDepth' | 'inputValues' | 'stringLength';

/**
 * Characters PostgreSQL's UTF8 text refuses (NUL: "invalid byte sequence") or cannot hold as sent
 * (half of a UTF-16 surrogate pair, which the driver would store as U+FFFD, silently changed).
 * With the `u` flag a paired surrogate is one code point, never `\p{Cs}`.
 */
const UNSTORABLE = /[\u0000\p{Cs}]/u;

/** Whether PostgreSQL can store `text` exactly as it is. */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** Where a value came from, as the refusal names it: the argument, and the variable when it was one. */
interface InputSite {
  /** The argument the value is given to (for a variable, where it is first used); null for a variable's default or an unused one. */
  argument: string | null;
  /** The path to the value inside the operation: `filter`, `filter.name` for `filter: { name: $n }`. */
  path: string;
  variable?: string;
}

/** The value shapes the walk reads: parsed JSON (variables) or literals of the document. */
interface ValueShape<Value> {
  /** The value's fields or items, or null for a leaf. */
  children(value: Value): Array<[string | number, Value]> | null;
  /** The value's text when it is a string. */
  text(value: Value): string | undefined;
  /** Called for each variable met inside a literal, with its path. */
  variable?(value: Value, path: () => string): void;
}

const JSON_SHAPE: ValueShape<unknown> = {
  children: (value) => {
    if (value === null || typeof value !== 'object') return null;
    return Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
  },
  text: (value) => (typeof value === 'string' ? value : undefined),
};

function literalShape(onVariable: (name: string, path: string) => void): ValueShape<ValueNode> {
  return {
    children: (value) => {
      if (value.kind === Kind.OBJECT) return value.fields.map((field) => [field.name.value, field.value]);
      if (value.kind === Kind.LIST) return value.values.map((item, index) => [index, item]);
      return null;
    },
    text: (value) => (value.kind === Kind.STRING ? value.value : undefined),
    variable: (value, path) => {
      if (value.kind === Kind.VARIABLE) onVariable(value.name.value, path());
    },
  };
}

interface Frame<Value> {
  value: Value;
  depth: number;
  key?: string | number;
  parent?: Frame<Value>;
}

/** A refusal found by the walk, before it is worded. */
type InputProblem = { limit: InputLimitName } | { unstorable: string };

/** Longest path a refusal quotes; a longer one is cut, so no refusal echoes a long input back. */
const MAX_QUOTED_PATH = 120;
const PLAIN_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

function pathOf<Value>(prefix: string, frame: Frame<Value>): string {
  const keys: Array<string | number> = [];
  for (let current: Frame<Value> | undefined = frame; current?.key !== undefined; current = current.parent) keys.push(current.key);
  let path = prefix;
  for (const key of keys.reverse()) {
    path += typeof key === 'number' ? `[${key}]` : PLAIN_NAME.test(key) ? `.${key}` : '.…';
    if (path.length > MAX_QUOTED_PATH) return `${path.slice(0, MAX_QUOTED_PATH)}…`;
  }
  return path;
}

/**
 * Walks one value depth first without recursion (an explicit stack: a value as deep as the body
 * allows costs no call stack), stopping at the first refusal. `countValues` is false for the
 * query planner's entity representations (see `inputLimitsPlugin`).
 */
function findProblem<Value>(root: Value, shape: ValueShape<Value>, limits: InputLimits, prefix: string, countValues: boolean): InputProblem | null {
  let values = 0;
  const stack: Array<Frame<Value>> = [{ value: root, depth: 0 }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const text = shape.text(frame.value);
    const key = typeof frame.key === 'string' ? frame.key : undefined;
    for (const string of [key, text]) {
      if (string === undefined) continue;
      if (string.length > limits.maxStringLength) return { limit: 'stringLength' };
      if (!isStorableText(string)) return { unstorable: pathOf(prefix, frame) };
    }
    shape.variable?.(frame.value, () => pathOf(prefix, frame));
    const children = shape.children(frame.value);
    if (children === null) continue;
    const depth = frame.depth + 1;
    if (depth > limits.maxInputDepth) return { limit: 'inputDepth' };
    if (countValues) {
      values += children.length;
      if (values > limits.maxInputValues) return { limit: 'inputValues' };
    }
    for (let index = children.length - 1; index >= 0; index -= 1) {
      const [childKey, value] = children[index]!;
      stack.push({ value, depth, key: childKey, parent: frame });
    }
  }
  return null;
}

/** What a refused client reads: which limit and where, the number only when limits are exposed, never the value. */
function limitMessage(limit: InputLimitName, limits: InputLimits, expose: boolean): string {
  switch (limit) {
    case 'inputDepth': return expose ? `is nested more than ${limits.maxInputDepth} levels deep` : 'is nested too deeply';
    case 'inputValues': return expose ? `holds more than ${limits.maxInputValues} values` : 'holds too many values';
    case 'stringLength': return expose ? `holds a string longer than ${limits.maxStringLength} characters` : 'holds a string that is too long';
  }
}

/** `Argument "filter"`, or `Variable "$f" (argument "filter")`. */
function describeSite(site: InputSite): string {
  if (site.variable === undefined) return `Argument "${site.argument}"`;
  return `Variable "$${site.variable}"${site.argument === null ? '' : ` (argument "${site.argument}")`}`;
}

/** A value refused before execution: BAD_USER_INPUT, answered with HTTP 400 like every refusal before anything runs. */
export class InputRefusedError extends GraphQLError {
  constructor(message: string, extensions: Record<string, unknown>) {
    super(message, { extensions: { code: ErrorCode.BadUserInput, ...extensions, http: { status: 400 } } });
  }
}

function refusal(problem: InputProblem, site: InputSite, limits: InputLimits, expose: boolean): InputRefusedError {
  const named = { ...(site.argument === null ? {} : { argument: site.argument }), ...(site.variable === undefined ? {} : { variable: site.variable }) };
  if ('limit' in problem) {
    return new InputRefusedError(`${describeSite(site)} ${limitMessage(problem.limit, limits, expose)}.`, { limit: problem.limit, ...named });
  }
  const from = site.variable === undefined ? '' : ` (from variable $${site.variable})`;
  return new InputRefusedError(
    `${problem.unstorable}${from} holds a character that cannot be stored: a NUL (\\u0000) or half of a UTF-16 surrogate pair.`,
    { ...named, field: problem.unstorable },
  );
}

/** Where each variable is first used: its argument and the path to it inside that argument's literal. */
type VariableUses = Map<string, { argument: string; path: string }>;

/** The arguments written in the operation and in the document's fragments (validation has refused unused fragments). */
function argumentsOf(document: DocumentNode, operation: OperationDefinitionNode): ArgumentNode[] {
  const found: ArgumentNode[] = [];
  const collect = { Argument(node: ArgumentNode) { found.push(node); return false; } };
  visit(operation, collect);
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) visit(definition, collect);
  return found;
}

/** What the literal arguments of one operation gave: the first problem, else where each variable is used. */
type LiteralCheck = { problem: InputProblem; argument: string } | { problem: null; uses: VariableUses };

/** Checks every literal argument, noting where variables are used; it depends on the document alone. */
function checkLiterals(document: DocumentNode, operation: OperationDefinitionNode, limits: InputLimits): LiteralCheck {
  const uses: VariableUses = new Map();
  for (const argument of argumentsOf(document, operation)) {
    const name = argument.name.value;
    const shape = literalShape((variable, path) => {
      if (!uses.has(variable)) uses.set(variable, { argument: name, path });
    });
    const problem = findProblem(argument.value, shape, limits, name, true);
    if (problem) return { problem, argument: name };
  }
  return { problem: null, uses };
}

/**
 * Checks every literal argument (noting where variables are used), then each variable's default
 * and value. The literals' check is kept per operation node in `literalChecks`: Apollo's document
 * store hands every request of the same query the same parsed document, and walking its
 * arguments again was 3% of the gateway's time under load.
 */
function checkOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  options: Required<InputLimitsOptions>,
  literalChecks: WeakMap<OperationDefinitionNode, LiteralCheck>,
): InputRefusedError | null {
  const { limits, exposeLimits, uncountedTypes } = options;
  let literals = literalChecks.get(operation);
  if (literals === undefined) {
    literals = checkLiterals(document, operation, limits);
    literalChecks.set(operation, literals);
  }
  if (literals.problem !== null) return refusal(literals.problem, { argument: literals.argument, path: literals.argument }, limits, exposeLimits);
  const { uses } = literals;
  for (const definition of operation.variableDefinitions ?? []) {
    const variable = definition.variable.name.value;
    const use = uses.get(variable);
    const site: InputSite = { argument: use?.argument ?? null, path: use?.path ?? `$${variable}`, variable };
    const type = typeFromAST(schema, definition.type);
    const countValues = type === undefined || !uncountedTypes.includes(getNamedType(type).name);
    const checks: Array<[unknown, ValueShape<unknown>]> = [];
    if (definition.defaultValue) checks.push([definition.defaultValue, literalShape(() => undefined) as ValueShape<unknown>]);
    if (variables !== undefined && Object.hasOwn(variables, variable)) checks.push([variables[variable], JSON_SHAPE]);
    for (const [value, shape] of checks) {
      const problem = findProblem(value, shape, limits, site.path, countValues);
      if (problem) return refusal(problem, site, limits, exposeLimits);
    }
  }
  return null;
}

export interface InputLimitsOptions {
  limits: InputLimits;
  /** Outside production a refusal gives the limit's number; in production only which limit. */
  exposeLimits: boolean;
  /**
   * Named input types whose values are not counted against `maxInputValues` (depth, strings and
   * characters still are). A subgraph passes `_Any`: the query planner's `representations` hold
   * one entry per record a page answered, not what a client typed.
   */
  uncountedTypes?: readonly string[];
}

/**
 * The refusal `inputLimitsPlugin` would throw for this operation and these raw variables, or
 * null: for operations that do not pass through Apollo Server (the gateway's subscriptions).
 */
export function inputLimitRefusal(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  options: InputLimitsOptions,
): GraphQLError | null {
  return checkOperation(schema, document, operation, variables, { uncountedTypes: [], ...options }, new WeakMap());
}

/**
 * Refuses, before execution, an operation whose arguments or variables could not reach the
 * database as sent or are large enough to cost the server: a string holding a NUL or a lone
 * surrogate (`BAD_USER_INPUT` naming the argument, `extensions.field` the path inside it), or a
 * value over an `InputLimits` limit (`BAD_USER_INPUT` with `extensions.limit` and
 * `extensions.argument`; never the value or a long path). Runs on the raw variables, once the
 * operation is resolved and before graphql-js coerces them. The gateway and every subgraph use it.
 */
export function inputLimitsPlugin(options: InputLimitsOptions): ApolloServerPlugin<BaseContext> {
  const resolved = { uncountedTypes: [], ...options };
  const literalChecks = new WeakMap<OperationDefinitionNode, LiteralCheck>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (operation === undefined) return;
          const refused = checkOperation(schema, document, operation, request.variables as Record<string, unknown> | undefined, resolved, literalChecks);
          if (refused) throw refused;
        },
      };
    },
  };
}
