import { Kind, parse, type ConstValueNode } from 'graphql';

function stringArgument(value: ConstValueNode | undefined): string | undefined {
  return value?.kind === Kind.STRING ? value.value : undefined;
}

/**
 * The subgraphs a supergraph was composed of and the URL composition recorded for each, read
 * from the `@join__graph(name:, url:)` directives on the `join__Graph` enum.
 */
export function subgraphUrlsOf(supergraphSdl: string): Map<string, string> {
  const urls = new Map<string, string>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const directive = value.directives?.find((candidate) => candidate.name.value === 'join__graph');
      const argument = (name: string) => stringArgument(directive?.arguments?.find((candidate) => candidate.name.value === name)?.value);
      const name = argument('name');
      const url = argument('url');
      if (name !== undefined && url !== undefined) urls.set(name, url);
    }
  }
  if (urls.size === 0) throw new Error('the supergraph names no subgraphs (no @join__graph on a join__Graph enum)');
  return urls;
}
