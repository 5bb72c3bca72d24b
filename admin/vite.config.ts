import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';
import { firstTexts } from './build/first-texts';
import { graphqlDocuments } from './build/graphql-documents';
import { treeShakeableComponents } from './build/tree-shakeable-components';

// The API (`npm run dev` at the root, port 4000) serves GraphQL, sign-in and the REST routes;
// the dev server proxies them so the session cookie stays same-origin, as in production.
const api = process.env.SCHAKEL_API_URL ?? 'http://localhost:4000';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig(({ command }) => ({
  base: '/',
  plugins: [graphqlDocuments(root), treeShakeableComponents(), firstTexts(root)],
  // rxjs (Apollo Client's observables) ships native classes under the `es2015` condition; without
  // it Vite takes its ES5 build with tslib's helpers, several kB more in the first download.
  resolve: {
    conditions: ['es2015', ...defaultClientConditions],
    alias: [
      // i18next and react-i18next: the parts this app uses, src/i18n/runtime.ts (also tsconfig.json's paths).
      { find: /^(react-)?i18next$/, replacement: fileURLToPath(new URL('./src/i18n/runtime.ts', import.meta.url)) },
      // React Router's package exports only its development build (warnings and invariant texts
      // kept); it ships the same code built for production beside it. In the build, take that one.
      ...(command === 'build' ? [{ find: /^react-router$/, replacement: createRequire(import.meta.url).resolve('react-router').replace(/development([\\/])index\.m?js$/, 'production$1index.mjs') }] : []),
    ],
  },
  // esbuild's automatic JSX runtime; no React plugin (a change reloads the page).
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    sourcemap: true,
    chunkSizeWarningLimit: 1000,
    // The first-load check (scripts/check-first-load.mjs) reads which chunks index.html loads from the manifest.
    manifest: true,
    rollupOptions: {
      onwarn(warning, warn) {
        // React Router marks its modules "use client" (for server components); harmless here, and so is
        // Rollup failing to map that warning back through React Router's own source map.
        const fromReactRouter = /node_modules[\\/]react-router[\\/]/.test(`${warning.id ?? ''} ${warning.message}`);
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' || (warning.code === 'SOURCEMAP_ERROR' && (fromReactRouter || /use client/.test(warning.message)))) return;
        warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/graphql': api,
      '/auth': api,
      '/csv': api,
      '/hsds': api,
      '/imports': api,
      '/reports': api,
      '/healthz': api,
    },
  },
}));
