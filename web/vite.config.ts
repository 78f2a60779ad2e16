/// <reference types="vitest/config" />
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

// `npm run dev` proxies the API to a running server (YOUHAO_API, default http://127.0.0.1:8080).
const api = process.env.YOUHAO_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    sourcemap: false,
  },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/healthz': { target: api },
    },
  },
  plugins: [gzipSiblings()],
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
