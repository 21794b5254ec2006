import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildOperationManifest, DEFAULT_MANIFEST_PATH, OPERATIONS_DIR, printOperationManifest, type OperationManifest,
} from '@azg/gateway/operations';
import { REPOSITORY_ROOT } from './repository';

/**
 * `npm run operations`: reads every example operation in `schema/operations/*.graphql` and
 * writes `schema/operations/manifest.json`, the persisted-operation manifest the gateway serves
 * (and, with SAFELIST=true, runs exclusively). With `--check` it writes nothing and exits 1 when
 * the checked-in manifest differs from what the files produce.
 */
export function exampleOperationFiles(directory = OPERATIONS_DIR): Array<{ fileName: string; body: string }> {
  return readdirSync(directory)
    .filter((fileName) => fileName.endsWith('.graphql'))
    .sort()
    .map((fileName) => ({ fileName, body: readFileSync(path.join(directory, fileName), 'utf8') }));
}

export function currentManifest(directory = OPERATIONS_DIR): OperationManifest {
  return buildOperationManifest(exampleOperationFiles(directory));
}

/** True when the checked-in manifest is exactly what the `.graphql` files produce. */
export function manifestIsCurrent(file = DEFAULT_MANIFEST_PATH, directory = OPERATIONS_DIR): boolean {
  try {
    return readFileSync(file, 'utf8') === printOperationManifest(currentManifest(directory));
  } catch {
    return false;
  }
}

function main(check: boolean): number {
  const relative = path.relative(REPOSITORY_ROOT, DEFAULT_MANIFEST_PATH);
  if (check) {
    if (manifestIsCurrent()) {
      process.stdout.write(`${relative} is up to date\n`);
      return 0;
    }
    process.stderr.write(`${relative} is out of date (run npm run operations)\n`);
    return 1;
  }
  const manifest = currentManifest();
  writeFileSync(DEFAULT_MANIFEST_PATH, printOperationManifest(manifest));
  process.stdout.write(`wrote ${relative} with ${manifest.operations.length} operations\n`);
  return 0;
}

if (require.main === module) {
  try {
    process.exit(main(process.argv.includes('--check')));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}
