import { createProcessRegistry, terminateRegisteredProcesses } from './process-registry';

/** Runs once before every test file, in jest's own process: the last line of defence against leftovers. */
export default function globalSetup(): void {
  const directory = createProcessRegistry();
  process.on('exit', () => terminateRegisteredProcesses(directory));
}
