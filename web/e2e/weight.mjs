// The weight of the gate page (issue 15, item 2) and 导航 (item 3):
// a rider's first load of /m/CODE (no cache, no service worker) is measured in bytes on the wire
// (CDP Network.loadingFinished encodedDataLength: compressed bodies plus headers, base-map tiles
// included: they are part of showing the map) once the map is shown and once the route to a typed
// address is shown, and printed beside the goal of 50 KB; the same story on DevTools' Slow-3G
// profile (2 s latency, 50 kB/s) is timed and printed beside the goal of 5 s. Asserted: the page
// is one document (its code and styles inside the HTML, m.html), the address is routed in one
// call, nothing leaves this server, the service worker keeps the page so it reloads offline; the
// budgets are printed beside what was measured; the 50 KB (a count of bytes) is asserted, the 5 s
// (a time, which a loaded machine stretches) is a goal for the measurement and only printed.
// Then the 导航 menu on the compound's header and on a place's page links to 高德, 百度 and 腾讯.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiIn } from './page_api.mjs';

const PHONE_360 = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const BUDGET_BYTES = 50 * 1024;
const BUDGET_MS = 5000;
// DevTools' "Slow 3G" preset.
const SLOW_3G = { offline: false, latency: 2000, downloadThroughput: (500 * 1000) / 8 * 0.8, uploadThroughput: (500 * 1000) / 8 * 0.8 };
const NEAR_HUAQING = { lat: '39.99175', lon: '116.3287' };
// The drawn map of 华清嘉园 the maps suite imports when the demo data has no buildings on it.
const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'huaqing-map.geojson');

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Waits until the meter has not moved for half a second (the last responses finished). */
async function quiet(m) {
  let last = -1;
  for (let i = 0; i < 40 && m.total() !== last; i += 1) {
    last = m.total();
    await sleep(500);
  }
  return last;
}

/** Counts bytes on the wire per URL for `page` through its own CDP session. */
async function meter(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const urls = new Map();
  const bytes = new Map();
  const sent = new Map();
  const done = new Map();
  cdp.on('Network.requestWillBeSent', (e) => {
    urls.set(e.requestId, e.request.url);
    sent.set(e.requestId, e.timestamp);
  });
  cdp.on('Network.loadingFinished', (e) => {
    bytes.set(e.requestId, e.encodedDataLength);
    done.set(e.requestId, e.timestamp);
  });
  return {
    cdp,
    total: () => [...bytes.values()].reduce((a, b) => a + b, 0),
    /** Each request's start and end in ms after the first request, in the order they started. */
    timeline: () => {
      const first = Math.min(...sent.values());
      return [...sent.entries()]
        .sort((a, b) => a[1] - b[1])
        .map(([id, at]) => ({ url: urls.get(id), from: Math.round((at - first) * 1000), to: done.has(id) ? Math.round((done.get(id) - first) * 1000) : null, bytes: bytes.get(id) ?? 0 }));
    },
    rows: () =>
      [...bytes.entries()]
        .map(([id, n]) => ({ url: urls.get(id) ?? id, bytes: n }))
        .sort((a, b) => b.bytes - a.bytes),
  };
}

const isTile = (url) => new URL(url).pathname.startsWith('/tiles/');

export async function weightSuite(ctx) {
  const { base, test, newPage, closePage, screenshot, text, loginViaForm } = ctx;

  const getJson = async (url) => {
    const response = await fetch(`${base}${url}`);
    return { status: response.status, body: await response.json().catch(() => null) };
  };
  const path = (url) => url.replace(base, '');

  // 华清嘉园 and an address on its map, as a rider would type it (an entrance, else a building).
  let code = null;
  let doc = null;
  let query = '';
  await test('weight: 华清嘉园 and an address on its map', async () => {
    const parsed = await getJson(`/api/v1/address/parse?q=${encodeURIComponent('华清嘉园')}`);
    assert.equal(parsed.status, 200);
    assert.ok(parsed.body.compound, 'the parser knows 华清嘉园');
    code = parsed.body.compound.code;
    let map = await getJson(`/api/v1/compounds/${code}/map`);
    assert.equal(map.status, 200);
    if (!map.body.features.some((f) => f.properties?.kind === 'building' && f.properties.number)) {
      // What OpenStreetMap has of it lacks numbered buildings: staff draw them (here, as in the maps
      // suite, the same drawn map is imported), so the route to a typed address is weighed too.
      const page = await newPage(PHONE_360);
      await loginViaForm(page, 'demo-community');
      const put = await apiIn(page, 'PUT', `/api/v1/compounds/${code}/map?base_version=${map.body.version ?? 0}`, JSON.parse(readFileSync(FIXTURE, 'utf8')));
      assert.equal(put.status, 200, `PUT the drawn map: ${JSON.stringify(put.body).slice(0, 200)}`);
      await closePage(page);
      map = await getJson(`/api/v1/compounds/${code}/map`);
    }
    doc = map.body;
    const of = (kind) => doc.features.filter((f) => f.properties?.kind === kind);
    const buildings = new Map(of('building').map((b) => [Number(b.id ?? b.properties.id), b]));
    const entrance = of('entrance').find((e) => e.properties.number && buildings.get(Number(e.properties.building_id))?.properties.number);
    if (entrance) {
      const b = buildings.get(Number(entrance.properties.building_id)).properties;
      query = `${b.section ?? ''}${b.number}栋${entrance.properties.number}单元1102`;
    } else {
      const b = of('building').find((x) => x.properties.number)?.properties;
      if (b) query = `${b.section ?? ''}${b.number}号楼`;
    }
    if (!query) console.log('      (no numbered building on the map: the route part is skipped)');
  });

  await test('weight: first load of /m/CODE — bytes on the wire to the map and to the route (goal 50 KB)', async () => {
    assert.ok(code, 'compound found');
    const page = await newPage(PHONE_360);
    const m = await meter(page);
    const outside = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(base) && !r.url().startsWith('data:')) outside.push(r.url());
    });
    const response = await page.goto(`${base}/m/${code}`);
    await page.locator('[data-testid="map"][data-ready="true"]').waitFor();
    await page.waitForLoadState('networkidle');
    const toMap = await quiet(m);
    const mapRows = m.rows();
    let toRoute = null;
    let routeCalls = [];
    if (query) {
      const calls = [];
      page.on('request', (r) => {
        // The calls that find the way; a step's photo (a gate staff photographed) is shown, not asked for the route.
        if (r.url().includes('/api/') && !r.url().includes('/api/v1/map-media/')) calls.push(path(r.url()));
      });
      await page.getByTestId('map-search').fill(query);
      await page.getByTestId('map-search-submit').click();
      await page.getByTestId('route-steps').waitFor();
      toRoute = await quiet(m);
      routeCalls = calls;
    }
    assert.ok(toMap > 0, 'bytes were counted');
    assert.deepEqual(outside, [], 'nothing but this server');
    // One document: the page's code and styles are inside it (m.html), nothing else of the app.
    assert.match(response.headers()['content-type'] ?? '', /text\/html/);
    const files = mapRows.filter((row) => /\.(js|css)(\?|$)/.test(new URL(row.url).pathname)).map((row) => path(row.url));
    assert.deepEqual(files, [], 'no script or style file besides the document');
    if (query) assert.deepEqual(routeCalls.map((u) => u.split('?')[0]), [`/api/v1/compounds/${code}/route`], `the typed address is routed in one call: ${routeCalls}`);
    const tiles = mapRows.filter((row) => isTile(row.url));
    const tileBytes = tiles.reduce((n, row) => n + row.bytes, 0);
    const docBytes = mapRows.find((row) => path(row.url).startsWith(`/m/${code}`))?.bytes ?? 0;
    console.log(`      first load to the map:   ${kb(toMap)} (goal ${kb(BUDGET_BYTES)}: ${toMap <= BUDGET_BYTES ? 'met' : `over by ${kb(toMap - BUDGET_BYTES)}`}); the document ${kb(docBytes)}, ${tiles.length} base-map tiles ${kb(tileBytes)}`);
    if (toRoute != null) {
      console.log(`      first load to the route: ${kb(toRoute)} (goal ${kb(BUDGET_BYTES)}: ${toRoute <= BUDGET_BYTES ? 'met' : `over by ${kb(toRoute - BUDGET_BYTES)}`})`);
    }
    for (const row of m.rows().slice(0, 10)) console.log(`        ${kb(row.bytes).padStart(9)}  ${path(row.url).slice(0, 90)}`);
    assert.ok(toMap <= BUDGET_BYTES, `first load to the map: ${kb(toMap)} > ${kb(BUDGET_BYTES)}`);
    if (toRoute != null) assert.ok(toRoute <= BUDGET_BYTES, `first load to the route: ${kb(toRoute)} > ${kb(BUDGET_BYTES)}`);
    await m.cdp.detach();
    await closePage(page);
  });

  await test('weight: on Slow 3G, the time from opening /m/CODE to the route to a typed address (goal 5 s)', async () => {
    assert.ok(code, 'compound found');
    const page = await newPage(PHONE_360);
    page.setDefaultTimeout(180_000);
    const m = await meter(page);
    await m.cdp.send('Network.emulateNetworkConditions', SLOW_3G);
    // When things appear, by the page's own clock (ms since the navigation started): a
    // Playwright wait polls every 500 ms once it has waited a while, which would add up to half a
    // second to what is measured and to when the "rider" starts typing.
    await page.addInitScript(() => {
      const seen = {};
      window.__seen = seen;
      const look = () => {
        for (const id of ['map-search', 'route-steps']) if (!seen[id] && document.querySelector(`[data-testid="${id}"]`)) seen[id] = Math.round(performance.now());
        if (!seen.map && document.querySelector('[data-testid="map"][data-ready="true"]')) seen.map = Math.round(performance.now());
      };
      new MutationObserver(look).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-ready'] });
    });
    const appears = (selector) => page.waitForFunction((s) => !!document.querySelector(s), selector, { polling: 'raf', timeout: 180_000 });
    await page.goto(`${base}/m/${code}`, { timeout: 180_000, waitUntil: 'commit' });
    // The rider types as soon as there is a field to type in (the map may still be on its way).
    await appears('[data-testid="map-search"]');
    if (query) {
      // Typed and sent with the keyboard's search key (the field's enterkeyhint), as on a phone.
      await page.getByTestId('map-search').fill(query);
      await page.getByTestId('map-search').press('Enter');
      await appears('[data-testid="route-steps"]');
    }
    await appears('[data-testid="map"][data-ready="true"]');
    const seen = await page.evaluate(() => window.__seen);
    const routeAt = query ? seen['route-steps'] : null;
    if (query) {
      // The route is drawn on the map once both are there.
      await page.locator('path.mr-leg').first().waitFor();
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, 'weight-slow3g-route');
    }
    console.log(`      Slow 3G: search field at ${seen['map-search']} ms, map at ${seen.map} ms, route ${routeAt == null ? 'not tried' : `at ${routeAt} ms`} (goal ${BUDGET_MS} ms: ${routeAt != null && routeAt <= BUDGET_MS ? 'met' : 'not met'}), ${kb(m.total())} on the wire`);
    for (const row of m.timeline().slice(0, 12)) console.log(`        ${String(row.from).padStart(6)} → ${String(row.to ?? '…').padStart(6)} ms ${kb(row.bytes).padStart(9)}  ${path(row.url).slice(0, 80)}`);
    // A time is a goal for a measurement, not a timed test (a loaded CI machine is slower): printed, and
    // the route must arrive at all.
    if (query) assert.ok(routeAt != null, 'the route arrived on Slow 3G');
    await m.cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await m.cdp.detach();
    await closePage(page);
  });

  await test('weight: the service worker keeps what /m/CODE used (not the whole app on a metered link), and the page reloads offline', async () => {
    assert.ok(code, 'compound found');
    const page = await newPage(PHONE_360);
    await page.goto(`${base}/m/${code}`);
    await page.locator('[data-testid="map"][data-ready="true"]').waitFor();
    // Controlled only once the page and the files it loaded are kept (see web/sw.js).
    await page.waitForFunction(() => !!navigator.serviceWorker?.controller, null, { timeout: 30_000 });
    const used = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => new URL(e.name))
        .filter((u) => u.origin === location.origin && u.pathname.startsWith('/assets/'))
        .map((u) => u.pathname),
    );
    const cached = await page.evaluate(async () => {
      const names = (await caches.keys()).filter((n) => n.startsWith('youhao-shell-'));
      const out = [];
      for (const name of names) for (const r of await (await caches.open(name)).keys()) out.push(new URL(r.url).pathname);
      return out;
    });
    // The page's code is inside its document: keeping the document is keeping the page.
    assert.ok(cached.includes('/m.html'), `the gate page is kept (${cached.join(', ')})`);
    for (const file of used) assert.ok(cached.includes(file), `${file} is kept`);
    const sw = await (await fetch(`${base}/sw.js`)).text();
    const all = JSON.parse(/const ASSETS = (\[.*\]);/.exec(sw)?.[1] ?? '[]');
    const shell = JSON.parse(/const SHELL = (\[.*\]);/.exec(sw)?.[1] ?? '[]');
    assert.ok(shell.length > 0 && shell.length < all.length, `the shell (${shell.length} files) is a part of the app (${all.length} files)`);
    const link = await page.evaluate(() => {
      const c = navigator.connection;
      return c ? `type=${c.type ?? 'unknown'} effectiveType=${c.effectiveType} saveData=${c.saveData}` : 'no Network Information API';
    });
    console.log(`      service worker: the app's shell is ${shell.length} files; /m/CODE used ${used.length} files besides its document; ${cached.length} kept of ${all.length} (${link}; the rest is fetched only on Wi-Fi or an unmetered 4g link)`);

    await page.context().setOffline(true);
    await page.reload();
    await page.locator('[data-testid="map"][data-ready="true"]').waitFor();
    assert.match(await text(page.getByTestId('map-compound-name')), /华清嘉园/);
    await screenshot(page, 'weight-offline-map');
    await page.context().setOffline(false);
    await closePage(page);
  });

  // 导航: each link at the destination shifted to GCJ-02 (a few hundred metres from WGS-84 in Beijing).
  const checkLinks = async (page, testid, lat, lon) => {
    await page.getByTestId(`${testid}-button`).click();
    const box = await page.getByTestId(`${testid}-button`).boundingBox();
    assert.ok(box.height >= 44, `${testid} button is ${box.height}px tall`);
    const hrefs = {};
    for (const app of ['amap', 'baidu', 'tencent']) {
      const link = page.getByTestId(`${testid}-${app}`);
      assert.ok(await link.isVisible(), `${app} offered`);
      const linkBox = await link.boundingBox();
      assert.ok(linkBox.height >= 44, `${app} link is ${linkBox.height}px tall`);
      hrefs[app] = new URL(await link.getAttribute('href'));
    }
    const near = (a, b) => Math.abs(a - b) < 0.01 && Math.abs(a - b) > 0.0001;
    const [aLon, aLat] = hrefs.amap.searchParams.get('position').split(',').map(Number);
    assert.equal(hrefs.amap.host, 'uri.amap.com');
    assert.equal(hrefs.amap.searchParams.get('coordinate'), 'gaode');
    assert.ok(near(aLat, lat) && near(aLon, lon), `高德 at GCJ-02 ${aLat},${aLon} near WGS-84 ${lat},${lon}`);
    const [bLat, bLon] = hrefs.baidu.searchParams.get('location').split(',').map(Number);
    assert.equal(hrefs.baidu.host, 'api.map.baidu.com');
    assert.equal(hrefs.baidu.searchParams.get('coord_type'), 'gcj02');
    assert.deepEqual([bLat, bLon], [aLat, aLon], '百度 at the same GCJ-02 point');
    assert.equal(hrefs.tencent.host, 'apis.map.qq.com');
    assert.match(hrefs.tencent.searchParams.get('marker'), new RegExp(`^coord:${aLat.toFixed(6)},${aLon.toFixed(6)};title:`));
    return hrefs;
  };

  await test('weight: 导航 on the compound’s header offers 高德, 百度 and 腾讯 at the compound', async () => {
    assert.ok(doc, 'map loaded');
    const c = doc.compound;
    const lat = c.lat ?? (doc.bbox[1] + doc.bbox[3]) / 2;
    const lon = c.lon ?? (doc.bbox[0] + doc.bbox[2]) / 2;
    const page = await newPage(PHONE_360);
    await page.goto(`${base}/m/${code}`);
    await page.locator('[data-testid="map"][data-ready="true"]').waitFor();
    const hrefs = await checkLinks(page, 'map-navigate', lat, lon);
    assert.equal(hrefs.amap.searchParams.get('name'), c.name);
    await screenshot(page, 'weight-navigate-compound');
    await closePage(page);
  });

  await test('weight: 导航 on a place’s page offers 高德, 百度 and 腾讯 at the place', async () => {
    const nearby = await getJson(`/api/v1/places/nearby?${new URLSearchParams({ ...NEAR_HUAQING, limit: '5' })}`);
    assert.equal(nearby.status, 200);
    const place = nearby.body.places?.[0];
    assert.ok(place, 'a place near 华清嘉园');
    const page = await newPage(PHONE_360);
    await page.goto(`${base}/p/${place.id}`);
    await page.getByTestId('place-navigate').waitFor();
    const hrefs = await checkLinks(page, 'place-navigate', place.lat, place.lon);
    assert.equal(hrefs.baidu.searchParams.get('title'), place.name);
    await screenshot(page, 'weight-navigate-place', { fullPage: true });
    await closePage(page);
  });
}
