import type { SyntheticTable } from '@azg/core/database';

/** What the synthetic-data generator copies here: every company, its names and search keys marked with the copy. */
export const SYNTHETIC_TABLES: SyntheticTable[] = [
  {
    table: 'companies.company',
    idColumns: ['id'],
    labelColumns: ['name', 'latin_name'],
    labelTranslationColumns: ['names'],
    labelSearchKeyColumns: ['search_keys'],
  },
];
