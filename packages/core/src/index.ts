import 'reflect-metadata';

export * from './config/env';
export * from './errors/errors';
export * from './figures/scalars';
export * from './figures/figures';
export * from './figures/facts';
export * from './figures/sector';
export * from './database/data-source';
export * from './database/request-database';
export * from './database/upsert';
export * from './database/synthetic';
export * from './database/loaders';
export * from './database/embedded';
export * from './federation/build-subgraph-schema';
export * from './federation/entity-descriptions';
export * from './http/http-server';
export * from './http/subgraph-server';
export * from './pagination';
