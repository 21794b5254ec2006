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
  // Tests run core from source, so a change there needs no rebuild to be tested.
  moduleNameMapper: { '^@azg/core$': '<rootDir>/packages/core/src' },
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
