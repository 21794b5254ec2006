import { getOperationAST, parse } from 'graphql';
import { DEFER_TEST_SCHEMA } from '../test/defer-schema';
import { deferPlanOf } from './defer-operation';
import { assignErrors, cutResult } from './deferred-payloads';

/**
 * How an answer is cut into the first part and one item per deferred fragment per object, in
 * the `deferSpec=20220824` shape Apollo Client reads.
 */
const schema = DEFER_TEST_SCHEMA;

function cut(source: string, data: Record<string, unknown> | null, variables: Record<string, unknown> = {}) {
  const document = parse(source);
  return cutResult(deferPlanOf(schema, document, getOperationAST(document)!, variables)!, data);
}

describe('cutResult', () => {
  it('puts what is outside the deferred fragment first, and the fragment\'s fields in one item at its object\'s path', () => {
    const answer = { project: { __typename: 'Project', id: 'p', name: 'Plant', company: { __typename: 'Company', name: 'Valtherm' } } };
    expect(cut('{ project(id: "p") { id name ... @defer(label: "owner") { company { name } } } }', answer)).toEqual({
      initial: { project: { id: 'p', name: 'Plant' } },
      items: [{ label: 'owner', path: ['project'], data: { company: { name: 'Valtherm' } } }],
    });
  });

  it('gives a fragment inside a list one item per element, with the index in the path, and no label when it has none', () => {
    const answer = { projects: [{ id: 'a', company: { name: 'A' } }, { id: 'b', company: null }] };
    expect(cut('{ projects { id ... @defer { company { name } } } }', answer)).toEqual({
      initial: { projects: [{ id: 'a' }, { id: 'b' }] },
      items: [{ path: ['projects', 0], data: { company: { name: 'A' } } }, { path: ['projects', 1], data: { company: null } }],
    });
  });

  it('answers aliases by their alias, and a named fragment spread like an inline fragment', () => {
    const answer = { first: { id: 'a', title: 'A', owner: { name: 'Co' } } };
    expect(cut('{ first: project(id: "a") { id title: name ...Owner @defer(label: "o") } } fragment Owner on Project { owner: company { name } }', answer)).toEqual({
      initial: { first: { id: 'a', title: 'A' } },
      items: [{ label: 'o', path: ['first'], data: { owner: { name: 'Co' } } }],
    });
  });

  it('gives a fragment with a type condition an item only for the objects of that type', () => {
    const answer = { search: [{ __typename: 'Project', id: 'p', land: [] }, { __typename: 'Company', id: 'c', country: 'KZ' }] };
    const source = '{ search { ... on Site { id } ... on Project @defer(label: "land") { land { id } } ... on Company @defer(label: "country") { country } } }';
    expect(cut(source, answer)).toEqual({
      initial: { search: [{ id: 'p' }, { id: 'c' }] },
      items: [{ label: 'land', path: ['search', 0], data: { land: [] } }, { label: 'country', path: ['search', 1], data: { country: 'KZ' } }],
    });
  });

  it('reads an abstract type condition through the schema', () => {
    const answer = { search: [{ __typename: 'Company', id: 'c', name: 'Co' }] };
    expect(cut('{ search { ... @defer { ... on Site { name } } } }', answer).items).toEqual([{ path: ['search', 0], data: { name: 'Co' } }]);
    expect(cut('{ search { ... on Site @defer { name } } }', answer).items).toEqual([{ path: ['search', 0], data: { name: 'Co' } }]);
  });

  it('gives a nested fragment its own item, after its parent\'s, and keeps its fields out of the parent\'s', () => {
    const answer = { project: { id: 'p', company: { name: 'Co', country: 'KZ' } } };
    expect(cut('{ project(id: "p") { id ... @defer(label: "outer") { company { name ... @defer(label: "inner") { country } } } } }', answer)).toEqual({
      initial: { project: { id: 'p' } },
      items: [
        { label: 'outer', path: ['project'], data: { company: { name: 'Co' } } },
        { label: 'inner', path: ['project', 'company'], data: { country: 'KZ' } },
      ],
    });
  });

  it('leaves out what @skip and @include leave out, with variables, and treats `if: false` as no @defer', () => {
    const answer = { project: { id: 'p', name: 'Plant', company: { name: 'Co' } } };
    const source = 'query ($late: Boolean!, $owner: Boolean!) { project(id: "p") { id ... @defer(if: $late) { name } ... @include(if: $owner) @defer(label: "owner") { company { name } } } }';
    expect(cut(source, answer, { late: false, owner: false })).toEqual({ initial: { project: { id: 'p', name: 'Plant' } }, items: [] });
    expect(cut(source, answer, { late: true, owner: true }).items.map((item) => item.label ?? null)).toEqual([null, 'owner']);
  });

  it('copies a field both parts select into both, as the format allows', () => {
    const answer = { project: { id: 'p', name: 'Plant' } };
    expect(cut('{ project(id: "p") { id name ... @defer { id name } } }', answer)).toEqual({
      initial: { project: { id: 'p', name: 'Plant' } },
      items: [{ path: ['project'], data: { id: 'p', name: 'Plant' } }],
    });
  });

  it('has no item where the object is null, and nothing at all when the data is', () => {
    expect(cut('{ project(id: "p") { id ... @defer { name } } }', { project: null })).toEqual({ initial: { project: null }, items: [] });
    expect(cut('{ project(id: "p") { id ... @defer { name } } }', null)).toEqual({ initial: null, items: [] });
  });
});

describe('assignErrors', () => {
  it('gives an error to the deepest item holding its field, and returns those no item holds', () => {
    const { items } = cut('{ projects { id ... @defer { name company { name ... @defer { country } } } } }', {
      projects: [{ id: 'a', name: 'A', company: { name: 'Co', country: null } }],
    });
    const name = { message: 'no name', path: ['projects', 0, 'name'] };
    const country = { message: 'no country', path: ['projects', 0, 'company', 'country'] };
    const elsewhere = { message: 'no id', path: ['projects', 0, 'id'] };
    const pathless: { message: string; path?: string[] } = { message: 'down' };
    expect(assignErrors(items, [name, country, elsewhere, pathless], (error) => error)).toEqual([elsewhere, pathless]);
    expect(items.map((item) => item.errors)).toEqual([[name], [country]]);
  });
});
