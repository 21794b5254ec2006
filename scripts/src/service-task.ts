import { requiredString } from '@azg/core/config';
import { isSubgraphName, SUBGRAPH_NAMES, type SubgraphName } from '@azg/core/registry';
import { describeExit, NodeProcess } from './processes';
import { scriptPath } from './repository';
import { loadSubgraph } from './service-contract';

/**
 * One task of one service, run in a process of its own (type-graphql's metadata store is global,
 * so two services' schemas must never be built in one process):
 *
 *   node scripts/dist/service-task.js migrate <service>   applies migrations and the seed (DATABASE_URL)
 *   node scripts/dist/service-task.js sdl <service>       prints the subgraph SDL
 *   node scripts/dist/service-task.js synthetic <service> <scale>
 *                                                          replaces its synthetic rows by <scale> copies (DATABASE_URL)
 *
 * The result is one line of JSON after a marker, so anything else the service logs is harmless.
 */
const RESULT_MARKER = '::azg-service-task-result::';

export interface MigrateResult {
  changedRows: number;
}

export interface SdlResult {
  serviceName: string;
  defaultPort: number;
  sdl: string;
}

export interface SyntheticResult {
  removedRows: number;
  writtenRows: number;
}

export interface ServiceTaskResults {
  migrate: MigrateResult;
  sdl: SdlResult;
  synthetic: SyntheticResult;
}
export type ServiceTask = keyof ServiceTaskResults;

function isServiceTask(value: string | undefined): value is ServiceTask {
  return value === 'migrate' || value === 'sdl' || value === 'synthetic';
}

/** Runs `task` for service `name` in a child process (with `args` after the name) and returns what it reported. */
export async function runServiceTask<Task extends ServiceTask>(
  task: Task,
  name: SubgraphName,
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 120_000,
  args: string[] = [],
): Promise<ServiceTaskResults[Task]> {
  let result: string | undefined;
  const child = new NodeProcess({
    name: `${name} ${task}`,
    script: scriptPath('service-task.js'),
    args: [task, name, ...args],
    env,
    onLine: (line, stream) => {
      if (stream === 'stdout' && line.startsWith(RESULT_MARKER)) result = line.slice(RESULT_MARKER.length);
    },
  });
  const timer = setTimeout(() => void child.stop(), timeoutMs);
  const exit = await child.exited.finally(() => clearTimeout(timer));
  if (exit.code !== 0 || result === undefined) {
    throw new Error(`${name}: ${task} failed (${describeExit(exit)})\n${child.recentOutput()}`);
  }
  return JSON.parse(result) as ServiceTaskResults[Task];
}

async function perform(task: ServiceTask, name: SubgraphName, args: string[]): Promise<MigrateResult | SdlResult | SyntheticResult> {
  const subgraph = loadSubgraph(name);
  if (task === 'migrate') {
    const { changedRows } = await subgraph.migrateAndSeed(requiredString('DATABASE_URL'));
    return { changedRows };
  }
  if (task === 'synthetic') {
    const scale = Number(args[0]);
    if (!Number.isInteger(scale) || scale < 0) throw new Error(`synthetic needs a scale, a whole number from 0, got "${args[0] ?? ''}"`);
    // Development-only tooling, loaded only for this task: a migrate-only deployment does not need @azg/dev.
    const { writeSyntheticRows } = await import('@azg/dev/synthetic');
    return writeSyntheticRows(subgraph.createDataSource(requiredString('DATABASE_URL')), subgraph.syntheticTables, scale);
  }
  return { serviceName: subgraph.name, defaultPort: subgraph.defaultPort, sdl: await subgraph.printSdl() };
}

if (require.main === module) {
  const [task, name, ...args] = process.argv.slice(2);
  if (!isServiceTask(task) || !isSubgraphName(name)) {
    process.stderr.write(`usage: service-task.js <migrate|sdl|synthetic> <${SUBGRAPH_NAMES.join('|')}> [scale]\n`);
    process.exit(2);
  }
  perform(task, name, args).then(
    // Exit explicitly: a service may leave a pool or timer behind that would keep the process up.
    (result) => process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`, () => process.exit(0)),
    (error: unknown) => {
      process.stderr.write(`${name}: ${task} failed: ${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
