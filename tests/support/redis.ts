import { randomUUID } from 'node:crypto';
import { connectSharedState, type SharedState } from '@azg/core/shared-state';

/** The Redis the tests share (127.0.0.1:6379 unless REDIS_URL says otherwise): other runs use it too, so it is never flushed. */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Connections to the shared Redis under a key prefix of one test file's own: `open` makes one
 * (on another URL too, e.g. a closed port or a relay), `cleanUp` deletes every key under the
 * prefix and closes them all. Call `cleanUp` in the file's `afterAll`.
 */
export function testRedis(): { url: string; prefix: string; open(at?: string): SharedState; cleanUp(): Promise<void> } {
  const prefix = `azg:test:${randomUUID()}:`;
  const opened: SharedState[] = [];
  return {
    url: TEST_REDIS_URL,
    prefix,
    open(at = TEST_REDIS_URL) {
      const shared = connectSharedState({ url: at, prefix });
      opened.push(shared);
      return shared;
    },
    async cleanUp() {
      const cleaner = connectSharedState({ url: TEST_REDIS_URL, prefix });
      try {
        if (await cleaner.ready(5_000)) {
          const keys = await cleaner.commands.keys(`${prefix}*`);
          if (keys.length > 0) await cleaner.commands.del(...keys);
        }
      } finally {
        await Promise.all([...opened, cleaner].map((shared) => shared.close()));
      }
    },
  };
}
