import 'reflect-metadata';

export * from './data-source';
export * from './loaders';
export * from './migration-builders';
export * from './readiness';
export * from './sql-identifier';
export * from './request-database';
export * from './synthetic-tables';
export * from './upsert';
export * from './read-replicas';
export * from './wal-position';
export * from './read-routing-plugin';
