import { type Identity, UnauthenticatedRequestError } from '@azg/core/identity';
import { apiKeySecretMatches, parseApiKey } from './api-key';
import type { StoredApiKey } from './api-key.repository';

/** Where the verifier reads keys and notes their use (the repository, in the gateway). */
export interface ApiKeySource {
  findForVerification(id: string): Promise<StoredApiKey | null>;
  touch(id: string): Promise<void>;
}

export interface ApiKeyVerifierOptions {
  /**
   * How long a key read from the database is trusted without reading it again. A key revoked
   * through this gateway is forgotten at once, and so is one revoked through another gateway
   * that announced it (`announceRevocation`, over the shared Redis); one revoked otherwise
   * (`npm run keys`, or while Redis was down) still works here for up to this long.
   */
  cacheTtlMs: number;
  /** Tells the other gateways that key `id` was revoked here, so they forget it too (see shared-state/revocations.ts). */
  announceRevocation?: (id: string) => Promise<unknown>;
  /** Failures to note a key's use; they never fail the request. */
  onTouchError?: (error: unknown) => void;
  now?: () => number;
}

/** Keys cached at most; past it the oldest are dropped (a Map keeps insertion order). */
const MAX_CACHED_KEYS = 10_000;
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Checks a presented API key: its format, that its id names a stored key, that its secret hashes
 * to the stored hash, and that the key is neither revoked nor expired. Anything else is a 401
 * `UNAUTHENTICATED`: a caller who sent a key never silently becomes anonymous.
 */
export class ApiKeyVerifier {
  private readonly cache = new Map<string, { key: StoredApiKey; readAt: number }>();
  private readonly touchedAt = new Map<string, number>();
  private readonly now: () => number;

  constructor(private readonly source: ApiKeySource, private readonly options: ApiKeyVerifierOptions) {
    this.now = options.now ?? Date.now;
  }

  private async stored(id: string): Promise<StoredApiKey | null> {
    const cached = this.cache.get(id);
    if (cached && this.now() - cached.readAt < this.options.cacheTtlMs) return cached.key;
    const key = await this.source.findForVerification(id);
    this.cache.delete(id);
    if (key) {
      this.cache.set(id, { key, readAt: this.now() });
      if (this.cache.size > MAX_CACHED_KEYS) this.cache.delete(this.cache.keys().next().value!);
    }
    return key;
  }

  /** The caller a key stands for; throws a 401 for a key that is malformed, unknown, wrong, revoked or expired. */
  async verify(text: string): Promise<Identity> {
    const parsed = parseApiKey(text);
    if (!parsed) throw new UnauthenticatedRequestError('The API key is malformed: keys look like azg_<id>_<secret>');
    const key = await this.stored(parsed.id);
    // One message for unknown and wrong: a guesser learns nothing about which ids exist.
    if (!key || !apiKeySecretMatches(parsed.secret, key.salt, key.secretHash)) throw new UnauthenticatedRequestError('The API key is not valid');
    if (key.revokedAt !== null) throw new UnauthenticatedRequestError('The API key has been revoked');
    if (key.expiresAt !== null && key.expiresAt.getTime() <= this.now()) throw new UnauthenticatedRequestError('The API key has expired');
    this.noteUse(key.id);
    return { subject: key.name, role: key.role, source: 'api-key', keyId: key.id };
  }

  /** Drops key `id` from the cache, so its revocation takes effect here at once. */
  forget(id: string): void {
    this.cache.delete(id);
  }

  /** Key `id` was revoked through this gateway: forgotten here, and announced to the others before the revocation is answered. */
  async revoked(id: string): Promise<void> {
    this.forget(id);
    await this.options.announceRevocation?.(id);
  }

  private noteUse(id: string): void {
    const last = this.touchedAt.get(id);
    if (last !== undefined && this.now() - last < TOUCH_INTERVAL_MS) return;
    this.touchedAt.set(id, this.now());
    if (this.touchedAt.size > MAX_CACHED_KEYS) this.touchedAt.delete(this.touchedAt.keys().next().value!);
    this.source.touch(id).catch((error: unknown) => this.options.onTouchError?.(error));
  }
}
