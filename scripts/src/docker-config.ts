import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { entryPointOf, GATEWAY, nodeRuntimeFlags, SUBGRAPH_NAMES, subgraphEntry, subgraphUrlVariable, type SubgraphName } from '@azg/core/registry';
import { REPOSITORY_ROOT } from './repository';

/**
 * The parts of `docker/` that name a subgraph or a port, written from the subgraph registry
 * (`@azg/core/registry`): Docker and the router cannot import TypeScript, so `npm run schema`
 * writes them and `compose.js --check` (and tests/containers.test.ts) fail when they differ.
 *
 * A generated region sits between two marker lines, `# >>> registry: <region>` and
 * `# <<< registry: <region>`, and takes the begin marker's indentation. Everything outside the
 * markers is written by hand and left as it is.
 */
export const DOCKER_DIR = path.join(REPOSITORY_ROOT, 'docker');

const BEGIN = /^(\s*)# >>> registry: ([a-z-]+)$/;
const END = /^\s*# <<< registry: ([a-z-]+)$/;

/** Where compose runs a subgraph: its service name on compose's network, on the registry's port. */
function containerUrl(name: SubgraphName): string {
  return `http://${name}:${subgraphEntry(name).port}/`;
}

/** A workspace package's folder, relative to the repository (`services/land`), found by its name. */
function packageDirectory(packageName: string): string {
  return path.relative(REPOSITORY_ROOT, realpathSync(path.join(REPOSITORY_ROOT, 'node_modules', packageName)));
}

/**
 * The file a process's entry point (`entryPointOf`, `@azg/land/main`) names in its package's
 * exports (`services/land/dist/index.js`), read from the manifest: nothing needs to be built.
 */
function entryFile(name: SubgraphName | typeof GATEWAY.name): string {
  const packageName = name === GATEWAY.name ? GATEWAY.packageName : subgraphEntry(name).packageName;
  const subpath = `.${entryPointOf(name).slice(packageName.length)}`;
  const directory = packageDirectory(packageName);
  const manifest = JSON.parse(readFileSync(path.join(REPOSITORY_ROOT, directory, 'package.json'), 'utf8')) as { exports?: Record<string, unknown> };
  const file = manifest.exports?.[subpath];
  if (typeof file !== 'string') throw new Error(`${packageName} exports no ${subpath} file`);
  return path.posix.join(directory, file);
}

/** What a subgraph's package needs at run time: its manifest, its compiled code, and the seed texts when it has any. */
function runtimeFiles(name: SubgraphName): string[] {
  const directory = packageDirectory(subgraphEntry(name).packageName);
  const seedData = path.posix.join(directory, 'seed-data');
  return [`${directory}/package.json`, `${directory}/dist`, ...(existsSync(path.join(REPOSITORY_ROOT, seedData)) ? [seedData] : [])];
}

const PROCESS_NAMES = [GATEWAY.name, ...SUBGRAPH_NAMES] as const;

/** Each docker file's regions: the lines the registry gives, before indentation. */
const REGIONS: Record<string, Record<string, () => string[]>> = {
  'compose.yaml': {
    'subgraph-services': () => SUBGRAPH_NAMES.flatMap((name, index) => [
      ...(index > 0 ? [''] : []),
      `${name}:`,
      '  <<: *subgraph',
      `  command: ["${name}"]`,
      '  environment:',
      '    <<: *subgraph-environment',
      `    PORT: "${subgraphEntry(name).port}"`,
      // Where the other subgraphs' change feeds are, for a subgraph that follows them (see docs/change-stream.md).
      ...SUBGRAPH_NAMES.filter((other) => other !== name).map((other) => `    ${subgraphUrlVariable(other)}: ${containerUrl(other)}`),
    ]),
    'gateway-wiring': () => [
      `PORT: "${GATEWAY.port}"`,
      ...SUBGRAPH_NAMES.map((name) => `${subgraphUrlVariable(name)}: ${containerUrl(name)}`),
    ],
    'gateway-ports': () => [`- "127.0.0.1:\${GATEWAY_PORT:-${GATEWAY.port}}:${GATEWAY.port}"`],
    'gateway-depends-on': () => SUBGRAPH_NAMES.flatMap((name) => [`${name}:`, '  condition: service_healthy']),
  },
  'router.yaml': {
    'router-listen': () => [`listen: 0.0.0.0:${GATEWAY.port}`],
    'subgraph-urls': () => SUBGRAPH_NAMES.map((name) => `${name}: \${env.${subgraphUrlVariable(name)}:-${containerUrl(name)}}`),
    'cors-origins': () => [`- \${env.CORS_ORIGIN:-http://127.0.0.1:${GATEWAY.port}}`],
  },
  Dockerfile: {
    'subgraph-manifests': () => SUBGRAPH_NAMES.map((name) => {
      const directory = packageDirectory(subgraphEntry(name).packageName);
      return `COPY ${directory}/package.json ${directory}/`;
    }),
    'subgraph-runtime-files': () => SUBGRAPH_NAMES.map((name) => `${runtimeFiles(name).join(' ')} \\`),
    'subgraph-manifests-from-build': () => SUBGRAPH_NAMES.map((name) => {
      const directory = packageDirectory(subgraphEntry(name).packageName);
      return `COPY --from=build /out/${directory}/package.json ${directory}/`;
    }),
    ports: () => [
      `ENV PORT=${GATEWAY.port}`,
      `EXPOSE ${[GATEWAY.port, ...SUBGRAPH_NAMES.map((name) => subgraphEntry(name).port)].join(' ')}`,
    ],
  },
  'entrypoint.sh': {
    processes: () => PROCESS_NAMES.flatMap((name) => [`${name})`, `  exec node ${[...nodeRuntimeFlags(name), entryFile(name)].join(' ')} ;;`]),
    usage: () => [`echo "usage: $0 ${[...PROCESS_NAMES, 'migrate', 'keys'].join('|')} (got \\"$process\\")" >&2`],
  },
};

/** `text` with every region rewritten from the registry; throws on an unknown, unclosed or missing region. */
export function withRegistryRegions(fileName: string, text: string): string {
  const regions = REGIONS[fileName];
  if (!regions) throw new Error(`docker/${fileName} has no registry regions`);
  const lines = text.split('\n');
  const out: string[] = [];
  const seen = new Set<string>();
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    out.push(line);
    const begin = BEGIN.exec(line);
    if (!begin) continue;
    const [, indent, region] = begin as unknown as [string, string, string];
    const generate = regions[region];
    if (!generate) throw new Error(`docker/${fileName}: unknown registry region "${region}"`);
    const end = lines.findIndex((candidate, at) => at > index && END.exec(candidate)?.[1] === region);
    if (end < 0) throw new Error(`docker/${fileName}: registry region "${region}" has no end marker`);
    out.push(...generate().map((generated) => (generated === '' ? '' : `${indent}${generated}`)), lines[end]!);
    seen.add(region);
    index = end;
  }
  const missing = Object.keys(regions).filter((region) => !seen.has(region));
  if (missing.length > 0) throw new Error(`docker/${fileName} lacks the registry region(s) ${missing.join(', ')}`);
  return out.join('\n');
}

/** The docker files as the registry says they should read, by absolute path. */
export function dockerFiles(): Map<string, string> {
  return new Map(Object.keys(REGIONS).map((fileName) => {
    const file = path.join(DOCKER_DIR, fileName);
    return [file, withRegistryRegions(fileName, readFileSync(file, 'utf8'))];
  }));
}
