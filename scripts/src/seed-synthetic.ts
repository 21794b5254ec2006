import { parseArgs } from 'node:util';
import { optionalString } from '@azg/core/config';
import { MAX_SYNTHETIC_SCALE } from '@azg/core/database';
import { SUBGRAPH_NAMES, type SubgraphName } from '@azg/core/registry';
import { type Database } from './database';
import { openEmbeddedDatabase } from './embedded-database';
import { prepareDatabase } from './prepare';
import { runServiceTask, type SyntheticResult } from './service-task';

/**
 * `npm run seed:synthetic -- --scale N`: N renamed copies of the document's rows in every
 * subgraph of the registry, for measuring lists and batching on large
 * tables. Every copied row has an id starting `synthetic-<copy>-` and `synthetic = true`; the
 * database refuses a synthetic row that points at a document row, so copies never mix with the
 * facts. A run replaces the previous copies; `--remove` takes them all away.
 *
 * It runs against DATABASE_URL, or else the embedded PostgreSQL of `npm start` (the running one
 * when `npm start` is up, else it starts it), and brings the schemas up to date first.
 */
export async function writeSyntheticData(
  databaseUrl: string,
  scale: number,
  log: (line: string) => void = () => undefined,
): Promise<Record<SubgraphName, SyntheticResult>> {
  // All at once: each service writes only its own schema, in one transaction of its own.
  const results = await Promise.all(SUBGRAPH_NAMES.map(async (name) => {
    const result = await runServiceTask('synthetic', name, { ...process.env, DATABASE_URL: databaseUrl }, 600_000, [String(scale)]);
    log(`${name}: removed ${result.removedRows} synthetic rows, wrote ${result.writtenRows}`);
    return [name, result] as const;
  }));
  return Object.fromEntries(results) as Record<SubgraphName, SyntheticResult>;
}

/** Takes every synthetic row away, leaving the document's rows as they were. */
export function removeSyntheticData(databaseUrl: string, log?: (line: string) => void): Promise<Record<SubgraphName, SyntheticResult>> {
  return writeSyntheticData(databaseUrl, 0, log);
}

/** DATABASE_URL; else the embedded server `npm start` runs, if it is up; else that server, started here. */
async function openDatabase(log: (line: string) => void): Promise<Database> {
  const url = optionalString('DATABASE_URL');
  if (url !== undefined) return { url, description: 'DATABASE_URL', stop: async () => undefined };
  return openEmbeddedDatabase(process.env, log);
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { scale: { type: 'string' }, remove: { type: 'boolean', default: false } } });
  const scale = values.remove ? 0 : Number(values.scale);
  if (!values.remove && (!Number.isInteger(scale) || scale < 1 || scale > MAX_SYNTHETIC_SCALE)) {
    throw new Error(`usage: npm run seed:synthetic -- --scale N (N from 1 to ${MAX_SYNTHETIC_SCALE} copies of the document) | --remove`);
  }
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const database = await openDatabase(say);
  try {
    say(`Database: ${database.description}`);
    await prepareDatabase(database.url, (line) => say(`  ${line}`));
    say(scale === 0 ? 'Removing synthetic rows...' : `Writing ${scale} synthetic copies of the document...`);
    await writeSyntheticData(database.url, scale, (line) => say(`  ${line}`));
  } finally {
    await database.stop();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}
