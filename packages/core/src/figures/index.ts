import 'reflect-metadata';

export * from './facts';
export * from './figures';
export * from './input-checks';
export * from './scalars';
export * from './sector';
export * from './sums';
export * from './count-difference';
