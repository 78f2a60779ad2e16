// `youhao import-osm FILE... --db URL [--parent COMMUNITY_CODE]` (docs/maps.md, src/maps/osm_map_importer.h):
// imports into a demo database, re-imports idempotently, keeps what staff drew, refuses bad files
// without writing anything, reads PBF; and a cross-check of the result against an independent
// reader (osmtogeojson + turf) of the same file.
//
// The extracts in ../shared/data/osm are © OpenStreetMap contributors, ODbL 1.0.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile, rm, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import osmtogeojson from 'osmtogeojson';
import * as turf from '@turf/turf';
import { PNG } from 'pngjs';
import { BIN, REPO_ROOT, DEMO_PASSWORD, createDatabase, runCli, request, freePort } from './harness.mjs';

function osmDir() {
  const candidates = [process.env.YOUHAO_OSM_DIR, path.resolve(REPO_ROOT, '..', 'shared', 'data', 'osm'), path.resolve(REPO_ROOT, 'shared', 'data', 'osm')];
  return candidates.find((d) => d && existsSync(path.join(d, 'beijing-bupt.osm')));
}
const OSM = osmDir();
const BUPT_OSM = OSM && path.join(OSM, 'beijing-bupt.osm');
const MONACO_PBF = OSM && path.join(OSM, 'monaco.osm.pbf');
const BUPT_WAY = 279303636; // the outline of 北京邮电大学

let db; // the database every test imports into
let scratch; // a temporary directory for bad files
const SUMMARY = /^\s+(\d{15}) (.+?)( \(new\))?: (\d+) buildings, (\d+) entrances, (\d+) gates, (\d+) parking, (\d+) paths \(map version (\d+)\)\s*$/gm;
/** The per-compound lines `import-osm` prints. */
function summaryLines(stdout) {
  return [...stdout.matchAll(SUMMARY)].map((m) => ({
    code: m[1], name: m[2], created: Boolean(m[3]), buildings: Number(m[4]), entrances: Number(m[5]),
    gates: Number(m[6]), parking: Number(m[7]), paths: Number(m[8]), version: Number(m[9]),
  }));
}
async function importOsm(files, extra = []) {
  return runCli(['import-osm', ...[files].flat(), '--db', db.url, ...extra], { timeoutMs: 120_000 });
}

/** `youhao serve` (no --demo) on the test database, for reading what the CLI wrote. */
async function serve() {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const proc = spawn(BIN, ['serve', '--db', db.url, '--key-file', db.keyFile, '--listen', `127.0.0.1:${port}`, '--threads', '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stdout.on('data', (d) => { output += d; });
  proc.stderr.on('data', (d) => { output += d; });
  let exit = null;
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => { exit = { code, signal }; resolve(exit); }));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exit) throw new Error(`youhao serve exited early ${JSON.stringify(exit)}:\n${output}`);
    try { if ((await request(base, 'GET', '/healthz', { timeoutMs: 2000 })).status === 200) break; } catch { /* not yet */ }
    if (Date.now() > deadline) { proc.kill('SIGKILL'); throw new Error(`youhao serve did not start:\n${output}`); }
    await new Promise((r) => setTimeout(r, 100));
  }
  const api = (method, p, { token, body } = {}) => request(base, method, p, { headers: { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) }, body });
  return {
    api,
    async map(code) {
      const res = await api('GET', `/api/v1/compounds/${code}/map`);
      assert.equal(res.status, 200, `GET map ${code}: ${res.text.slice(0, 300)}`);
      return res.json;
    },
    async login(login) {
      const res = await api('POST', '/api/v1/session', { body: { login, password: DEMO_PASSWORD } });
      assert.equal(res.status, 201, res.text);
      return res.json.token;
    },
    async stop() {
      if (!exit) proc.kill('SIGTERM');
      const res = await Promise.race([exited, new Promise((r) => setTimeout(() => r(null), 10_000))]);
      if (!res) { proc.kill('SIGKILL'); await exited; }
      assert.ok(res && res.code === 0, `serve exit: ${JSON.stringify(res)}\n${output.slice(-2000)}`);
    },
  };
}
/** Runs fn(server) with a server on the test database, stopped afterwards (the CLI writes while no server caches maps). */
async function withServer(fn) {
  const s = await serve();
  try { return await fn(s); } finally { await s.stop(); }
}
const kindCounts = (m) => m.features.reduce((c, f) => ({ ...c, [f.properties.kind]: (c[f.properties.kind] ?? 0) + 1 }), {});
const osmRefs = (m) => m.features.map((f) => f.properties.osm_ref ?? '').filter(Boolean).sort();

before(async () => {
  assert.ok(OSM, 'the OpenStreetMap extracts (../shared/data/osm) are present');
  scratch = await mkdtemp(path.join(tmpdir(), 'youhao-osm-'));
  await mkdir(path.join(scratch, 'no-osm'));
  db = await createDatabase();
  // The demo city without its maps, so that the first import builds them.
  const demo = await runCli(['demo', '--db', db.url, '--key-file', db.keyFile, '--osm-dir', path.join(scratch, 'no-osm')], { timeoutMs: 120_000 });
  assert.equal(demo.code, 0, `youhao demo: ${demo.stdout}\n${demo.stderr}`);
}, { timeout: 180_000 });

after(async () => {
  if (db) await db.drop().catch((e) => console.error(`dropping the test database: ${e.message}`));
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

let FIRST; // summary lines of the first import
let BUPT; // {code, map} after the first import

test('import-osm beijing-bupt.osm: exit 0, one line per compound, 北京邮电大学 gets a map with its buildings', async () => {
  const res = await importOsm(BUPT_OSM);
  assert.equal(res.code, 0, `exit code; stderr: ${res.stderr}`);
  assert.match(res.stdout, /OpenStreetMap contributors/, 'the attribution is printed');
  FIRST = summaryLines(res.stdout);
  assert.ok(FIRST.length >= 1, `summary lines: ${res.stdout}`);
  const line = FIRST.find((l) => l.name === '北京邮电大学');
  assert.ok(line, `北京邮电大学 is listed: ${res.stdout}`);
  assert.equal(line.created, false, 'the demo city already has 北京邮电大学');
  assert.equal(line.version, 1, 'the first map');
  const map = await withServer((s) => s.map(line.code));
  BUPT = { code: line.code, map };
  assert.equal(map.version, 1);
  assert.match(map.source, /osm/);
  assert.equal(map.attribution, '© OpenStreetMap contributors, ODbL 1.0');
  const k = kindCounts(map);
  console.log(`北京邮电大学 from beijing-bupt.osm: ${JSON.stringify(k)}`);
  assert.equal(k.boundary, 1);
  assert.ok(k.building >= 15, `≥ 15 buildings: ${k.building}`);
  // Gates at one spot are one gate now (BUPT: 东门, 北门, 南门, 西门).
  assert.ok(k.gate >= 4 && k.entrance >= 50 && k.path >= 50, JSON.stringify(k));
  const boundary = map.features.find((f) => f.properties.kind === 'boundary');
  assert.equal(boundary.properties.osm_ref, `way/${BUPT_WAY}`);
  for (const n of ['1', '10', '15', '17']) {
    assert.ok(map.features.some((f) => f.properties.kind === 'building' && f.properties.number === n), `building number ${n}`);
  }
});

test('import-osm: the printed counts are those of the map it built', () => {
  assert.ok(FIRST && BUPT, 'the first import ran');
  const line = FIRST.find((l) => l.code === BUPT.code);
  const k = kindCounts(BUPT.map);
  assert.ok(line.buildings >= 15, `printed buildings for 北京邮电大学: ${line.buildings} (the map has ${k.building})`);
  assert.deepEqual(
    { buildings: line.buildings, entrances: line.entrances, gates: line.gates, parking: line.parking, paths: line.paths },
    { buildings: k.building ?? 0, entrances: k.entrance ?? 0, gates: k.gate ?? 0, parking: k.parking ?? 0, paths: k.path ?? 0 },
    'printed counts vs the stored map',
  );
});

test('import-osm twice: same compounds and counts, features not duplicated, version + 1', async () => {
  const res = await importOsm(BUPT_OSM);
  assert.equal(res.code, 0, res.stderr);
  const again = summaryLines(res.stdout);
  assert.deepEqual(again.map((l) => l.code).sort(), FIRST.map((l) => l.code).sort(), 'the same compounds');
  for (const l of again) {
    const f = FIRST.find((x) => x.code === l.code);
    assert.equal(l.created, false, `${l.name} is not created again`);
    assert.deepEqual([l.buildings, l.entrances, l.gates, l.parking, l.paths], [f.buildings, f.entrances, f.gates, f.parking, f.paths], l.name);
    assert.equal(l.version, f.version + 1, `${l.name}: version`);
  }
  const map = await withServer((s) => s.map(BUPT.code));
  assert.equal(map.version, BUPT.map.version + 1);
  assert.deepEqual(kindCounts(map), kindCounts(BUPT.map), 'the same features by kind');
  assert.deepEqual(osmRefs(map), osmRefs(BUPT.map), 'the same OpenStreetMap objects, none twice');
  const strip = (m) => m.features.map(({ id, properties: { building_id, ...p }, geometry }) => JSON.stringify([geometry, p])).sort();
  assert.deepEqual(strip(map), strip(BUPT.map), 'the same geometry and properties');
  BUPT.map = map;
});

test('import-osm again after staff edits: what staff drew survives, still linked to its building', async () => {
  const drawn = await withServer(async (s) => {
    const token = await s.login('demo-district');
    const m = await s.map(BUPT.code);
    const building = m.features.find((f) => f.properties.kind === 'building' && f.properties.number === '10');
    assert.ok(building, '10号楼 is on the map');
    const at = turf.centerOfMass(building).geometry.coordinates;
    const entrance = await s.api('POST', `/api/v1/compounds/${BUPT.code}/map/features`, {
      token, body: { type: 'Feature', geometry: { type: 'Point', coordinates: at }, properties: { kind: 'entrance', label: '3单元', number: '3', building_id: building.id } },
    });
    assert.equal(entrance.status, 201, entrance.text);
    const parking = await s.api('POST', `/api/v1/compounds/${BUPT.code}/map/features`, {
      token, body: { type: 'Feature', geometry: { type: 'Point', coordinates: [at[0] + 0.0002, at[1]] }, properties: { kind: 'parking', label: '骑手临停区', capacity: 30 } },
    });
    assert.equal(parking.status, 201, parking.text);
    return { building: building.properties.osm_ref, version: parking.json.version };
  });
  const res = await importOsm(BUPT_OSM);
  assert.equal(res.code, 0, res.stderr);
  await withServer(async (s) => {
    const m = await s.map(BUPT.code);
    assert.equal(m.version, drawn.version + 1);
    const entrances = m.features.filter((f) => f.properties.kind === 'entrance' && f.properties.label === '3单元' && !f.properties.osm_ref);
    assert.equal(entrances.length, 1, 'the drawn entrance is kept, once');
    const parking = m.features.filter((f) => f.properties.label === '骑手临停区');
    assert.equal(parking.length, 1, 'the drawn parking is kept, once');
    assert.equal(parking[0].properties.capacity, 30);
    const linked = m.features.find((f) => f.id === entrances[0].properties.building_id);
    assert.equal(linked?.properties.osm_ref, drawn.building,
      `the drawn entrance still belongs to 10号楼 (${drawn.building}); building_id is ${entrances[0].properties.building_id} → ${JSON.stringify(linked?.properties)}`);
    const found = await s.api('GET', `/api/v1/address/parse?q=${encodeURIComponent('10号楼3单元')}&compound=${BUPT.code}`);
    assert.equal(found.json.target?.feature_id, entrances[0].id, `the address finds the drawn entrance: ${JSON.stringify(found.json.target)}`);
  });
});

// ---- Cross-check with an independent reader -------------------------------------------------

let INDEPENDENT; // { features (GeoJSON from osmtogeojson), byRef, outline, outlineLine }
function independentReading() {
  if (INDEPENDENT) return INDEPENDENT;
  const xml = readFileSync(BUPT_OSM, 'utf8');
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false,
    isArray: (name) => ['node', 'way', 'relation', 'tag', 'nd', 'member'].includes(name) });
  const osm = parser.parse(xml).osm;
  const tags = (e) => Object.fromEntries((e.tag || []).map((t) => [t.k, String(t.v)]));
  const elements = [
    ...(osm.node || []).map((n) => ({ type: 'node', id: Number(n.id), lat: Number(n.lat), lon: Number(n.lon), tags: tags(n) })),
    ...(osm.way || []).map((w) => ({ type: 'way', id: Number(w.id), nodes: (w.nd || []).map((x) => Number(x.ref)), tags: tags(w) })),
    ...(osm.relation || []).map((r) => ({ type: 'relation', id: Number(r.id), tags: tags(r),
      members: (r.member || []).map((m) => ({ type: m.type, ref: Number(m.ref), role: m.role || '' })) })),
  ];
  const geojson = osmtogeojson({ elements }, { flatProperties: false });
  const byRef = new Map(geojson.features.map((f) => [f.id, f]));
  const outline = byRef.get(`way/${BUPT_WAY}`);
  assert.ok(outline && outline.geometry.type === 'Polygon', 'osmtogeojson reads the BUPT outline as a polygon');
  assert.equal(outline.properties.tags.name, '北京邮电大学');
  INDEPENDENT = { features: geojson.features, byRef, outline, outlineLine: turf.polygonToLine(outline) };
  return INDEPENDENT;
}
const tagsOfRef = (ref) => independentReading().byRef.get(ref)?.properties.tags ?? {};

test('cross-check (osmtogeojson + turf): the named or numbered buildings inside 北京邮电大学 match', async () => {
  const { features, outline } = independentReading();
  const map = await withServer((s) => s.map(BUPT.code));
  const ourBoundary = map.features.find((f) => f.properties.kind === 'boundary');
  assert.ok(Math.abs(turf.area(ourBoundary) - turf.area(outline)) / turf.area(outline) < 0.001, 'the same outline');
  const named = (t) => Boolean(t.name || t['addr:housenumber']);
  const expected = new Set(features
    .filter((f) => f.properties.tags?.building && f.properties.tags.building !== 'no' && /Polygon/.test(f.geometry.type))
    .filter((f) => named(f.properties.tags))
    .filter((f) => turf.booleanPointInPolygon(turf.centerOfMass(f), outline))
    .map((f) => f.id));
  const ours = map.features.filter((f) => f.properties.kind === 'building');
  const ourRefs = new Set(ours.map((f) => f.properties.osm_ref));
  assert.equal(ourRefs.size, ours.length, 'no building twice');
  const ourNamed = new Set([...ourRefs].filter((r) => named(tagsOfRef(r))));
  const missing = [...expected].filter((r) => !ourNamed.has(r)).map((r) => `${r} ${tagsOfRef(r).name ?? tagsOfRef(r)['addr:housenumber']}`);
  const extra = [...ourNamed].filter((r) => !expected.has(r)).map((r) => `${r} ${tagsOfRef(r).name ?? ''}`);
  console.log(`named/numbered buildings: independent ${expected.size}, ours ${ourNamed.size} (+ ${ours.length - ourNamed.size} unnamed)`);
  assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, 'named or numbered buildings: ours vs osmtogeojson');
  // Labels come from the name, else the house number.
  for (const f of ours.filter((b) => named(tagsOfRef(b.properties.osm_ref)))) {
    const t = tagsOfRef(f.properties.osm_ref);
    assert.ok(f.properties.label === t.name || f.properties.label.includes(t['addr:housenumber']), `${f.properties.osm_ref}: ${f.properties.label} vs ${JSON.stringify(t)}`);
  }
});

test('cross-check (osmtogeojson + turf): gates (barrier=gate|lift_gate|entrance within 20 m of the outline) match', async () => {
  const { features, outlineLine } = independentReading();
  const map = await withServer((s) => s.map(BUPT.code));
  const kinds = new Set(['gate', 'lift_gate', 'entrance']);
  const distance = (f) => turf.pointToLineDistance(f, outlineLine, { units: 'meters' });
  const expected = new Set(features
    .filter((f) => f.geometry.type === 'Point' && kinds.has(f.properties.tags?.barrier) && distance(f) <= 20)
    .map((f) => f.id));
  const ours = map.features.filter((f) => f.properties.kind === 'gate' && kinds.has(tagsOfRef(f.properties.osm_ref).barrier));
  const ourRefs = new Set(ours.map((f) => f.properties.osm_ref));
  const describe = (r) => {
    const f = independentReading().byRef.get(r);
    const ourGate = ours.find((g) => g.properties.osm_ref === r);
    return `${r} ${f?.properties.tags.barrier} ${ourGate ? `"${ourGate.properties.label}" ` : ''}${f ? `${distance(f).toFixed(0)} m from the outline` : ''}`;
  };
  // A gate within 10 m of one of ours was merged into it (a lift gate beside the pedestrian gate is one gate).
  const allOurs = map.features.filter((f) => f.properties.kind === 'gate');
  const merged = (r) => {
    const f = independentReading().byRef.get(r);
    return allOurs.some((g) => turf.distance(g, f, { units: 'meters' }) <= 10);
  };
  const missing = [...expected].filter((r) => !ourRefs.has(r) && !merged(r)).map(describe);
  const extra = [...ourRefs].filter((r) => !expected.has(r)).map(describe);
  console.log(`gates: independent ${expected.size}, ours ${ourRefs.size} (of ${allOurs.length} gates incl. wicket gates; the rest merged)`);
  assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, 'gates on the fence: ours vs osmtogeojson');
  const labels = allOurs.map((g) => g.properties.label);
  assert.equal(new Set(labels).size, labels.length, `no two gates of one name: ${labels.join(' ')}`);
  assert.ok(labels.every((l) => !/\d$/.test(l)), `gates are named, not numbered: ${labels.join(' ')}`);
});

// ---- Bad input -----------------------------------------------------------------------------

async function mapsSnapshot(codes) {
  return withServer(async (s) => Object.fromEntries(await Promise.all(codes.map(async (c) => {
    const m = await s.map(c);
    return [c, { version: m.version, features: m.features }];
  }))));
}

test('bad input: truncated, not OSM, missing → non-zero exit with a message, nothing half-imported', async () => {
  const codes = FIRST.map((l) => l.code);
  const before = await mapsSnapshot(codes);
  const truncated = path.join(scratch, 'beijing-bupt-truncated.osm');
  await writeFile(truncated, readFileSync(BUPT_OSM).subarray(0, 100 * 1024));
  const png = path.join(scratch, 'picture.osm');
  await writeFile(png, PNG.sync.write(new PNG({ width: 2, height: 2 })));
  const hello = path.join(scratch, 'hello.osm');
  await writeFile(hello, 'hello\n');
  const pngNamed = path.join(scratch, 'map.png');
  await writeFile(pngNamed, PNG.sync.write(new PNG({ width: 2, height: 2 })));
  const truncatedPbf = path.join(scratch, 'monaco-truncated.osm.pbf');
  await writeFile(truncatedPbf, readFileSync(MONACO_PBF).subarray(0, 300 * 1024));
  const missing = path.join(scratch, 'no-such-file.osm');

  const t = await importOsm(truncated);
  assert.notEqual(t.code, 0, `a truncated file: exit ${t.code}\n${t.stdout}`);
  assert.match(t.stderr, /line \d+/i, `the message names a line: ${t.stderr}`);
  assert.ok(t.stderr.includes('beijing-bupt-truncated.osm'), `the message names the file: ${t.stderr}`);
  for (const [file, what] of [[png, 'a PNG'], [hello, 'hello'], [pngNamed, 'a .png file']]) {
    const r = await importOsm(file);
    assert.notEqual(r.code, 0, `${what}: exit ${r.code}`);
    assert.match(r.stderr, /not an OSM file/, `${what}: ${r.stderr}`);
  }
  const p = await importOsm(truncatedPbf);
  assert.notEqual(p.code, 0, `a truncated PBF: exit ${p.code}`);
  assert.match(p.stderr, /truncat/i, p.stderr);
  const m = await importOsm(missing);
  assert.notEqual(m.code, 0, `a missing file: exit ${m.code}`);
  assert.ok(m.stderr.includes('no-such-file.osm'), `the message names the missing file: ${m.stderr}`);
  assert.match(m.stderr, /not found|no such file/i, m.stderr);
  const d = await importOsm(path.join(scratch, 'no-osm'));
  assert.notEqual(d.code, 0, `a directory: exit ${d.code}`);
  assert.ok(d.stderr.trim().length > 0, 'a directory: a message');
  const none = await runCli(['import-osm', '--db', db.url]);
  assert.notEqual(none.code, 0, 'no FILE');
  assert.match(none.stderr, /FILE/);
  for (const r of [t, p, m, d]) assert.doesNotMatch(r.stdout, SUMMARY, 'nothing reported as imported');
  assert.deepEqual(await mapsSnapshot(codes), before, 'no map changed');

  // One transaction per file: a bad file among good ones fails the run but not the other files.
  const mixed = await importOsm([truncated, BUPT_OSM]);
  assert.notEqual(mixed.code, 0, 'a run with a bad file fails');
  assert.ok(summaryLines(mixed.stdout).some((l) => l.code === BUPT.code), `the good file is imported: ${mixed.stdout}`);
  const afterMixed = await mapsSnapshot([BUPT.code]);
  assert.equal(afterMixed[BUPT.code].version, before[BUPT.code].version + 1);
  assert.equal(afterMixed[BUPT.code].features.length, before[BUPT.code].features.length);
});

test('monaco.osm.pbf with --parent COMMUNITY: exit 0, new compounds with maps under that community; again: none new', async () => {
  const parent = await withServer(async (s) => {
    const token = await s.login('demo-community');
    const me = await s.api('GET', '/api/v1/me', { token });
    assert.equal(me.json.account.area.level, 'community');
    return me.json.account.area.code;
  });
  const res = await importOsm(MONACO_PBF, ['--parent', parent]);
  assert.equal(res.code, 0, `exit; stderr: ${res.stderr}`);
  const lines = summaryLines(res.stdout);
  console.log(`monaco.osm.pbf: ${lines.length} compounds: ${lines.map((l) => l.name).join(', ')}`);
  assert.ok(lines.length >= 1, res.stdout);
  assert.ok(lines.every((l) => l.created), 'all new');
  for (const l of lines) assert.ok(l.code.startsWith(parent) && l.code.length === 15, `${l.code} is a compound of ${parent}`);
  await withServer(async (s) => {
    const token = await s.login('demo-community');
    const listed = await s.api('GET', `/api/v1/compounds?limit=200`, { token });
    assert.equal(listed.status, 200, listed.text);
    for (const l of lines) {
      const m = await s.map(l.code);
      assert.equal(m.compound.name, l.name);
      assert.ok(m.version >= 1 && m.features.length >= 1, `${l.name}: a map`);
      assert.equal(m.features.filter((f) => f.properties.kind === 'boundary').length, 1, `${l.name}: its outline`);
      assert.equal(m.attribution, '© OpenStreetMap contributors, ODbL 1.0');
      assert.ok(Math.abs(m.compound.lat - 43.73) < 0.1 && Math.abs(m.compound.lon - 7.42) < 0.1, `${l.name} lies in Monaco: ${JSON.stringify(m.compound)}`);
      assert.ok(listed.json.items.some((c) => c.code === l.code), `${l.code} is listed in the community`);
    }
  });
  const again = await importOsm(MONACO_PBF, ['--parent', parent]);
  assert.equal(again.code, 0, again.stderr);
  const second = summaryLines(again.stdout);
  assert.deepEqual(second.map((l) => l.code).sort(), lines.map((l) => l.code).sort(), 'the same compounds');
  assert.ok(second.every((l) => !l.created), 'none created twice');
});

test('import-osm --parent that is not a community: the new compounds are skipped with a note', async () => {
  // The demo city has most compounds of this file (found by OSM id or name); the others are new
  // and need a community to belong to.
  const res = await importOsm(path.join(OSM, 'beijing-haidian-cau.osm'), ['--parent', '110108']);
  assert.equal(res.code, 0, res.stderr);
  const lines = summaryLines(res.stdout);
  assert.ok(lines.length > 0, res.stdout);
  assert.ok(lines.every((l) => !l.created), `nothing created under a district: ${res.stdout}`);
  assert.match(res.stdout, /note: .+: --parent 110108 is not a community/, res.stdout);
});

test('youhao poster COMPOUND --out FILE: a PDF whose QR code zbarimg reads back at 150 dpi; SVG; unknown compound', async () => {
  const imported = await importOsm(BUPT_OSM);
  assert.equal(imported.code, 0, imported.stderr);
  const pdf = path.join(scratch, 'poster.pdf');
  const made = await runCli(['poster', '北京邮电大学', '--out', pdf, '--db', db.url, '--public-url', 'https://youhao.example'], { timeoutMs: 60_000 });
  assert.equal(made.code, 0, made.stderr);
  const bytes = readFileSync(pdf);
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', pdf, path.join(scratch, 'poster150')]);
  const decoded = execFileSync('zbarimg', ['--raw', '-q', path.join(scratch, 'poster150.png')], { encoding: 'utf8' }).trim();
  assert.match(decoded, /^https:\/\/youhao\.example\/m\/\d{15}$/);
  const svg = path.join(scratch, 'poster.svg');
  const made_svg = await runCli(['poster', '北京邮电大学', '--out', svg, '--db', db.url], { timeoutMs: 60_000 });
  assert.equal(made_svg.code, 0, made_svg.stderr);
  assert.match(readFileSync(svg, 'utf8'), /北京邮电大学/);
  const unknown = await runCli(['poster', '没有这个小区', '--out', svg, '--db', db.url]);
  assert.notEqual(unknown.code, 0);
  assert.match(unknown.stderr, /no compound/);
});
