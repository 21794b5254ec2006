import { subgraphUrlVariable } from './subgraph-url-variable';

describe('subgraphUrlVariable', () => {
  it('names the variable the gateway reads for a subgraph\'s URL', () => {
    expect(subgraphUrlVariable('land')).toBe('SUBGRAPH_LAND_URL');
    expect(subgraphUrlVariable('workforce')).toBe('SUBGRAPH_WORKFORCE_URL');
  });
});
