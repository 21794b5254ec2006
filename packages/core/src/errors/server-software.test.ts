import { withoutServerSoftware } from './server-software';

const CSRF = 'This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). Please either specify a \'content-type\' header '
  + '(with a type that is not one of application/x-www-form-urlencoded, multipart/form-data, text/plain) or provide a non-empty value for one of '
  + 'the following headers: x-apollo-operation-name, apollo-require-preflight\n';

describe('withoutServerSoftware', () => {
  it.each([
    ['another HTTP method', 'Apollo Server supports only GET/POST requests.'],
    ['a simple cross-site request', CSRF],
    ['introspection', 'GraphQL introspection is not allowed by Apollo Server, but the query contained __schema or __type. To enable introspection, pass introspection: true to ApolloServer in production'],
    ['incremental delivery', 'Apollo server received an operation that uses incremental delivery (@defer or @stream), but the client does not accept multipart/mixed HTTP responses.'],
  ])('rewords Apollo\'s refusal of %s in production, keeping the code', (_case, message) => {
    const reworded = withoutServerSoftware({ message, extensions: { code: 'BAD_REQUEST' } }, true);
    expect(reworded.extensions).toEqual({ code: 'BAD_REQUEST' });
    expect(reworded.message).not.toMatch(/apollo/i);
    expect(reworded.message).not.toBe(message);
  });

  it('leaves Apollo\'s words outside production, and every other message everywhere', () => {
    expect(withoutServerSoftware({ message: CSRF }, false)).toEqual({ message: CSRF });
    const other = { message: 'Cannot query field "x" on type "Query".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
    expect(withoutServerSoftware(other, true)).toBe(other);
  });
});
