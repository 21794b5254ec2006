import 'reflect-metadata';

export * from './audit-log';
export * from './figure-inputs';
export * from './provenance';
export * from './record-ids';
export * from './run-write';
export * from './scalars';
export * from './validation';
export * from './write-support';
export * from './write-tables';
