import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { quietObservability, type Logger } from '@azg/core/observability';
import { buildOperationManifest } from '../persisted-operations';
import { followPublishedManifest, publishOperationManifest } from './published-manifest';
import { connectSharedState, readSharedStateConfig, type SharedState } from './shared-state';

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

/** The gateway's Redis connections: their settings, their state as logs and a metric, and pub/sub between two gateways. */
function recordingLogger(lines: Array<{ level: string; connection?: string; message: string }>): Logger {
  const at = (level: string) => (fields: { connection?: string }, message: string) => lines.push({ level, connection: fields.connection, message });
  return { info: at('info'), warn: at('warn'), error: at('error'), debug() {} } as unknown as Logger;
}

async function gaugeOf(metrics: ReturnType<typeof quietObservability>['metrics']): Promise<Record<string, number>> {
  const metric = await metrics.registry.getSingleMetric('azg_redis_up')!.get();
  return Object.fromEntries(metric.values.map((value) => [String(value.labels.connection), value.value]));
}

describe('the shared state settings', () => {
  it('need REDIS_URL to share anything, and take a prefix', () => {
    expect(readSharedStateConfig({})).toBeNull();
    expect(readSharedStateConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toEqual({ url: 'redis://127.0.0.1:6379', prefix: 'azg:' });
    expect(readSharedStateConfig({ REDIS_URL: 'rediss://cache:6380', REDIS_KEY_PREFIX: 'zone-a:' })).toEqual({ url: 'rediss://cache:6380', prefix: 'zone-a:' });
    expect(() => readSharedStateConfig({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow('REDIS_URL must be a redis:// or rediss:// URL');
    expect(() => readSharedStateConfig({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: 'a b' })).toThrow('REDIS_KEY_PREFIX must not contain whitespace');
  });
});

describe('the shared state connections', () => {
  const opened: SharedState[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((shared) => shared.close()));
  });

  it('say once that Redis does not answer however often they retry, and show it in azg_redis_up', async () => {
    const lines: Array<{ level: string; connection?: string; message: string }> = [];
    const { metrics } = quietObservability('gateway');
    const shared = connectSharedState({ url: 'redis://127.0.0.1:1', prefix: 'azg:test:' }, { logger: recordingLogger(lines), metrics });
    opened.push(shared);
    // Long enough for several reconnection attempts (100 ms, 200 ms, ...).
    expect(await shared.ready(1_000)).toBe(false);
    expect(shared.up()).toBe(false);
    expect(lines.filter((line) => line.level === 'warn').map((line) => line.connection).sort()).toEqual(['commands', 'subscriber']);
    expect(await gaugeOf(metrics)).toEqual({ commands: 0, subscriber: 0 });
    // A command fails at once instead of waiting for a connection: callers fall back.
    await expect(shared.commands.get('azg:test:anything')).rejects.toThrow();
    expect(await shared.publish('channel', 'lost')).toBe(false);
  });

  it('carry a message published by one gateway to every gateway subscribed, under the prefix (127.0.0.1:6379)', async () => {
    const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const prefix = `azg:test:${randomUUID()}:`;
    const lines: Array<{ level: string; connection?: string; message: string }> = [];
    const { metrics } = quietObservability('gateway');
    const [one, other] = [connectSharedState({ url, prefix }, { logger: recordingLogger(lines), metrics }), connectSharedState({ url, prefix })];
    opened.push(one, other);
    expect(await Promise.all([one.ready(5_000), other.ready(5_000)])).toEqual([true, true]);
    expect(lines.map((line) => [line.level, line.connection])).toEqual(expect.arrayContaining([['info', 'commands'], ['info', 'subscriber']]));
    expect(await gaugeOf(metrics)).toEqual({ commands: 1, subscriber: 1 });

    const received = new Promise<string>((resolve) => other.subscribe('news', resolve));
    // The subscription is made once the subscriber connection is up: publish until it is heard.
    let heard: string | undefined;
    void received.then((message) => (heard = message));
    for (let i = 0; i < 50 && heard === undefined; i += 1) {
      expect(await one.publish('news', 'hello')).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await received).toBe('hello');
  });
});

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
