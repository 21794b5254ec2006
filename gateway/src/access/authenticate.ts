import type http from 'node:http';
import { ANONYMOUS, type Identity, UnauthenticatedRequestError } from '@azg/core/identity';
import type { ApiKeyVerifier } from './api-key.verifier';
import { verifyJwt, type JwtSettings } from './jwt';

/** The header an API key may come in, besides `Authorization: ApiKey <key>`. */
export const API_KEY_HEADER = 'x-api-key';

export interface AuthenticatorOptions {
  /** Checks API keys; without one (gateway unit tests) any key is refused. */
  keys: ApiKeyVerifier | null;
  jwt: JwtSettings | null;
  publicRead: boolean;
}

/** Who is calling the gateway, from the request's headers; throws a 401 when that cannot be trusted. */
export type Authenticator = (request: http.IncomingMessage | undefined) => Promise<Identity>;

function single(value: string | string[] | undefined, name: string): string | undefined {
  if (Array.isArray(value)) throw new UnauthenticatedRequestError(`Send one ${name} header, not ${value.length}`);
  return value;
}

/**
 * The gateway's authentication: `Authorization: Bearer <jwt>` (when AZG_JWT_SECRET is set),
 * `Authorization: ApiKey <key>` or `x-api-key: <key>`, else anonymous when public reading is on.
 * Credentials that are present but wrong — unknown, revoked or expired key, bad or expired
 * token, an unknown scheme — are a 401, never a silent downgrade to anonymous.
 */
export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const apiKey = async (key: string) => {
    if (!options.keys) throw new UnauthenticatedRequestError('API keys are not accepted here');
    return options.keys.verify(key);
  };
  return async (request) => {
    const authorization = single(request?.headers.authorization, 'Authorization');
    const headerKey = single(request?.headers[API_KEY_HEADER], API_KEY_HEADER);
    if (authorization !== undefined && headerKey !== undefined) {
      throw new UnauthenticatedRequestError(`Send credentials once: an Authorization header or ${API_KEY_HEADER}, not both`);
    }
    if (headerKey !== undefined) return apiKey(headerKey);
    if (authorization !== undefined) {
      const match = /^(\S+)\s+(\S+)\s*$/.exec(authorization.trim());
      const scheme = match?.[1]?.toLowerCase();
      if (scheme === 'apikey') return apiKey(match![2]!);
      if (scheme === 'bearer') {
        if (!options.jwt) throw new UnauthenticatedRequestError('Bearer tokens are not accepted here (no AZG_JWT_SECRET is configured): send an API key');
        return verifyJwt(match![2]!, options.jwt);
      }
      throw new UnauthenticatedRequestError('Unknown Authorization scheme: use "ApiKey <key>" or "Bearer <token>"');
    }
    if (!options.publicRead) throw new UnauthenticatedRequestError('Public reading is off: authenticate with an API key or a bearer token');
    return ANONYMOUS;
  };
}
