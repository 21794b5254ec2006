import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { LOAD_OPERATIONS } from './load';
import { SUPERGRAPH_PATH } from './repository';

describe('the load of npm run test:resilience', () => {
  // The supergraph's SDL holds every field of the graph: enough to validate against.
  const schema = buildSchema(readFileSync(SUPERGRAPH_PATH, 'utf8'), { assumeValidSDL: true });

  it.each(LOAD_OPERATIONS.map((operation) => [operation.name, operation.query] as const))('%s fits the checked-in schema', (_name, query) => {
    expect(validate(schema, parse(query)).map((error) => error.message)).toEqual([]);
  });
});
