import { createHmac, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { GraphQLError } from 'graphql';
import { ConfigError, flag, optionalString } from '../config/env';
import { ErrorCode } from '../errors/errors';
import { isRole, type Identity, type IdentitySource } from './identity';

/**
 * The header by which the gateway tells a subgraph who is calling. A subgraph believes only a
 * header signed with the secret it shares with the gateway, so a caller who reaches a subgraph
 * directly cannot claim a role: without the secret, every request is refused.
 */
export const IDENTITY_HEADER = 'x-azg-identity';

/** The variable holding the secret shared by the gateway and every subgraph. */
export const IDENTITY_SECRET_VARIABLE = 'AZG_IDENTITY_SECRET';
/** At least this many characters (256 bits of a random hex or base64 string). */
export const MIN_IDENTITY_SECRET_LENGTH = 32;

/**
 * How old (or how far in the future, for clocks that disagree) a signed identity may be. It is a
 * freshness window, not replay protection: a header captured on the wire between gateway and
 * subgraph can be replayed within it, so that network must be private (or TLS).
 */
export const IDENTITY_MAX_AGE_MS = 5 * 60_000;

/** Longer than any header the gateway writes; checked before anything is decoded. */
const MAX_HEADER_LENGTH = 4096;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const SOURCES: readonly IdentitySource[] = ['anonymous', 'api-key', 'jwt', 'internal'];

/** What the header's payload carries, in short names. */
interface IdentityClaims {
  sub: string;
  role: string;
  src: string;
  kid?: string;
  /** When the gateway signed it, epoch milliseconds. */
  iat: number;
  /** The request's id, so a subgraph's log line and the gateway's name the same request. */
  rid: string;
}

/**
 * Reads AZG_IDENTITY_SECRET. There is no default, in production or anywhere else: a gateway and
 * subgraphs that made up secrets of their own could not talk to one another. `npm start` and the
 * test stacks generate one and hand it to every process.
 */
export function identitySecret(env: Record<string, string | undefined> = process.env): string {
  const secret = optionalString(IDENTITY_SECRET_VARIABLE, env);
  if (secret === undefined) {
    throw new ConfigError(`${IDENTITY_SECRET_VARIABLE} is required (at least ${MIN_IDENTITY_SECRET_LENGTH} characters, the same for the gateway and every subgraph; npm start generates one in .data/secrets.json)`);
  }
  if (secret.length < MIN_IDENTITY_SECRET_LENGTH) {
    throw new ConfigError(`${IDENTITY_SECRET_VARIABLE} must be at least ${MIN_IDENTITY_SECRET_LENGTH} characters, got ${secret.length}`);
  }
  return secret;
}

/** AZG_PUBLIC_READ (default true): whether anonymous callers may read the public graph. */
export function publicReadEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return flag('AZG_PUBLIC_READ', true, env);
}

function mac(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

/** The header value for `identity`: base64url(JSON claims) "." base64url(HMAC-SHA256). */
export function signIdentity(identity: Identity, secret: string, requestId: string, now = Date.now()): string {
  const claims: IdentityClaims = {
    sub: identity.subject,
    role: identity.role,
    src: identity.source,
    ...(identity.keyId !== undefined ? { kid: identity.keyId } : {}),
    iat: now,
    rid: requestId,
  };
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
}

/** Why a header was refused; for the log line, never for the client (who learns only that it was). */
export class IdentityRejected extends Error {
  override name = 'IdentityRejected';
}

/**
 * The identity a header carries, when its signature holds under `secret`, its shape and role are
 * known, and it was signed within IDENTITY_MAX_AGE_MS of `now`; throws `IdentityRejected` otherwise.
 */
export function verifyIdentity(header: string | string[] | undefined, secret: string, now = Date.now()): Identity {
  if (header === undefined) throw new IdentityRejected(`no ${IDENTITY_HEADER} header`);
  if (Array.isArray(header) || header.length > MAX_HEADER_LENGTH) throw new IdentityRejected(`malformed ${IDENTITY_HEADER} header`);
  const parts = header.split('.');
  if (parts.length !== 2 || !BASE64URL.test(parts[0]!) || !BASE64URL.test(parts[1]!)) throw new IdentityRejected(`malformed ${IDENTITY_HEADER} header`);
  const [payload, signature] = parts as [string, string];
  const expected = mac(secret, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new IdentityRejected('signature does not match');
  let claims: Partial<IdentityClaims>;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<IdentityClaims>;
  } catch {
    throw new IdentityRejected('payload is not JSON');
  }
  if (typeof claims !== 'object' || claims === null) throw new IdentityRejected('payload is not an object');
  if (typeof claims.sub !== 'string' || claims.sub === '') throw new IdentityRejected('no subject');
  if (!isRole(claims.role)) throw new IdentityRejected('unknown role');
  if (!SOURCES.includes(claims.src as IdentitySource)) throw new IdentityRejected('unknown source');
  if (claims.kid !== undefined && typeof claims.kid !== 'string') throw new IdentityRejected('malformed key id');
  if (typeof claims.iat !== 'number' || !Number.isFinite(claims.iat)) throw new IdentityRejected('no signing time');
  if (Math.abs(now - claims.iat) > IDENTITY_MAX_AGE_MS) throw new IdentityRejected('signed too long ago (or in the future)');
  return {
    subject: claims.sub,
    role: claims.role,
    source: claims.src as IdentitySource,
    ...(claims.kid !== undefined ? { keyId: claims.kid } : {}),
  };
}

/**
 * A request refused before it ran: HTTP 401 with `UNAUTHENTICATED`. Apollo Server answers an
 * error thrown while building the context with the status in `extensions.http`.
 */
export class UnauthenticatedRequestError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: ErrorCode.Unauthenticated, http: { status: 401 } } });
  }
}

export interface SignedIdentityOptions {
  secret: string;
  /** When false, a correctly signed anonymous identity is refused too (AZG_PUBLIC_READ=false). */
  publicRead: boolean;
  /** Told why a request was refused (the client is not). */
  onReject?: (reason: string) => void;
}

/**
 * A subgraph's `identify`: the caller the gateway signed onto the request, or a 401 refusal of
 * any request without a valid signature — `_service` and `_entities` included — so that reaching
 * a subgraph directly gains nothing.
 */
export function signedIdentityVerifier(options: SignedIdentityOptions): (request: http.IncomingMessage | undefined) => Identity {
  return (request) => {
    let identity: Identity;
    try {
      identity = verifyIdentity(request?.headers[IDENTITY_HEADER], options.secret);
    } catch (error) {
      options.onReject?.((error as Error).message);
      throw new UnauthenticatedRequestError('This subgraph answers only requests the gateway signed: send your request to the gateway');
    }
    if (identity.role === 'anonymous' && !options.publicRead) {
      throw new UnauthenticatedRequestError('Public reading is off: authenticate with an API key or a bearer token');
    }
    return identity;
  };
}

/** Reads the identity secret and AZG_PUBLIC_READ for a subgraph; fails at start-up without the secret. */
export function readIdentitySettings(env: Record<string, string | undefined> = process.env): { secret: string; publicRead: boolean } {
  return { secret: identitySecret(env), publicRead: publicReadEnabled(env) };
}
