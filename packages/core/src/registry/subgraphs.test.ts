import { entryPointOf, GATEWAY, isSubgraphName, localUrl, SUBGRAPH_NAMES, subgraphEntry } from './subgraphs';

describe('the subgraph registry', () => {
  it('states each subgraph once, with the port the checked-in supergraph expects', () => {
    expect(SUBGRAPH_NAMES).toEqual(['projects', 'companies', 'land', 'workforce']);
    expect(SUBGRAPH_NAMES.map((name) => subgraphEntry(name).port)).toEqual([4001, 4002, 4003, 4004]);
    expect(GATEWAY.port).toBe(4000);
  });

  it('names each process by its package\'s public entry point', () => {
    expect(entryPointOf('land')).toBe('@azg/land/main');
    expect(entryPointOf('gateway')).toBe('@azg/gateway/main');
    expect(localUrl(4003)).toBe('http://127.0.0.1:4003/');
  });

  it('tells a subgraph name from anything else', () => {
    expect(isSubgraphName('workforce')).toBe(true);
    expect(isSubgraphName('gateway')).toBe(false);
    expect(isSubgraphName(undefined)).toBe(false);
  });
});
