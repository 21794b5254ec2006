/** The persisted operations and the playground's examples, as tools and tests read them. */
export {
  buildOperationManifest, DEFAULT_MANIFEST_PATH, MANIFEST_FORMAT, OPERATIONS_DIR, PERSISTED_QUERY_NOT_ALLOWED, persistedOperationOf,
  printOperationManifest, readOperationManifest, sha256, type OperationManifest, type PersistedOperation,
} from './persisted-operations';
export { publishOperationManifest, readSharedStateConfig } from './shared-state';
export { examplesOf, type PlaygroundExample } from './playground/examples';
