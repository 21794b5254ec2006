import { Directive, Field, ID, ObjectType, type ClassType } from 'type-graphql';
import { ENTITY_DESCRIPTIONS } from './entity-descriptions';

/** One field of an entity as the subgraphs that do not own it declare it. */
interface ReferenceField {
  type: () => unknown;
  description: string;
  /** Owned by another subgraph and only sent along in representations (`@external`). */
  external?: boolean;
}

/**
 * The entities more than one subgraph declares, as the subgraphs that extend them see them: the
 * key, and the owner's fields their `@requires` or `@key` read. Stated once, so every stub of an
 * entity composes the same way.
 */
const REFERENCES = {
  Project: {
    key: 'id',
    fields: { id: { type: () => ID, description: ENTITY_DESCRIPTIONS.Project.id } },
  },
  ProjectGroup: {
    key: 'id',
    fields: {
      id: { type: () => ID, description: ENTITY_DESCRIPTIONS.ProjectGroup.id },
      memberIds: { type: () => [ID], description: ENTITY_DESCRIPTIONS.ProjectGroup.memberIds, external: true },
    },
  },
  // The projects are part of the key, so every representation carries them and no @requires is needed.
  ProjectStatsBucket: {
    key: 'key projectIds',
    fields: {
      key: { type: () => String, description: ENTITY_DESCRIPTIONS.ProjectStatsBucket.key },
      projectIds: { type: () => [ID], description: ENTITY_DESCRIPTIONS.ProjectStatsBucket.projectIds },
    },
  },
  Company: {
    key: 'id',
    fields: { id: { type: () => ID, description: ENTITY_DESCRIPTIONS.Company.id } },
  },
  TrainingInstitution: {
    key: 'id',
    fields: {
      id: { type: () => ID, description: ENTITY_DESCRIPTIONS.TrainingInstitution.id },
      servesAllZoneProjects: { type: () => Boolean, description: ENTITY_DESCRIPTIONS.TrainingInstitution.servesAllZoneProjects, external: true },
    },
  },
} satisfies Record<keyof typeof ENTITY_DESCRIPTIONS, { key: string; fields: Record<string, ReferenceField> }>;

export type ReferencedEntity = keyof typeof REFERENCES;

/** The shape of an entity reference: its key fields (and `@external` ones, which may be absent). */
export interface EntityReferenceShapes {
  Project: { id: string };
  ProjectGroup: { id: string; memberIds?: string[] };
  ProjectStatsBucket: { key: string; projectIds: string[] };
  Company: { id: string };
  TrainingInstitution: { id: string; servesAllZoneProjects: boolean };
}

/**
 * The GraphQL type of another subgraph's entity as this subgraph extends it: `@key` and the
 * stated fields, with the descriptions every subgraph shares. Call it once per subgraph, in the
 * module of the entity's folder, and hang this subgraph's field resolvers on it.
 */
export function createEntityReference<Name extends ReferencedEntity>(name: Name): ClassType<EntityReferenceShapes[Name]> {
  const reference = REFERENCES[name];
  const Reference = class {} as ClassType<EntityReferenceShapes[Name]>;
  Object.defineProperty(Reference, 'name', { value: `${name}Reference` });
  for (const [fieldName, field] of Object.entries(reference.fields) as Array<[string, ReferenceField]>) {
    Field(field.type as never, { description: field.description })(Reference.prototype, fieldName);
    if (field.external) Directive('@external')(Reference.prototype, fieldName);
  }
  ObjectType(name, { description: ENTITY_DESCRIPTIONS[name].type })(Reference);
  Directive(`@key(fields: "${reference.key}")`)(Reference);
  STUBS.set(Reference, name);
  return Reference;
}

/** Every stub class `createEntityReference` made, with the entity it stands for. */
const STUBS = new WeakMap<Function, ReferencedEntity>();

/**
 * `__resolveReference` for each stub among `types`, by entity name: a stub's representation is
 * all its subgraph knows of the entity, so it resolves as it is (`passThroughReference`).
 */
export function stubReferencesOf(types: readonly Function[]): Record<string, typeof passThroughReference> {
  const references: Record<string, typeof passThroughReference> = {};
  for (const type of types) {
    const entity = STUBS.get(type);
    if (entity) references[entity] = passThroughReference;
  }
  return references;
}

/**
 * `__resolveReference` of an entity this subgraph only extends: the representation already holds
 * all this subgraph knows of it (its key), so it is returned as it is, with no SQL; the fields
 * this subgraph adds load through the request's loaders.
 */
export const passThroughReference = {
  __resolveReference: <Representation>(representation: Representation): Representation => representation,
};
