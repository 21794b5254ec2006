import { existsSync } from 'node:fs';
import path from 'node:path';
import { integer, port } from '@azg/core/config';
import { PERMISSIONS } from '@azg/core/identity';
import { surviveClosedOutput } from '@azg/core/observability';
import { GATEWAY, localUrl, SUBGRAPH_NAMES, subgraphEntry, subgraphUrlVariable, type SubgraphName } from '@azg/core/registry';
import { resolveDatabase } from './database';
import { NodeProcess, waitForReady } from './processes';
import { prepareDatabase } from './prepare';
import { localRunSecrets, SECRETS_FILE } from './secrets';
import { restartPolicy, SupervisedProcess, type ProcessDefinition, type RestartPolicy, type SupervisorReport } from './supervisor';
import { GATEWAY_ENTRY_POINT, REPOSITORY_ROOT, serviceEntryPoint, SUPERGRAPH_PATH } from './repository';

/**
 * `npm start`: the database, every service's migrations and seed, the four subgraphs, then the
 * gateway, each waited for until it is ready. Each of them (the embedded PostgreSQL too) is
 * supervised: restarted when it dies on its own, with a pause that grows while it keeps dying;
 * one that crashes too often (SUPERVISOR_MAX_CRASHES within SUPERVISOR_CRASH_WINDOW_MS) is given
 * up on, and then everything stops and this exits 1 (see supervisor.ts). Ctrl-C (SIGINT),
 * SIGTERM or SIGHUP (the terminal closed) stops the gateway, then the subgraphs, then the embedded PostgreSQL, and exits 0.
 *
 * Ports: the registry's (@azg/core/registry), which the checked-in supergraph expects;
 * GATEWAY_PORT and <SUBGRAPH>_PORT (e.g. LAND_PORT) move a process elsewhere. PGPORT_EMBEDDED
 * (54329) and AZG_EMBEDDED_DATA_DIR (.data/postgres) for the embedded database; DATABASE_URL to
 * use a PostgreSQL server of your own instead.
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
  const label = `[${name}]`.padEnd(13);
  return (line: string, stream: 'stdout' | 'stderr') => (stream === 'stdout' ? process.stdout : process.stderr).write(`${label}${line}\n`);
}

function requireBuilt(): void {
  const missing = [...SUBGRAPH_NAMES.map(serviceEntryPoint), GATEWAY_ENTRY_POINT].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(`not built: ${missing.map((file) => path.relative(REPOSITORY_ROOT, file)).join(', ')} (run npm run build)`);
  }
  if (!existsSync(SUPERGRAPH_PATH)) throw new Error('schema/supergraph.graphql is missing (run npm run schema)');
}

/** A subgraph or the gateway: a compiled Node entry point, ready when its /readyz answers 200. */
function nodeService(name: string, script: string, env: NodeJS.ProcessEnv, servicePort: number): ProcessDefinition {
  return {
    name,
    spawn: () => new NodeProcess({ name, script, env, onLine: prefixed(name), ownProcessGroup: true }),
    ready: (child) => waitForReady(new URL('/readyz', localUrl(servicePort)).toString(), child, READY_TIMEOUT_MS),
    stopGraceMs: STOP_TIMEOUT_MS,
  };
}

const supervisorLines = prefixed('supervisor');

class Orchestrator {
  private readonly services = new Map<SubgraphName, SupervisedProcess>();
  private gateway: SupervisedProcess | null = null;
  /** The embedded PostgreSQL's supervision, from its first start; null with DATABASE_URL. */
  private postgres: SupervisedProcess | null = null;
  private stopping = false;
  /** Read in `start`, so that a bad SUPERVISOR_* value is a start-up failure like any other setting. */
  private policy: RestartPolicy | null = null;
  /** Starts and returns on stdout, deaths on stderr, under `[supervisor]`; giving up stops the stack. */
  private readonly report: SupervisorReport = {
    info: (line) => supervisorLines(line, 'stdout'),
    warn: (line) => supervisorLines(line, 'stderr'),
    gaveUp: (_name, message) => {
      if (this.stopping) return;
      supervisorLines(message, 'stderr');
      void this.stop(1);
    },
  };

  get isStopping(): boolean {
    return this.stopping;
  }

  async start(): Promise<void> {
    this.policy = restartPolicy();
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
    const database = await resolveDatabase(
      process.env,
      (line, stream) => {
        if (!line.startsWith('DATABASE_URL=')) postgresLines(line, stream);
      },
      (definition) => (this.postgres = this.supervise(definition)),
    );
    const databaseUrl = database.url;
    say(`Database: ${database.description}`);

    say('Applying migrations and seeds...');
    await prepareDatabase(databaseUrl, (line) => say(`  ${line}`));

    say('Starting the subgraphs...');
    // Each subgraph is told where the others are, as the gateway is: a read model follows their change feeds.
    const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [subgraphUrlVariable(name), localUrl(ports[name])]));
    await Promise.all(SUBGRAPH_NAMES.map(async (name) => {
      const env = { ...process.env, ...secrets.values, PORT: String(ports[name]), DATABASE_URL: databaseUrl, ...subgraphUrls };
      const service = this.supervise(nodeService(name, serviceEntryPoint(name), env, ports[name]));
      this.services.set(name, service);
      await service.firstReady;
    }));

    say('Starting the gateway...');
    const gatewayEnv = { ...process.env, ...secrets.values, PORT: String(ports.gateway), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, SUPERGRAPH_PATH, ...subgraphUrls };
    this.gateway = this.supervise(nodeService(GATEWAY.name, GATEWAY_ENTRY_POINT, gatewayEnv, ports.gateway));
    await this.gateway.firstReady;

    const rule = '─'.repeat(64);
    say([
      '',
      rule,
      '  Almaty Zone Graph is running',
      '',
      `  Gateway      ${localUrl(ports.gateway)}   <- send your GraphQL here`,
      `  Live         ${localUrl(ports.gateway).replace(/^http/, 'ws')}graphql (graphql-ws), ${localUrl(ports.gateway)}graphql/stream (SSE)`,
      ...SUBGRAPH_NAMES.map((name) => `  ${name.padEnd(12)} ${localUrl(ports[name])}`),
      `  Database     ${database.description}`,
      '',
      `  Create an API key: npm run keys -- create --name me --role ${PERMISSIONS.manageApiKeys}`,
      '  A process that dies is restarted; Ctrl-C stops everything.',
      rule,
      '',
    ].join('\n'));
  }

  /** Runs `definition` under the restart policy, never once the stack is stopping. */
  private supervise(definition: ProcessDefinition): SupervisedProcess {
    if (this.stopping) throw new Error(`not starting ${definition.name}: the stack is stopping`);
    return new SupervisedProcess(definition, this.policy!, this.report);
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
      await step('the gateway', () => this.gateway!.stop());
    }
    if (this.services.size > 0) {
      say('Stopping the subgraphs...');
      await step('the subgraphs', () => Promise.all([...this.services.values()].map((service) => service.stop())));
    }
    if (this.postgres) {
      say('Stopping the embedded PostgreSQL...');
      await step('the database', () => this.postgres!.stop());
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
  // The shell sees this exit status only because package.json's start script `exec`s node: without
  // it, `sh -c "npm run build && node ..."` stays between npm and this process, gets the terminal's
  // SIGINT too, and once node exits 0 dash kills itself with that SIGINT; npm then re-raises the
  // signal its script died of, and the shell shows 130.
  process.on('SIGINT', () => void orchestrator.stop(0));
  process.on('SIGTERM', () => void orchestrator.stop(0));
  // A closed terminal (or tmux session) sends SIGHUP: by default it would end this process alone,
  // and the subgraphs and gateway, each in a process group of its own, would run on, holding their ports.
  process.on('SIGHUP', () => void orchestrator.stop(0));
  orchestrator.start().catch((error: unknown) => {
    // Stopping already (Ctrl-C, or a process given up on, which said so): nothing more to say.
    if (orchestrator.isStopping) return;
    process.stderr.write(`\nStart-up failed: ${(error as Error).message}\n`);
    void orchestrator.stop(1);
  });
}
