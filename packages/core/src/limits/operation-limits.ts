import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError, Kind, type ASTVisitor, type GraphQLFormattedError, type OperationDefinitionNode, type SelectionSetNode,
  type ValidationContext, type ValidationRule,
} from 'graphql';
import { readLimitSettings, type LimitSettings } from './limit-settings';

type Env = Record<string, string | undefined>;

/**
 * What one operation may ask for. Every limit is read from the environment with a default meant
 * for a public API: generous for every query this graph's clients write, far below what it takes
 * to make a server spend seconds on one request.
 */
export interface OperationLimits {
  /** Fields nested inside fields (fragments do not count as a level). */
  maxDepth: number;
  /** Aliased fields, `__typename` aliases included: aliases are how one request asks the same field many times. */
  maxAliases: number;
  /** Directives anywhere in the operation, fragments included. */
  maxDirectives: number;
  /** Lexical tokens of the document: bounds parsing before anything else runs. */
  maxTokens: number;
  /** graphql-armor's cost: 1 a leaf, 2 an object, each level down weighing 1.5 times more. */
  maxCost: number;
  /** Fields directly under the operation's root (`{ a b c }` asks 3). */
  maxRootFields: number;
  /** Selections after every fragment is expanded: stops fragment "bombs" that are small as text. */
  maxSelections: number;
  /** Validation errors reported before validation stops, so a flood of mistakes costs little. */
  maxValidationErrors: number;
}

/** The defaults, and the environment variable that overrides each. */
export const OPERATION_LIMIT_SETTINGS: LimitSettings<OperationLimits> = {
  maxDepth: { variable: 'LIMIT_MAX_DEPTH', fallback: 10 },
  maxAliases: { variable: 'LIMIT_MAX_ALIASES', fallback: 15 },
  maxDirectives: { variable: 'LIMIT_MAX_DIRECTIVES', fallback: 20 },
  maxTokens: { variable: 'LIMIT_MAX_TOKENS', fallback: 1000 },
  // graphql-armor multiplies a list's cost by a literal `first`/`last`: a page of 100 projects
  // with their company, land plots, jobs and groups costs some 13,000 (tests/batching.e2e.ts).
  maxCost: { variable: 'LIMIT_MAX_COST', fallback: 50_000 },
  maxRootFields: { variable: 'LIMIT_MAX_ROOT_FIELDS', fallback: 10 },
  maxSelections: { variable: 'LIMIT_MAX_SELECTIONS', fallback: 5000 },
  maxValidationErrors: { variable: 'LIMIT_MAX_VALIDATION_ERRORS', fallback: 10 },
};

/** Reads every operation limit; a malformed value fails at start-up, naming the variable. */
export function readOperationLimits(env: Env = process.env): OperationLimits {
  return readLimitSettings<OperationLimits>(OPERATION_LIMIT_SETTINGS, env);
}

/**
 * A subgraph's operations are written by the gateway's query planner, not by a client. Depth,
 * aliases, directives and root fields never grow on the way (an entity fetch starts below the
 * field it extends, and `_entities` takes that field's place), but the planner adds `__typename`
 * and key fields to every entity it passes on, and wraps each fetch in a query with
 * `$representations`: more tokens, selections and cost. A subgraph applies the gateway's limits
 * with twice those three, so whatever the gateway let through is answered, and an operation sent
 * to a subgraph directly meets the same bounds.
 */
export function subgraphOperationLimits(limits: OperationLimits): OperationLimits {
  return {
    ...limits,
    maxTokens: limits.maxTokens * 2,
    maxCost: limits.maxCost * 2,
    maxSelections: limits.maxSelections * 2,
  };
}

/** `extensions.code` of an operation refused for its size or shape. */
export const OPERATION_LIMIT_EXCEEDED = 'OPERATION_LIMIT_EXCEEDED';

/** Which limit refused an operation, as `extensions.limit` names it. */
export type LimitName = 'depth' | 'aliases' | 'directives' | 'tokens' | 'cost' | 'rootFields' | 'selections';

/** The message a client reads when limits are not exposed: says what to change, never by how much. */
const HIDDEN_MESSAGES: Record<LimitName, string> = {
  depth: 'The operation is nested too deeply.',
  aliases: 'The operation uses too many aliases.',
  directives: 'The operation uses too many directives.',
  tokens: 'The operation is too long.',
  cost: 'The operation asks for too much at once.',
  rootFields: 'The operation asks for too many top-level fields.',
  selections: 'The operation expands to too many selections.',
};

/** An operation refused by a limit; Apollo answers it with HTTP 400 before anything runs. */
export class OperationLimitError extends GraphQLError {
  constructor(readonly limit: LimitName, message: string) {
    super(message, { extensions: { code: OPERATION_LIMIT_EXCEEDED, limit } });
  }
}

/**
 * graphql-armor's rules throw on a refusal and prefix their message with "Syntax Error:". With
 * `propagateOnRejection: false` they call back instead, and the refusal is reported as a
 * validation error of its own, so Apollo answers 400 (a thrown error inside validation is a 500).
 */
function armorCallbacks(limit: LimitName, expose: boolean) {
  return {
    exposeLimits: expose,
    errorMessage: HIDDEN_MESSAGES[limit],
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null, error: GraphQLError) => {
      context?.reportError(new OperationLimitError(limit, expose ? error.message.replace(/^Syntax Error: /, '') : HIDDEN_MESSAGES[limit]));
    }],
  };
}

/** Counts the fields directly under each operation's root, through fragments. */
function maxRootFieldsRule(n: number, expose: boolean): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const count = (selectionSet: SelectionSetNode, seen: Set<string>): number => {
      let fields = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) fields += 1;
        else if (selection.kind === Kind.INLINE_FRAGMENT) fields += count(selection.selectionSet, seen);
        else if (!seen.has(selection.name.value)) {
          // A fragment spread twice at the root adds no field the first did not.
          seen.add(selection.name.value);
          const fragment = context.getFragment(selection.name.value);
          if (fragment) fields += count(fragment.selectionSet, seen);
        }
      }
      return fields;
    };
    return {
      OperationDefinition(operation: OperationDefinitionNode) {
        const fields = count(operation.selectionSet, new Set());
        if (fields > n) {
          context.reportError(new OperationLimitError('rootFields', expose
            ? `Root fields limit of ${n} exceeded, found ${fields}.`
            : HIDDEN_MESSAGES.rootFields));
        }
      },
    };
  };
}

/**
 * The validation rules that enforce `limits`: graphql-armor's depth, alias, directive and cost
 * rules, and a root-field rule of our own. With `exposeLimits` (outside production) a refusal
 * says the limit and what was found; otherwise only which kind of limit it was.
 */
export function operationLimitRules(limits: OperationLimits, exposeLimits: boolean): ValidationRule[] {
  return [
    maxDepthRule({ n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: true, ...armorCallbacks('depth', exposeLimits) }),
    // The allow-list is emptied: `__typename` aliases are counted like any other.
    maxAliasesRule({ n: limits.maxAliases, allowList: [], ...armorCallbacks('aliases', exposeLimits) }),
    maxDirectivesRule({ n: limits.maxDirectives, ...armorCallbacks('directives', exposeLimits) }),
    costLimitRule({ maxCost: limits.maxCost, flattenFragments: true, ignoreIntrospection: true, ...armorCallbacks('cost', exposeLimits) }),
    maxRootFieldsRule(limits.maxRootFields, exposeLimits),
  ] as ValidationRule[];
}

/** graphql-js's message when a document has more tokens than `maxTokens` allows ("more that" in graphql 16). */
const TOO_MANY_TOKENS = /^Syntax Error: Document contains more th(?:an|at) \d+ tokens\. Parsing aborted\.$/;

/**
 * Turns the two refusals that graphql-js and Apollo word themselves (too many tokens, too many
 * expanded selections) into an `OPERATION_LIMIT_EXCEEDED` like the others, naming the number only
 * when limits are exposed, and gives back our own refusals the code Apollo replaced with
 * `GRAPHQL_VALIDATION_FAILED`. Anything else is returned as it is.
 */
export function formatLimitError(formatted: GraphQLFormattedError, limits: OperationLimits, exposeLimits: boolean): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (code === 'GRAPHQL_PARSE_FAILED' && TOO_MANY_TOKENS.test(formatted.message)) {
    return limitError('tokens', exposeLimits ? `Token limit of ${limits.maxTokens} exceeded.` : HIDDEN_MESSAGES.tokens);
  }
  if (code === 'GRAPHQL_VALIDATION_FAILED' && formatted.extensions?.validationErrorCode === 'MAX_RECURSIVE_SELECTIONS_EXCEEDED') {
    return limitError('selections', exposeLimits ? `Selections limit of ${limits.maxSelections} exceeded once fragments are expanded.` : HIDDEN_MESSAGES.selections);
  }
  const limit = formatted.extensions?.limit;
  if (code === 'GRAPHQL_VALIDATION_FAILED' && typeof limit === 'string' && limit in HIDDEN_MESSAGES) {
    return limitError(limit as LimitName, formatted.message);
  }
  return formatted;
}

function limitError(limit: LimitName, message: string): GraphQLFormattedError {
  return { message, extensions: { code: OPERATION_LIMIT_EXCEEDED, limit } };
}
