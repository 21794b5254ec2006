import type { SyntheticTable } from '@azg/core/database';

/**
 * What the synthetic-data generator copies here: each copy has a zone of its own, with copies of
 * the plots (serving the copies of their projects), the land figures and the parks.
 */
export const SYNTHETIC_TABLES: SyntheticTable[] = [
  { table: 'land.industrial_zone', idColumns: ['id'], labelColumns: ['name'], labelTranslationColumns: ['names'] },
  { table: 'land.land_plot', idColumns: ['id', 'zone_id', 'project_id'] },
  { table: 'land.zone_land_figure', idColumns: ['id', 'zone_id', 'group_id'] },
  { table: 'land.industrial_park', idColumns: ['id', 'zone_id', 'group_id'], labelColumns: ['name'], labelTranslationColumns: ['names'] },
];
