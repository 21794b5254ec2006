import { requiredString } from '@azg/core/config';
import { SUBGRAPH_NAMES } from '@azg/core/registry';
import { runServiceTask } from './service-task';

/**
 * Brings every service's schema in the database at `databaseUrl` up to date and upserts the
 * seed, one service at a time (two services creating extensions at once would race).
 *
 *   DATABASE_URL=postgres://... node scripts/dist/prepare.js
 */
export async function prepareDatabase(databaseUrl: string, log: (line: string) => void = () => undefined): Promise<void> {
  for (const name of SUBGRAPH_NAMES) {
    const { changedRows } = await runServiceTask('migrate', name, { ...process.env, DATABASE_URL: databaseUrl });
    log(`${name}: migrated and seeded (${changedRows} rows changed)`);
  }
}

if (require.main === module) {
  prepareDatabase(requiredString('DATABASE_URL'), (line) => process.stdout.write(`${line}\n`)).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}
