import type { Identity, Role } from '@azg/core/identity';
import type { DataSource, EntityManager } from 'typeorm';
import { issueApiKey } from './api-key';
import type { CredentialRole } from './credential-roles';

/** An API key as an admin sees it: everything but the secret (and its hash). */
export interface ApiKeyRecord {
  id: string;
  name: string;
  role: CredentialRole;
  createdAt: Date;
  createdBy: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  revokedBy: string | null;
  lastUsedAt: Date | null;
}

/** What checking a presented key needs: the record, and the salt and hash to compare its secret with. */
export interface StoredApiKey extends ApiKeyRecord {
  salt: string;
  secretHash: string;
}

interface ApiKeyRow {
  id: string;
  name: string;
  role: CredentialRole;
  salt: string;
  secret_hash: string;
  created_at: Date;
  created_by: string;
  expires_at: Date | null;
  revoked_at: Date | null;
  revoked_by: string | null;
  last_used_at: Date | null;
}

const RECORD_COLUMNS = 'id, name, role, created_at, created_by, expires_at, revoked_at, revoked_by, last_used_at';

function recordOf(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    createdAt: row.created_at,
    createdBy: row.created_by,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    revokedBy: row.revoked_by,
    lastUsedAt: row.last_used_at,
  };
}

/** The audit log's picture of a key: its record, in JSON (never the salt or the hash). */
function auditImage(record: ApiKeyRecord): Record<string, unknown> {
  return { ...record };
}

/** A key's record as the audit log keeps it: JSON, its times as ISO strings. */
type AuditImage = Record<keyof ApiKeyRecord, string | null>;

function recordOfImage(image: AuditImage): ApiKeyRecord {
  const time = (value: string | null) => (value === null ? null : new Date(value));
  return {
    id: image.id!,
    name: image.name!,
    role: image.role as CredentialRole,
    createdAt: new Date(image.createdAt!),
    createdBy: image.createdBy!,
    expiresAt: time(image.expiresAt),
    revokedAt: time(image.revokedAt),
    revokedBy: image.revokedBy,
    lastUsedAt: time(image.lastUsedAt),
  };
}

/** One entry of the audit log about a key. */
export interface ApiKeyAuditRecord {
  at: Date;
  actor: string;
  actorRole: Role;
  operation: string;
  keyId: string;
  before: ApiKeyRecord | null;
  after: ApiKeyRecord | null;
}

export interface NewApiKey {
  name: string;
  role: CredentialRole;
  expiresAt: Date | null;
}

/**
 * The only SQL for API keys and their audit log. Every change to a key and its audit entry are
 * written in one transaction: there is no key the log does not know about.
 */
export class ApiKeyRepository {
  constructor(private readonly dataSource: DataSource) {}

  private async audit(manager: EntityManager, actor: Identity, operation: string, id: string, before: ApiKeyRecord | null, after: ApiKeyRecord | null): Promise<void> {
    await manager.query(
      `INSERT INTO access.audit_log (actor, actor_role, operation, record_type, record_id, before, after)
       VALUES ($1, $2, $3, 'ApiKey', $4, $5, $6)`,
      [actor.subject, actor.role, operation, id, before && auditImage(before), after && auditImage(after)],
    );
  }

  /** Makes a key for `input`, recorded as made by `actor`; returns the key text (once) and its record. */
  async create(input: NewApiKey, actor: Identity): Promise<{ key: string; record: ApiKeyRecord }> {
    const issued = issueApiKey();
    return this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query(
        `INSERT INTO access.api_key (id, name, role, salt, secret_hash, created_by, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${RECORD_COLUMNS}`,
        [issued.id, input.name, input.role, issued.salt, issued.secretHash, actor.subject, input.expiresAt],
      ) as ApiKeyRow[];
      const record = recordOf(row!);
      await this.audit(manager, actor, 'createApiKey', record.id, null, record);
      return { key: issued.key, record };
    });
  }

  /**
   * Revokes key `id`; returns its record, or null when there is no such key. Revoking a revoked
   * key changes nothing (and logs nothing): the first revocation's time and author stand.
   */
  async revoke(id: string, actor: Identity): Promise<ApiKeyRecord | null> {
    return this.dataSource.transaction(async (manager) => {
      const [current] = await manager.query(`SELECT ${RECORD_COLUMNS} FROM access.api_key WHERE id = $1 FOR UPDATE`, [id]) as ApiKeyRow[];
      if (!current) return null;
      const before = recordOf(current);
      if (before.revokedAt !== null) return before;
      // Wrapped in a SELECT: TypeORM answers a bare UPDATE with [rows, count], not the rows.
      const [row] = await manager.query(
        `WITH revoked AS (UPDATE access.api_key SET revoked_at = now(), revoked_by = $2 WHERE id = $1 RETURNING ${RECORD_COLUMNS})
         SELECT * FROM revoked`,
        [id, actor.subject],
      ) as ApiKeyRow[];
      const after = recordOf(row!);
      await this.audit(manager, actor, 'revokeApiKey', id, before, after);
      return after;
    });
  }

  /** Every key, oldest first; revoked ones only when asked. */
  async list(includeRevoked: boolean): Promise<ApiKeyRecord[]> {
    const rows = await this.dataSource.query(
      `SELECT ${RECORD_COLUMNS} FROM access.api_key WHERE $1 OR revoked_at IS NULL ORDER BY created_at, id`,
      [includeRevoked],
    ) as ApiKeyRow[];
    return rows.map(recordOf);
  }

  /** Key `id` with its salt and hash, for checking a presented key; null when there is none. */
  async findForVerification(id: string): Promise<StoredApiKey | null> {
    const [row] = await this.dataSource.query(`SELECT ${RECORD_COLUMNS}, salt, secret_hash FROM access.api_key WHERE id = $1`, [id]) as ApiKeyRow[];
    return row ? { ...recordOf(row), salt: row.salt, secretHash: row.secret_hash } : null;
  }

  /** Notes that key `id` was used now, unless that was noted less than a minute ago (one write a minute, not one a request). */
  async touch(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE access.api_key SET last_used_at = now()
       WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [id],
    );
  }

  /** The audit log's entries about keys, newest first, at most `limit`. */
  async auditEntries(limit: number): Promise<ApiKeyAuditRecord[]> {
    const rows = await this.dataSource.query(
      `SELECT at, actor, actor_role, operation, record_id, before, after FROM access.audit_log
       WHERE record_type = 'ApiKey' ORDER BY id DESC LIMIT $1`,
      [limit],
    ) as Array<{ at: Date; actor: string; actor_role: Role; operation: string; record_id: string; before: AuditImage | null; after: AuditImage | null }>;
    return rows.map((row) => ({
      at: row.at,
      actor: row.actor,
      actorRole: row.actor_role,
      operation: row.operation,
      keyId: row.record_id,
      before: row.before && recordOfImage(row.before),
      after: row.after && recordOfImage(row.after),
    }));
  }
}
