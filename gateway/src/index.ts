import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import { ConfigError } from '@azg/core/config';
import { checkDatabaseReady, readDatabaseSettings } from '@azg/core/database';
import { createObservability, surviveClosedOutput } from '@azg/core/observability';
import { exitGracefullyOnSignals } from '@azg/core/server';
import { readAccessConfig } from './access/access-config';
import { ApiKeyRepository } from './access/api-key.repository';
import { ApiKeyVerifier } from './access/api-key.verifier';
import { createAuthenticator } from './access/authenticate';
import { createAccessDataSource, migrateAccess } from './access/data-source';
import { readGatewayWorkers, runClustered } from './cluster';
import { readGatewayConfig } from './config';
import { type ExplorerOptions, readPersistedOperationsConfig, readPlaygroundConfig } from './playground';
import { readOperationManifest } from './persisted-operations';
import { createRateLimiter, readRateLimitConfig } from './rate-limit';
import { createResponseCacheStore, readResponseCacheConfig } from './response-cache';
import { createReadYourWritesStore, readReadYourWritesConfig } from './read-your-writes';
import { createGateway } from './server';
import { connectSharedState, followPublishedManifest, readSharedStateConfig, shareRevocations } from './shared-state';

/**
 * Reads its settings (failing fast: AZG_IDENTITY_SECRET and DATABASE_URL are required), applies
 * the access schema's migrations (unless a cluster's primary already did), listens; on
 * SIGTERM/SIGINT stops accepting, finishes requests in flight (SHUTDOWN_GRACE_MS), closes its
 * pool and exits 0.
 */
async function main(): Promise<void> {
  surviveClosedOutput();
  const accessConfig = readAccessConfig();
  const config = readGatewayConfig();
  const observability = createObservability('gateway');
  const { logger } = observability;
  // Read before anything opens: a bad setting fails the start, not a request.
  const responseCacheConfig = readResponseCacheConfig();
  const rateLimitConfig = readRateLimitConfig();
  const persistedOperations = readPersistedOperationsConfig();
  // What several gateways share (REDIS_URL): each feature falls back to this process's own while Redis is down.
  const sharedConfig = readSharedStateConfig();
  const shared = sharedConfig ? connectSharedState(sharedConfig, { logger, metrics: observability.metrics }) : null;
  const dataSource = createAccessDataSource(accessConfig.databaseUrl, {
    ...readDatabaseSettings(),
    onPoolError: (error) => logger.warn({ err: error }, 'a pooled database connection failed; the pool opens a new one when next needed'),
  });
  if (cluster.isWorker) await dataSource.initialize();
  else await migrateAccess(dataSource);
  const keys = new ApiKeyRepository(dataSource);
  const verifier: ApiKeyVerifier = new ApiKeyVerifier(keys, {
    cacheTtlMs: accessConfig.apiKeyCacheTtlMs,
    onTouchError: (error) => logger.warn({ err: error }, 'could not note an API key\'s last use'),
    announceRevocation: shared ? shareRevocations(shared, (id) => verifier.forget(id)) : undefined,
  });
  const access = {
    identitySecret: accessConfig.identitySecret,
    authenticate: createAuthenticator({ keys: verifier, jwt: accessConfig.jwt, publicRead: accessConfig.publicRead }),
    services: { keys, verifier },
    ready: () => checkDatabaseReady(dataSource),
  };
  const explorer: ExplorerOptions = { playground: readPlaygroundConfig(), persistedOperations };
  if (persistedOperations.source === 'redis' && shared) {
    const file = existsSync(persistedOperations.manifestPath) ? readOperationManifest(persistedOperations.manifestPath) : null;
    const followed = await followPublishedManifest(shared, file, { logger });
    if (persistedOperations.safelist && followed.current() === null) {
      throw new ConfigError(`SAFELIST is on but no operation manifest is published to Redis and ${persistedOperations.manifestPath} does not exist`);
    }
    explorer.currentManifest = followed.current;
  }
  const responseCache = createResponseCacheStore(responseCacheConfig, shared);
  const rateLimiter = rateLimitConfig.anonymous > 0 || rateLimitConfig.keyed > 0 ? createRateLimiter(rateLimitConfig, shared, { logger }) : null;
  const readYourWrites = createReadYourWritesStore(readReadYourWritesConfig(), shared);
  const running = await createGateway(config, { observability, explorer, access, responseCache, rateLimiter, readYourWrites }).listen();
  logger.info({ url: running.url, tracing: observability.tracing.enabled, publicRead: accessConfig.publicRead, jwt: accessConfig.jwt !== null }, `Gateway ready at ${running.url}`);
  exitGracefullyOnSignals(observability, config.shutdownGraceMs, async () => {
    const result = await running.close(config.shutdownGraceMs);
    await dataSource.destroy();
    await shared?.close();
    return result;
  });
}

/** A cluster's primary applies the access migrations once, before any worker starts, so workers never race them. */
async function migrateBeforeForking(): Promise<void> {
  const accessConfig = readAccessConfig();
  const dataSource = createAccessDataSource(accessConfig.databaseUrl, readDatabaseSettings());
  await migrateAccess(dataSource);
  await dataSource.destroy();
}

function fail(error: unknown): never {
  // A missing or bad setting is said in one line naming the variable; anything else with its stack.
  const reason = error instanceof ConfigError ? error.message : (error as Error).stack ?? String(error);
  process.stderr.write(`gateway failed to start: ${reason}\n`);
  process.exit(1);
}

// GATEWAY_WORKERS > 1: this process becomes the cluster's primary and each worker runs main().
try {
  const workers = readGatewayWorkers();
  const serve = () => main().catch(fail);
  if (workers > 1 && cluster.isPrimary) migrateBeforeForking().then(() => runClustered(workers, serve), fail);
  else runClustered(workers, serve);
} catch (error) {
  fail(error);
}
