import { Authorized, type AuthCheckerFn } from 'type-graphql';
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
 * What each role may do, stated once: every check of a caller's role (type-graphql's
 * `@Permitted`, `runWrite`, the gateway's key management) reads this table, and no other place
 * names the role a capability needs. Each role can do everything the roles before it can.
 */
export const PERMISSIONS = {
  /** Reading the graph. Anonymous callers also read while the gateway's AZG_PUBLIC_READ is on. */
  read: 'partner',
  /** Every mutation of the four subgraphs. */
  write: 'editor',
  /** The subgraphs' audit logs and the API-key audit log. */
  readAuditLog: 'admin',
  /** Creating, listing and revoking API keys. */
  manageApiKeys: 'admin',
} as const satisfies Record<string, Role>;
export type Permission = keyof typeof PERMISSIONS;

/** Whether `identity` may do what `permission` names. */
export function isPermitted(identity: Identity, permission: Permission): boolean {
  return hasRole(identity, PERMISSIONS[permission]);
}

/**
 * Refuses a caller who may not do what `permission` names, on `field` (e.g. `Mutation.createProject`):
 * `UNAUTHENTICATED` for an anonymous caller, `FORBIDDEN` for a role too low.
 */
export function requirePermission(identity: Identity, permission: Permission, field: string): void {
  if (isPermitted(identity, permission)) return;
  const needed = PERMISSIONS[permission];
  if (identity.role === 'anonymous') throw new UnauthenticatedError(`${field} needs the ${needed} role: authenticate with an API key or a bearer token`);
  throw new ForbiddenError(`${field} needs the ${needed} role; the caller has ${identity.role}`);
}

/**
 * type-graphql's `authChecker` for every subgraph: `@Permitted('write')` lets in the roles
 * PERMISSIONS allows to write; `@Authorized()` without a permission asks for `read`; several
 * permissions let in a caller who has any of them.
 */
export const permissionAuthChecker: AuthCheckerFn<{ identity: Identity }, Permission> = ({ context, info }, permissions) => {
  const identity = context.identity ?? ANONYMOUS;
  const field = `${info.parentType.name}.${info.fieldName}`;
  const asked: readonly Permission[] = permissions.length === 0 ? ['read'] : permissions;
  if (asked.some((permission) => isPermitted(identity, permission))) return true;
  requirePermission(identity, asked[0]!, field);
  return false;
};

/** Marks a query, mutation or field as needing `permission` (checked by `permissionAuthChecker`). */
export function Permitted(permission: Permission): MethodDecorator & PropertyDecorator & ClassDecorator {
  return Authorized<Permission>(permission);
}
