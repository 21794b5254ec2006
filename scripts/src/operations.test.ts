import { readFileSync } from 'node:fs';
import { operationLimitRules, readOperationLimits } from '@azg/core/limits';
import { buildSchema, parse, validate } from 'graphql';
import { examplesOf, readOperationManifest } from '@azg/gateway/operations';
import { currentManifest, exampleOperationFiles, manifestIsCurrent } from './operations';
import { API_SCHEMA_PATH } from './repository';

describe('the example operations and their manifest', () => {
  const files = exampleOperationFiles();
  const manifest = currentManifest();

  it('are at least twelve files, one named operation each, named as the file is', () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
    expect(manifest.operations.map((operation) => `${operation.name}.graphql`).sort()).toEqual(files.map((file) => file.fileName).sort());
  });

  it('are valid against the client-facing schema (schema/api.graphql)', () => {
    const schema = buildSchema(readFileSync(API_SCHEMA_PATH, 'utf8'));
    for (const { fileName, body } of files) {
      expect([fileName, validate(schema, parse(body)).map((error) => error.message)]).toEqual([fileName, []]);
    }
  });

  it('pass the gateway\'s default operation limits (tokens, depth, aliases, cost, root fields)', () => {
    const schema = buildSchema(readFileSync(API_SCHEMA_PATH, 'utf8'));
    const limits = readOperationLimits({});
    for (const { fileName, body } of files) {
      let refusals: string[];
      try {
        refusals = validate(schema, parse(body, { maxTokens: limits.maxTokens }), operationLimitRules(limits, true)).map((error) => error.message);
      } catch (error) {
        refusals = [(error as Error).message];
      }
      expect([fileName, refusals]).toEqual([fileName, []]);
    }
  });

  it('each start with the question they answer, then a description', () => {
    for (const example of examplesOf(manifest)) {
      expect(example.title).not.toBe(example.name);
      expect(example.description.length).toBeGreaterThan(20);
    }
  });

  it('are published in schema/operations/manifest.json exactly (run npm run operations after changing one)', () => {
    expect(manifestIsCurrent()).toBe(true);
    expect(readOperationManifest(require.resolve('../../schema/operations/manifest.json'))).toEqual(manifest);
  });
});
