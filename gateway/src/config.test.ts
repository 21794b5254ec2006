import path from 'node:path';
import { readGatewayConfig } from './config';

describe('readGatewayConfig', () => {
  it('defaults to 127.0.0.1:4000, the checked-in supergraph, its subgraph URLs, a 5 s subgraph and 10 s request deadline, and public-API limits', () => {
    expect(readGatewayConfig({})).toEqual({
      port: 4000,
      host: '127.0.0.1',
      supergraphPath: path.resolve(__dirname, '..', '..', 'schema', 'supergraph.graphql'),
      subgraphUrls: {},
      subgraphTimeoutMs: 5000,
      subgraphMaxConnections: 64,
      subgraphDeduplicate: true,
      readyFollowsSubgraphs: true,
      production: false,
      requestTimeoutMs: 10_000,
      shutdownGraceMs: 10_000,
      maxBodyBytes: 100_000,
      introspection: true,
      cacheMaxAgeS: 0,
      limits: {
        maxDepth: 10, maxAliases: 15, maxDirectives: 20, maxTokens: 1000, maxCost: 50_000, maxRootFields: 10, maxSelections: 5000, maxValidationErrors: 10,
      },
      inputLimits: { maxInputDepth: 31, maxInputValues: 1000, maxStringLength: 10_000 },
      live: { perConnection: 100, perCaller: 1000, heartbeatMs: 15_000, queueLimit: 1000, reauthenticateMs: 10_000, initTimeoutMs: 5000 },
    });
  });

  it('turns introspection off in production unless INTROSPECTION says otherwise', () => {
    expect(readGatewayConfig({ NODE_ENV: 'production' })).toMatchObject({ production: true, introspection: false });
    expect(readGatewayConfig({ NODE_ENV: 'production', INTROSPECTION: 'true' })).toMatchObject({ production: true, introspection: true });
    expect(readGatewayConfig({ INTROSPECTION: 'off' })).toMatchObject({ production: false, introspection: false });
  });

  it('reads every variable', () => {
    const config = readGatewayConfig({
      PORT: '4100',
      HOST: '0.0.0.0',
      SUPERGRAPH_PATH: '/tmp/supergraph.graphql',
      SUBGRAPH_PROJECTS_URL: 'http://127.0.0.1:5001/',
      SUBGRAPH_LAND_URL: 'http://land.internal:4003/graphql',
      SUBGRAPH_TIMEOUT_MS: '250',
      SUBGRAPH_MAX_CONNECTIONS: '8',
      NODE_ENV: 'production',
      REQUEST_TIMEOUT_MS: '2000',
      SHUTDOWN_GRACE_MS: '500',
      MAX_BODY_BYTES: '4096',
      LIMIT_MAX_DEPTH: '4',
      LIMIT_MAX_ALIASES: '2',
      LIMIT_MAX_DIRECTIVES: '3',
      LIMIT_MAX_TOKENS: '100',
      LIMIT_MAX_COST: '50',
      LIMIT_MAX_ROOT_FIELDS: '2',
      LIMIT_MAX_SELECTIONS: '60',
      LIMIT_MAX_VALIDATION_ERRORS: '3',
      LIMIT_MAX_INPUT_DEPTH: '12',
      LIMIT_MAX_INPUT_VALUES: '40',
      LIMIT_MAX_STRING_LENGTH: '300',
      CACHE_MAX_AGE_S: '30',
      SUBGRAPH_DEDUPLICATE: 'false',
      SUBSCRIPTIONS_PER_CONNECTION: '3',
      SUBSCRIPTIONS_PER_CALLER: '7',
      SUBSCRIPTION_HEARTBEAT_MS: '1000',
      SUBSCRIPTION_QUEUE_LIMIT: '50',
      SUBSCRIPTION_REAUTHENTICATE_MS: '2000',
      SUBSCRIPTION_INIT_TIMEOUT_MS: '1500',
      READY_FOLLOWS_SUBGRAPHS: 'false',
    });

    expect(config).toEqual({
      port: 4100,
      host: '0.0.0.0',
      supergraphPath: '/tmp/supergraph.graphql',
      subgraphUrls: { projects: 'http://127.0.0.1:5001/', land: 'http://land.internal:4003/graphql' },
      subgraphTimeoutMs: 250,
      subgraphMaxConnections: 8,
      subgraphDeduplicate: false,
      readyFollowsSubgraphs: false,
      production: true,
      requestTimeoutMs: 2000,
      shutdownGraceMs: 500,
      maxBodyBytes: 4096,
      introspection: false,
      cacheMaxAgeS: 30,
      limits: {
        maxDepth: 4, maxAliases: 2, maxDirectives: 3, maxTokens: 100, maxCost: 50, maxRootFields: 2, maxSelections: 60, maxValidationErrors: 3,
      },
      inputLimits: { maxInputDepth: 12, maxInputValues: 40, maxStringLength: 300 },
      live: { perConnection: 3, perCaller: 7, heartbeatMs: 1000, queueLimit: 50, reauthenticateMs: 2000, initTimeoutMs: 1500 },
    });
  });

  it.each([
    [{ PORT: '70000' }, 'PORT must be a whole number from 0 to 65535, got "70000"'],
    [{ SUBGRAPH_TIMEOUT_MS: '0' }, 'SUBGRAPH_TIMEOUT_MS must be a whole number from 1 to 600000, got "0"'],
    [{ SUBGRAPH_WORKFORCE_URL: '127.0.0.1:4004' }, 'SUBGRAPH_WORKFORCE_URL must be an http(s) URL, got "127.0.0.1:4004"'],
    [{ SUBGRAPH_COMPANIES_URL: 'not a url' }, 'SUBGRAPH_COMPANIES_URL must be an http(s) URL, got "not a url"'],
    [{ SUBGRAPH_TIMEOUT_MS: '10000' }, 'SUBGRAPH_TIMEOUT_MS (10000) must be shorter than REQUEST_TIMEOUT_MS (10000)'],
    [{ REQUEST_TIMEOUT_MS: '3000' }, 'SUBGRAPH_TIMEOUT_MS (5000) must be shorter than REQUEST_TIMEOUT_MS (3000)'],
    [{ LIMIT_MAX_DEPTH: '0' }, 'LIMIT_MAX_DEPTH must be a whole number from 1 to 1000000, got "0"'],
    [{ INTROSPECTION: 'maybe' }, 'INTROSPECTION must be true or false, got "maybe"'],
    [{ MAX_BODY_BYTES: '10' }, 'MAX_BODY_BYTES must be a whole number from 1024 to 100000000, got "10"'],
  ])('fails at start-up on %p, naming the variable', (env, message) => {
    expect(() => readGatewayConfig(env)).toThrow(message);
  });
});
