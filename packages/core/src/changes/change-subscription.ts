import { GraphQLError } from 'graphql';
import { Arg, type ClassType, Field, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { defineEnum, type EnumValue } from '../federation/define-enum';
import { DateTimeScalar } from '../writes/scalars';

/**
 * Subscriptions are declared by the subgraph that owns what they are about (their arguments and
 * payload are its types, and composition checks them like any field), and served by the gateway:
 * it follows every subgraph's change stream and resolves each event's selection through the
 * whole graph. A subgraph never runs one; asked to, it answers this.
 */
export function servedByGateway(): never {
  throw new GraphQLError('Subscriptions are served by the gateway, over WebSocket (graphql-ws) at its URL or server-sent events at /graphql/stream.', {
    extensions: { code: 'SUBSCRIPTION_AT_GATEWAY' },
  });
}

/** A PubSub for type-graphql's schema builder, which wants one once a schema has a subscription; nothing publishes to it. */
export const NO_PUB_SUB = {
  publish(): void {
    throw new Error('subscriptions are served by the gateway: a subgraph publishes nothing');
  },
  subscribe(): AsyncIterable<unknown> {
    return servedByGateway();
  },
};

export const ChangeOperationValue = defineEnum('ChangeOperation', 'What a change did to its record.', {
  UPSERT: 'The record was written: created, or changed.',
  DELETE: 'The record was deleted.',
});
export type ChangeOperationValue = EnumValue<typeof ChangeOperationValue>;

/** The `after` argument every subscription takes, described once. */
export const AFTER_EVENT_DESCRIPTION = 'Resume after this event: the `eventId` of the last event received. The events committed since then come first, '
  + 'then live ones. Events are kept for the retention window the README states (a week by default); older ids get a CHANGES_PRUNED error: query the current state again and subscribe without `after`.';

/**
 * What every subscription event says about itself; each subgraph's payload type extends it and
 * adds its record. Its own object type is never emitted (no field returns it): type-graphql
 * gives its fields to each subclass.
 */
@ObjectType()
export abstract class ChangeEventFields {
  @Field(() => String, {
    description: 'Where this event is in the subscription\'s stream: pass the last one received as `after` to subscribe again without missing anything. Opaque; only its own subscription field takes it.',
  })
  eventId!: string;

  @Field(() => String, { description: 'The subgraph whose write this is: projects, companies, land or workforce.' })
  source!: string;

  @Field(() => String, { description: 'The record that changed: Project, ProjectJobs, LandPlot or Company.' })
  entity!: string;

  @Field(() => ID, { description: 'The id of the record that changed.' })
  entityId!: string;

  @Field(() => ChangeOperationValue, { description: 'What the change did to that record.' })
  operation!: ChangeOperationValue;

  @Field(() => DateTimeScalar, { description: 'When the writing transaction recorded the change, by its database\'s clock.' })
  committedAt!: Date;

  @Field(() => Boolean, {
    description: 'Whether the record exists and matches the subscription\'s filter after the change (true without a filter, false when deleted). '
      + 'False on the last event of a record that stopped matching: none follow until it matches again.',
  })
  matchesFilter!: boolean;
}

/** What a subgraph says of a subscription to its own records' changes (see `createChangeSubscription`). */
export interface ChangeSubscriptionOptions {
  /** The record's GraphQL type name, e.g. `LandPlot`: it names `LandPlotChange` and `landPlotChanged`. */
  name: string;
  /** The record's object type (the entity the payload's record field returns). */
  record: ClassType;
  /** The filter its list takes (`ProjectFilter`, ...), which the subscription takes too. */
  filter: ClassType;
  /** The payload type's description. */
  changeDescription: string;
  /** The subscription field's description. */
  subscriptionDescription: string;
  /** The payload's record field's description. */
  recordDescription: string;
  /** The record in words, one and many, for descriptions: `plot`, `plots`. */
  noun: string;
  nouns: string;
  /** The Query list whose filter it takes, e.g. `landPlots`. */
  listField: string;
}

/**
 * One record type's change subscription, declared in its owner: the payload type
 * `<Name>Change` (the common event fields, `<name>Id` and the record itself, read through the
 * graph by the gateway) and the resolver of `<name>Changed(filter:, after:)`, which only the
 * gateway serves. Returns both, for the subgraph's resolvers and orphaned types.
 */
export function createChangeSubscription(options: ChangeSubscriptionOptions): { Change: ClassType<ChangeEventFields>; Resolver: ClassType } {
  const field = options.name.charAt(0).toLowerCase() + options.name.slice(1);
  @ObjectType(`${options.name}Change`, { description: options.changeDescription })
  class Change extends ChangeEventFields {}
  Field(() => ID, { description: `The ${options.noun} the change is about.` })(Change.prototype, `${field}Id`);
  Field(() => options.record, { nullable: true, description: options.recordDescription })(Change.prototype, field);

  @Resolver()
  class ChangeResolver {
    @Subscription(() => Change, { name: `${field}Changed`, subscribe: servedByGateway, description: options.subscriptionDescription })
    changed(
      @Root() change: Change,
      @Arg('filter', () => options.filter, { nullable: true, description: `Only the ${options.nouns} that match after the change, as \`${options.listField}\` filters them; all when omitted.` }) _filter: unknown,
      @Arg('after', () => String, { nullable: true, description: AFTER_EVENT_DESCRIPTION }) _after: string | null,
    ): Change {
      return change;
    }
  }
  return { Change, Resolver: ChangeResolver };
}
