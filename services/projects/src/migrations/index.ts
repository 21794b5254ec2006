import type { MigrationClass } from '@azg/core/server';
import { InitialSchema1764230400000 } from './1764230400000-initial-schema';
import { ListOrderingAndSynthetic1796000000000 } from './1796000000000-list-ordering-and-synthetic';
import { NamesAndSearch1796100000000 } from './1796100000000-names-and-search';
import { WritesAndAudit1797000000000 } from './1797000000000-writes-and-audit';
import { ProjectStatsSummary1798000000000 } from './1798000000000-project-stats-summary';
import { BenchScaleIndexes1798100000000 } from './1798100000000-bench-scale-indexes';
import { ChangeOutbox1799000000000 } from './1799000000000-change-outbox';
import { SearchKeysFoldScripts1799100000000 } from './1799100000000-search-keys-fold-scripts';
import { ForeignReadModel1799200000000 } from './1799200000000-foreign-read-model';

/** The projects subgraph's migrations, oldest first. */
export const MIGRATIONS: MigrationClass[] = [
  InitialSchema1764230400000,
  ListOrderingAndSynthetic1796000000000,
  NamesAndSearch1796100000000,
  WritesAndAudit1797000000000,
  ProjectStatsSummary1798000000000,
  BenchScaleIndexes1798100000000,
  ChangeOutbox1799000000000,
  SearchKeysFoldScripts1799100000000,
  ForeignReadModel1799200000000,
];
