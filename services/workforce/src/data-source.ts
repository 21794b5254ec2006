import { createDataSource, type DataSourceSettings } from '@azg/core';
import type { DataSource } from 'typeorm';
import { CreateWorkforceTables1795770400000 } from './migrations/1795770400000-create-workforce-tables';

/** The Postgres schema the workforce subgraph owns. */
export const SCHEMA = 'workforce';

/** The workforce subgraph's data source: its own schema, its migrations, never synchronize. */
export function createServiceDataSource(url: string, settings: DataSourceSettings = {}): DataSource {
  return createDataSource({ ...settings, url, schema: SCHEMA, migrations: [CreateWorkforceTables1795770400000] });
}
