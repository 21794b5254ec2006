import path from 'node:path';
import { readGatewayConfig } from './config';

describe('readGatewayConfig', () => {
  it('defaults to 127.0.0.1:4000, the checked-in supergraph, its subgraph URLs and a 5 s deadline', () => {
    expect(readGatewayConfig({})).toEqual({
      port: 4000,
      host: '127.0.0.1',
      supergraphPath: path.resolve(__dirname, '..', '..', 'schema', 'supergraph.graphql'),
      subgraphUrls: {},
      subgraphTimeoutMs: 5000,
      production: false,
    });
  });

  it('reads every variable', () => {
    const config = readGatewayConfig({
      PORT: '4100',
      HOST: '0.0.0.0',
      SUPERGRAPH_PATH: '/tmp/supergraph.graphql',
      SUBGRAPH_PROJECTS_URL: 'http://127.0.0.1:5001/',
      SUBGRAPH_LAND_URL: 'http://land.internal:4003/graphql',
      SUBGRAPH_TIMEOUT_MS: '250',
      NODE_ENV: 'production',
    });

    expect(config).toEqual({
      port: 4100,
      host: '0.0.0.0',
      supergraphPath: '/tmp/supergraph.graphql',
      subgraphUrls: { projects: 'http://127.0.0.1:5001/', land: 'http://land.internal:4003/graphql' },
      subgraphTimeoutMs: 250,
      production: true,
    });
  });

  it.each([
    [{ PORT: '70000' }, 'PORT must be a whole number from 0 to 65535, got "70000"'],
    [{ SUBGRAPH_TIMEOUT_MS: '0' }, 'SUBGRAPH_TIMEOUT_MS must be a whole number from 1 to 600000, got "0"'],
    [{ SUBGRAPH_WORKFORCE_URL: '127.0.0.1:4004' }, 'SUBGRAPH_WORKFORCE_URL must be an http(s) URL, got "127.0.0.1:4004"'],
    [{ SUBGRAPH_COMPANIES_URL: 'not a url' }, 'SUBGRAPH_COMPANIES_URL must be an http(s) URL, got "not a url"'],
  ])('fails at start-up on %p, naming the variable', (env, message) => {
    expect(() => readGatewayConfig(env)).toThrow(message);
  });
});
