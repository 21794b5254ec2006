import { existsSync } from 'node:fs';
import path from 'node:path';
import { integer, port } from '@azg/core/config';
import { PERMISSIONS } from '@azg/core/identity';
import { surviveClosedOutput } from '@azg/core/observability';
import { GATEWAY, localUrl, SUBGRAPH_NAMES, subgraphEntry, subgraphUrlVariable, type SubgraphName } from '@azg/core/registry';
import { resolveDatabase, type Database } from './database';
import { describeExit, NodeProcess, waitForReady } from './processes';
import { prepareDatabase } from './prepare';
import { localRunSecrets, SECRETS_FILE } from './secrets';
import { GATEWAY_ENTRY_POINT, REPOSITORY_ROOT, serviceEntryPoint, SUPERGRAPH_PATH } from './repository';

/**
 * `npm start`: the database, every service's migrations and seed, the four subgraphs, then the
 * gateway, each waited for until it is ready. Ctrl-C (SIGINT) or SIGTERM stops the gateway, then
 * the subgraphs, then the embedded PostgreSQL, and exits 0; a child that dies on its own takes
 * everything down and exits 1.
 *
 * Ports: the registry's (@azg/core/registry), which the checked-in supergraph expects;
 * GATEWAY_PORT and <SUBGRAPH>_PORT (e.g. LAND_PORT) move a process elsewhere. PGPORT_EMBEDDED
 * (54329) for the embedded database; DATABASE_URL to use a PostgreSQL server of your own instead.
 */
const READY_TIMEOUT_MS = 60_000;

/**
 * How long a child may take to stop before it is killed: its own grace period for requests in
 * flight (SHUTDOWN_GRACE_MS, which it reads too) and a little more for closing its pool.
 */
const STOP_TIMEOUT_MS = integer('SHUTDOWN_GRACE_MS', 10_000) + 5_000;

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Prints a child's lines under its name, stderr to stderr. */
function prefixed(name: string) {
  const label = `[${name}]`.padEnd(12);
  return (line: string, stream: 'stdout' | 'stderr') => (stream === 'stdout' ? process.stdout : process.stderr).write(`${label}${line}\n`);
}

function requireBuilt(): void {
  const missing = [...SUBGRAPH_NAMES.map(serviceEntryPoint), GATEWAY_ENTRY_POINT].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(`not built: ${missing.map((file) => path.relative(REPOSITORY_ROOT, file)).join(', ')} (run npm run build)`);
  }
  if (!existsSync(SUPERGRAPH_PATH)) throw new Error('schema/supergraph.graphql is missing (run npm run schema)');
}

class Orchestrator {
  private database: Database | null = null;
  private readonly services = new Map<SubgraphName, NodeProcess>();
  private gateway: NodeProcess | null = null;
  private stopping = false;

  async start(): Promise<void> {
    const ports = {
      gateway: port('GATEWAY_PORT', GATEWAY.port),
      ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, port(`${name.toUpperCase()}_PORT`, subgraphEntry(name).port)])),
    } as Record<SubgraphName | typeof GATEWAY.name, number>;
    requireBuilt();
    const secrets = localRunSecrets();
    if (secrets.generated.length > 0) say(`Generated ${secrets.generated.join(' and ')} in ${path.relative(REPOSITORY_ROOT, SECRETS_FILE)} (git-ignored; kept for the next runs)`);

    say(process.env.DATABASE_URL ? 'Using the PostgreSQL server in DATABASE_URL' : 'Starting the embedded PostgreSQL (the first run creates the cluster)...');
    const postgresLines = prefixed('postgres');
    // The database process announces its URL (password included) on stdout; the banner says it without.
    this.database = await resolveDatabase(process.env, (line, stream) => {
      if (!line.startsWith('DATABASE_URL=')) postgresLines(line, stream);
    });
    this.watch(this.database.process);
    say(`Database: ${this.database.description}`);

    say('Applying migrations and seeds...');
    await prepareDatabase(this.database.url, (line) => say(`  ${line}`));

    say('Starting the subgraphs...');
    await Promise.all(SUBGRAPH_NAMES.map(async (name) => {
      const child = new NodeProcess({
        name,
        script: serviceEntryPoint(name),
        env: { ...process.env, ...secrets.values, PORT: String(ports[name]), DATABASE_URL: this.database!.url },
        onLine: prefixed(name),
        ownProcessGroup: true,
      });
      this.services.set(name, child);
      this.watch(child);
      await waitForReady(new URL('/readyz', localUrl(ports[name])).toString(), child, READY_TIMEOUT_MS);
    }));

    say('Starting the gateway...');
    const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [subgraphUrlVariable(name), localUrl(ports[name])]));
    this.gateway = new NodeProcess({
      name: GATEWAY.name,
      script: GATEWAY_ENTRY_POINT,
      env: { ...process.env, ...secrets.values, PORT: String(ports.gateway), HOST: '127.0.0.1', DATABASE_URL: this.database.url, SUPERGRAPH_PATH, ...subgraphUrls },
      onLine: prefixed(GATEWAY.name),
      ownProcessGroup: true,
    });
    this.watch(this.gateway);
    await waitForReady(new URL('/readyz', localUrl(ports.gateway)).toString(), this.gateway, READY_TIMEOUT_MS);

    const rule = '─'.repeat(64);
    say([
      '',
      rule,
      '  Almaty Zone Graph is running',
      '',
      `  Gateway      ${localUrl(ports.gateway)}   <- send your GraphQL here`,
      ...SUBGRAPH_NAMES.map((name) => `  ${name.padEnd(12)} ${localUrl(ports[name])}`),
      `  Database     ${this.database.description}`,
      '',
      `  Create an API key: npm run keys -- create --name me --role ${PERMISSIONS.manageApiKeys}`,
      '  Press Ctrl-C to stop.',
      rule,
      '',
    ].join('\n'));
  }

  /** A child that exits while nobody asked it to is fatal: say which, and stop the rest. */
  private watch(child: NodeProcess | undefined): void {
    if (!child) return;
    void child.exited.then((exit) => {
      if (this.stopping) return;
      process.stderr.write(`\n${child.name} exited unexpectedly (${describeExit(exit)}); stopping everything\n`);
      void this.stop(1);
    });
  }

  /** Stops in dependency order: nothing is left talking to a process that is already gone. */
  async stop(exitCode: number): Promise<never> {
    if (this.stopping) return new Promise<never>(() => undefined);
    this.stopping = true;
    let code = exitCode;
    const step = async (label: string, action: () => Promise<unknown>) => {
      try {
        await action();
      } catch (error) {
        process.stderr.write(`stopping ${label} failed: ${(error as Error).message}\n`);
        code = 1;
      }
    };
    if (this.gateway) {
      say('Stopping the gateway...');
      await step('the gateway', () => this.gateway!.stop(STOP_TIMEOUT_MS));
    }
    if (this.services.size > 0) {
      say('Stopping the subgraphs...');
      await step('the subgraphs', () => Promise.all([...this.services.values()].map((child) => child.stop(STOP_TIMEOUT_MS))));
    }
    if (this.database) {
      if (this.database.process) say('Stopping the embedded PostgreSQL...');
      await step('the database', () => this.database!.stop());
    }
    say(code === 0 ? 'Stopped.' : 'Stopped after a failure.');
    process.exit(code);
  }
}

if (require.main === module) {
  // `npm start | grep ...` and Ctrl-C: grep is gone before this prints "Stopping...", and the children must still be stopped in order.
  surviveClosedOutput();
  const orchestrator = new Orchestrator();
  // Ctrl-C reaches this process twice under npm (from the terminal and forwarded by npm): the second is ignored.
  process.on('SIGINT', () => void orchestrator.stop(0));
  process.on('SIGTERM', () => void orchestrator.stop(0));
  orchestrator.start().catch((error: unknown) => {
    process.stderr.write(`\nStart-up failed: ${(error as Error).message}\n`);
    void orchestrator.stop(1);
  });
}
