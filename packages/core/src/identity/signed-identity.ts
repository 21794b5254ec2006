import { createHash, createHmac, createSecretKey, type KeyObject, randomFillSync, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { GraphQLError } from 'graphql';
import { ConfigError, flag, integer, optionalString } from '../config/env';
import { ErrorCode } from '../errors/errors';
import { isRole, type Identity, type IdentitySource, type Role } from './identity';
import { NonceStore } from './nonce-store';
import type { SharedNonceClaim } from './shared-nonces';

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
 * The format of the header, written before everything else. A header of another format (the
 * first one had no version and signed only the caller) is refused, naming the format it found.
 */
export const IDENTITY_HEADER_VERSION = 'v2';

/**
 * How old (or how far in the future, for clocks that disagree) a signed request may be. Each
 * signature is also single-use (its nonce), and a subgraph remembers the nonces it accepted for
 * this long: the window bounds that memory, so it is a minute, ample for gateways and subgraphs
 * whose clocks are kept by NTP.
 */
export const IDENTITY_MAX_AGE_MS = 60_000;

/**
 * How many accepted nonces a subgraph holds at most (AZG_IDENTITY_NONCES). Sized from the window
 * and the rate: 300,000 within a minute is 5,000 signed requests a second to one subgraph process,
 * three times the most one subgraph served in the bench (1,555/s); held, they take about 26 MB.
 */
export const DEFAULT_NONCE_CAPACITY = 300_000;

/** `extensions.code` of a request refused because the subgraph cannot remember one more nonce. */
export const NONCES_EXHAUSTED = 'OVERLOADED';

/** Longer than any header the gateway writes; checked before anything is decoded. */
const MAX_HEADER_LENGTH = 4096;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const SOURCES: readonly IdentitySource[] = ['anonymous', 'api-key', 'jwt', 'internal'];
/** 128 random bits: gateways that share the secret never pick the same nonce, and nobody can guess one. */
const NONCE_BYTES = 16;
/** A metric label the gateway vouches for: a GraphQL name (a manifest operation's, or `__other`). */
const OPERATION_LABEL = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

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
  /** The client operation's metric label, as the gateway chose it (see `operationLabel`). */
  op?: string;
  /** The nonce: random, used once. */
  n: string;
  /** The HTTP method, upper case. */
  m: string;
  /** The request target: path and query string, as on the request line. */
  p: string;
  /** base64url SHA-256 of the exact body bytes. */
  b: string;
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

/** The secret as a key object, made once per secret: a string key is converted on every HMAC. */
const secretKeys = new Map<string, KeyObject>();

function mac(secret: string, signed: string): Buffer {
  let key = secretKeys.get(secret);
  if (key === undefined) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    if (secretKeys.size < 16) secretKeys.set(secret, key);
  }
  return createHmac('sha256', key).update(signed).digest();
}

/**
 * Random bytes for nonces, drawn from the system's generator a few kilobytes at a time (as
 * `crypto.randomUUID` does): one `randomBytes` call per signed fetch was 2% of the gateway's
 * time under load. Every nonce is still fresh random bytes, each used once.
 */
const NONCE_POOL = Buffer.alloc(4096);
let noncePoolOffset = NONCE_POOL.length;

function freshNonce(): string {
  if (noncePoolOffset + NONCE_BYTES > NONCE_POOL.length) {
    randomFillSync(NONCE_POOL);
    noncePoolOffset = 0;
  }
  const nonce = NONCE_POOL.toString('base64url', noncePoolOffset, noncePoolOffset + NONCE_BYTES);
  noncePoolOffset += NONCE_BYTES;
  return nonce;
}

/** base64url SHA-256 of a request body, over its exact bytes (a string is taken as UTF-8, as it is sent). */
export function bodyDigest(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('base64url');
}

/** The HTTP request a signature is made for: it holds only on that method, target and body. */
export interface SignedRequest {
  /** Upper case: `POST`. */
  method: string;
  /** The request target as sent on the request line: path and query string (`/`, `/graphql?x=1`). */
  target: string;
  /** The exact bytes sent (a string is sent as UTF-8); empty for none. */
  body: string | Uint8Array;
}

/** What the gateway signs beside the request itself. */
export interface SigningInput extends SignedRequest {
  identity: Identity;
  /** The client request's id. */
  requestId: string;
  /** The client operation's metric label (see `operationLabel`), for the subgraph's metrics. */
  operation?: string;
}

/**
 * The header value for one subgraph request: `v2.` base64url(JSON claims) `.` base64url(HMAC-SHA256
 * of what precedes it). The claims bind the caller to this request alone: its method, target and
 * body digest, the signing time, and a fresh 128-bit random nonce that a subgraph accepts once.
 */
export function signIdentity(input: SigningInput, secret: string, now = Date.now()): string {
  const { identity } = input;
  const claims: IdentityClaims = {
    sub: identity.subject,
    role: identity.role,
    src: identity.source,
    ...(identity.keyId !== undefined ? { kid: identity.keyId } : {}),
    iat: now,
    rid: input.requestId,
    ...(input.operation !== undefined ? { op: input.operation } : {}),
    n: freshNonce(),
    m: input.method.toUpperCase(),
    p: input.target,
    b: bodyDigest(input.body),
  };
  const signed = `${IDENTITY_HEADER_VERSION}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${signed}.${mac(secret, signed).toString('base64url')}`;
}

/** Why a header was refused; for the log line, never for the client (who learns only that it was). */
export class IdentityRejected extends Error {
  override name = 'IdentityRejected';
}

/** What a valid header vouches for. */
export interface VerifiedIdentity {
  identity: Identity;
  /** The client operation's metric label, when the gateway gave one. */
  operation?: string;
  /** The single-use nonce. */
  nonce: string;
  /** When the gateway signed, and when the signature expires (epoch ms): until then a subgraph must remember the nonce. */
  signedAt: number;
  expiresAt: number;
}

/** The header's parts, or why it is not of the current format. */
function partsOf(header: string | string[] | undefined): { signed: string; payload: string; signature: string } {
  if (header === undefined) throw new IdentityRejected(`no ${IDENTITY_HEADER} header`);
  if (Array.isArray(header) || header.length > MAX_HEADER_LENGTH) throw new IdentityRejected(`malformed ${IDENTITY_HEADER} header`);
  const parts = header.split('.');
  if (parts.length === 2 && parts.every((part) => BASE64URL.test(part))) {
    throw new IdentityRejected(`${IDENTITY_HEADER} header of the old, unversioned format: the sender must sign ${IDENTITY_HEADER_VERSION} headers (a body digest and a nonce)`);
  }
  if (parts.length === 3 && parts[0] !== IDENTITY_HEADER_VERSION && /^v\d{1,3}$/.test(parts[0]!)) {
    throw new IdentityRejected(`${IDENTITY_HEADER} header of format ${parts[0]}: this subgraph reads ${IDENTITY_HEADER_VERSION}`);
  }
  const [version, payload, signature] = parts;
  if (parts.length !== 3 || version !== IDENTITY_HEADER_VERSION || !BASE64URL.test(payload!) || !BASE64URL.test(signature!)) {
    throw new IdentityRejected(`malformed ${IDENTITY_HEADER} header`);
  }
  return { signed: `${version}.${payload}`, payload: payload!, signature: signature! };
}

/** The claims of a payload whose signature held, checked for shape. */
function claimsOf(payload: string): IdentityClaims {
  let claims: Partial<IdentityClaims>;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<IdentityClaims>;
  } catch {
    throw new IdentityRejected('payload is not JSON');
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw new IdentityRejected('payload is not an object');
  if (typeof claims.sub !== 'string' || claims.sub === '') throw new IdentityRejected('no subject');
  if (!isRole(claims.role)) throw new IdentityRejected('unknown role');
  if (!SOURCES.includes(claims.src as IdentitySource)) throw new IdentityRejected('unknown source');
  if (claims.kid !== undefined && typeof claims.kid !== 'string') throw new IdentityRejected('malformed key id');
  if (typeof claims.iat !== 'number' || !Number.isFinite(claims.iat)) throw new IdentityRejected('no signing time');
  if (claims.op !== undefined && (typeof claims.op !== 'string' || !OPERATION_LABEL.test(claims.op))) throw new IdentityRejected('malformed operation label');
  if (typeof claims.n !== 'string' || !BASE64URL.test(claims.n) || Buffer.from(claims.n, 'base64url').length < NONCE_BYTES) throw new IdentityRejected('no nonce of 128 bits');
  if (typeof claims.m !== 'string' || typeof claims.p !== 'string' || typeof claims.b !== 'string') throw new IdentityRejected('no request to bind to');
  return claims as IdentityClaims;
}

/**
 * What a header vouches for, when its signature holds under `secret`, its shape and role are
 * known, it was signed within IDENTITY_MAX_AGE_MS of `now`, and it was made for `request` (the
 * same method, target and body bytes); throws `IdentityRejected` otherwise. Whether its nonce
 * was used before is the caller's to check (`signedIdentityVerifier` does, with a `NonceStore`).
 */
export function verifyIdentity(header: string | string[] | undefined, secret: string, request: SignedRequest, now = Date.now()): VerifiedIdentity {
  const { signed, payload, signature } = partsOf(header);
  const expected = mac(secret, signed);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new IdentityRejected('signature does not match');
  const claims = claimsOf(payload);
  if (Math.abs(now - claims.iat) > IDENTITY_MAX_AGE_MS) throw new IdentityRejected('signed too long ago (or in the future)');
  if (claims.m !== request.method.toUpperCase() || claims.p !== request.target) {
    throw new IdentityRejected(`signed for ${claims.m} ${claims.p}, received as ${request.method.toUpperCase()} ${request.target}`);
  }
  if (claims.b !== bodyDigest(request.body)) throw new IdentityRejected('the body is not the one signed');
  return {
    identity: {
      subject: claims.sub,
      role: claims.role as Role,
      source: claims.src as IdentitySource,
      ...(claims.kid !== undefined ? { keyId: claims.kid } : {}),
    },
    ...(claims.op !== undefined ? { operation: claims.op } : {}),
    nonce: claims.n,
    signedAt: claims.iat,
    expiresAt: claims.iat + IDENTITY_MAX_AGE_MS,
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

/** A correctly signed request refused because the subgraph's nonce store is full: HTTP 503, retryable. */
export class NoncesExhaustedError extends GraphQLError {
  constructor() {
    super('This subgraph is taking more signed requests than it can check for replay; try again shortly', {
      extensions: { code: NONCES_EXHAUSTED, http: { status: 503 } },
    });
  }
}

export interface SignedIdentityOptions {
  secret: string;
  /** When false, a correctly signed anonymous identity is refused too (AZG_PUBLIC_READ=false). */
  publicRead: boolean;
  /** Most nonces remembered at once (see `NonceStore`); DEFAULT_NONCE_CAPACITY when not given. */
  nonceCapacity?: number;
  /** Told why a request was refused (the client is not). */
  onReject?: (reason: string) => void;
  /**
   * Nonces shared with the other processes on one Redis (see `sharedNonceClaim`): with it, the
   * verifier answers a promise, and a nonce any of them accepted is a replay here too.
   */
  sharedNonces?: SharedNonceClaim;
  /** Told when the shared nonces stop answering (false) and answer again (true), once each way. */
  onSharedNonces?: (available: boolean) => void;
}

/**
 * A subgraph's `identify`: the caller (and operation label) the gateway signed onto the request,
 * or a 401 refusal of any request without a valid signature made for it — `_service` and
 * `_entities` included — so that reaching a subgraph directly gains nothing, and neither does
 * replaying a request the gateway sent, as it is or with another body. Each verifier keeps its
 * own `NonceStore` (make one per process), and refuses signatures made before it was: those it
 * cannot tell from requests a previous process accepted.
 */
export function signedIdentityVerifier(options: SignedIdentityOptions & { sharedNonces?: undefined }): (request: http.IncomingMessage | undefined, body: Uint8Array | undefined) => VerifiedIdentity;
export function signedIdentityVerifier(options: SignedIdentityOptions): (request: http.IncomingMessage | undefined, body: Uint8Array | undefined) => VerifiedIdentity | Promise<VerifiedIdentity>;
export function signedIdentityVerifier(options: SignedIdentityOptions): (request: http.IncomingMessage | undefined, body: Uint8Array | undefined) => VerifiedIdentity | Promise<VerifiedIdentity> {
  const nonces = new NonceStore(options.nonceCapacity ?? DEFAULT_NONCE_CAPACITY);
  // The store starts empty, so a signature older than it could be one accepted before a restart.
  const startedAt = Date.now();
  const refuse = (reason: string): never => {
    options.onReject?.(reason);
    throw new UnauthenticatedRequestError('This subgraph answers only requests the gateway signed: send your request to the gateway');
  };
  const verifyHere = (request: http.IncomingMessage | undefined, body: Uint8Array | undefined): VerifiedIdentity => {
    let verified: VerifiedIdentity;
    try {
      verified = verifyIdentity(request?.headers[IDENTITY_HEADER], options.secret, { method: request?.method ?? 'GET', target: request?.url ?? '/', body: body ?? '' });
    } catch (error) {
      return refuse((error as Error).message);
    }
    if (verified.identity.role === 'anonymous' && !options.publicRead) {
      throw new UnauthenticatedRequestError('Public reading is off: authenticate with an API key or a bearer token');
    }
    if (verified.signedAt < startedAt) return refuse('signed before this process started, so its nonce cannot be checked');
    const verdict = nonces.accept(verified.nonce, verified.expiresAt);
    if (verdict === 'replayed') return refuse('nonce already used: a replayed request');
    if (verdict === 'full') {
      options.onReject?.(`nonce store full (${nonces.capacity} nonces within ${IDENTITY_MAX_AGE_MS / 1000} s): refused rather than forget one early`);
      throw new NoncesExhaustedError();
    }
    return verified;
  };
  const { sharedNonces } = options;
  if (!sharedNonces) return verifyHere;
  let sharedAvailable = true;
  return async (request, body) => {
    // Checked here first: a forged or replayed request costs no round trip to Redis.
    const verified = verifyHere(request, body);
    const verdict = await sharedNonces(verified.nonce, verified.expiresAt);
    if ((verdict !== 'unavailable') !== sharedAvailable) {
      sharedAvailable = verdict !== 'unavailable';
      options.onSharedNonces?.(sharedAvailable);
    }
    if (verdict === 'replayed') return refuse('nonce already used by another process: a replayed request');
    return verified;
  };
}

/** Reads the identity secret, AZG_PUBLIC_READ and AZG_IDENTITY_NONCES for a subgraph; fails at start-up without the secret. */
export function readIdentitySettings(env: Record<string, string | undefined> = process.env): { secret: string; publicRead: boolean; nonceCapacity: number } {
  return {
    secret: identitySecret(env),
    publicRead: publicReadEnabled(env),
    nonceCapacity: integer('AZG_IDENTITY_NONCES', DEFAULT_NONCE_CAPACITY, env, [1_000, 10_000_000]),
  };
}
