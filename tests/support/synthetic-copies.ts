import { Client } from 'pg';

/** A table to copy, and which of its columns hold record ids that the copies must rename. */
interface CopiedTable {
  table: string;
  idColumns: string[];
}

/**
 * The rows that the "all projects with company, land, workforce and groups" query touches:
 * copying them all keeps every join intact in the copies.
 */
const TABLES: CopiedTable[] = [
  { table: 'companies.company', idColumns: ['id'] },
  { table: 'projects.project', idColumns: ['id', 'company_id'] },
  { table: 'projects.group_membership', idColumns: ['project_id'] },
  { table: 'land.land_plot', idColumns: ['id', 'project_id'] },
  { table: 'workforce.project_jobs', idColumns: ['project_id'] },
];

/**
 * Adds `copies` renamed copies of the document's projects and everything they join to, so a
 * test can ask the same query over many times the rows. Copies have ids starting
 * `synthetic-<n>-`, never mix with the document's own rows, and `removeSyntheticCopies` takes
 * them away again.
 */
export async function addSyntheticCopies(databaseUrl: string, copies: number): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    for (const { table, idColumns } of TABLES) {
      const [schema, name] = table.split('.');
      const { rows } = await client.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns
          WHERE table_schema = $1 AND table_name = $2 AND is_generated = 'NEVER'
          ORDER BY ordinal_position`,
        [schema, name],
      );
      const columns = rows.map((row) => row.column_name);
      const renamed = columns.map((column) => (idColumns.includes(column)
        ? `CASE WHEN t."${column}" IS NULL THEN NULL ELSE 'synthetic-' || copy || '-' || t."${column}" END`
        : `t."${column}"`));
      await client.query(
        `INSERT INTO ${table} (${columns.map((column) => `"${column}"`).join(', ')})
         SELECT ${renamed.join(', ')} FROM ${table} t, generate_series(1, $1) AS copy
          WHERE t."${idColumns[0]}" NOT LIKE 'synthetic-%'`,
        [copies],
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
}

/** Deletes every synthetic copy, leaving the document's rows as they were. */
export async function removeSyntheticCopies(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const { table, idColumns } of [...TABLES].reverse()) {
      await client.query(`DELETE FROM ${table} WHERE "${idColumns[0]}" LIKE 'synthetic-%'`);
    }
  } finally {
    await client.end();
  }
}
