import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * How a frontend team gets typed operations from this graph: `npx graphql-codegen` (this file
 * is its default config) reads the client-facing schema and the operations, and writes
 * `generated/operations.ts`, a result and a variables type per operation (with the enums they
 * use), and `generated/schema.ts`, every type of the schema. Since @graphql-codegen
 * typescript-operations 6 the operations file stands alone: putting the `typescript` plugin in
 * the same file would declare each enum twice. Point `documents` at your own `.graphql` files;
 * `generated/` is git-ignored. CODEGEN_OUT_DIR lets the codegen test write elsewhere.
 */
const out = process.env.CODEGEN_OUT_DIR ?? 'generated';

/** Exact numbers travel as strings ("11600000000"): keep them strings, never floats. Instants are ISO 8601 strings. */
const scalars = { Tenge: 'string', Decimal: 'string', DateTimeISO: 'string' };

const config: CodegenConfig = {
  schema: 'schema/api.graphql',
  documents: 'schema/operations/*.graphql',
  generates: {
    [`${out}/schema.ts`]: {
      plugins: ['typescript'],
      config: { scalars, enumsAsTypes: true, useTypeImports: true },
    },
    [`${out}/operations.ts`]: {
      plugins: ['typescript-operations'],
      config: { scalars, enumType: 'string-literal', avoidOptionals: { field: true, inputValue: false, object: false } },
    },
  },
};

export default config;
