import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { NodeProcess } from '@azg/scripts/processes';

/**
 * The pids of the processes the tests started, one file each in a directory made by jest's
 * global setup. Jest gives every test file a copy of `process` whose `exit` event never fires,
 * so the hook that kills leftovers when jest exits has to live in the global setup, outside
 * the sandbox; this directory is how the two meet.
 */
const REGISTRY_VARIABLE = 'AZG_TEST_PROCESS_REGISTRY';

/** Names the jest run (its main process's pid), set by the global setups for the workers. */
export const TEST_RUN_VARIABLE = 'AZG_TEST_RUN';

/** The registry's directory, when jest's global setup made one. */
export function processRegistryDirectory(): string | undefined {
  return process.env[REGISTRY_VARIABLE];
}

/**
 * Called by the global setups: makes the directory, says where it is to every test file, and
 * kills what is still registered when jest exits; names the run for the workers (the embedded
 * clusters' directory, see stack.ts). Idempotent: the unit and e2e projects' setups
 * both call it when one jest runs both.
 */
export function openProcessRegistry(): string {
  process.env[TEST_RUN_VARIABLE] ??= String(process.pid);
  const existing = processRegistryDirectory();
  if (existing !== undefined && existsSync(existing)) return existing;
  const directory = mkdtempSync(path.join(os.tmpdir(), 'azg-test-processes-'));
  process.env[REGISTRY_VARIABLE] = directory;
  process.on('exit', () => terminateRegisteredProcesses(directory));
  return directory;
}

/** Records `child` until it exits. */
export function registerProcess(child: NodeProcess): void {
  const directory = processRegistryDirectory();
  const pid = child.child.pid;
  if (directory === undefined || pid === undefined) return;
  const file = path.join(directory, String(pid));
  writeFileSync(file, child.name);
  void child.exited.then(() => rmSync(file, { force: true }));
}

/**
 * Sends SIGTERM to every process still registered (SIGTERM, not SIGKILL: the database process
 * then stops its Postgres too) and returns their names. Synchronous, so it can run on `exit`.
 */
export function terminateRegisteredProcesses(directory: string): string[] {
  const names: string[] = [];
  let files: string[];
  try {
    files = readdirSync(directory);
  } catch {
    return names;
  }
  for (const file of files) {
    const entry = path.join(directory, file);
    try {
      names.push(`${readFileSync(entry, 'utf8')} (pid ${file})`);
      process.kill(Number(file), 'SIGTERM');
    } catch {
      // Exited between the listing and the signal.
    }
    rmSync(entry, { force: true });
  }
  return names;
}
