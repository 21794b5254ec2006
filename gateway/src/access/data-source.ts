import { createDataSource, migrate } from '@azg/core/database';
import type { DataSourceSettings } from '@azg/core/server';
import type { DataSource } from 'typeorm';
import { ApiKeysAndAuditLog1797000000000 } from './migrations/1797000000000-api-keys-and-audit-log';

/** The Postgres schema the gateway owns: API keys and their audit log. */
export const ACCESS_SCHEMA = 'access';

/** The gateway's data source for `url`, bound to the `access` schema; not yet initialised. */
export function createAccessDataSource(url: string, settings: DataSourceSettings = {}): DataSource {
  return createDataSource({ ...settings, url, schema: ACCESS_SCHEMA, migrations: [ApiKeysAndAuditLog1797000000000] });
}

/** Initialises `dataSource` if needed and applies the access migrations (skipping those applied). */
export async function migrateAccess(dataSource: DataSource): Promise<void> {
  await migrate(dataSource, ACCESS_SCHEMA);
}
