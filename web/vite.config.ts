/// <reference types="vitest/config" />
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes `X.gz` (gzip level 9) beside every file in dist larger than 1 KiB.
 * The youhao server sends `X.gz` when the client accepts gzip.
 */
function gzipSiblings(): Plugin {
  let outDir = 'dist';
  return {
    name: 'youhao-gzip-siblings',
    apply: 'build',
    configResolved(config) {
      outDir = join(config.root, config.build.outDir);
    },
    closeBundle() {
      const walk = (dir: string): void => {
        for (const name of readdirSync(dir)) {
          const path = join(dir, name);
          const info = statSync(path);
          if (info.isDirectory()) walk(path);
          else if (!name.endsWith('.gz') && info.size > 1024) {
            writeFileSync(`${path}.gz`, gzipSync(readFileSync(path), { level: constants.Z_BEST_COMPRESSION }));
          }
        }
      };
      walk(outDir);
    },
  };
}

/**
 * Emits `sw.js`: the service worker in web/sw.js with the build's VERSION, SHELL (what index.html
 * loads first) and ASSETS (every emitted file plus the app shell) prepended, so each build installs a new worker with a fresh cache.
 */
function serviceWorker(): Plugin {
  return {
    name: 'youhao-service-worker',
    apply: 'build',
    // After Vite has dropped the empty JS of CSS-only chunks (CSS shared by lazy pages), so that
    // the list holds only files that exist: one 404 makes the worker's install fail.
    enforce: 'post',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((name) => name !== 'index.html' && !name.endsWith('.map'));
      const assets = ['/', '/favicon.svg', ...files.map((name) => `/${name}`)];
      // The shell: what index.html loads before any page's own chunk (the entry chunks, their static
      // imports and their CSS). Lazy pages' chunks are kept when a page first uses them.
      const shell = new Set<string>();
      const visit = (name: string): void => {
        const item = bundle[name];
        if (!item || shell.has(name)) return;
        shell.add(name);
        if (item.type !== 'chunk') return;
        for (const imported of item.imports) visit(imported);
        for (const css of item.viteMetadata?.importedCss ?? []) shell.add(css);
      };
      for (const [name, item] of Object.entries(bundle)) if (item.type === 'chunk' && item.isEntry) visit(name);
      const shellUrls = ['/', '/favicon.svg', ...[...shell].map((name) => `/${name}`)];
      const version = createHash('sha256').update(assets.join('\n')).digest('hex').slice(0, 12);
      const source = readFileSync(new URL('./sw.js', import.meta.url), 'utf8');
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: `const VERSION = ${JSON.stringify(version)};\nconst SHELL = ${JSON.stringify(shellUrls)};\nconst ASSETS = ${JSON.stringify(assets)};\n${source}`,
      });
    },
  };
}

// `npm run dev` proxies the API to a running server (YOUHAO_API, default http://127.0.0.1:8080).
const api = process.env.YOUHAO_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/',
  resolve: {
    // Leaflet's ES module build (its package.json points at the UMD one).
    alias: [{ find: /^leaflet$/, replacement: 'leaflet/dist/leaflet-src.esm.js' }],
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    sourcemap: false,
    // The coverage view's ECharts chunk (~540 kB, ~185 kB gzip) is loaded by that view alone.
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/healthz': { target: api },
    },
  },
  plugins: [serviceWorker(), gzipSiblings()],
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
