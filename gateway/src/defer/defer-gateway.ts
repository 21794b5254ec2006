import { createHash } from 'node:crypto';
import type { ApolloGateway } from '@apollo/gateway';
import { logUnexpectedErrors } from '@azg/core/errors';
import type { RequestInfo } from '@azg/core/server';
import { type DocumentNode, GraphQLError, type GraphQLFormattedError, type GraphQLSchema, type OperationDefinitionNode, print } from 'graphql';
import { deferPlanOf, deferredDocument, type DeferPlan, initialDocument, mentionsDefer, undeferredDocument, withDeferDirective } from './defer-operation';
import { assignErrors, cutResult, type IncrementalItem, ownerOf } from './deferred-payloads';

type GatewayExecutor = NonNullable<Awaited<ReturnType<ApolloGateway['load']>>['executor']>;
type GatewayRequestContext = Parameters<GatewayExecutor>[0];
type GatewayResult = Awaited<ReturnType<GatewayExecutor>>;
type SchemaListener = Parameters<ApolloGateway['onSchemaLoadOrUpdate']>[0];

/** A payload after the first of an incremental answer, in the `deferSpec=20220824` format. */
export interface SubsequentPayload extends Record<string, unknown> {
  incremental?: IncrementalItem[];
  errors?: GraphQLFormattedError[];
  hasNext: boolean;
}

/**
 * Where the executor leaves the rest of a deferred answer, for the HTTP front to stream after
 * Apollo's first part. One per request, made with its context: Apollo Server runs an operation
 * on a shallow copy of the context, so what the executor sets must live in an object of its own.
 */
export class DeferredDelivery {
  private later: (() => AsyncIterable<SubsequentPayload>) | null = null;

  /** Called by the executor once the first part is ready. */
  deliver(later: () => AsyncIterable<SubsequentPayload>): void {
    this.later = later;
  }

  /** The payloads after the first, or null for a plain answer. */
  payloads(): AsyncIterable<SubsequentPayload> | null {
    return this.later?.() ?? null;
  }
}

/** What the executor needs of the request's context: where to leave the rest of the answer, and the request's logger and id. */
export interface DeferringContext {
  deferred: DeferredDelivery;
  request: RequestInfo;
}

export interface DeferringGatewayOptions {
  /** The server's own error formatter (Apollo applies it to the first part; the later parts get it here). */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  /** Errors another process logged already (a subgraph's), not logged again. */
  loggedElsewhere?: (error: GraphQLError) => boolean;
}

/** Whether the Accept header takes the multipart answer Apollo Client and Apollo Router speak (`multipart/mixed;deferSpec=20220824`). */
export function acceptsDeferredParts(accept: string | null | undefined): boolean {
  return (accept ?? '').split(',').some((range) => {
    const [type, ...parameters] = range.split(';').map((part) => part.trim().toLowerCase());
    return type === 'multipart/mixed' && parameters.some((parameter) => parameter.replace(/\s/g, '') === 'deferspec=20220824');
  });
}

function toGraphQLError(error: unknown): GraphQLError {
  return error instanceof GraphQLError ? error : new GraphQLError((error as Error)?.message ?? String(error), { originalError: error as Error });
}

/**
 * Formats an error of a later part the way Apollo formats the first part's: a code where there
 * is none, the server's formatter (which masks what is unexpected), the request id on internal
 * errors; and logs it when unexpected, as the internal-error plugin does for the first part.
 */
function formatLater(options: DeferringGatewayOptions, context: DeferringContext, operationName: string | null, error: GraphQLError): GraphQLFormattedError {
  if (!options.loggedElsewhere?.(error)) logUnexpectedErrors([error], context.request, operationName);
  const json = error.toJSON();
  const formatted = options.formatError({ ...json, extensions: { ...json.extensions, code: json.extensions?.code ?? 'INTERNAL_SERVER_ERROR' } }, error);
  return formatted.extensions?.code === 'INTERNAL_SERVER_ERROR' ? { ...formatted, extensions: { requestId: context.request.id, ...formatted.extensions } } : formatted;
}

/** The one later payload: every item (errors given to the items they concern), or the errors alone when no item is left. */
function laterPayload(items: IncrementalItem[], errors: readonly GraphQLError[], format: Format): SubsequentPayload {
  const unclaimed = assignErrors(items, errors, format);
  if (items.length === 0) return { hasNext: false, ...(unclaimed.length > 0 ? { errors: unclaimed } : {}) };
  if (unclaimed.length > 0) (items[0].errors ??= []).push(...unclaimed);
  return { incremental: items, hasNext: false };
}

function deferringContextOf(context: unknown): DeferringContext | null {
  return typeof context === 'object' && context !== null && (context as Partial<DeferringContext>).deferred instanceof DeferredDelivery && 'request' in context
    ? context as DeferringContext
    : null;
}

/**
 * Wraps the gateway's executor so that `@defer` works although the JS gateway does not execute
 * it. An operation with an active @defer, from a client that accepts the multipart answer:
 * - a query runs twice at once: without its deferred fragments (the first part, which Apollo
 *   answers through its whole pipeline), and with only what the deferred fragments need (cut into
 *   one item per fragment per object: the later part, left on the context for the HTTP front);
 * - a mutation runs once, whole (it must not write twice), and its answer is cut the same way.
 * Any other operation that mentions @defer runs once without it, and is answered whole: the
 * spec lets a server ignore @defer.
 */
export function deferringExecutor(executor: GatewayExecutor, schemaOf: () => GraphQLSchema, options: DeferringGatewayOptions): GatewayExecutor {
  return async (requestContext) => {
    const { document, operation, request } = requestContext;
    if (!operation || !mentionsDefer(document)) return executor(requestContext);
    const plan = deferPlanOf(schemaOf(), document, operation, request.variables);
    // Variables that do not coerce: the inner gateway refuses them before it plans anything.
    if (plan === null) return executor(requestContext);
    const run = (rewritten: DocumentNode): Promise<GatewayResult> => {
      const source = print(rewritten);
      return executor({
        ...requestContext,
        document: rewritten,
        source,
        // The inner gateway keeps query plans by this hash: each document needs its own.
        queryHash: createHash('sha256').update(source).digest('hex'),
        operation: rewritten.definitions[0] as OperationDefinitionNode,
      });
    };
    const context = deferringContextOf(requestContext.context);
    const multipart = plan.active && context !== null && operation.operation !== 'subscription'
      && acceptsDeferredParts(request.http?.headers.get('accept'));
    if (!multipart) return run(undeferredDocument(plan, { typenames: false }));
    // A client that takes only multipart answers would get a 406 from Apollo for a single result; the HTTP front turns this one into parts.
    requestContext.response?.http?.headers.set('content-type', 'application/json; charset=utf-8');
    const format = (error: GraphQLError) => formatLater(options, context, requestContext.operationName, error);
    return operation.operation === 'mutation'
      ? deferMutation(plan, run, context, format)
      : deferQuery(plan, run, context, format);
  };
}

type Run = (document: DocumentNode) => Promise<GatewayResult>;
type Format = (error: GraphQLError) => GraphQLFormattedError;

async function deferQuery(plan: DeferPlan, run: Run, context: DeferringContext, format: Format): Promise<GatewayResult> {
  // Started first, and never rejected: the first part may fail, or never be streamed, without leaving it unhandled.
  const later = run(deferredDocument(plan)).then(
    (result) => ({ result, error: null }),
    (error: unknown) => ({ result: null, error }),
  );
  const first = await run(initialDocument(plan));
  if (first.data === null || first.data === undefined) return first;
  context.deferred.deliver(async function* payloads() {
    const { result, error } = await later;
    if (result === null) {
      yield { hasNext: false, errors: [format(toGraphQLError(error))] };
      return;
    }
    const { items } = cutResult(plan, result.data);
    yield laterPayload(items, (result.errors ?? []).map(toGraphQLError), format);
  });
  // The cut leaves out the `__typename` a selection set emptied of its deferred fragments asked for.
  return { ...first, data: cutResult(plan, first.data).initial };
}

async function deferMutation(plan: DeferPlan, run: Run, context: DeferringContext, format: Format): Promise<GatewayResult> {
  const whole = await run(undeferredDocument(plan, { typenames: true }));
  const { initial, items } = cutResult(plan, whole.data);
  // Nothing to defer on (the objects are null): one plain answer, without the deferred fields.
  if (whole.data === null || whole.data === undefined || items.length === 0) return whole.data ? { ...whole, data: initial } : whole;
  const errors = (whole.errors ?? []).map(toGraphQLError);
  // Errors about deferred fields go with them; the rest stay in the first part, which Apollo formats.
  const later = errors.filter((error) => ownerOf(items, error.path) !== undefined);
  const payload = laterPayload(items, later, format);
  context.deferred.deliver(async function* payloads() {
    yield payload;
  });
  const first = errors.filter((error) => !later.includes(error));
  return { ...whole, data: initial, errors: first.length > 0 ? first : undefined };
}

/**
 * The Apollo Gateway as Apollo Server sees it, with `@defer`: its API schema has the directive
 * (so validation lets it through) and its executor delivers deferred fragments (see
 * `deferringExecutor`). Loading, schema updates and stopping are the inner gateway's.
 */
export class DeferringGateway {
  private schema: GraphQLSchema | undefined;

  constructor(private readonly inner: ApolloGateway, private readonly options: DeferringGatewayOptions) {}

  onSchemaLoadOrUpdate(listener: SchemaListener): ReturnType<ApolloGateway['onSchemaLoadOrUpdate']> {
    return this.inner.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
      this.schema = withDeferDirective(apiSchema);
      listener({ apiSchema: this.schema, coreSupergraphSdl });
    });
  }

  async load(options: Parameters<ApolloGateway['load']>[0]): ReturnType<ApolloGateway['load']> {
    const loaded = await this.inner.load(options);
    const schemaOf = () => {
      if (!this.schema) throw new Error('the gateway executed an operation before its schema loaded');
      return this.schema;
    };
    return { ...loaded, executor: loaded.executor && deferringExecutor(loaded.executor, schemaOf, this.options) };
  }

  stop(): Promise<void> {
    return this.inner.stop();
  }
}
