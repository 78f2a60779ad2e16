// Friendly places, nearby search by road, check-ins and 15-minute coverage (docs/places.md):
// the nearby search (filters, open at a given time, ride/walk, bad input) cross-checked against
// the route endpoint and straight-line distances; the place page, grade and printable sign (its
// QR code decoded); the keeper → community review workflow (duplicates, merges, pending changes,
// versions); photos; check-ins and visit counts; the officers' coverage view (cross-checked
// against nearby) and the greedy site plan.
//
// The demo server builds its road network from the Beijing OpenStreetMap extracts (© OpenStreetMap
// contributors, ODbL 1.0) and seeds data/demo/places.json: id 1 北邮杏坛路暖心驿站 (24/7, scan to
// enter, grade A), id 2 西土城路爱心驿站 (Mo-Su 07:00-22:00), id 19 华清嘉园暖心驿站 (24/7, kept by
// demo-keeper). Every time-dependent query passes `at` or `hour`: 2026-11-23 is a Monday.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { check as checkGeoJson } from '@placemarkio/check-geojson';
import { XMLValidator } from 'fast-xml-parser';
import * as turf from '@turf/turf';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import { useServer, assertProblem, jpegWithExif, registerRider } from './harness.mjs';

const srv = useServer();
const S = {};
let WORKER_KIND; // demo-worker's kind of work (food, parcel, ...), for visit counts

const BUPT = { lat: 39.96, lon: 116.352 }; // a rider on the 北京邮电大学 campus
const AT_2300 = '2026-11-23T23:00:00+08:00';
const AT_2330 = '2026-11-23T23:30:00+08:00'; // coverage evaluates hour H at H:30
const AT_1200 = '2026-11-23T12:00:00+08:00';
const XUEYUANLU = '110108010'; // 学院路街道
const KEYUAN = '110108011001'; // 科源社区: demo-community, demo-keeper, demo-merchant, demo-worker
const STATION_24H = 1; // 北邮杏坛路暖心驿站
const STATION_DAY = 2; // 西土城路爱心驿站, 07:00-22:00
const KEEPERS_STATION = 19; // 华清嘉园暖心驿站, owned by demo-keeper

const tag = () => randomBytes(3).toString('hex');
const as = (who, method, p, opts = {}) => srv.api(method, p, { token: S[who].token, ...opts });
const metres = (a, b) => turf.distance([a.lon, a.lat], [b.lon, b.lat], { units: 'meters' });

function expectInvalid(res, what, detail) {
  const p = assertProblem(res, 400, 'validation_failed', what);
  if (detail) assert.match(p.detail, detail, `${what}: detail`);
  return p;
}

before(async () => {
  await srv.start();
  for (const who of ['keeper', 'merchant', 'community', 'street', 'district', 'worker', 'admin']) S[who] = await srv.login(`demo-${who}`);
  assert.equal(S.community.account.area.code, KEYUAN);
  assert.equal(S.keeper.account.area.code, KEYUAN);
  const me = await as('worker', 'GET', '/api/v1/workers/me');
  assert.equal(me.status, 200, me.text);
  assert.equal(me.json.worker.status, 'verified', 'demo-worker is verified');
  WORKER_KIND = me.json.worker.kind;
  const first = (await srv.api('GET', `/api/v1/places/${STATION_24H}`)).json;
  assert.equal(first?.name, '北邮杏坛路暖心驿站', 'demo places are numbered from 1 in file order');
  assert.equal((await srv.api('GET', `/api/v1/places/${KEEPERS_STATION}`)).json?.name, '华清嘉园暖心驿站');
});

// ---- nearby ---------------------------------------------------------------------------------

const nearbyPath = (params) => `/api/v1/places/nearby?${new URLSearchParams(params)}`; // encodes + as %2B

async function nearby(params) {
  const res = await srv.api('GET', nearbyPath(params));
  assert.equal(res.status, 200, `nearby ${JSON.stringify(params)}: ${res.text.slice(0, 400)}`);
  const r = res.json;
  assert.equal(r.by_road, true, 'the demo server has a road network');
  assert.match(r.attribution, /OpenStreetMap/);
  assert.ok(Array.isArray(r.places), 'places');
  assert.ok(Math.abs(r.origin.lat - Number(params.lat)) < 1e-6 && Math.abs(r.origin.lon - Number(params.lon)) < 1e-6, JSON.stringify(r.origin));
  assert.ok(typeof r.origin.snapped_metres === 'number' && r.origin.snapped_metres >= 0 && r.origin.snapped_metres <= 500,
    `snapped_metres ${r.origin.snapped_metres}`);
  const origin = { lat: Number(params.lat), lon: Number(params.lon) };
  for (const p of r.places) {
    const what = `place ${p.id} ${p.name}`;
    assert.equal(p.status, 'approved', `${what}: only approved places`);
    assert.ok(Number.isInteger(p.road_seconds) && p.road_seconds >= 0, `${what}: road_seconds ${p.road_seconds}`);
    assert.ok(Number.isInteger(p.road_metres) && p.road_metres >= 0, `${what}: road_metres ${p.road_metres}`);
    // straight_metres is the great-circle distance from the query point.
    assert.ok(Math.abs(p.straight_metres - metres(origin, p)) <= 2, `${what}: straight_metres ${p.straight_metres} vs ${metres(origin, p).toFixed(1)}`);
    // Roads are never much shorter than the straight line, once the two stretches off the road (to
    // the origin's road point and from the place's) are added back.
    const whole = p.road_metres + r.origin.snapped_metres + p.off_road_metres;
    assert.ok(whole >= p.straight_metres * 0.9, `${what}: ${p.road_metres} m by road + off-road ${r.origin.snapped_metres} + ${p.off_road_metres} < 0.9 × straight ${p.straight_metres}`);
    if (params.kind) assert.ok(params.kind.split(',').includes(p.kind), `${what}: kind ${p.kind}`);
    for (const a of (params.amenity || '').split(',').filter(Boolean)) assert.ok(p.amenities.includes(a), `${what}: has ${a}`);
    if (params.open_now === 'true') assert.equal(p.open_now, true, `${what}: open_now at ${params.at}`);
  }
  const seconds = r.places.map((p) => p.road_seconds);
  assert.deepEqual(seconds, [...seconds].sort((a, b) => a - b), `sorted by road_seconds: ${seconds}`);
  return r;
}
const ids = (r) => r.places.map((p) => p.id);

test('nearby: stations with a microwave open at 23:00 → only open ones (id 2 closes at 22:00), by road_seconds', async () => {
  const q = { lat: BUPT.lat, lon: BUPT.lon, kind: 'station', amenity: 'microwave', open_now: 'true', at: AT_2300 };
  const r = await nearby(q);
  assert.equal(r.at, AT_2300);
  assert.ok(ids(r).includes(STATION_24H), `the 24/7 station is found: ${ids(r)}`);
  assert.ok(!ids(r).includes(STATION_DAY), `西土城路爱心驿站 is closed at 23:00: ${ids(r)}`);
  // Without open_now the closed station is there, marked closed: the filter is what removed it.
  const all = await nearby({ ...q, open_now: 'false' });
  const day = all.places.find((p) => p.id === STATION_DAY);
  assert.ok(day, `without open_now id 2 is listed: ${ids(all)}`);
  assert.equal(day.open_now, false, 'open_now is evaluated at `at`');
  assert.equal(day.always_open, false);
  // The same moment as UTC or Unix seconds gives the same answer, reported in Beijing time.
  for (const at of ['2026-11-23T15:00:00Z', String(Date.parse(AT_2300) / 1000)]) {
    const same = await nearby({ ...q, at });
    assert.equal(same.at, AT_2300, `at=${at}`);
    assert.deepEqual(ids(same), ids(r), `at=${at}`);
  }
});

test('nearby: the same query at 12:00 includes 西土城路爱心驿站, open', async () => {
  const r = await nearby({ lat: BUPT.lat, lon: BUPT.lon, kind: 'station', amenity: 'microwave', open_now: 'true', at: AT_1200 });
  assert.equal(r.at, AT_1200);
  assert.ok(ids(r).includes(STATION_DAY) && ids(r).includes(STATION_24H), `ids at noon: ${ids(r)}`);
  const multi = await nearby({ lat: BUPT.lat, lon: BUPT.lon, kind: 'station,toilet', amenity: 'water,seats', at: AT_1200, limit: '50' });
  assert.ok(multi.places.length > 0);
  const limited = await nearby({ lat: BUPT.lat, lon: BUPT.lon, at: AT_1200, limit: '2' });
  assert.equal(limited.places.length, 2, 'limit');
});

test('nearby: profile=walk takes longer than ride to the same place; ride is the default', async () => {
  const q = { lat: BUPT.lat, lon: BUPT.lon, at: AT_1200, limit: '50' };
  const ride = await nearby({ ...q, profile: 'ride' });
  const walk = await nearby({ ...q, profile: 'walk' });
  const byDefault = await nearby(q);
  assert.deepEqual(byDefault.places.map((p) => [p.id, p.road_seconds]), ride.places.map((p) => [p.id, p.road_seconds]), 'default = ride');
  const common = ride.places.filter((p) => walk.places.some((w) => w.id === p.id));
  assert.ok(common.length >= 2, `places reachable both ways: ${common.map((p) => p.id)}`);
  for (const p of common) {
    const w = walk.places.find((x) => x.id === p.id);
    assert.ok(w.road_seconds > p.road_seconds, `place ${p.id}: walk ${w.road_seconds} s ≤ ride ${p.road_seconds} s`);
  }
});

test('nearby: the first 3 results agree with GET /places/{id}/route (seconds, metres, a LineString from origin to place)', async () => {
  for (const profile of ['ride', 'walk']) {
    const r = await nearby({ lat: BUPT.lat, lon: BUPT.lon, at: AT_1200, profile });
    assert.ok(r.places.length >= 3, `${profile}: at least 3 places: ${ids(r)}`);
    for (const p of r.places.slice(0, 3)) {
      const what = `${profile} to ${p.id} ${p.name}`;
      const res = await srv.api('GET', `/api/v1/places/${p.id}/route?lat=${BUPT.lat}&lon=${BUPT.lon}&profile=${profile}`);
      assert.equal(res.status, 200, `${what}: ${res.text.slice(0, 300)}`);
      const route = res.json;
      assert.equal(route.profile, profile, what);
      assert.ok(Math.abs(route.seconds - p.road_seconds) <= 2, `${what}: route ${route.seconds} s vs nearby ${p.road_seconds} s`);
      assert.ok(Math.abs(route.metres - p.road_metres) <= 2, `${what}: route ${route.metres} m vs nearby ${p.road_metres} m`);
      assert.equal(route.geometry.type, 'LineString', what);
      checkGeoJson(JSON.stringify({ type: 'Feature', geometry: route.geometry, properties: {} }));
      const coords = route.geometry.coordinates;
      assert.ok(coords.length >= 2, `${what}: ${coords.length} positions`);
      const start = turf.distance(coords[0], [BUPT.lon, BUPT.lat], { units: 'meters' });
      const end = turf.distance(coords.at(-1), [p.lon, p.lat], { units: 'meters' });
      assert.ok(start <= 500, `${what}: starts ${start.toFixed(0)} m from the origin`);
      assert.ok(start <= r.origin.snapped_metres + 25, `${what}: starts ${start.toFixed(0)} m away, snapped ${r.origin.snapped_metres} m`);
      // The route ends on the road the place joins; the rest (off_road_metres) is the walk to the door.
      assert.equal(route.end_off_road_metres, p.off_road_metres, `${what}: the same road point as nearby`);
      assert.ok(end <= route.end_off_road_metres + 50, `${what}: ends ${end.toFixed(0)} m from the place, ${route.end_off_road_metres} m off the road`);
      const drawn = turf.length(turf.lineString(coords), { units: 'meters' });
      assert.ok(Math.abs(drawn - route.metres) <= Math.max(5, route.metres * 0.02), `${what}: drawn ${drawn.toFixed(0)} m vs metres ${route.metres}`);
    }
  }
  // Nearest by road is not nearest as the crow flies: here 北太平庄社区食堂 (id 5) is the closest in a
  // straight line but across one-way roads, so the list is not in straight-line order.
  const south = await nearby({ lat: 39.958, lon: 116.3565, at: AT_1200, limit: '50' });
  const straight = south.places.map((p) => p.straight_metres);
  assert.notDeepEqual(straight, [...straight].sort((a, b) => a - b), `ranked by road, not straight line: ${south.places.map((p) => `${p.id}:${p.road_seconds}s/${p.straight_metres}m`)}`);
});

test('nearby and route: bad input → 400 validation_failed (coordinates, off the road network, kind, amenity, at, limit, profile)', async () => {
  const at = { lat: BUPT.lat, lon: BUPT.lon };
  const bad = async (params, what, detail) => expectInvalid(await srv.api('GET', nearbyPath(params)), what, detail);
  await bad({ ...at, lat: '999' }, 'lat=999', /lat/);
  await bad({ ...at, lat: 'abc' }, 'lat=abc', /lat/);
  await bad({ ...at, lon: '' }, 'lon empty', /lon/);
  await bad({ lat: BUPT.lat }, 'no lon', /lon/);
  await bad({ lat: '30', lon: '120' }, 'a point out of the city (Hangzhou)', /outside the city|不在本市范围内/);
  await bad({ lat: '39.95', lon: '116.25' }, 'in the city, beyond the road network', /road network|road|路网/);
  // Inside the road network's box (between the BUPT and 五道口 extracts) but > 500 m from any road.
  await bad({ lat: '39.975', lon: '116.33' }, 'more than 500 m from any road', /500 m/);
  await bad({ ...at, kind: 'spa' }, 'kind=spa', /spa/);
  await bad({ ...at, kind: 'station,spa' }, 'kind=station,spa', /spa/);
  await bad({ ...at, amenity: 'jacuzzi' }, 'amenity=jacuzzi', /jacuzzi/);
  await bad({ ...at, at: 'yesterday' }, 'at=yesterday', /at/);
  await bad({ ...at, at: '2026-11-23T23:00:00' }, 'at without an offset', /at/);
  await bad({ ...at, at: '2026-02-30T12:00:00+08:00' }, 'at=30 February', /at/);
  await bad({ ...at, limit: '0' }, 'limit=0', /limit/);
  await bad({ ...at, limit: '51' }, 'limit=51', /limit/);
  await bad({ ...at, limit: 'ten' }, 'limit=ten', /limit/);
  await bad({ ...at, profile: 'car' }, 'profile=car', /profile/);
  const route = (q) => srv.api('GET', `/api/v1/places/${STATION_24H}/route?${q}`);
  expectInvalid(await route('lat=abc&lon=116.352'), 'route lat=abc');
  expectInvalid(await route('lat=30&lon=120'), 'route from out of the city');
  expectInvalid(await route('lat=39.96&lon=116.352&profile=car'), 'route profile=car');
  assertProblem(await srv.api('GET', '/api/v1/places/99999999/route?lat=39.96&lon=116.352'), 404, 'not_found', 'route to an unknown place');
});

// ---- the place page and its sign ------------------------------------------------------------

test('place page: GET /places/1 → grade A, next_grade null, scan_entry, hours_zh; GET /places/2 → B with what A misses', async () => {
  const res = await srv.api('GET', `/api/v1/places/${STATION_24H}`);
  assert.equal(res.status, 200, res.text);
  const p = res.json;
  assert.equal(p.id, STATION_24H);
  assert.equal(p.name, '北邮杏坛路暖心驿站');
  assert.equal(p.kind, 'station');
  assert.equal(p.kind_label, '驿站');
  assert.equal(p.status, 'approved');
  assert.equal(p.grade, 'A');
  assert.equal(p.next_grade, null);
  assert.equal(p.scan_entry, true);
  assert.equal(p.opening_hours, '24/7');
  assert.equal(p.always_open, true);
  assert.equal(p.open_now, true);
  assert.equal(typeof p.hours_zh, 'string');
  assert.ok(p.hours_zh.trim().length > 0, 'hours_zh');
  assert.match(p.hours_zh, /[\u4e00-\u9fff]/, `hours_zh is Chinese: ${p.hours_zh}`);
  assert.equal(p.sign_url, `/api/v1/places/${STATION_24H}/sign.svg`);
  assert.equal(p.page_url, `/p/${STATION_24H}`);
  assert.ok(Number.isInteger(p.version) && p.version >= 1);
  assert.equal(p.can_edit, false, 'anonymous');
  assert.equal(p.pending_change, false);
  assert.ok(p.area && /^\d+$/.test(p.area.code) && p.area.name, JSON.stringify(p.area));
  assert.ok(Number.isInteger(p.busy.checkins_last_hour) && ['quiet', 'normal', 'busy'].includes(p.busy.level), JSON.stringify(p.busy));
  assert.ok(Array.isArray(p.depots) && Array.isArray(p.photos) && Array.isArray(p.amenities));

  // The grade follows the published checklist: id 2 (07:00-22:00) is B, and A lists what is missing.
  const grading = await srv.api('GET', '/api/v1/places/grading');
  assert.equal(grading.status, 200, grading.text);
  const rule = (g) => grading.json.grades.find((x) => x.grade === g);
  assert.deepEqual(grading.json.grades.map((g) => g.grade), ['A', 'B', 'C']);
  assert.equal(rule('A').hours, '24/7');
  for (const a of rule('A').amenities) assert.ok(p.amenities.includes(a), `grade A station has ${a}`);
  const day = (await srv.api('GET', `/api/v1/places/${STATION_DAY}`)).json;
  assert.equal(day.grade, 'B');
  assert.equal(day.next_grade.grade, 'A');
  const expectedMissing = ['24/7', ...rule('A').amenities.filter((a) => !day.amenities.includes(a))].sort();
  assert.deepEqual([...day.next_grade.missing].sort(), expectedMissing, 'next_grade.missing = the A checklist minus what it has');
  assert.equal(day.hours_zh.includes('07:00') && day.hours_zh.includes('22:00'), true, `hours_zh ${day.hours_zh}`);

  assertProblem(await srv.api('GET', '/api/v1/places/99999999'), 404, 'not_found', 'unknown place');
});

/** The QR code drawn in an SVG as the module path of a nested <svg viewBox="0 0 N N">, as a PNG. */
function rasterizeSvgQr(svg) {
  const blocks = [...svg.matchAll(/<svg\b[^>]*\bviewBox="0 0 (\d+) (\d+)"[^>]*>((?:(?!<svg\b|<\/svg>)[\s\S])*)<\/svg>/g)]
    .filter((m) => /<path\b/.test(m[3]));
  if (blocks.length !== 1) return { why: `${blocks.length} candidate QR <svg> blocks` };
  const [, w, h, body] = blocks[0];
  const n = Number(w);
  if (n !== Number(h) || n < 21 || n > 200) return { why: `viewBox ${w}×${h}` };
  const rings = [];
  for (const pm of body.matchAll(/<path\b([^>]*)>/g)) {
    const fill = /\bfill="([^"]*)"/.exec(pm[1])?.[1] ?? '#000';
    if (/^(#fff|#ffffff|white|none)$/i.test(fill)) continue;
    const d = /\bd="([^"]*)"/.exec(pm[1])?.[1] ?? '';
    const tokens = d.match(/[A-Za-z]|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/g) ?? [];
    let x = 0, y = 0, cmd = '', ring = null;
    for (let i = 0; i < tokens.length;) {
      if (/[A-Za-z]/.test(tokens[i])) cmd = tokens[i++];
      const num = () => Number(tokens[i++]);
      switch (cmd) {
        case 'M': x = num(); y = num(); ring = [[x, y]]; rings.push(ring); cmd = 'L'; break;
        case 'm': x += num(); y += num(); ring = [[x, y]]; rings.push(ring); cmd = 'l'; break;
        case 'L': x = num(); y = num(); ring.push([x, y]); break;
        case 'l': x += num(); y += num(); ring.push([x, y]); break;
        case 'H': x = num(); ring.push([x, y]); break;
        case 'h': x += num(); ring.push([x, y]); break;
        case 'V': y = num(); ring.push([x, y]); break;
        case 'v': y += num(); ring.push([x, y]); break;
        case 'Z': case 'z': [x, y] = ring[0]; cmd = ''; if (i < tokens.length && !/[A-Za-z]/.test(tokens[i])) return { why: 'numbers after z' }; break;
        default: return { why: `path command ${cmd}` };
      }
    }
  }
  if (rings.length === 0) return { why: 'no filled path' };
  // Even-odd fill sampled at each module's centre (the QR modules are unit squares of the viewBox).
  const inside = (px, py) => {
    let odd = false;
    for (const r of rings) {
      for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
        const [xi, yi] = r[i], [xj, yj] = r[j];
        if ((yi > py) !== (yj > py) && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) odd = !odd;
      }
    }
    return odd;
  };
  const scale = 8, border = 4 * scale, size = n * scale + 2 * border;
  const png = new PNG({ width: size, height: size });
  png.data.fill(255);
  for (let my = 0; my < n; my++) {
    for (let mx = 0; mx < n; mx++) {
      if (!inside(mx + 0.5, my + 0.5)) continue;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const o = ((border + my * scale + dy) * size + border + mx * scale + dx) * 4;
          png.data[o] = png.data[o + 1] = png.data[o + 2] = 0;
        }
      }
    }
  }
  return { png: PNG.sync.write(png) };
}

const hasTool = (cmd, args = ['--version']) => !spawnSync(cmd, args, { stdio: 'ignore' }).error;

test('sign.svg: image/svg+xml, well-formed, names the place, and its QR code decodes to …/p/1', async () => {
  const res = await srv.api('GET', `/api/v1/places/${STATION_24H}/sign.svg`, { headers: { Accept: 'image/svg+xml' } });
  assert.equal(res.status, 200, res.text.slice(0, 300));
  assert.match(String(res.headers['content-type']), /^image\/svg\+xml/);
  const svg = res.text;
  assert.equal(XMLValidator.validate(svg), true, 'well-formed XML');
  assert.match(svg, /^<svg\b[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.ok(svg.includes('北邮杏坛路暖心驿站'), 'the sign names the place');
  assert.ok(svg.includes('驿站'), 'and its kind');

  const scratch = mkdtempSync(path.join(tmpdir(), 'youhao-sign-'));
  try {
    const decoded = [];
    if (hasTool('rsvg-convert')) {
      writeFileSync(path.join(scratch, 'sign.svg'), svg);
      execFileSync('rsvg-convert', ['-w', '1000', '-b', 'white', '-o', path.join(scratch, 'sign.png'), path.join(scratch, 'sign.svg')]);
      decoded.push(['rsvg-convert + zbarimg', execFileSync('zbarimg', ['--raw', '-q', path.join(scratch, 'sign.png')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()]);
    } else {
      console.log('note: rsvg-convert is not installed: the sign is not rendered as a whole; its QR module path is rasterized here instead');
    }
    const qr = rasterizeSvgQr(svg);
    if (qr.png) {
      writeFileSync(path.join(scratch, 'qr.png'), qr.png);
      if (hasTool('zbarimg')) decoded.push(['zbarimg', execFileSync('zbarimg', ['--raw', '-q', path.join(scratch, 'qr.png')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()]);
      const img = PNG.sync.read(qr.png);
      const found = jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length), img.width, img.height);
      assert.ok(found, 'jsQR finds a QR code in the rasterized module path');
      decoded.push(['jsQR', found.data]);
    } else {
      console.log(`note: the QR code of the sign could not be rasterized here (${qr.why})`);
    }
    if (decoded.length === 0) {
      console.log('note: no way to decode the sign\'s QR code on this machine: QR check skipped');
      return;
    }
    for (const [how, text] of decoded) {
      assert.match(text, /^https?:\/\/[^/\s]+\/p\/1$/, `${how}: the QR code is the place page's URL: ${text}`);
      assert.ok(svg.includes(text), `${how}: the URL printed under the QR code is the one encoded`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});

// ---- keepers, merchants and review ----------------------------------------------------------

let spotSeq = 0;
/** A point on the BUPT campus near 杏坛路 (within 500 m of a road), 15 m apart for each call. */
function spot() {
  const k = spotSeq++;
  return { lat: 39.9615 + (k % 6) * 0.000135, lon: 116.3545 + Math.floor(k / 6) * 0.000175 };
}
const stationBody = (extra = {}) => ({ kind: 'station', name: `测试驿站${tag()}`, ...spot(), address: '海淀区西土城路10号',
  amenities: ['water', 'hot_water', 'microwave', 'phone_charging', 'seats'], opening_hours: 'Mo-Su 08:00-20:00', capacity: 10, ...extra });

async function created(who, body, status = 201) {
  const res = await as(who, 'POST', '/api/v1/places', { body });
  assert.equal(res.status, status, `POST place ${body.name} as ${who}: ${res.text.slice(0, 400)}`);
  return res.json;
}
async function reviewed(id, decision = 'approve', who = 'community') {
  const res = await as(who, 'POST', `/api/v1/places/${id}/review`, { body: { decision, note: '现场核实' } });
  assert.equal(res.status, 200, `review ${id} ${decision}: ${res.text.slice(0, 400)}`);
  return res.json;
}
const nearbyIdsAt = async (at) => ids(await nearby({ lat: BUPT.lat, lon: BUPT.lon, kind: 'station', at, limit: '50' }));

test('create → review: a keeper\'s new station is pending and unlisted until community staff approve it', async () => {
  const body = stationBody();
  const p = await created('keeper', body);
  assert.equal(p.status, 'pending');
  assert.equal(p.name, body.name);
  assert.equal(p.can_edit, true, 'the keeper owns it');
  assert.equal(p.opening_hours, 'Mo-Su 08:00-20:00');
  assert.ok(Math.abs(p.lat - body.lat) < 1e-6 && Math.abs(p.lon - body.lon) < 1e-6);
  assert.ok(!(await nearbyIdsAt(AT_1200)).includes(p.id), 'a pending place is not in nearby');
  assertProblem(await srv.api('GET', `/api/v1/places/${p.id}`), 404, 'not_found', 'anonymous GET of a pending place');
  const own = await as('keeper', 'GET', `/api/v1/places/${p.id}`);
  assert.equal(own.status, 200, own.text);
  assert.equal(own.json.status, 'pending');
  const mine = await as('keeper', 'GET', '/api/v1/places/mine');
  assert.equal(mine.status, 200, mine.text);
  const listed = mine.json.places.find((x) => x.id === p.id);
  assert.ok(listed, `GET /places/mine lists it: ${mine.json.places.map((x) => x.id)}`);
  assert.equal(listed.status, 'pending');
  assert.ok(mine.json.places.some((x) => x.id === KEEPERS_STATION), 'and the keeper\'s demo station');
  assert.ok(!mine.json.places.some((x) => x.id === STATION_24H), 'not other people\'s places');
  const queue = await as('community', 'GET', `/api/v1/places?area=${KEYUAN}&status=pending&limit=200`);
  assert.equal(queue.status, 200, queue.text);
  assert.ok(queue.json.places.some((x) => x.id === p.id), 'in the community\'s review queue');
  assertProblem(await as('keeper', 'POST', `/api/v1/places/${p.id}/review`, { body: { decision: 'approve' } }), 403, 'forbidden', 'a keeper approving her own place');
  expectInvalid(await as('community', 'POST', `/api/v1/places/${p.id}/review`, { body: { decision: 'maybe' } }), 'decision=maybe');

  const approved = await reviewed(p.id);
  assert.equal(approved.status, 'approved');
  const noon = await nearby({ lat: BUPT.lat, lon: BUPT.lon, kind: 'station', at: AT_1200, limit: '50' });
  const found = noon.places.find((x) => x.id === p.id);
  assert.ok(found, `approved: in nearby at 12:00: ${ids(noon)}`);
  assert.equal(found.open_now, true);
  assert.ok(!(await nearby({ lat: BUPT.lat, lon: BUPT.lon, kind: 'station', open_now: 'true', at: AT_2300, limit: '50' })).places.some((x) => x.id === p.id),
    'closed at 23:00');
  assert.equal((await srv.api('GET', `/api/v1/places/${p.id}`)).status, 200, 'public once approved');
  assertProblem(await as('community', 'POST', `/api/v1/places/${p.id}/review`, { body: { decision: 'approve' } }), 409, 'conflict', 'nothing left to review');
});

test('review: a rejected new place stays out of nearby and does not block its name', async () => {
  const body = stationBody();
  const p = await created('keeper', body);
  const rejected = await reviewed(p.id, 'reject');
  assert.equal(rejected.status, 'rejected');
  assert.ok(!(await nearbyIdsAt(AT_1200)).includes(p.id));
  const again = await created('keeper', body);
  assert.notEqual(again.id, p.id, 'the same name at the same spot is not a duplicate of a rejected place');
});

test('create: same name within 30 m → 409 duplicate_place with duplicate_of; merge_into files a pending change', async () => {
  const body = stationBody();
  const p = await created('keeper', body);
  // Also a pending place blocks a second one with its name.
  const near = { ...body, lat: body.lat + 0.00009 }; // 10 m north
  const dupPending = await as('keeper', 'POST', '/api/v1/places', { body: near });
  assertProblem(dupPending, 409, 'duplicate_place', 'duplicate of a pending place');
  assert.equal(dupPending.json.duplicate_of.id, p.id);
  await reviewed(p.id);

  const dup = await as('keeper', 'POST', '/api/v1/places', { body: near });
  const problem = assertProblem(dup, 409, 'duplicate_place', 'duplicate of an approved place');
  assert.equal(problem.duplicate_of.id, p.id);
  assert.equal(problem.duplicate_of.name, body.name);
  const d = metres(near, body);
  assert.ok(Math.abs(problem.duplicate_of.distance_m - d) <= 1, `distance_m ${problem.duplicate_of.distance_m} vs ${d.toFixed(1)}`);
  // Not duplicates: the same name 50 m away, another name at the same spot.
  const far = await created('keeper', { ...body, lat: body.lat + 0.00045 }); // 50 m (40 m from `near`)
  assert.notEqual(far.id, p.id);
  await created('keeper', { ...body, name: `${body.name}二部` });

  const merged = await as('keeper', 'POST', '/api/v1/places', { body: { ...near, capacity: 30, merge_into: p.id } });
  assert.equal(merged.status, 200, merged.text);
  assert.equal(merged.json.id, p.id);
  assert.equal(merged.json.status, 'approved');
  assert.equal(merged.json.pending_change, true, 'a keeper\'s merge waits for review');
  assert.equal(merged.json.capacity, 10, 'live fields unchanged');
  assert.equal((await srv.api('GET', `/api/v1/places/${p.id}`)).json.capacity, 10);
  const applied = await reviewed(p.id);
  assert.equal(applied.capacity, 30, 'approved merge applies');
  assert.equal(applied.pending_change, false);
});

test('create: bad input → 400 (opening_hours, capacity, amenity, scan_entry, name, position), unknown field, roles', async () => {
  const bad = async (extra, what, detail, code = 'validation_failed') => {
    const res = await as('keeper', 'POST', '/api/v1/places', { body: stationBody(extra) });
    const p = assertProblem(res, 400, code, what);
    if (detail) assert.match(p.detail, detail, `${what}: detail ${p.detail}`);
  };
  await bad({ opening_hours: 'Jan-Mar 08:00-20:00' }, 'months in opening_hours', /opening_hours/);
  await bad({ opening_hours: 'Mo-Su 25:00-26:00' }, 'hour 25', /opening_hours/);
  await bad({ capacity: -1 }, 'capacity -1', /capacity/);
  await bad({ capacity: 10001 }, 'capacity 10001', /capacity/);
  await bad({ capacity: 2.5 }, 'capacity 2.5', /capacity/);
  await bad({ amenities: ['water', 'jacuzzi'] }, 'unknown amenity', /amenit/);
  await bad({ kind: 'spa' }, 'unknown kind', /kind/);
  await bad({ kind: 'merchant', scan_entry: true }, 'scan_entry on a merchant', /scan_entry/);
  await bad({ name: '' }, 'empty name', /name/);
  await bad({ name: '   ' }, 'blank name', /name/);
  await bad({ name: '驿'.repeat(61) }, '61-character name', /name/);
  await bad({ address: '路'.repeat(121) }, 'address over 120 characters', /address/);
  await bad({ lat: 30, lon: 120 }, 'out of the city', /outside the city|不在本市范围内/);
  await bad({ lat: 39.975, lon: 116.33 }, 'more than 500 m from a road', /500 m/);
  await bad({ colour: 'red' }, 'unknown field', /colour/, 'unknown_field');
  await bad({ offers: { discount: '九折', free_beer: true } }, 'unknown offers field', /free_beer/, 'unknown_field');
  assertProblem(await as('keeper', 'POST', '/api/v1/places', { body: stationBody({ tier: 'flagship' }) }), 403, 'forbidden', 'tier from a keeper');
  assertProblem(await as('worker', 'POST', '/api/v1/places', { body: stationBody() }), 403, 'forbidden', 'a worker adds a place');
  assertProblem(await srv.api('POST', '/api/v1/places', { body: stationBody() }), 401, 'auth_required', 'anonymous');
  const merchant = await created('merchant', { ...stationBody(), kind: 'merchant', amenities: ['meals', 'seats'], offers: { discount: '骑手九折', rider_price_yuan: 12 } });
  assert.equal(merchant.status, 'pending');
  assert.equal(merchant.grade, null, 'only stations are graded');
  const staff = await created('community', stationBody({ tier: 'local' }));
  assert.equal(staff.status, 'approved', 'community staff add approved places');
  assert.equal(staff.tier, 'local');
});

test('PUT: the owner\'s change waits for review (live fields unchanged); approval applies it, version + 1; stale base_version → 409', async () => {
  const body = stationBody();
  const p = await created('keeper', body);
  const live = await reviewed(p.id);
  const v = live.version;
  const renamed = `${body.name}·新`;
  const put = await as('keeper', 'PUT', `/api/v1/places/${p.id}`, { body: { ...body, name: renamed, base_version: v } });
  assert.equal(put.status, 200, put.text);
  assert.equal(put.json.pending_change, true);
  assert.equal(put.json.name, body.name, 'the response shows the live name');
  assert.equal(put.json.version, v);
  const pub = (await srv.api('GET', `/api/v1/places/${p.id}`)).json;
  assert.equal(pub.name, body.name, 'GET shows the old name');
  assert.equal(pub.version, v);
  assert.equal(pub.pending_change, false, 'the public does not see pending changes');
  const queue = await as('community', 'GET', `/api/v1/places?area=${KEYUAN}&status=pending&limit=200`);
  const item = queue.json.places.find((x) => x.id === p.id);
  assert.ok(item, 'a pending change is in the review queue');
  assert.equal(item.pending?.name, renamed, `the queue shows the proposal: ${JSON.stringify(item.pending)}`);

  const approved = await reviewed(p.id);
  assert.equal(approved.name, renamed);
  assert.equal(approved.version, v + 1);
  assert.equal(approved.pending_change, false);
  const after = (await srv.api('GET', `/api/v1/places/${p.id}`)).json;
  assert.equal(after.name, renamed, 'new name live');
  assert.equal(after.version, v + 1);

  assertProblem(await as('keeper', 'PUT', `/api/v1/places/${p.id}`, { body: { ...body, name: renamed, capacity: 12, base_version: v } }), 409, 'conflict', 'stale base_version');
  // Staff edits apply at once.
  const staff = await as('community', 'PUT', `/api/v1/places/${p.id}`, { body: { ...body, name: renamed, capacity: 15, base_version: v + 1 } });
  assert.equal(staff.status, 200, staff.text);
  assert.equal(staff.json.capacity, 15);
  assert.equal(staff.json.version, v + 2);
  assert.equal(staff.json.pending_change, false);
  assertProblem(await as('keeper', 'PUT', `/api/v1/places/${STATION_24H}`, { body: stationBody() }), 403, 'forbidden', 'a keeper editing someone else\'s place');
});

// ---- photos ---------------------------------------------------------------------------------

const upload = (who, id, body, type = 'image/jpeg') =>
  srv.api('POST', `/api/v1/places/${id}/photos`, { token: who ? S[who].token : undefined, rawBody: body, headers: { 'Content-Type': type } });

test('photos: a JPEG with EXIF GPS → 201; served without EXIF/GPS, immutable, listed on the place; PNG; > 5 MiB → 413', async () => {
  const jpeg = jpegWithExif();
  assert.ok(jpeg.includes('Exif') && jpeg.includes('GPS'), 'the fixture carries EXIF GPS');
  const res = await upload('keeper', KEEPERS_STATION, jpeg);
  assert.equal(res.status, 201, res.text);
  assert.match(res.json.url, /^\/api\/v1\/place-photos\/[A-Za-z0-9_-]{22}$/, 'served by its public id');
  const photo = await srv.request('GET', res.json.url);
  assert.equal(photo.status, 200);
  assert.equal(String(photo.headers['content-type']), 'image/jpeg');
  assert.match(String(photo.headers['cache-control']), /immutable/);
  assert.ok(!photo.body.includes('Exif'), 'no Exif segment');
  assert.ok(!photo.body.includes('GPS'), 'no GPS bytes');
  assert.deepEqual([...photo.body.subarray(0, 2)], [0xff, 0xd8], 'still a JPEG');
  assert.deepEqual([...photo.body.subarray(-2)], [0xff, 0xd9]);
  const place = (await srv.api('GET', `/api/v1/places/${KEEPERS_STATION}`)).json;
  assert.ok(place.photos.includes(res.json.url), `the place lists it: ${place.photos}`);

  const png = new PNG({ width: 4, height: 4 });
  png.data.fill(200);
  const pngRes = await upload('keeper', KEEPERS_STATION, PNG.sync.write(png), 'image/png');
  assert.equal(pngRes.status, 201, pngRes.text);
  assert.equal(String((await srv.request('GET', pngRes.json.url)).headers['content-type']), 'image/png');

  const big = Buffer.concat([jpeg, Buffer.alloc(5 * 1024 * 1024 + 1 - jpeg.length, 0)]);
  assertProblem(await upload('keeper', KEEPERS_STATION, big), 413, 'body_too_large', '5 MiB + 1 byte');
  assertProblem(await upload(null, KEEPERS_STATION, jpeg), 401, 'auth_required', 'anonymous');
  assertProblem(await upload('keeper', STATION_24H, jpeg), [403, 404], undefined, 'a keeper on someone else\'s place');
  assertProblem(await srv.request('GET', '/api/v1/place-photos/99999999'), 404, 'not_found', 'unknown photo');
});

test('photos: a body that is not an image → 415 unsupported_media_type', async () => {
  // A body declared as another type is refused by its type (415); one declared as an image but
  // not one is a validation failure (400), as for every photo upload in the API.
  const text = Buffer.from('this is not an image, just a note\n');
  assertProblem(await upload('keeper', KEEPERS_STATION, text, 'text/plain'), 415, 'unsupported_media_type', 'a text/plain body');
  assertProblem(await upload('keeper', KEEPERS_STATION, text, 'image/jpeg'), 400, 'validation_failed', 'text labelled image/jpeg');
});

// ---- check-ins and visits -------------------------------------------------------------------

test('check-ins: a verified worker opens the 24/7 scan-entry station (201), a repeat within 10 minutes is not counted (200), id 2 has no door', async () => {
  const before = (await srv.api('GET', `/api/v1/places/${STATION_24H}`)).json.busy.checkins_last_hour;
  const first = await as('worker', 'POST', `/api/v1/places/${STATION_24H}/checkins`);
  assert.equal(first.status, 201, first.text);
  assert.equal(first.json.place_id, STATION_24H);
  assert.equal(first.json.door, 'opened');
  assert.equal(first.json.counted, true);
  assert.equal(first.json.checkins_last_hour, before + 1);
  assert.equal(typeof first.json.message, 'string');
  assert.ok(first.json.message.length > 0);
  const again = await as('worker', 'POST', `/api/v1/places/${STATION_24H}/checkins`);
  assert.equal(again.status, 200, again.text);
  assert.equal(again.json.counted, false);
  assert.equal(again.json.checkins_last_hour, before + 1, 'the same counts');
  const page = (await srv.api('GET', `/api/v1/places/${STATION_24H}`)).json;
  assert.equal(page.busy.checkins_last_hour, before + 1, 'the place page reflects the check-in');
  assert.equal(page.busy.level, 'quiet', '1 of capacity 20');

  const noDoor = await as('worker', 'POST', `/api/v1/places/${STATION_DAY}/checkins`);
  assert.equal(noDoor.status, 201, noDoor.text);
  assert.equal(noDoor.json.door, 'not_applicable');
  assertProblem(await srv.api('POST', `/api/v1/places/${STATION_24H}/checkins`), 401, 'auth_required', 'anonymous');
  assertProblem(await as('keeper', 'POST', `/api/v1/places/${STATION_24H}/checkins`), 403, 'forbidden', 'a keeper is not a worker');
  assertProblem(await as('worker', 'POST', '/api/v1/places/99999999/checkins'), 404, 'not_found', 'unknown place');
});

test('check-ins: an unverified worker\'s scan is counted but the door stays shut (refused)', async () => {
  const rider = await registerRider(srv, { name: '未认证骑手' });
  assert.notEqual(rider.me.worker.status, 'verified');
  const res = await srv.api('POST', `/api/v1/places/${STATION_24H}/checkins`, { token: rider.token });
  assert.equal(res.status, 201, res.text);
  assert.equal(res.json.door, 'refused');
  assert.match(res.json.message, /认证/);
});

test('visits: the keeper sees visits by kind and day of her own station; a worker, or another keeper\'s place → 403', async () => {
  const checkin = await as('worker', 'POST', `/api/v1/places/${KEEPERS_STATION}/checkins`);
  assert.ok([200, 201].includes(checkin.status), checkin.text);
  const res = await as('keeper', 'GET', `/api/v1/places/${KEEPERS_STATION}/visits`);
  assert.equal(res.status, 200, res.text);
  const v = res.json;
  assert.ok(v.total >= 1, `total ${v.total}`);
  assert.deepEqual(Object.keys(v.by_kind).sort(), ['food', 'parcel', 'ride', 'truck']);
  assert.ok(v.by_kind[WORKER_KIND] >= 1, `by_kind.${WORKER_KIND}: ${JSON.stringify(v.by_kind)}`);
  assert.equal(Object.values(v.by_kind).reduce((a, b) => a + b, 0), v.total, 'by_kind adds up to total');
  assert.equal(v.by_day.length, 30, 'days=30 by default');
  assert.equal(v.by_day.reduce((a, d) => a + d.count, 0), v.total, 'by_day adds up to total');
  const dates = v.by_day.map((d) => d.date);
  assert.deepEqual(dates, [...dates].sort(), 'oldest first');
  const todayBeijing = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  assert.equal(dates.at(-1), todayBeijing, 'ends today (Beijing)');
  assert.ok(v.by_day.at(-1).count >= 1, 'today\'s check-in');
  const week = await as('keeper', 'GET', `/api/v1/places/${KEEPERS_STATION}/visits?days=7`);
  assert.equal(week.status, 200, week.text);
  assert.equal(week.json.by_day.length, 7);
  expectInvalid(await as('keeper', 'GET', `/api/v1/places/${KEEPERS_STATION}/visits?days=0`), 'days=0');
  const street = await as('street', 'GET', `/api/v1/places/${KEEPERS_STATION}/visits`);
  assert.equal(street.status, 200, `staff in scope: ${street.text}`);
  assertProblem(await as('worker', 'GET', `/api/v1/places/${STATION_24H}/visits`), 403, 'forbidden', 'a worker');
  assertProblem(await as('keeper', 'GET', `/api/v1/places/${STATION_24H}/visits`), 403, 'forbidden', 'a keeper, of someone else\'s place');
  assertProblem(await srv.api('GET', `/api/v1/places/${STATION_24H}/visits`), 401, 'auth_required', 'anonymous');
});

// ---- coverage -------------------------------------------------------------------------------

async function coverage(who, area, hour, extra = '') {
  const res = await as(who, 'GET', `/api/v1/coverage?area=${area}&hour=${hour}${extra}`);
  assert.equal(res.status, 200, `coverage ${area} hour ${hour} as ${who}: ${res.text.slice(0, 300)}`);
  return res.json;
}

test('coverage: 学院路街道 at 23:00 — 24 hours, shares in [0,1], GeoJSON cells with gaps, outside compounds, stations open by hour', async () => {
  const c = await coverage('district', XUEYUANLU, 23);
  assert.equal(c.area.code, XUEYUANLU);
  assert.equal(c.minutes, 15);
  assert.equal(c.hour, 23);
  assert.equal(c.by_hour.length, 24);
  assert.deepEqual(c.by_hour.map((h) => h.hour), [...Array(24).keys()]);
  for (const h of c.by_hour) {
    assert.ok(h.share >= 0 && h.share <= 1, `share ${h.share} at ${h.hour}`);
    assert.ok(Number.isInteger(h.covered) && Number.isInteger(h.total) && h.covered >= 0 && h.covered <= h.total, JSON.stringify(h));
    assert.ok(Math.abs(h.share - (h.total ? h.covered / h.total : 0)) <= 0.0005, `share = covered/total: ${JSON.stringify(h)}`);
    assert.ok(Number.isInteger(h.open_stations) && h.open_stations >= 0);
  }
  const h23 = c.by_hour[23];
  assert.ok(h23.total > 0);
  assert.ok(c.compounds.covered <= c.compounds.total && c.depots.covered <= c.depots.total);
  assert.equal(c.compounds.covered + c.depots.covered, h23.covered, 'compounds + depots = by_hour[hour]');
  assert.equal(c.compounds.total + c.depots.total, h23.total);

  checkGeoJson(JSON.stringify(c.cells));
  assert.equal(c.cells.type, 'FeatureCollection');
  assert.ok(c.cells.features.length > 0);
  const corners = new Set();
  for (const f of c.cells.features) {
    assert.equal(f.geometry.type, 'Polygon');
    assert.equal(typeof f.properties.covered, 'boolean');
    const ring = f.geometry.coordinates[0];
    assert.equal(ring.length, 5);
    assert.deepEqual(ring[0], ring[4], 'closed ring');
    const side = turf.distance(ring[0], ring[1], { units: 'meters' });
    assert.ok(side > 250 && side < 350, `~300 m squares: ${side.toFixed(0)} m`);
    corners.add(ring[0].join(','));
  }
  assert.equal(corners.size, c.cells.features.length, 'no two cells in the same place');
  assert.ok(c.cells.features.some((f) => f.properties.covered), 'at least one covered cell');
  assert.ok(c.cells.features.some((f) => !f.properties.covered), 'at least one gap cell');

  const outsideCompounds = c.outside.filter((o) => o.kind === 'compound');
  assert.ok(outsideCompounds.length > 0, 'outside lists compounds');
  for (const o of c.outside) {
    assert.ok(['compound', 'depot'].includes(o.kind), JSON.stringify(o));
    assert.ok(typeof o.name === 'string' && o.name, JSON.stringify(o));
    assert.ok(o.minutes === null || o.minutes > 15, `outside means > 15 minutes: ${JSON.stringify(o)}`);
    if (o.kind === 'compound') assert.ok(typeof o.code === 'string' && o.code.startsWith(XUEYUANLU), `a compound of the street: ${o.code}`);
    else assert.ok(Number.isInteger(o.id), JSON.stringify(o));
  }
  assert.equal(c.outside.length, h23.total - h23.covered, 'outside = total with road data − covered');

  const station = (data, id) => data.stations.find((s) => s.id === id);
  assert.equal(station(c, STATION_DAY)?.open, false, '西土城路爱心驿站 is closed at 23:00');
  assert.equal(station(c, STATION_24H)?.open, true, 'the 24/7 station is open at 23:00');
  assert.equal(station(c, STATION_24H)?.grade, 'A');
  assert.equal(h23.open_stations, c.stations.filter((s) => s.open).length, 'by_hour[23].open_stations = stations open');
  const noon = await coverage('district', XUEYUANLU, 12);
  assert.equal(noon.hour, 12);
  assert.equal(station(noon, STATION_DAY)?.open, true, '西土城路爱心驿站 is open at 12:00');
  assert.deepEqual(noon.by_hour, c.by_hour, 'by_hour does not depend on the chosen hour');
  for (const l of c.liaison) {
    assert.ok(Number.isInteger(l.depot.id) && l.depot.name, JSON.stringify(l));
    assert.ok(l.stations.length <= 3);
  }
});

test('coverage is honest over the demo district: every compound and depot counted once; those without road data apart, never as gaps', async () => {
  const district = S.district.account.area.code;
  const c = await coverage('district', district, 23);
  const n = c.counts;
  for (const key of ['total', 'with_road_data', 'covered', 'not_covered', 'no_road_data']) assert.ok(Number.isInteger(n[key]) && n[key] >= 0, `counts.${key}: ${JSON.stringify(n)}`);
  assert.equal(n.with_road_data + n.no_road_data, n.total, `total = with road data + without: ${JSON.stringify(n)}`);
  assert.equal(n.covered + n.not_covered, n.with_road_data, `with road data = covered + not covered: ${JSON.stringify(n)}`);
  assert.ok(n.no_road_data > 0, 'the demo district has compounds or depots outside the imported roads');
  assert.ok(n.with_road_data > 0 && n.covered > 0);
  // The share is over those with road data, and says so.
  const h = c.by_hour[23];
  assert.deepEqual({ covered: h.covered, total: h.total }, { covered: n.covered, total: n.with_road_data }, 'by_hour[hour] = covered of those with road data');
  assert.ok(Math.abs(h.share - n.covered / n.with_road_data) <= 0.0005, `share ${h.share}`);
  assert.equal(c.compounds.total + c.depots.total, n.with_road_data, 'per kind: total = with road data');
  assert.equal(c.compounds.covered + c.depots.covered, n.covered);
  assert.equal(c.compounds.no_road_data + c.depots.no_road_data, n.no_road_data);
  // The lists: gaps and no-road-data apart, each point in at most one.
  assert.equal(c.outside.length, n.not_covered, 'outside lists exactly the points with road data not covered');
  assert.equal(c.no_road_data.length, n.no_road_data, 'no_road_data lists every point without road data');
  const key = (o) => (o.kind === 'compound' ? `c${o.code}` : `d${o.id}`);
  const gaps = new Set(c.outside.map(key));
  for (const o of c.no_road_data) {
    assert.ok(['compound', 'depot'].includes(o.kind) && o.name, JSON.stringify(o));
    assert.ok(!gaps.has(key(o)), `${o.name} has no road data, so it is not listed as unreachable`);
    assert.ok(!('minutes' in o), `no riding time without road data: ${JSON.stringify(o)}`);
  }
  assert.equal(new Set([...c.outside, ...c.no_road_data].map(key)).size, n.not_covered + n.no_road_data, 'no point listed twice');
  // Cross-checked with the nearby search, which refuses a point more than 500 m from any road.
  for (const o of c.no_road_data.slice(0, 8)) {
    const res = await srv.api('GET', nearbyPath({ lat: o.lat, lon: o.lon, kind: 'station', limit: '1' }));
    assert.equal(res.status, 400, `${o.name} (${o.lat}, ${o.lon}) has no road data, so nearby refuses it: ${res.text.slice(0, 200)}`);
  }
  for (const o of c.outside.slice(0, 8)) {
    const res = await srv.api('GET', nearbyPath({ lat: o.lat, lon: o.lon, kind: 'station', limit: '1' }));
    assert.equal(res.status, 200, `${o.name} is a gap with road data, so nearby answers: ${res.text.slice(0, 200)}`);
  }
  // Every compound with a position in the district is counted (not only those inside the road data).
  let placed = 0;
  for (let offset = 0, total = 1; offset < total; offset += 200) {
    const page = await as('district', 'GET', `/api/v1/compounds?area=${district}&limit=200&offset=${offset}`);
    assert.equal(page.status, 200, page.text.slice(0, 300));
    total = page.json.total;
    placed += page.json.items.filter((k) => typeof k.lat === 'number' && typeof k.lon === 'number').length;
    if (page.json.items.length === 0) break;
  }
  assert.equal(c.compounds.total + c.compounds.no_road_data, placed, 'compounds counted = the district\'s compounds with a position');
});

test('coverage agrees with nearby: a compound is covered at 23:00 iff its nearest open station is ≤ 15 minutes by road', async () => {
  const c = await coverage('district', XUEYUANLU, 23);
  const outside = new Set(c.outside.filter((o) => o.kind === 'compound').map((o) => o.code));
  const noRoad = new Set(c.no_road_data.filter((o) => o.kind === 'compound').map((o) => o.code));
  const list = await as('district', 'GET', `/api/v1/compounds?area=${XUEYUANLU}&limit=200`);
  assert.equal(list.status, 200, list.text);
  let checked = 0;
  const mismatches = [];
  for (const k of list.json.items) {
    if (typeof k.lat !== 'number' || typeof k.lon !== 'number') continue;
    const res = await srv.api('GET', nearbyPath({ lat: k.lat, lon: k.lon, kind: 'station', open_now: 'true', at: AT_2330, limit: '1' }));
    if (res.status === 400) {
      assert.ok(noRoad.has(k.code) && !outside.has(k.code), `${k.name_zh}: off the road network, so no road data (not a gap)`);
      continue;
    }
    assert.equal(res.status, 200, res.text.slice(0, 300));
    assert.ok(!noRoad.has(k.code), `${k.name_zh}: on the road network, so it has road data`);
    const best = res.json.places[0]?.road_seconds ?? Infinity;
    if (Math.abs(best - 900) <= 2) continue; // too close to call with whole seconds
    checked++;
    if ((best <= 900) === outside.has(k.code)) mismatches.push(`${k.name_zh}: nearest open station ${best} s, ${outside.has(k.code) ? 'outside' : 'covered'}`);
  }
  assert.ok(checked >= 10, `compounds checked: ${checked}`);
  assert.deepEqual(mismatches, []);
});

test('coverage: keepers → 403; an area outside the officer\'s scope → 403; community officers see their community; bad hour → 400', async () => {
  assertProblem(await as('keeper', 'GET', `/api/v1/coverage?area=${XUEYUANLU}&hour=23`), 403, 'forbidden', 'a keeper');
  assertProblem(await as('worker', 'GET', `/api/v1/coverage?area=${XUEYUANLU}&hour=23`), 403, 'forbidden', 'a worker');
  assert.notEqual(S.street.account.area.code, XUEYUANLU, 'demo-street runs another street');
  assertProblem(await as('street', 'GET', `/api/v1/coverage?area=${XUEYUANLU}&hour=23`), 403, 'forbidden', 'another street');
  assertProblem(await as('community', 'GET', `/api/v1/coverage?area=${XUEYUANLU}&hour=23`), 403, 'forbidden', 'a community officer, for a street');
  const own = await coverage('street', S.street.account.area.code, 23);
  assert.equal(own.area.code, S.street.account.area.code);
  const community = await coverage('community', KEYUAN, 23);
  assert.equal(community.area.code, KEYUAN);
  assertProblem(await srv.api('GET', `/api/v1/coverage?area=${XUEYUANLU}&hour=23`), 401, 'auth_required', 'anonymous');
  expectInvalid(await as('district', 'GET', `/api/v1/coverage?area=${XUEYUANLU}&hour=24`), 'hour=24');
  expectInvalid(await as('district', 'GET', `/api/v1/coverage?area=${XUEYUANLU}&hour=-1`), 'hour=-1');
  expectInvalid(await as('district', 'GET', `/api/v1/coverage?area=${XUEYUANLU}&hour=23&minutes=0`), 'minutes=0');
  assertProblem(await as('district', 'GET', '/api/v1/coverage?area=110108999&hour=23'), 404, 'not_found', 'unknown area');
});

// ---- plan -----------------------------------------------------------------------------------

async function plan(body, who = 'district') {
  const res = await as(who, 'POST', '/api/v1/coverage/plan', { body });
  assert.equal(res.status, 200, `plan ${JSON.stringify(body).slice(0, 200)}: ${res.text.slice(0, 400)}`);
  const p = res.json;
  const k = body.k ?? 3;
  assert.ok(p.picks.length <= k, `at most k picks: ${p.picks.length}`);
  let covered = p.before.covered;
  let last = Infinity;
  for (const pick of p.picks) {
    assert.ok(pick.gained > 0, `a pick gains coverage: ${JSON.stringify(pick)}`);
    assert.ok(pick.gained <= last, `greedy: gains never increase: ${p.picks.map((x) => x.gained)}`);
    last = pick.gained;
    covered += pick.gained;
    assert.equal(pick.covered_after, covered, 'covered_after is cumulative');
    assert.ok(Math.abs(pick.share_after - covered / p.before.total) <= 0.0005, JSON.stringify(pick));
    assert.ok(['merchants', 'compounds', 'custom'].includes(pick.source), pick.source);
    assert.ok(typeof pick.label === 'string' && pick.label, JSON.stringify(pick));
  }
  assert.equal(p.after.covered, covered);
  assert.equal(p.after.total, p.before.total);
  assert.ok(p.after.covered <= p.after.total);
  assert.ok(p.after.share >= p.before.share, `after ${p.after.share} ≥ before ${p.before.share}`);
  return p;
}

test('plan: 学院路街道 at 23:00, k = 3 → greedy picks from merchants and property offices; before = coverage', async () => {
  const p = await plan({ area: XUEYUANLU, hour: 23, k: 3 });
  const c = await coverage('district', XUEYUANLU, 23);
  assert.deepEqual({ covered: p.before.covered, total: p.before.total }, { covered: c.by_hour[23].covered, total: c.by_hour[23].total }, 'plan.before = coverage at the hour');
  assert.ok(p.picks.length > 0, 'a street with gaps gets suggestions');
  assert.ok(p.after.share > p.before.share);
  assert.ok(p.candidates_considered >= p.picks.length);
  // Greedy's first pick covers as much as its site does on its own, and no later pick more.
  const alone = await plan({ area: XUEYUANLU, hour: 23, k: 1, sources: [], candidates: [{ lat: p.picks[0].lat, lon: p.picks[0].lon }] });
  assert.equal(alone.picks[0]?.gained, p.picks[0].gained, 'the first pick gains what it covers alone');
  const one = await plan({ area: XUEYUANLU, hour: 23, k: 1 });
  assert.equal(one.picks[0].gained, p.picks[0].gained, 'k = 1 picks as much as the first pick of k = 3');
});

test('plan: custom candidate points are picked (source custom) when they add coverage; a useless one is not', async () => {
  // The sites the default plan picks, offered again as the officer's own points (with nothing else
  // but a point next to a station already open at 23:00, which can add nothing), are picked in the
  // same order with the same gains, now as source "custom".
  const defaults = await plan({ area: XUEYUANLU, hour: 23, k: 3 });
  assert.ok(defaults.picks.length > 0);
  const c = await coverage('district', XUEYUANLU, 23);
  const open = c.stations.find((s) => s.open && s.id === STATION_24H);
  assert.ok(open, 'the 24/7 station serves 学院路街道 at 23:00');
  const mine = defaults.picks.map((pick, i) => ({ lat: pick.lat, lon: pick.lon, label: `选点${i + 1}` }));
  const body = { area: XUEYUANLU, hour: 23, k: 3, sources: [], candidates: [{ lat: open.lat, lon: open.lon, label: '已有驿站旁' }, ...mine] };
  const p = await plan(body);
  assert.equal(p.candidates_considered, mine.length + 1);
  assert.deepEqual(p.picks.map((x) => x.label), mine.map((x) => x.label), `the point beside an open station is never picked: ${JSON.stringify(p.picks)}`);
  assert.deepEqual(p.picks.map((x) => x.source), mine.map(() => 'custom'));
  assert.deepEqual(p.picks.map((x) => x.gained), defaults.picks.map((x) => x.gained), 'the same gains');
  assert.deepEqual(p.after, defaults.after);
  p.picks.forEach((x, i) => assert.ok(Math.abs(x.lat - mine[i].lat) < 1e-6 && Math.abs(x.lon - mine[i].lon) < 1e-6, `pick ${i} where it was put`));
  const useless = await plan({ area: XUEYUANLU, hour: 23, k: 3, sources: [], candidates: [body.candidates[0]] });
  assert.deepEqual(useless.picks, [], 'a point that adds nothing is not a pick');
  assert.deepEqual(useless.after, useless.before);
  const unlabelled = await plan({ area: XUEYUANLU, hour: 23, k: 1, sources: [], candidates: [{ lat: mine[0].lat, lon: mine[0].lon }] });
  assert.equal(unlabelled.picks[0]?.source, 'custom');
  assert.ok(unlabelled.picks[0].label.length > 0, 'a label is made up');
  // With the default sources the custom points are candidates too.
  const both = await plan({ area: XUEYUANLU, hour: 23, k: 3, candidates: body.candidates });
  assert.equal(both.candidates_considered, defaults.candidates_considered + body.candidates.length);
});

test('plan: k = 0, candidates out of range, bad sources → 400; keeper or another street → 403', async () => {
  const bad = async (body, what, detail) => expectInvalid(await as('district', 'POST', '/api/v1/coverage/plan', { body }), what, detail);
  await bad({ area: XUEYUANLU, hour: 23, k: 0 }, 'k=0', /k/);
  await bad({ area: XUEYUANLU, hour: 23, k: 21 }, 'k=21', /k/);
  await bad({ area: XUEYUANLU, hour: 24, k: 3 }, 'hour=24', /hour/);
  await bad({ area: XUEYUANLU, hour: 23, k: 3, candidates: [{ lat: 95, lon: 116.35 }] }, 'candidate lat 95');
  await bad({ area: XUEYUANLU, hour: 23, k: 3, candidates: [{ lat: -91, lon: 116.35 }] }, 'candidate lat -91');
  await bad({ area: XUEYUANLU, hour: 23, k: 3, candidates: [{ lat: '40.0', lon: 116.35 }] }, 'candidate lat as text');
  await bad({ area: XUEYUANLU, hour: 23, k: 3, candidates: [{ lat: 39.975, lon: 116.33 }] }, 'a candidate 500 m from any road', /500 m/);
  await bad({ area: XUEYUANLU, hour: 23, k: 3, sources: ['banks'] }, 'unknown source', /sources/);
  await bad({ hour: 23, k: 3 }, 'no area', /area/);
  assertProblem(await as('district', 'POST', '/api/v1/coverage/plan', { body: { area: XUEYUANLU, k: 3, colour: 'red' } }), 400, 'unknown_field', 'unknown field');
  assertProblem(await as('keeper', 'POST', '/api/v1/coverage/plan', { body: { area: XUEYUANLU, hour: 23, k: 3 } }), 403, 'forbidden', 'a keeper');
  assertProblem(await as('street', 'POST', '/api/v1/coverage/plan', { body: { area: XUEYUANLU, hour: 23, k: 3 } }), 403, 'forbidden', 'another street');
});

// ---- integers beyond int64 ------------------------------------------------------------------

test('integers beyond 2^63 in place and plan bodies → 4xx, not 500', async () => {
  // Regression: integers above 2^63 - 1 once passed the type check and made the handlers throw (500).
  const huge = '9223372036854775808';
  const raw = (obj, key) => JSON.stringify(obj).replace(`"${key}":0`, `"${key}":${huge}`);
  const headers = { 'Content-Type': 'application/json' };
  const failures = [];
  const expect = async (what, res, ok) => {
    if (!ok.includes(res.status)) failures.push(`${what}: ${res.status} ${res.text.slice(0, 120)}`);
  };
  await expect('POST /places capacity', await as('keeper', 'POST', '/api/v1/places', { rawBody: raw(stationBody({ capacity: 0 }), 'capacity'), headers }), [400]);
  await expect('POST /places merge_into', await as('keeper', 'POST', '/api/v1/places', { rawBody: raw(stationBody({ merge_into: 0 }), 'merge_into'), headers }), [400, 404]);
  const own = await created('keeper', stationBody());
  await expect('PUT /places/{id} base_version', await as('keeper', 'PUT', `/api/v1/places/${own.id}`, { rawBody: raw(stationBody({ base_version: 0 }), 'base_version'), headers }), [400, 409]);
  for (const key of ['k', 'hour', 'minutes']) {
    await expect(`POST /coverage/plan ${key}`, await as('district', 'POST', '/api/v1/coverage/plan', { rawBody: raw({ area: XUEYUANLU, [key]: 0 }, key), headers }), [400]);
  }
  assert.deepEqual(failures, []);
});
