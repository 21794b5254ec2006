import type { ApolloServerOptions, BaseContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { flag, integer, isProduction } from '../config/env';
import { readInputLimits, type InputLimits } from '../limits/input-limits';
import { formatLimitError, operationLimitRules, readOperationLimits, type OperationLimits } from '../limits/operation-limits';
import { unresolvedOperationPlugin } from '../limits/operation-resolution';
import { knownOperationTypeRule } from '../limits/operation-type-rule';

type Env = Record<string, string | undefined>;

/** How every process (gateway and subgraphs) serves HTTP and GraphQL; each read from the environment. */
export interface ServerSettings {
  /** NODE_ENV=production: limits are not spelled out, field suggestions and introspection are off. */
  production: boolean;
  /** REQUEST_TIMEOUT_MS: the answer is sent within this, with whatever data there is by then. */
  requestTimeoutMs: number;
  /** SHUTDOWN_GRACE_MS: how long in-flight requests may take to finish after SIGTERM/SIGINT. */
  shutdownGraceMs: number;
  /** MAX_BODY_BYTES: largest request body accepted (larger: 413). */
  maxBodyBytes: number;
  /** INTROSPECTION: answer `__schema` and `__type`; on by default only outside production. */
  introspection: boolean;
  limits: OperationLimits;
  /** LIMIT_MAX_INPUT_*, LIMIT_MAX_STRING_LENGTH: how large one argument or variable may be (see `inputLimitsPlugin`). */
  inputLimits: InputLimits;
  /**
   * CACHE_MAX_AGE_S: the maxAge a subgraph's answers carry in their Cache-Control header unless a
   * resolver hints otherwise; 0 (the default) marks them uncacheable. The gateway's response
   * cache stores an answer only for the smallest maxAge of the fetches behind it.
   */
  cacheMaxAgeS: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/** Reads the settings; a malformed value fails at start-up, naming the variable. */
export function readServerSettings(env: Env = process.env): ServerSettings {
  const production = isProduction(env);
  return {
    production,
    requestTimeoutMs: integer('REQUEST_TIMEOUT_MS', DEFAULT_REQUEST_TIMEOUT_MS, env, [100, 600_000]),
    shutdownGraceMs: integer('SHUTDOWN_GRACE_MS', 10_000, env, [0, 600_000]),
    maxBodyBytes: integer('MAX_BODY_BYTES', 100_000, env, [1_024, 100_000_000]),
    introspection: flag('INTROSPECTION', !production, env),
    limits: readOperationLimits(env),
    inputLimits: readInputLimits(env),
    cacheMaxAgeS: integer('CACHE_MAX_AGE_S', 0, env, [0, 86_400]),
  };
}

/**
 * The Apollo Server options the gateway and every subgraph share: operation limits (tokens at
 * parse time, expanded selections, then depth, aliases, directives, cost and root fields),
 * operations of a type the schema lacks or that name no operation refused, batching and
 * automatic persisted queries off (nothing here needs them, and APQ answers a bad hash uncoded), CSRF prevention on, no stack traces, and in production no field suggestions.
 * `limits` lets a subgraph pass its own allowance (see `subgraphOperationLimits`). Callers add
 * their own plugins after `plugins`.
 */
export function hardenedApolloOptions(settings: ServerSettings, limits: OperationLimits = settings.limits) {
  return {
    introspection: settings.introspection,
    hideSchemaDetailsFromClientErrors: settings.production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    persistedQueries: false,
    parseOptions: { maxTokens: limits.maxTokens },
    maxRecursiveSelections: limits.maxSelections,
    validationRules: [knownOperationTypeRule, ...operationLimitRules(limits, !settings.production)],
    validationOptions: { maxErrors: limits.maxValidationErrors },
    plugins: [unresolvedOperationPlugin()],
  } satisfies Partial<ApolloServerOptions<BaseContext>>;
}

/** `formatError`'s first step in every process: limit refusals get their own code and wording. */
export function limitErrorFormatter(settings: ServerSettings, limits: OperationLimits = settings.limits) {
  return (formatted: GraphQLFormattedError) => formatLimitError(formatted, limits, !settings.production);
}
