import { createObservability, exitGracefullyOnSignals } from '@azg/core';
import { readGatewayWorkers, runClustered } from './cluster';
import { readGatewayConfig } from './config';
import { readPersistedOperationsConfig, readPlaygroundConfig } from './playground';
import { createResponseCacheStore, readResponseCacheConfig } from './response-cache';
import { createGateway } from './server';

/** Listens only; on SIGTERM/SIGINT stops accepting, finishes requests in flight (SHUTDOWN_GRACE_MS) and exits 0. */
async function main(): Promise<void> {
  const config = readGatewayConfig();
  const observability = createObservability('gateway');
  const explorer = { playground: readPlaygroundConfig(), persistedOperations: readPersistedOperationsConfig() };
  const responseCache = createResponseCacheStore(readResponseCacheConfig());
  const running = await createGateway(config, { observability, explorer, responseCache }).listen();
  observability.logger.info({ url: running.url, tracing: observability.tracing.enabled }, `Gateway ready at ${running.url}`);
  exitGracefullyOnSignals(observability, config.shutdownGraceMs, () => running.close(config.shutdownGraceMs));
}

// GATEWAY_WORKERS > 1: this process becomes the cluster's primary and each worker runs main().
runClustered(readGatewayWorkers(), () => main().catch((error: unknown) => {
  process.stderr.write(`gateway failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
}));

