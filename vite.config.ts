/**
 * Plain web build of the renderer (the e2e target and `dev:web`): the same
 * renderer/index.html the Electron build uses, with the browser HostBridge chosen
 * at run time because no preload global is present.
 */
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// React Refresh injects an inline preamble in dev only; the built app keeps the strict CSP.
const devCsp = (): Plugin => ({
  name: 'headroom-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
});

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react(), devCsp()],
  worker: { format: 'es' },
  server: { fs: { allow: [fileURLToPath(new URL('.', import.meta.url))] } },
  build: {
    outDir: fileURLToPath(new URL('./out/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
});
