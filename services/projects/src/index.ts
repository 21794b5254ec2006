import { readConfig } from './config';
import { createServiceDataSource } from './data-source';
import { createServer } from './server';

async function main(): Promise<void> {
  const config = readConfig();
  const dataSource = createServiceDataSource(config.databaseUrl);
  await dataSource.initialize();
  const server = await createServer({ dataSource });
  const running = await server.listen(config.port, config.host);
  process.stdout.write(`projects subgraph ready at ${running.url}\n`);
  const shutdown = async () => {
    await running.close();
    await dataSource.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  process.stderr.write(`projects subgraph failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
