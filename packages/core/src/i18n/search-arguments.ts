import { Arg, Int } from 'type-graphql';
import { MAX_SEARCH_HITS } from './search-sql';

/** The `text` argument of a search by name, described the same in every subgraph that has one. */
export function SearchTextArg(): ReturnType<typeof Arg> {
  return Arg('text', () => String, { description: 'What to look for: a name or a part of one, in any script, at most 200 characters, with at least one letter or digit.' });
}

/** The `first` argument of a search by name: how many hits at most (10 unless given). */
export function SearchFirstArg(): ReturnType<typeof Arg> {
  return Arg('first', () => Int, { defaultValue: 10, description: `How many hits to answer at most, from 1 to ${MAX_SEARCH_HITS}.` });
}
