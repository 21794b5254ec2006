// Four projects: `unit` (`*.test.ts` beside the code: no database; runs on several workers),
// `e2e` (`tests/**/*.e2e.ts` against real processes and a real PostgreSQL, in band, most of them
// on one shared stack that the e2e global setup starts), `resilience` (the load-and-faults
// test) and `cluster` (past one machine: a streaming standby, several gateways over Redis, another
// gateway on the same supergraph; each file starts what it needs). `npm test` builds, then runs the first two: `npm run test:unit`, `npm run test:e2e`.
/** @type {import('jest').Config} */
const shared = {
  rootDir: __dirname,
  // Only these trees are crawled: .data/ holds Postgres clusters and dist/ compiled copies.
  roots: ['<rootDir>/packages', '<rootDir>/services', '<rootDir>/gateway', '<rootDir>/scripts', '<rootDir>/tests'],
  testEnvironment: 'node',
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Tests run the packages' public entry points from source, so a change needs no rebuild to be
  // tested; each package's `/main` (the process a test starts) stays its compiled entry point.
  moduleNameMapper: {
    '^@azg/core/(.*)$': '<rootDir>/packages/core/src/$1',
    '^@azg/dev/embedded-postgres$': '<rootDir>/packages/dev/src/embedded-postgres',
    '^@azg/dev/synthetic$': '<rootDir>/packages/dev/src/synthetic-writer',
    // Every other @azg package but the gateway and the scripts is a subgraph (services/<name>).
    '^@azg/((?!core$|dev$|gateway$|scripts$)[a-z-]+)$': '<rootDir>/services/$1/src/subgraph',
    '^@azg/((?!core/|dev/|gateway/|scripts/)[a-z-]+)/seed$': '<rootDir>/services/$1/src/seed',
    '^@azg/gateway/(config|api-schema|operations|access)$': '<rootDir>/gateway/src/$1',
    '^@azg/scripts/(.*)$': '<rootDir>/scripts/src/$1',
  },
  // type-graphql's decorators need the Reflect metadata API before any decorated class loads;
  // core's index imports it, but a test may import a decorated module directly.
  setupFiles: ['reflect-metadata'],
  transform: {
    // Transpile only: tests/tsconfig.json sets isolatedModules, so ts-jest compiles each file on
    // its own without type checking; `tsc -b`, which `npm test` runs first, type-checks them.
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }],
  },
  // Both projects name the same teardown, so it runs once: it stops the shared stack (when the
  // e2e setup started one) before it kills whatever a test left running.
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
};

/**
 * The gateway's cluster test is a unit test by its name but starts real gateway processes on a
 * real database, so it runs with the end-to-end files (and on every database target in CI).
 */
const DATABASE_UNIT_TESTS = ['<rootDir>/gateway/src/cluster.test.ts'];

module.exports = {
  // A file with a private stack starts Postgres, four subgraphs and a gateway.
  testTimeout: 120_000,
  // AZG_TEST_ORDER=name or reverse runs the files in a fixed order (jest's own otherwise).
  testSequencer: '<rootDir>/tests/support/file-order-sequencer.js',
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: [...shared.testPathIgnorePatterns, ...DATABASE_UNIT_TESTS],
      // Kills whatever a test left running, even when jest exits abnormally.
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/tests/**/*.e2e.ts', ...DATABASE_UNIT_TESTS],
      // The process registry too, then the test database server and the shared stack.
      globalSetup: '<rootDir>/tests/support/e2e-global-setup.ts',
    },
    {
      ...shared,
      // The load through a crash and a database restart (npm run test:resilience): a stack of its own.
      displayName: 'resilience',
      testMatch: ['<rootDir>/tests/**/*.resilience.ts'],
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
    },
    {
      ...shared,
      // Past one machine (npm run test:cluster): each file starts its own servers, once per CI run.
      displayName: 'cluster',
      testMatch: ['<rootDir>/tests/**/*.cluster.ts'],
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
    },
  ],
};
