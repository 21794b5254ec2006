import { rmSync } from 'node:fs';
import { processRegistryDirectory, terminateRegisteredProcesses } from './process-registry';
import { stopSharedStack } from './shared-stack';
import { EMBEDDED_TEST_ROOT } from './stack';

/**
 * Runs once after every test file (both projects name it): stops the shared stack, if the e2e
 * setup started one; a process still running after that is a suite that forgot `stop()`.
 */
export default async function globalTeardown(): Promise<void> {
  await stopSharedStack();
  const directory = processRegistryDirectory();
  if (directory !== undefined) {
    const leftovers = terminateRegisteredProcesses(directory);
    if (leftovers.length > 0) process.stderr.write(`\nstopped processes a test left running: ${leftovers.join(', ')}\n`);
    rmSync(directory, { recursive: true, force: true });
  }
  // This run's embedded clusters: every one is stopped by now (or was just told to stop).
  rmSync(EMBEDDED_TEST_ROOT, { recursive: true, force: true });
}
