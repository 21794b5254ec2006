import type { MigrationClass } from '@azg/core/server';
import { CreateWorkforceTables1795770400000 } from './1795770400000-create-workforce-tables';
import { ListOrderingAndSynthetic1796000000000 } from './1796000000000-list-ordering-and-synthetic';
import { TrainingInstitutionNames1796100000000 } from './1796100000000-training-institution-names';
import { WorkforceWrites1796200000000 } from './1796200000000-workforce-writes';
import { ChangeOutbox1799000000000 } from './1799000000000-change-outbox';

/** The workforce subgraph's migrations, oldest first. */
export const MIGRATIONS: MigrationClass[] = [
  CreateWorkforceTables1795770400000,
  ListOrderingAndSynthetic1796000000000,
  TrainingInstitutionNames1796100000000,
  WorkforceWrites1796200000000,
  ChangeOutbox1799000000000,
];
