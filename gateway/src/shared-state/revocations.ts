import type { SharedState } from '@azg/core/shared-state';

/** Where a gateway announces the id of each API key revoked through it. */
const REVOKED_CHANNEL = 'api-keys:revoked';

/**
 * API key revocations between gateways: `forget` is called with each key id any gateway
 * announces (the verifier drops it from its cache, so the next request with it reads the
 * database and finds it revoked); the returned function announces one (never failing). An announcement Redis
 * does not take is lost: the other gateways then refuse the key once their cache entry expires
 * (AZG_API_KEY_CACHE_TTL_MS), as without Redis.
 */
export function shareRevocations(shared: SharedState, forget: (id: string) => void): (id: string) => Promise<boolean> {
  shared.subscribe(REVOKED_CHANNEL, forget);
  return (id) => shared.publish(REVOKED_CHANNEL, id);
}
