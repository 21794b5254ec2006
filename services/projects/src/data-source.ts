import { createDataSource, type DataSourceSettings } from '@azg/core';
import type { DataSource } from 'typeorm';
import { InitialSchema1764230400000 } from './migrations/1764230400000-initial-schema';
import { ListOrderingAndSynthetic1796000000000 } from './migrations/1796000000000-list-ordering-and-synthetic';
import { NamesAndSearch1796100000000 } from './migrations/1796100000000-names-and-search';
import { WritesAndAudit1797000000000 } from './migrations/1797000000000-writes-and-audit';

export const SCHEMA = 'projects';

/** The projects subgraph's data source: its own schema, its own migrations. */
export function createServiceDataSource(url: string, settings: DataSourceSettings = {}): DataSource {
  return createDataSource({ ...settings, url, schema: SCHEMA, migrations: [InitialSchema1764230400000, ListOrderingAndSynthetic1796000000000, NamesAndSearch1796100000000, WritesAndAudit1797000000000] });
}
