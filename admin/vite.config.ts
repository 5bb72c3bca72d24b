import { defineConfig } from 'vite';

// The API (`npm run dev` at the root, port 4000) serves GraphQL, sign-in and the REST routes;
// the dev server proxies them so the session cookie stays same-origin, as in production.
const api = process.env.SCHAKEL_API_URL ?? 'http://localhost:4000';

export default defineConfig({
  base: '/',
  // esbuild's automatic JSX runtime; no React plugin (a change reloads the page).
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    sourcemap: true,
    chunkSizeWarningLimit: 1000,
    rollupOptions: {
      onwarn(warning, warn) {
        // React Router marks its modules "use client" (for server components); harmless here.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' || (warning.code === 'SOURCEMAP_ERROR' && /use client/.test(warning.message))) return;
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
});
