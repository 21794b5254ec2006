import { createDataSource, type DataSourceSettings } from '@azg/core';
import type { DataSource } from 'typeorm';
import { CreateCompany1764230400000 } from './migrations/1764230400000-create-company';
import { ListOrderingAndSynthetic1796000000000 } from './migrations/1796000000000-list-ordering-and-synthetic';
import { CompanyNamesAndSearch1796100000000 } from './migrations/1796100000000-company-names-and-search';
import { CompanyWritesAndAudit1797000000000 } from './migrations/1797000000000-company-writes-and-audit';

/** The Postgres schema the companies subgraph owns. */
export const SCHEMA = 'companies';

/** The companies subgraph's data source for `url`, bound to its own schema; not yet initialised. */
export function createServiceDataSource(url: string, settings: DataSourceSettings = {}): DataSource {
  return createDataSource({ ...settings, url, schema: SCHEMA, migrations: [CreateCompany1764230400000, ListOrderingAndSynthetic1796000000000, CompanyNamesAndSearch1796100000000, CompanyWritesAndAudit1797000000000] });
}
