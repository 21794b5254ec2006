export { followPublishedManifest, publishOperationManifest, type FollowedManifest } from './published-manifest';
export { shareRevocations } from './revocations';
export { connectSharedState, readSharedStateConfig, type SharedState, type SharedStateConfig, type SharedStateOptions } from './shared-state';
