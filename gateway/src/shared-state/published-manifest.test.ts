import { randomUUID } from 'node:crypto';
import net from 'node:net';
import type { Logger } from '@azg/core/observability';
import { connectSharedState } from '@azg/core/shared-state';
import { buildOperationManifest } from '../persisted-operations';
import { followPublishedManifest, publishOperationManifest } from './published-manifest';

/**
 * A TCP relay to the shared Redis that a test can cut and restore, so that a gateway sees Redis
 * go away and come back without anyone stopping the Redis others use.
 */
async function relayTo(port: number): Promise<{ url: string; cut(): Promise<void>; restore(): Promise<void>; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  let server: net.Server;
  let listenPort = 0;
  const listen = () => new Promise<void>((resolve) => {
    server = net.createServer((client) => {
      const upstream = net.connect(port, '127.0.0.1');
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('error', () => undefined);
        socket.on('close', () => sockets.delete(socket));
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    server.listen(listenPort, '127.0.0.1', () => {
      listenPort = (server.address() as net.AddressInfo).port;
      resolve();
    });
  });
  const cut = async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
  };
  await listen();
  return { url: `redis://127.0.0.1:${listenPort}`, cut, restore: listen, close: cut };
}

function recordingLogger(lines: Array<{ level: string; connection?: string; message: string }>): Logger {
  const at = (level: string) => (fields: { connection?: string }, message: string) => lines.push({ level, connection: fields.connection, message });
  return { info: at('info'), warn: at('warn'), error: at('error'), debug() {} } as unknown as Logger;
}

describe('a gateway whose Redis goes away and comes back (through a relay to 127.0.0.1:6379)', () => {
  it('falls back while it is away, reconnects by itself, says so once each way, and rereads what it missed', async () => {
    const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const relay = await relayTo(Number(new URL(url).port || 6379));
    const prefix = `azg:test:${randomUUID()}:`;
    const lines: Array<{ level: string; connection?: string; message: string }> = [];
    const shared = connectSharedState({ url: relay.url, prefix }, { logger: recordingLogger(lines) });
    const hello = buildOperationManifest([{ fileName: 'Hello.graphql', body: 'query Hello { hello }' }]);
    const later = buildOperationManifest([{ fileName: 'Later.graphql', body: 'query Later { later }' }]);
    try {
      const followed = await followPublishedManifest(shared, hello, { startTimeoutMs: 5_000 });
      expect(shared.up()).toBe(true);

      await relay.cut();
      for (let i = 0; i < 50 && shared.up(); i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(shared.up()).toBe(false);
      await expect(shared.commands.get(`${prefix}anything`)).rejects.toThrow();
      // Published while this gateway cannot hear it.
      await publishOperationManifest(url, prefix, later);
      expect(followed.current()).toEqual(hello);

      await relay.restore();
      expect(await shared.ready(10_000)).toBe(true);
      for (let i = 0; i < 50 && followed.version() === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(followed.current()).toEqual(later);
      const changes = lines.filter((line) => line.connection === 'commands').map((line) => line.level);
      expect(changes).toEqual(['info', 'warn', 'info']);
    } finally {
      await shared.close();
      await relay.close();
      const cleaner = connectSharedState({ url, prefix });
      await cleaner.ready(5_000);
      const keys = await cleaner.commands.keys(`${prefix}*`);
      if (keys.length > 0) await cleaner.commands.del(...keys);
      await cleaner.close();
    }
  });
});
