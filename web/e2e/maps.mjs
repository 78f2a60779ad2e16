// Compound maps end to end (docs/maps.md), called from e2e/run.mjs:
// a rider opens 华清嘉园's map page from the poster without logging in, types an address and gets
// the route and its steps → a compound without a map asks staff to draw it → an unknown code says
// so → demo-community drags a gate in the editor, the route now starts there, undo puts it back and
// the history names the actor → staff add a photo and a video link to a gate, and a rider sees the
// photo in its popup and on the route step → a rider plans three drops (多单顺路) → the poster
// PDF/SVG and the .osc export download.

import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { apiIn } from './page_api.mjs';

const HUAQING = '110108011001001'; // 华清嘉园小区, in demo-community's area (科源社区)
const PHONE_360 = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const FAR = 1e-5; // degrees, about a metre
// A drawn map of 华清嘉园 (buildings 1–4, 西区/东区 5–6 号楼, entrances, gates, parking, paths),
// imported through the editor when the demo data has none.
const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'huaqing-map.geojson');

// A small PNG made here (a gate in a wall under a sky), to upload as a photo of the way.
function crc32(bytes) {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function gatePng(width = 240, height = 160) {
  const rows = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const inGate = x > width * 0.38 && x < width * 0.62 && y > height * 0.35;
      const wall = y > height * 0.45;
      const [r, g, b] = inGate ? [60, 64, 72] : wall ? [196, 110, 60] : [150, 200, 240 - Math.round((y / height) * 60)];
      row.set([r, g, b], 1 + x * 3);
    }
    rows.push(row);
  }
  const chunk = (type, data) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

export async function mapsSuite(ctx) {
  const { base, test, newPage, closePage, screenshot, loginViaForm, text, DESKTOP } = ctx;

  const getJson = async (url) => {
    const response = await fetch(`${base}${url}`);
    return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.json().catch(() => null) };
  };


  const featureIdOf = (f) => Number(f.id ?? f.properties?.id);
  const byKind = (map, kind) => map.features.filter((f) => f.properties?.kind === kind);
  const near = (a, b) => Math.abs(a[0] - b[0]) < FAR && Math.abs(a[1] - b[1]) < FAR;
  // A gate riders may use at any hour (the tests run at any time of day), else any riders' gate.
  const openGate = (m) => {
    const gates = byKind(m, 'gate').filter((g) => g.properties.workers_allowed !== false);
    return gates.find((g) => !g.properties.opening_hours || g.properties.opening_hours === '24/7') ?? gates[0] ?? byKind(m, 'gate')[0];
  };
  // Today 12:00 in Beijing, when every gate of a normal compound is open.
  const noon = () => {
    const now = new Date(Date.now() + 8 * 3600_000);
    return Math.floor(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 4) / 1000);
  };

  // Which compound is 华清嘉园: ask the public address parser, as the finder page does.
  let code = HUAQING;
  let map = null;
  let query = '';
  let target = null; // the feature the query should lead to

  await test('maps: 华清嘉园 is found by name and has a map (staff import one through the editor if not)', async () => {
    const parsed = await getJson(`/api/v1/address/parse?q=${encodeURIComponent('华清嘉园')}`);
    assert.equal(parsed.status, 200);
    assert.ok(parsed.body.compound, 'the parser knows 华清嘉园');
    code = parsed.body.compound.code;
    let answer = await getJson(`/api/v1/compounds/${code}/map`);
    assert.equal(answer.status, 200);
    const drawn = (kind) => answer.body.features.some((f) => f.properties?.kind === kind);
    if (!answer.body.version || !drawn('building') || !drawn('gate') || !drawn('entrance')) {
      // What OpenStreetMap has of it lacks buildings, doors or gates: staff draw them (here: import).
      const page = await newPage(DESKTOP);
      await loginViaForm(page, 'demo-community');
      await page.goto(`${base}/#/compounds/${code}/map/edit`);
      await page.locator('[data-testid="editor-version"][data-version]').waitFor();
      await page.getByTestId('editor-import-file').setInputFiles(FIXTURE);
      const dialog = page.getByTestId('import-dialog');
      await dialog.waitFor();
      const put = page.waitForResponse((r) => r.request().method() === 'PUT' && /\/map\?base_version=\d+$/.test(r.url()));
      await dialog.getByTestId('modal-submit').click();
      const imported = await put;
      assert.equal(imported.status(), 200, 'PUT map (import)');
      assert.match(imported.url(), new RegExp(`base_version=${answer.body.version ?? 0}$`), 'sent with the version last loaded');
      await page.getByTestId('editor-status').filter({ hasText: '已导入' }).waitFor();
      await page.waitForFunction(() => document.querySelectorAll('.ml-building').length > 0);
      await closePage(page);
      answer = await getJson(`/api/v1/compounds/${code}/map`);
    }
    map = answer.body;
    assert.ok(map.version > 0, 'the demo compound has a map');
    assert.ok(byKind(map, 'building').length > 0, 'buildings on the map');
    assert.ok(byKind(map, 'gate').length > 0, 'gates on the map');
    // An address on this map: an entrance of a numbered building, as a rider would type it.
    const buildings = new Map(byKind(map, 'building').map((b) => [featureIdOf(b), b]));
    const numbered = byKind(map, 'entrance').filter((e) => buildings.get(Number(e.properties.building_id))?.properties.number && e.properties.number);
    // "3栋2单元1102" when the map has it, as a rider would type it; otherwise the first numbered door.
    const entrance = numbered.find((e) => buildings.get(Number(e.properties.building_id)).properties.number === '3' && e.properties.number === '2') ?? numbered[0];
    if (entrance) {
      const building = buildings.get(Number(entrance.properties.building_id));
      query = `${building.properties.section ?? ''}${building.properties.number}栋${entrance.properties.number}单元1102`;
      target = entrance;
    } else {
      const building = byKind(map, 'building').find((b) => b.properties.number);
      query = `${building.properties.section ?? ''}${building.properties.number}号楼`;
      target = building;
    }
    const check = await getJson(`/api/v1/address/parse?q=${encodeURIComponent(query)}&compound=${code}`);
    assert.equal(check.status, 200);
    assert.ok(check.body.target, `"${query}" is found on the map`);
  });

  await test('maps: the page stays light (Leaflet is only in the map chunk)', async () => {
    const html = await (await fetch(`${base}/`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    const main = await (await fetch(`${base}${script}`)).text();
    assert.ok(main.length < 110_000, `main chunk ${main.length} bytes`);
    for (const marker of ['leaflet-container', 'L.Map', '_leaflet_id']) assert.ok(!main.includes(marker), `${marker} is not in the main chunk`);
  });

  await test('maps: a rider opens /m/CODE without login, types an address and gets the route and steps', async () => {
    assert.ok(map && query, 'map and query found');
    const page = await newPage(PHONE_360);
    const requests = [];
    page.on('request', (r) => {
      const url = r.url();
      requests.push(url);
    });
    await page.goto(`${base}/m/${code}`);
    await page.getByTestId('map-page').waitFor();
    await page.locator('[data-testid="map"][data-ready="true"]').waitFor();
    assert.match(await text(page.getByTestId('map-compound-name')), /华清嘉园/);
    // Labelled buildings (with their section when they have one) and gates.
    const labels = await page.locator('.ml-building').allTextContents();
    assert.ok(labels.length > 0 && labels.every((l) => l.trim().length > 0), `building labels: ${labels.slice(0, 5)}`);
    assert.ok((await page.locator('.mp-gate').count()) > 0, 'gates drawn');
    // The base map (the city's OpenStreetMap data, served as tiles by this server) is always credited.
    assert.match(await text(page.getByTestId('map-attribution')), /© OpenStreetMap 贡献者/);
    assert.ok(await page.getByTestId('map-attribution').isVisible(), 'the attribution is on the map');
    for (const id of ['map-zoom-in', 'map-zoom-out']) {
      const box = await page.getByTestId(id).boundingBox();
      assert.ok(box.height >= 44 && box.width >= 44, `${id} is ${box.width}×${box.height}px`);
      assert.match((await page.getByTestId(id).getAttribute('title')) ?? '', /[放缩]/, `${id} is titled in Chinese`);
    }
    await page.getByTestId('map-legend').waitFor();
    // Nothing but this server: no tiles, no fonts, no outside services.
    assert.deepEqual(requests.filter((u) => !u.startsWith(base) && !u.startsWith('data:')), [], 'no outside requests');
    // Every button and the search field are big enough for a thumb.
    for (const id of ['map-search', 'map-search-submit', 'lang-switch']) {
      const box = await page.getByTestId(id).boundingBox();
      assert.ok(box.height >= 44, `${id} is ${box.height}px tall`);
    }
    await screenshot(page, 'maps-worker-phone');

    // The light map: the base map's 256-px tiles of this server under the shapes (one that cannot
    // be loaded is hidden); zoom by the buttons, pan by dragging.
    const mapBox = page.locator('[data-testid="map"]');
    await page.waitForFunction(() => {
      const tiles = [...document.querySelectorAll('.gm-tile')];
      return tiles.length > 0 && tiles.every((img) => img.getAttribute('src') && img.complete);
    });
    const tiles = await page.locator('.gm-tile').evaluateAll((imgs) => imgs.map((img) => ({ src: new URL(img.src).pathname, loaded: img.naturalWidth > 0, hidden: img.hidden })));
    assert.ok(tiles.every((t) => /^\/tiles\/1[2-8]\/\d+\/\d+\.svg$/.test(t.src)), `tiles from this server: ${tiles.map((t) => t.src).slice(0, 3)}`);
    assert.ok(tiles.every((t) => t.loaded !== t.hidden), 'a tile that could not be loaded is hidden, the others shown');
    console.log(`      base map: ${tiles.filter((t) => t.loaded).length} of ${tiles.length} tiles loaded`);
    const zoom = Number(await mapBox.getAttribute('data-zoom'));
    await page.getByTestId('map-zoom-in').click();
    await page.waitForFunction((z) => Number(document.querySelector('[data-testid="map"]').getAttribute('data-zoom')) === Math.min(22, z + 1), zoom);
    await page.getByTestId('map-zoom-out').click();
    await page.waitForFunction((z) => Number(document.querySelector('[data-testid="map"]').getAttribute('data-zoom')) === z, zoom);
    const label = page.locator('.ml-building').first();
    const from = await label.boundingBox();
    const box = await mapBox.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 20, box.y + box.height / 2 + 10, { steps: 3 });
    await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2 + 20, { steps: 3 });
    await page.mouse.up();
    await page.waitForTimeout(150);
    const to = await label.boundingBox();
    assert.ok(Math.abs(to.x - from.x - 40) <= 2 && Math.abs(to.y - from.y - 20) <= 2, `the map follows the drag (${from.x},${from.y} → ${to.x},${to.y})`);

    await page.getByTestId('map-search').fill(query);
    const routed = page.waitForResponse((r) => r.url().includes(`/api/v1/compounds/${code}/route?`));
    await page.getByTestId('map-search-submit').click();
    const response = await routed;
    assert.equal(response.status(), 200, `GET route for "${query}"`);
    // One call: the server reads the address on this compound's map and routes to what it names.
    assert.match(response.url(), /to=address%3A/, 'the typed address goes to the route call');
    assert.equal((await response.json()).target?.id, featureIdOf(target), 'routed to the feature the address names');
    await page.getByTestId('route-steps').waitFor();
    const steps = await page.getByTestId('route-step').allTextContents();
    assert.ok(steps.length > 0, 'steps listed');
    assert.ok((await text(page.getByTestId('route-summary'))).length > 0, 'summary shown');
    assert.ok((await page.locator('.mr-leg').count()) > 0, 'route drawn');
    await page.getByTestId('route-end').waitFor();
    const stepFont = await page.locator('.mw-step-text').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    assert.ok(stepFont >= 18, `steps in big text (${stepFont}px)`);
    assert.ok(await page.getByTestId('route-speak').isVisible(), '语音播报 offered');
    assert.match(page.url(), /\?q=/, 'the address is kept in the URL');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'maps-worker-route', { fullPage: true });

    // Start at a gate instead: tap it, 从这里出发, and the route is asked again from there.
    const gate = openGate(map);
    const gateId = featureIdOf(gate);
    const popup = page.locator('.gm-popup [data-testid="map-popup"]');
    // On a busy machine the map may still be settling after the full-page screenshot and swallow
    // the tap: tap again (at most three times) until the popup opens.
    for (let attempt = 1; ; attempt++) {
      await page.locator(`.mp-gate[data-feature-id="${gateId}"] .mp-badge`).click();
      try {
        await popup.waitFor({ timeout: 5000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
    assert.match(await text(popup.locator('.pop-title')), new RegExp(gate.properties.label), 'the popup is the gate’s');
    // Let the map finish moving to show the popup.
    await page.waitForTimeout(400);
    const again = page.waitForResponse((r) => r.url().includes(`/compounds/${code}/route?`));
    await popup.getByTestId('popup-from').click();
    const fromGate = await again;
    assert.match(fromGate.url(), new RegExp(`from=feature%3A${gateId}`), 'routed from the gate');
    assert.equal(await text(page.getByTestId('map-origin-name')), gate.properties.label);
    if (fromGate.status() === 200) {
      await page.getByTestId('route-steps').waitFor();
      assert.match(await text(page.getByTestId('route-steps')), new RegExp(gate.properties.label), 'the steps start at that gate');
    } else {
      // Closed at this hour: the page says why instead of a route.
      assert.match(await text(page.getByTestId('map-message')), /到不了|no route|closed/i);
    }
    await closePage(page);
  });

  await test('maps: the rider’s 找楼 tile opens the finder; a whole address leads to the map and the route', async () => {
    assert.ok(map && query, 'map and query found');
    const page = await newPage(PHONE_360);
    await loginViaForm(page, 'demo-worker');
    await page.getByTestId('tile-wayfinding').click();
    await page.getByTestId('map-find-page').waitFor();
    await page.getByTestId('map-find-input').fill(`华清嘉园${query}`);
    const routed = page.waitForResponse((r) => r.url().includes(`/api/v1/compounds/${code}/route?`));
    await page.getByTestId('map-find-submit').click();
    assert.equal((await routed).status(), 200);
    await page.getByTestId('route-steps').waitFor();
    assert.match(page.url(), new RegExp(`#/m/${code}\\?q=`));
    // Back on the finder, the compound is listed as recently opened.
    await page.goto(`${base}/#/m`);
    await page.getByTestId('map-recent').waitFor();
    assert.match(await text(page.getByTestId('map-recent')), /华清嘉园/);
    await screenshot(page, 'maps-finder');
    await closePage(page);
  });

  await test('maps: a compound without a map asks staff to draw it; an unknown code says so', async () => {
    const admin = await newPage(DESKTOP);
    await loginViaForm(admin, 'demo-admin');
    const list = await apiIn(admin, 'GET', '/api/v1/compounds?limit=200');
    assert.equal(list.status, 200);
    let empty = null;
    for (const c of list.body.items) {
      if (c.code === code) continue;
      const m = await getJson(`/api/v1/compounds/${c.code}/map`);
      if (m.status === 200 && (!m.body.version || m.body.features.length === 0)) {
        empty = c;
        break;
      }
    }
    await closePage(admin);
    assert.ok(empty, 'a demo compound without a map');

    const page = await newPage(PHONE_360);
    await page.goto(`${base}/m/${empty.code}`);
    const state = page.getByTestId('map-empty');
    await state.waitFor();
    assert.match(await text(state), /本小区还没有地图/);
    assert.match(await text(state), /请社区工作人员绘制/);
    assert.match(await page.getByTestId('map-staff-login').getAttribute('href'), /#\/login\?next=%2Fcompounds%2F.+%2Fmap%2Fedit/);
    await screenshot(page, 'maps-no-map');

    await page.goto(`${base}/m/000000000000000`);
    await page.getByTestId('map-not-found').waitFor();
    await page.getByTestId('map-find-form').waitFor();
    await closePage(page);
  });

  await test('maps: rules before the gate — a drop-off only compound’s page says 集中放取, its hours and the drop-off point', async () => {
    const admin = await newPage(DESKTOP);
    await loginViaForm(admin, 'demo-admin');
    const list = await apiIn(admin, 'GET', '/api/v1/compounds?limit=200');
    await closePage(admin);
    let dropOff = null;
    for (const c of list.body.items) {
      const access = await getJson(`/api/v1/compounds/${c.code}/access`); // public: no login
      if (access.status === 200 && access.body.mode === 'drop_off') {
        dropOff = { code: c.code, access: access.body };
        break;
      }
    }
    assert.ok(dropOff, 'a drop-off only demo compound');

    const page = await newPage(PHONE_360);
    await page.goto(`${base}/m/${dropOff.code}`);
    const rules = page.getByTestId('compound-rules');
    await rules.waitFor();
    assert.match(await text(page.getByTestId('rules-mode')), /集中放取/);
    assert.equal(await text(page.getByTestId('rules-hours')), `开放时间：${dropOff.access.opening_hours_zh}`);
    assert.match(await text(rules), new RegExp(`放取点：${dropOff.access.drop_off_points[0].name}`));
    assert.equal(await page.getByTestId('rules-now').count(), 0, 'no "you may enter" where riders stay outside');
    const box = await rules.boundingBox();
    assert.ok(box && box.y < 200, `the rules are at the top of the page, before the map: ${JSON.stringify(box)}`);
    await screenshot(page, 'maps-rules-dropoff');
    await closePage(page);

    // The guard's compound home shows the same box for their compound.
    const guard = await newPage(PHONE_360);
    await loginViaForm(guard, 'demo-guard');
    await guard.goto(`${base}/#/home`);
    await guard.getByTestId('home-compound').waitFor();
    await guard.getByTestId('compound-rules').waitFor();
    assert.match(await text(guard.getByTestId('rules-hours')), /^开放时间：/);
    await screenshot(guard, 'compound-home-rules');
    await closePage(guard);
  });

  await test('maps: demo-community drags a gate, the route starts there, undo puts it back, history names the actor', async () => {
    assert.ok(map, 'map loaded');
    const page = await newPage(DESKTOP);
    await loginViaForm(page, 'demo-community');
    await page.goto(`${base}/#/compounds/${code}`);
    await page.getByTestId('compound-map-edit').click();
    await page.waitForURL(/\/map\/edit$/);
    const editor = page.getByTestId('map-editor');
    await editor.waitFor();
    await page.locator('[data-testid="editor-version"][data-version]').waitFor();
    const version = Number(await page.getByTestId('editor-version').getAttribute('data-version'));

    const fresh = (await apiIn(page, 'GET', `/api/v1/compounds/${code}/map`)).body;
    const gate = openGate(fresh);
    const gateId = featureIdOf(gate);
    const before = gate.geometry.coordinates;
    const badge = page.locator(`.mp-gate[data-feature-id="${gateId}"] .mp-badge`);
    await badge.scrollIntoViewIfNeeded();
    const box = await badge.boundingBox();
    const put = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes(`/map/features/${gateId}`));
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 10, box.y + box.height / 2 + 6, { steps: 4 });
    await page.mouse.move(box.x + box.width / 2 + 24, box.y + box.height / 2 + 14, { steps: 6 });
    await page.mouse.up();
    const moved = await put;
    assert.equal(moved.status(), 200, 'PUT the moved gate');
    assert.match(moved.url(), new RegExp(`base_version=${version}`), 'sent with the version last loaded');
    await page.waitForFunction((v) => Number(document.querySelector('[data-testid="editor-version"]')?.getAttribute('data-version')) > v, version);
    assert.match(await text(page.getByTestId('editor-status')), /已移动/);

    const after = byKind((await apiIn(page, 'GET', `/api/v1/compounds/${code}/map`)).body, 'gate').find((g) => featureIdOf(g) === gateId).geometry.coordinates;
    assert.ok(!near(after, before), `the gate moved (${before} → ${after})`);
    const route = await apiIn(page, 'GET', `/api/v1/compounds/${code}/route?from=feature:${gateId}&to=feature:${featureIdOf(target)}&at=${noon()}`);
    assert.equal(route.status, 200, `route from the moved gate: ${JSON.stringify(route.body).slice(0, 200)}`);
    const start = route.body.features[0].geometry.coordinates[0];
    assert.ok(near(start, after), `the route starts at the gate's new position (${start} vs ${after})`);

    // Undo: the gate is back where it was and the history shows who did what.
    const undone = page.waitForResponse((r) => r.url().endsWith('/map/undo'));
    await page.getByTestId('editor-undo').click();
    assert.equal((await undone).status(), 200);
    await page.getByTestId('editor-status').filter({ hasText: '已撤销' }).waitFor();
    const back = byKind((await apiIn(page, 'GET', `/api/v1/compounds/${code}/map`)).body, 'gate').find((g) => featureIdOf(g) === gateId).geometry.coordinates;
    assert.ok(near(back, before), `undo puts the gate back (${back} vs ${before})`);
    await page.getByTestId('editor-history').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="history-item"]').length >= 2);
    const actors = await page.getByTestId('history-actor').allTextContents();
    assert.ok(actors.includes('demo-community'), `history names the actor (${actors.slice(0, 4)})`);

    // A gate without a label is refused by the server; the message shows next to the form.
    await badge.click();
    await page.getByTestId('feature-form').waitFor();
    await page.getByTestId('feature-label').fill('');
    const refused = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes(`/map/features/${gateId}`));
    await page.getByTestId('feature-save').click();
    const status = (await refused).status();
    assert.ok(status === 400 || status === 422, `validation_failed (${status})`);
    await page.getByTestId('feature-error').waitFor();
    assert.ok((await text(page.getByTestId('feature-error'))).length > 0, 'the server says why');
    await page.getByTestId('feature-close').click();

    // Someone else changes the map meanwhile: the next drag is refused (409), the editor reloads and says so.
    const loaded = Number(await page.getByTestId('editor-version').getAttribute('data-version'));
    const current = (await apiIn(page, 'GET', `/api/v1/compounds/${code}/map`)).body;
    const same = byKind(current, 'gate').find((g) => featureIdOf(g) === gateId);
    const { id: _id, ...properties } = same.properties;
    const other = await apiIn(page, 'PUT', `/api/v1/compounds/${code}/map/features/${gateId}?base_version=${current.version}`, { type: 'Feature', geometry: same.geometry, properties: { ...properties, note: 'e2e: changed elsewhere' } });
    assert.equal(other.status, 200, `the other change: ${JSON.stringify(other.body)}`);
    const box2 = await badge.boundingBox();
    const conflict = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes(`/map/features/${gateId}`));
    await page.mouse.move(box2.x + box2.width / 2, box2.y + box2.height / 2);
    await page.mouse.down();
    await page.mouse.move(box2.x + box2.width / 2 - 8, box2.y + box2.height / 2 - 6, { steps: 4 });
    await page.mouse.move(box2.x + box2.width / 2 - 20, box2.y + box2.height / 2 - 12, { steps: 6 });
    await page.mouse.up();
    const refusedMove = await conflict;
    assert.equal(refusedMove.status(), 409, 'a move based on a stale version is refused');
    assert.match(refusedMove.url(), new RegExp(`base_version=${loaded}(&|$)`));
    await page.getByTestId('editor-status').filter({ hasText: '其他人' }).waitFor();
    await page.waitForFunction((v) => Number(document.querySelector('[data-testid="editor-version"]')?.getAttribute('data-version')) > v, loaded);

    await badge.click();
    await page.getByTestId('feature-form').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'maps-editor');
    await closePage(page);
  });

  await test('maps: demo-community adds a photo and a video link to a gate; a rider sees the photo in its popup and on the route step', async () => {
    assert.ok(map && target, 'map and target found');
    const page = await newPage(DESKTOP);
    await loginViaForm(page, 'demo-community');
    await page.goto(`${base}/#/compounds/${code}/map/edit`);
    await page.locator('[data-testid="editor-version"][data-version]').waitFor();
    const fresh = (await apiIn(page, 'GET', `/api/v1/compounds/${code}/map`)).body;
    const gate = openGate(fresh);
    const gateId = featureIdOf(gate);
    const badge = page.locator(`.mp-gate[data-feature-id="${gateId}"] .mp-badge`);
    await badge.click();
    const form = page.locator(`[data-testid="feature-form"][data-feature-id="${gateId}"]`);
    await form.waitFor();
    await form.getByTestId('feature-media').waitFor();
    assert.equal(await form.getByTestId('media-file').getAttribute('accept'), 'image/*');
    assert.equal(await form.getByTestId('media-file').getAttribute('capture'), 'environment');

    // 添加照片: upload, then the feature is saved with the photo's URL and the version it was based on.
    const version = Number(await page.getByTestId('editor-version').getAttribute('data-version'));
    const uploaded = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/compounds/${code}/map/media`));
    const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes(`/map/features/${gateId}`));
    await form.getByTestId('media-file').setInputFiles({ name: 'gate.png', mimeType: 'image/png', buffer: gatePng() });
    const upload = await uploaded;
    assert.equal(upload.status(), 201, 'POST map/media');
    const { url } = await upload.json();
    assert.match(url, /^\/api\/v1\/map-media\/[A-Za-z0-9_-]{22}$/);
    const put = await saved;
    assert.equal(put.status(), 200, 'PUT the gate with its photo');
    assert.match(put.url(), new RegExp(`base_version=${version}(&|$)`), 'sent with the version last loaded');
    assert.deepEqual(put.request().postDataJSON().properties.media, [...(gate.properties.media ?? []), url]);
    await page.getByTestId('editor-status').filter({ hasText: '已添加照片' }).waitFor();
    const thumb = page.locator(`[data-testid="feature-form"][data-feature-id="${gateId}"] [data-testid="media-item"][data-url="${url}"] img`);
    await thumb.waitFor();
    await page.waitForFunction((img) => img.complete && img.naturalWidth > 0, await thumb.elementHandle());

    // A video link: http is refused on the spot, https is kept; × removes an entry again.
    const form2 = page.locator(`[data-testid="feature-form"][data-feature-id="${gateId}"]`);
    await form2.getByTestId('media-video-input').fill('http://example.com/route.mp4');
    await form2.getByTestId('media-video-add').click();
    assert.match(await text(form2.getByTestId('media-error')), /https/);
    const video = 'https://example.com/videos/route-from-the-gate';
    await form2.getByTestId('media-video-input').fill(video);
    const linked = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes(`/map/features/${gateId}`));
    await form2.getByTestId('media-video-add').click();
    assert.equal((await linked).status(), 200, 'PUT the gate with the video link');
    await page.getByTestId('editor-status').filter({ hasText: '已添加视频链接' }).waitFor();
    const extra = 'https://example.com/videos/to-be-removed';
    await page.getByTestId('media-video-input').fill(extra);
    await page.getByTestId('media-video-input').press('Enter');
    await page.locator(`[data-testid="media-item"][data-url="${extra}"]`).waitFor();
    const removed = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes(`/map/features/${gateId}`));
    await page.locator(`[data-testid="media-item"][data-url="${extra}"] [data-testid="media-remove"]`).click();
    assert.equal((await removed).status(), 200, 'PUT without the removed link');
    await page.getByTestId('editor-status').filter({ hasText: '已删掉' }).waitFor();
    await page.locator(`[data-testid="media-item"][data-url="${extra}"]`).waitFor({ state: 'detached' });
    const stored = byKind((await apiIn(page, 'GET', `/api/v1/compounds/${code}/map`)).body, 'gate').find((g) => featureIdOf(g) === gateId);
    assert.deepEqual(stored.properties.media, [...(gate.properties.media ?? []), url, video], 'the gate keeps the photo and the video link');
    await page.getByTestId('feature-media').scrollIntoViewIfNeeded();
    await screenshot(page, 'maps-photos-editor');
    await closePage(page);

    // The rider, not logged in: the photo loads only when the gate's popup opens.
    const rider = await newPage(PHONE_360);
    const photoRequests = [];
    rider.on('request', (r) => {
      if (r.url().includes('/api/v1/map-media/')) photoRequests.push(r.url());
    });
    await rider.goto(`${base}/m/${code}`);
    await rider.locator('[data-testid="map"][data-ready="true"]').waitFor();
    await rider.waitForTimeout(300);
    assert.deepEqual(photoRequests, [], 'no photo is fetched before a popup shows it');
    await rider.locator(`.mp-gate[data-feature-id="${gateId}"] .mp-badge`).click();
    const popup = rider.locator('.gm-popup [data-testid="map-popup"]');
    await popup.waitFor();
    const popupPhoto = popup.locator('[data-testid="popup-photo"] img');
    await popupPhoto.waitFor();
    assert.equal(await popupPhoto.getAttribute('loading'), 'lazy');
    await rider.waitForFunction((img) => img.complete && img.naturalWidth > 0, await popupPhoto.elementHandle());
    assert.ok(photoRequests.some((u) => u.endsWith(url)), 'the photo is fetched when the popup opens');
    assert.equal(await popup.getByTestId('popup-video').getAttribute('href'), video);
    assert.match(await text(popup.getByTestId('popup-video')), /看视频/);
    await rider.waitForTimeout(400);
    await screenshot(rider, 'maps-photos');

    // Tap: the photo large; × closes it.
    await popup.getByTestId('popup-photo').click();
    const big = rider.getByTestId('lightbox-img');
    await big.waitFor();
    await rider.waitForFunction((img) => img.complete && img.naturalWidth > 0, await big.elementHandle());
    await screenshot(rider, 'maps-photos-lightbox');
    await rider.getByTestId('lightbox-close').click();
    await rider.getByTestId('lightbox').waitFor({ state: 'detached' });

    // Start at the gate and route to the address: the step that enters by the gate shows its photo.
    const routed = rider.waitForResponse((r) => r.url().includes(`/compounds/${code}/route?`) && r.url().includes(`from=feature%3A${gateId}`));
    await popup.getByTestId('popup-from').click();
    await rider.getByTestId('map-search').fill(query);
    await rider.getByTestId('map-search-submit').click();
    const route = await routed;
    assert.equal(route.status(), 200, 'route from the gate');
    assert.equal((await route.json()).gate?.id, gateId, 'the route enters by the gate');
    const stepPhoto = rider.locator('[data-testid="route-steps"] [data-testid="step-photo"] img');
    await stepPhoto.waitFor();
    assert.equal(await rider.locator('[data-testid="step-photo"]').count(), 1, 'one step shows the gate');
    assert.equal(await stepPhoto.getAttribute('loading'), 'lazy');
    assert.equal(await stepPhoto.getAttribute('src'), url);
    assert.match(await stepPhoto.evaluate((img) => img.closest('li').textContent), new RegExp(gate.properties.label), 'on the step that names the gate');
    await stepPhoto.scrollIntoViewIfNeeded();
    await rider.waitForFunction((img) => img.complete && img.naturalWidth > 0, await stepPhoto.elementHandle());
    await closePage(rider);
  });

  await test('maps: 多单顺路 — a rider types three addresses, gets them in the best order with every leg drawn, taps a stop for its steps', async () => {
    assert.ok(map, 'map loaded');
    // Three numbered doors (else buildings) in different buildings, as a rider would type them.
    const buildings = new Map(byKind(map, 'building').map((b) => [featureIdOf(b), b]));
    const addressOf = (b, e) => `${b.properties.section ?? ''}${b.properties.number}号楼${e ? `${e.properties.number}单元` : ''}`;
    const picked = [];
    const used = new Set();
    for (const e of byKind(map, 'entrance')) {
      const b = buildings.get(Number(e.properties.building_id));
      if (!b?.properties.number || !e.properties.number || used.has(featureIdOf(b))) continue;
      used.add(featureIdOf(b));
      picked.push(`${addressOf(b, e)}${picked.length === 0 ? '1102' : ''}`);
    }
    for (const b of byKind(map, 'building')) {
      if (picked.length >= 3) break;
      if (b.properties.number && !used.has(featureIdOf(b))) picked.push(addressOf(b, null));
    }
    const addresses = picked.slice(0, 3);
    assert.equal(addresses.length, 3, `three addresses on the map: ${addresses}`);
    const numbers = byKind(map, 'building').map((b) => Number(b.properties.number)).filter(Number.isFinite);
    const missing = `${Math.max(0, ...numbers) + 50}号楼1单元`;

    const page = await newPage(PHONE_360);
    await page.goto(`${base}/m/${code}`);
    await page.locator('[data-testid="map"][data-ready="true"]').waitFor();
    const toggle = page.getByTestId('multi-open');
    assert.ok((await toggle.boundingBox()).height >= 44, '多单 is big enough for a thumb');
    await toggle.click();
    const panel = page.getByTestId('multi-panel');
    await panel.waitFor();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    assert.equal(await panel.getByTestId('multi-input').count(), 2, 'two rows to start with');
    await panel.getByTestId('multi-add').click();
    await panel.getByTestId('multi-add').click();
    assert.equal(await panel.getByTestId('multi-input').count(), 4);
    await panel.getByTestId('multi-remove').nth(3).click();
    assert.equal(await panel.getByTestId('multi-input').count(), 3, '× removes a row');

    // Too few addresses: said next to the empty row, nothing is sent.
    await panel.getByTestId('multi-input').nth(0).fill(addresses[0]);
    await panel.getByTestId('multi-submit').click();
    await panel.getByTestId('multi-error').nth(1).waitFor();
    assert.match(await text(panel.getByTestId('multi-error').nth(1)), /至少填两单/);

    // A building that is not on the map: the server's problem shows next to that row.
    await panel.getByTestId('multi-input').nth(1).fill(missing);
    await panel.getByTestId('multi-input').nth(2).fill(addresses[2]);
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/routes/multi-drop'));
    await panel.getByTestId('multi-submit').click();
    const problem = await refused;
    assert.ok([400, 404].includes(problem.status()), `a stop not on the map is refused (${problem.status()})`);
    assert.equal((await problem.json()).stop, 1, 'the problem names the stop');
    const rowError = panel.getByTestId('multi-error').nth(1);
    await rowError.waitFor();
    assert.match(await text(rowError), new RegExp(`${Math.max(0, ...numbers) + 50}号楼`));
    assert.ok(await panel.getByTestId('multi-error').nth(0).isHidden(), 'only that row says so');
    assert.equal(await panel.getByTestId('multi-input').nth(1).getAttribute('aria-invalid'), 'true');

    // Three good addresses: the best order, every leg drawn, a numbered pin at each drop.
    await panel.getByTestId('multi-input').nth(1).fill(addresses[1]);
    const planned = page.waitForResponse((r) => r.url().endsWith('/api/v1/routes/multi-drop'));
    await panel.getByTestId('multi-submit').click();
    const response = await planned;
    assert.equal(response.status(), 200, 'POST routes/multi-drop');
    assert.deepEqual(response.request().postDataJSON().stops, addresses.map((a) => `address:${a}`));
    const plan = await response.json();
    assert.deepEqual([...plan.order].sort(), [0, 1, 2], `the order is a permutation (${plan.order})`);
    assert.equal(plan.legs.length, 3);
    await page.getByTestId('multi-order').waitFor();
    assert.ok(await panel.isHidden(), 'the address rows fold away once planned');
    const items = await page.getByTestId('multi-drop-label').allTextContents();
    assert.deepEqual(items, plan.legs.map((leg, k) => `第${k + 1}单：${leg.target.label}`), 'listed in the planned order');
    const rows = await page.getByTestId('multi-drop').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-row'))));
    assert.deepEqual(rows, plan.order, 'each drop remembers the row it was typed in');
    assert.ok((await text(page.getByTestId('multi-drop-leg').first())).match(/米|公里/), 'each leg has its distance');
    assert.equal(await page.getByTestId('multi-stop-pin').count(), 3, 'a pin at each drop');
    assert.deepEqual(await page.getByTestId('multi-stop-pin').allTextContents(), ['1', '2', '3']);
    const drawnLegs = await page.locator('path.mr-leg').count();
    const expectedLegs = plan.legs.reduce((n, leg) => n + leg.features.filter((f) => f.geometry.coordinates.length >= 2).length, 0);
    assert.equal(drawnLegs, expectedLegs, 'every leg is drawn');
    assert.ok((await page.locator('path.mr-leg:not(.mr-faded)').count()) > 0, 'the chosen leg stands out');
    assert.equal(await page.getByTestId('multi-leg').getAttribute('data-n'), '1');
    assert.equal(await text(page.getByTestId('route-summary')), plan.legs[0].summary, 'the first leg’s steps');
    assert.equal(await page.getByTestId('route-step').count(), plan.legs[0].steps.length);

    // Tap the second drop in the list, then the third on the map: their legs' steps.
    await page.getByTestId('multi-drop').nth(1).click();
    assert.equal(await page.getByTestId('multi-leg').getAttribute('data-n'), '2');
    assert.equal(await text(page.getByTestId('route-summary')), plan.legs[1].summary, 'the second leg’s steps');
    assert.equal(await page.getByTestId('multi-drop').nth(1).getAttribute('aria-current'), 'step');
    await page.getByTestId('multi-stop-pin').filter({ hasText: '3' }).click();
    await page.locator('[data-testid="multi-leg"][data-n="3"]').waitFor();
    assert.equal(await text(page.getByTestId('route-summary')), plan.legs[2].summary, 'the third leg’s steps');

    await page.getByTestId('multi-drop').nth(0).click();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'maps-multidrop', { fullPage: true });
    await closePage(page);
  });

  await test('maps: poster PDF and SVG and the .osc export download for staff', async () => {
    const page = await newPage(DESKTOP);
    await loginViaForm(page, 'demo-community');
    const pdf = await page.request.get(`${base}/api/v1/compounds/${code}/poster.pdf`);
    assert.equal(pdf.status(), 200);
    assert.match(pdf.headers()['content-type'] ?? '', /application\/pdf/);
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
    const svg = await page.request.get(`${base}/api/v1/compounds/${code}/poster.svg`);
    assert.equal(svg.status(), 200);
    assert.match(svg.headers()['content-type'] ?? '', /image\/svg\+xml/);
    const osc = await page.request.get(`${base}/api/v1/compounds/${code}/map.osc`);
    assert.equal(osc.status(), 200);
    assert.match(await osc.text(), /<osmChange/);
    // The editor links to them.
    await page.goto(`${base}/#/compounds/${code}/map/edit`);
    await page.getByTestId('editor-poster-pdf').waitFor();
    assert.equal(await page.getByTestId('editor-poster-pdf').getAttribute('href'), `/api/v1/compounds/${code}/poster.pdf`);
    assert.equal(await page.getByTestId('editor-public-link').getAttribute('href'), `/m/${code}`);
    await closePage(page);
  });
}
