import cluster from 'node:cluster';
import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { ConfigError, integer } from '@azg/core/config';
import { formatWalPosition, laterWalPosition, parseWalPosition } from '@azg/core/database';
import { BadUserInputError } from '@azg/core/errors';
import { callerOf, type Identity } from '@azg/core/identity';
import { readStateBackend, type SharedState, type StateBackend } from '@azg/core/shared-state';

/**
 * The consistency token: the gateway answers a request whose subgraphs wrote with it, and a
 * client that sends it back reads at least what it names, through any gateway, under any
 * credential or none, however long after. Its value is `subgraph:LSN` pairs, comma-separated
 * (`projects:0/3000148,land:0/30001A0`): the primary's WAL position after the write, per subgraph.
 */
export const READ_AFTER_HEADER = 'x-azg-read-after';

/** A token longer than every subgraph's pair could be is refused unread. */
const MAX_TOKEN_LENGTH = 1_024;

/** WAL positions by subgraph name. */
export type Positions = ReadonlyMap<string, bigint>;

const NONE: Positions = new Map();

/** Both sets of positions, the later one of each subgraph's. */
export function mergePositions(a: Positions, b: Positions): Positions {
  if (a.size === 0) return b;
  if (b.size === 0) return a;
  const merged = new Map(a);
  for (const [subgraph, position] of b) merged.set(subgraph, laterWalPosition(merged.get(subgraph), position)!);
  return merged;
}

/** The token for `positions`, pairs in name order; undefined when there are none. */
export function formatReadAfterToken(positions: Positions): string | undefined {
  if (positions.size === 0) return undefined;
  return [...positions].sort(([a], [b]) => (a < b ? -1 : 1)).map(([subgraph, position]) => `${subgraph}:${formatWalPosition(position)}`).join(',');
}

function malformed(reason: string): BadUserInputError {
  const error = new BadUserInputError(
    `${READ_AFTER_HEADER} must be the value a previous answer gave in that header (subgraph:LSN pairs separated by commas): ${reason}`,
    READ_AFTER_HEADER,
  );
  // Refused before anything runs, as a bad request.
  (error.extensions as Record<string, unknown>).http = { status: 400 };
  return error;
}

/**
 * The positions a client's token names; none when it sent no token. A token that is not one the
 * gateway gives (not pairs, a subgraph the graph does not have, not a WAL position) is refused
 * with BAD_USER_INPUT (HTTP 400): guessing what it meant could read stale data silently.
 */
export function parseReadAfterToken(header: string | string[] | undefined, subgraphs: ReadonlySet<string>): Positions {
  if (header === undefined) return NONE;
  const value = (Array.isArray(header) ? header.join(',') : header).trim();
  if (value === '') return NONE;
  if (value.length > MAX_TOKEN_LENGTH) throw malformed(`it is longer than ${MAX_TOKEN_LENGTH} characters`);
  const positions = new Map<string, bigint>();
  for (const pair of value.split(',')) {
    const separator = pair.indexOf(':');
    const subgraph = pair.slice(0, separator).trim();
    const position = separator < 0 ? undefined : parseWalPosition(pair.slice(separator + 1));
    if (separator < 0 || position === undefined) throw malformed(`"${pair.trim().slice(0, 60)}" is not subgraph:LSN`);
    if (!subgraphs.has(subgraph)) throw malformed(`the graph has no subgraph "${subgraph.slice(0, 60)}"`);
    positions.set(subgraph, laterWalPosition(positions.get(subgraph), position)!);
  }
  return positions;
}

/** Where each caller's latest write positions are kept for READ_YOUR_WRITES_WINDOW_MS. */
export interface ReadYourWritesStore {
  readonly kind: 'memory' | 'redis';
  /** The caller wrote up to `positions` (kept with any later ones already known). */
  remember(caller: string, positions: Positions): Promise<void>;
  /** The positions of the caller's writes within the window; none when the store cannot say. */
  recall(caller: string): Promise<Positions>;
  close(): Promise<void>;
}

export interface ReadYourWritesConfig {
  /** READ_YOUR_WRITES_STORE: `off`, `memory` (the default) or `redis` (the default when REDIS_URL is set). */
  backend: StateBackend;
  /** READ_YOUR_WRITES_WINDOW_MS: how long after a write its caller's reads wait for it. */
  windowMs: number;
}

export const DEFAULT_READ_YOUR_WRITES_WINDOW_MS = 30_000;

/** READ_YOUR_WRITES_STORE and READ_YOUR_WRITES_WINDOW_MS (with REDIS_URL); a bad value fails at start-up. */
export function readReadYourWritesConfig(env: Record<string, string | undefined> = process.env): ReadYourWritesConfig {
  return { backend: readStateBackend('READ_YOUR_WRITES_STORE', env), windowMs: integer('READ_YOUR_WRITES_WINDOW_MS', DEFAULT_READ_YOUR_WRITES_WINDOW_MS, env, [1, 86_400_000]) };
}

/** What one gateway worker tells the others of a write it saw (relayed by the cluster's primary, cluster.ts). */
export const WRITE_SEEN_CHANNEL = 'azg:read-your-writes';

/** How a memory store reaches the other workers of its cluster; none outside a cluster. */
export interface WorkerRelay {
  send(message: unknown): void;
  onMessage(handler: (message: unknown) => void): () => void;
}

/** The node:cluster relay, in a worker; null in a gateway of one process. */
export function clusterRelay(): WorkerRelay | null {
  if (!cluster.isWorker || !process.send) return null;
  return {
    send: (message) => process.send?.(message),
    onMessage(handler) {
      process.on('message', handler);
      return () => process.off('message', handler);
    },
  };
}

/**
 * In this process, and, with GATEWAY_WORKERS > 1, in every worker of the cluster: a write one
 * worker saw is sent to the others through the primary (`relay`), so the writer's next request
 * reads it whichever worker takes it. Other gateways do not hear of it: behind several gateways,
 * use Redis (or the token).
 */
export function memoryReadYourWritesStore(windowMs: number, now: () => number = Date.now, maxCallers = 100_000, relay: WorkerRelay | null = null): ReadYourWritesStore {
  const entries = new Map<string, { positions: Positions; expiresAt: number }>();
  const live = (caller: string) => {
    const entry = entries.get(caller);
    if (entry !== undefined && entry.expiresAt <= now()) entries.delete(caller);
    return entry !== undefined && entry.expiresAt > now() ? entry : undefined;
  };
  const merge = (caller: string, positions: Positions) => {
    const known = live(caller)?.positions ?? NONE;
    // Re-inserted, so the Map's order is the order of the latest writes: the oldest go first when full.
    entries.delete(caller);
    entries.set(caller, { positions: mergePositions(known, positions), expiresAt: now() + windowMs });
    while (entries.size > maxCallers) entries.delete(entries.keys().next().value as string);
  };
  const stopListening = relay?.onMessage((message) => {
    const seen = message as { channel?: unknown; caller?: unknown; positions?: unknown } | null;
    if (seen?.channel !== WRITE_SEEN_CHANNEL || typeof seen.caller !== 'string' || !Array.isArray(seen.positions)) return;
    const positions = new Map<string, bigint>();
    for (const entry of seen.positions) {
      if (Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'string' && /^[0-9a-f]{1,16}$/.test(entry[1])) positions.set(entry[0], BigInt(`0x${entry[1]}`));
    }
    merge(seen.caller, positions);
  });
  return {
    kind: 'memory',
    async remember(caller, positions) {
      merge(caller, positions);
      relay?.send({ channel: WRITE_SEEN_CHANNEL, caller, positions: [...positions].map(([subgraph, position]) => [subgraph, position.toString(16)]) });
    },
    recall: async (caller) => live(caller)?.positions ?? NONE,
    async close() {
      stopListening?.();
      entries.clear();
    },
  };
}

/** Sets each field to the later position (fixed-width hex, so string order is position order), then the window. */
const REMEMBER_SCRIPT = `
for i = 1, #ARGV - 1, 2 do
  local known = redis.call('HGET', KEYS[1], ARGV[i])
  if (not known) or known < ARGV[i + 1] then redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
end
redis.call('PEXPIRE', KEYS[1], ARGV[#ARGV])
return 1`;

const hex = (position: bigint) => position.toString(16).padStart(16, '0');

/**
 * Redis, shared by every gateway and worker (see shared-state/): one hash per caller (subgraph →
 * position) under `<REDIS_KEY_PREFIX>read-your-writes:`, expiring READ_YOUR_WRITES_WINDOW_MS after
 * the caller's latest write. A Redis that does not answer costs the guarantee for callers without
 * the token (they may read a replica that has not their write yet), never a failed request.
 */
export function redisReadYourWritesStore(shared: SharedState, windowMs: number): ReadYourWritesStore {
  const { commands: redis } = shared;
  // The caller's name is not a credential, but a hash keeps keys short and free of odd characters.
  const keyOf = (caller: string) => `${shared.prefix}read-your-writes:${createHash('sha256').update(caller).digest('base64url')}`;
  return {
    kind: 'redis',
    async remember(caller, positions) {
      const fields = [...positions].flatMap(([subgraph, position]) => [subgraph, hex(position)]);
      if (fields.length === 0) return;
      await redis.eval(REMEMBER_SCRIPT, 1, keyOf(caller), ...fields, String(windowMs));
    },
    async recall(caller) {
      const stored = await redis.hgetall(keyOf(caller));
      const positions = new Map<string, bigint>();
      for (const [subgraph, value] of Object.entries(stored)) {
        if (/^[0-9a-f]{16}$/.test(value)) positions.set(subgraph, BigInt(`0x${value}`));
      }
      return positions;
    },
    // The connections are the shared state's: whoever opened it closes it.
    async close() {},
  };
}

/** The configured store; `shared` is required for `redis` (readReadYourWritesConfig made sure REDIS_URL is set). */
export function createReadYourWritesStore(config: ReadYourWritesConfig, shared: SharedState | null): ReadYourWritesStore | null {
  if (config.backend === 'off') return null;
  if (config.backend === 'redis') {
    if (!shared) throw new ConfigError('READ_YOUR_WRITES_STORE=redis needs REDIS_URL');
    return redisReadYourWritesStore(shared, config.windowMs);
  }
  return memoryReadYourWritesStore(config.windowMs, Date.now, undefined, clusterRelay());
}

/**
 * One operation's read consistency: the positions its caller must read at or after (those its
 * token carried, and those the store remembers of its recent writes), and the positions its own
 * writes reached, which the answer reports.
 */
export class ReadConsistency {
  private readonly required: Promise<Positions>;
  private writes: Positions = NONE;

  constructor(
    /** The caller's key in the store; null for an anonymous caller, who cannot write. */
    private readonly caller: string | null,
    /** What the client's token named. */
    readonly carried: Positions,
    store: ReadYourWritesStore | null,
  ) {
    const recalled = caller === null || store === null ? Promise.resolve(NONE) : store.recall(caller).catch(() => NONE);
    this.required = recalled.then((positions) => mergePositions(carried, positions));
  }

  /**
   * The position a read of `subgraph` must see, if any: this operation's own earlier writes
   * count too, for the fetches a mutation's plan makes after it (its result's fields from other
   * entities, read back from the subgraph it wrote).
   */
  async requiredFor(subgraph: string): Promise<bigint | undefined> {
    return laterWalPosition((await this.required).get(subgraph), this.writes.get(subgraph));
  }

  /** A fetch of `subgraph` wrote, and its commit reached `position` (the subgraph's WAL header). */
  wrote(subgraph: string, header: string): void {
    const position = parseWalPosition(header);
    if (position !== undefined) this.writes = mergePositions(this.writes, new Map([[subgraph, position]]));
  }

  /** The positions this operation's writes reached. */
  get written(): Positions {
    return this.writes;
  }

  /** The caller's key in the store (null when anonymous). */
  get callerKey(): string | null {
    return this.caller;
  }
}

/** The read consistency of an operation by `identity`, carrying the client's token's positions. */
export function readConsistencyFor(identity: Identity, carried: Positions, store: ReadYourWritesStore | null): ReadConsistency {
  return new ReadConsistency(identity.role === 'anonymous' ? null : callerOf(identity), carried, store);
}

/**
 * After an operation: its writes' positions are remembered for its caller (awaited, so the
 * caller's next request, through any gateway sharing the store, already waits for them), and the
 * answer carries the token (what the client sent, with what this operation wrote) whenever there
 * is one to give.
 */
export function readYourWritesPlugin(store: ReadYourWritesStore | null): ApolloServerPlugin<{ consistency?: ReadConsistency }> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const consistency = contextValue.consistency;
          if (consistency === undefined) return;
          const { written, callerKey } = consistency;
          if (written.size > 0 && callerKey !== null && store !== null) await store.remember(callerKey, written).catch(() => undefined);
          const token = formatReadAfterToken(mergePositions(consistency.carried, written));
          if (token !== undefined) response.http.headers.set(READ_AFTER_HEADER, token);
        },
      };
    },
  };
}
