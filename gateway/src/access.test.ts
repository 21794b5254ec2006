import type http from 'node:http';
import type { GraphQLError } from 'graphql';
import { SignJWT } from 'jose';
import { apiKeySecretMatches, hashApiKeySecret, issueApiKey, parseApiKey } from './access/api-key';
import type { StoredApiKey } from './access/api-key.repository';
import { ApiKeyVerifier, type ApiKeySource } from './access/api-key.verifier';
import { createAuthenticator } from './access/authenticate';
import { readAccessConfig } from './access/access-config';
import { checkCreateApiKeyInput } from './access/api-key.input';
import { ApiKeyRole } from './access/api-key.type';
import { verifyJwt } from './access/jwt';

const JWT_SECRET = 'j'.repeat(40);
const IDENTITY_SECRET = 'i'.repeat(40);

/** The code and HTTP status a refusal carries, or 'accepted'. */
async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    const extensions = (error as GraphQLError).extensions as { code?: string; http?: { status: number } } | undefined;
    return `${extensions?.code} ${extensions?.http?.status} ${(error as Error).message}`;
  }
  return 'accepted';
}

/** An in-memory key table standing in for the database, counting its reads. */
class KeyTable implements ApiKeySource {
  readonly keys = new Map<string, StoredApiKey>();
  reads = 0;
  touches: string[] = [];

  add(role: StoredApiKey['role'], changes: Partial<StoredApiKey> = {}): string {
    const issued = issueApiKey();
    this.keys.set(issued.id, {
      id: issued.id, name: `${role} key`, role, salt: issued.salt, secretHash: issued.secretHash, createdAt: new Date(), createdBy: 'test',
      expiresAt: null, revokedAt: null, revokedBy: null, lastUsedAt: null, ...changes,
    });
    return issued.key;
  }

  async findForVerification(id: string) {
    this.reads += 1;
    const key = this.keys.get(id);
    return key ? { ...key } : null;
  }

  async touch(id: string) {
    this.touches.push(id);
  }
}

describe('API keys', () => {
  it('look like azg_<id>_<secret>, and only a salted hash of the secret is kept', () => {
    const issued = issueApiKey();
    expect(issued.key).toMatch(/^azg_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    const parsed = parseApiKey(issued.key)!;
    expect(parsed.id).toBe(issued.id);
    expect(issued.secretHash).not.toContain(parsed.secret);
    expect(issued.secretHash).toBe(hashApiKeySecret(issued.salt, parsed.secret));
    expect(apiKeySecretMatches(parsed.secret, issued.salt, issued.secretHash)).toBe(true);
    expect(apiKeySecretMatches(`${parsed.secret.slice(0, -1)}A`, issued.salt, issued.secretHash)).toBe(parsed.secret.endsWith('A'));
    // Two keys never share a salt, so equal secrets would not share a hash either.
    expect(issueApiKey().salt).not.toBe(issued.salt);
  });

  it('parse only in their exact format', () => {
    const { key } = issueApiKey();
    expect(parseApiKey(key.slice(0, -1))).toBeNull();
    expect(parseApiKey(key.replace('azg_', 'xyz_'))).toBeNull();
    expect(parseApiKey('azg_short_secret')).toBeNull();
  });
});

describe('the API key verifier', () => {
  it('accepts a good key as its role, and refuses an unknown, wrong, revoked or expired one with 401', async () => {
    const table = new KeyTable();
    const verifier = new ApiKeyVerifier(table, { cacheTtlMs: 30_000 });
    const editorKey = table.add('editor');
    await expect(verifier.verify(editorKey)).resolves.toMatchObject({ role: 'editor', subject: 'editor key', source: 'api-key' });

    const parsed = parseApiKey(editorKey)!;
    const wrongSecret = `azg_${parsed.id}_${'A'.repeat(43)}`;
    expect(await refusal(() => verifier.verify(wrongSecret))).toBe('UNAUTHENTICATED 401 The API key is not valid');
    expect(await refusal(() => verifier.verify(issueApiKey().key))).toBe('UNAUTHENTICATED 401 The API key is not valid');
    expect(await refusal(() => verifier.verify('hello'))).toMatch(/^UNAUTHENTICATED 401 The API key is malformed/);
    const revoked = table.add('admin', { revokedAt: new Date() });
    expect(await refusal(() => verifier.verify(revoked))).toBe('UNAUTHENTICATED 401 The API key has been revoked');
    const expired = table.add('admin', { expiresAt: new Date(Date.now() - 1000) });
    expect(await refusal(() => verifier.verify(expired))).toBe('UNAUTHENTICATED 401 The API key has expired');
  });

  it('reads a key once per cache lifetime, notes its use at most once a minute, and forgets it on revocation', async () => {
    let now = 1_000_000;
    const table = new KeyTable();
    const verifier = new ApiKeyVerifier(table, { cacheTtlMs: 30_000, now: () => now });
    const key = table.add('partner');
    const { id } = parseApiKey(key)!;
    await verifier.verify(key);
    await verifier.verify(key);
    expect(table.reads).toBe(1);
    expect(table.touches).toEqual([id]);

    table.keys.get(id)!.revokedAt = new Date(now);
    // Revoked elsewhere: still trusted until the cache entry is old...
    await expect(verifier.verify(key)).resolves.toMatchObject({ role: 'partner' });
    now += 30_000;
    expect(await refusal(() => verifier.verify(key))).toBe('UNAUTHENTICATED 401 The API key has been revoked');

    const other = table.add('editor');
    await verifier.verify(other);
    table.keys.get(parseApiKey(other)!.id)!.revokedAt = new Date(now);
    // ...revoked through this gateway: refused at once.
    verifier.forget(parseApiKey(other)!.id);
    expect(await refusal(() => verifier.verify(other))).toBe('UNAUTHENTICATED 401 The API key has been revoked');

    now += 61_000;
    table.keys.get(id)!.revokedAt = null;
    await verifier.verify(key);
    expect(table.touches.filter((touched) => touched === id)).toHaveLength(2);
  });
});

describe('bearer JWTs', () => {
  const sign = (claims: Record<string, unknown>, secret = JWT_SECRET, expires: string | number = '5m', alg = 'HS256') =>
    new SignJWT(claims).setProtectedHeader({ alg }).setIssuedAt().setExpirationTime(expires).sign(new TextEncoder().encode(secret));

  it('name the caller by sub and role', async () => {
    await expect(verifyJwt(await sign({ sub: 'ci-bot', role: 'editor' }), { secret: JWT_SECRET })).resolves.toEqual({ subject: 'ci-bot', role: 'editor', source: 'jwt' });
  });

  it('are refused with 401 when expired, signed with another key or algorithm, without a role, or for another issuer', async () => {
    const settings = { secret: JWT_SECRET };
    expect(await refusal(async () => verifyJwt(await sign({ sub: 'a', role: 'admin' }, JWT_SECRET, Math.floor(Date.now() / 1000) - 60), settings)))
      .toBe('UNAUTHENTICATED 401 The bearer token has expired');
    expect(await refusal(async () => verifyJwt(await sign({ sub: 'a', role: 'admin' }, 'x'.repeat(40)), settings))).toBe('UNAUTHENTICATED 401 The bearer token is not valid');
    expect(await refusal(async () => verifyJwt(await sign({ sub: 'a', role: 'admin' }, 'x'.repeat(64), '5m', 'HS512'), settings))).toBe('UNAUTHENTICATED 401 The bearer token is not valid');
    expect(await refusal(async () => verifyJwt(await sign({ sub: 'a', role: 'root' }), settings))).toMatch(/role claim must be/);
    expect(await refusal(async () => verifyJwt(await sign({ sub: 'a', role: 'anonymous' }), settings))).toMatch(/role claim must be/);
    expect(await refusal(async () => verifyJwt(await sign({ role: 'admin' }), settings))).toMatch(/no sub claim/);
    expect(await refusal(async () => verifyJwt(await sign({ sub: 'a', role: 'admin', iss: 'elsewhere' }), { ...settings, issuer: 'azg' }))).toMatch(/iss claim/);
    // An unsigned token (alg none) is not a JWS jose accepts at all.
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"a","role":"admin"}').toString('base64url')}.`;
    expect(await refusal(() => verifyJwt(unsigned, settings))).toBe('UNAUTHENTICATED 401 The bearer token is not valid');
  });
});

describe('the gateway\'s authenticator', () => {
  const request = (headers: Record<string, string>) => ({ headers }) as unknown as http.IncomingMessage;
  const table = new KeyTable();
  const adminKey = table.add('admin');
  const authenticate = createAuthenticator({ keys: new ApiKeyVerifier(table, { cacheTtlMs: 0 }), jwt: { secret: JWT_SECRET }, publicRead: true });

  it('reads a key from either header, a bearer token, or nothing as anonymous', async () => {
    await expect(authenticate(request({ authorization: `ApiKey ${adminKey}` }))).resolves.toMatchObject({ role: 'admin' });
    await expect(authenticate(request({ 'x-api-key': adminKey }))).resolves.toMatchObject({ role: 'admin' });
    const token = await new SignJWT({ sub: 's', role: 'partner' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1m').sign(new TextEncoder().encode(JWT_SECRET));
    await expect(authenticate(request({ authorization: `Bearer ${token}` }))).resolves.toMatchObject({ role: 'partner', source: 'jwt' });
    await expect(authenticate(request({}))).resolves.toMatchObject({ role: 'anonymous' });
  });

  it('never turns bad credentials into anonymous', async () => {
    expect(await refusal(() => authenticate(request({ authorization: 'Basic dXNlcjpwYXNz' })))).toMatch(/^UNAUTHENTICATED 401 Unknown Authorization scheme/);
    expect(await refusal(() => authenticate(request({ 'x-api-key': '' })))).toMatch(/^UNAUTHENTICATED 401/);
    expect(await refusal(() => authenticate(request({ authorization: 'Bearer nonsense' })))).toBe('UNAUTHENTICATED 401 The bearer token is not valid');
    expect(await refusal(() => authenticate(request({ authorization: `ApiKey ${adminKey}`, 'x-api-key': adminKey })))).toMatch(/not both/);
  });

  it('refuses bearer tokens when no JWT secret is set, and anonymous callers when public reading is off', async () => {
    const strict = createAuthenticator({ keys: null, jwt: null, publicRead: false });
    expect(await refusal(() => strict(request({ authorization: 'Bearer x.y.z' })))).toMatch(/no AZG_JWT_SECRET/);
    expect(await refusal(() => strict(request({})))).toMatch(/^UNAUTHENTICATED 401 Public reading is off/);
  });
});

describe('access settings', () => {
  const base = { AZG_IDENTITY_SECRET: IDENTITY_SECRET, DATABASE_URL: 'postgres://db/azg' };

  it('need the identity secret and the database, and read public reading as on by default', () => {
    expect(() => readAccessConfig({ DATABASE_URL: 'postgres://db/azg' })).toThrow('AZG_IDENTITY_SECRET is required');
    expect(() => readAccessConfig({ AZG_IDENTITY_SECRET: IDENTITY_SECRET })).toThrow('DATABASE_URL is required');
    expect(readAccessConfig(base)).toMatchObject({ publicRead: true, jwt: null, apiKeyCacheTtlMs: 30_000 });
    expect(readAccessConfig({ ...base, AZG_PUBLIC_READ: 'false' }).publicRead).toBe(false);
  });

  it('take a JWT secret of at least 32 characters, and an issuer or audience only with one', () => {
    expect(() => readAccessConfig({ ...base, AZG_JWT_SECRET: 'short' })).toThrow('AZG_JWT_SECRET must be at least 32');
    expect(() => readAccessConfig({ ...base, AZG_JWT_ISSUER: 'azg' })).toThrow('need AZG_JWT_SECRET');
    expect(readAccessConfig({ ...base, AZG_JWT_SECRET: JWT_SECRET, AZG_JWT_AUDIENCE: 'graph' }).jwt).toEqual({ secret: JWT_SECRET, audience: 'graph' });
  });
});

describe('a new key\'s input', () => {
  it('is refused naming the field: an empty or long name, an expiry in the past', () => {
    expect(() => checkCreateApiKeyInput({ name: '  ', role: ApiKeyRole.EDITOR })).toThrow('input.name must be 1 to 100 characters');
    expect(() => checkCreateApiKeyInput({ name: 'x'.repeat(101), role: ApiKeyRole.EDITOR })).toThrow('input.name');
    expect(() => checkCreateApiKeyInput({ name: 'ok', role: ApiKeyRole.EDITOR, expiresAt: new Date(Date.now() - 1) })).toThrow('input.expiresAt must be in the future');
    expect(checkCreateApiKeyInput({ name: ' newsroom ', role: ApiKeyRole.EDITOR })).toEqual({ name: 'newsroom', role: 'editor', expiresAt: null });
  });
});
