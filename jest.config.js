// Unit tests (`*.test.ts`, beside the code) and end-to-end tests (`tests/**/*.e2e.ts`, against
// real processes and a real PostgreSQL) run in one jest, in band: `npm test` builds first.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  // Only these trees are crawled: .data/ holds Postgres clusters and dist/ compiled copies.
  roots: ['<rootDir>/packages', '<rootDir>/services', '<rootDir>/gateway', '<rootDir>/scripts', '<rootDir>/tests'],
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts', '<rootDir>/tests/**/*.e2e.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Tests run the packages' public entry points from source, so a change needs no rebuild to be
  // tested; each package's `/main` (the process a test starts) stays its compiled entry point.
  moduleNameMapper: {
    '^@azg/core/(.*)$': '<rootDir>/packages/core/src/$1',
    '^@azg/dev/embedded-postgres$': '<rootDir>/packages/dev/src/embedded-postgres',
    '^@azg/dev/synthetic$': '<rootDir>/packages/dev/src/synthetic-writer',
    '^@azg/(projects|companies|land|workforce)$': '<rootDir>/services/$1/src/subgraph',
    '^@azg/(projects|companies|land|workforce)/seed$': '<rootDir>/services/$1/src/seed',
    '^@azg/gateway/(config|api-schema|operations|access)$': '<rootDir>/gateway/src/$1',
  },
  // type-graphql's decorators need the Reflect metadata API before any decorated class loads;
  // core's index imports it, but a test may import a decorated module directly.
  setupFiles: ['reflect-metadata'],
  transform: {
    // Transpile only: tests/tsconfig.json sets isolatedModules, so ts-jest compiles each file on
    // its own without type checking; `tsc -b`, which `npm test` runs first, type-checks them.
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }],
  },
  // Kills whatever a test left running, even when jest exits abnormally.
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  // End-to-end suites start Postgres, four subgraphs and a gateway.
  testTimeout: 120_000,
};
