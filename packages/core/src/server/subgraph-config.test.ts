import { ConfigError } from '../config/env';
import { SUBGRAPHS } from '../registry/subgraphs';
import { readSubgraphConfig } from './subgraph-config';

describe('readSubgraphConfig', () => {
  it.each(SUBGRAPHS.map((subgraph) => [subgraph.name, subgraph.port] as const))('listens on 127.0.0.1 at the registry\'s port for %s (%i) unless told otherwise', (_name, defaultPort) => {
    expect(readSubgraphConfig(defaultPort, { DATABASE_URL: 'postgres://db/azg' })).toEqual({ databaseUrl: 'postgres://db/azg', port: defaultPort, host: '127.0.0.1' });
  });

  it('takes PORT and HOST from the environment', () => {
    expect(readSubgraphConfig(4002, { DATABASE_URL: 'postgres://db/azg', PORT: '4102', HOST: '0.0.0.0' })).toMatchObject({ port: 4102, host: '0.0.0.0' });
  });

  it('fails at start-up, naming the variable, without DATABASE_URL or with a bad PORT', () => {
    expect(() => readSubgraphConfig(4002, {})).toThrow(new ConfigError('DATABASE_URL is required but not set'));
    expect(() => readSubgraphConfig(4002, { DATABASE_URL: 'postgres://db/azg', PORT: '70000' })).toThrow(/PORT/);
    expect(() => readSubgraphConfig(4002, { DATABASE_URL: 'postgres://db/azg', PORT: 'abc' })).toThrow(/PORT/);
  });
});
