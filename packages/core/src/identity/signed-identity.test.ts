import { createHmac } from 'node:crypto';
import type http from 'node:http';
import { GraphQLError } from 'graphql';
import {
  IDENTITY_HEADER, IDENTITY_MAX_AGE_MS, identitySecret, signedIdentityVerifier, signIdentity, verifyIdentity,
} from './signed-identity';
import type { Identity } from './identity';

const SECRET = 'a'.repeat(16) + 'b'.repeat(16) + 'c'.repeat(8);
const OTHER_SECRET = 'z'.repeat(40);
const editor: Identity = { subject: 'newsroom', role: 'editor', source: 'api-key', keyId: 'k1' };
const NOW = 1_790_000_000_000;

/** A header with `claims` as its payload, correctly signed under `secret`: what a forger who knew the secret could write. */
function signedPayload(claims: unknown, secret = SECRET): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${createHmac('sha256', secret).update(payload).digest('base64url')}`;
}

const request = (headers: Record<string, string>) => ({ headers }) as unknown as http.IncomingMessage;

describe('signed identity header', () => {
  it('carries the identity from gateway to subgraph', () => {
    const header = signIdentity(editor, SECRET, 'req-1', NOW);
    expect(verifyIdentity(header, SECRET, NOW + 1000)).toEqual(editor);
  });

  it('refuses a header signed with another secret', () => {
    const header = signIdentity(editor, OTHER_SECRET, 'req-1', NOW);
    expect(() => verifyIdentity(header, SECRET, NOW)).toThrow('signature does not match');
  });

  it('refuses a payload altered after signing (a partner claiming admin)', () => {
    const header = signIdentity({ subject: 'p', role: 'partner', source: 'api-key' }, SECRET, 'r', NOW);
    const [, signature] = header.split('.');
    const forged = `${Buffer.from(JSON.stringify({ sub: 'p', role: 'admin', src: 'api-key', iat: NOW, rid: 'r' })).toString('base64url')}.${signature}`;
    expect(() => verifyIdentity(forged, SECRET, NOW)).toThrow('signature does not match');
  });

  it('refuses a truncated signature, a missing part and a malformed header', () => {
    const header = signIdentity(editor, SECRET, 'req-1', NOW);
    expect(() => verifyIdentity(header.slice(0, -4), SECRET, NOW)).toThrow('signature does not match');
    expect(() => verifyIdentity(header.split('.')[0], SECRET, NOW)).toThrow('malformed');
    expect(() => verifyIdentity(`${header}.x`, SECRET, NOW)).toThrow('malformed');
    expect(() => verifyIdentity('not base64!.x', SECRET, NOW)).toThrow('malformed');
    expect(() => verifyIdentity(undefined, SECRET, NOW)).toThrow(`no ${IDENTITY_HEADER} header`);
    expect(() => verifyIdentity([header, header], SECRET, NOW)).toThrow('malformed');
  });

  it('refuses a stale header, and one from too far in the future', () => {
    const header = signIdentity(editor, SECRET, 'req-1', NOW);
    expect(verifyIdentity(header, SECRET, NOW + IDENTITY_MAX_AGE_MS)).toEqual(editor);
    expect(() => verifyIdentity(header, SECRET, NOW + IDENTITY_MAX_AGE_MS + 1)).toThrow('too long ago');
    expect(() => verifyIdentity(header, SECRET, NOW - IDENTITY_MAX_AGE_MS - 1)).toThrow('too long ago');
  });

  it('refuses a correctly signed payload with an unknown role, no subject or no time', () => {
    expect(() => verifyIdentity(signedPayload({ sub: 'x', role: 'root', src: 'api-key', iat: NOW, rid: 'r' }), SECRET, NOW)).toThrow('unknown role');
    expect(() => verifyIdentity(signedPayload({ role: 'admin', src: 'api-key', iat: NOW, rid: 'r' }), SECRET, NOW)).toThrow('no subject');
    expect(() => verifyIdentity(signedPayload({ sub: 'x', role: 'admin', src: 'api-key', rid: 'r' }), SECRET, NOW)).toThrow('no signing time');
    expect(() => verifyIdentity(signedPayload({ sub: 'x', role: 'admin', src: 'magic', iat: NOW, rid: 'r' }), SECRET, NOW)).toThrow('unknown source');
    expect(() => verifyIdentity(signedPayload([1, 2]), SECRET, NOW)).toThrow();
  });
});

describe('a subgraph\'s verifier', () => {
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
    expect(codeAndStatus(() => identify(request({})))).toBe('UNAUTHENTICATED 401');
    expect(codeAndStatus(() => identify(request({ [IDENTITY_HEADER]: signIdentity(editor, OTHER_SECRET, 'r') })))).toBe('UNAUTHENTICATED 401');
    expect(reasons).toEqual([`no ${IDENTITY_HEADER} header`, 'signature does not match']);
    expect(identify(request({ [IDENTITY_HEADER]: signIdentity(editor, SECRET, 'r') }))).toEqual(editor);
  });

  it('refuses a signed anonymous caller when public reading is off, and lets one in when it is on', () => {
    const anonymous = signIdentity({ subject: 'anonymous', role: 'anonymous', source: 'anonymous' }, SECRET, 'r');
    expect(codeAndStatus(() => signedIdentityVerifier({ secret: SECRET, publicRead: false })(request({ [IDENTITY_HEADER]: anonymous })))).toBe('UNAUTHENTICATED 401');
    expect(codeAndStatus(() => signedIdentityVerifier({ secret: SECRET, publicRead: true })(request({ [IDENTITY_HEADER]: anonymous })))).toBe('accepted');
  });
});

describe('AZG_IDENTITY_SECRET', () => {
  it('has no default anywhere, and must be long enough', () => {
    expect(() => identitySecret({})).toThrow('AZG_IDENTITY_SECRET is required');
    expect(() => identitySecret({ NODE_ENV: 'development' })).toThrow('AZG_IDENTITY_SECRET is required');
    expect(() => identitySecret({ AZG_IDENTITY_SECRET: 'short' })).toThrow('at least 32 characters');
    expect(identitySecret({ AZG_IDENTITY_SECRET: SECRET })).toBe(SECRET);
  });
});
