import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { CREDENTIAL_ROLES, type CredentialRole } from './credential-roles';

/**
 * The roles a key or token can carry, as the GraphQL enum `ApiKeyRole` (`PARTNER: 'partner'`...):
 * core's ROLES but anonymous, which is the absence of one.
 */
export const ApiKeyRole = Object.freeze(Object.fromEntries(CREDENTIAL_ROLES.map((role) => [role.toUpperCase(), role]))) as {
  readonly [R in CredentialRole as Uppercase<R>]: R;
};
export type ApiKeyRole = CredentialRole;

/** What each role means to a client; a role added to ROLES must be described here before it compiles. */
const ROLE_DESCRIPTIONS: { [R in CredentialRole as Uppercase<R>]: { description: string } } = {
  PARTNER: { description: 'Reads the graph.' },
  EDITOR: { description: 'Reads and writes the graph.' },
  ADMIN: { description: 'Reads and writes, reads the audit log and manages API keys.' },
};

registerEnumType(ApiKeyRole, {
  name: 'ApiKeyRole',
  description: 'What a caller holding the key may do; each role may do everything the ones before it may.',
  valuesConfig: ROLE_DESCRIPTIONS,
});

@ObjectType({ description: 'An API key as an admin sees it: who it is for and what it may do, never its secret.' })
export class ApiKey {
  @Field(() => ID, { description: 'The key\'s id: the part after `azg_` in the key itself, safe to show and log.' })
  id!: string;

  @Field(() => String, { description: 'Who or what the key is for; requests made with it are logged and audited under this name.' })
  name!: string;

  @Field(() => ApiKeyRole, { description: 'What a caller holding the key may do.' })
  role!: ApiKeyRole;

  @Field(() => Date, { description: 'When the key was made.' })
  createdAt!: Date;

  @Field(() => String, { description: 'Who made it: an admin\'s name, or `cli:<user>` for `npm run keys`.' })
  createdBy!: string;

  @Field(() => Date, { nullable: true, description: 'When the key stops working; null: never.' })
  expiresAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the key was revoked; null: it was not.' })
  revokedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Who revoked it; null when it was not revoked.' })
  revokedBy!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the key was last used, to the minute; null: never.' })
  lastUsedAt!: Date | null;
}

@ObjectType({ description: 'A new API key: the key itself, shown this once, and its record.' })
export class CreatedApiKey {
  @Field(() => String, { description: 'The key, `azg_<id>_<secret>`. It is not stored and cannot be shown again: hand it over now. Send it as `Authorization: ApiKey <key>` or `x-api-key: <key>`.' })
  key!: string;

  @Field(() => ApiKey, { description: 'The key\'s record, as `apiKeys` lists it.' })
  apiKey!: ApiKey;
}

@ObjectType({ description: 'One change to an API key, as the append-only audit log recorded it.' })
export class ApiKeyAuditEntry {
  @Field(() => Date, { description: 'When the change was made.' })
  at!: Date;

  @Field(() => String, { description: 'Who made it: the name of the admin\'s key or token, or `cli:<user>` for `npm run keys`.' })
  actor!: string;

  @Field(() => ApiKeyRole, { description: 'The role the author held.' })
  actorRole!: ApiKeyRole;

  @Field(() => String, { description: 'What was done: `createApiKey` or `revokeApiKey`.' })
  operation!: string;

  @Field(() => ID, { description: 'The id of the key changed.' })
  keyId!: string;

  @Field(() => ApiKey, { nullable: true, description: 'The key\'s record before the change; null for a creation.' })
  before!: ApiKey | null;

  @Field(() => ApiKey, { nullable: true, description: 'The key\'s record after the change.' })
  after!: ApiKey | null;
}
