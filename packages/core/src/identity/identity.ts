import type { AuthCheckerFn } from 'type-graphql';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors/errors';

/**
 * Who may do what, from least to most: `anonymous` reads the public graph (when public reading
 * is enabled), `partner` reads, `editor` also writes, `admin` also reads the audit log and
 * manages API keys. Each role can do everything the roles before it can.
 */
export const ROLES = ['anonymous', 'partner', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** How the gateway learnt who the caller is. */
export type IdentitySource = 'anonymous' | 'api-key' | 'jwt' | 'internal';

/** The caller of one request, as the gateway authenticated it and every subgraph verified it. */
export interface Identity {
  /** A stable name of the caller: an API key's name, a JWT's `sub`, or `anonymous`. */
  subject: string;
  role: Role;
  source: IdentitySource;
  /** The API key's id, when the caller used one. */
  keyId?: string;
}

export const ANONYMOUS: Identity = Object.freeze({ subject: 'anonymous', role: 'anonymous', source: 'anonymous' });

/** How a log line names the caller: `<subject> (<role>)`. Never a credential. */
export function callerOf(identity: Identity): string {
  return `${identity.subject} (${identity.role})`;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Whether `identity` holds `role` or a role above it. */
export function hasRole(identity: Identity, role: Role): boolean {
  return ROLES.indexOf(identity.role) >= ROLES.indexOf(role);
}

/** The caller is not known and the operation needs a known caller. */
export class UnauthenticatedError extends GraphQLError {
  constructor(message = 'Authentication required: send an API key or a bearer token') {
    super(message, { extensions: { code: ErrorCode.Unauthenticated } });
  }
}

/** The caller is known but their role does not allow the operation. */
export class ForbiddenError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: ErrorCode.Forbidden } });
  }
}

/**
 * type-graphql's `authChecker` for every subgraph: `@Authorized('editor')` lets in editors and
 * admins; `@Authorized()` without roles lets in any authenticated caller. A refusal is thrown as
 * `UNAUTHENTICATED` (anonymous caller) or `FORBIDDEN` (role too low), naming the field.
 */
export const roleAuthChecker: AuthCheckerFn<{ identity: Identity }, Role> = ({ context, info }, roles) => {
  const identity = context.identity ?? ANONYMOUS;
  const needed: Role = roles.length === 0 ? 'partner' : roles.reduce((low, role) => (ROLES.indexOf(role) < ROLES.indexOf(low) ? role : low));
  if (hasRole(identity, needed)) return true;
  const field = `${info.parentType.name}.${info.fieldName}`;
  if (identity.role === 'anonymous') throw new UnauthenticatedError(`${field} needs the ${needed} role: authenticate with an API key or a bearer token`);
  throw new ForbiddenError(`${field} needs the ${needed} role; the caller has ${identity.role}`);
};
