export * from './subgraphs';
export * from './subgraph-url-variable';
