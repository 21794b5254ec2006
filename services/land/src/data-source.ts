import { createDataSource, type DataSourceSettings } from '@azg/core';
import type { DataSource } from 'typeorm';
import { CreateLandTables1795770580047 } from './migrations/1795770580047-create-land-tables';
import { ListOrderingAndSynthetic1796000000000 } from './migrations/1796000000000-list-ordering-and-synthetic';
import { ZoneAndParkNames1796100000000 } from './migrations/1796100000000-zone-and-park-names';
import { LandPlotWrites1796200000000 } from './migrations/1796200000000-land-plot-writes';

/** The Postgres schema the land subgraph owns. */
export const LAND_SCHEMA = 'land';

/** The land subgraph's data source: bound to the `land` schema, migrations only. */
export function createServiceDataSource(url: string, settings: DataSourceSettings = {}): DataSource {
  return createDataSource({ ...settings, url, schema: LAND_SCHEMA, migrations: [CreateLandTables1795770580047, ListOrderingAndSynthetic1796000000000, ZoneAndParkNames1796100000000, LandPlotWrites1796200000000] });
}
