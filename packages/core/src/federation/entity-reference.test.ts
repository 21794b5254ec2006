import 'reflect-metadata';
import { createEntityReference, passThroughReference, stubReferencesOf } from './entity-reference';

describe('entity references', () => {
  it('resolve a stub\'s representation as it is, with no lookup', () => {
    const representation = { __typename: 'Project', id: 'valtherm-radiator-plant' };
    expect(passThroughReference.__resolveReference(representation)).toBe(representation);
  });

  it('give every stub among a subgraph\'s orphaned types that resolver, by entity name, and nothing else', () => {
    const ProjectStub = createEntityReference('Project');
    const GroupStub = createEntityReference('ProjectGroup');
    class OwnType {}
    expect(stubReferencesOf([ProjectStub, OwnType, GroupStub])).toEqual({ Project: passThroughReference, ProjectGroup: passThroughReference });
    expect(stubReferencesOf([OwnType])).toEqual({});
  });

  it('name the stub class after the entity', () => {
    expect(createEntityReference('Company').name).toBe('CompanyReference');
  });
});
