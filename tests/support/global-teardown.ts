import { rmSync } from 'node:fs';
import { processRegistryDirectory, terminateRegisteredProcesses } from './process-registry';

/** Runs once after every test file: a process still running here is a suite that forgot `stop()`. */
export default function globalTeardown(): void {
  const directory = processRegistryDirectory();
  if (directory === undefined) return;
  const leftovers = terminateRegisteredProcesses(directory);
  if (leftovers.length > 0) process.stderr.write(`\nstopped processes a test left running: ${leftovers.join(', ')}\n`);
  rmSync(directory, { recursive: true, force: true });
}
