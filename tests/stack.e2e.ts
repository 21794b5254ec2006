import { SUBGRAPH_NAMES } from '@azg/core/registry';
import { dataOf } from './support/graphql';
import { startStack, type Stack } from './support/stack';

describe('the test stack', () => {
  // A private stack: this file stops and restarts a subgraph.
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('serves GraphQL through the gateway', async () => {
    const result = await stack.query<{ __typename: string }>('{ __typename }');
    expect(result.status).toBe(200);
    expect(dataOf(result)).toEqual({ __typename: 'Query' });
  });

  it('reports the gateway live and ready, with every subgraph ready behind it', async () => {
    for (const url of [stack.gatewayUrl, ...SUBGRAPH_NAMES.map((name) => stack.subgraphUrls[name])]) {
      expect((await fetch(new URL('/healthz', url))).status).toBe(200);
      expect((await fetch(new URL('/readyz', url))).status).toBe(200);
    }
  });

  it('reports the gateway not ready while a subgraph is down, and ready again once it is back', async () => {
    await stack.stopService('workforce');
    const down = await fetch(new URL('/readyz', stack.gatewayUrl));
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: 'not ready', reason: expect.stringContaining('workforce') });

    await stack.startService('workforce');
    expect((await fetch(new URL('/readyz', stack.gatewayUrl))).status).toBe(200);
  });
});
