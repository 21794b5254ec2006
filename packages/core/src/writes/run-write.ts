import { Arg, Int } from 'type-graphql';
import { createHash } from 'node:crypto';
import { BadUserInputError, ConflictError, NotFoundError } from '../errors/errors';
import { requirePermission, type Identity } from '../identity/identity';
import type { RequestDatabase, SqlRunner } from '../database/request-database';
import { plainIdentifier } from '../database/sql-identifier';
import type { RequestInfo } from '../server/request-info';
import { validateArguments } from './validation';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from './write-tables';

/** What every mutation says of its `idempotencyKey` argument, the same in every subgraph. */
export const IDEMPOTENCY_KEY_DESCRIPTION = `Any string of 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters, new for each write: a retry with the same key returns the first result and writes nothing twice; the same key with other arguments is refused with CONFLICT.`;

/** What `runWrite` needs of a subgraph's request context (every `SubgraphContext` has it). */
export interface WriteContext {
  db: RequestDatabase;
  identity: Identity;
  request: Pick<RequestInfo, 'id'>;
}

/** One mutation, as `runWrite` runs it. */
export interface WriteRequest {
  /** The mutation's name, e.g. `updateProject`: recorded in the audit log and with an idempotency key. */
  operation: string;
  /** The client's key for this write: a retry with the same key returns the first result. */
  idempotencyKey?: string | null;
  /**
   * Every argument of the mutation by name (the idempotency key aside). Input class instances
   * are validated with their class-validator decorators; the whole is what a retried key must
   * match.
   */
  input: Record<string, unknown>;
}

/** Options of a versioned read or update. */
export interface VersionedOptions {
  /** The argument that named the record, for NOT_FOUND's `extensions.field`; `id` by default. */
  field?: string;
  /** The record's kind in messages, e.g. `project`; the table's name by default. */
  label?: string;
}

/** One entry of the audit log; who, when and which operation come from the write itself. */
export interface AuditRecord {
  recordType: string;
  recordId: string;
  /** The record before the write (null when the write created it). */
  before: unknown;
  /** The record after the write (null when the write removed it). */
  after: unknown;
  /** Overrides the write's operation name, for a write that touches records of several kinds. */
  operation?: string;
}

function tableName(table: string): string {
  const parts = table.split('.');
  if (parts.length > 2) throw new Error(`not a plain table name: ${table}`);
  return parts.map((part) => `"${plainIdentifier(part, 'a part of the table name')}"`).join('.');
}

function columnName(column: string): string {
  return `"${plainIdentifier(column, 'the column')}"`;
}

/** A value as a statement parameter: objects and arrays as JSON (for jsonb columns), as `upsertRows` sends them. */
function parameterOf(value: unknown): unknown {
  if (value instanceof PostgresArray) return value.literal;
  return value !== null && typeof value === 'object' && !(value instanceof Date) ? JSON.stringify(value) : value;
}

/** A list for a Postgres array column (text[]): `WriteTransaction` sends it as an array literal, not JSON. */
export class PostgresArray {
  constructor(readonly items: readonly string[]) {}

  get literal(): string {
    return `{${this.items.map((item) => `"${item.replace(/["\\]/g, (character) => `\\${character}`)}"`).join(',')}}`;
  }
}

/** Marks `items` for a text[] column (every other array is written as jsonb). */
export function textArray(items: readonly string[]): PostgresArray {
  return new PostgresArray(items);
}

/** A JSON text with object keys sorted, so equal inputs hash alike whatever order their fields came in. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    return Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}

/** The hash an idempotency key is stored with: the operation and every argument. */
export function inputHash(operation: string, input: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson({ operation, input })).digest('hex');
}

/**
 * One mutation's transaction: every statement of the write goes through it, so they commit or
 * roll back together. Repositories take it as their `SqlRunner`.
 */
export class WriteTransaction implements SqlRunner {
  constructor(
    /** The transaction's own database handle. */
    readonly db: RequestDatabase,
    private readonly context: WriteContext,
    /** The mutation being run. */
    readonly operation: string,
    private readonly idempotencyKey: string | null,
  ) {}

  private startedAt: string | null = null;

  /**
   * The transaction's time (Postgres `now()`, fixed for the whole transaction), as an ISO
   * string: the time the audit log records, so an author's entry on a record matches it.
   */
  async now(): Promise<string> {
    if (this.startedAt === null) {
      const [row] = await this.db.query<{ now: Date }>('SELECT now() AS now');
      this.startedAt = row!.now.toISOString();
    }
    return this.startedAt;
  }

  /** The caller, as the audit log records them. */
  get identity(): Identity {
    return this.context.identity;
  }

  query<Row = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<Row[]> {
    return this.db.query<Row>(sql, parameters);
  }

  /** Inserts one row and returns it as stored (defaults and generated columns filled). */
  async insert<Row = Record<string, unknown>>(table: string, values: Record<string, unknown>): Promise<Row> {
    const columns = Object.keys(values);
    const placeholders = columns.map((_, index) => `$${index + 1}`);
    const rows = await this.db.query<Row>(
      `INSERT INTO ${tableName(table)} (${columns.map(columnName).join(', ')}) VALUES (${placeholders.join(', ')}) RETURNING *`,
      columns.map((column) => parameterOf(values[column])),
    );
    return rows[0]!;
  }

  /** Inserts one row unless its key is taken (`ON CONFLICT DO NOTHING`): the row, or null when nothing was inserted. */
  async insertUnlessPresent<Row = Record<string, unknown>>(table: string, values: Record<string, unknown>): Promise<Row | null> {
    const columns = Object.keys(values);
    const placeholders = columns.map((_, index) => `$${index + 1}`);
    const rows = await this.db.query<Row>(
      `INSERT INTO ${tableName(table)} (${columns.map(columnName).join(', ')}) VALUES (${placeholders.join(', ')}) ON CONFLICT DO NOTHING RETURNING *`,
      columns.map((column) => parameterOf(values[column])),
    );
    return rows[0] ?? null;
  }

  /**
   * Reads and locks (FOR UPDATE) the row `id` of a versioned table, for the rest of the
   * transaction. NOT_FOUND when there is no such row; CONFLICT, with `extensions.currentVersion`,
   * when its version is not `expectedVersion` (someone wrote it since the caller read it).
   */
  async lockVersioned<Row extends { version: number }>(table: string, id: string, expectedVersion: number, options: VersionedOptions = {}): Promise<Row> {
    assertVersion(expectedVersion);
    const [row] = await this.db.query<Row>(`SELECT * FROM ${tableName(table)} WHERE id = $1 FOR UPDATE`, [id]);
    if (row === undefined) throw notFound(table, id, options);
    if (row.version !== expectedVersion) throw versionConflict(table, id, expectedVersion, row.version, options);
    return row;
  }

  /**
   * Updates the row `id` only if it is still at `expectedVersion`: one
   * `UPDATE ... SET ..., version = version + 1, updated_at = now() WHERE id = $1 AND version = $2
   * RETURNING *`, after locking the row to read what it was. NOT_FOUND when the row does not
   * exist, CONFLICT (with `extensions.currentVersion`) when it has moved on. Objects and arrays
   * in `values` are written as JSON; use `textArray` for a text[] column.
   */
  async updateVersioned<Row extends { version: number }>(
    table: string, id: string, expectedVersion: number, values: Record<string, unknown>, options: VersionedOptions = {},
  ): Promise<{ before: Row; after: Row }> {
    const before = await this.lockVersioned<Row>(table, id, expectedVersion, options);
    const columns = Object.keys(values);
    const assignments = columns.map((column, index) => `${columnName(column)} = $${index + 3}`);
    // Wrapped in a SELECT: TypeORM answers a bare UPDATE with [rows, count] rather than the rows.
    const [after] = await this.db.query<Row>(
      `WITH updated AS (
         UPDATE ${tableName(table)} SET ${[...assignments, 'version = version + 1', 'updated_at = now()'].join(', ')}
          WHERE id = $1 AND version = $2 RETURNING *
       ) SELECT * FROM updated`,
      [id, expectedVersion, ...columns.map((column) => parameterOf(values[column]))],
    );
    // Unreachable while the row is locked; kept so the version check never rests on the lock alone.
    if (after === undefined) throw versionConflict(table, id, expectedVersion, null, options);
    return { before, after };
  }

  /** Appends one entry to the subgraph's audit log, in this transaction: the caller, the request, the operation. */
  async audit(record: AuditRecord): Promise<void> {
    const { identity, request } = this.context;
    await this.db.query(
      `INSERT INTO audit_log (actor_subject, actor_role, actor_key_id, request_id, operation, record_type, record_id, before, after, idempotency_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        identity.subject, identity.role, identity.keyId ?? null, request.id, record.operation ?? this.operation,
        record.recordType, record.recordId, jsonOrNull(record.before), jsonOrNull(record.after), this.idempotencyKey,
      ],
    );
  }
}

function jsonOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

function assertVersion(version: number): void {
  if (!Number.isInteger(version) || version < 1) throw new BadUserInputError(`version must be a positive whole number, got ${version}`, 'version');
}

function labelOf(table: string, options: VersionedOptions): string {
  return options.label ?? table.split('.').pop()!.replace(/_/g, ' ');
}

function notFound(table: string, id: string, options: VersionedOptions): NotFoundError {
  return new NotFoundError(`No ${labelOf(table, options)} has the id "${id}"`, options.field ?? 'id');
}

function versionConflict(table: string, id: string, expected: number, current: number | null, options: VersionedOptions): ConflictError {
  return new ConflictError(
    `The ${labelOf(table, options)} "${id}" is at version ${current ?? 'another'}, not ${expected}: it changed since it was read; read it again and retry`,
    { field: 'version', currentVersion: current },
  );
}

function assertIdempotencyKey(key: string): void {
  if (key.length < 1 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH || /[\u0000-\u001f\u007f]/.test(key)) {
    throw new BadUserInputError(`idempotencyKey must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters without control characters`, 'idempotencyKey');
  }
}

interface StoredKey {
  operation: string;
  input_hash: string;
  result: unknown;
}

/**
 * Runs one mutation: validates its input (BAD_USER_INPUT naming the field), then in ONE
 * transaction on the subgraph's database runs `work` and stores its result under the
 * idempotency key, if one was given. Any error rolls back everything `work` wrote.
 *
 * With an idempotency key, the transaction first takes a transaction-level advisory lock on
 * (caller, key), so two requests with the same key run one after the other even when they arrive
 * at once. The second then finds the first's stored result and returns it, writing nothing; a
 * key reused with another operation or other input is refused with CONFLICT
 * (`extensions.field: "idempotencyKey"`). Keys belong to the caller: two callers' keys never meet.
 *
 * The result is returned as JSON would carry it (dates as ISO strings), the same on the first
 * run and on a replay, so `work` should return a plain object in the mutation's GraphQL shape.
 */
export async function runWrite<Result>(
  context: WriteContext,
  request: WriteRequest,
  work: (tx: WriteTransaction) => Promise<Result>,
): Promise<Result> {
  requirePermission(context.identity, 'write', `Mutation.${request.operation}`);
  const key = request.idempotencyKey ?? null;
  if (key !== null) assertIdempotencyKey(key);
  await validateArguments(request.input);
  const hash = key === null ? null : inputHash(request.operation, request.input);
  return context.db.transaction(async (db) => {
    const tx = new WriteTransaction(db, context, request.operation, key);
    if (key !== null) {
      await db.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [JSON.stringify(['idempotency', context.identity.subject, key])]);
      const [stored] = await db.query<StoredKey>(
        `SELECT operation, input_hash, result FROM idempotency_keys WHERE actor_subject = $1 AND key = $2`,
        [context.identity.subject, key],
      );
      if (stored !== undefined) {
        if (stored.operation !== request.operation || stored.input_hash !== hash) {
          throw new ConflictError(
            `idempotencyKey "${key}" was already used for ${stored.operation === request.operation ? 'this operation with another input' : stored.operation}: use a new key for a new write`,
            { field: 'idempotencyKey' },
          );
        }
        return stored.result as Result;
      }
    }
    const result = JSON.parse(JSON.stringify(await work(tx)) ?? 'null') as Result;
    if (key !== null) {
      await db.query(
        `INSERT INTO idempotency_keys (actor_subject, key, operation, input_hash, result) VALUES ($1, $2, $3, $4, $5)`,
        [context.identity.subject, key, request.operation, hash, JSON.stringify(result)],
      );
    }
    return result;
  });
}

/** The `idempotencyKey` argument every mutation takes, described the same everywhere. */
export function IdempotencyKeyArg(): ReturnType<typeof Arg> {
  return Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION });
}

/** The `version` argument of a change to a record: the version the caller read (CONFLICT if it has moved on). */
export function VersionArg(description: string): ReturnType<typeof Arg> {
  return Arg('version', () => Int, { description });
}
