import { type Identity, UnauthenticatedRequestError } from '@azg/core/identity';
import { errors as joseErrors, jwtVerify } from 'jose';
import { isCredentialRole, listCredentialRoles } from './credential-roles';

export interface JwtSettings {
  /** AZG_JWT_SECRET: the HS256 key the issuer signs with. */
  secret: string;
  /** AZG_JWT_ISSUER: when set, the `iss` a token must carry. */
  issuer?: string;
  /** AZG_JWT_AUDIENCE: when set, an `aud` a token must carry. */
  audience?: string;
}

/** At least 32 bytes of key: RFC 7518 asks an HS256 key to be as long as the hash. */
export const MIN_JWT_SECRET_LENGTH = 32;

/**
 * Checks a bearer JWT (HS256 only: a token that names another algorithm, `none` included, is
 * refused) and returns the caller it names: `sub` is the subject, `role` a role a credential can
 * carry (partner, editor or admin). Expired, not yet valid, badly signed, wrong issuer or audience: 401 `UNAUTHENTICATED`.
 */
export async function verifyJwt(token: string, settings: JwtSettings): Promise<Identity> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(settings.secret), {
      algorithms: ['HS256'],
      ...(settings.issuer !== undefined ? { issuer: settings.issuer } : {}),
      ...(settings.audience !== undefined ? { audience: settings.audience } : {}),
    }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new UnauthenticatedRequestError('The bearer token has expired');
    if (error instanceof joseErrors.JWTClaimValidationFailed) throw new UnauthenticatedRequestError(`The bearer token's ${error.claim} claim is not accepted`);
    throw new UnauthenticatedRequestError('The bearer token is not valid');
  }
  const { sub, role } = payload;
  if (typeof sub !== 'string' || sub === '') throw new UnauthenticatedRequestError('The bearer token has no sub claim');
  if (!isCredentialRole(role)) throw new UnauthenticatedRequestError(`The bearer token's role claim must be ${listCredentialRoles()}`);
  return { subject: sub, role, source: 'jwt' };
}
