import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { ANONYMOUS, hasRole, roleAuthChecker, type Identity } from '../identity/identity';

const info = { parentType: { name: 'Mutation' }, fieldName: 'createProject' } as unknown as GraphQLResolveInfo;
const as = (role: Identity['role']): Identity => ({ subject: role, role, source: 'api-key' });
const check = (identity: Identity, roles: Identity['role'][]) =>
  roleAuthChecker({ context: { identity }, info, root: {}, args: {} }, roles);
const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as GraphQLError).extensions.code;
  }
  return 'granted';
};

describe('roles', () => {
  it('rank anonymous < partner < editor < admin', () => {
    expect(hasRole(as('admin'), 'editor')).toBe(true);
    expect(hasRole(as('editor'), 'editor')).toBe(true);
    expect(hasRole(as('partner'), 'editor')).toBe(false);
    expect(hasRole(ANONYMOUS, 'partner')).toBe(false);
  });

  it('let a role in where it or a lower role is named, and refuse with the right code otherwise', () => {
    expect(codeOf(() => check(as('editor'), ['editor']))).toBe('granted');
    expect(codeOf(() => check(as('admin'), ['editor']))).toBe('granted');
    expect(codeOf(() => check(as('partner'), ['editor']))).toBe('FORBIDDEN');
    expect(codeOf(() => check(ANONYMOUS, ['editor']))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => check(ANONYMOUS, []))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => check(as('partner'), []))).toBe('granted');
  });

  it('name the field in a refusal', () => {
    expect(() => check(as('partner'), ['admin'])).toThrow('Mutation.createProject needs the admin role; the caller has partner');
  });
});
