import { ANONYMOUS, isRole, ROLES, type Role } from '@azg/core/identity';

/** A role an API key or a bearer token can carry: any of core's ROLES but anonymous, which is the absence of one. */
export type CredentialRole = Exclude<Role, 'anonymous'>;

export function isCredentialRole(value: unknown): value is CredentialRole {
  return isRole(value) && value !== ANONYMOUS.role;
}

/** The roles a key or token can carry, from least to most, as core's ROLES orders them. */
export const CREDENTIAL_ROLES: readonly CredentialRole[] = ROLES.filter(isCredentialRole);

/** The roles in a sentence, for messages: `partner, editor or admin`. */
export function listCredentialRoles(): string {
  return `${CREDENTIAL_ROLES.slice(0, -1).join(', ')} or ${CREDENTIAL_ROLES.at(-1)!}`;
}
