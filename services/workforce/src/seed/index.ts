/** The workforce subgraph's seed, as tests and tools read it: the document's facts and the writer. */
export * from './workforce.facts';
export { seed } from './seed';
