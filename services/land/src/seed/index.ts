/** The land subgraph's seed, as tests and tools read it: the document's facts and the writer. */
export * from './land.facts';
export { seed } from './seed';
