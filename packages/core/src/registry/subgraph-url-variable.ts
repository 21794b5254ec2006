import type { SubgraphName } from './subgraphs';

/**
 * The environment variable that tells the gateway where a subgraph runs when it is not where the
 * supergraph says (`SUBGRAPH_LAND_URL`): read by the gateway, set by `npm start`, the bench, the
 * tests and docker/compose.yaml.
 */
export function subgraphUrlVariable(name: SubgraphName): string {
  return `SUBGRAPH_${name.toUpperCase()}_URL`;
}
