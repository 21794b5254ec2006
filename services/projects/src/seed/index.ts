/** The projects subgraph's seed, as tests and tools read it: the document's facts and the writer. */
export * from './council.facts';
export * from './groups.facts';
export * from './projects.facts';
export { seed } from './seed';
export { loadPressRelease, parseOriginal, parseTranslation } from '../source-document/press-release';
