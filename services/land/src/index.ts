import { readConfig } from './config';
import { createServiceDataSource } from './data-source';
import { createServer } from './server';
import { serviceName } from './service';

async function main(): Promise<void> {
  const config = readConfig();
  const dataSource = createServiceDataSource(config.databaseUrl);
  await dataSource.initialize();
  const server = await createServer({ dataSource });
  const running = await server.listen(config.port, config.host);
  process.stdout.write(`${serviceName} subgraph ready at ${running.url}\n`);

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    try {
      await running.close();
      await dataSource.destroy();
      process.exit(0);
    } catch (error) {
      process.stderr.write(`${serviceName} subgraph failed to stop on ${signal}: ${(error as Error).message}\n`);
      process.exit(1);
    }
  };
  // `on`, not `once`: Apollo Server stops itself on these signals and then raises the signal
  // again, which must land here (and be ignored) rather than kill the process mid-shutdown.
  process.on('SIGINT', (signal) => void stop(signal));
  process.on('SIGTERM', (signal) => void stop(signal));
}

main().catch((error: unknown) => {
  process.stderr.write(`${serviceName} subgraph failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
