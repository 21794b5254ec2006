import 'reflect-metadata';

export * from './language';
export * from './localized-text';
export * from './search-key';
export * from './search-key-refold';
export * from './search-sql';
export * from './localized-name.resolver';
export * from './search-statement';
export * from './search-arguments';
export * from './name-filter';
