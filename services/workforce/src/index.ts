import { readConfig } from './config';
import { createServiceDataSource } from './data-source';
import { createServer } from './server';

async function main(): Promise<void> {
  const config = readConfig();
  const dataSource = createServiceDataSource(config.databaseUrl);
  await dataSource.initialize();
  const server = await createServer({ dataSource });
  const running = await server.listen(config.port, config.host);
  process.stdout.write(`workforce subgraph ready at ${running.url}\n`);

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    try {
      await running.close();
      await dataSource.destroy();
      process.exit(0);
    } catch (error) {
      process.stderr.write(`workforce subgraph failed to stop cleanly on ${signal}: ${(error as Error).message}\n`);
      process.exit(1);
    }
  };
  process.once('SIGINT', (signal) => void stop(signal));
  process.once('SIGTERM', (signal) => void stop(signal));
}

main().catch((error: unknown) => {
  process.stderr.write(`workforce subgraph failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
