import { subgraphEntry, type SubgraphName } from '@azg/core/registry';
import type { Subgraph } from '@azg/core/server';

/**
 * Loads a service's declared subgraph from its package's public entry point (opening no port)
 * and checks it is the one the registry names. Call it in a process of its own per service (see
 * `service-task.ts`): type-graphql keeps its metadata in one global store, and two services'
 * decorated classes must not meet in it.
 */
export function loadSubgraph(name: SubgraphName): Subgraph {
  const { packageName } = subgraphEntry(name);
  let loaded: Record<string, unknown>;
  try {
    loaded = require(packageName) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`cannot load ${packageName} (has it been built? run npm run build)`, { cause: error });
  }
  const subgraph = loaded[name] as Partial<Subgraph> | undefined;
  if (subgraph === undefined || typeof subgraph.migrateAndSeed !== 'function' || typeof subgraph.printSdl !== 'function') {
    throw new Error(`${packageName} does not export its subgraph as "${name}" (a defineSubgraph declaration)`);
  }
  if (subgraph.name !== name) throw new Error(`${packageName} says its subgraph is "${subgraph.name}", expected "${name}"`);
  return subgraph as Subgraph;
}
