import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // The diff worker is its own entry: core starts it as a worker thread (src/core/compare/diffPool.ts).
        input: { index: resolve('src/main/index.ts'), playground: resolve('src/playground/cli.ts'), cli: resolve('src/cli/parley.ts'), diffWorker: resolve('src/core/compare/diffWorker.ts') }
      }
    }
  },
  preload: {
    build: {
      // A sandboxed preload cannot require() node_modules: bundle everything into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve('src/renderer'),
    build: {
      // electron-vite leaves bundles unminified; the window's first load is a page load like any other.
      minify: true,
      rollupOptions: { input: resolve('src/renderer/index.html') }
    },
    plugins: [react()]
  }
})
