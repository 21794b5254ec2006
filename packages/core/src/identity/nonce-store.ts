/** What a `NonceStore` says of a nonce it was asked to accept. */
export type NonceVerdict = 'accepted' | 'replayed' | 'full';

/**
 * The nonces of the signed requests a subgraph has accepted, each kept until its signature has
 * expired (after which the signature alone refuses the request, so the nonce is no longer needed).
 *
 * It is bounded by `capacity`, and at the bound it **refuses** new nonces (`full`) rather than
 * forgetting unexpired ones early: forgetting would silently reopen the replay window, while a
 * refusal is a visible, retryable 503 that the log explains. The bound is sized from the window
 * and the request rate (see `DEFAULT_NONCE_CAPACITY`), so an honest load never reaches it.
 *
 * Entries are kept in insertion order and swept from the oldest on each `accept`, which keeps
 * every operation amortised O(1). Expiry times are not strictly in insertion order (gateways'
 * clocks differ a little), so an expired entry may wait behind a younger unexpired one: it is
 * removed at most that clock difference late, and only ever later, never earlier.
 */
export class NonceStore {
  private readonly expiries = new Map<string, number>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`a nonce store needs a capacity of at least 1, got ${capacity}`);
  }

  /** How many nonces are held now (expired ones not yet swept included). */
  get size(): number {
    return this.expiries.size;
  }

  /**
   * Remembers `nonce` until `expiresAt` (epoch ms, inclusive) and answers `accepted`; or `replayed` when it
   * is held already; or `full` when `capacity` unexpired nonces are held (nothing is remembered).
   */
  accept(nonce: string, expiresAt: number, now = Date.now()): NonceVerdict {
    this.sweep(now);
    if (this.expiries.has(nonce)) return 'replayed';
    if (this.expiries.size >= this.capacity) return 'full';
    this.expiries.set(nonce, expiresAt);
    return 'accepted';
  }

  /** Drops expired nonces from the oldest, stopping at the first that has not expired. */
  private sweep(now: number): void {
    for (const [nonce, expiresAt] of this.expiries) {
      // At `expiresAt` itself the signature still holds, so the nonce must too.
      if (expiresAt >= now) return;
      this.expiries.delete(nonce);
    }
  }
}
