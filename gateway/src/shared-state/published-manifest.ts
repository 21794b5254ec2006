import type { Logger } from '@azg/core/observability';
import Redis from 'ioredis';
import { type OperationManifest, parseOperationManifest, printOperationManifest } from '../persisted-operations';
import type { SharedState } from '@azg/core/shared-state';

/**
 * One safelist for every gateway: the manifest is published to Redis as a hash (`version`, a
 * counter, and `manifest`, its text) under `<prefix>operations:manifest`, and the new version
 * announced on the channel `<prefix>operations:published`. A gateway started with
 * OPERATION_MANIFEST_SOURCE=redis reads it at start, rereads it on each announcement and after
 * each reconnection (announcements made meanwhile were missed), and keeps the newest version it
 * has seen.
 */
const MANIFEST_KEY = 'operations:manifest';
const PUBLISHED_CHANNEL = 'operations:published';

/** Sets the manifest and bumps its version in one step, then announces the version. */
const PUBLISH_SCRIPT = `
local version = redis.call('HINCRBY', KEYS[1], 'version', 1)
redis.call('HSET', KEYS[1], 'manifest', ARGV[1])
redis.call('PUBLISH', KEYS[2], tostring(version))
return version
`;

/**
 * Publishes `manifest` (checked again here, as a gateway will check it) to the Redis at `url`
 * under `prefix`; returns its version. Every gateway following it serves it at once.
 */
export async function publishOperationManifest(url: string, prefix: string, manifest: OperationManifest): Promise<number> {
  const text = printOperationManifest(manifest);
  parseOperationManifest(text, 'the manifest to publish');
  const redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 5_000, lazyConnect: true });
  redis.on('error', () => undefined);
  try {
    await redis.connect().catch((error: Error) => {
      // Host and port only: the URL may carry a password.
      const { host, port } = new URL(url);
      throw new Error(`cannot reach the Redis at ${host}${port ? '' : ':6379'}: ${error.message}`);
    });
    return Number(await redis.eval(PUBLISH_SCRIPT, 2, prefix + MANIFEST_KEY, prefix + PUBLISHED_CHANNEL, text));
  } finally {
    redis.disconnect();
  }
}

export interface FollowedManifest {
  /** The manifest in force now. */
  current(): OperationManifest | null;
  /** Its published version; 0 while the file's is in force. */
  version(): number;
}

/**
 * Follows the manifest published to Redis, starting from `fallback` (the file's, or null) when
 * none is published or Redis does not answer within `startTimeoutMs`. A publication that does
 * not check out (not a manifest, ids that are not their bodies' hashes) is logged and ignored:
 * the manifest in force stays.
 */
export async function followPublishedManifest(
  shared: SharedState,
  fallback: OperationManifest | null,
  options: { logger?: Logger; startTimeoutMs?: number } = {},
): Promise<FollowedManifest> {
  const { logger } = options;
  let manifest = fallback;
  let version = 0;
  const reread = async (): Promise<void> => {
    let stored: Record<string, string>;
    try {
      stored = await shared.commands.hgetall(shared.prefix + MANIFEST_KEY);
    } catch (error) {
      logger?.warn({ err: (error as Error).message }, 'could not read the published operation manifest; the one in force stays');
      return;
    }
    const storedVersion = Number(stored.version ?? 0);
    if (stored.manifest === undefined || storedVersion <= version) return;
    try {
      manifest = parseOperationManifest(stored.manifest, `the operation manifest published to Redis (version ${storedVersion})`);
      version = storedVersion;
      logger?.info({ version, operations: manifest.operations.length }, 'serving the operation manifest published to Redis');
    } catch (error) {
      logger?.error({ err: (error as Error).message, version: storedVersion }, 'the published operation manifest is not valid; the one in force stays');
    }
  };
  shared.subscribe(PUBLISHED_CHANNEL, () => void reread(), () => void reread());
  if (await shared.ready(options.startTimeoutMs ?? 3_000)) await reread();
  if (version === 0) {
    logger?.warn({ fallback: fallback ? 'file' : 'none' }, 'no operation manifest is published to Redis, or Redis does not answer: serving the manifest file until one is');
  }
  return { current: () => manifest, version: () => version };
}
