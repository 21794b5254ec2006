import { createDataSource, type DataSourceSettings } from '@azg/core';
import type { DataSource } from 'typeorm';
import { CreateWorkforceTables1795770400000 } from './migrations/1795770400000-create-workforce-tables';
import { ListOrderingAndSynthetic1796000000000 } from './migrations/1796000000000-list-ordering-and-synthetic';
import { TrainingInstitutionNames1796100000000 } from './migrations/1796100000000-training-institution-names';
import { WorkforceWrites1796200000000 } from './migrations/1796200000000-workforce-writes';

/** The Postgres schema the workforce subgraph owns. */
export const SCHEMA = 'workforce';

/** The workforce subgraph's data source: its own schema, its migrations, never synchronize. */
export function createServiceDataSource(url: string, settings: DataSourceSettings = {}): DataSource {
  return createDataSource({ ...settings, url, schema: SCHEMA, migrations: [CreateWorkforceTables1795770400000, ListOrderingAndSynthetic1796000000000, TrainingInstitutionNames1796100000000, WorkforceWrites1796200000000] });
}
