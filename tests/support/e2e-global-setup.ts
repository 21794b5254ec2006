import { rmSync } from 'node:fs';
import { openProcessRegistry } from './process-registry';
import { startSharedStack } from './shared-stack';
import { EMBEDDED_TEST_ROOT, removeAbandonedTestClusters } from './stack';

/**
 * Runs once before the e2e files, in jest's own process: the process registry (as for the unit
 * tests), then the run's database server and the shared stack (see shared-stack.ts).
 */
export default async function e2eGlobalSetup(globalConfig: { maxWorkers: number }): Promise<void> {
  // The shared stack's isolation rule holds only when files run one after another.
  if (globalConfig.maxWorkers > 1) {
    throw new Error('the e2e files share one stack and run one at a time: add --runInBand (npm run test:e2e does)');
  }
  openProcessRegistry();
  removeAbandonedTestClusters();
  try {
    await startSharedStack();
  } catch (error) {
    // No teardown follows a failed setup: the run's clusters go now.
    rmSync(EMBEDDED_TEST_ROOT, { recursive: true, force: true });
    throw error;
  }
}
