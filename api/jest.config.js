/** Tests run against real PostgreSQL: an embedded cluster, or TEST_DATABASE_URL when set. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] },
  globalSetup: '<rootDir>/src/test/global-setup.ts',
  globalTeardown: '<rootDir>/src/test/global-teardown.ts',
  testTimeout: 60000,
  // Two cores on CI: one worker per core keeps PostgreSQL and the workers from starving each other.
  maxWorkers: 2,
};
