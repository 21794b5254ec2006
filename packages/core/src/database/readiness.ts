import type { DataSource } from 'typeorm';

/** The name TypeORM records for a migration in the migrations table. */
function migrationName(migration: { name?: string; constructor: { name: string } }): string {
  return migration.name || migration.constructor.name;
}

/** Rejects after `ms` with `message`, so a check never waits longer than its caller can. */
async function within<T>(ms: number, message: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Readiness of a service's database: it answers within `timeoutMs`, and every migration the
 * service ships is recorded as applied. Resolves when ready; otherwise rejects with a reason fit
 * for an operator (no credentials or addresses). Runs through the pool, so it also proves the
 * pool can reach the server again after an outage.
 */
export async function checkDatabaseReady(dataSource: DataSource, timeoutMs = 2_000): Promise<void> {
  const schema = (dataSource.options as { schema?: string } | undefined)?.schema ?? 'public';
  let applied: Array<{ name: string }>;
  try {
    applied = await within(timeoutMs, `database did not answer within ${timeoutMs} ms`,
      dataSource.query(`SELECT name FROM "${schema}"."migrations"`) as Promise<Array<{ name: string }>>);
  } catch (error) {
    const code = (error as { code?: unknown }).code ?? (error as { driverError?: { code?: unknown } }).driverError?.code;
    if (code === '42P01') throw new Error(`migrations not applied: "${schema}"."migrations" does not exist`);
    throw new Error(`database unreachable: ${typeof code === 'string' ? code : (error as Error).message}`);
  }
  const names = new Set(applied.map((row) => row.name));
  const pending = dataSource.migrations.map(migrationName).filter((name) => !names.has(name));
  if (pending.length > 0) throw new Error(`migrations not applied: ${pending.join(', ')}`);
}
