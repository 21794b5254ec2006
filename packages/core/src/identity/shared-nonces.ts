import type { SharedState } from '../shared-state/shared-state';

/** What the shared store says of a nonce: taken now, taken before (a replay), or no answer. */
export type SharedNonceVerdict = 'accepted' | 'replayed' | 'unavailable';

/** Claims a nonce for every process sharing one Redis, until its signature expires. */
export type SharedNonceClaim = (nonce: string, expiresAt: number) => Promise<SharedNonceVerdict>;

/**
 * Kept a little past the signature's expiry, so a clock of this process a little behind the
 * gateway's does not free a nonce while another replica would still take its signature.
 */
const CLOCK_ALLOWANCE_MS = 5_000;

/**
 * The nonces of signed requests, shared by every subgraph process on one Redis (REDIS_URL): each
 * is claimed once with `SET NX` until its signature has expired. A process keeps its own
 * `NonceStore` too, so this adds one round trip per request and nothing else; without it, a
 * request captured on its way to one replica of a subgraph could be replayed once to another
 * replica, or to another subgraph, within the signature's minute. One key space for all
 * subgraphs: the gateway sends each signed request, nonce and all, to exactly one of them.
 * While Redis does not answer the verdict is `unavailable`, and the process's own store is the
 * only check (the verifier says so in the log, once per change).
 */
export function sharedNonceClaim(shared: SharedState, now: () => number = Date.now): SharedNonceClaim {
  return async (nonce, expiresAt) => {
    if (!shared.up()) return 'unavailable';
    try {
      const ttlMs = Math.max(1, expiresAt - now()) + CLOCK_ALLOWANCE_MS;
      const set = await shared.commands.set(`${shared.prefix}nonce:${nonce}`, '1', 'PX', ttlMs, 'NX');
      return set === 'OK' ? 'accepted' : 'replayed';
    } catch {
      return 'unavailable';
    }
  };
}
