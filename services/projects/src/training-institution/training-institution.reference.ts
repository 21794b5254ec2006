import { createEntityReference, type EntityReferenceShapes } from '@azg/core/federation';

/**
 * The workforce subgraph's TrainingInstitution, as this subgraph knows it: to list the
 * projects an institution trains for, it needs to know whether it serves the whole zone
 * (`servesAllZoneProjects`, sent along in every representation). Its representations resolve
 * as they are (core's `passThroughReference`, which `defineSubgraph` gives every stub).
 */
export const TrainingInstitutionReference = createEntityReference('TrainingInstitution');
export type TrainingInstitutionReference = EntityReferenceShapes['TrainingInstitution'];
