/**
 * Bad input through the gateway: malformed arguments are BAD_USER_INPUT, unknown ids are null,
 * and no database text reaches the client.
 */
import { sharedStack } from './support/shared-stack';

/** The shared stack: this file only reads (see shared-stack.ts for what a file on it may write). */
const stack = sharedStack();

const DATABASE_WORDS = /select|relation|column|syntax|postgres|pg_|sql|constraint/i;

describe('ids', () => {
  it.each([
    ['project', '{ project(id: "Robert\'); DROP TABLE project;--") { id } }'],
    ['company', '{ company(id: "ALMEREK") { id } }'],
    ['projectGroup', `{ projectGroup(id: "${'x'.repeat(101)}") { id } }`],
    ['landPlot', '{ landPlot(id: "") { id } }'],
    ['trainingInstitution', '{ trainingInstitution(id: "college one") { id } }'],
  ])('a malformed %s id is BAD_USER_INPUT and says what an id looks like', async (field, query) => {
    const { status, body } = await stack.query(query);
    expect(status).toBe(200);
    expect(body.data?.[field]).toBeNull();
    expect(body.errors).toEqual([expect.objectContaining({
      message: expect.stringContaining('lower-case letters, digits and hyphens'),
      extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
    })]);
    expect(JSON.stringify(body)).not.toMatch(DATABASE_WORDS);
  });

  it.each(['project', 'company', 'projectGroup', 'landPlot', 'industrialPark', 'trainingInstitution'])(
    'an unknown but well-formed %s id is null, with no error', async (field) => {
      const { body } = await stack.query(`{ ${field}(id: "no-such-record") { id } }`);
      expect(body).toEqual({ data: { [field]: null } });
    },
  );
});

describe('arguments of the wrong type', () => {
  it('an unknown enum value is refused before anything runs', async () => {
    const { status, body } = await stack.query('{ projects(status: FINISHED) { id } }');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('a variable of the wrong type is BAD_USER_INPUT', async () => {
    const { status, body } = await stack.query('query ($id: ID!) { project(id: $id) { id } }', { id: { nested: true } });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a paragraph number below 1 is BAD_USER_INPUT', async () => {
    const { body } = await stack.query('{ sourceDocument { paragraph(number: 0) { english } } }');
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
