import { changeSourceUrl, checkReadModel, rebuildReadModel, serviceSigner } from '@azg/core/changes';
import { requiredString } from '@azg/core/config';
import { IDENTITY_SECRET_VARIABLE } from '@azg/core/identity';
import { isSubgraphName, SUBGRAPH_NAMES, type SubgraphName } from '@azg/core/registry';
import { describeExit, NodeProcess } from './processes';
import { scriptPath } from './repository';
import { loadSubgraph } from './service-contract';
import type { Subgraph } from '@azg/core/server';

/**
 * One task of one service, run in a process of its own (type-graphql's metadata store is global,
 * so two services' schemas must never be built in one process):
 *
 *   node scripts/dist/service-task.js migrate <service>   applies migrations and the seed (DATABASE_URL)
 *   node scripts/dist/service-task.js sdl <service>       prints the subgraph SDL
 *   node scripts/dist/service-task.js synthetic <service> <scale>
 *                                                          replaces its synthetic rows by <scale> copies (DATABASE_URL)
 *   node scripts/dist/service-task.js read-model <service> <check|rebuild>
 *                                                          checks or rebuilds its read models of other subgraphs'
 *                                                          change streams (DATABASE_URL, AZG_IDENTITY_SECRET, the feeds up)
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

/** Per source the service consumes: the differences a check found, or the checkpoint a rebuild set. */
export type ReadModelResult = Array<{ source: SubgraphName; differences?: string[]; checkpoint?: string }>;

export interface ServiceTaskResults {
  migrate: MigrateResult;
  sdl: SdlResult;
  synthetic: SyntheticResult;
  'read-model': ReadModelResult;
}
export type ServiceTask = keyof ServiceTaskResults;

function isServiceTask(value: string | undefined): value is ServiceTask {
  return value === 'migrate' || value === 'sdl' || value === 'synthetic' || value === 'read-model';
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

/** Checks or rebuilds what `subgraph` keeps of other subgraphs' change streams; nothing when it consumes none. */
async function readModel(subgraph: Subgraph, command: string | undefined): Promise<ReadModelResult> {
  if (command !== 'check' && command !== 'rebuild') throw new Error(`read-model needs check or rebuild, got "${command ?? ''}"`);
  if (subgraph.consumes.length === 0) return [];
  const dataSource = subgraph.createDataSource(requiredString('DATABASE_URL'), { poolSize: 2 });
  await dataSource.initialize();
  try {
    const access = {
      schema: subgraph.databaseSchema,
      handlers: subgraph.consumes,
      dataSource,
      sourceUrl: (source: SubgraphName) => changeSourceUrl(source),
      sign: serviceSigner(`${subgraph.name}-read-model`, requiredString(IDENTITY_SECRET_VARIABLE)),
    };
    if (command === 'check') return (await checkReadModel(access)).map(({ source, differences }) => ({ source, differences }));
    return Object.entries(await rebuildReadModel(access)).map(([source, checkpoint]) => ({ source: source as SubgraphName, checkpoint }));
  } finally {
    await dataSource.destroy();
  }
}

async function perform(task: ServiceTask, name: SubgraphName, args: string[]): Promise<ServiceTaskResults[ServiceTask]> {
  const subgraph = loadSubgraph(name);
  if (task === 'read-model') return readModel(subgraph, args[0]);
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
    process.stderr.write(`usage: service-task.js <migrate|sdl|synthetic|read-model> <${SUBGRAPH_NAMES.join('|')}> [scale|check|rebuild]\n`);
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
