/** The companies subgraph's seed, as tests and tools read it: the document's facts and the writer. */
export * from './companies.facts';
export { seed } from './seed';
