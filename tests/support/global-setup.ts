import { openProcessRegistry } from './process-registry';

/** Runs once before the unit tests, in jest's own process: the last line of defence against leftovers. */
export default function globalSetup(): void {
  openProcessRegistry();
}
