import {
  buildASTSchema, createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult, type GraphQLFieldResolver, GraphQLObjectType, type GraphQLSchema,
  getNamedType, parse, printSchema, responsePathAsArray,
} from 'graphql';
import { recordQuery, recordValue, recordVariables, pathKey } from './federated-read';
import type { LiveField } from './live-fields';
import type { PushIterator } from './push-iterator';
import type { Envelope, StreamItem, Subscriber } from './subscription-stream';

/** What the live schema's resolvers need of the operation that runs them. */
export interface LiveContext {
  subscriber: Subscriber;
  /**
   * The operation, its variables and the subscriber's access and language, as one key:
   * subscriptions with the same key get the same answer to the same event, which is then
   * executed once for all of them.
   */
  operationKey: string;
  /** Opens the stream of one subscription field for this subscriber. */
  open(field: LiveField, args: Record<string, unknown>): Promise<PushIterator<StreamItem>>;
  /** Reads a query through the gateway as the subscriber, once per event, query and caller. */
  read(envelope: Envelope, text: string, variables: Record<string, unknown>): Promise<ExecutionResult>;
  /** Notes an event's answer as sent (for the metrics). */
  sent(envelope: Envelope): void;
}

/** Each event's executed answers, by operation key, eventId and filter match; dropped with the event. */
const executions = new WeakMap<Envelope['event'], Map<string, Promise<ExecutionResult>>>();

const isEnvelope = (value: unknown): value is Envelope => typeof value === 'object' && value !== null && 'errors' in value && 'event' in value;

/**
 * Below a record field the values are the graph's answer, keyed by response key (aliases
 * included), so fields read by response key; a null that the answer explains with an error at
 * that path throws it there, as the subgraph did.
 */
const answerFieldResolver: GraphQLFieldResolver<unknown, LiveContext> = (source, _args, _context, info) => {
  const value = (source as Record<string, unknown> | null)?.[info.path.key as string];
  if (value === null || value === undefined) {
    const root = info.rootValue;
    const error = isEnvelope(root) ? root.errors.get(pathKey(responsePathAsArray(info.path))) : undefined;
    if (error) throw error;
  }
  return value;
};

/**
 * The schema subscriptions run on: the gateway's API schema, whose subscription fields read the
 * change hub (`LIVE_FIELDS`) and whose payloads' record fields (`project`, `projectStats`, ...) are
 * read through the graph with the subscriber's selection. Everything else in a payload is the
 * event's own. Fields the supergraph does not declare are skipped.
 */
export function buildLiveSchema(apiSchema: GraphQLSchema, fields: readonly LiveField[]): GraphQLSchema {
  const schema = buildASTSchema(parse(printSchema(apiSchema)));
  // A supergraph without some of them (a test's) serves the others, and queries over the same transports.
  const declared = schema.getSubscriptionType()?.getFields() ?? {};
  for (const live of fields) {
    const field = declared[live.name];
    if (!field) continue;
    field.subscribe = (_root, args, context: LiveContext) => context.open(live, args);
    field.resolve = (item: Envelope) => item;
    const payload = getNamedType(field.type);
    if (!(payload instanceof GraphQLObjectType)) throw new Error(`${live.name} does not answer an object type`);
    for (const [name, payloadField] of Object.entries(payload.getFields())) {
      const record = live.records.find((candidate) => candidate.field === name);
      if (record) {
        payloadField.resolve = async (envelope: Envelope, _args, context: LiveContext, info) => {
          if (record.arguments === 'id' && envelope.subject === null) return null;
          const query = recordQuery(record, info);
          const result = await context.read(envelope, query.text, recordVariables(query, info, envelope.subject));
          return recordValue(result, responsePathAsArray(info.path), envelope.errors);
        };
      } else if (name === live.subjectField) {
        payloadField.resolve = (envelope: Envelope) => envelope.subject;
      } else {
        payloadField.resolve = (envelope: Envelope) => (envelope as unknown as Record<string, unknown>)[name];
      }
    }
  }
  return schema;
}

/**
 * Runs a subscription operation on the live schema: graphql-js's source stream (the field's
 * stream), each event executed with the operation's selection. A stream's ending (a revoked key,
 * a subscriber too slow, pruned events) is sent as a last answer with its coded error. Unlike
 * graphql-js's own `subscribe`, `return()` reaches the stream at once even while it waits.
 */
export async function liveSubscribe(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return source as ExecutionResult;
  const stream = source as PushIterator<StreamItem>;
  const results: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      const item = await stream.next();
      if (item.done) return { value: undefined, done: true };
      if ('ending' in item.value) return { value: { errors: [item.value.ending] }, done: false };
      const envelope = item.value;
      const context = args.contextValue as LiveContext;
      const key = `${envelope.eventId}|${envelope.matchesFilter}|${context.operationKey}`;
      let answers = executions.get(envelope.event);
      if (!answers) executions.set(envelope.event, answers = new Map());
      let answer = answers.get(key);
      if (!answer) {
        answer = Promise.resolve(execute({ ...args, rootValue: envelope, fieldResolver: answerFieldResolver }) as ExecutionResult);
        answers.set(key, answer);
      }
      const result = await answer;
      context.sent(envelope);
      return { value: result, done: false };
    },
    async return() {
      await stream.return();
      return { value: undefined, done: true };
    },
    async throw(error: unknown) {
      await stream.return();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return results;
}
