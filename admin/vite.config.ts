import { defineConfig } from 'vite';

// No React plugin: esbuild's automatic JSX runtime is enough for this placeholder.
export default defineConfig({
  base: '/',
  esbuild: { jsx: 'automatic' },
  build: { outDir: 'dist' },
  server: {
    port: 5173,
    proxy: { '/graphql': 'http://localhost:4000' },
  },
});
