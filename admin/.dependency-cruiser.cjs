/**
 * Import check for admin/src (npm run lint:deps -w admin). See docs/architecture.md.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Import cycles make module load order decide behaviour (a binding read before its module ran is undefined). ' +
        'Type-only imports count too: a cycle through types still ties the modules together.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-page-internals-across-pages',
      severity: 'error',
      comment:
        'A page folder (pages/<name>/) uses what is shared (components/, lib/, auth/, gql/, i18n/, the styles), ' +
        "never another page folder's files: what two pages need belongs in lib/ or components/.",
      from: { path: '^src/pages/([^/]+)/' },
      to: { path: '^src/pages/', pathNot: '^src/pages/$1/' },
    },
    {
      name: 'shared-code-does-not-import-pages',
      severity: 'error',
      comment: 'components/, lib/ and auth/ are below the pages; only App.tsx composes the pages into routes.',
      from: { path: '^src/(components|lib|auth)/' },
      to: { path: '^src/pages/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
