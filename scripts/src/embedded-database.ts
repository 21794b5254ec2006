import net from 'node:net';
import { port } from '@azg/core/config';
import { connectableEmbeddedUrl } from '@azg/dev/embedded-postgres';
import { startDatabaseProcess, type Database } from './database';
import { EMBEDDED_DATA_DIR, EMBEDDED_DEFAULT_PORT } from './repository';

/** Whether a server accepts TCP connections on `port` of 127.0.0.1. */
function listening(onPort: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port: onPort });
    socket.setTimeout(2_000);
    const answer = (accepted: boolean) => {
      socket.destroy();
      resolve(accepted);
    };
    socket.once('connect', () => answer(true));
    socket.once('error', () => answer(false));
    socket.once('timeout', () => answer(false));
  });
}

/**
 * The embedded PostgreSQL of `npm start` (`.data/postgres` on PGPORT_EMBEDDED), for a tool run
 * beside it (`npm run keys`, `npm run seed:synthetic`): the running server when `npm start` is
 * up, once it has proved to be that cluster (see connectableEmbeddedUrl: any other server on the
 * port is refused, whatever password it takes), else that cluster started for the tool and
 * stopped after.
 */
export async function openEmbeddedDatabase(
  env: Record<string, string | undefined> = process.env,
  onStart: (line: string) => void = () => undefined,
): Promise<Database> {
  const embeddedPort = port('PGPORT_EMBEDDED', EMBEDDED_DEFAULT_PORT, env);
  if (await listening(embeddedPort)) {
    const url = await connectableEmbeddedUrl(EMBEDDED_DATA_DIR, embeddedPort);
    return { url, description: `the embedded PostgreSQL on port ${embeddedPort} (npm start)`, stop: async () => undefined };
  }
  onStart(`Starting the embedded PostgreSQL on port ${embeddedPort}...`);
  return startDatabaseProcess({ dataDir: EMBEDDED_DATA_DIR, port: embeddedPort });
}
