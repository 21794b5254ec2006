import type { MigrationClass } from '@azg/core/server';
import { CreateLandTables1795770580047 } from './1795770580047-create-land-tables';
import { ListOrderingAndSynthetic1796000000000 } from './1796000000000-list-ordering-and-synthetic';
import { ZoneAndParkNames1796100000000 } from './1796100000000-zone-and-park-names';
import { LandPlotWrites1796200000000 } from './1796200000000-land-plot-writes';
import { ChangeOutbox1799000000000 } from './1799000000000-change-outbox';

/** The land subgraph's migrations, oldest first. */
export const MIGRATIONS: MigrationClass[] = [
  CreateLandTables1795770580047,
  ListOrderingAndSynthetic1796000000000,
  ZoneAndParkNames1796100000000,
  LandPlotWrites1796200000000,
  ChangeOutbox1799000000000,
];
