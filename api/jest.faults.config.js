/**
 * The fault suite (`npm run test:faults`): PostgreSQL restarts, terminated backends, an
 * exhausted pool, statement timeouts and a killed process, against an embedded PostgreSQL
 * each test file starts and controls itself. One file at a time: the faults must not overlap.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.faults.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] },
  globalSetup: '<rootDir>/src/ops/faults/report-setup.ts',
  globalTeardown: '<rootDir>/src/ops/faults/report-teardown.ts',
  testTimeout: 180000,
  maxWorkers: 1,
  // The app logs every failed statement while PostgreSQL is away; the figures and failures are what matter here.
  silent: true,
};
