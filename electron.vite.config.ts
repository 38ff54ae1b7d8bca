/**
 * electron-vite build of the desktop app: main (ESM, as package.json is "type":
 * "module"), the preload forced to CommonJS (sandboxed renderers cannot load ESM
 * preloads), and the renderer from renderer/index.html. Output goes to out/, the only
 * folder electron-builder packs. The web build has its own vite.config.ts.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

const root = import.meta.dirname;

// React Refresh injects an inline preamble under the dev server only; built files keep
// the strict policy (the same relaxation the web build's vite.config.ts makes).
const devCsp = (): Plugin => ({
  name: 'headroom-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
});

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      lib: { entry: resolve(root, 'main/index.ts'), formats: ['es'] },
      sourcemap: true,
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      lib: { entry: resolve(root, 'main/preload/index.ts'), formats: ['cjs'], fileName: () => 'index.cjs' },
      // One self-contained file: a sandboxed preload can require only a few built-ins.
      externalizeDeps: false,
      sourcemap: true,
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), devCsp()],
    // The renderer imports simulation/, outside its root.
    server: { fs: { allow: [root] } },
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: resolve(root, 'renderer/index.html') },
      chunkSizeWarningLimit: 2000,
    },
    worker: { format: 'es' },
  },
});
