/**
 * `@defer` through the real stack: the first part of a multipart answer lacks the deferred
 * fields, a later part brings them at their paths, from other subgraphs and inside lists;
 * Apollo Client 4 reads it as a streaming then a complete result; an operation without @defer,
 * or a client that takes no multipart answer, is answered as plain JSON; a deferred mutation
 * writes once.
 */
import { randomUUID } from 'node:crypto';
import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { Defer20220824Handler } from '@apollo/client/incremental';
import { readParts } from './support/multipart';
import { dataOf } from './support/graphql';
import { createKey, withKey } from './support/keys';
import { sharedStack } from './support/shared-stack';

/** The shared stack: this file writes only API keys, which no other file's answers show (see shared-stack.ts). */
const stack = sharedStack();

/** What Apollo Client sends for an operation with @defer. */
const MULTIPART = 'multipart/mixed;deferSpec=20220824,application/json';

const PLANT = `
  query Plant {
    project(id: "valtherm-radiator-plant") {
      id
      name
      ... @defer(label: "neighbours") {
        company { name }
        landPlots { status area { hectares } }
        workforce { planned { value } }
      }
    }
  }`;
const PAGE = '{ projects(first: 3) { nodes { id ... @defer(label: "company") { company { name } } } } }';

function post(query: string, headers: Record<string, string> = {}, variables: Record<string, unknown> = {}): Promise<Response> {
  return fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(60_000),
  });
}

describe('@defer over multipart HTTP', () => {
  it('sends a project first, and its company, land and jobs from three other subgraphs in a later part', async () => {
    const response = await post(PLANT, { accept: MULTIPART });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('multipart/mixed;boundary="-";deferSpec=20220824');
    expect(response.headers.get('x-request-id')).toBeTruthy();
    const parts = (await readParts(response)).map((part) => part.payload);
    expect(parts).toEqual([
      { data: { project: { id: 'valtherm-radiator-plant', name: expect.any(String) } }, hasNext: true },
      {
        incremental: [{
          label: 'neighbours',
          path: ['project'],
          data: {
            company: { name: 'Valtherm' },
            landPlots: [{ status: 'ALLOCATED', area: { hectares: '10' } }],
            workforce: { planned: { value: 430 } },
          },
        }],
        hasNext: false,
      },
    ]);
  });

  it('gives a deferred fragment in a list one item per element, with the index in its path', async () => {
    const parts = (await readParts(await post(PAGE, { accept: MULTIPART }))).map((part) => part.payload);
    const nodes = parts[0].data.projects.nodes as Array<Record<string, unknown>>;
    expect(nodes).toHaveLength(3);
    for (const node of nodes) expect(Object.keys(node)).toEqual(['id']);
    expect(parts[0].hasNext).toBe(true);
    expect(parts[1].hasNext).toBe(false);
    expect(parts[1].incremental.map((item: { path: unknown[]; label: string }) => [item.label, item.path])).toEqual([
      ['company', ['projects', 'nodes', 0]], ['company', ['projects', 'nodes', 1]], ['company', ['projects', 'nodes', 2]],
    ]);
    for (const item of parts[1].incremental) expect(item.data).toEqual({ company: { name: expect.any(String) } });
  });

  it('answers the whole operation as JSON to a client that takes no multipart answer', async () => {
    const response = await post(PLANT);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = await response.json() as { data: { project: Record<string, unknown> } };
    expect(body.data.project).toMatchObject({ id: 'valtherm-radiator-plant', company: { name: 'Valtherm' }, workforce: { planned: { value: 430 } } });
  });

  it('answers an operation without @defer byte for byte as before, though the client takes multipart', async () => {
    const plain = PLANT.replace(' @defer(label: "neighbours")', '');
    const asBefore = await post(plain);
    const withMultipart = await post(plain, { accept: MULTIPART });
    expect(withMultipart.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(withMultipart.headers.get('content-type')).toBe(asBefore.headers.get('content-type'));
    expect(await withMultipart.text()).toBe(await asBefore.text());
  });

  it('runs a deferred mutation once, and sends its deferred fields later', async () => {
    const admin = await createKey(stack.databaseUrl, `defer admin ${randomUUID()}`, 'admin');
    const name = `deferred ${randomUUID()}`;
    const response = await post(
      'mutation Create($input: CreateApiKeyInput!) { createApiKey(input: $input) { key ... @defer { apiKey { name role } } } }',
      { accept: MULTIPART, ...withKey(admin) },
      { input: { name, role: 'PARTNER' } },
    );
    const parts = (await readParts(response)).map((part) => part.payload);
    expect(parts).toEqual([
      { data: { createApiKey: { key: expect.stringMatching(/^azg_/) } }, hasNext: true },
      { incremental: [{ path: ['createApiKey'], data: { apiKey: { name, role: 'PARTNER' } } }], hasNext: false },
    ]);
    const listed = dataOf(await stack.query<{ apiKeys: Array<{ name: string }> }>('{ apiKeys { name } }', {}, withKey(admin)));
    expect(listed.apiKeys.filter((key) => key.name === name)).toHaveLength(1);
  }, 120_000);
});

describe('@defer with Apollo Client 4', () => {
  it('shows the project first without its deferred fields (streaming), then complete with them', async () => {
    const client = new ApolloClient({
      link: new HttpLink({ uri: stack.gatewayUrl }),
      cache: new InMemoryCache(),
      incrementalHandler: new Defer20220824Handler(),
    });
    try {
      const results = await new Promise<Array<{ dataState: string; data: any }>>((resolve, reject) => {
        const seen: Array<{ dataState: string; data: any }> = [];
        const subscription = client.watchQuery({ query: gql(PLANT), fetchPolicy: 'network-only' }).subscribe({
          next: (result) => {
            if (result.error) reject(result.error);
            if (result.dataState === 'empty') return;
            seen.push({ dataState: result.dataState, data: result.data });
            if (result.dataState === 'complete') {
              subscription.unsubscribe();
              resolve(seen);
            }
          },
          error: reject,
        });
      });
      expect(results[0]!.dataState).toBe('streaming');
      expect(results[0]!.data.project).toEqual({ __typename: 'Project', id: 'valtherm-radiator-plant', name: expect.any(String) });
      expect(results.at(-1)!.data.project).toMatchObject({
        id: 'valtherm-radiator-plant',
        company: { name: 'Valtherm' },
        landPlots: [{ status: 'ALLOCATED', area: { hectares: '10' } }],
        workforce: { planned: { value: 430 } },
      });
    } finally {
      client.stop();
    }
  });
});
