// Compound maps end to end (docs/maps.md), called from e2e/run.mjs:
// a rider opens 华清嘉园's map page from the poster without logging in, types an address and gets
// the route and its steps → a compound without a map asks staff to draw it → an unknown code says
// so → demo-community drags a gate in the editor, the route now starts there, undo puts it back and
// the history names the actor → the poster PDF/SVG and the .osc export download.

import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiIn } from './page_api.mjs';

const HUAQING = '110108011001001'; // 华清嘉园小区, in demo-community's area (科源社区)
const PHONE_360 = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const FAR = 1e-5; // degrees, about a metre
// A drawn map of 华清嘉园 (buildings 1–4, 西区/东区 5–6 号楼, entrances, gates, parking, paths),
// imported through the editor when the demo data has none.
const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'huaqing-map.geojson');

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
    if (/osm/i.test(map.source ?? '')) assert.match(await text(page.getByTestId('map-attribution')), /OpenStreetMap contributors, ODbL 1\.0/);
    await page.getByTestId('map-legend').waitFor();
    // Nothing but this server: no tiles, no fonts, no outside services.
    assert.deepEqual(requests.filter((u) => !u.startsWith(base) && !u.startsWith('data:')), [], 'no outside requests');
    // Every button and the search field are big enough for a thumb.
    for (const id of ['map-search', 'map-search-submit', 'lang-switch']) {
      const box = await page.getByTestId(id).boundingBox();
      assert.ok(box.height >= 44, `${id} is ${box.height}px tall`);
    }
    await screenshot(page, 'maps-worker-phone');

    await page.getByTestId('map-search').fill(query);
    const routed = page.waitForResponse((r) => r.url().includes(`/api/v1/compounds/${code}/route?`));
    await page.getByTestId('map-search-submit').click();
    const response = await routed;
    assert.equal(response.status(), 200, `GET route for "${query}"`);
    assert.match(response.url(), new RegExp(`to=feature%3A${featureIdOf(target)}`), 'routed to the parsed target');
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
    await page.locator(`.mp-gate[data-feature-id="${gateId}"] .mp-badge`).click();
    const popup = page.locator('.leaflet-popup [data-testid="map-popup"]');
    await popup.waitFor();
    assert.match(await text(popup.locator('.pop-title')), new RegExp(gate.properties.label), 'the popup is the gate’s');
    // Let the popup finish fading in and the map finish panning to show it.
    await page.waitForFunction(() => getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1');
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
