import 'reflect-metadata';

export * from './operation-limits';
export * from './operation-resolution';
export * from './operation-type-rule';
export * from './input-limits';
