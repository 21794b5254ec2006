export { connectSharedState, readSharedStateConfig, readStateBackend, type StateBackend, type SharedState, type SharedStateConfig, type SharedStateOptions } from './shared-state';
