export * from './database-errors';
export * from './errors';
export * from './internal-errors';
export * from './server-software';
