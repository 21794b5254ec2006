import { randomUUID } from 'node:crypto';
import { quietObservability, type Logger } from '../observability';
import { connectSharedState, readSharedStateConfig, type SharedState } from './shared-state';

/** The Redis connections several processes share: their settings, their state as logs and a metric, and pub/sub between two processes. */
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

  it('carry a message published by one process to every process subscribed, under the prefix (127.0.0.1:6379)', async () => {
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
