import 'reflect-metadata';

export * from './identity';
export * from './signed-identity';
