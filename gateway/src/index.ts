import { readGatewayConfig } from './config';
import { readPersistedOperationsConfig, readPlaygroundConfig } from './playground';
import { createGateway } from './server';

/** How long in-flight requests get to finish after SIGINT/SIGTERM before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const config = readGatewayConfig();
  const explorer = { playground: readPlaygroundConfig(), persistedOperations: readPersistedOperationsConfig() };
  const running = await createGateway(config, { explorer }).listen();
  process.stdout.write(`Gateway ready at ${running.url}\n`);

  let closing = false;
  const close = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    process.stderr.write(`gateway: ${signal} received, closing\n`);
    setTimeout(() => {
      process.stderr.write('gateway: in-flight requests did not finish in time, exiting\n');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`gateway: close failed: ${(error as Error).stack ?? String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', close);
  process.on('SIGTERM', close);
}

main().catch((error: unknown) => {
  process.stderr.write(`gateway failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
