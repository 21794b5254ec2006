import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { ANONYMOUS, hasRole, permissionAuthChecker, PERMISSIONS, type Identity, type Permission } from './identity';

const info = { parentType: { name: 'Mutation' }, fieldName: 'createProject' } as unknown as GraphQLResolveInfo;
const as = (role: Identity['role']): Identity => ({ subject: role, role, source: 'api-key' });
const check = (identity: Identity, permissions: Permission[]) =>
  permissionAuthChecker({ context: { identity }, info, root: {}, args: {} }, permissions);
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

  it('are what each permission needs, stated once', () => {
    expect(PERMISSIONS).toEqual({ read: 'partner', write: 'editor', readAuditLog: 'admin', manageApiKeys: 'admin' });
  });

  it('let a role in where the permission needs it or a lower role, and refuse with the right code otherwise', () => {
    expect(codeOf(() => check(as('editor'), ['write']))).toBe('granted');
    expect(codeOf(() => check(as('admin'), ['write']))).toBe('granted');
    expect(codeOf(() => check(as('partner'), ['write']))).toBe('FORBIDDEN');
    expect(codeOf(() => check(ANONYMOUS, ['write']))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => check(as('editor'), ['readAuditLog', 'write']))).toBe('granted');
    expect(codeOf(() => check(as('editor'), ['readAuditLog']))).toBe('FORBIDDEN');
    expect(codeOf(() => check(ANONYMOUS, []))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => check(as('partner'), []))).toBe('granted');
  });

  it('name the field in a refusal', () => {
    expect(() => check(as('partner'), ['manageApiKeys'])).toThrow('Mutation.createProject needs the admin role; the caller has partner');
  });
});
