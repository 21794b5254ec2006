// Hive Gateway must vouch for its callers the way our gateway does: every subgraph refuses a
// request without an `x-azg-identity` header signed with the shared AZG_IDENTITY_SECRET for that
// very request (its method, path and exact body, with a nonce used once; docs/access.md). This
// plugin authenticates the caller with our gateway's own authenticator (@azg/gateway/access: a
// bearer JWT when AZG_JWT_SECRET is set, else anonymous when AZG_PUBLIC_READ allows) and signs
// that caller onto every subgraph fetch with our gateway's signing helper (@azg/core/identity).
// API keys are refused: they live in our gateway's database, which Hive Gateway does not have.
// Both packages come from this repository, built (`npm run build`) before Hive Gateway starts.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { ANONYMOUS, IDENTITY_HEADER, signIdentity } = require('@azg/core/identity');
const { createAuthenticator, readAccessConfig } = require('@azg/gateway/access');

/** The header that keeps Hive's sharing of identical in-flight subgraph queries to one caller. */
const CALLER_HEADER = 'x-azg-caller';

/** A GraphQL-shaped refusal with `extensions.code`, as our gateway answers one. */
function refusal(fetchAPI, status, message, code) {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status, headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

/**
 * A Hive Gateway plugin: authenticates each client request as our gateway does (a wrong or
 * expired token is a 401 `UNAUTHENTICATED`, never a silent downgrade to anonymous) and signs
 * that caller over each subgraph fetch.
 */
export function useSignedIdentity({ env = process.env, graphqlEndpoint }) {
  // Hive Gateway keeps no API keys, so it has no database: the placeholder DATABASE_URL only
  // satisfies readAccessConfig, whose other settings (AZG_IDENTITY_SECRET, AZG_JWT_*,
  // AZG_PUBLIC_READ) are read exactly as our gateway reads them.
  const access = readAccessConfig({ DATABASE_URL: 'postgres://unused', ...env });
  const authenticate = createAuthenticator({ keys: null, jwt: access.jwt, publicRead: access.publicRead });
  const callers = new WeakMap();
  return {
    async onRequest({ request, url, fetchAPI, endResponse }) {
      if (url.pathname !== graphqlEndpoint) return;
      try {
        // The authenticator reads Node's header object: one value per name, undefined when absent.
        const headers = { authorization: request.headers.get('authorization') ?? undefined, 'x-api-key': request.headers.get('x-api-key') ?? undefined };
        callers.set(request, await authenticate({ headers }));
      } catch (error) {
        const code = error.extensions?.code;
        if (code === undefined) throw error;
        endResponse(refusal(fetchAPI, error.extensions.http?.status ?? 401, error.message, code));
      }
    },
    onContextBuilding({ context, extendContext }) {
      extendContext({ azgCaller: callers.get(context.request) ?? ANONYMOUS });
    },
    // In an `onFetch` hook: the one place Hive shows a plugin the body it is about to send. Hive
    // shares identical in-flight subgraph queries before this hook runs, keyed by the request with
    // the headers set earlier: `callerHeaders` below puts the caller in that key.
    onFetch({ url, options, setOptions, context, requestId }) {
      const target = new URL(url);
      const header = signIdentity({
        identity: context?.azgCaller ?? ANONYMOUS,
        requestId: requestId ?? 'hive-gateway',
        method: options.method ?? 'POST',
        target: target.pathname + target.search,
        body: options.body ?? '',
      }, access.identitySecret);
      setOptions({ ...options, headers: { ...options.headers, [IDENTITY_HEADER]: header } });
    },
  };
}

/**
 * Headers for `propagateHeaders.fromClientToSubgraphs`: names a known caller, so that two callers'
 * identical queries are never answered by one fetch signed for one of them. Anonymous callers
 * send none and share, as they would share a cached answer in our gateway.
 */
export function callerHeaders(context) {
  const caller = context?.azgCaller;
  if (!caller || caller.source === ANONYMOUS.source) return {};
  return { [CALLER_HEADER]: `${caller.source}:${caller.role}:${encodeURIComponent(caller.subject)}` };
}
