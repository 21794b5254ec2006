import { ApolloServer } from '@apollo/server';
import { detachedRequestInfo, type RequestInfo } from '../server/request-info';
import { operationLabel, ServiceMetrics } from './metrics';
import { operationObservabilityPlugin } from './operation-plugin';

/** The `operation` label values of `azg_graphql_operations_total`, as a scrape would show them. */
async function labelsOf(metrics: ServiceMetrics): Promise<string[]> {
  const { body } = await metrics.exposition();
  return [...body.matchAll(/^azg_graphql_operations_total\{operation="([^"]*)"/gm)].map((match) => match[1]!).sort();
}

describe('operation names as metric labels', () => {
  const known = new Set(['Valtherm', 'Pipeline2025']);

  it('are the name only for an operation the graph knows; any other name is __other', () => {
    expect(operationLabel('Valtherm', known)).toBe('Valtherm');
    expect(operationLabel('Invented', known)).toBe('__other');
    expect(operationLabel('valtherm', known)).toBe('__other');
    expect(operationLabel('Valtherm__projects__0', known)).toBe('__other');
    expect(operationLabel(null, known)).toBe('__anonymous');
    expect(operationLabel('', known)).toBe('__anonymous');
    expect(operationLabel(undefined, known)).toBe('__unresolved');
  });
});

describe('the operation plugin', () => {
  async function serverWith(knownOperations?: ReadonlySet<string>) {
    const metrics = new ServiceMetrics('test', { defaultMetrics: false });
    const server = new ApolloServer<{ request: RequestInfo }>({
      typeDefs: 'type Query { ok: Int }',
      resolvers: { Query: { ok: () => 1 } },
      plugins: [operationObservabilityPlugin(metrics, knownOperations)],
    });
    await server.start();
    const run = async (query: string, request: RequestInfo = detachedRequestInfo()) => {
      await server.executeOperation({ query }, { contextValue: { request } });
      return request;
    };
    return { metrics, run, stop: () => server.stop() };
  }

  it('keeps the labels within the known names however many names clients invent, and notes the label on the request', async () => {
    const { metrics, run, stop } = await serverWith(new Set(['Valtherm']));
    try {
      for (let i = 0; i < 200; i += 1) await run(`query Invented${i} { ok }`);
      const known = await run('query Valtherm { ok }');
      await run('{ ok }');
      await run('{ nope }');
      expect(known.operationLabel).toBe('Valtherm');
      expect(await labelsOf(metrics)).toEqual(['Valtherm', '__anonymous', '__other', '__unresolved']);
    } finally {
      await stop();
    }
  });

  it('in a subgraph (which knows no names) uses the label the gateway vouched for, else __other', async () => {
    const { metrics, run, stop } = await serverWith();
    try {
      const vouched = { ...detachedRequestInfo(), operationLabel: 'Valtherm' };
      await run('query Valtherm__projects__0 { ok }', vouched);
      await run('query Valtherm__projects__0 { ok }');
      expect(await labelsOf(metrics)).toEqual(['Valtherm', '__other']);
    } finally {
      await stop();
    }
  });
});

describe('the default metrics', () => {
  it('are collected, but none names the runtime or its version', async () => {
    const text = await new ServiceMetrics('test').registry.metrics();
    expect(text).toContain('process_resident_memory_bytes');
    expect(text).not.toMatch(/version|v\d+\.\d+\.\d+/);
  });
});
