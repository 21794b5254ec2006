import { ArgsType, Field, Int } from 'type-graphql';
import { BadUserInputError } from '../errors/errors';
import type { CursorCodec, CursorScope, CursorValues } from './cursor';

/** The largest page a client may ask for. */
export const MAX_PAGE_SIZE = 100;
/** The page size when a client gives neither `first` nor `last`. */
export const DEFAULT_PAGE_SIZE = 20;

/** The Relay paging arguments every connection takes; a list's own arguments extend these. */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Page forwards: at most this many records from the start, or from \`after\`. 0 to ${MAX_PAGE_SIZE}; not together with \`last\`. With neither \`first\` nor \`last\`, the first ${DEFAULT_PAGE_SIZE}.`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Only records after this cursor (an edge\'s `cursor` or `pageInfo.endCursor`, as this list issued it under the same ordering).' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Page backwards: at most this many records from the end, or before \`before\`. 0 to ${MAX_PAGE_SIZE}; not together with \`first\`.` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Only records before this cursor (an edge\'s `cursor` or `pageInfo.startCursor`, as this list issued it under the same ordering).' })
  before?: string | null;
}

/** Which rows of the ordering a request reads: validated, with its cursors decoded. */
export interface PageWindow {
  /** How many rows the page holds at most. */
  size: number;
  /** True to read from the start (or `after`), false to read back from the end (or `before`). */
  forward: boolean;
  after: CursorValues | null;
  before: CursorValues | null;
}

function pageSize(name: 'first' | 'last', value: number): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new BadUserInputError(`${name} must be a whole number from 0 to ${MAX_PAGE_SIZE}, got ${value}`, name);
  }
  if (value > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`${name} must be at most ${MAX_PAGE_SIZE} (the largest page), got ${value}: page through the rest with ${name === 'first' ? 'after' : 'before'}`, name);
  }
  return value;
}

/**
 * Checks a request's paging arguments and decodes its cursors for `scope`; a BAD_USER_INPUT
 * error says what is wrong: `first` with `last`, a size that is negative or over the limit,
 * a cursor this server did not issue for this list and ordering.
 */
export function readPageWindow(args: ConnectionArgs, scope: CursorScope, codec: CursorCodec): PageWindow {
  const first = args.first ?? null;
  const last = args.last ?? null;
  if (first !== null && last !== null) {
    throw new BadUserInputError('first and last cannot be used together: page forwards with first and after, or backwards with last and before', 'first');
  }
  const after = args.after == null ? null : codec.decode(args.after, scope, 'after');
  const before = args.before == null ? null : codec.decode(args.before, scope, 'before');
  if (last !== null) return { size: pageSize('last', last), forward: false, after, before };
  return { size: first === null ? DEFAULT_PAGE_SIZE : pageSize('first', first), forward: true, after, before };
}
