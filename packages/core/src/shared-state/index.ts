export { connectSharedState, readSharedStateConfig, type SharedState, type SharedStateConfig, type SharedStateOptions } from './shared-state';
