/**
 * The seed is idempotent: running migrations and the seed again on a seeded database changes
 * nothing, not even a row version (xmin), in any subgraph's schema.
 */
import { Client } from 'pg';
import { runServiceTask } from '@azg/scripts/service-task';
import { SUBGRAPH_NAMES } from '@azg/core/registry';
import { sharedStack } from './support/shared-stack';

/** The shared stack: the name this file changes by hand the seed it tests puts back (see shared-stack.ts). */
const stack = sharedStack();

/** Every row of every table the services own, with its row version: `schema.table:key -> xmin`. */
async function rowVersions(databaseUrl: string): Promise<Map<string, string>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' AND table_name <> 'migrations'`,
      [[...SUBGRAPH_NAMES]],
    );
    const versions = new Map<string, string>();
    for (const table of tables) {
      const { rows } = await client.query<{ key: string; version: string }>(
        `SELECT t::text AS key, t.xmin::text AS version FROM "${table.schema}"."${table.name}" t`,
      );
      for (const row of rows) versions.set(`${table.schema}.${table.name}:${row.key}`, row.version);
    }
    return versions;
  } finally {
    await client.end();
  }
}

describe('the seed', () => {
  it('loaded every subgraph\'s facts', async () => {
    const versions = await rowVersions(stack.databaseUrl);
    for (const name of SUBGRAPH_NAMES) {
      expect([...versions.keys()].some((key) => key.startsWith(`${name}.`))).toBe(true);
    }
  });

  it('changes nothing when run a second time', async () => {
    const before = await rowVersions(stack.databaseUrl);
    for (const name of SUBGRAPH_NAMES) {
      const { changedRows } = await runServiceTask('migrate', name, { ...process.env, DATABASE_URL: stack.databaseUrl });
      expect({ name, changedRows }).toEqual({ name, changedRows: 0 });
    }
    const after = await rowVersions(stack.databaseUrl);
    expect(after.size).toBe(before.size);
    expect(after).toEqual(before);
  });

  it('puts back a value that was changed by hand, and only that row', async () => {
    const client = new Client({ connectionString: stack.databaseUrl });
    await client.connect();
    try {
      await client.query(`UPDATE projects.project SET name = 'tampered' WHERE id = 'valtherm-radiator-plant'`);
    } finally {
      await client.end();
    }
    const { changedRows } = await runServiceTask('migrate', 'projects', { ...process.env, DATABASE_URL: stack.databaseUrl });
    expect(changedRows).toBe(1);
    const { body } = await stack.query<{ project: { name: string } }>('{ project(id: "valtherm-radiator-plant") { name } }');
    expect(body.data?.project.name).toBe('Valtherm aluminium and bimetallic radiator plant');
  });
});
