import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ConfigError, isProduction, optionalString } from '../config/env';
import { BadUserInputError } from '../errors/errors';

/** The values of a row's ordering keys, the id last, as text (null for a null key). */
export type CursorValues = Array<string | null>;

/** What a cursor is bound to: a cursor issued for one list and ordering is refused by any other. */
export interface CursorScope {
  /** The list, as `Type.field`, e.g. `Query.projects` or `Company.projects`. */
  connection: string;
  /** The ordering, as `Ordering.signature` spells it, e.g. `NAME ASC, id ASC`. */
  ordering: string;
  /** How many values a cursor of this ordering holds (its keys and the id). */
  keyCount: number;
}

/** The payload's version: bumped when its shape changes, so an old cursor is refused with a reason. */
const CURSOR_VERSION = 1;
/** Bytes of the HMAC kept in a cursor: 128 bits cannot be guessed. */
const MAC_BYTES = 16;
/** Longer than any cursor this server issues; checked before anything is decoded. */
const MAX_CURSOR_LENGTH = 2048;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** At least this many characters of secret (256 bits of a random hex or base64 string). */
export const MIN_CURSOR_SECRET_LENGTH = 32;

interface Payload {
  v: number;
  c: string;
  o: string;
  k: CursorValues;
}

function notIssued(argument: string): BadUserInputError {
  return new BadUserInputError(
    `${argument} is not a cursor this server issued (it was altered, truncated or made up): pass a cursor exactly as an edge or pageInfo gave it, or leave ${argument} out to start from the ${argument === 'after' ? 'first' : 'last'} page`,
    argument,
  );
}

/**
 * Opaque, tamper-evident cursors. A cursor is `base64url(JSON payload) . base64url(HMAC)`: the
 * payload names the list, the ordering and the row's key values, and the HMAC (SHA-256 under a
 * secret only the server knows) makes any cursor the server did not issue fail to decode. The
 * values are never trusted for anything but a keyset position, and always reach SQL as
 * parameters.
 */
export class CursorCodec {
  private readonly secret: Buffer;

  constructor(secret: string | Buffer) {
    this.secret = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
    if (this.secret.length < MIN_CURSOR_SECRET_LENGTH) {
      throw new ConfigError(`a cursor secret must be at least ${MIN_CURSOR_SECRET_LENGTH} bytes`);
    }
  }

  encode(scope: CursorScope, values: CursorValues): string {
    if (values.length !== scope.keyCount) throw new Error(`a cursor of ${scope.ordering} holds ${scope.keyCount} values, not ${values.length}`);
    const payload: Payload = { v: CURSOR_VERSION, c: scope.connection, o: scope.ordering, k: values };
    const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
    return `${body}.${this.mac(body).toString('base64url')}`;
  }

  /**
   * The key values of a cursor this server issued for `scope`; a BAD_USER_INPUT error naming
   * `argument` (after or before) for anything else: a forged or altered cursor, one issued for
   * another list, or for another ordering.
   */
  decode(cursor: string, scope: CursorScope, argument: string): CursorValues {
    if (cursor.length > MAX_CURSOR_LENGTH) throw notIssued(argument);
    const [body, mac, ...rest] = cursor.split('.');
    if (rest.length > 0 || !body || !mac || !BASE64URL.test(body) || !BASE64URL.test(mac)) throw notIssued(argument);
    const given = Buffer.from(mac, 'base64url');
    const expected = this.mac(body);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw notIssued(argument);
    let payload: Payload;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Payload;
    } catch {
      throw notIssued(argument);
    }
    if (payload.v !== CURSOR_VERSION) {
      throw new BadUserInputError(`${argument} was issued by an earlier version of this list; leave ${argument} out to start again`, argument);
    }
    if (payload.c !== scope.connection) {
      throw new BadUserInputError(`${argument} is a cursor of ${payload.c}, not of ${scope.connection}: cursors work only in the list that issued them`, argument);
    }
    if (payload.o !== scope.ordering) {
      throw new BadUserInputError(
        `${argument} was issued for the ordering ${payload.o}, but this request orders by ${scope.ordering}: ask with the ordering it was issued for, or leave ${argument} out to start again`,
        argument,
      );
    }
    if (!Array.isArray(payload.k) || payload.k.length !== scope.keyCount || payload.k.some((value) => value !== null && typeof value !== 'string')) {
      throw notIssued(argument);
    }
    return payload.k;
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.secret).update(`azg-cursor:${body}`).digest().subarray(0, MAC_BYTES);
  }
}

let developmentSecret: string | undefined;

/**
 * The secret cursors are signed with: CURSOR_SECRET (at least 32 characters). Production
 * refuses to start without it; elsewhere a random secret is generated once per process, so
 * cursors stay valid for as long as the process runs (set CURSOR_SECRET to keep them valid
 * across restarts, or across several processes of one subgraph).
 */
export function cursorSecret(env: Record<string, string | undefined> = process.env): string {
  const configured = optionalString('CURSOR_SECRET', env);
  if (configured !== undefined) {
    if (configured.length < MIN_CURSOR_SECRET_LENGTH) {
      throw new ConfigError(`CURSOR_SECRET must be at least ${MIN_CURSOR_SECRET_LENGTH} characters, got ${configured.length}`);
    }
    return configured;
  }
  if (isProduction(env)) throw new ConfigError(`CURSOR_SECRET is required in production (at least ${MIN_CURSOR_SECRET_LENGTH} characters)`);
  developmentSecret ??= randomBytes(32).toString('hex');
  return developmentSecret;
}
