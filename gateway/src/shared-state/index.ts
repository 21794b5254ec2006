export { connectSharedState, readSharedStateConfig, type SharedState, type SharedStateConfig, type SharedStateOptions } from '@azg/core/shared-state';
export { followPublishedManifest, publishOperationManifest, type FollowedManifest } from './published-manifest';
export { shareRevocations } from './revocations';
