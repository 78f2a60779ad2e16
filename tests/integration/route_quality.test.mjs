// Routes a rider trusts (issue 15, docs/maps.md "Route"): on every compound the demo imports from
// the OpenStreetMap extracts (© OpenStreetMap contributors, ODbL 1.0), every building is reached
// by a route at most 1.3 × as long as walking in from the best open gate, unless the answer states
// the rule that forbids the shorter way. Building names are matched whole ("教三楼" is not 3号楼),
// a building that is not on the map is a catalogued 404, and a rule that makes a route go round
// is named in the route, in Chinese and in English.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, assertProblem } from './harness.mjs';

const srv = useServer();
const enc = encodeURIComponent;
const AT_NOON = Date.parse('2026-06-10T12:00:00+08:00') / 1000; // Beijing time
const MAX_DETOUR = 1.3;
let BUPT;
let OSM_MAPS; // [{ code, name, map }] of every compound whose map came from OpenStreetMap
let community;

const route = (code, query, headers = {}) => srv.api('GET', `/api/v1/compounds/${code}/route?${query}&at=${AT_NOON}`, { headers });
async function routeOk(code, query, headers) {
  const res = await route(code, query, headers);
  assert.equal(res.status, 200, `route ${code}?${query}: ${res.text.slice(0, 400)}`);
  return res.json;
}
async function getMap(code) {
  const res = await srv.api('GET', `/api/v1/compounds/${code}/map`);
  assert.equal(res.status, 200, res.text.slice(0, 300));
  return res.json;
}
/** Runs `fn` over `items`, `width` at a time. */
async function eachLimited(items, width, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

before(async () => {
  await srv.start();
  community = await srv.login('demo-community');
  const district = await srv.login('demo-district');
  const all = await srv.api('GET', '/api/v1/compounds?limit=200', { token: district.token });
  assert.equal(all.status, 200, all.text);
  OSM_MAPS = [];
  for (const c of all.json.items) {
    const map = await getMap(c.code);
    if (/osm/.test(map.source ?? '')) OSM_MAPS.push({ code: c.code, name: c.name_zh, map });
  }
  BUPT = OSM_MAPS.find((m) => m.name === '北京邮电大学')?.code;
  assert.ok(BUPT, `北京邮电大学 is among the imported maps: ${OSM_MAPS.map((m) => m.name).join(' ')}`);
});

test('every building of every imported compound: route ≤ 1.3 × walking in from the best open gate, or a stated rule', async () => {
  let buildings = 0;
  let routed = 0;
  let noGate = 0;
  let ruled = 0;
  let worst = { ratio: 0, where: '' };
  const failures = [];
  const jobs = OSM_MAPS.flatMap(({ code, name, map }) => map.features
    .filter((f) => f.properties.kind === 'building')
    .map((f) => ({ code, where: `${name} ${f.properties.label} (feature ${f.id})`, id: f.id })));
  await eachLimited(jobs, 4, async ({ code, where, id }) => {
    buildings += 1;
    const [withBike, onFoot] = await Promise.all([route(code, `to=feature:${id}`), route(code, `to=feature:${id}&bike=parked`)]);
    if (withBike.status !== 200) {
      // A compound whose gates OpenStreetMap does not have: no way in, with the reason.
      assertProblem(withBike, 400, 'validation_failed', where);
      assert.equal(onFoot.status, 400, `${where}: no route with the bike, none on foot`);
      noGate += 1;
      return;
    }
    assert.equal(onFoot.status, 200, `${where}: a route with the bike, so one on foot: ${onFoot.text.slice(0, 200)}`);
    routed += 1;
    const r = withBike.json;
    const walk = onFoot.json.distance_m;
    assert.ok(Math.abs(r.walk_in_m - walk) <= 1, `${where}: walk_in_m ${r.walk_in_m} is walking in from the best gate (${walk} m)`);
    if (r.rule) {
      ruled += 1;
      assert.ok(r.rule.code && r.rule.text, `${where}: a rule has a code and words: ${JSON.stringify(r.rule)}`);
      return;
    }
    const ratio = walk > 0 ? r.distance_m / walk : 1;
    if (r.distance_m > MAX_DETOUR * walk + 2) failures.push(`${where}: ${r.distance_m} m vs ${walk} m on foot (${r.summary})`);
    if (ratio > worst.ratio) worst = { ratio, where };
  });
  console.log(`route quality: ${buildings} buildings in ${OSM_MAPS.length} imported compounds; ${routed} routed, `
    + `${ruled} with a stated rule, ${noGate} in compounds without gates; worst route / walk from the best gate `
    + `${worst.ratio.toFixed(2)} (${worst.where})`);
  assert.deepEqual(failures, [], 'routes longer than 1.3 × walking in, without a rule');
  assert.ok(routed >= 400, `most buildings are routed: ${routed} of ${buildings}`);
});

test('北京邮电大学 "10号楼2单元": building 10号楼, walked in from 南门 (it was 392 m, riding past it and back)', async () => {
  const r = await routeOk(BUPT, `to=${enc('address:10号楼2单元')}`);
  assert.match(r.target.label, /^10号楼/);
  assert.ok(r.distance_m <= MAX_DETOUR * r.walk_in_m + 2, `${r.distance_m} m vs walking in ${r.walk_in_m} m`);
  // Round the building to its north side: about 110 m (54 m as the crow flies).
  assert.ok(r.distance_m < 120 && Math.abs(r.distance_m - r.walk_in_m) <= 1, `${r.distance_m} m: ${r.summary}`);
  assert.equal(r.ride_m, 0, r.summary);
  assert.equal(r.gate?.label, '南门');
  assert.equal(r.rule, null);
  assert.match(r.steps[0].text, /南门外停车/, r.summary);
});

test('building names are matched whole: 教三楼 is 教三楼, 学生5号公寓 is not 5号楼', async () => {
  const map = OSM_MAPS.find((m) => m.code === BUPT).map;
  const labelOf = (id) => {
    const f = map.features.find((x) => x.id === id);
    const building = f?.properties.building_id ? map.features.find((x) => x.id === f.properties.building_id) : f;
    return building?.properties.label;
  };
  for (const [text, label] of [['教三楼', '教三楼'], ['北邮教三楼201', '教三楼'], ['学生5号公寓', '学生5号公寓'], ['10号楼2单元', '10号楼']]) {
    const res = await srv.api('GET', `/api/v1/address/parse?q=${enc(text)}&compound=${BUPT}`);
    assert.equal(res.status, 200, res.text);
    assert.ok(res.json.target, `${text}: found (${JSON.stringify(res.json.parts)})`);
    assert.equal(labelOf(res.json.target.feature_id), label, `${text} → ${res.json.target.label}`);
    const r = await routeOk(BUPT, `to=${enc(`address:${text}`)}`);
    assert.equal(r.target.id, res.json.target.feature_id, `${text}: the route goes to the same place`);
  }
});

test('a building not on the map: 404 not_found, catalogued, naming what was read (never the whole text)', async () => {
  const five = await route(BUPT, `to=${enc('address:教五楼 13812345678')}`);
  const p = assertProblem(five, 404, 'not_found', '教五楼');
  assert.equal(p.building, '教五楼', JSON.stringify(p));
  assert.match(p.detail, /地图上没有“教五楼”/, p.detail);
  assert.ok(!five.text.includes('13812345678'), 'the phone number is not echoed');
  const english = await route(BUPT, `to=${enc('address:99号楼')}`, { 'accept-language': 'en' });
  const q = assertProblem(english, 404, 'not_found', '99号楼');
  assert.equal(q.building, '99号楼');
  assert.match(q.detail, /is not on this compound's map/, q.detail);
  const nothing = assertProblem(await route(BUPT, `to=${enc('address:放门口')}`), 404, 'not_found', 'no building');
  assert.match(nothing.detail, /楼号或楼名/, nothing.detail);
});

test('a rule that forces a longer way is stated: a gate closed to workers, in Chinese and English', async () => {
  const mine = await srv.api('GET', '/api/v1/compounds?limit=200', { token: community.token });
  assert.equal(mine.status, 200, mine.text);
  let code;
  for (const c of mine.json.items) {
    if ((await getMap(c.code)).version === 0) { code = c.code; break; }
  }
  assert.ok(code, 'a compound of demo-community without a map');
  // 南门 — 85 m of lane — 1号楼 — 17 m — 北门 (closed to delivery workers); no rider parking.
  const [lon, lat] = [116.3300, 39.9900];
  const point = (dx, properties) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon + dx, lat] }, properties });
  const map = {
    type: 'FeatureCollection',
    features: [
      point(0, { kind: 'gate', label: '南门', gate_kind: 'vehicle' }),
      point(0.0012, { kind: 'gate', label: '北门', gate_kind: 'vehicle', workers_allowed: false }),
      point(0.0010, { kind: 'building', label: '1号楼', number: '1' }),
      { type: 'Feature', geometry: { type: 'LineString', coordinates: [[lon, lat], [lon + 0.0012, lat]] }, properties: { kind: 'path' } },
    ],
  };
  const put = await srv.api('PUT', `/api/v1/compounds/${code}/map`, { token: community.token, body: map });
  assert.equal(put.status, 200, put.text);
  const r = await routeOk(code, `to=${enc('address:1号楼')}`);
  assert.equal(r.gate?.label, '南门');
  assert.equal(r.rule?.code, 'gate_closed_to_workers', JSON.stringify(r.rule));
  assert.equal(r.rule.place, '北门');
  assert.equal(r.rule.text, '北门不让骑手通行，只能绕行');
  assert.ok(r.distance_m > MAX_DETOUR * 17, `${r.distance_m} m: the long way round`);
  const en = await routeOk(code, `to=${enc('address:1号楼')}`, { 'accept-language': 'en' });
  assert.equal(en.rule.text, '北门 is closed to delivery workers: the route goes round');
  // Open the gate to workers: the short way, and no rule.
  const gate = (await getMap(code)).features.find((f) => f.properties.label === '北门');
  const opened = await srv.api('PUT', `/api/v1/compounds/${code}/map/features/${gate.id}`, {
    token: community.token,
    body: { ...gate, properties: { ...gate.properties, workers_allowed: true } },
  });
  assert.equal(opened.status, 200, opened.text);
  const short = await routeOk(code, `to=${enc('address:1号楼')}`);
  assert.equal(short.gate?.label, '北门');
  assert.equal(short.rule, null);
  assert.ok(short.distance_m < 30, `${short.distance_m} m`);
});
