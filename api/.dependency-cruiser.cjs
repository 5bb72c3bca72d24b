/**
 * Layering check for api/src (npm run lint:deps -w api). See docs/architecture.md.
 *
 * Three layers:
 * - the kernel: everything in src outside modules/ (config, context, logging, auth/, common/, db/,
 *   graphql/, http/, ops/, app.ts). It imports no feature: it builds the data source, the schema,
 *   the request context, the REST mounting, the migrations and the start-up from the list of
 *   features it is handed (common/feature.ts, FeatureModule).
 * - the features: src/modules/<feature>/. Each one shows the others its public face, index.ts, and
 *   its entities (*.entity.ts, the shared data model), and nothing else; its registration,
 *   <feature>.module.ts, is for the composition root only.
 * - the composition root: src/features.ts, the one list of features, read by main.ts, the scripts,
 *   the benchmarks and the test helpers, which hand it to the kernel. main.ts's demo data
 *   (demo-data.ts: the Amersfoort seed or the benchmark generator's synthetic world) sits beside it.
 * Everywhere: no import cycles, and no test code in what is built.
 * @type {import('dependency-cruiser').IConfiguration}
 */
/** Test-only code; keep in step with the `exclude` of tsconfig.build.json. */
const TEST_ONLY = ['[.]test[.]ts$', '^src/test/', '^src/ops/faults/', '^src/graphql/hostile-input[.]generator[.]ts$'];
/** Outside the kernel: the features, the composition root and what runs it (the entry point, scripts, benchmarks). */
const NOT_KERNEL = ['^src/modules/', '^src/features[.]ts$', '^src/main[.]ts$', '^src/demo-data[.]ts$', '^src/scripts/', '^src/bench/'];

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
    {
      name: 'kernel-imports-no-feature',
      severity: 'error',
      comment:
        'The kernel (src outside modules/: context, auth, common, db, graphql, http, ops, app.ts) knows no feature: ' +
        'it is handed the features (FeatureModule, common/feature.ts) by the composition root (features.ts), so a ' +
        'feature is added or removed without touching it, and no feature can be reached around its public face. ' +
        'Test code of the kernel may use features (it tests the kernel on the real app).',
      from: { path: '^src/', pathNot: [...NOT_KERNEL, ...TEST_ONLY] },
      to: { path: ['^src/modules/', '^src/features[.]ts$'] },
    },
    {
      name: 'feature-through-public-face',
      severity: 'error',
      comment:
        'A feature uses another only through its public face, modules/<feature>/index.ts, so what it shares is one ' +
        'list its owner decides. Entities are the exception: they are the shared data model, TypeORM relations ' +
        'cross features (a service belongs to an organisation, a referral to a network), and behind barrels the ' +
        'entity files would import each other through index files that import services, an import cycle. The ' +
        'resolvers and the <feature>.module.ts registration are for the composition root (features.ts) only. ' +
        'Tests may reach into the files they test.',
      from: { path: '^src/modules/([^/]+)/', pathNot: TEST_ONLY },
      to: {
        path: '^src/modules/([^/]+)/',
        pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index[.]ts$', '^src/modules/[^/]+/[^/]+[.]entity[.]ts$'],
      },
    },
    {
      name: 'composition-through-public-face',
      severity: 'error',
      comment:
        'The entry point, the scripts and the benchmarks are outside the features, so they use them as features ' +
        'do: through index.ts and the entities. Only features.ts lists the <feature>.module.ts registrations.',
      from: { path: ['^src/main[.]ts$', '^src/demo-data[.]ts$', '^src/scripts/', '^src/bench/'] },
      to: {
        path: '^src/modules/',
        pathNot: ['^src/modules/[^/]+/index[.]ts$', '^src/modules/[^/]+/[^/]+[.]entity[.]ts$'],
      },
    },
    {
      name: 'modules-composed-by-features-list',
      severity: 'error',
      comment: 'A <feature>.module.ts registration is read by the one list of features (features.ts), nowhere else.',
      from: { pathNot: '^src/features[.]ts$' },
      to: { path: '^src/modules/[^/]+/[^/]+[.]module[.]ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports (erased by tsc) are part of the graph: a cycle through types is still a layering cycle.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
