import type http from 'node:http';
import type { Identity } from '@azg/core/identity';
import type { AccessServices } from '../access/api-key.resolver';
import type { GatewayAccess } from '../server';

/** What the stand-in signs subgraph fetches with unless a test shares its own secret with a subgraph. */
export const TEST_IDENTITY_SECRET = 'a-test-secret-that-is-long-enough-for-hmac';

/**
 * The gateway's access for unit tests that start after authentication: each caller is whoever
 * `identify` reads from the request's headers (API keys and tokens are the access tests'
 * business), fetches are signed with `identitySecret`, and there is no key store unless given.
 */
export function standInAccess(
  identify: (headers: http.IncomingHttpHeaders) => Identity,
  options: { identitySecret?: string; services?: AccessServices | null } = {},
): GatewayAccess {
  return {
    identitySecret: options.identitySecret ?? TEST_IDENTITY_SECRET,
    authenticate: async (request) => identify(request?.headers ?? {}),
    services: options.services ?? null,
  };
}
