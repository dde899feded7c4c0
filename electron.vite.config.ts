import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          // The core runs in its own worker thread; it is a second entry of the main build.
          'core-worker': resolve(__dirname, 'electron/core/runtime/worker.ts'),
          // The sync engine runs in a thread of its own, started by the core worker.
          'sync-worker': resolve(__dirname, 'electron/core/runtime/sync-worker.ts'),
          // The demo workspace's reference platform runs in a worker thread of its own.
          'demo-platform-worker': resolve(__dirname, 'electron/host/demo-platform-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot be an ES module: emit CommonJS with everything bundled in.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      emptyOutDir: true,
      // electron-vite leaves the renderer unminified by default; minified it is about a third.
      minify: true,
      chunkSizeWarningLimit: 900,
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
