import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { type Identity, signedIdentityVerifier } from '@azg/core/identity';
import { createSubgraphServer, type RunningServer, type SubgraphContext } from '@azg/core/server';
import { parse } from 'graphql';
import { ACCESS_SUBGRAPH, ACCESS_SUBGRAPH_URL, printAccessSdl } from './access/access-schema';
import type { AccessServices } from './access/api-key.resolver';
import { readGatewayConfig } from './config';
import { createGateway, type GatewayAccess } from './server';
import { standInAccess } from './test/stand-in-access';

/**
 * The gateway's access wiring without a database: the caller it authenticates reaches a remote
 * subgraph only through the signed header, and the in-process access subgraph through the
 * context, with its errors masked as a remote subgraph's would be.
 */
const SECRET = 's'.repeat(40);
const projectsSdl = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { whoAmI: String! }
`;
const fakeDataSource = { query: async () => [{ ok: 1 }], migrations: [] } as unknown as Parameters<typeof createSubgraphServer>[0]['dataSource'];
const record = {
  id: '0123456789abcdef', name: 'a partner', role: 'partner' as const, createdAt: new Date('2026-01-01T00:00:00Z'), createdBy: 'cli:ops',
  expiresAt: null, revokedAt: null, revokedBy: null, lastUsedAt: null,
};

/** An authenticator that believes the `x-test-role` header: the wiring under test starts after authentication. */
function accessFor(services: AccessServices | null, identitySecret = SECRET): GatewayAccess {
  return standInAccess((headers) => {
    const role = (headers['x-test-role'] as Identity['role'] | undefined) ?? 'anonymous';
    return { subject: `${role} caller`, role, source: role === 'anonymous' ? 'anonymous' : 'api-key' };
  }, { identitySecret, services });
}

async function post(url: string, query: string, role?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(role ? { 'x-test-role': role } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } };
}

describe('the gateway\'s access wiring', () => {
  let projects: RunningServer;
  let supergraphSdl: string;
  const refusals: string[] = [];
  const config = { ...readGatewayConfig({}), port: 0, supergraphPath: '/nonexistent' };

  beforeAll(async () => {
    const server = createSubgraphServer({
      schema: buildSubgraphSchema({
        typeDefs: parse(projectsSdl),
        resolvers: { Query: { whoAmI: (_: unknown, __: unknown, context: unknown) => `${(context as SubgraphContext).identity.subject} (${(context as SubgraphContext).identity.role})` } },
      }),
      dataSource: fakeDataSource,
      createContext: (base) => base,
      identify: signedIdentityVerifier({ secret: SECRET, publicRead: true, onReject: (reason) => refusals.push(reason) }),
    });
    projects = await server.listen(0);
    const composition = composeServices([
      { name: 'projects', url: projects.url, typeDefs: parse(projectsSdl) },
      { name: ACCESS_SUBGRAPH, url: ACCESS_SUBGRAPH_URL, typeDefs: parse(await printAccessSdl()) },
    ]);
    if (composition.errors) throw new Error(composition.errors.map((error) => error.message).join('\n'));
    supergraphSdl = composition.supergraphSdl;
  });

  afterAll(async () => {
    await projects?.close(0);
  });

  it('signs the authenticated caller onto every subgraph fetch, and never fetches the access subgraph', async () => {
    const gateway = createGateway(config, { supergraphSdl, access: accessFor(null) });
    expect([...gateway.subgraphUrls.keys()]).toEqual(['projects']);
    const running = await gateway.listen();
    try {
      expect((await post(running.url, '{ whoAmI }', 'editor')).body).toEqual({ data: { whoAmI: 'editor caller (editor)' } });
      expect((await post(running.url, '{ whoAmI }')).body).toEqual({ data: { whoAmI: 'anonymous caller (anonymous)' } });
    } finally {
      await running.close(0);
    }
  });

  it('cannot reach a subgraph that shares another secret', async () => {
    const running = await createGateway(config, { supergraphSdl, access: accessFor(null, 'o'.repeat(40)) }).listen();
    try {
      const { body } = await post(running.url, '{ whoAmI }', 'admin');
      expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['SUBGRAPH_UNAVAILABLE']);
      expect(refusals).toContain('signature does not match');
    } finally {
      await running.close(0);
    }
  });

  it('answers the access subgraph in process, with the caller from the context and @Authorized enforced', async () => {
    const services = { keys: { list: async () => [record] }, verifier: {} } as unknown as AccessServices;
    const running = await createGateway(config, { supergraphSdl, access: accessFor(services) }).listen();
    try {
      expect((await post(running.url, '{ apiKeys { id name role createdAt } }', 'admin')).body).toEqual({
        data: { apiKeys: [{ id: record.id, name: 'a partner', role: 'PARTNER', createdAt: '2026-01-01T00:00:00.000Z' }] },
      });
      const refused = await post(running.url, '{ apiKeys { id } }', 'editor');
      expect(refused.body.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([['FORBIDDEN', 'Query.apiKeys needs the admin role; the caller has editor']]);
      const anonymous = await post(running.url, 'mutation { revokeApiKey(id: "0123456789abcdef") { id } }');
      expect(anonymous.body.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    } finally {
      await running.close(0);
    }
  });

  it('masks an unexpected failure in the access subgraph as a remote subgraph would', async () => {
    const failing = { keys: { list: async () => { throw new Error('relation "access.api_key" does not exist'); } }, verifier: {} } as unknown as AccessServices;
    const running = await createGateway(config, { supergraphSdl, access: accessFor(failing) }).listen();
    try {
      const { body } = await post(running.url, '{ apiKeys { id } }', 'admin');
      expect(body.errors).toHaveLength(1);
      expect(body.errors![0]!.message).toBe('Internal server error');
      expect(JSON.stringify(body)).not.toContain('api_key');
    } finally {
      await running.close(0);
    }
  });
});
