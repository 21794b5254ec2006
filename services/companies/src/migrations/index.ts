import type { MigrationClass } from '@azg/core/server';
import { CreateCompany1764230400000 } from './1764230400000-create-company';
import { ListOrderingAndSynthetic1796000000000 } from './1796000000000-list-ordering-and-synthetic';
import { CompanyNamesAndSearch1796100000000 } from './1796100000000-company-names-and-search';
import { CompanyWritesAndAudit1797000000000 } from './1797000000000-company-writes-and-audit';
import { ChangeOutbox1799000000000 } from './1799000000000-change-outbox';
import { SearchKeysFoldScripts1799100000000 } from './1799100000000-search-keys-fold-scripts';

/** The companies subgraph's migrations, oldest first. */
export const MIGRATIONS: MigrationClass[] = [
  CreateCompany1764230400000,
  ListOrderingAndSynthetic1796000000000,
  CompanyNamesAndSearch1796100000000,
  CompanyWritesAndAudit1797000000000,
  ChangeOutbox1799000000000,
  SearchKeysFoldScripts1799100000000,
];
