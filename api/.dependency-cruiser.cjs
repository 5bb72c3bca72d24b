/**
 * Layering check for api/src (npm run lint:deps -w api). See docs/architecture.md.
 * @type {import('dependency-cruiser').IConfiguration}
 */
/** Test-only code; keep in step with the `exclude` of tsconfig.build.json. */
const TEST_ONLY = ['[.]test[.]ts$', '^src/test/', '^src/ops/faults/', '^src/graphql/hostile-input[.]generator[.]ts$'];

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Import cycles make load order decide behaviour (a binding read before its module ran is undefined) and blur ' +
        'the layers: what the request context, the HTTP mounting or a shared helper reaches must not import it back. ' +
        'Type-only imports count too: a cycle through types still ties the layers together.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-test-code-in-app',
      severity: 'error',
      comment:
        'Test-only code (tests, src/test, the fault suite, the hostile-input generator) is left out of the build ' +
        '(tsconfig.build.json): the app, the scripts and the benchmarks must not import it.',
      from: { path: '^src/', pathNot: TEST_ONLY },
      to: { path: TEST_ONLY },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports (erased by tsc) are part of the graph: a cycle through types is still a layering cycle.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
