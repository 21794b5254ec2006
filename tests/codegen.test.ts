import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { persistedOperationOf } from '@azg/gateway/operations';
import { exampleOperationFiles } from '@azg/scripts/operations';
import { REPOSITORY_ROOT } from '@azg/scripts/repository';

/**
 * What the README tells a frontend team to run, `npx graphql-codegen` with the repository's
 * codegen.ts, run here against schema/api.graphql and the example operations: it must produce a
 * result and a variables type per operation, and code using them must type-check.
 */
const CLI = path.join(REPOSITORY_ROOT, 'node_modules', '@graphql-codegen', 'cli', 'esm', 'bin.js');

describe('typed operations from @graphql-codegen', () => {
  let directory: string;
  let operations: string;
  let schemaTypes: string;

  beforeAll(async () => {
    directory = mkdtempSync(path.join(os.tmpdir(), 'azg-codegen-'));
    await promisify(execFile)(process.execPath, [CLI, '--config', 'codegen.ts', '--silent'], {
      cwd: REPOSITORY_ROOT,
      env: { ...process.env, CODEGEN_OUT_DIR: directory },
      timeout: 120_000,
    });
    operations = readFileSync(path.join(directory, 'operations.ts'), 'utf8');
    schemaTypes = readFileSync(path.join(directory, 'schema.ts'), 'utf8');
  }, 150_000);

  afterAll(() => {
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it('generates a result and a variables type for every example operation', () => {
    for (const { fileName, body } of exampleOperationFiles()) {
      const { name, type } = persistedOperationOf(fileName, body);
      // LaunchesByEndOf2021Query, ProjectStatusLiveSubscription.
      const typeName = `${name}${type[0]!.toUpperCase()}${type.slice(1)}`;
      expect(operations).toContain(`export type ${typeName} = `);
      expect(operations).toContain(`export type ${typeName}Variables = `);
    }
    // Every schema type, for code that wants them; exact amounts stay strings, as the schema serializes them.
    expect(schemaTypes).toContain('export type ProjectGroup = {');
    expect(schemaTypes).toMatch(/Tenge: \{ input: string; output: string; \}/);
  });

  it('gives types that a frontend can use, and that catch a wrong field', () => {
    const usage = `
      import type { LaunchesByEndOf2021Query, SourceParagraphQueryVariables } from './operations';
      import type { ProjectGroup, Sector } from './schema';
      declare const group: ProjectGroup;
      const sectors: Sector[] = group.sectors;
      declare const answer: LaunchesByEndOf2021Query;
      const jobs: number | undefined = answer.projectGroup?.jobs?.planned?.value;
      const tenge: string | undefined = answer.projectGroup?.reportedInvestment?.tenge;
      const variables: SourceParagraphQueryVariables = { number: 5 };
      export const used = [jobs, tenge, variables, sectors];
    `;
    const wrong = `
      import type { LaunchesByEndOf2021Query } from './operations';
      declare const answer: LaunchesByEndOf2021Query;
      export const tenge: number | undefined = answer.projectGroup?.reportedInvestment?.tenge;
    `;
    // Both snippets type-checked in one program, with the generated files they import, as a frontend's tsc would.
    const files = { usage: path.join(directory, 'usage.ts'), wrong: path.join(directory, 'wrong.ts') };
    writeFileSync(files.usage, usage);
    writeFileSync(files.wrong, wrong);
    const program = ts.createProgram(Object.values(files), {
      strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16, skipLibCheck: true,
    });
    const diagnostics = (file: string) => ts.getPreEmitDiagnostics(program, program.getSourceFile(file))
      .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    expect(diagnostics(files.usage)).toEqual([]);
    expect(diagnostics(files.wrong).join('\n')).toMatch(/Type 'string' is not assignable to type 'number'/);
  });
});
