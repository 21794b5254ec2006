// Hive Gateway serving our own four subgraphs from the same schema/supergraph.graphql as our
// gateway. The bench passes where each subgraph runs (HIVE_SUBGRAPH_<NAME>_URL) since the
// bench's ports differ from the supergraph's, and the headers our gateway sends to subgraphs:
// Accept-Language, and the signed x-azg-identity header every subgraph requires (see identity.mjs).
import { defineConfig } from '@graphql-hive/gateway';
import { identityHeaders } from './identity.mjs';

const names = ['projects', 'companies', 'land', 'workforce'];
const transportEntries = Object.fromEntries(names
  .filter((name) => process.env[`HIVE_SUBGRAPH_${name.toUpperCase()}_URL`])
  .map((name) => [name, { location: process.env[`HIVE_SUBGRAPH_${name.toUpperCase()}_URL`] }]));

export const gatewayConfig = defineConfig({
  transportEntries,
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({
      ...(request.headers.get('accept-language') ? { 'accept-language': request.headers.get('accept-language') } : {}),
      ...identityHeaders(),
    }),
  },
  graphiql: false,
  landingPage: false,
  logging: 'warn',
  polling: undefined,
});
