export * from './database-errors';
export * from './errors';
