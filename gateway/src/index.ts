import { createObservability, exitGracefullyOnSignals, surviveClosedOutput } from '@azg/core';
import { readGatewayConfig } from './config';
import { readPersistedOperationsConfig, readPlaygroundConfig } from './playground';
import { createGateway } from './server';

/** Listens only; on SIGTERM/SIGINT stops accepting, finishes requests in flight (SHUTDOWN_GRACE_MS) and exits 0. */
async function main(): Promise<void> {
  surviveClosedOutput();
  const config = readGatewayConfig();
  const observability = createObservability('gateway');
  const explorer = { playground: readPlaygroundConfig(), persistedOperations: readPersistedOperationsConfig() };
  const running = await createGateway(config, { observability, explorer }).listen();
  observability.logger.info({ url: running.url, tracing: observability.tracing.enabled }, `Gateway ready at ${running.url}`);
  exitGracefullyOnSignals(observability, config.shutdownGraceMs, () => running.close(config.shutdownGraceMs));
}

main().catch((error: unknown) => {
  process.stderr.write(`gateway failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

