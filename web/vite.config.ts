import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The custom RPC definitions are imported from scripts/polkadot-js/lineage-rpc.json (one copy for
// the @polkadot/api check and this app); the dev server may read files up to the repository root.
const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  // Relative asset paths: dist/ works from any directory or path prefix.
  base: './',
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    // @polkadot/util-crypto bundles its WebAssembly as a large module; nothing is loaded from a CDN.
    chunkSizeWarningLimit: 2500,
    rollupOptions: {
      onwarn(warning, warn) {
        // @polkadot/x-global has a /*#__PURE__*/ annotation Rollup drops, harmlessly.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('@polkadot')) return;
        warn(warning);
      },
    },
  },
  server: {
    fs: { allow: [repositoryRoot] },
  },
  preview: {
    host: '127.0.0.1',
  },
});
