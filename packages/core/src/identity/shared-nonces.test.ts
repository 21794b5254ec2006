import type http from 'node:http';
import { GraphQLError } from 'graphql';
import { testRedis } from '../../../../tests/support/redis';
import type { SharedState } from '../shared-state/shared-state';
import type { Identity } from './identity';
import { sharedNonceClaim } from './shared-nonces';
import { IDENTITY_HEADER, signedIdentityVerifier, signIdentity } from './signed-identity';

const SECRET = 's'.repeat(40);
const editor: Identity = { subject: 'newsroom', role: 'editor', source: 'api-key', keyId: 'k1' };
const BODY = '{"query":"{ project(id: \\"valtherm-radiator-plant\\") { name } }"}';
const body = Buffer.from(BODY, 'utf8');

/** A request as the gateway signs it for one fetch: a new nonce each time. */
const signed = () => ({ headers: { [IDENTITY_HEADER]: signIdentity({ identity: editor, requestId: 'r', method: 'POST', target: '/', body: BODY }, SECRET) }, method: 'POST', url: '/' }) as unknown as http.IncomingMessage;

/** `accepted`, or the refusal's code. */
async function verdict(identify: ReturnType<typeof signedIdentityVerifier>, request: http.IncomingMessage): Promise<string> {
  try {
    await identify(request, body);
    return 'accepted';
  } catch (error) {
    return String((error as GraphQLError).extensions.code);
  }
}

describe('nonces shared by the replicas of a subgraph (127.0.0.1:6379)', () => {
  const redis = testRedis();
  const { prefix } = redis;
  let one: SharedState;
  let other: SharedState;

  beforeAll(async () => {
    [one, other] = [redis.open(), redis.open()];
    expect(await one.ready(5_000)).toBe(true);
    expect(await other.ready(5_000)).toBe(true);
  });

  afterAll(async () => {
    await redis.cleanUp();
  });

  it('refuse at one replica a request another replica already accepted, and each new signature once', async () => {
    const reasons: string[] = [];
    const replicaA = signedIdentityVerifier({ secret: SECRET, publicRead: true, sharedNonces: sharedNonceClaim(one), onReject: (reason) => reasons.push(reason) });
    const replicaB = signedIdentityVerifier({ secret: SECRET, publicRead: true, sharedNonces: sharedNonceClaim(other), onReject: (reason) => reasons.push(reason) });
    const captured = signed();
    expect(await verdict(replicaA, captured)).toBe('accepted');
    expect(await verdict(replicaB, captured)).toBe('UNAUTHENTICATED');
    expect(await verdict(replicaA, captured)).toBe('UNAUTHENTICATED');
    expect(reasons).toEqual(['nonce already used by another process: a replayed request', 'nonce already used: a replayed request']);
    expect(await verdict(replicaB, signed())).toBe('accepted');
    // The nonce is held in Redis until the signature expires, and a little past it.
    const [key] = await one.commands.keys(`${prefix}nonce:*`);
    expect(await one.commands.pttl(key!)).toBeGreaterThan(55_000);
  });

  it('without replicas sharing Redis, a replay to another replica passes: what the shared store closes', async () => {
    const replicaA = signedIdentityVerifier({ secret: SECRET, publicRead: true });
    const replicaB = signedIdentityVerifier({ secret: SECRET, publicRead: true });
    const captured = signed();
    expect(await verdict(replicaA, captured)).toBe('accepted');
    expect(await verdict(replicaB, captured)).toBe('accepted');
  });

  it('fall back to each process\'s own nonces while Redis does not answer, and say so once', async () => {
    const down = redis.open('redis://127.0.0.1:1');
    const changes: boolean[] = [];
    try {
      const replica = signedIdentityVerifier({ secret: SECRET, publicRead: true, sharedNonces: sharedNonceClaim(down), onSharedNonces: (available) => changes.push(available) });
      const captured = signed();
      expect(await verdict(replica, captured)).toBe('accepted');
      expect(await verdict(replica, signed())).toBe('accepted');
      // Its own store still refuses a replay to this very process.
      expect(await verdict(replica, captured)).toBe('UNAUTHENTICATED');
      expect(changes).toEqual([false]);
    } finally {
      await down.close();
    }
  });
});
