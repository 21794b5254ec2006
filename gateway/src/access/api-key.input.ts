import { BadUserInputError } from '@azg/core/errors';
import { Field, InputType } from 'type-graphql';
import { ApiKeyRole } from './api-key.type';

const MAX_NAME_LENGTH = 100;
/** An API key id: 16 hex digits (see api-key.ts). */
const KEY_ID = /^[0-9a-f]{16}$/;

@InputType({ description: 'What a new API key is for and what it may do.' })
export class CreateApiKeyInput {
  @Field(() => String, { description: `Who or what the key is for, 1 to ${MAX_NAME_LENGTH} characters; requests made with it are logged and audited under this name.` })
  name!: string;

  @Field(() => ApiKeyRole, { description: 'What a caller holding the key may do.' })
  role!: ApiKeyRole;

  @Field(() => Date, { nullable: true, description: 'When the key stops working, in the future; leave it out for a key that does not expire.' })
  expiresAt?: Date | null;
}

/** The input, checked: a trimmed name of the right length, an expiry in the future. Names the field it refuses. */
export function checkCreateApiKeyInput(input: CreateApiKeyInput, now = new Date()): { name: string; role: ApiKeyRole; expiresAt: Date | null } {
  const name = input.name.trim();
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) {
    throw new BadUserInputError(`input.name must be 1 to ${MAX_NAME_LENGTH} characters (not counting spaces around it)`, 'input.name');
  }
  if (/[\u0000-\u001f\u007f]/.test(name)) throw new BadUserInputError('input.name must not contain control characters', 'input.name');
  const expiresAt = input.expiresAt ?? null;
  if (expiresAt !== null && expiresAt.getTime() <= now.getTime()) {
    throw new BadUserInputError('input.expiresAt must be in the future', 'input.expiresAt');
  }
  return { name, role: input.role, expiresAt };
}

/** An API key id argument, checked for its shape (a malformed one is BAD_USER_INPUT, an unknown one NOT_FOUND). */
export function checkApiKeyId(id: string): string {
  if (!KEY_ID.test(id)) throw new BadUserInputError('id is not an API key id (16 hex digits: the part of the key after azg_)', 'id');
  return id;
}
