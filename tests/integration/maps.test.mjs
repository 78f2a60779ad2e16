// Compound maps and wayfinding (docs/maps.md): the public map (GeoJSON, ETag, gzip), editing by
// community staff (versions, conflicts, undo, history, all-or-nothing imports, limits, scope,
// CSRF), the osmChange export, the poster, address parsing, routes to the door and multi-drop.
//
// The demo server imports the Beijing OpenStreetMap extracts (© OpenStreetMap contributors,
// ODbL 1.0): 北京邮电大学 (gates, buildings, entrances) is read-only here; 华清嘉园小区 (an OSM
// outline and lanes, no buildings, in demo-community's scope) is where staff draw.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { check as checkGeoJson } from '@placemarkio/check-geojson';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import * as turf from '@turf/turf';
import { useServer, assertProblem, rawRequest, jpegWithExif } from './harness.mjs';

const srv = useServer();
const S = {};
let BUPT; // 北京邮电大学: a gated campus imported from OpenStreetMap
let HQ; // 华清嘉园小区: demo-community's compound, edited here
let NOMAP; // a compound of the district without a map (version 0), outside demo-community's scope
let DRAW; // a compound in demo-community's scope without a map: drawn from scratch

const enc = encodeURIComponent;
const AT_NOON = Date.parse('2026-06-10T12:00:00+08:00') / 1000; // Beijing time
const AT_2300 = Date.parse('2026-06-10T23:00:00+08:00') / 1000;
const AT_0630 = Date.parse('2026-06-10T06:30:00+08:00') / 1000;

/** docs/maps.md answers bad input (and "no route") with 400 validation_failed and the reason in `detail`. */
function expectInvalid(res, what) {
  return assertProblem(res, 400, 'validation_failed', what);
}

const mapPath = (code) => `/api/v1/compounds/${code}/map`;
const featuresPath = (code, id) => `/api/v1/compounds/${code}/map/features${id ? `/${id}` : ''}`;
const withBase = (p, v) => (v === undefined ? p : `${p}?base_version=${v}`);
const as = (who, method, p, opts = {}) => srv.api(method, p, { token: S[who].token, ...opts });

async function getMap(code, headers = {}) {
  const res = await srv.api('GET', mapPath(code), { headers });
  assert.equal(res.status, 200, `GET map ${code}: ${res.text.slice(0, 300)}`);
  return res.json;
}
/** What must not change when a write is refused. */
async function snapshot(code) {
  const m = await getMap(code);
  return { version: m.version, features: m.features };
}
const byId = (m, id) => m.features.find((f) => f.id === id);

const point = (lon, lat, properties) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties });
/** A counter-clockwise square (RFC 7946 exterior ring) with its south-west corner at lon, lat. */
const squareRing = (lon, lat, d = 0.0003) => [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]];
const polygon = (ring, properties) => ({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties });

async function add(who, code, feature, baseVersion) {
  return as(who, 'POST', withBase(featuresPath(code), baseVersion), { body: feature });
}
async function added(who, code, feature, baseVersion) {
  const res = await add(who, code, feature, baseVersion);
  assert.equal(res.status, 201, `POST ${feature.properties.kind} ${feature.properties.label ?? ''}: ${res.text}`);
  assert.ok(Number.isInteger(res.json.id) && res.json.id > 0, res.text);
  assert.ok(Number.isInteger(res.json.version), res.text);
  return res.json;
}
async function updated(who, code, id, feature, baseVersion) {
  const res = await as(who, 'PUT', withBase(featuresPath(code, id), baseVersion), { body: feature });
  assert.equal(res.status, 200, `PUT feature ${id}: ${res.text}`);
  assert.equal(res.json.id, id);
  return res.json;
}
async function undo(who, code) {
  const res = await as(who, 'POST', `/api/v1/compounds/${code}/map/undo`);
  assert.equal(res.status, 200, `undo: ${res.text}`);
  return res.json;
}
async function history(who, code, limit = 50) {
  const res = await as(who, 'GET', `/api/v1/compounds/${code}/map/history?limit=${limit}`);
  assert.equal(res.status, 200, `history: ${res.text}`);
  return res.json.items;
}
async function parse(q, compound) {
  const res = await srv.api('GET', `/api/v1/address/parse?q=${enc(q)}${compound ? `&compound=${compound}` : ''}`);
  assert.equal(res.status, 200, `parse ${q}: ${res.text}`);
  return res.json;
}
async function route(code, query) {
  return srv.api('GET', `/api/v1/compounds/${code}/route?${query}`);
}
async function routeOk(code, query) {
  const res = await route(code, query);
  assert.equal(res.status, 200, `route ${code}?${query}: ${res.text.slice(0, 400)}`);
  assertRouteShape(res, query);
  return res.json;
}
function assertRouteShape(res, what) {
  assert.match(String(res.headers['content-type']), /^application\/(geo\+)?json/, what);
  const r = res.json;
  assert.equal(r.type, 'FeatureCollection', what);
  checkGeoJson(JSON.stringify({ type: r.type, features: r.features }));
  assert.ok(r.features.length > 0, `${what}: at least one leg`);
  for (const f of r.features) {
    assert.equal(f.geometry.type, 'LineString', what);
    assert.ok(['ride', 'walk'].includes(f.properties.mode), `${what}: mode ${f.properties.mode}`);
  }
  assert.ok(r.distance_m > 0, `${what}: distance_m ${r.distance_m}`);
  assert.ok(r.duration_s > 0, `${what}: duration_s ${r.duration_s}`);
  assert.ok(Math.abs(r.ride_m + r.walk_m - r.distance_m) <= 1, `${what}: ride_m + walk_m = distance_m (${r.ride_m} + ${r.walk_m} vs ${r.distance_m})`);
  assert.ok(Array.isArray(r.steps) && r.steps.length > 0, `${what}: steps`);
  for (const s of r.steps) {
    assert.equal(typeof s.text, 'string');
    assert.match(s.text, /[\u4e00-\u9fff]/, `${what}: a Chinese step: ${s.text}`);
    assert.ok(['ride', 'walk'].includes(s.mode), `${what}: step mode ${s.mode}`);
  }
  assert.ok(r.target && Number.isInteger(r.target.id) && typeof r.target.label === 'string' && r.target.label, `${what}: target ${JSON.stringify(r.target)}`);
  assert.match(r.summary, /到/, `${what}: summary ${r.summary}`);
  assert.ok(r.summary.includes(r.target.label), `${what}: summary names the target ${r.target.label}: ${r.summary}`);
  assert.ok(Array.isArray(r.closed), `${what}: closed`);
  // The reported distance covers at least the drawn lines (off-path stretches may cost more).
  const drawn = r.features.reduce((sum, f) => sum + turf.length(f, { units: 'meters' }), 0);
  assert.ok(r.distance_m >= drawn * 0.95 - 2, `${what}: distance_m ${r.distance_m} < drawn ${drawn.toFixed(1)} m`);
}
const firstPosition = (r) => r.features[0].geometry.coordinates[0];
function assertNear(actual, expected, what, eps = 1e-6) {
  assert.ok(Math.abs(actual[0] - expected[0]) <= eps && Math.abs(actual[1] - expected[1]) <= eps,
    `${what}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`);
}

before(async () => {
  await srv.start();
  for (const who of ['admin', 'district', 'community', 'grid', 'guard', 'worker']) S[who] = await srv.login(`demo-${who}`);
  const bupt = await parse('北京邮电大学');
  assert.equal(bupt.compound?.name, '北京邮电大学', JSON.stringify(bupt));
  BUPT = bupt.compound.code;
  const hq = await parse('华清嘉园小区');
  assert.equal(hq.compound?.name, '华清嘉园小区', JSON.stringify(hq));
  HQ = hq.compound.code;
  const mine = await as('community', 'GET', '/api/v1/compounds?limit=200');
  assert.equal(mine.status, 200, mine.text);
  const scope = new Set(mine.json.items.map((c) => c.code));
  assert.ok(scope.has(HQ), `${HQ} is in demo-community's scope`);
  assert.ok(!scope.has(BUPT), `${BUPT} is outside demo-community's scope`);
  for (const c of mine.json.items) {
    if (c.code !== HQ && (await getMap(c.code)).version === 0) { DRAW = c.code; break; }
  }
  const all = await as('district', 'GET', '/api/v1/compounds?limit=200');
  assert.equal(all.status, 200, all.text);
  for (const c of all.json.items) {
    if (!scope.has(c.code) && (await getMap(c.code)).version === 0) { NOMAP = c.code; break; }
  }
  assert.ok(DRAW && NOMAP, `compounds without a map: in scope ${DRAW}, outside ${NOMAP}`);
});

// ---- GET map -------------------------------------------------------------------------------

test('GET map: public FeatureCollection, valid RFC 7946, compound, version, source, attribution, bbox', async () => {
  for (const code of [BUPT, HQ]) {
    const res = await srv.api('GET', mapPath(code)); // no token
    assert.equal(res.status, 200, res.text.slice(0, 300));
    assert.match(String(res.headers['content-type']), /^application\/geo\+json/);
    checkGeoJson(res.text); // throws a HintError listing the issues
    const m = res.json;
    assert.equal(m.type, 'FeatureCollection');
    assert.equal(m.compound.code, code);
    assert.equal(typeof m.compound.name, 'string');
    assert.ok(Math.abs(m.compound.lat - 39.96) < 0.1 && Math.abs(m.compound.lon - 116.34) < 0.1, JSON.stringify(m.compound));
    assert.ok(m.version >= 1, `an imported map has a version: ${m.version}`);
    assert.match(m.source, /osm/);
    assert.equal(m.attribution, '© OpenStreetMap contributors, ODbL 1.0');
    assert.equal(m.bbox.length, 4);
    const [w, s, e, n] = m.bbox;
    for (const f of m.features) {
      assert.ok(Number.isInteger(f.id), `every stored feature has an id: ${JSON.stringify(f).slice(0, 200)}`);
      assert.ok(typeof f.properties.kind === 'string');
      for (const [lon, lat] of turf.coordAll(f)) assert.ok(lon >= w && lon <= e && lat >= s && lat <= n, `${f.id} inside the bbox`);
    }
    assert.equal(m.features.filter((f) => f.properties.kind === 'boundary').length, 1, 'one boundary');
  }
  const bupt = await getMap(BUPT);
  const count = (k) => bupt.features.filter((f) => f.properties.kind === k).length;
  // 4 gates: each named gate has a lift gate beside it in OpenStreetMap, merged into it.
  assert.ok(count('building') >= 40 && count('gate') >= 4 && count('entrance') >= 50, `BUPT: ${count('building')} buildings, ${count('gate')} gates, ${count('entrance')} entrances`);
  for (const g of bupt.features.filter((f) => f.properties.kind === 'gate')) {
    assert.equal(g.geometry.type, 'Point');
    assert.ok(g.properties.label, 'gates have labels');
    assert.ok(['pedestrian', 'vehicle', 'garage'].includes(g.properties.gate_kind), JSON.stringify(g.properties));
    for (const k of ['workers_allowed', 'green_lane', 'walk', 'ride']) assert.equal(typeof g.properties[k], 'boolean', `${k} on a gate`);
  }
  const hq = await getMap(HQ);
  assert.equal(hq.features.filter((f) => f.properties.kind === 'building').length, 0, '华清嘉园小区 has no buildings in OSM');
  assert.ok(hq.features.some((f) => f.properties.kind === 'path'), '华清嘉园小区 has lanes');
});

test('GET map: a compound without a map is version 0 with no features and no attribution', async () => {
  const m = await getMap(NOMAP);
  checkGeoJson(JSON.stringify(m));
  assert.equal(m.version, 0);
  assert.deepEqual(m.features, []);
  assert.equal(m.attribution, undefined);
  assert.equal(m.compound.code, NOMAP);
});

test('GET map: polygons follow the right-hand rule (RFC 7946 §3.1.6: exterior rings counter-clockwise)', async () => {
  const bad = [];
  for (const code of [BUPT, HQ]) {
    for (const f of (await getMap(code)).features) {
      if (f.geometry.type !== 'Polygon') continue;
      const [outer, ...holes] = f.geometry.coordinates;
      if (turf.booleanClockwise(outer)) bad.push(`${code} ${f.properties.kind} ${f.properties.label ?? ''} ${f.properties.osm_ref ?? f.id}: exterior ring clockwise`);
      for (const h of holes) if (!turf.booleanClockwise(h)) bad.push(`${code} ${f.id}: hole counter-clockwise`);
    }
  }
  assert.deepEqual(bad.slice(0, 10), [], `${bad.length} polygons break the right-hand rule`);
});

test('GET map: ETag + If-None-Match → 304; gzip on Accept-Encoding: gzip; the BUPT map is small', async () => {
  const plain = await srv.api('GET', mapPath(BUPT));
  const etag = plain.headers.etag;
  assert.match(String(etag), /^"[^"]+"$/, `a strong ETag: ${etag}`);
  assert.match(String(plain.headers.vary), /accept-encoding/i);
  const again = await srv.api('GET', mapPath(BUPT), { headers: { 'If-None-Match': etag } });
  assert.equal(again.status, 304, again.text.slice(0, 200));
  assert.equal(again.body.length, 0, '304 has no body');
  assert.equal(again.headers.etag, etag);
  const other = await srv.api('GET', mapPath(BUPT), { headers: { 'If-None-Match': '"not-this-one"' } });
  assert.equal(other.status, 200);
  const gz = await srv.api('GET', mapPath(BUPT), { headers: { 'Accept-Encoding': 'gzip' } });
  assert.equal(gz.status, 200);
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.equal(gz.headers.etag, etag);
  const unzipped = zlib.gunzipSync(gz.body);
  assert.ok(unzipped.equals(plain.body), 'the gzip body decompresses to the plain body');
  const buildings = plain.json.features.filter((f) => f.properties.kind === 'building').length;
  console.log(`BUPT map: ${plain.json.features.length} features (${buildings} buildings), ${plain.body.length} bytes, ${gz.body.length} bytes gzipped`);
  assert.ok(gz.body.length <= 50 * 1024, `gzipped BUPT map ${gz.body.length} bytes > 50 KB`);
  const noGzip = await srv.api('GET', mapPath(BUPT), { headers: { 'Accept-Encoding': 'identity' } });
  assert.equal(noGzip.headers['content-encoding'], undefined);
});

test('GET map: If-None-Match uses weak comparison and lists (RFC 9110 §13.1.2)', async () => {
  const { etag } = (await srv.api('GET', mapPath(BUPT))).headers;
  // A proxy that gzips marks the ETag weak; browsers send back what they got; lists are allowed.
  for (const header of [`W/${etag}`, `"x", ${etag}`, '*']) {
    const res = await srv.api('GET', mapPath(BUPT), { headers: { 'If-None-Match': header } });
    assert.equal(res.status, 304, `If-None-Match: ${header} → ${res.status}`);
  }
});

test('GET map: unknown compound and non-compound area codes → 404 not_found', async () => {
  assertProblem(await srv.api('GET', mapPath('110108999999999')), 404, 'not_found', 'unknown compound');
  assertProblem(await srv.api('GET', mapPath(BUPT.slice(0, 12))), 404, 'not_found', 'a community code');
  assertProblem(await srv.api('GET', mapPath(BUPT.slice(0, 9))), 404, 'not_found', 'a street code');
  assertProblem(await srv.api('GET', mapPath('110108')), 404, 'not_found', 'a district code');
  assertProblem(await srv.api('GET', mapPath('x'.repeat(200))), 404, 'not_found', 'a long code');
  const nul = await srv.api('GET', mapPath('%00'));
  assert.ok(nul.status >= 400 && nul.status < 500, `a NUL code: ${nul.status}`);
});

// ---- Editing -------------------------------------------------------------------------------

const HQ_F = {}; // features drawn on 华清嘉园小区 by the tests: building, entrance, parking, gate

test('edit: building 3号楼, entrance 2单元 with building_id, parking; each bumps the version', async () => {
  const before = await srv.api('GET', mapPath(HQ));
  const v0 = before.json.version;
  const b = await added('community', HQ, polygon(squareRing(116.3300, 39.9898), { kind: 'building', label: '3号楼', number: '3', floors: 6 }), v0);
  assert.equal(b.version, v0 + 1);
  const e = await added('community', HQ, point(116.33015, 39.9898, { kind: 'entrance', label: '2单元', number: '2', building_id: b.id }), v0 + 1);
  assert.equal(e.version, v0 + 2);
  const p = await added('community', HQ, point(116.3297, 39.98975, { kind: 'parking', label: '临停区', capacity: 20 }), v0 + 2);
  assert.equal(p.version, v0 + 3);
  Object.assign(HQ_F, { building: b.id, entrance: e.id, parking: p.id });

  const res = await srv.api('GET', mapPath(HQ));
  checkGeoJson(res.text);
  const m = res.json;
  assert.equal(m.version, v0 + 3);
  assert.match(m.source, /osm/);
  assert.match(m.source, /drawn/, `source after staff edits: ${m.source}`);
  assert.notEqual(res.headers.etag, before.headers.etag, 'a new version has a new ETag');
  const stale = await srv.api('GET', mapPath(HQ), { headers: { 'If-None-Match': before.headers.etag } });
  assert.equal(stale.status, 200, 'the old ETag no longer matches');
  const building = byId(m, b.id);
  assert.deepEqual([building.geometry.type, building.properties.kind, building.properties.label, building.properties.number, building.properties.floors],
    ['Polygon', 'building', '3号楼', '3', 6]);
  assert.equal(building.properties.osm_ref, undefined);
  const entrance = byId(m, e.id);
  assert.deepEqual(entrance.geometry.coordinates, [116.33015, 39.9898]);
  assert.deepEqual([entrance.properties.kind, entrance.properties.label, entrance.properties.number, entrance.properties.building_id],
    ['entrance', '2单元', '2', b.id]);
  const parking = byId(m, p.id);
  assert.deepEqual([parking.properties.kind, parking.properties.label, parking.properties.capacity], ['parking', '临停区', 20]);

  // The address parser now finds the door on the map.
  const found = await parse('华清嘉园3号楼2单元502');
  assert.equal(found.compound?.code, HQ);
  assert.equal(found.target?.feature_id, e.id, JSON.stringify(found.target));
  assert.equal(found.target.kind, 'entrance');
  assertNear([found.target.lon, found.target.lat], [116.33015, 39.9898], 'target position');

  // An entrance must belong to a building of this compound.
  expectInvalid(await add('community', HQ, point(116.3301, 39.9898, { kind: 'entrance', label: '9单元', building_id: p.id })), 'building_id of a parking spot');
  expectInvalid(await add('community', HQ, point(116.3301, 39.9898, { kind: 'entrance', label: '9单元', building_id: 999999999 })), 'unknown building_id');
  assert.equal((await getMap(HQ)).version, v0 + 3, 'refused entrances change nothing');
});

test('edit: a stale base_version → 409 conflict and nothing changes', async () => {
  const snap = await snapshot(HQ);
  const stale = snap.version - 1;
  const gate = point(116.3295, 39.99133, { kind: 'gate', label: '北门' });
  assertProblem(await add('community', HQ, gate, stale), 409, 'conflict', 'POST with a stale base_version');
  assertProblem(await as('community', 'PUT', withBase(featuresPath(HQ, HQ_F.parking), stale),
    { body: point(116.3298, 39.98975, { kind: 'parking', label: '临停区' }) }), 409, 'conflict', 'PUT feature');
  assertProblem(await as('community', 'DELETE', withBase(featuresPath(HQ, HQ_F.parking), stale)), 409, 'conflict', 'DELETE');
  assertProblem(await as('community', 'PUT', withBase(mapPath(HQ), stale), { body: { type: 'FeatureCollection', features: [] } }), 409, 'conflict', 'PUT map');
  assertProblem(await add('community', HQ, gate, snap.version + 5), 409, 'conflict', 'a version from the future');
  expectInvalid(await as('community', 'POST', `${featuresPath(HQ)}?base_version=abc`, { body: gate }), 'base_version=abc');
  expectInvalid(await as('community', 'POST', `${featuresPath(HQ)}?base_version=-1`, { body: gate }), 'base_version=-1');
  assert.deepEqual(await snapshot(HQ), snap);
});

test('edit: PUT feature moves the gate (GET map and the next route use the new position); DELETE', async () => {
  let m = await getMap(HQ);
  const g = await added('community', HQ, point(116.3295, 39.99133, { kind: 'gate', label: '北门', gate_kind: 'pedestrian' }), m.version);
  HQ_F.gate = g.id;
  const first = await routeOk(HQ, `from=feature:${g.id}&to=feature:${HQ_F.entrance}&at=${AT_NOON}`);
  assertNear(firstPosition(first), [116.3295, 39.99133], 'the route starts at the gate');

  const moved = await updated('community', HQ, g.id, point(116.3291, 39.99132, { kind: 'gate', label: '北门', gate_kind: 'pedestrian' }), g.version);
  assert.equal(moved.version, g.version + 1);
  m = await getMap(HQ);
  assert.deepEqual(byId(m, g.id).geometry.coordinates, [116.3291, 39.99132]);
  assert.equal(m.features.filter((f) => f.id === g.id).length, 1, 'moved, not copied');
  const next = await routeOk(HQ, `from=feature:${g.id}&to=feature:${HQ_F.entrance}&at=${AT_NOON}`);
  assertNear(firstPosition(next), [116.3291, 39.99132], 'the next route starts at the moved gate');
  assert.equal(next.gate?.id, g.id);

  // PUT of an unknown feature, or of a feature of another compound.
  assertProblem(await as('community', 'PUT', featuresPath(HQ, 999999999), { body: point(116.33, 39.99, { kind: 'landmark', label: 'x' }) }), 404, 'not_found');
  const buptFeature = (await getMap(BUPT)).features[0].id;
  assertProblem(await as('community', 'PUT', featuresPath(HQ, buptFeature), { body: point(116.33, 39.99, { kind: 'landmark', label: 'x' }) }), 404, 'not_found', "another compound's feature");
  assertProblem(await as('community', 'DELETE', featuresPath(HQ, buptFeature)), 404, 'not_found', "another compound's feature");
  assertProblem(await as('community', 'DELETE', featuresPath(HQ, 999999999)), 404, 'not_found');

  const lm = await added('community', HQ, point(116.3299, 39.9905, { kind: 'landmark', label: '快递柜' }));
  const del = await as('community', 'DELETE', withBase(featuresPath(HQ, lm.id), lm.version));
  assert.equal(del.status, 200, del.text);
  assert.equal(del.json.version, lm.version + 1);
  m = await getMap(HQ);
  assert.equal(byId(m, lm.id), undefined, 'deleted');
  assertProblem(await as('community', 'DELETE', featuresPath(HQ, lm.id)), 404, 'not_found', 'deleted twice');
  assert.equal((await getMap(BUPT)).features[0].id, buptFeature, 'BUPT untouched');
});

test('edit: undo reverts delete, update, create and replace; history newest first with the actor', async () => {
  const start = await getMap(HQ);
  // delete → undo
  const parkingBefore = byId(start, HQ_F.parking);
  const del = await as('community', 'DELETE', featuresPath(HQ, HQ_F.parking));
  assert.equal(del.status, 200, del.text);
  assert.equal(byId(await getMap(HQ), HQ_F.parking), undefined);
  let u = await undo('community', HQ);
  assert.deepEqual(u.undone, { action: 'delete', label: '临停区' });
  assert.equal(u.version, del.json.version + 1);
  assert.deepEqual(byId(await getMap(HQ), HQ_F.parking), parkingBefore, 'the deleted parking is back, same id');

  // update → undo
  const gateBefore = byId(await getMap(HQ), HQ_F.gate);
  await updated('community', HQ, HQ_F.gate, point(116.3293, 39.99131, { kind: 'gate', label: '北门（临时）', opening_hours: 'Mo-Fr 08:00-18:00' }));
  assert.equal(byId(await getMap(HQ), HQ_F.gate).properties.label, '北门（临时）');
  u = await undo('community', HQ);
  assert.deepEqual(u.undone, { action: 'update', label: '北门（临时）' });
  assert.deepEqual(byId(await getMap(HQ), HQ_F.gate), gateBefore, 'the gate is back where it was');

  // create → undo
  const c = await added('community', HQ, point(116.3300, 39.9904, { kind: 'swap_cabinet', label: '换电柜', opening_hours: '24/7' }));
  assert.ok(byId(await getMap(HQ), c.id));
  u = await undo('community', HQ);
  assert.deepEqual(u.undone, { action: 'create', label: '换电柜' });
  assert.equal(byId(await getMap(HQ), c.id), undefined);

  // replace → undo
  const beforeReplace = await getMap(HQ);
  const put = await as('community', 'PUT', withBase(mapPath(HQ), beforeReplace.version), {
    body: { type: 'FeatureCollection', features: [polygon(squareRing(116.3290, 39.9895, 0.0004), { kind: 'building', label: '1号楼' })] },
  });
  assert.equal(put.status, 200, put.text);
  assert.equal(put.json.version, beforeReplace.version + 1);
  const replaced = await getMap(HQ);
  assert.deepEqual(replaced.features.map((f) => f.properties.label), ['1号楼']);
  u = await undo('community', HQ);
  assert.equal(u.undone.action, 'replace');
  const restored = await getMap(HQ);
  assert.equal(restored.version, beforeReplace.version + 2);
  assert.deepEqual(restored.features, beforeReplace.features, 'undoing the replace restores every feature, same ids');

  const items = await history('community', HQ);
  for (const i of items) {
    assert.deepEqual(Object.keys(i).filter((k) => ['version', 'at', 'actor', 'action', 'feature_id', 'label', 'undone'].includes(k)).sort(),
      ['action', 'actor', 'at', 'feature_id', 'label', 'undone', 'version']);
    assert.equal(typeof i.at, 'number');
  }
  for (let k = 1; k < items.length; k++) assert.ok(items[k - 1].version > items[k].version, `newest first: ${items.map((i) => i.version)}`);
  const recent = items.slice(0, 9);
  assert.deepEqual(recent.map((i) => i.action), ['undo', 'replace', 'undo', 'create', 'undo', 'update', 'undo', 'delete', 'delete']);
  assert.ok(recent.every((i) => i.actor === 'demo-community'), JSON.stringify(recent.map((i) => i.actor)));
  assert.deepEqual(recent.map((i) => i.undone), [false, true, false, true, false, true, false, true, false]);
  assert.equal(recent[3].feature_id, c.id);
  assert.equal(recent[3].label, '换电柜');
  assert.equal(items[0].version, restored.version);
  assert.ok(Math.abs(items[0].at - Date.now() / 1000) < 300, `at is Unix seconds: ${items[0].at}`);
  assert.ok(items.some((i) => i.actor === 'import-osm' || i.action === 'replace'), 'the OSM import is in the history');
  const one = await history('community', HQ, 1);
  assert.equal(one.length, 1);
  expectInvalid(await as('community', 'GET', `/api/v1/compounds/${HQ}/map/history?limit=0`), 'history limit=0');
});

test('edit: a map drawn from scratch (no map yet): version 1, source drawn, no attribution; undo until 409', async () => {
  assert.equal((await getMap(DRAW)).version, 0);
  assertProblem(await as('community', 'POST', `/api/v1/compounds/${DRAW}/map/undo`), 409, 'conflict', 'nothing to undo');
  const c = (await getMap(DRAW)).compound;
  const g = await added('community', DRAW, point(c.lon, c.lat, { kind: 'gate', label: '南门' }), 0);
  assert.equal(g.version, 1);
  const m = await getMap(DRAW);
  checkGeoJson(JSON.stringify(m));
  assert.equal(m.version, 1);
  assert.equal(m.source, 'drawn');
  assert.equal(m.attribution, undefined, 'no OSM attribution on a drawn map');
  assert.equal(m.features.length, 1);
  const u = await undo('community', DRAW);
  assert.deepEqual(u.undone, { action: 'create', label: '南门' });
  assert.equal((await getMap(DRAW)).features.length, 0);
  assertProblem(await as('community', 'POST', `/api/v1/compounds/${DRAW}/map/undo`), 409, 'conflict', 'everything undone');
});

test('edit: a building number twice in the same section → 400; another section is fine', async () => {
  const snap = await snapshot(HQ);
  expectInvalid(await add('community', HQ, polygon(squareRing(116.3304, 39.9900), { kind: 'building', label: '3号楼', number: '3' })), 'a second 3号楼');
  expectInvalid(await add('community', HQ, polygon(squareRing(116.3304, 39.9900), { kind: 'building', label: '三号楼', number: '3' })), 'number 3 under another label');
  expectInvalid(await add('community', HQ, polygon(squareRing(116.3304, 39.9900), { kind: 'building', label: '3号楼' })), 'a second 3号楼, number taken from the label');
  assert.deepEqual(await snapshot(HQ), snap, 'nothing added');
  const east = await added('community', HQ, polygon(squareRing(116.3304, 39.9900), { kind: 'building', label: '3号楼', number: '3', section: '东区' }));
  expectInvalid(await add('community', HQ, polygon(squareRing(116.3308, 39.9900), { kind: 'building', label: '东区3号楼', number: '3', section: '东区' })), 'a second 东区 3号楼');
  // Moving a building onto another's number is refused too; keeping its own number is not a clash.
  expectInvalid(await as('community', 'PUT', featuresPath(HQ, east.id), { body: polygon(squareRing(116.3304, 39.9900), { kind: 'building', label: '3号楼', number: '3' }) }), 'renumbering 东区3号楼 to 3号楼');
  await updated('community', HQ, east.id, polygon(squareRing(116.3305, 39.9900), { kind: 'building', label: '3号楼', number: '3', section: '东区', floors: 11 }));
  const m = await getMap(HQ);
  assert.equal(m.features.filter((f) => f.properties.kind === 'building' && f.properties.number === '3').length, 2);
  // Sections tell them apart in address matching.
  const eastAddr = await parse('华清嘉园东区3号楼');
  assert.equal(eastAddr.target?.feature_id, east.id, JSON.stringify(eastAddr));
});

const validPair = () => [
  point(116.3296, 39.99133, { kind: 'gate', label: '西北门' }),
  polygon(squareRing(116.3292, 39.9896), { kind: 'building', label: '8号楼', number: '8' }),
];
const invalidThird = {
  'an unclosed ring': polygon(squareRing(116.3300, 39.9897).slice(0, 4).concat([[116.3301, 39.9896]]), { kind: 'building', label: '9号楼' }),
  'a self-intersecting ring': polygon([[116.3300, 39.9897], [116.3303, 39.9900], [116.3303, 39.9897], [116.3300, 39.9900], [116.3300, 39.9897]], { kind: 'building', label: '9号楼' }),
  'latitude 95': point(116.33, 95, { kind: 'gate', label: '东门' }),
  'longitude 181': point(181, 39.99, { kind: 'landmark', label: '远方' }),
  'a gate without a label': point(116.3306, 39.9900, { kind: 'gate' }),
  'an unknown kind': point(116.3306, 39.9900, { kind: 'spaceship', label: '飞船' }),
  'a missing kind': point(116.3306, 39.9900, { label: '无类型' }),
  'a LineString building': { type: 'Feature', geometry: { type: 'LineString', coordinates: [[116.33, 39.99], [116.331, 39.99]] }, properties: { kind: 'building', label: '9号楼' } },
  'a string floors': polygon(squareRing(116.3300, 39.9897), { kind: 'building', label: '9号楼', floors: 'six' }),
  'a MultiPoint gate': { type: 'Feature', geometry: { type: 'MultiPoint', coordinates: [[116.33, 39.99]] }, properties: { kind: 'gate', label: '门' } },
  'no geometry': { type: 'Feature', geometry: null, properties: { kind: 'gate', label: '门' } },
  'a javascript: media URL': point(116.3306, 39.9900, { kind: 'landmark', label: '照片', media: ['javascript:alert(1)'] }),
};

test('PUT map: a collection whose 3rd feature is invalid → 400 naming "feature 3", map unchanged', async () => {
  const snap = await snapshot(HQ);
  for (const [what, third] of Object.entries(invalidThird)) {
    const res = await as('community', 'PUT', withBase(mapPath(HQ), snap.version), { body: { type: 'FeatureCollection', features: [...validPair(), third] } });
    const p = expectInvalid(res, `PUT map with ${what}`);
    assert.match(p.detail, /feature 3\b/, `${what}: the detail names feature 3: ${p.detail}`);
    assert.deepEqual(await snapshot(HQ), snap, `${what}: the map is unchanged`);
  }
  for (const [what, body] of Object.entries({
    'a Feature list': [validPair()[0]],
    'a GeometryCollection': { type: 'GeometryCollection', geometries: [] },
    'no features array': { type: 'FeatureCollection' },
    'features not an array': { type: 'FeatureCollection', features: {} },
  })) {
    expectInvalid(await as('community', 'PUT', withBase(mapPath(HQ), snap.version), { body }), `PUT map with ${what}`);
  }
  assertProblem(await as('community', 'PUT', mapPath(HQ), { rawBody: '{"type":"FeatureCollection","features":[' }), 400, 'invalid_json');
  // Too many features or vertices.
  const many = Array.from({ length: 5001 }, (_, i) => point(116.329 + (i % 100) * 1e-5, 39.99 + Math.floor(i / 100) * 1e-5, { kind: 'landmark', label: `点${i}` }));
  expectInvalid(await as('community', 'PUT', mapPath(HQ), { body: { type: 'FeatureCollection', features: many } }), 'PUT map with 5001 features');
  const ring = Array.from({ length: 2100 }, (_, i) => [116.3298 + 0.0003 * Math.cos((2 * Math.PI * i) / 2100), 39.99 + 0.0003 * Math.sin((2 * Math.PI * i) / 2100)]);
  ring.push(ring[0]);
  expectInvalid(await as('community', 'PUT', mapPath(HQ), { body: { type: 'FeatureCollection', features: [...validPair(), polygon(ring, { kind: 'building', label: '圆楼' })] } }), 'a 2101-vertex polygon');
  assert.deepEqual(await snapshot(HQ), snap, 'the map is unchanged');

  // The same invalid features one at a time.
  for (const [what, feature] of Object.entries(invalidThird)) {
    expectInvalid(await add('community', HQ, feature), `POST feature with ${what}`);
  }
  assert.deepEqual(await snapshot(HQ), snap, 'the map is unchanged');
});

test('PUT map: a building number twice in the same section → 400, map unchanged', async () => {
  const snap = await snapshot(HQ);
  const res = await as('community', 'PUT', withBase(mapPath(HQ), snap.version), {
    body: { type: 'FeatureCollection', features: [...validPair(), polygon(squareRing(116.3300, 39.9897), { kind: 'building', label: '8号楼', number: '8' })] },
  });
  if (res.status === 200) await undo('community', HQ); // keep the map for the next tests
  assert.deepEqual((await snapshot(HQ)).features, snap.features);
  expectInvalid(res, 'PUT map with two 8号楼 (POST refuses the second one)');
});

test('PUT map: a valid collection replaces the whole map; ids in the input link entrances to buildings', async () => {
  const snap = await snapshot(HQ);
  const res = await as('community', 'PUT', withBase(mapPath(HQ), snap.version), {
    headers: { 'Content-Type': 'application/geo+json' },
    body: JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { ...point(116.33005, 39.9893, { kind: 'entrance', label: '1单元', building_id: -7 }) },
        { ...polygon(squareRing(116.3299, 39.9893, 0.0002), { kind: 'building', label: '6号楼', floors: 18 }), id: -7 },
      ],
    }),
  });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.version, snap.version + 1);
  const m = await getMap(HQ);
  assert.equal(m.features.length, 2);
  const b = m.features.find((f) => f.properties.kind === 'building');
  const e = m.features.find((f) => f.properties.kind === 'entrance');
  assert.ok(b.id > 0 && e.id > 0);
  assert.equal(e.properties.building_id, b.id, 'the entrance points at the stored building');
  assert.equal(b.properties.number, '6', 'the number comes from the label');
  assert.equal(e.properties.number, '1');
  const u = await undo('community', HQ);
  assert.equal(u.undone.action, 'replace');
  assert.deepEqual((await snapshot(HQ)).features, snap.features, 'undone: the previous map is back');
});

test('limits: a 5 MB GeoJSON → 413 body_too_large, map unchanged; a 2 MB feature → 413', async () => {
  const snap = await snapshot(HQ);
  const big = { type: 'FeatureCollection', features: [] };
  const one = point(116.3300, 39.9900, { kind: 'landmark', label: '大', note: 'n'.repeat(1900) });
  const size = JSON.stringify(one).length + 1;
  for (let i = 0; i < Math.ceil((5 * 1024 * 1024) / size); i++) big.features.push(one);
  const body = JSON.stringify(big);
  assert.ok(body.length >= 5 * 1024 * 1024);
  let res;
  try {
    res = await as('community', 'PUT', withBase(mapPath(HQ), snap.version), { rawBody: body });
  } catch (e) {
    assert.match(e.message, /ECONNRESET|EPIPE|socket hang up/, e.message);
  }
  if (res) assertProblem(res, 413, 'body_too_large', 'a 5 MB map');
  assert.deepEqual(await snapshot(HQ), snap);

  // A single feature over the JSON body limit: declared only, then sent.
  const feature = JSON.stringify(point(116.33, 39.99, { kind: 'landmark', label: '大', note: 'n'.repeat(2 * 1024 * 1024) }));
  const head = `POST ${featuresPath(HQ)} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${S.community.token}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(feature)}\r\nConnection: close\r\n\r\n`;
  const declared = await rawRequest(srv.port, head, { timeoutMs: 8000 });
  assert.equal(declared.status, 413, declared.raw.slice(0, 300));
  assert.match(declared.raw, /"code"\s*:\s*"body_too_large"/);
  const sent = await rawRequest(srv.port, Buffer.concat([Buffer.from(head), Buffer.from(feature)]), { timeoutMs: 8000 });
  assert.ok(sent.status === 413 || (sent.status === null && sent.error), `${sent.status} ${sent.raw.slice(0, 200)}`);
  // A 300 KB note is over the 2000-byte note limit, not the body limit.
  const p = expectInvalid(await add('community', HQ, point(116.33, 39.99, { kind: 'landmark', label: '长', note: 'n'.repeat(300_000) })), 'a 300 KB note');
  assert.match(p.detail, /note/);
  expectInvalid(await add('community', HQ, point(116.33, 39.99, { kind: 'landmark', label: '长'.repeat(100) })), 'a 300-byte label');
  assert.deepEqual(await snapshot(HQ), snap);
});

test('permissions: anonymous → 401; worker and guard → 403; community staff outside its scope → 403', async () => {
  const gate = point(116.3297, 39.9913, { kind: 'gate', label: '测试门' });
  const fc = { type: 'FeatureCollection', features: [gate] };
  const someFeature = (await getMap(HQ)).features[0].id;
  const buptFeature = (await getMap(BUPT)).features[0].id;
  const ops = (code, fid) => [
    ['PUT', mapPath(code), fc],
    ['POST', featuresPath(code), gate],
    ['PUT', featuresPath(code, fid), gate],
    ['DELETE', featuresPath(code, fid)],
    ['POST', `/api/v1/compounds/${code}/map/undo`],
    ['GET', `/api/v1/compounds/${code}/map/history`],
    ['GET', `/api/v1/compounds/${code}/map.osc`],
    ['GET', `/api/v1/compounds/${code}/poster.svg`],
    ['GET', `/api/v1/compounds/${code}/poster.pdf`],
  ];
  const hq = await snapshot(HQ);
  const bupt = await snapshot(BUPT);
  for (const [method, p, body] of ops(HQ, someFeature)) {
    assertProblem(await srv.api(method, p, { body }), 401, 'auth_required', `anonymous ${method} ${p}`);
    assertProblem(await as('worker', method, p, { body }), 403, 'forbidden', `demo-worker ${method} ${p}`);
    assertProblem(await as('guard', method, p, { body }), 403, 'forbidden', `demo-guard ${method} ${p}`);
  }
  for (const [method, p, body] of ops(BUPT, buptFeature)) {
    assertProblem(await as('community', method, p, { body }), 403, 'forbidden', `demo-community on BUPT: ${method} ${p}`);
  }
  assert.deepEqual(await snapshot(HQ), hq);
  assert.deepEqual(await snapshot(BUPT), bupt);
  // Officers above the community and the community's grid officer are staff.
  for (const [who, code] of [['district', BUPT], ['admin', BUPT], ['grid', HQ]]) {
    const h = await as(who, 'GET', `/api/v1/compounds/${code}/map/history`);
    assert.equal(h.status, 200, `${who} history of ${code}: ${h.text}`);
  }
});

test('CSRF: cookie-authenticated writes without X-CSRF-Token → 403 csrf_failed; with it they work', async () => {
  const s = await srv.login('demo-community');
  const snap = await snapshot(HQ);
  const gate = point(116.3297, 39.9913, { kind: 'landmark', label: 'CSRF测试' });
  const attempts = [
    ['POST', featuresPath(HQ), gate],
    ['PUT', featuresPath(HQ, HQ_F.parking), point(116.3297, 39.98975, { kind: 'parking', label: '临停区' })],
    ['DELETE', featuresPath(HQ, HQ_F.parking)],
    ['POST', `/api/v1/compounds/${HQ}/map/undo`],
    ['PUT', mapPath(HQ), { type: 'FeatureCollection', features: [] }],
  ];
  for (const [method, p, body] of attempts) {
    assertProblem(await srv.api(method, p, { cookie: s.cookie, body }), 403, 'csrf_failed', `${method} ${p} without the header`);
    assertProblem(await srv.api(method, p, { cookie: s.cookie, csrf: 'x'.repeat(s.csrf.length), body }), 403, 'csrf_failed', `${method} ${p} with a wrong token`);
  }
  assert.deepEqual(await snapshot(HQ), snap, 'refused writes changed nothing');
  const read = await srv.api('GET', `/api/v1/compounds/${HQ}/map/history`, { cookie: s.cookie });
  assert.equal(read.status, 200, 'reads need no CSRF token');
  const ok = await srv.api('POST', featuresPath(HQ), { cookie: s.cookie, csrf: s.csrf, body: gate });
  assert.equal(ok.status, 201, ok.text);
  const back = await srv.api('POST', `/api/v1/compounds/${HQ}/map/undo`, { cookie: s.cookie, csrf: s.csrf });
  assert.equal(back.status, 200, back.text);
  assert.deepEqual((await snapshot(HQ)).features, snap.features);
});

// ---- Exports -------------------------------------------------------------------------------

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['node', 'tag', 'create', 'modify', 'delete', 'way'].includes(name) });
const tagsOf = (node) => Object.fromEntries((node.tag || []).map((t) => [t.k, t.v]));

test('map.osc: well-formed osmChange 0.6 with what staff added (negative ids), not the OSM features', async () => {
  const res = await as('community', 'GET', `/api/v1/compounds/${HQ}/map.osc`);
  assert.equal(res.status, 200, res.text);
  assert.match(String(res.headers['content-type']), /xml/);
  assert.equal(XMLValidator.validate(res.text), true, `well-formed XML: ${JSON.stringify(XMLValidator.validate(res.text))}`);
  const doc = xml.parse(res.text);
  assert.ok(doc.osmChange, `root osmChange: ${res.text.slice(0, 200)}`);
  assert.equal(String(doc.osmChange.version), '0.6');
  const nodes = (doc.osmChange.create || []).flatMap((c) => c.node || []);
  assert.ok(nodes.length > 0, res.text);
  for (const n of nodes) assert.ok(Number(n.id) < 0, `new nodes have negative ids: ${n.id}`);
  assert.equal(new Set(nodes.map((n) => n.id)).size, nodes.length, 'ids are unique');
  const m = await getMap(HQ);
  const entrance = byId(m, HQ_F.entrance);
  const e = nodes.find((n) => tagsOf(n).entrance === 'staircase' && tagsOf(n).ref === '2');
  assert.ok(e, `the entrance 2单元 is in the change: ${res.text}`);
  assertNear([Number(e.lon), Number(e.lat)], entrance.geometry.coordinates, 'entrance position');
  const gate = nodes.find((n) => tagsOf(n).name === '北门');
  assert.ok(gate && /gate/.test(tagsOf(gate).barrier), `the gate 北门 is in the change: ${res.text}`);
  assertNear([Number(gate.lon), Number(gate.lat)], byId(m, HQ_F.gate).geometry.coordinates, 'gate position');
  const parking = nodes.find((n) => /parking/.test(tagsOf(n).amenity ?? ''));
  assert.ok(parking, 'the rider parking is in the change');
  assert.equal(tagsOf(parking).capacity, '20');
  const staffAdded = m.features.filter((f) => !f.properties.osm_ref && ['entrance', 'gate', 'parking'].includes(f.properties.kind));
  assert.equal(nodes.length, staffAdded.length, 'one node per entrance, gate and parking staff added');
  // BUPT: 103 imported entrances and 20 imported gates, none added by staff → an empty change.
  const bupt = await as('district', 'GET', `/api/v1/compounds/${BUPT}/map.osc`);
  assert.equal(bupt.status, 200, bupt.text);
  assert.equal(XMLValidator.validate(bupt.text), true);
  const buptNodes = (xml.parse(bupt.text).osmChange.create || []).flatMap((c) => c.node || []);
  assert.deepEqual(buptNodes, [], 'imported features are not exported back to OpenStreetMap');
});

test('map.osc: labels with XML specials and control characters stay well-formed XML', async () => {
  const label = '西<门>&"\'\u0001\u001f测试';
  const res = await add('community', HQ, point(116.3289, 39.99131, { kind: 'gate', label }));
  if (res.status !== 201) {
    // Refusing control characters in labels is as good as escaping them.
    expectInvalid(res, 'a label with control characters');
    return;
  }
  try {
    const osc = await as('community', 'GET', `/api/v1/compounds/${HQ}/map.osc`);
    assert.equal(osc.status, 200);
    assert.doesNotMatch(osc.text, /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/, 'no control characters (not allowed in XML 1.0)');
    assert.equal(XMLValidator.validate(osc.text), true);
    const n = (xml.parse(osc.text).osmChange.create || []).flatMap((c) => c.node || []).find((x) => String(tagsOf(x).name ?? '').startsWith('西<门>&"\''));
    assert.ok(n, 'the gate is in the change with its name unescaped by the parser');
    const svg = await as('community', 'GET', `/api/v1/compounds/${HQ}/poster.svg`);
    assert.equal(svg.status, 200);
    assert.doesNotMatch(svg.text, /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/, 'no control characters in the poster SVG');
  } finally {
    await undo('community', HQ);
  }
});

test('poster.svg and poster.pdf: staff only, the compound name, the OSM attribution, a real PDF', async () => {
  const svg = await as('community', 'GET', `/api/v1/compounds/${HQ}/poster.svg`);
  assert.equal(svg.status, 200, `poster.svg: ${svg.text.slice(0, 300)}`);
  assert.match(String(svg.headers['content-type']), /^image\/svg\+xml/);
  assert.equal(XMLValidator.validate(svg.text), true, 'well-formed SVG');
  assert.match(svg.text, /<svg[\s>]/);
  assert.ok(svg.text.includes('华清嘉园小区'), 'the poster names the compound');
  assert.match(svg.text, /OpenStreetMap/, 'OSM attribution on a map made from OSM');
  assert.ok(svg.text.includes('3号楼'), 'the poster shows the drawn building');
  const pdf = await as('community', 'GET', `/api/v1/compounds/${HQ}/poster.pdf`);
  assert.equal(pdf.status, 200, `poster.pdf: ${pdf.text.slice(0, 300)}`);
  assert.match(String(pdf.headers['content-type']), /^application\/pdf/);
  assert.equal(pdf.body.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.match(pdf.body.subarray(-1024).toString('latin1'), /%%EOF\s*$/, 'a complete PDF');
  assert.ok(pdf.body.length > 2000, `PDF size ${pdf.body.length}`);
  for (const ext of ['svg', 'pdf']) {
    assertProblem(await srv.api('GET', `/api/v1/compounds/${HQ}/poster.${ext}`), 401, 'auth_required', `anonymous poster.${ext}`);
  }
  const big = await as('district', 'GET', `/api/v1/compounds/${BUPT}/poster.svg`);
  assert.equal(big.status, 200, `BUPT poster: ${big.text.slice(0, 300)}`);
  assert.ok(big.text.includes('北京邮电大学'));
});

// ---- Address parsing -----------------------------------------------------------------------

test('address/parse: public; parts of 华清嘉园12号楼3单元502; compound= on a map page; bad q', async () => {
  const r = await parse('华清嘉园12号楼3单元502');
  assert.equal(r.compound?.code, HQ);
  assert.equal(r.compound.name, '华清嘉园小区');
  assert.ok(r.compound.confidence > 0 && r.compound.confidence <= 1);
  assert.equal(r.parts.compound_text, '华清嘉园');
  assert.deepEqual([r.parts.building, r.parts.building_text, r.parts.entrance, r.parts.room, r.parts.floor], ['12', '12号楼', '3', '502', 5]);
  assert.ok(Array.isArray(r.suggestions) && r.suggestions.some((s) => s.code === HQ));
  assert.equal(r.target, null, 'no 12号楼 on the map');

  const b = await parse('10号楼', BUPT);
  assert.equal(b.compound?.code, BUPT, 'compound= is taken as given');
  assert.ok(b.target, JSON.stringify(b));
  assert.ok(['building', 'entrance'].includes(b.target.kind), b.target.kind);
  assert.match(b.target.label, /^10号楼/);
  const feature = byId(await getMap(BUPT), b.target.feature_id);
  assert.ok(feature, 'the target is a feature of the BUPT map');
  if (b.target.kind === 'entrance' && feature.properties.building_id) {
    const building = byId(await getMap(BUPT), feature.properties.building_id);
    assert.equal(building.properties.number, '10');
  }
  const other = await parse('华清嘉园3号楼', BUPT);
  assert.equal(other.compound?.code, HQ, 'unless the text names another compound');

  const missing = await srv.api('GET', '/api/v1/address/parse');
  expectInvalid(missing, 'parse without q');
  expectInvalid(await srv.api('GET', '/api/v1/address/parse?q='), 'parse with an empty q');
  expectInvalid(await srv.api('GET', `/api/v1/address/parse?q=${'a'.repeat(501)}`), 'a 501-byte q');
  expectInvalid(await srv.api('GET', `/api/v1/address/parse?q=${enc('楼'.repeat(170))}`), 'a 510-byte Chinese q');
  const ok500 = await srv.api('GET', `/api/v1/address/parse?q=${'a'.repeat(500)}`);
  assert.equal(ok500.status, 200, 'exactly 500 bytes is fine');
  for (const bad of ['%ff%fe', '%E5%8D', '%C0%AF', '%ED%A0%80', '%00', '%', '%zz']) {
    const res = await srv.api('GET', `/api/v1/address/parse?q=${bad}`);
    assert.ok(res.status >= 400 && res.status < 500, `q=${bad}: ${res.status} ${res.text.slice(0, 200)}`);
    assertProblem(res, res.status, undefined, `q=${bad}`);
  }
  expectInvalid(await srv.api('GET', `/api/v1/address/parse?q=${enc('3号楼')}&compound=${'9'.repeat(600)}`), 'a 600-byte compound');
});

test('address/parse: no part of a phone number in the text comes back in the response', async () => {
  const phone = '13812345678';
  const leaks = [];
  for (const q of [`华清嘉园12号楼 ${phone}`, `${phone} 华清嘉园12号楼3单元`, `华清嘉园12号楼 电话${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`]) {
    const res = await srv.api('GET', `/api/v1/address/parse?q=${enc(q)}`);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.compound?.code, HQ, q);
    assert.equal(res.json.parts.building, '12', q);
    const windows = [];
    for (let i = 0; i + 4 <= phone.length; i++) windows.push(phone.slice(i, i + 4));
    const leaked = windows.filter((w) => res.text.includes(w));
    if (leaked.length) leaks.push(`q=${q}: ${leaked.join(',')} in ${res.text}`);
  }
  assert.deepEqual(leaks, [], 'the response contains parts of the phone number');
});

// ---- Routes --------------------------------------------------------------------------------

let BUPT_MAP;
const buptGate = (label) => BUPT_MAP.features.find((f) => f.properties.kind === 'gate' && f.properties.label === label);

test('route: public; address:10号楼 on BUPT → ride/walk legs, steps in Chinese, summary to the target', async () => {
  BUPT_MAP = await getMap(BUPT);
  const r = await routeOk(BUPT, `to=${enc('address:10号楼')}&at=${AT_NOON}`);
  const target = await parse('10号楼', BUPT);
  assert.equal(r.target.id, target.target.feature_id);
  assert.match(r.target.label, /10号楼/);
  assert.ok(r.gate && byId(BUPT_MAP, r.gate.id)?.properties.kind === 'gate', `starts at a gate: ${JSON.stringify(r.gate)}`);
  assertNear(firstPosition(r), byId(BUPT_MAP, r.gate.id).geometry.coordinates, 'the first leg starts at the gate');
  const last = r.features.at(-1).geometry.coordinates.at(-1);
  assertNear(last, byId(BUPT_MAP, r.target.id).geometry.coordinates, 'the last leg ends at the target', 1e-5);
  assert.deepEqual(r.closed, []);
  const res = await route(BUPT, `to=feature:${r.target.id}&at=${AT_NOON}`);
  assert.equal(res.status, 200);
  assert.equal(res.json.duration_s, r.duration_s, 'feature:ID of the same entrance gives the same route');
});

test('route: to=feature:ID of an entrance; from=feature:GATE starts there; from=LAT,LON outside; bike=parked', async () => {
  const entrance = BUPT_MAP.features.find((f) => f.properties.kind === 'entrance' && f.properties.building_id);
  assert.ok(entrance, 'an entrance of a building');
  const r = await routeOk(BUPT, `to=feature:${entrance.id}&at=${AT_NOON}`);
  assert.equal(r.target.id, entrance.id);
  for (const label of ['南门', '西门']) {
    const gate = buptGate(label);
    assert.ok(gate, `BUPT has a ${label}`);
    const g = await routeOk(BUPT, `from=feature:${gate.id}&to=feature:${entrance.id}&at=${AT_NOON}`);
    assertNear(firstPosition(g), gate.geometry.coordinates, `from ${label}`);
    assert.equal(g.gate?.id, gate.id);
  }
  // GPS outside the west side of the campus.
  const gps = await routeOk(BUPT, `from=39.9595,116.3470&to=feature:${entrance.id}&at=${AT_NOON}`);
  assert.ok(gps.gate, 'the route goes in through a gate');
  const gate = byId(BUPT_MAP, gps.gate.id);
  assert.equal(gate.properties.kind, 'gate');
  const coords = gps.features.flatMap((f) => f.geometry.coordinates);
  assert.ok(coords.some((c) => Math.abs(c[0] - gate.geometry.coordinates[0]) < 1e-6 && Math.abs(c[1] - gate.geometry.coordinates[1]) < 1e-6), 'passes the gate');
  const d = turf.distance(firstPosition(gps), [116.3470, 39.9595], { units: 'meters' });
  assert.ok(d < 1 || firstPosition(gps).join() === gate.geometry.coordinates.join(), `starts at the GPS point or the gate (${d.toFixed(1)} m away)`);
  const walk = await routeOk(BUPT, `to=feature:${entrance.id}&bike=parked&at=${AT_NOON}`);
  assert.ok(walk.features.every((f) => f.properties.mode === 'walk'), 'bike=parked walks');
  assert.equal(walk.ride_m, 0);
});

test('route: bad from/to → 400; unknown feature → 404; compound without a map → 404', async () => {
  const entrance = BUPT_MAP.features.find((f) => f.properties.kind === 'entrance');
  for (const [what, q] of [
    ['no to', ''],
    ['to=bogus', 'to=bogus'],
    ['to=feature:abc', 'to=feature:abc'],
    ['to=feature:0', 'to=feature:0'],
    ['to=feature:-3', 'to=feature:-3'],
    ['from=bogus', `from=bogus&to=feature:${entrance.id}`],
    ['from=lat 95', `from=95,116.35&to=feature:${entrance.id}`],
    ['from=lon 200', `from=39.96,200&to=feature:${entrance.id}`],
    ['from=NaN', `from=NaN,NaN&to=feature:${entrance.id}`],
    ['bike=car', `to=feature:${entrance.id}&bike=car`],
    ['at=yesterday', `to=feature:${entrance.id}&at=yesterday`],
  ]) {
    expectInvalid(await route(BUPT, q), `route ${what}`);
  }
  assertProblem(await route(BUPT, 'to=feature:999999999'), 404, 'not_found', 'unknown to feature');
  assertProblem(await route(BUPT, `from=feature:999999999&to=feature:${entrance.id}`), 404, 'not_found', 'unknown from feature');
  const hqFeature = (await getMap(HQ)).features[0].id;
  assertProblem(await route(BUPT, `to=feature:${hqFeature}`), 404, 'not_found', "another compound's feature");
  assertProblem(await route(BUPT, `to=${enc('address:99号楼')}`), 404, 'not_found', 'a building not on the map');
  assertProblem(await route('110108999999999', `to=feature:${entrance.id}`), 404, 'not_found', 'unknown compound');
  const p = assertProblem(await route(NOMAP, `to=${enc('address:1号楼')}`), 404, 'not_found', 'a compound without a map');
  assert.match(p.detail, /no map/i);
});

test('route: a gate closed at that hour is avoided and listed in `closed`; from a closed gate → no_route', async () => {
  let m = await getMap(HQ);
  const north = await added('community', HQ, point(116.3299, 39.99133, { kind: 'gate', label: '东北门' }), m.version);
  const south = await added('community', HQ, point(116.3304, 39.98893, { kind: 'gate', label: '南门', opening_hours: 'Mo-Su 06:00-07:00' }), north.version);
  const to = `to=feature:${HQ_F.entrance}`;
  const night = await routeOk(HQ, `${to}&at=${AT_2300}`);
  assert.notEqual(night.gate?.id, south.id, 'the closed gate is not used');
  assert.ok(night.closed.some((c) => c.id === south.id && c.label === '南门' && c.opening_hours === 'Mo-Su 06:00-07:00'), `closed: ${JSON.stringify(night.closed)}`);
  const southXY = [116.3304, 39.98893];
  const passes = night.features.flatMap((f) => f.geometry.coordinates).some((c) => turf.distance(c, southXY, { units: 'meters' }) < 1);
  assert.ok(!passes, 'the route does not pass the closed gate');
  const morning = await routeOk(HQ, `${to}&at=${AT_0630}`);
  assert.deepEqual(morning.closed, [], 'open at 06:30');
  assert.equal(morning.gate?.id, south.id, 'the near gate is used when it is open');
  expectInvalid(await route(HQ, `from=feature:${south.id}&${to}&at=${AT_2300}`), 'route from a closed gate');

  // "The next route uses the moved gate": move the open gate, close the other.
  m = await getMap(HQ);
  await updated('community', HQ, north.id, point(116.3302, 39.99134, { kind: 'gate', label: '东北门' }), m.version);
  const after = await routeOk(HQ, `from=feature:${north.id}&${to}&at=${AT_2300}`);
  assertNear(firstPosition(after), [116.3302, 39.99134], 'the next route starts at the moved gate');
  HQ_F.north = north.id;
  HQ_F.south = south.id;
});

test('route: every gate closed at that hour → 400 validation_failed with the reason', async () => {
  // 华清嘉园小区 has 北门 and 东北门 always open: close them too for a moment.
  const m = await getMap(HQ);
  const gates = m.features.filter((f) => f.properties.kind === 'gate');
  assert.ok(gates.length >= 3, JSON.stringify(gates.map((g) => g.properties.label)));
  let v = m.version;
  for (const g of gates) {
    if (g.properties.opening_hours) continue;
    v = (await updated('community', HQ, g.id, { ...g, properties: { ...g.properties, opening_hours: 'Mo-Su 06:00-07:00' } }, v)).version;
  }
  try {
    const res = await route(HQ, `to=feature:${HQ_F.entrance}&at=${AT_2300}`);
    const p = expectInvalid(res, 'route with every gate closed');
    assert.match(p.detail, /closed|关闭|no route/i, p.detail);
  } finally {
    for (const g of gates) if (!g.properties.opening_hours) await undo('community', HQ);
  }
  const open = await routeOk(HQ, `to=feature:${HQ_F.entrance}&at=${AT_2300}`);
  assert.ok(open.gate, 'gates open again after the undos');
});

test('edit: a gate with opening_hours that do not parse → 400 (it would silently count as always open)', async () => {
  const snap = await snapshot(HQ);
  for (const hours of ['garbage hours', 'Mo-Xx 08:00-09:00', 'week 1-53']) {
    const res = await add('community', HQ, point(116.3296, 39.9913, { kind: 'gate', label: '坏时间门', opening_hours: hours }));
    if (res.status === 201) await undo('community', HQ);
    expectInvalid(res, `a gate with opening_hours "${hours}"`);
  }
  assert.deepEqual((await snapshot(HQ)).features, snap.features);
});

// ---- Multi-drop ----------------------------------------------------------------------------

function permutations(n) {
  const out = [];
  const walk = (prefix, rest) => {
    if (!rest.length) { out.push(prefix); return; }
    rest.forEach((x, i) => walk([...prefix, x], [...rest.slice(0, i), ...rest.slice(i + 1)]));
  };
  walk([], [...Array(n).keys()]);
  return out;
}

test('multi-drop: 5 stops on BUPT → a permutation, one leg per stop, the fastest order (brute force)', async () => {
  const stops = ['address:10号楼', 'address:学生5号公寓', 'address:15号楼', 'address:7号楼'];
  const ids = [];
  for (const s of stops) {
    const t = await parse(s.slice('address:'.length), BUPT);
    assert.ok(t.target, `${s} is on the map`);
    ids.push(t.target.feature_id);
  }
  const fifth = BUPT_MAP.features.find((f) => f.properties.kind === 'entrance' && !ids.includes(f.id) && f.properties.building_id);
  stops.push(`feature:${fifth.id}`);
  ids.push(fifth.id);

  const res = await srv.api('POST', '/api/v1/routes/multi-drop', { body: { compound: BUPT, stops, at: AT_NOON } });
  assert.equal(res.status, 200, res.text.slice(0, 400));
  const plan = res.json;
  assert.deepEqual([...plan.order].sort(), [0, 1, 2, 3, 4], `a permutation: ${plan.order}`);
  assert.equal(plan.legs.length, stops.length);
  assert.ok(plan.duration_s > 0 && plan.distance_m > 0);
  plan.legs.forEach((leg, k) => {
    assert.equal(leg.type, 'FeatureCollection');
    assert.equal(leg.target.id, ids[plan.order[k]], `leg ${k} goes to stop ${plan.order[k]}`);
    if (k > 0) {
      assert.ok(leg.features.every((f) => f.properties.mode === 'walk'), `leg ${k} is walked (the bike is parked)`);
      const previous = byId(BUPT_MAP, ids[plan.order[k - 1]]);
      if (previous.geometry.type === 'Point') assertNear(firstPosition(leg), previous.geometry.coordinates, `leg ${k} starts at the previous stop`, 1e-5);
      else assert.ok(turf.booleanPointInPolygon(firstPosition(leg), previous), `leg ${k} starts inside the previous stop's building`);
    }
  });
  const legSum = plan.legs.reduce((s, l) => s + l.duration_s, 0);
  assert.ok(Math.abs(legSum - plan.duration_s) <= stops.length, `legs add up: ${legSum} vs ${plan.duration_s}`);
  assert.equal(plan.distance_m, plan.legs.reduce((s, l) => s + l.distance_m, 0));

  // Durations leg by leg through the route endpoint, then every order.
  const first = [];
  for (const id of ids) first.push((await routeOk(BUPT, `to=feature:${id}&at=${AT_NOON}`)).duration_s);
  const between = ids.map(() => []);
  for (let i = 0; i < ids.length; i++) {
    for (let j = 0; j < ids.length; j++) {
      if (i !== j) between[i][j] = (await routeOk(BUPT, `from=feature:${ids[i]}&to=feature:${ids[j]}&bike=parked&at=${AT_NOON}`)).duration_s;
    }
  }
  const cost = (order) => order.reduce((s, x, k) => s + (k === 0 ? first[x] : between[order[k - 1]][x]), 0);
  let best = Infinity;
  let bestOrder;
  for (const o of permutations(ids.length)) { const c = cost(o); if (c < best) { best = c; bestOrder = o; } }
  const given = cost([0, 1, 2, 3, 4]);
  const returned = cost(plan.order);
  console.log(`multi-drop: order ${plan.order} ${plan.duration_s} s (legs ${returned} s), given order ${given} s, brute force ${bestOrder} ${best} s`);
  assert.ok(returned <= given + stops.length, `the returned order (${returned} s) is no slower than the given one (${given} s)`);
  assert.ok(returned <= best + stops.length, `the returned order (${plan.order}: ${returned} s) is optimal (${bestOrder}: ${best} s)`);
  assert.ok(Math.abs(plan.duration_s - returned) <= stops.length, `duration_s ${plan.duration_s} matches the routes leg by leg (${returned})`);
});

test('multi-drop: from a gate; 1 or 11 stops → 400; bad stops; unknown compound or feature → 404', async () => {
  const gate = buptGate('南门');
  const entrances = BUPT_MAP.features.filter((f) => f.properties.kind === 'entrance').slice(0, 3).map((f) => `feature:${f.id}`);
  const res = await srv.api('POST', '/api/v1/routes/multi-drop', { body: { compound: BUPT, from: `feature:${gate.id}`, stops: entrances, at: AT_NOON } });
  assert.equal(res.status, 200, res.text.slice(0, 300));
  assertNear(firstPosition(res.json.legs[0]), gate.geometry.coordinates, 'the first leg starts at the given gate');
  const gps = await srv.api('POST', '/api/v1/routes/multi-drop', { body: { compound: BUPT, from: '39.9595,116.3470', stops: entrances, at: AT_NOON } });
  assert.equal(gps.status, 200, gps.text.slice(0, 300));

  expectInvalid(await srv.api('POST', '/api/v1/routes/multi-drop', { body: { compound: BUPT, stops: entrances.slice(0, 1) } }), 'multi-drop with 1 stop');
  expectInvalid(await srv.api('POST', '/api/v1/routes/multi-drop', { body: { compound: BUPT, stops: Array(11).fill(entrances[0]) } }), 'multi-drop with 11 stops');
  expectInvalid(await srv.api('POST', '/api/v1/routes/multi-drop', { body: { compound: BUPT, stops: [] } }), 'multi-drop with no stops');
  expectInvalid(await srv.api('POST', '/api/v1/routes/multi-drop', { body: { compound: BUPT } }), 'multi-drop without stops');
  expectInvalid(await srv.api('POST', '/api/v1/routes/multi-drop', { body: { stops: entrances } }), 'multi-drop without compound');
  expectInvalid(await srv.api('POST', '/api/v1/routes/multi-drop', { body: { compound: BUPT, stops: [entrances[0], 'bogus'] } }), 'multi-drop with a bogus stop');
  expectInvalid(await srv.api('POST', '/api/v1/routes/multi-drop', { body: { compound: BUPT, stops: [entrances[0], 42] } }), 'multi-drop with a number stop');
  expectInvalid(await srv.api('POST', '/api/v1/routes/multi-drop', { body: { compound: BUPT, from: 'bogus', stops: entrances } }), 'multi-drop from bogus');
  const bad = await srv.api('POST', '/api/v1/routes/multi-drop', { body: { compound: BUPT, stops: 'feature:1' } });
  expectInvalid(bad, 'multi-drop with stops as a string');
  assertProblem(await srv.api('POST', '/api/v1/routes/multi-drop', { body: { compound: '110108999999999', stops: entrances } }), 404, 'not_found', 'unknown compound');
  assertProblem(await srv.api('POST', '/api/v1/routes/multi-drop', { body: { compound: BUPT, stops: [entrances[0], 'feature:999999999'] } }), 404, 'not_found', 'unknown feature');
  assertProblem(await srv.api('POST', '/api/v1/routes/multi-drop', { body: { compound: NOMAP, stops: entrances } }), 404, 'not_found', 'a compound without a map');
  assertProblem(await srv.api('POST', '/api/v1/routes/multi-drop', { rawBody: '{"compound":' }), 400, 'invalid_json');
});

test('concurrent edits: one writer per base_version wins, the others get 409; without base_version none is refused or lost', async () => {
  const start = await getMap(DRAW);
  const c = start.compound;
  const feature = (i) => point(c.lon + i * 1e-5, c.lat, { kind: 'landmark', label: `并发${i}` });
  const same = await Promise.all([...Array(6).keys()].map((i) => add('community', DRAW, feature(i), start.version)));
  assert.deepEqual(same.map((r) => r.status).sort(), [201, 409, 409, 409, 409, 409], same.map((r) => `${r.status} ${r.text.slice(0, 120)}`).join('\n'));
  for (const r of same.filter((x) => x.status === 409)) assertProblem(r, 409, 'conflict');
  let m = await getMap(DRAW);
  assert.equal(m.version, start.version + 1);
  assert.equal(m.features.length, start.features.length + 1);

  // No base_version means "do not check" (docs/maps.md: 409 only when base_version is stale).
  const free = await Promise.all([...Array(6).keys()].map((i) => add('community', DRAW, feature(10 + i))));
  const created = free.filter((r) => r.status === 201);
  for (const r of free) assert.ok([201, 409].includes(r.status), `${r.status} ${r.text.slice(0, 200)}`);
  m = await getMap(DRAW);
  assert.equal(m.features.length, start.features.length + 1 + created.length, 'every 201 is stored, nothing else');
  assert.equal(m.version, start.version + 1 + created.length);
  assert.equal(new Set(created.map((r) => r.json.version)).size, created.length, `distinct versions: ${created.map((r) => r.json.version)}`);
  assert.deepEqual(free.map((r) => r.status), Array(6).fill(201), `writes without base_version refused: ${free.filter((r) => r.status !== 201).map((r) => r.text.slice(0, 160)).join(' | ')}`);
});

test('concurrent undos each revert a different change; none is refused', async () => {
  const start = await getMap(DRAW);
  const c = start.compound;
  for (let i = 0; i < 6; i++) await added('community', DRAW, point(c.lon + i * 1e-5, c.lat + 1e-4, { kind: 'landmark', label: `撤销${i}` }));
  const undos = await Promise.all([...Array(6).keys()].map(() => as('community', 'POST', `/api/v1/compounds/${DRAW}/map/undo`)));
  for (const r of undos) assert.ok([200, 409].includes(r.status), `${r.status} ${r.text.slice(0, 200)}`);
  const done = undos.filter((r) => r.status === 200);
  assert.equal(new Set(done.map((r) => r.json.undone.label)).size, done.length, `each undo reverts another change: ${done.map((r) => r.json.undone.label)}`);
  const m = await getMap(DRAW);
  assert.equal(m.features.length, start.features.length + 6 - done.length, 'every 200 undid one create, nothing else');
  assert.equal(m.version, start.version + 6 + done.length);
  assert.deepEqual(undos.map((r) => r.status), Array(6).fill(200), `undos refused: ${undos.filter((r) => r.status !== 200).map((r) => r.text.slice(0, 160)).join(' | ')}`);
});

test('edit: an imported building that shares its number with another imported one can still be edited', async () => {
  // OpenStreetMap has 2号楼 twice (and 学生2号公寓, 留学生2号公寓) on the BUPT campus, without sections.
  const m = await getMap(BUPT);
  const twos = m.features.filter((f) => f.properties.kind === 'building' && f.properties.number === '2' && !f.properties.section);
  assert.ok(twos.length >= 2, `imported buildings numbered 2: ${twos.map((f) => f.properties.label)}`);
  const b = twos[0];
  const res = await as('district', 'PUT', withBase(featuresPath(BUPT, b.id), m.version), { body: { ...b, properties: { ...b.properties, floors: 6 } } });
  if (res.status === 200) await undo('district', BUPT);
  assert.equal(res.status, 200, `adding the floor count to ${b.properties.label} (${b.properties.osm_ref}): ${res.text}`);
});

// ---- Last: the status codes docs/maps.md promises -------------------------------------------

test('photos of the way: staff upload (GPS stripped), the URL goes in a feature, anyone may view it', async () => {
  const jpeg = jpegWithExif();
  const upload = (who, body, type = 'image/jpeg') =>
    srv.api('POST', `${mapPath(HQ)}/media`, { token: who ? S[who].token : undefined, rawBody: body, headers: { 'Content-Type': type } });
  const res = await upload('community', jpeg);
  assert.equal(res.status, 201, res.text);
  assert.match(res.json.url, /^\/api\/v1\/map-media\/[A-Za-z0-9_-]{22}$/, 'served by its public id');
  const photo = await srv.request('GET', res.json.url);
  assert.equal(photo.status, 200);
  assert.equal(String(photo.headers['content-type']), 'image/jpeg');
  assert.ok(!Buffer.from(photo.body ?? photo.text, 'latin1').includes('GPSLatitude'), 'GPS metadata stripped');
  assertProblem(await upload('community', Buffer.from('GIF89a....')), 400, 'validation_failed', 'a GIF');
  assertProblem(await upload(null, jpeg), 401, 'auth_required', 'anonymous');
  assertProblem(await upload('worker', jpeg), 403, 'forbidden', 'a worker');
  assertProblem(await srv.request('GET', '/api/v1/map-media/99999999'), 404, 'not_found', 'unknown photo');
});

test('multi-drop across neighbouring compounds: {compound, to} stops, one leg each, each naming its compound; far away → 400', async () => {
  const parse = await srv.request('GET', `/api/v1/address/parse?q=${encodeURIComponent('北京师范大学')}`);
  assert.equal(parse.status, 200, parse.text);
  const BNU = parse.json.compound.code;
  const bnuMap = (await srv.request('GET', mapPath(BNU))).json;
  const building = bnuMap.features.find((f) => f.properties.kind === 'building' && f.properties.label === '励耘9号楼');
  assert.ok(building, '北京师范大学 has 励耘9号楼 from OpenStreetMap');
  const body = { compound: BUPT, stops: ['address:10号楼', { compound: BNU, to: `feature:${building.id}` }, 'address:2号楼'], at: AT_NOON };
  const res = await srv.api('POST', '/api/v1/routes/multi-drop', { body });
  assert.equal(res.status, 200, res.text.slice(0, 400));
  assert.deepEqual([...res.json.order].sort(), [0, 1, 2]);
  assert.equal(res.json.legs.length, 3);
  res.json.legs.forEach((leg, k) => {
    const stop = body.stops[res.json.order[k]];
    assert.equal(leg.compound, typeof stop === 'string' ? BUPT : BNU, `leg ${k} names its compound`);
    assert.ok(leg.steps.length > 0 && leg.distance_m > 0);
  });
  const bnuLeg = res.json.legs[res.json.order.indexOf(1)];
  assert.equal(bnuLeg.target.id, building.id);
  assert.match(bnuLeg.summary, /进入/, 'the leg next door enters by one of its gates');
  // 双泉嘉苑 is about 5 km from 北邮: not a neighbour.
  const far = (await srv.request('GET', `/api/v1/address/parse?q=${encodeURIComponent('双泉嘉苑')}`)).json.compound.code;
  const refused = await srv.api('POST', '/api/v1/routes/multi-drop', { body: { compound: BUPT, stops: ['address:10号楼', { compound: far, to: 'address:1号楼' }] } });
  assertProblem(refused, 400, 'validation_failed', 'a compound 5 km away');
  assert.match(refused.json.detail, /stops\[1\].*not a neighbouring compound/);
  const malformed = await srv.api('POST', '/api/v1/routes/multi-drop', { body: { compound: BUPT, stops: ['address:10号楼', { compound: BNU }] } });
  assertProblem(malformed, 400, 'validation_failed', 'a stop object without to');
});
