import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildOperationManifest, DEFAULT_MANIFEST_PATH, OPERATIONS_DIR, printOperationManifest, publishOperationManifest, readOperationManifest,
  readSharedStateConfig, type OperationManifest,
} from '@azg/gateway/operations';
import { REPOSITORY_ROOT } from './repository';

/**
 * `npm run operations`: reads every example operation in `schema/operations/*.graphql` and
 * writes `schema/operations/manifest.json`, the persisted-operation manifest the gateway serves
 * (and, with SAFELIST=true, runs exclusively). With `--check` it writes nothing and exits 1 when
 * the checked-in manifest differs from what the files produce. `publish` sends a manifest file
 * (OPERATION_MANIFEST_PATH, by default the checked-in one), checked as a gateway checks it, to
 * the shared Redis (REDIS_URL, REDIS_KEY_PREFIX), where every gateway started with
 * OPERATION_MANIFEST_SOURCE=redis serves it at once, without a restart.
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

/** `publish`: the manifest file to Redis; says which version it became. */
async function publish(): Promise<number> {
  const shared = readSharedStateConfig();
  if (!shared) throw new Error('operations publish needs REDIS_URL (and REDIS_KEY_PREFIX, if the gateways use one)');
  const file = path.resolve(process.env.OPERATION_MANIFEST_PATH ?? DEFAULT_MANIFEST_PATH);
  const manifest = readOperationManifest(file);
  const version = await publishOperationManifest(shared.url, shared.prefix, manifest);
  process.stdout.write(`published ${path.relative(process.cwd(), file) || file} (${manifest.operations.length} operations) as version ${version} under ${shared.prefix}\n`);
  return 0;
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
  const failed = (error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  };
  if (process.argv[2] === 'publish') {
    publish().then((code) => process.exit(code), failed);
  } else {
    try {
      process.exit(main(process.argv.includes('--check')));
    } catch (error) {
      failed(error);
    }
  }
}
