import type { SyntheticTable } from '@azg/core/database';

/**
 * What the synthetic-data generator copies here: projects (with their companies' ids renamed as
 * the companies subgraph renames its copies), the groups and the memberships, so each copy of a
 * group has the copies of its members. The council and the source document are not copied.
 */
export const SYNTHETIC_TABLES: SyntheticTable[] = [
  {
    table: 'projects.project',
    idColumns: ['id', 'company_id'],
    labelColumns: ['name'],
    labelTranslationColumns: ['names'],
    labelSearchKeyColumns: ['search_keys'],
  },
  { table: 'projects.project_group', idColumns: ['id'], labelColumns: ['name'], labelTranslationColumns: ['names'] },
  { table: 'projects.group_membership', idColumns: ['group_id', 'project_id'] },
];
