import type { SyntheticTable } from '@azg/core';

/** What the synthetic-data generator copies here: every company, its names marked with the copy. */
export const SYNTHETIC_TABLES: SyntheticTable[] = [
  { table: 'companies.company', idColumns: ['id'], labelColumns: ['name', 'latin_name'] },
];
