import { changeSourceUrl, serviceSigner, startChangeConsumer, type ChangeConsumer } from '../changes/change-consumer';
import { readDatabaseSettings } from '../database/data-source';
import { primaryPositionOf, ReadReplicas, readReplicaSettings, replicaPools } from '../database/read-replicas';
import { readServerSettings } from './server-settings';
import { exitGracefullyOnSignals } from './shutdown';
import type { Subgraph } from './define-subgraph';
import { readSubgraphConfig } from './subgraph-config';
import { readIdentitySettings, signedIdentityVerifier } from '../identity/signed-identity';
import { sharedNonceClaim } from '../identity/shared-nonces';
import { connectSharedState, readSharedStateConfig } from '../shared-state/shared-state';
import { cursorSecret } from '../pagination/cursor';
import { surviveClosedOutput } from '../observability/closed-output';
import { flushLogger } from '../observability/logger';
import { createObservability, type Observability } from '../observability/observability';

/**
 * A subgraph process, start to end: reads its settings (failing fast on a bad one), connects its
 * pool, listens, logs that it is ready, and on SIGTERM/SIGINT stops accepting, finishes what is
 * in flight (SHUTDOWN_GRACE_MS), closes its pool and exits 0. A failed start exits 1 with the reason.
 */
export function runSubgraph<Loaders extends object, Repositories extends object>(subgraph: Subgraph<Loaders, Repositories>): void {
  surviveClosedOutput();
  let observability: Observability | undefined;
  const start = async () => {
    const env = process.env;
    // The shared secret first: without it the subgraph could only refuse every request.
    const identity = readIdentitySettings(env);
    // Likewise the cursor secret (required in production), before any connection is tried.
    cursorSecret(env);
    const config = readSubgraphConfig(subgraph.defaultPort, env);
    const settings = readServerSettings(env);
    const database = readDatabaseSettings(env);
    const replicaSettings = readReplicaSettings(env);
    observability = createObservability(subgraph.name, env);
    const { logger } = observability;
    const dataSource = subgraph.createDataSource(config.databaseUrl, {
      ...database,
      onPoolError: (error) => logger.warn({ err: error }, 'a pooled database connection failed; the pool opens a new one when next needed'),
    });
    await dataSource.initialize();
    // Replicas are checked from the start, but none is needed to start: until one answers, queries read the primary.
    const replicas = replicaSettings.urls.length === 0 ? undefined : new ReadReplicas({
      replicas: replicaPools(dataSource, replicaSettings.urls, (error, replica) => logger.warn({ err: error, replica }, 'a pooled read-replica connection failed; the pool opens a new one when next needed')),
      settings: replicaSettings,
      primaryPosition: primaryPositionOf(dataSource),
      logger,
      registry: observability.metrics.registry,
    });
    await replicas?.start();
    // Replicas of a subgraph (and the four subgraphs) on one Redis accept each signed request once between them.
    const sharedConfig = readSharedStateConfig(env);
    const shared = sharedConfig ? connectSharedState(sharedConfig, { logger, metrics: observability.metrics }) : null;
    const identify = signedIdentityVerifier({
      ...identity,
      onReject: (reason) => logger.warn({ reason }, 'refused a request without a valid gateway signature'),
      sharedNonces: shared ? sharedNonceClaim(shared) : undefined,
      onSharedNonces: (available) => (available
        ? logger.info('replays are checked against every process sharing Redis again')
        : logger.warn('the shared Redis does not answer: replays are checked against this process\'s own nonces only')),
    });
    const server = await subgraph.createServer({ dataSource, settings, observability, identify, replicas });
    const running = await server.listen(config.port, config.host);
    logger.info({ url: running.url, tracing: observability.tracing.enabled, readReplicas: replicas?.replicas.map((replica) => replica.name) ?? [] }, `${subgraph.name} subgraph ready at ${running.url}`);
    // Its read models follow the other subgraphs' feeds once it serves: they may be starting too, and the loops retry.
    const consumer: ChangeConsumer | undefined = subgraph.consumes.length === 0 ? undefined : startChangeConsumer({
      schema: subgraph.databaseSchema,
      handlers: subgraph.consumes,
      dataSource,
      sourceUrl: (source) => changeSourceUrl(source, env),
      sign: serviceSigner(subgraph.name, identity.secret),
      logger: logger.child({ component: 'change-consumer' }),
      metrics: observability.metrics,
    });
    exitGracefullyOnSignals(observability, settings.shutdownGraceMs, async () => {
      const result = await running.close(settings.shutdownGraceMs);
      await consumer?.stop();
      await replicas?.stop();
      await shared?.close();
      await dataSource.destroy();
      return result;
    });
  };
  start().catch(async (error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    if (observability) {
      observability.logger.fatal({ err: error }, `${subgraph.name} subgraph failed to start`);
      await flushLogger(observability.logger);
    }
    process.stderr.write(`${subgraph.name} subgraph failed to start: ${reason}\n`);
    process.exit(1);
  });
}
