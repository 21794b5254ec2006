import { BadUserInputError, NotFoundError } from '@azg/core/errors';
import { type Identity, Permitted } from '@azg/core/identity';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { checkApiKeyId, checkCreateApiKeyInput, CreateApiKeyInput } from './api-key.input';
import type { ApiKeyRecord, ApiKeyRepository } from './api-key.repository';
import { ApiKey, ApiKeyAuditEntry, ApiKeyRole, CreatedApiKey } from './api-key.type';
import type { ApiKeyVerifier } from './api-key.verifier';

/** What the access subgraph's resolvers need from the gateway's request context. */
export interface AccessContext {
  identity: Identity;
  access: AccessServices | null;
}

/** The gateway's key store and verifier, shared by every request. */
export interface AccessServices {
  keys: ApiKeyRepository;
  verifier: ApiKeyVerifier;
}

/** The key store; a gateway built without a database (unit tests) has none. */
function servicesOf({ access }: AccessContext): AccessServices {
  if (!access) throw new Error('this gateway has no key store (it was built without a database)');
  return access;
}

function apiKeyOf(record: ApiKeyRecord): ApiKey {
  return Object.assign(new ApiKey(), record);
}

/** API key management: admins only, each change written to the audit log with its author. */
@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Permitted('manageApiKeys')
  @Query(() => [ApiKey], { description: 'Every API key, oldest first (admins only). Secrets are never shown.' })
  async apiKeys(
    @Arg('includeRevoked', () => Boolean, { defaultValue: false, description: 'Also list revoked keys.' }) includeRevoked: boolean,
    @Ctx() context: AccessContext,
  ): Promise<ApiKey[]> {
    return (await servicesOf(context).keys.list(includeRevoked)).map(apiKeyOf);
  }

  @Permitted('readAuditLog')
  @Query(() => [ApiKeyAuditEntry], { description: 'The audit log of API key changes, newest first (admins only): who made or revoked which key, when, and the record before and after.' })
  async apiKeyAuditLog(
    @Arg('first', () => Int, { defaultValue: 20, description: 'How many entries, 1 to 100.' }) first: number,
    @Ctx() context: AccessContext,
  ): Promise<ApiKeyAuditEntry[]> {
    if (first < 1 || first > 100) throw new BadUserInputError('first must be from 1 to 100', 'first');
    const entries = await servicesOf(context).keys.auditEntries(first);
    return entries.map((entry) => Object.assign(new ApiKeyAuditEntry(), {
      ...entry,
      actorRole: entry.actorRole as ApiKeyRole,
      before: entry.before && apiKeyOf(entry.before),
      after: entry.after && apiKeyOf(entry.after),
    }));
  }

  @Permitted('manageApiKeys')
  @Mutation(() => CreatedApiKey, { description: 'Makes an API key (admins only) and returns it this once; only a salted hash of it is stored.' })
  async createApiKey(
    @Arg('input', () => CreateApiKeyInput, { description: 'What the key is for and what it may do.' }) input: CreateApiKeyInput,
    @Ctx() context: AccessContext,
  ): Promise<CreatedApiKey> {
    const { key, record } = await servicesOf(context).keys.create(checkCreateApiKeyInput(input), context.identity);
    return Object.assign(new CreatedApiKey(), { key, apiKey: apiKeyOf(record) });
  }

  @Permitted('manageApiKeys')
  @Mutation(() => ApiKey, { description: 'Revokes an API key (admins only): this gateway refuses it at once, and so does every other gateway sharing its Redis (REDIS_URL); a gateway that cannot hear of it (no shared Redis, or Redis down) within its key cache\'s lifetime (30 s by default). Revoking a revoked key changes nothing.' })
  async revokeApiKey(
    @Arg('id', () => ID, { description: 'The key\'s id, as `apiKeys` lists it.' }) id: string,
    @Ctx() context: AccessContext,
  ): Promise<ApiKey> {
    const access = servicesOf(context);
    const record = await access.keys.revoke(checkApiKeyId(id), context.identity);
    if (!record) throw new NotFoundError(`No API key has id ${id}`, 'id');
    await access.verifier.revoked(record.id);
    return apiKeyOf(record);
  }
}
