import { parseArgs } from 'node:util';
import { optionalString } from '@azg/core/config';
import { IDENTITY_SECRET_VARIABLE } from '@azg/core/identity';
import { SUBGRAPH_NAMES } from '@azg/core/registry';
import { openEmbeddedDatabase } from './embedded-database';
import { localRunSecrets } from './secrets';
import { runServiceTask } from './service-task';

const USAGE = `usage: npm run read-model -- <check|rebuild>

  check     compares every read model of another subgraph's facts (the projects subgraph's
            companies, land and jobs) with the owners' current data, read through their
            change feeds; prints each difference and exits 1 when there is one
  rebuild   recreates them from the owners' data, each in one transaction, and resumes the
            streams from there

Against DATABASE_URL, else the embedded PostgreSQL of npm start; the stack must be running
(the owners answer through their feeds).`;

/**
 * `npm run read-model`: checks or rebuilds the read models the subgraphs keep of each other's
 * change streams. Each service runs its own part in a process of its own (see service-task.ts).
 */
async function run(argv: string[], write: (line: string) => void): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true });
  const [command] = positionals;
  if ((command !== 'check' && command !== 'rebuild') || positionals.length !== 1) {
    write(USAGE);
    return 2;
  }
  const url = optionalString('DATABASE_URL');
  const database = url !== undefined ? { url, stop: async () => undefined } : await openEmbeddedDatabase(process.env);
  try {
    const env = { ...process.env, DATABASE_URL: database.url, [IDENTITY_SECRET_VARIABLE]: localRunSecrets().values[IDENTITY_SECRET_VARIABLE] };
    let differences = 0;
    for (const name of SUBGRAPH_NAMES) {
      for (const result of await runServiceTask('read-model', name, env, 600_000, [command])) {
        if (result.checkpoint !== undefined) write(`${name}: rebuilt its read model of ${result.source}, now at position ${result.checkpoint}`);
        if (result.differences !== undefined) {
          differences += result.differences.length;
          write(`${name}: its read model of ${result.source} ${result.differences.length === 0 ? 'agrees with the owner' : `differs in ${result.differences.length} records:`}`);
          for (const difference of result.differences) write(`  ${difference}`);
        }
      }
    }
    return differences === 0 ? 0 : 1;
  } finally {
    await database.stop();
  }
}

if (require.main === module) {
  run(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`read-model: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}
