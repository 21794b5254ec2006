import { createDataSource, type DataSourceSettings } from '@azg/core';
import type { DataSource } from 'typeorm';
import { InitialSchema1764230400000 } from './migrations/1764230400000-initial-schema';

export const SCHEMA = 'projects';

/** The projects subgraph's data source: its own schema, its own migrations. */
export function createServiceDataSource(url: string, settings: DataSourceSettings = {}): DataSource {
  return createDataSource({ ...settings, url, schema: SCHEMA, migrations: [InitialSchema1764230400000] });
}
