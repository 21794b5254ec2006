import { type Identity, IDENTITY_HEADER, verifyIdentity } from '@azg/core/identity';
import { quietObservability } from '@azg/core/observability';
import { detachedRequestInfo } from '@azg/core/server';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { DeferredDelivery } from './defer';
import { createSubgraphMetrics } from './observability/subgraph-metrics';
import { type GatewayContext, SubgraphDataSource } from './subgraph-data-source';
import { CALLER_HEADER, type FetchInit, type SubgraphFetch, SubgraphResponse } from './subgraph-fetch';
import { SubgraphUnavailableError } from './subgraph-errors';

const SECRET = 's'.repeat(40);
const caller: Identity = { subject: 'newsroom', role: 'editor', source: 'api-key', keyId: 'k1' };

/** A fetcher that records what it was asked to send and answers with `answer(body)`. */
function recording(answer: (body: any) => { status?: number; body: unknown; headers?: Record<string, string> } = () => ({ body: { data: {} } })) {
  const sent: Array<{ url: string; init: FetchInit }> = [];
  const fetcher: SubgraphFetch = async (url, init) => {
    sent.push({ url, init });
    const { status = 200, body, headers = {} } = answer(JSON.parse(init.body!));
    return new SubgraphResponse(url, status, { 'content-type': 'application/json', ...headers }, JSON.stringify(body));
  };
  return { sent, fetcher };
}

function dataSource(fetcher: SubgraphFetch, url = 'http://127.0.0.1:4001/graphql?x=1') {
  const observability = quietObservability('gateway');
  return new SubgraphDataSource({
    serviceName: 'projects', url, fetcher, logger: observability.logger, metrics: createSubgraphMetrics(observability.metrics), tracing: observability.tracing, identitySecret: SECRET,
  });
}

function context(): GatewayContext {
  const request = { ...detachedRequestInfo(), operationLabel: 'Valtherm' };
  return { reportSqlStats: false, subgraphFetches: [], acceptLanguage: 'kk', request, identity: caller, access: null, deferred: new DeferredDelivery(), derived: false };
}

/** What Apollo's executor passes a data source for one fetch of a client's operation. */
function fetchOf(query: string, variables: Record<string, unknown>, restrict?: (hint: unknown) => void): GraphQLDataSourceProcessOptions<GatewayContext> {
  const ctx = context();
  return {
    kind: 'incoming operation',
    request: { query, variables, operationName: 'Valtherm__projects__0' },
    context: ctx,
    incomingRequestContext: { overallCachePolicy: restrict ? { restrict } : undefined } as never,
  } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;
}

describe('the subgraph data source', () => {
  it('signs the caller and the operation label over the exact request it sends', async () => {
    const { sent, fetcher } = recording();
    await dataSource(fetcher).process(fetchOf('query Valtherm__projects__0{__typename}', {}));
    const [{ url, init }] = sent as [typeof sent[number]];
    expect(url).toBe('http://127.0.0.1:4001/graphql?x=1');
    expect(init.body).toBe('{"query":"query Valtherm__projects__0{__typename}","variables":{},"operationName":"Valtherm__projects__0"}');
    expect(init.headers).toMatchObject({ 'content-type': 'application/json', 'accept-language': 'kk', [CALLER_HEADER]: expect.any(String) });
    const verified = verifyIdentity(init.headers![IDENTITY_HEADER], SECRET, { method: 'POST', target: '/graphql?x=1', body: init.body! });
    expect(verified).toMatchObject({ identity: caller, operation: 'Valtherm' });
    // Sent anywhere else, or with another body, the same header is refused.
    expect(() => verifyIdentity(init.headers![IDENTITY_HEADER], SECRET, { method: 'POST', target: '/', body: init.body! })).toThrow('received as POST /');
    expect(() => verifyIdentity(init.headers![IDENTITY_HEADER], SECRET, { method: 'POST', target: '/graphql?x=1', body: init.body!.replace('__typename', 'id') }))
      .toThrow('the body is not the one signed');
  });

  it('gives every fetch a nonce of its own, even the same request twice', async () => {
    const { sent, fetcher } = recording();
    const source = dataSource(fetcher, 'http://127.0.0.1:4001/');
    for (let i = 0; i < 2; i += 1) await source.process(fetchOf('{ __typename }', {}));
    const nonces = sent.map(({ init }) => verifyIdentity(init.headers![IDENTITY_HEADER], SECRET, { method: 'POST', target: '/', body: init.body! }).nonce);
    expect(new Set(nonces).size).toBe(2);
  });

  it('asks each distinct entity once and answers every copy, in the planner\'s order, errors at each copy', async () => {
    const { sent, fetcher } = recording(({ variables }) => ({
      body: {
        data: { _entities: variables.representations.map((r: { id: string }) => (r.id === 'bad' ? null : { name: `company ${r.id}` })) },
        errors: [{ message: 'no such company', path: ['_entities', variables.representations.findIndex((r: { id: string }) => r.id === 'bad'), 'name'] }],
      },
    }));
    const representations = ['a', 'b', 'a', 'bad', 'a', 'bad'].map((id) => ({ __typename: 'Company', id }));
    const answer = await dataSource(fetcher).process(fetchOf('query($representations:[_Any!]!){_entities(representations:$representations){...on Company{name}}}', { representations }));
    expect(JSON.parse(sent[0]!.init.body!).variables.representations.map((r: { id: string }) => r.id)).toEqual(['a', 'b', 'bad']);
    const entities = (answer.data as { _entities: Array<{ name: string } | null> })._entities;
    expect(entities).toEqual([{ name: 'company a' }, { name: 'company b' }, { name: 'company a' }, null, { name: 'company a' }, null]);
    // Each copy is an object of its own: the gateway merges later answers into each.
    expect(entities[0]).not.toBe(entities[2]);
    expect(answer.errors?.map((error) => error.path)).toEqual([['_entities', 3, 'name'], ['_entities', 5, 'name']]);
  });

  it('tells representations with more than a type and an id apart by all their fields', async () => {
    const { sent, fetcher } = recording(({ variables }) => ({ body: { data: { _entities: variables.representations.map(() => ({})) } } }));
    const representations = [
      { __typename: 'ProjectStatsBucket', key: 'SECTOR:FOOD', projectIds: ['a'] }, { __typename: 'ProjectStatsBucket', key: 'SECTOR:FOOD', projectIds: ['b'] },
      { __typename: 'ProjectStatsBucket', key: 'SECTOR:FOOD', projectIds: ['a'] }, { __typename: 'Company', id: 'a', extra: 1 }, { __typename: 'Company', id: 'a' },
    ];
    const answer = await dataSource(fetcher).process(fetchOf('query($representations:[_Any!]!){_entities(representations:$representations){__typename}}', { representations }));
    expect(JSON.parse(sent[0]!.init.body!).variables.representations).toEqual([representations[0], representations[1], representations[3], representations[4]]);
    expect((answer.data as { _entities: unknown[] })._entities).toHaveLength(5);
  });

  it('sends representations without repeats as the planner wrote them', async () => {
    const { sent, fetcher } = recording(({ variables }) => ({ body: { data: { _entities: variables.representations.map(() => ({})) } } }));
    const representations = [{ __typename: 'Company', id: 'a' }, { __typename: 'Company', id: 'b' }];
    await dataSource(fetcher).process(fetchOf('query($representations:[_Any!]!){_entities(representations:$representations){__typename}}', { representations }));
    expect(JSON.parse(sent[0]!.init.body!).variables.representations).toEqual(representations);
  });

  it('restricts the answer\'s cache policy to each fetch\'s Cache-Control header', async () => {
    const hints: unknown[] = [];
    for (const header of ['max-age=300, public', 'max-age=60, private', 'no-store']) {
      const { fetcher } = recording(() => ({ body: { data: {} }, headers: { 'cache-control': header } }));
      await dataSource(fetcher).process(fetchOf('{ __typename }', {}, (hint) => hints.push(hint)));
    }
    expect(hints).toEqual([{ maxAge: 300, scope: 'PUBLIC' }, { maxAge: 60, scope: 'PRIVATE' }, { maxAge: 0 }]);
  });

  it('turns an answer that is not GraphQL into an error naming the subgraph alone', async () => {
    for (const answer of [{ status: 502, body: 'bad gateway' }, { status: 200, body: ['not', 'an', 'object'] }]) {
      const { fetcher } = recording(() => answer);
      await expect(dataSource(fetcher).process(fetchOf('{ __typename }', {}))).rejects.toBeInstanceOf(SubgraphUnavailableError);
    }
  });
});
