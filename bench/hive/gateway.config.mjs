// Hive Gateway serving our own four subgraphs from the same schema/supergraph.graphql as our
// gateway. The bench passes where each subgraph runs (HIVE_SUBGRAPH_<NAME>_URL) since the
// bench's ports differ from the supergraph's, and the headers our gateway sends to subgraphs:
// Accept-Language, and the x-azg-identity header every subgraph requires, signed for each fetch
// (see identity.mjs).
// The subgraphs are the registry's (@azg/core/registry, built by `npm run bench` first).
import { createRequire } from 'node:module';
import { defineConfig } from '@graphql-hive/gateway';
import { useSignedIdentity } from './identity.mjs';

const require = createRequire(import.meta.url);
const { SUBGRAPH_NAMES, subgraphUrlVariable } = require('@azg/core/registry');

const locationOf = (name) => process.env[`HIVE_${subgraphUrlVariable(name)}`];
const transportEntries = Object.fromEntries(SUBGRAPH_NAMES
  .filter((name) => locationOf(name))
  .map((name) => [name, { location: locationOf(name) }]));

export const gatewayConfig = defineConfig({
  transportEntries,
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => (request.headers.get('accept-language') ? { 'accept-language': request.headers.get('accept-language') } : {}),
  },
  plugins: () => [useSignedIdentity()],
  graphiql: false,
  landingPage: false,
  logging: 'warn',
  polling: undefined,
});
