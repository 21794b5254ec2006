import 'reflect-metadata';

export * from './build-subgraph-schema';
export * from './entity-descriptions';
export * from './entity-reference';
export * from './define-enum';
