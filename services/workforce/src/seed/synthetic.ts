import type { SyntheticTable } from '@azg/core/database';

/**
 * What the synthetic-data generator copies here: the jobs of the copies of projects and groups.
 * The training institution is not copied: it serves every project of the zone, copies included.
 */
export const SYNTHETIC_TABLES: SyntheticTable[] = [
  { table: 'workforce.project_jobs', idColumns: ['project_id'] },
  { table: 'workforce.group_jobs', idColumns: ['group_id'] },
];
