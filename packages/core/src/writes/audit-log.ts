import { IsOptional, MaxLength } from 'class-validator';
import type { GraphQLResolveInfo } from 'graphql';
import { DateTimeScalar, JsonScalar } from './scalars';
import { Args, ArgsType, Ctx, Directive, Field, ID, Info, InputType, ObjectType, Query, Resolver, type ClassType } from 'type-graphql';
import { BadUserInputError } from '../errors/errors';
import { Permitted } from '../identity/identity';
import type { SqlRunner } from '../database/request-database';
import { createConnectionType, type Connection } from '../pagination/connection.type';
import type { CursorCodec } from '../pagination/cursor';
import { SqlParameters } from '../pagination/keyset';
import { OrderDirection, type Ordering } from '../pagination/ordering';
import { ConnectionArgs } from '../pagination/page-arguments';
import { queryPage } from '../pagination/page-query';
import { readPageRequest } from '../pagination/page-request';
import { validateArguments } from './validation';

@Directive('@shareable')
@ObjectType('AuditAuthor', { description: 'Who made a write, as the gateway authenticated them.' })
export class AuditAuthor {
  @Field(() => String, { description: 'An API key\'s name or a token\'s subject.' })
  subject!: string;

  @Field(() => String, { description: 'The role they wrote with: editor or admin.' })
  role!: string;

  @Field(() => String, { nullable: true, description: 'The API key\'s id, when they used one.' })
  keyId!: string | null;
}

/** One write, as the owning subgraph's append-only audit log holds it. */
@Directive('@shareable')
@ObjectType('AuditEntry', { description: 'One write, from a subgraph\'s append-only audit log: who, when, which mutation, the record and its state before and after.' })
export class AuditEntry {
  @Field(() => ID, { description: 'The entry\'s number in its subgraph\'s log: later entries have larger numbers.' })
  id!: string;

  @Field(() => DateTimeScalar, { description: 'When the write\'s transaction ran.' })
  at!: string;

  @Field(() => AuditAuthor, { description: 'Who made the write.' })
  author!: AuditAuthor;

  @Field(() => String, { description: 'The mutation, e.g. "changeProjectStatus".' })
  operation!: string;

  @Field(() => String, { description: 'The kind of record written, e.g. "Project".' })
  recordType!: string;

  @Field(() => ID, { description: 'The record\'s id.' })
  recordId!: string;

  @Field(() => JsonScalar, { nullable: true, description: 'The record before the write, as stored; null when the write created it.' })
  before!: unknown;

  @Field(() => JsonScalar, { nullable: true, description: 'The record after the write, as stored.' })
  after!: unknown;

  @Field(() => String, { nullable: true, description: 'The id of the HTTP request that made the write (its x-request-id), to find it in the logs.' })
  requestId!: string | null;

  @Field(() => String, { nullable: true, description: 'The idempotency key the write was sent with, if any.' })
  idempotencyKey!: string | null;
}

export const AuditEntryConnection = createConnectionType(AuditEntry, { name: 'AuditEntry', plural: 'audit entries', shareable: true });

/** Narrows an audit log; every field given must hold. */
@InputType('AuditLogFilter', { description: 'Narrows an audit log to one record, one author or a time window; every field given must hold.' })
export class AuditLogFilter {
  @Field(() => String, { nullable: true, description: 'Only writes to records of this kind, e.g. "Project".' })
  @IsOptional()
  @MaxLength(100)
  recordType?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only writes to the record with this id (with `recordType` when ids of several kinds may meet).' })
  @IsOptional()
  @MaxLength(100)
  recordId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only writes by this author (their subject).' })
  @IsOptional()
  @MaxLength(200)
  author?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Only writes at or after this time.' })
  from?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Only writes before this time (exclusive).' })
  to?: Date | null;
}

@ArgsType()
export class AuditLogArgs extends ConnectionArgs {
  @Field(() => AuditLogFilter, { nullable: true, description: 'Which writes to list; all of them when omitted.' })
  filter?: AuditLogFilter | null;

  @Field(() => Boolean, { defaultValue: false, description: 'List the newest write first (by default the log reads in the order it was written).' })
  newestFirst!: boolean;
}

interface AuditRow {
  id: string;
  at: Date;
  actor_subject: string;
  actor_role: string;
  actor_key_id: string | null;
  request_id: string | null;
  operation: string;
  record_type: string;
  record_id: string;
  before: unknown;
  after: unknown;
  idempotency_key: string | null;
}

function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at.toISOString(),
    author: { subject: row.actor_subject, role: row.actor_role, keyId: row.actor_key_id },
    operation: row.operation,
    recordType: row.record_type,
    recordId: row.record_id,
    before: row.before,
    after: row.after,
    requestId: row.request_id,
    idempotencyKey: row.idempotency_key,
  };
}

/**
 * One page of the audit log of the subgraph `db` belongs to (its `audit_log`, found on the
 * search path), in the order written or newest first, filtered by record, author and time.
 * `connection` names the root field (e.g. `Query.projectsAuditLog`), which the cursors are bound to.
 */
export async function readAuditLog(
  db: SqlRunner,
  args: AuditLogArgs,
  options: { connection: string; codec: CursorCodec; info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'> },
): Promise<Connection<AuditEntry>> {
  await validateArguments({ filter: args.filter });
  const direction = args.newestFirst ? OrderDirection.DESC : OrderDirection.ASC;
  const ordering: Ordering = {
    keys: [{ sql: 'a.id', type: 'numeric', nullable: false, label: 'id', direction }],
    signature: `id ${direction}`,
  };
  const request = readPageRequest(args, { connection: options.connection, ordering, codec: options.codec, info: options.info });
  const parameters = new SqlParameters();
  const filter = args.filter ?? {};
  if (filter.from && filter.to && filter.from >= filter.to) {
    throw new BadUserInputError('filter.from must be before filter.to', 'filter.from');
  }
  const conditions: string[] = [];
  if (filter.recordType != null) conditions.push(`a.record_type = ${parameters.add(filter.recordType)}`);
  if (filter.recordId != null) conditions.push(`a.record_id = ${parameters.add(filter.recordId)}`);
  if (filter.author != null) conditions.push(`a.actor_subject = ${parameters.add(filter.author)}`);
  if (filter.from != null) conditions.push(`a.at >= ${parameters.add(filter.from)}`);
  if (filter.to != null) conditions.push(`a.at < ${parameters.add(filter.to)}`);
  return queryPage<AuditRow, AuditEntry>(db, {
    columns: 'a.id::text AS id, a.at, a.actor_subject, a.actor_role, a.actor_key_id, a.request_id, a.operation, a.record_type, a.record_id, a.before, a.after, a.idempotency_key',
    from: 'audit_log a',
    where: conditions.length > 0 ? conditions.join(' AND ') : null,
  }, request, parameters, { idColumn: 'id', toNode: toAuditEntry });
}

/**
 * The root query of one subgraph's audit log, e.g. `projectsAuditLog`, for admins only. Each
 * writing subgraph adds the class this returns to its resolvers.
 */
export function createAuditLogResolver(fieldName: string, subgraph: string): ClassType {
  @Resolver()
  class AuditLogResolver {
    @Permitted('readAuditLog')
    @Query(() => AuditEntryConnection, {
      name: fieldName,
      description: `The ${subgraph} subgraph's audit log (admins only): every write to its records, who made it, when, and the record before and after; in the order written unless \`newestFirst\`, filtered by record, author and time.`,
    })
    auditLog(
      @Args(() => AuditLogArgs) args: AuditLogArgs,
      @Ctx() context: { db: SqlRunner; cursors: CursorCodec },
      @Info() info: GraphQLResolveInfo,
    ): Promise<Connection<AuditEntry>> {
      return readAuditLog(context.db, args, { connection: `Query.${fieldName}`, codec: context.cursors, info });
    }
  }
  Object.defineProperty(AuditLogResolver, 'name', { value: `${fieldName[0]!.toUpperCase()}${fieldName.slice(1)}Resolver` });
  return AuditLogResolver;
}
