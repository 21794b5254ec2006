import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * An API key as its holder sees it: `azg_<id>_<secret>`. The id (8 random bytes, hex: never
 * mistaken for a command-line option or split at `_`) finds the stored record; the secret (32 random bytes, base64url) is what proves possession.
 * Only a salted SHA-256 of the secret is stored: a stolen database gives no working key, and
 * a 256-bit random secret needs no slow hash (nothing to guess from a dictionary).
 */
export const API_KEY_PREFIX = 'azg';
const ID_BYTES = 8;
const SECRET_BYTES = 32;
const SALT_BYTES = 16;
/** Text lengths of the id (hex) and the secret (base64url). */
const ID_LENGTH = 16;
const SECRET_LENGTH = 43;
const KEY_PATTERN = new RegExp(`^${API_KEY_PREFIX}_([0-9a-f]{${ID_LENGTH}})_([A-Za-z0-9_-]{${SECRET_LENGTH}})$`);

/** A freshly made key: the text to hand over once, and what is stored of it. */
export interface IssuedApiKey {
  /** The whole key, `azg_<id>_<secret>`: shown once, never stored or logged. */
  key: string;
  id: string;
  salt: string;
  secretHash: string;
}

/** The secret comes last and may hold `_` (base64url): the pattern anchors it at the end. */
function randomId(): string {
  return randomBytes(ID_BYTES).toString('hex');
}

/** The stored hash of `secret` under `salt` (both base64url text): sha256(salt + secret), hex. */
export function hashApiKeySecret(salt: string, secret: string): string {
  return createHash('sha256').update(salt).update(secret).digest('hex');
}

/** Makes a new random key. */
export function issueApiKey(): IssuedApiKey {
  const id = randomId();
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  const salt = randomBytes(SALT_BYTES).toString('base64url');
  return { key: `${API_KEY_PREFIX}_${id}_${secret}`, id, salt, secretHash: hashApiKeySecret(salt, secret) };
}

/** The id and secret of a key in the right format, or null for any other text. */
export function parseApiKey(text: string): { id: string; secret: string } | null {
  const match = KEY_PATTERN.exec(text.trim());
  return match ? { id: match[1]!, secret: match[2]! } : null;
}

/** Whether `secret` is the one whose hash was stored; compared in constant time. */
export function apiKeySecretMatches(secret: string, salt: string, secretHash: string): boolean {
  const given = Buffer.from(hashApiKeySecret(salt, secret), 'hex');
  const stored = Buffer.from(secretHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
