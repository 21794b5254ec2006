import { createHmac } from 'node:crypto';
import type http from 'node:http';
import { GraphQLError } from 'graphql';
import {
  bodyDigest, IDENTITY_HEADER, IDENTITY_MAX_AGE_MS, identitySecret, readIdentitySettings, signedIdentityVerifier, signIdentity, verifyIdentity,
  type SignedRequest, type SigningInput,
} from './signed-identity';
import type { Identity } from './identity';

const SECRET = 'a'.repeat(16) + 'b'.repeat(16) + 'c'.repeat(8);
const OTHER_SECRET = 'z'.repeat(40);
const editor: Identity = { subject: 'newsroom', role: 'editor', source: 'api-key', keyId: 'k1' };
const NOW = 1_790_000_000_000;
const BODY = '{"query":"query Valtherm__projects__0{project(id:\\"valtherm-radiator-plant\\"){name}}","variables":{}}';
const SENT: SignedRequest = { method: 'POST', target: '/', body: BODY };

/** What the gateway signs for one fetch of `identity`, sent as SENT unless `request` says otherwise. */
const input = (identity: Identity = editor, request: Partial<SigningInput> = {}): SigningInput => ({ identity, requestId: 'req-1', ...SENT, ...request });

/** The claims a genuine header carries. */
const claimsOf = (header: string) => JSON.parse(Buffer.from(header.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

/** A v2 header with `claims` as its payload, correctly signed under `secret`: what a forger who knew the secret could write. */
function signedPayload(claims: unknown, secret = SECRET): string {
  const signed = `v2.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${signed}.${createHmac('sha256', secret).update(signed).digest('base64url')}`;
}

/** Well-formed claims for SENT, to alter one at a time. */
const validClaims = () => ({ sub: 'x', role: 'admin', src: 'api-key', iat: NOW, rid: 'r', n: 'A'.repeat(22), m: 'POST', p: '/', b: bodyDigest(BODY) });

describe('signed identity header', () => {
  it('carries the identity, and the operation label the gateway chose, from gateway to subgraph', () => {
    const header = signIdentity(input(editor, { operation: 'Valtherm' }), SECRET, NOW);
    expect(header.startsWith('v2.')).toBe(true);
    expect(verifyIdentity(header, SECRET, SENT, NOW + 1000)).toEqual({
      identity: editor, operation: 'Valtherm', nonce: claimsOf(header).n, signedAt: NOW, expiresAt: NOW + IDENTITY_MAX_AGE_MS,
    });
  });

  it('gives every signature a random nonce of at least 128 bits', () => {
    const nonces = Array.from({ length: 50 }, () => claimsOf(signIdentity(input(), SECRET, NOW)).n as string);
    expect(new Set(nonces).size).toBe(50);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64url').length).toBeGreaterThanOrEqual(16);
  });

  it('refuses the header on a request with another body, even one byte or one space apart', () => {
    const header = signIdentity(input(), SECRET, NOW);
    const changed = BODY.replace('valtherm-radiator-plant', 'kmk-steel-works');
    expect(() => verifyIdentity(header, SECRET, { ...SENT, body: changed }, NOW)).toThrow('the body is not the one signed');
    expect(() => verifyIdentity(header, SECRET, { ...SENT, body: BODY.replace('{name}', '{ name}') }, NOW)).toThrow('the body is not the one signed');
    expect(() => verifyIdentity(header, SECRET, { ...SENT, body: '' }, NOW)).toThrow('the body is not the one signed');
    // The body is compared as bytes: the same text as a Buffer holds.
    expect(verifyIdentity(header, SECRET, { ...SENT, body: Buffer.from(BODY, 'utf8') }, NOW).identity).toEqual(editor);
  });

  it('refuses the header on another method or path', () => {
    const header = signIdentity(input(), SECRET, NOW);
    expect(() => verifyIdentity(header, SECRET, { ...SENT, target: '/graphql' }, NOW)).toThrow('signed for POST /, received as POST /graphql');
    expect(() => verifyIdentity(header, SECRET, { ...SENT, target: '/?x=1' }, NOW)).toThrow('received as POST /?x=1');
    expect(() => verifyIdentity(header, SECRET, { ...SENT, method: 'GET' }, NOW)).toThrow('received as GET /');
  });

  it('refuses a header signed with another secret', () => {
    const header = signIdentity(input(), OTHER_SECRET, NOW);
    expect(() => verifyIdentity(header, SECRET, SENT, NOW)).toThrow('signature does not match');
  });

  it('refuses a payload altered after signing (a partner claiming admin, or another body digest)', () => {
    const header = signIdentity(input({ subject: 'p', role: 'partner', source: 'api-key' }), SECRET, NOW);
    const [version, payload, signature] = header.split('.');
    const alter = (change: Record<string, unknown>) => `${version}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), ...change })).toString('base64url')}.${signature}`;
    expect(() => verifyIdentity(alter({ role: 'admin' }), SECRET, SENT, NOW)).toThrow('signature does not match');
    expect(() => verifyIdentity(alter({ b: bodyDigest('{"query":"mutation{x}"}') }), SECRET, { ...SENT, body: '{"query":"mutation{x}"}' }, NOW)).toThrow('signature does not match');
  });

  it('refuses a truncated signature, a missing part and a malformed header', () => {
    const header = signIdentity(input(), SECRET, NOW);
    expect(() => verifyIdentity(header.slice(0, -4), SECRET, SENT, NOW)).toThrow('signature does not match');
    expect(() => verifyIdentity(`${header}.x`, SECRET, SENT, NOW)).toThrow('malformed');
    expect(() => verifyIdentity('v2.not base64!.x', SECRET, SENT, NOW)).toThrow('malformed');
    expect(() => verifyIdentity('garbage', SECRET, SENT, NOW)).toThrow('malformed');
    expect(() => verifyIdentity(undefined, SECRET, SENT, NOW)).toThrow(`no ${IDENTITY_HEADER} header`);
    expect(() => verifyIdentity([header, header], SECRET, SENT, NOW)).toThrow('malformed');
  });

  it('refuses the old, unversioned format (caller and time only) and an unknown version, saying which it found', () => {
    const old = Buffer.from(JSON.stringify({ sub: 'x', role: 'admin', src: 'api-key', iat: NOW, rid: 'r' })).toString('base64url');
    const oldHeader = `${old}.${createHmac('sha256', SECRET).update(old).digest('base64url')}`;
    expect(() => verifyIdentity(oldHeader, SECRET, SENT, NOW)).toThrow('old, unversioned format');
    const [, payload, signature] = signIdentity(input(), SECRET, NOW).split('.');
    expect(() => verifyIdentity(`v3.${payload}.${signature}`, SECRET, SENT, NOW)).toThrow('format v3: this subgraph reads v2');
  });

  it('refuses a stale header, and one from too far in the future, at the edge of the window', () => {
    const header = signIdentity(input(), SECRET, NOW);
    expect(verifyIdentity(header, SECRET, SENT, NOW + IDENTITY_MAX_AGE_MS).identity).toEqual(editor);
    expect(verifyIdentity(header, SECRET, SENT, NOW - IDENTITY_MAX_AGE_MS).identity).toEqual(editor);
    expect(() => verifyIdentity(header, SECRET, SENT, NOW + IDENTITY_MAX_AGE_MS + 1)).toThrow('too long ago');
    expect(() => verifyIdentity(header, SECRET, SENT, NOW - IDENTITY_MAX_AGE_MS - 1)).toThrow('too long ago');
  });

  it('refuses a correctly signed payload with an unknown role, no subject, no time, no nonce or a bad label', () => {
    const refusal = (change: Record<string, unknown>) => {
      try {
        verifyIdentity(signedPayload({ ...validClaims(), ...change }), SECRET, SENT, NOW);
        return 'accepted';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(refusal({})).toBe('accepted');
    expect(refusal({ role: 'root' })).toBe('unknown role');
    expect(refusal({ sub: undefined })).toBe('no subject');
    expect(refusal({ iat: undefined })).toBe('no signing time');
    expect(refusal({ src: 'magic' })).toBe('unknown source');
    expect(refusal({ n: undefined })).toBe('no nonce of 128 bits');
    expect(refusal({ n: 'AAAA' })).toBe('no nonce of 128 bits');
    expect(refusal({ b: undefined })).toBe('no request to bind to');
    expect(refusal({ op: 'x'.repeat(101) })).toBe('malformed operation label');
    expect(refusal({ op: 'a b' })).toBe('malformed operation label');
    expect(() => verifyIdentity(signedPayload([1, 2]), SECRET, SENT, NOW)).toThrow('payload is not an object');
  });
});

describe('a subgraph\'s verifier', () => {
  const request = (headers: Record<string, string>, target = '/') => ({ headers, method: 'POST', url: target }) as unknown as http.IncomingMessage;
  const body = Buffer.from(BODY, 'utf8');
  const codeAndStatus = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      const { code, http: httpExtension } = (error as GraphQLError).extensions as { code: string; http: { status: number } };
      return `${code} ${httpExtension.status}`;
    }
    return 'accepted';
  };

  it('answers an unsigned or forged request with 401 UNAUTHENTICATED and tells the log why', () => {
    const reasons: string[] = [];
    const identify = signedIdentityVerifier({ secret: SECRET, publicRead: true, onReject: (reason) => reasons.push(reason) });
    expect(codeAndStatus(() => identify(request({}), body))).toBe('UNAUTHENTICATED 401');
    expect(codeAndStatus(() => identify(request({ [IDENTITY_HEADER]: signIdentity(input(), OTHER_SECRET) }), body))).toBe('UNAUTHENTICATED 401');
    expect(reasons).toEqual([`no ${IDENTITY_HEADER} header`, 'signature does not match']);
    expect(identify(request({ [IDENTITY_HEADER]: signIdentity(input(), SECRET) }), body).identity).toEqual(editor);
  });

  it('accepts a signed request once: the same header again is refused as a replay, with the same body or another', () => {
    const reasons: string[] = [];
    const identify = signedIdentityVerifier({ secret: SECRET, publicRead: true, onReject: (reason) => reasons.push(reason) });
    const header = { [IDENTITY_HEADER]: signIdentity(input(), SECRET) };
    expect(codeAndStatus(() => identify(request(header), body))).toBe('accepted');
    expect(codeAndStatus(() => identify(request(header), body))).toBe('UNAUTHENTICATED 401');
    expect(codeAndStatus(() => identify(request(header), Buffer.from('{"query":"{ __typename }"}')))).toBe('UNAUTHENTICATED 401');
    expect(reasons).toEqual(['nonce already used: a replayed request', 'the body is not the one signed']);
    // A new signature of the very same request is a new request.
    expect(codeAndStatus(() => identify(request({ [IDENTITY_HEADER]: signIdentity(input(), SECRET) }), body))).toBe('accepted');
  });

  it('does not spend the nonce of a request it refused, so the genuine one still passes after a tampered copy', () => {
    const identify = signedIdentityVerifier({ secret: SECRET, publicRead: true });
    const header = { [IDENTITY_HEADER]: signIdentity(input(), SECRET) };
    expect(codeAndStatus(() => identify(request(header), Buffer.from('{"query":"{ __typename }"}')))).toBe('UNAUTHENTICATED 401');
    expect(codeAndStatus(() => identify(request(header, '/graphql'), body))).toBe('UNAUTHENTICATED 401');
    expect(codeAndStatus(() => identify(request(header), body))).toBe('accepted');
  });

  it('answers 503 OVERLOADED, and says why in the log, rather than forget a nonce while its signature holds', () => {
    const reasons: string[] = [];
    const identify = signedIdentityVerifier({ secret: SECRET, publicRead: true, nonceCapacity: 2, onReject: (reason) => reasons.push(reason) });
    const fresh = () => request({ [IDENTITY_HEADER]: signIdentity(input(), SECRET) });
    const first = request({ [IDENTITY_HEADER]: signIdentity(input(), SECRET) });
    expect(codeAndStatus(() => identify(first, body))).toBe('accepted');
    expect(codeAndStatus(() => identify(fresh(), body))).toBe('accepted');
    expect(codeAndStatus(() => identify(fresh(), body))).toBe('OVERLOADED 503');
    expect(reasons).toEqual([expect.stringContaining('nonce store full')]);
    // The first request is still remembered: its replay is refused, not let through.
    expect(codeAndStatus(() => identify(first, body))).toBe('UNAUTHENTICATED 401');
  });

  it('refuses a signature made before it started, which a previous process may have accepted', () => {
    const reasons: string[] = [];
    const before = signIdentity(input(), SECRET, Date.now() - 1_000);
    const identify = signedIdentityVerifier({ secret: SECRET, publicRead: true, onReject: (reason) => reasons.push(reason) });
    expect(codeAndStatus(() => identify(request({ [IDENTITY_HEADER]: before }), body))).toBe('UNAUTHENTICATED 401');
    expect(reasons).toEqual(['signed before this process started, so its nonce cannot be checked']);
  });

  it('refuses a signed anonymous caller when public reading is off, and lets one in when it is on', () => {
    const anonymous = () => request({ [IDENTITY_HEADER]: signIdentity(input({ subject: 'anonymous', role: 'anonymous', source: 'anonymous' }), SECRET) });
    expect(codeAndStatus(() => signedIdentityVerifier({ secret: SECRET, publicRead: false })(anonymous(), body))).toBe('UNAUTHENTICATED 401');
    expect(codeAndStatus(() => signedIdentityVerifier({ secret: SECRET, publicRead: true })(anonymous(), body))).toBe('accepted');
  });

  it('checks a GET (no body) against the digest of an empty body', () => {
    const identify = signedIdentityVerifier({ secret: SECRET, publicRead: true });
    const target = '/?query=%7B__typename%7D';
    const header = signIdentity(input(editor, { method: 'GET', target, body: '' }), SECRET);
    expect(identify({ headers: { [IDENTITY_HEADER]: header }, method: 'GET', url: target } as unknown as http.IncomingMessage, undefined).identity).toEqual(editor);
  });
});

describe('AZG_IDENTITY_SECRET and AZG_IDENTITY_NONCES', () => {
  it('has no default anywhere, and must be long enough', () => {
    expect(() => identitySecret({})).toThrow('AZG_IDENTITY_SECRET is required');
    expect(() => identitySecret({ NODE_ENV: 'development' })).toThrow('AZG_IDENTITY_SECRET is required');
    expect(() => identitySecret({ AZG_IDENTITY_SECRET: 'short' })).toThrow('at least 32 characters');
    expect(identitySecret({ AZG_IDENTITY_SECRET: SECRET })).toBe(SECRET);
  });

  it('bounds the nonce store at 300,000 by default, and refuses a bound too small to serve', () => {
    expect(readIdentitySettings({ AZG_IDENTITY_SECRET: SECRET }).nonceCapacity).toBe(300_000);
    expect(readIdentitySettings({ AZG_IDENTITY_SECRET: SECRET, AZG_IDENTITY_NONCES: '50000' }).nonceCapacity).toBe(50_000);
    expect(() => readIdentitySettings({ AZG_IDENTITY_SECRET: SECRET, AZG_IDENTITY_NONCES: '10' })).toThrow('AZG_IDENTITY_NONCES must be a whole number from 1000');
  });
});
