import 'reflect-metadata';

export * from './identity';
export * from './signed-identity';
export * from './shared-nonces';
