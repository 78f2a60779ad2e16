/// <reference types="vitest/config" />
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/** The light gate page's HTML, built apart from the app (see `environments` below). */
const GATE_HTML = 'm.html';

/**
 * Writes `X.gz` (gzip level 9) and `X.br` (brotli quality 11) beside every file in dist larger
 * than 1 KiB, after the last build. The youhao server sends `X.br` to a client that accepts br
 * and `X.gz` to one that accepts gzip (brotli: the gate page is about 15 % smaller on the wire).
 */
function compressedSiblings(): Plugin {
  let outDir = 'dist';
  return {
    name: 'youhao-compressed-siblings',
    apply: 'build',
    // The last build: the app's files are there by then, and m.html has its code inside.
    applyToEnvironment: (environment) => environment.name === 'gate',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const name of filesUnder(outDir)) {
        const path = join(outDir, name);
        const content = readFileSync(path);
        if (content.length <= 1024) continue;
        writeFileSync(`${path}.gz`, gzipSync(content, { level: constants.Z_BEST_COMPRESSION }));
        writeFileSync(`${path}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } }));
      }
    },
  };
}

/** Every file under `dir` (paths relative to it, with "/"), compressed siblings left out. */
function filesUnder(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, `${prefix}${name}/`));
    else if (!name.endsWith('.gz') && !name.endsWith('.br')) out.push(`${prefix}${name}`);
  }
  return out;
}

/**
 * Writes `dist/sw.js` once both pages are built: the service worker in web/sw.js with VERSION,
 * SHELL (what index.html loads first: its entry script, the module preloads and the styles it
 * names) and ASSETS (every built file and the app shell) prepended, so each build installs a new
 * worker with a fresh cache. The gate page (m.html) needs nothing else: its code is inside it.
 */
function serviceWorker(): Plugin {
  let outDir = 'dist';
  return {
    name: 'youhao-service-worker',
    apply: 'build',
    applyToEnvironment: (environment) => environment.name === 'gate',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    writeBundle() {
      const files = filesUnder(outDir).filter((name) => name !== 'index.html' && name !== 'sw.js' && !name.endsWith('.map'));
      const assets = ['/', ...files.map((name) => `/${name}`)];
      const index = readFileSync(join(outDir, 'index.html'), 'utf8');
      const named = [...index.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
      const shellUrls = ['/', '/favicon.svg', ...new Set(named)];
      // A new page (its code is inside m.html) is a new worker too.
      const version = createHash('sha256')
        .update(assets.join('\n'))
        .update(readFileSync(join(outDir, GATE_HTML)))
        .digest('hex')
        .slice(0, 12);
      const source = readFileSync(new URL('./sw.js', import.meta.url), 'utf8');
      writeFileSync(
        join(outDir, 'sw.js'),
        `const VERSION = ${JSON.stringify(version)};\nconst SHELL = ${JSON.stringify(shellUrls)};\nconst ASSETS = ${JSON.stringify(assets)};\nconst GATE_PAGE = ${JSON.stringify(`/${GATE_HTML}`)};\n${source}`,
      );
    },
  };
}

/**
 * Puts the gate page's script and styles inside m.html (one request for the page, which matters
 * when each request waits 2 s on a slow link) and drops their files from the build. The gate
 * build has one chunk (no dynamic imports), so nothing else refers to them.
 */
function inlineGatePage(): Plugin {
  return {
    name: 'youhao-inline-gate-page',
    apply: 'build',
    enforce: 'post',
    applyToEnvironment: (environment) => environment.name === 'gate',
    generateBundle(_options, bundle) {
      const page = bundle[GATE_HTML];
      if (!page || page.type !== 'asset') this.error(`${GATE_HTML} is missing from the gate build`);
      const take = (name: string): string => {
        const item = bundle[name];
        if (!item) this.error(`${GATE_HTML} names ${name}, which the build does not have`);
        delete bundle[name];
        return item.type === 'chunk' ? item.code : String(item.source);
      };
      const html = String(page.source)
        .replace(/<script type="module"[^>]*? src="\/([^"]+)"[^>]*><\/script>/g, (_whole, name: string) => {
          // "</script" would end the script early ("<\/script" is the same text to JavaScript); an
          // HTML comment opener would change how the parser reads the rest, so none may be there.
          const code = take(name).replace(/<\/(script)/gi, '<\\/$1');
          if (code.includes('<!--')) this.error(`the gate page's script holds "<!--", which cannot go inside its HTML`);
          return `<script type="module">${code}</script>`;
        })
        .replace(/<link rel="stylesheet"[^>]*? href="\/([^"]+)"[^>]*>/g, (_whole, name: string) => `<style>${take(name).replace(/<\/(style)/gi, '<\\/$1')}</style>`);
      if (/(?:src|href)="\/assets\//.test(html)) this.error(`${GATE_HTML} still loads files from /assets/: ${html.match(/(?:src|href)="\/assets\/[^"]+"/g)}`);
      page.source = html;
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
  // Two builds into dist: the app (index.html), then the light gate page (m.html, what a poster's
  // QR code opens), which shares no chunk with the app so that all of it fits inside its HTML.
  environments: {
    client: {},
    gate: {
      consumer: 'client',
      build: {
        emptyOutDir: false,
        modulePreload: false,
        rolldownOptions: { input: { m: fileURLToPath(new URL(`./${GATE_HTML}`, import.meta.url)) }, output: { codeSplitting: false } },
      },
    },
  },
  builder: {
    async buildApp(builder) {
      await builder.build(builder.environments.client!);
      await builder.build(builder.environments.gate!);
    },
  },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/healthz': { target: api },
    },
  },
  // In this order: the gate page inlined, then the worker written, then every file compressed.
  plugins: [inlineGatePage(), serviceWorker(), compressedSiblings()],
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
