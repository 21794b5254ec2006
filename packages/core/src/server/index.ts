import 'reflect-metadata';

export * from './http-server';
export * from './request-info';
export * from './run-subgraph';
export * from './server-settings';
export * from './shutdown';
export * from './subgraph-server';
export * from './define-subgraph';
export * from './subgraph-config';
export * from './statistics-plugin';
