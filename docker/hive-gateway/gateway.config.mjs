// Hive Gateway (@graphql-hive/gateway 2.15) serving the checked-in schema/supergraph.graphql in
// place of our gateway, with the same subgraphs and the same settings:
//
//   hive-gateway supergraph schema/supergraph.graphql -c docker/hive-gateway/gateway.config.mjs
//
// Every setting is read from the variables our gateway reads, by our gateway's own readers
// (@azg/gateway/config, @azg/gateway/access; this repository built with `npm run build`):
// SUBGRAPH_<NAME>_URL, AZG_IDENTITY_SECRET, AZG_JWT_SECRET (and _ISSUER, _AUDIENCE),
// AZG_PUBLIC_READ, NODE_ENV, REQUEST_TIMEOUT_MS, SUBGRAPH_TIMEOUT_MS, MAX_BODY_BYTES,
// INTROSPECTION and the LIMIT_MAX_* operation limits. What Hive does differently, and what it
// cannot do, is in README.md beside this file. No import of @graphql-hive/gateway: its
// `defineConfig` only returns its argument, and this file then needs nothing installed beside it.
import { createRequire } from 'node:module';
import { useSignedIdentity, callerHeaders } from './identity.mjs';
import { useBodyLimit, useOperationLimits } from './limits.mjs';

const require = createRequire(import.meta.url);
const { SUBGRAPH_NAMES } = require('@azg/core/registry');
const { readGatewayConfig } = require('@azg/gateway/config');

const settings = readGatewayConfig(process.env);

/** Where clients send GraphQL: `/`, as to our gateway, so that switching changes no client. */
const GRAPHQL_ENDPOINT = '/';

/** @type {import('@graphql-hive/gateway').GatewayConfig} */
export const gatewayConfig = {
  graphqlEndpoint: GRAPHQL_ENDPOINT,
  // SUBGRAPH_<NAME>_URL, as our gateway reads it; a subgraph not named keeps the supergraph's URL.
  transportEntries: Object.fromEntries(SUBGRAPH_NAMES
    .filter((name) => settings.subgraphUrls[name] !== undefined)
    .map((name) => [name, { location: settings.subgraphUrls[name] }])),
  propagateHeaders: {
    // The language a client asks for is the language every subgraph answers in.
    fromClientToSubgraphs: ({ request, context }) => ({
      ...(request.headers.get('accept-language') ? { 'accept-language': request.headers.get('accept-language') } : {}),
      ...callerHeaders(context),
    }),
  },
  plugins: () => [
    useBodyLimit({ maxBodyBytes: settings.maxBodyBytes }),
    useSignedIdentity({ graphqlEndpoint: GRAPHQL_ENDPOINT }),
    // LIMIT_MAX_DEPTH, _ALIASES, _DIRECTIVES, _COST and _ROOT_FIELDS: our gateway's own rules.
    useOperationLimits({ limits: settings.limits, production: settings.production }),
  ],
  // LIMIT_MAX_TOKENS, while the document is parsed (graphql-armor's rule; our gateway has graphql-js
  // count). Hive has no limit on selections after fragments are expanded (LIMIT_MAX_SELECTIONS).
  maxTokens: settings.limits.maxTokens,
  // In production our gateway names no field a client may have meant, and answers no introspection.
  blockFieldSuggestions: settings.production,
  disableIntrospection: !settings.introspection,
  // SUBGRAPH_TIMEOUT_MS: one subgraph fetch; REQUEST_TIMEOUT_MS: the whole request, after which
  // Hive answers 503 (our gateway answers 200 with the data it has by then).
  upstreamTimeout: settings.subgraphTimeoutMs,
  requestDeadline: settings.requestTimeoutMs,
  // Unexpected errors reach no client as they are (Hive's default, said here so it stays on).
  maskedErrors: true,
  graphiql: false,
  landingPage: false,
  logging: settings.production ? 'warn' : 'info',
};
