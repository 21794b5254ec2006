import 'reflect-metadata';

export * from './connection.type';
export * from './cursor';
export * from './filter';
export * from './keyset';
export * from './ordering';
export * from './page-arguments';
export * from './page-loader';
export * from './page-query';
export * from './page-request';
export * from './selection';
export * from './shared-filters';
