import 'reflect-metadata';

export * from './closed-output';
export * from './logger';
export * from './metrics';
export * from './observability';
export * from './operation-plugin';
export * from './tracing';
