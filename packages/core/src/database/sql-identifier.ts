/**
 * Names that go into SQL text (schemas, tables, columns; values never do) are plain lower-case
 * identifiers, which need no quoting and cannot carry anything else. One check for all of them.
 */
const PLAIN_IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** `name` itself when it is a plain SQL identifier; otherwise throws, saying what the name was for. */
export function plainIdentifier(name: string, what = 'a name'): string {
  if (!PLAIN_IDENTIFIER.test(name)) throw new Error(`${what} is not a plain SQL identifier: ${name}`);
  return name;
}

/** A schema-qualified table name (`projects.project`) split into its checked parts. */
export function schemaTable(table: string): { schema: string; name: string } {
  const [schema, name, ...rest] = table.split('.');
  if (!schema || !name || rest.length > 0 || !PLAIN_IDENTIFIER.test(schema) || !PLAIN_IDENTIFIER.test(name)) {
    throw new Error(`name the table with its schema, in plain SQL identifiers: ${table}`);
  }
  return { schema, name };
}
