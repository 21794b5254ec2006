import { openProcessRegistry } from './process-registry';
import { removeAbandonedTestClusters } from './stack';

/** Runs once before the unit or resilience tests, in jest's own process: the last line of defence against leftovers. */
export default function globalSetup(): void {
  openProcessRegistry();
  removeAbandonedTestClusters();
}
