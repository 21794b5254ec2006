import { type DocumentNode, getOperationAST, parse, print, stripIgnoredCharacters } from 'graphql';
import { DEFER_TEST_SCHEMA } from '../test/defer-schema';
import { deferPlanOf, deferredDocument, initialDocument, mentionsDefer, undeferredDocument, withDeferDirective } from './defer-operation';

/**
 * How an operation with @defer is rewritten for the inner gateway, which knows no @defer: the
 * first part's document (deferred fragments out), the later part's (only what they need), and
 * the whole operation without the directive.
 */
const schema = DEFER_TEST_SCHEMA;

function planOf(source: string, variables: Record<string, unknown> = {}) {
  const document = parse(source);
  return deferPlanOf(schema, document, getOperationAST(document)!, variables);
}

const compact = (document: DocumentNode) => stripIgnoredCharacters(print(document));

describe('deferPlanOf', () => {
  it('is null for an operation that does not say @defer', () => {
    expect(planOf('{ project(id: "p") { id } }')).toBeNull();
    expect(mentionsDefer(parse('{ project(id: "p") { id } }'))).toBe(false);
  });

  it('is active for an inline fragment, a named fragment spread, and a label', () => {
    expect(planOf('{ project(id: "p") { id ... @defer { name } } }')!.active).toBe(true);
    expect(planOf('{ project(id: "p") { id ...Late @defer(label: "late") } } fragment Late on Project { name }')!.active).toBe(true);
  });

  it('finds a @defer inside a named fragment', () => {
    expect(planOf('{ project(id: "p") { ...Rest } } fragment Rest on Project { id ... @defer { name } }')!.active).toBe(true);
  });

  it('is not active when `if` is false, literally or through a variable, or when @skip/@include leave the fragment out', () => {
    expect(planOf('{ project(id: "p") { id ... @defer(if: false) { name } } }')!.active).toBe(false);
    expect(planOf('query ($late: Boolean!) { project(id: "p") { id ... @defer(if: $late) { name } } }', { late: false })!.active).toBe(false);
    expect(planOf('query ($late: Boolean!) { project(id: "p") { id ... @defer(if: $late) { name } } }', { late: true })!.active).toBe(true);
    expect(planOf('query ($late: Boolean = false) { project(id: "p") { id ... @defer(if: $late) { name } } }')!.active).toBe(false);
    expect(planOf('query ($s: Boolean!) { project(id: "p") { id ... @skip(if: $s) @defer { name } } }', { s: true })!.active).toBe(false);
    expect(planOf('{ project(id: "p") @include(if: false) { id ... @defer { name } } }')!.active).toBe(false);
  });

  it('is null when the variables do not coerce: the inner gateway reports them', () => {
    expect(planOf('query ($late: Boolean!) { project(id: "p") { id ... @defer(if: $late) { name } } }', {})).toBeNull();
  });
});

describe('initialDocument', () => {
  it('leaves the deferred fragments out and keeps everything else, @skip and @include included', () => {
    const plan = planOf('query Page($s: Boolean!) { project(id: "p") { id name @skip(if: $s) ... @defer { company { name } } } }', { s: false })!;
    expect(compact(initialDocument(plan))).toBe(compact(parse('query Page($s:Boolean!){project(id:"p"){id name@skip(if:$s)}}')));
  });

  it('asks for __typename where a selection set is left empty', () => {
    const plan = planOf('{ project(id: "p") { ... @defer { name } } }')!;
    expect(compact(initialDocument(plan))).toBe(compact(parse('{project(id:"p"){__typename}}')));
  });

  it('inlines named fragments and drops a deferred spread, and an inactive @defer is only taken out', () => {
    const plan = planOf('{ project(id: "p") { ...Head ...Late @defer ... @defer(if: false) { land { id } } } } fragment Head on Project { id } fragment Late on Project { name }')!;
    expect(compact(initialDocument(plan))).toBe(compact(parse('{project(id:"p"){...on Project{id}...{land{id}}}}')));
  });
});

describe('deferredDocument', () => {
  it('keeps only the deferred fragments, whole, the fields on the way to them, and __typename in every selection set', () => {
    const plan = planOf('{ site { id ... on Project { name land { id } ... @defer(label: "owner") { company { name ... @defer { country } } } } } }')!;
    expect(compact(deferredDocument(plan))).toBe(compact(parse('{__typename site{__typename...on Project{__typename...{__typename company{__typename name...{__typename country}}}}}}')));
  });

  it('keeps a named deferred fragment\'s type condition, and the arguments and aliases of the way to it', () => {
    const plan = planOf('{ first: project(id: "a") { id ...Owner @defer } } fragment Owner on Project { company { name } }')!;
    expect(compact(deferredDocument(plan))).toBe(compact(parse('{__typename first:project(id:"a"){__typename...on Project{__typename company{__typename name}}}}')));
  });
});

describe('undeferredDocument', () => {
  it('is the whole operation without @defer, with __typename everywhere when asked', () => {
    const plan = planOf('mutation { renameProject(id: "p", name: "n") { id ... @defer { company { name } } } }')!;
    expect(compact(undeferredDocument(plan, { typenames: false }))).toBe(compact(parse('mutation{renameProject(id:"p",name:"n"){id...{company{name}}}}')));
    expect(compact(undeferredDocument(plan, { typenames: true }))).toBe(compact(parse('mutation{__typename renameProject(id:"p",name:"n"){__typename id...{__typename company{__typename name}}}}')));
  });
});

describe('withDeferDirective', () => {
  it('adds @defer(label: String, if: Boolean! = true) on fragment spreads and inline fragments', () => {
    const defer = schema.getDirective('defer')!;
    expect(defer.locations).toEqual(['FRAGMENT_SPREAD', 'INLINE_FRAGMENT']);
    expect(defer.args.map((arg) => `${arg.name}: ${String(arg.type)}${arg.defaultValue === undefined ? '' : ` = ${String(arg.defaultValue)}`}`)).toEqual(['label: String', 'if: Boolean! = true']);
    expect(withDeferDirective(schema)).toBe(schema);
  });
});
