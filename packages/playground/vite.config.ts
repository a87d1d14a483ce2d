/**
 * The playground's static site: `vite` serves it (npm run playground), `vite build` writes dist/
 * (npm run build:playground). The mlgeo packages are bundled from their src/ (the `@mlgeo/source`
 * export condition), relative asset paths (`base: './'`) let dist/ be served from any directory,
 * and the workers are ES modules.
 */
import { defaultClientConditions, defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  resolve: { conditions: ['@mlgeo/source', ...defaultClientConditions] },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2048,
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
