// Every route × every role × an object inside and one outside the caller's scope (issue 14, item 7).
//
// OPS below has one entry per operation of the OpenAPI document; the first test fails when an
// operation has no entry (a new route) or an entry names no documented operation. Each entry says
// which kind of object the operation acts on (KINDS: a compound, an area, a worker, a report, a
// place, an acceptance rule, a grid reporter, ...; `none` for operations without an object, `own`
// for the caller's own things) and, for writes, a valid body, so that a refusal is about scope and
// not about input.
//
// For every role inside the operation's audience (OpenAPI `x-audience`; operations open to all are
// also called without a session, as `anonymous`), the objects are placed in the demo city at
// runtime: the in-scope object is the nearest one inside the caller's reach (their compound,
// community or street, their own report or place, ...), the out-of-scope object the nearest one
// outside it: another compound of the same community for guards and property staff, another
// community of the same street for community-level roles, another street for street-level roles.
// District, city and admin accounts (and demo-union, union staff of the district) reach everything in
// the demo city, so they only get in-scope cases. Events and what hangs on them (door check-ins,
// childcare classes, training sessions, skills contests) are organised by their creator and by union
// staff and community officers and above whose area holds them; demo-keeper and demo-sponsor organise
// only their own (the out-of-scope object of demo-sponsor is demo-keeper's event in their street). Expected:
//   in scope      → 2xx (or, for `loose` entries whose details other work is changing, any status
//                   but 401/403/404);
//   out of scope  → 403 or 404, and a write leaves the object as it was (re-read as admin);
//   public        → objects readable by design (a published map, an approved place, ...) are
//                   marked `public` in KINDS or per role with `publicFor`, and answer 2xx both ways;
//   refused roles → `refuse` lists roles that pass the audience but may never act (403/404 on
//                   every object); a role without any object in reach is refused the same way.
// The server and its database are this file's own. A write in scope acts on an object made or
// reset for it just before (`prepare`: a fresh feature, rule, appointment, pending place, a worker
// set back to pending, ...) or rewrites what is there with itself (an access plan, a map), so no
// case spoils another. Cases marked `bug` are permission bugs found by this test: their failures
// are reported by the last test, which fails until they are fixed.
// YOUHAO_OBJECTS_VERBOSE=1 prints every case with its answer.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import {
  useServer, ROLE_LOGINS, DEMO_PASSWORD, jpegWithExif, registerRider, issuePass, awayFromWindowEdge,
  uniquePhone, loopbackAddress, phoneCode,
} from './harness.mjs';
import { HQ, spot } from './report_helpers.mjs';

const srv = useServer();
const ROLES = Object.keys(ROLE_LOGINS);
const ANONYMOUS = 'anonymous';
/** A street of the demo city other than demo-street's, with workers, places, reports and a mapped compound. */
const OTHER_STREET = '110108008'; // 北太平庄街道 (北京邮电大学)
const DEPOT_IN = 1; // 美团外卖中关村站, in 科源社区 (demo-community's community)
const DEPOT_OUT = { id: 11, platform: '顺丰' }; // 顺丰速运北太平庄站, in OTHER_STREET

let doc;
const S = {}; // role → {token, csrf, account}
let W; // the objects of the demo city this test acts on (world())
const results = { cases: 0, inCases: 0, outCases: 0, publicCases: 0, refusedCases: 0, roles: new Set(), failures: [], bugs: [] };

const tag = () => randomBytes(3).toString('hex');
const today = (plusDays = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + plusDays * 86400_000));
/** The Beijing month before this one, "YYYY-MM" (the demo publishes that month's lists). */
const lastBeijingMonth = () => {
  const [y, m] = today().slice(0, 7).split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};
const as = (token, method, p, opts = {}) => srv.api(method, p, { token, ...opts });
const admin = (method, p, opts) => as(S.admin.token, method, p, opts);

async function adminJson(method, p, opts, expect = [200, 201]) {
  const res = await admin(method, p, opts);
  assert.ok(expect.includes(res.status), `${method} ${p} as admin: ${res.status} ${res.text.slice(0, 300)}`);
  return res.json;
}

/** Whether area `code` lies in the area `scope` (codes nest by prefix below the city). */
function within(code, scope) {
  if (!code || !scope) return false;
  if (scope.length === 6 && scope.endsWith('0000')) return true; // the city: the whole demo city
  return code.startsWith(scope);
}
const areaOf = (role) => (role === ANONYMOUS ? null : S[role].account.area.code);
/** The officers, by rank: grid officers and above; community staff are community officers and above. */
const OFFICERS = ['grid_officer', 'community_officer', 'street_officer', 'district_officer', 'city_officer', 'admin'];
const isOfficer = (role) => OFFICERS.includes(role);
const isStaffAbove = (role) => OFFICERS.indexOf(role) >= 1;

// ---- HTTP helpers ---------------------------------------------------------------------------

/** GET on an event stream: resolves with the status once the headers arrive, then hangs up. */
function openStream(urlPath, token) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const headers = { Accept: 'text/event-stream' };
    if (token) headers.Authorization = `Bearer ${token}`;
    const req = http.request({ host: '127.0.0.1', port: srv.port, method: 'GET', path: urlPath, headers, agent: false }, (res) => {
      if (res.statusCode === 200) {
        settled = true;
        resolve({ status: 200, text: '', headers: res.headers });
        res.destroy();
        req.destroy();
        return;
      }
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => { settled = true; resolve({ status: res.statusCode, text, headers: res.headers }); });
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`GET ${urlPath}: no answer`)));
    req.on('error', (e) => { if (!settled) reject(e); });
    req.end();
  });
}

const jpeg = () => ({ rawBody: jpegWithExif(), headers: { 'Content-Type': 'image/jpeg' } });
const feature = (lon, lat, label = `测试点${tag()}`) =>
  ({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: { kind: 'landmark', label } });
/** A spot within ~60 m of 华清嘉园 (on the road network that places must be near). */
const nearHqSpot = () => ({ lat: +(HQ.lat + (Math.random() - 0.5) * 0.001).toFixed(6), lon: +(HQ.lon + (Math.random() - 0.5) * 0.001).toFixed(6) });
const placeInput = (name, at = nearHqSpot()) => ({
  kind: 'station', name, lat: at.lat, lon: at.lon, address: '海淀区测试路1号', amenities: ['water', 'seats'],
  opening_hours: 'Mo-Su 08:00-20:00', capacity: 6,
});
const form = (fields) => Object.entries(fields).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');

// ---- The objects of the demo city -----------------------------------------------------------

async function newAccount(role, area) {
  const login = `it-${role.replace(/_/g, '-')}-${tag()}`;
  await adminJson('POST', '/api/v1/accounts', { body: { login, password: DEMO_PASSWORD, display_name: `测试${role}`, role, area_code: area } });
  return srv.login(login);
}

async function children(code) {
  return (await adminJson('GET', `/api/v1/areas/${code}`)).children.map((c) => c.code);
}

async function compoundFacts(code) {
  const gates = (await adminJson('GET', `/api/v1/compounds/${code}/gates`)).items;
  return { label: code, code, area: code, gate: gates[0]?.id ?? 1 };
}

/** Submits a report, moving ~50 m east when an open one of the same category lies within 50 m. */
async function report(session, body, { tries = 4 } = {}) {
  let at = { lat: body.lat, lon: body.lon };
  for (let i = 0; i < tries; i++) {
    const res = await as(session.token, 'POST', '/api/v1/reports', { body: { ...body, ...at } });
    if (res.status === 201) return res.json;
    if (res.status === 500 && body.photo_ids) return report(session, { ...body, photo_ids: undefined }, { tries }); // the PostgreSQL photo bug (reports.test)
    assert.equal(res.status, 409, `report ${body.category}: ${res.text.slice(0, 300)}`);
    at = { lat: at.lat, lon: +(at.lon + 0.0006).toFixed(6) };
  }
  throw new Error(`no free spot for a ${body.category} report near ${body.lat},${body.lon}`);
}

async function reportPhoto(session) {
  const res = await as(session.token, 'POST', '/api/v1/report-photos', jpeg());
  assert.equal(res.status, 201, `report photo: ${res.text.slice(0, 300)}`);
  return { id: res.json.id, url: res.json.url ?? `/api/v1/report-photos/${res.json.id}` };
}

// ---- Micro-wishes (issue 16, item 5) -------------------------------------------------------

const wishBody = (extra = {}) => ({ title: `心愿${tag()}`, reason: '门禁测试', category: 'daily', value_yuan: 50, ...extra });

/** Takes the wish `w` (as admin answered it) to `status` (verified, claimed by demo-sponsor, fulfilled with a photo). */
async function wishTo(w, status, label, rider) {
  if (status !== 'submitted') await adminJson('POST', `/api/v1/wishes/${w.id}/verify`);
  if (status === 'claimed' || status === 'fulfilled') {
    const c = await as(S.sponsor.token, 'POST', `/api/v1/wishes/${w.id}/claim`);
    assert.equal(c.status, 201, `demo-sponsor claims wish ${w.id}: ${c.text.slice(0, 300)}`);
  }
  const out = { label, id: w.id, area: w.area_code, rider, worker: rider?.workerId };
  if (status !== 'fulfilled') return out;
  const f = await as(S.sponsor.token, 'POST', `/api/v1/wishes/${w.id}/fulfil?note=${encodeURIComponent('已送到')}`, jpeg());
  assert.equal(f.status, 200, `demo-sponsor fulfils wish ${w.id}: ${f.text.slice(0, 300)}`);
  return { ...out, photo: f.json.claim.photo.split('/').pop() };
}

/** A wish admin posts for `rider` (a registered rider), taken to `status`. */
async function wishFor(rider, status = 'submitted', label = 'a wish') {
  const w = await adminJson('POST', '/api/v1/wishes', { body: wishBody({ worker_id: rider.workerId }) });
  return wishTo(w, status, label, rider);
}

/** demo-worker's own wish, taken to `status`. */
async function ownWish(status) {
  const res = await as(S.worker.token, 'POST', '/api/v1/wishes', { body: wishBody() });
  assert.equal(res.status, 201, `demo-worker posts a wish: ${res.text.slice(0, 300)}`);
  const w = (await adminJson('GET', `/api/v1/wishes/${res.json.id}`));
  return { ...(await wishTo(w, status, "demo-worker's own wish")), mine: true };
}

/** A submitted wish of a rider of K0 and one of S1 (never changed), and a fulfilled one of each with its photo. */
async function wishWorld(riderIn, riderOut) {
  const photoOf = (w, label) => ({ label, id: w.photo, area: w.area });
  const fulfilledIn = await wishFor(riderIn, 'fulfilled', 'a fulfilled wish of a K0 rider');
  const fulfilledOut = await wishFor(riderOut, 'fulfilled', 'a fulfilled wish of an S1 rider');
  return {
    in: await wishFor(riderIn, 'submitted', 'a wish of a K0 rider'),
    out: await wishFor(riderOut, 'submitted', 'a wish of an S1 rider'),
    photoIn: photoOf(fulfilledIn, 'the fulfilment photo of a K0 wish'),
    photoOut: photoOf(fulfilledOut, 'the fulfilment photo of an S1 wish'),
  };
}

async function world() {
  const A = {
    C0: S.guard.account.area.code, K0: S.community_officer.account.area.code, S0: S.street_officer.account.area.code,
    D0: S.district_officer.account.area.code, CITY: S.city_officer.account.area.code, S1: OTHER_STREET,
  };
  assert.ok(A.C0.startsWith(A.K0) && A.K0.startsWith(A.S0) && A.S0.startsWith(A.D0), `demo areas nest: ${JSON.stringify(A)}`);
  assert.ok(!A.S1.startsWith(A.S0) && A.S1.startsWith(A.D0), `${A.S1} is another street of ${A.D0}`);
  A.C1 = (await children(A.K0)).find((c) => c !== A.C0);
  A.K1 = (await children(A.S0)).find((c) => c !== A.K0);

  // The keeper's station: reports within 1 km of it are routed to the keeper wherever they lie.
  const keeperPlaces = (await as(S.station_keeper.token, 'GET', '/api/v1/places/mine')).json.places;
  const station = keeperPlaces.find((p) => p.kind === 'station');
  assert.ok(station, 'demo-keeper runs a station');
  const metres = (a, b) => Math.hypot((a.lat - b.lat) * 111195, (a.lon - b.lon) * 111195 * Math.cos((a.lat * Math.PI) / 180));
  const k1Compounds = (await adminJson('GET', `/api/v1/compounds?area=${A.K1}&limit=50`)).items;
  const far = k1Compounds.filter((c) => c.lat && metres(c, station) > 1500);
  assert.ok(far.length > 0, `a compound of ${A.K1} more than 1.5 km from ${station.name}`);
  A.K1c = far[0].code;
  const k1At = { lat: far[0].lat, lon: far[0].lon };
  // A mapped compound of the other street.
  const s1Compounds = (await adminJson('GET', `/api/v1/compounds?area=${A.S1}&limit=50`)).items;
  let s1Map;
  for (const c of s1Compounds) {
    const m = await srv.api('GET', `/api/v1/compounds/${c.code}/map`);
    if (m.status === 200 && m.json.features.some((f) => f.properties.kind === 'building')) { A.S1c = c.code; A.S1k = c.community_code; s1Map = m.json; break; }
  }
  assert.ok(A.S1c, `a compound with a map in ${A.S1}`);
  const s1At = { lat: s1Compounds.find((c) => c.code === A.S1c).lat, lon: s1Compounds.find((c) => c.code === A.S1c).lon };

  // Accounts of the other community and street, to make their places.
  const k1Community = await newAccount('community_officer', A.K1);
  const s1Community = await newAccount('community_officer', A.S1k);
  const k1Merchant = await newAccount('merchant', A.K1);
  const s1Merchant = await newAccount('merchant', A.S1k);

  // Compounds, with a gate each; the other compounds' whitelists hold demo-worker.
  const compounds = {};
  for (const key of ['C0', 'C1', 'K1c', 'S1c']) compounds[key] = await compoundFacts(A[key]);

  // Workers: demo-worker (photo, pass, a verified visit at C0's gate), demo-reporter, and one of each street.
  const meWorker = (await as(S.worker.token, 'GET', '/api/v1/workers/me')).json.worker;
  const reporterSession = await srv.login('demo-reporter');
  const meReporter = (await as(reporterSession.token, 'GET', '/api/v1/workers/me')).json.worker;
  const photoRes = await as(S.worker.token, 'PUT', '/api/v1/workers/me/photo', jpeg());
  assert.equal(photoRes.status, 204, `demo-worker's photo: ${photoRes.text.slice(0, 300)}`);
  await awayFromWindowEdge();
  const pass = await issuePass(srv, { token: S.worker.token });
  const visit = await as(S.guard.token, 'POST', '/api/v1/gate/verify', {
    body: { compound: A.C0, gate: compounds.C0.gate, code: pass.qr(), direction: 'in' },
  });
  assert.ok(visit.status === 200 && visit.json.allowed, `demo-worker enters ${A.C0}: ${visit.text.slice(0, 300)}`);
  const k0Workers = (await adminJson('GET', `/api/v1/workers?area=${A.K0}&limit=20`)).items;
  const s1Workers = (await adminJson('GET', `/api/v1/workers?area=${A.S1}&limit=20`)).items;
  assert.ok(s1Workers.length > 0, `workers in ${A.S1}`);
  const riderIn = await registerRider(srv, { depotId: DEPOT_IN, verifyAs: S.admin.token });
  const riderOut = await registerRider(srv, { depotId: DEPOT_OUT.id, platform: DEPOT_OUT.platform, verifyAs: S.admin.token });
  assert.ok(within(riderIn.me.worker.area_code, A.K0), `rider of depot ${DEPOT_IN} in ${A.K0}: ${riderIn.me.worker.area_code}`);
  assert.ok(within(riderOut.me.worker.area_code, A.S1), `rider of depot ${DEPOT_OUT.id} in ${A.S1}: ${riderOut.me.worker.area_code}`);
  const passIn = await issuePass(srv, riderIn);
  const passOut = await issuePass(srv, riderOut);
  // Riders for the roster wait for verification (the roster verifies pending workers only).
  for (const rider of [riderIn, riderOut]) {
    await adminJson('POST', `/api/v1/workers/${rider.workerId}/status`, { body: { status: 'pending', reason: '待名单核验' } });
  }
  const worker = (w, area, label) => ({ label, id: w.id, area });
  const workers = {
    me: worker(meWorker, meWorker.area_code, 'demo-worker'),
    reporter: worker(meReporter, meReporter.area_code, 'demo-reporter'),
    k0: worker(k0Workers.find((w) => ![meWorker.id, meReporter.id, riderIn.workerId].includes(w.id)), A.K0, 'a worker of K0'),
    s1: worker(s1Workers.find((w) => w.id !== riderOut.workerId), A.S1, 'a worker of S1'),
  };
  for (const key of ['C1', 'K1c', 'S1c']) {
    await adminJson('POST', `/api/v1/compounds/${A[key]}/whitelist`, { body: { worker_id: workers.me.id } }, [204]);
  }

  // Map features: C0 gets a gate and a building at the ends of its first path, so that routes
  // reach a building; the other compounds a landmark each.
  const c0Map = (await srv.api('GET', `/api/v1/compounds/${A.C0}/map`)).json;
  const path0 = c0Map.features.find((f) => f.properties.kind === 'path');
  assert.ok(path0, `${A.C0} has a path on its map`);
  const [gateAt, buildingAt] = [path0.geometry.coordinates[0], path0.geometry.coordinates.at(-1)];
  await adminJson('POST', `/api/v1/compounds/${A.C0}/map/features`, { body: { type: 'Feature', geometry: { type: 'Point', coordinates: gateAt }, properties: { kind: 'gate', label: '测试门', gate_kind: 'pedestrian' } } });
  const building = await adminJson('POST', `/api/v1/compounds/${A.C0}/map/features`, { body: { type: 'Feature', geometry: { type: 'Point', coordinates: buildingAt }, properties: { kind: 'building', label: '88号楼', number: '88' } } });
  const features = { C0: { label: 'a feature of C0', code: A.C0, id: building.id, area: A.C0 } };
  for (const key of ['C1', 'K1c']) {
    const c = (await adminJson('GET', `/api/v1/compounds?area=${A[key]}&limit=1`)).items[0];
    const f = await adminJson('POST', `/api/v1/compounds/${A[key]}/map/features`, { body: feature(c.lon, c.lat) });
    features[key] = { label: `a feature of ${key}`, code: A[key], id: f.id, area: A[key] };
  }
  features.S1c = { label: 'a feature of S1c', code: A.S1c, id: s1Map.features[0].id, area: A.S1c };
  const s1Buildings = s1Map.features.filter((f) => f.properties.kind === 'building');
  const mapMedia = {};
  for (const key of ['C0', 'S1c']) {
    const m = await adminJson('POST', `/api/v1/compounds/${A[key]}/map/media`, jpeg());
    mapMedia[key] = { label: `a photo of the way in ${key}`, url: m.url ?? `/api/v1/map-media/${m.id}`, area: A[key] };
  }

  // Places: approved ones made by community staff, pending ones by merchants and the keeper.
  const place = async (session, name, status) => {
    const input = placeInput(name);
    const res = await as(session.token, 'POST', '/api/v1/places', { body: input });
    assert.equal(res.status, 201, `place ${name}: ${res.text.slice(0, 300)}`);
    assert.equal(res.json.status, status, `${name} is ${status}`);
    return { label: name, id: res.json.id, area: res.json.area.code, input, owner: session.account.login };
  };
  const approved = {
    k0: await place(S.community_officer, `测试驿站甲${tag()}`, 'approved'),
    k1: await place(k1Community, `测试驿站乙${tag()}`, 'approved'),
    s1: await place(s1Community, `测试驿站丙${tag()}`, 'approved'),
  };
  const pending = {
    merchant: await place(S.merchant, `测试商户甲${tag()}`, 'pending'),
    keeper: await place(S.station_keeper, `测试驿站丁${tag()}`, 'pending'),
    k1: await place(k1Merchant, `测试商户乙${tag()}`, 'pending'),
    s1: await place(s1Merchant, `测试商户丙${tag()}`, 'pending'),
  };
  const placePhoto = async (p) => {
    await adminJson('POST', `/api/v1/places/${p.id}/photos`, jpeg());
    const photos = (await adminJson('GET', `/api/v1/places/${p.id}`)).photos;
    return { label: `a photo of ${p.label}`, url: photos.at(-1), area: p.area, owner: p.owner };
  };
  const placePhotos = {
    approvedK0: await placePhoto(approved.k0), approvedS1: await placePhoto(approved.s1),
    pendingMerchant: await placePhoto(pending.merchant), pendingS1: await placePhoto(pending.s1),
  };

  // Reports: demo-worker's routed to the keeper's station, to C0's property staff and to the
  // community (a district rule), and a welfare concern; demo-reporter's in K0, K1 and S1.
  const nearHq = (i, j) => spot(i, j); // south of 华清嘉园, its nearest compound (north of it lies 清华)
  const attached = await reportPhoto(S.worker);
  const withAcceptor = (r, who, label) => ({ label, id: r.id, area: r.area.code, acceptor: r.acceptor, reporter: who, status: r.status });
  const reports = {
    station: withAcceptor(await report(S.worker, { category: 'hazard', description: '井盖缺失', ...nearHq(0, 1), photo_ids: [attached.id] }), 'worker', 'routed to the station'),
    property: withAcceptor(await report(S.worker, { category: 'own_difficulty', difficulty: 'cannot_enter', description: '进不了门', lat: HQ.lat, lon: HQ.lon }), 'worker', 'routed to C0 property'),
    community: withAcceptor(await report(S.worker, { category: 'food_safety', description: '过期食品', ...nearHq(0, -1) }), 'worker', 'routed to the community'),
    welfare: withAcceptor(await report(S.worker, { category: 'welfare', description: '独居老人', ...nearHq(-1, 1) }), 'worker', 'a welfare concern'),
    other: withAcceptor(await report(reporterSession, { category: 'sanitation', description: '垃圾堆积', ...nearHq(-1, -1) }), 'reporter', "demo-reporter's in K0"),
    k1: withAcceptor(await report(reporterSession, { category: 'traffic', description: '路口拥堵', lat: +(k1At.lat - 0.0003).toFixed(6), lon: k1At.lon }), 'reporter', 'in K1'),
    s1: withAcceptor(await report(reporterSession, { category: 'facility', description: '路灯损坏', lat: +(s1At.lat + 0.0004).toFixed(6), lon: s1At.lon, photo_ids: [(await reportPhoto(reporterSession)).id] }), 'reporter', 'in S1'),
  };
  assert.equal(reports.station.acceptor?.kind, 'nearest_station', `hazard near ${A.C0}: ${JSON.stringify(reports.station.acceptor)}`);
  assert.equal(String(reports.station.acceptor.code), String(station.id), 'routed to demo-keeper\'s station');
  assert.deepEqual([reports.property.acceptor?.kind, reports.property.acceptor?.code], ['property', A.C0], 'own difficulty inside C0 → its property staff');
  assert.equal(reports.community.acceptor?.kind, 'community', 'food safety → the community');
  for (const key of ['station', 'property', 'community', 'welfare', 'other']) assert.ok(within(reports[key].area, A.K0), `${key} report in ${A.K0}: ${reports[key].area}`);
  assert.ok(within(reports.k1.area, A.K1), `K1 report: ${reports.k1.area}`);
  assert.ok(within(reports.s1.area, A.S1), `S1 report: ${reports.s1.area}`);
  const mine = (await as(S.worker.token, 'GET', '/api/v1/reports?mine=1&limit=100')).json.reports;
  const confirmed = mine.find((r) => ['confirmed', 'closed'].includes(r.status) && within(r.area.code, A.K0) && r.category !== 'welfare');
  assert.ok(confirmed, 'demo-worker has a confirmed report in K0 to reopen');
  reports.mine = withAcceptor(confirmed, 'worker', "demo-worker's confirmed");
  const reportPhotos = {};
  for (const key of ['station', 's1']) {
    const r = await adminJson('GET', `/api/v1/reports/${reports[key].id}`);
    if (r.photos?.length) reportPhotos[key] = { label: `the photo of the report ${reports[key].label}`, url: r.photos[0], area: reports[key].area };
  }
  const unattached = { label: "demo-reporter's unattached photo", ...(await reportPhoto(reporterSession)), uploader: 'demo-reporter', area: A.K0 };

  // Acceptance rules and grid reporters in each area; Open311 keys.
  const rule = async (area, label) => {
    const r = await adminJson('POST', '/api/v1/acceptance-rules', { body: { area_code: area, category: 'stray_animal', acceptor: 'community', radius_metres: 1000, note: '测试' } });
    return { label, id: r.id, area };
  };
  const rules = { k0: await rule(A.K0, 'a rule of K0'), k1: await rule(A.K1, 'a rule of K1'), s1: await rule(A.S1, 'a rule of S1') };
  const appoint = async (area, label) => {
    const g = await adminJson('POST', '/api/v1/grid-reporters', { body: { worker_id: workers.me.id, area_code: area, term_start: today(), term_end: today(30) } });
    return { label, id: g.id, area };
  };
  const appointments = { k1: await appoint(A.K1, 'an appointment in K1'), s1: await appoint(A.S1k, 'an appointment in S1') };
  const key = await adminJson('POST', '/api/v1/open311/keys', { body: { organisation: `测试机构${tag()}` } });
  const revoked = await adminJson('POST', '/api/v1/open311/keys', { body: { organisation: `已停用机构${tag()}` } });
  await adminJson('DELETE', `/api/v1/open311/keys/${revoked.id}`, undefined, [204]);

  const shop = await shopWorld(station, reporterSession, workers);
  const wishes = await wishWorld(riderIn, riderOut);
  const sponsors = await sponsorWorld(station, approved);
  const honours = await honourWorld(A);
  const events = await eventWorld(A);
  const issue17 = await issue17World(A, reporterSession, riderOut);

  return {
    A, station, compounds, workers, riderIn, riderOut, passIn, passOut, features, s1Buildings, mapMedia, approved, pending,
    placePhotos, reports, reportPhotos, unattached, rules, appointments, keys: { valid: key, revoked }, k1At, s1At,
    reporterSession, shop, wishes, sponsors, honours, events, issue17,
  };
}

// ---- Events (issue 17, item 1) -------------------------------------------------------------------

/** Who made the event `o`: demo-keeper (`keeperOwns`), demo-sponsor (`sponsorOwns`) or demo-union. */
const ownerOf = (o) => (o.keeperOwns ? S.station_keeper : o.sponsorOwns ? S.sponsor : S.union_staff);

/** A fresh event like `o`: demo-keeper's or demo-sponsor's own in their area, or demo-union's in OTHER_STREET. */
async function eventLike(o) {
  const now = Math.floor(Date.now() / 1000);
  const session = ownerOf(o);
  const res = await as(session.token, 'POST', '/api/v1/events', { body: {
    kind: 'public_class', title: `门禁测试活动${tag()}`, organiser_kind: o.keeperOwns ? 'station' : o.sponsorOwns ? 'sponsor' : 'union', organiser_name: '测试组织方',
    area: o.area, address: '中关村大街 1 号', lat: 39.98, lon: 116.31, starts_at: now + 2 * 86400, ends_at: now + 2 * 86400 + 3600,
    capacity: o.capacity ?? 5, ...(o.extra ?? {}) } });
  assert.equal(res.status, 201, `event in ${o.area}: ${res.text.slice(0, 300)}`);
  return { ...o, id: res.json.event.id };
}

/** demo-keeper's event in their own area (in reach of its organisers there) and demo-union's in OTHER_STREET. */
async function eventWorld(A) {
  return {
    in: await eventLike({ label: "demo-keeper's event", keeperOwns: true, area: S.station_keeper.account.area.code }),
    out: await eventLike({ label: `demo-union's event in ${A.S1}`, keeperOwns: false, area: A.S1 }),
    sponsor: await eventLike(sponsorEvent("demo-sponsor's event")),
  };
}

/** demo-sponsor's own event in their street (sponsors organise only what they made). */
const sponsorEvent = (label) => ({ label, sponsorOwns: true, area: S.sponsor.account.area.code });

/** A fresh event like `o` with demo-reporter registered: its registration to cancel. */
async function eventWithRegistration(o) {
  const fresh = await eventLike(o);
  const res = await as(W.reporterSession.token, 'POST', `/api/v1/events/${fresh.id}/registrations`);
  assert.equal(res.status, 201, res.text);
  return { ...fresh, registration_id: res.json.registration.id };
}

/** A fresh event of one place that demo-reporter left: demo-worker, who waited, is offered it. */
async function eventOfferedToWorker(o) {
  const fresh = await eventLike({ ...o, capacity: 1 });
  const reporter = (m, p) => as(W.reporterSession.token, m, p);
  assert.equal((await reporter('POST', `/api/v1/events/${fresh.id}/registrations`)).status, 201);
  assert.equal((await as(S.worker.token, 'POST', `/api/v1/events/${fresh.id}/registrations`)).status, 201);
  assert.equal((await reporter('DELETE', `/api/v1/events/${fresh.id}/registrations/mine`)).status, 200);
  return fresh;
}

// ---- Door check-ins, calendars, childcare, volunteers, training and certificates (issue 17) -------

/** `session` does `method path` and must answer one of `expect`: the JSON. */
async function jsonAs(session, method, p, opts, expect = [200, 201]) {
  const res = await as(session.token, method, p, opts);
  assert.ok(expect.includes(res.status), `${method} ${p}: ${res.status} ${res.text.slice(0, 300)}`);
  return res.json;
}
/** The Beijing day of the time `at` (seconds), "YYYY-MM-DD". */
const beijingDay = (at) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(at * 1000));
const accountIdOf = async (session) => {
  const me = await jsonAs(session, 'GET', '/api/v1/me');
  return me.account?.id ?? me.id;
};

/** A fresh event like `o` (see eventLike) that `session` (a worker) registered for. */
async function registeredEvent(o, session = S.worker) {
  const fresh = await eventLike(o);
  await jsonAs(session, 'POST', `/api/v1/events/${fresh.id}/registrations`, undefined, [201]);
  return fresh;
}

/** A childcare class like `o` with a child of `session` (a worker parent): {id, child_id, day}. */
async function childcareClass(o, session = S.worker) {
  const now = Math.floor(Date.now() / 1000);
  const starts = now + 2 * 86400;
  const fresh = await registeredEvent({ ...o, extra: { kind: 'childcare', family: true, starts_at: starts, ends_at: starts + 3600 } }, session);
  const child = await jsonAs(session, 'POST', `/api/v1/events/${fresh.id}/children`, { body: { given_name: '小雨', age: 6, note: '' } }, [201]);
  return { ...fresh, child_id: child.child.id, day: beijingDay(starts) };
}

/** A course made by the organiser of `o` in its area, and a training session of it that demo-worker registered for. */
async function trainingSession(o) {
  const session = ownerOf(o);
  const course = await jsonAs(session, 'POST', '/api/v1/training/courses', { body: { topic: 'first_aid', title: `门禁测试课程${tag()}`,
    description: '', hours: 2, area_code: o.area } }, [201]);
  const courseId = course.course?.id ?? course.id;
  // Results are recorded once a session has begun: this one begins in two seconds.
  const starts = Math.floor(Date.now() / 1000) + 2;
  const fresh = await registeredEvent({ ...o, extra: { kind: 'training', course_id: courseId, starts_at: starts, ends_at: starts + 3600 } });
  while (Date.now() / 1000 < starts + 1) await new Promise((resolve) => setTimeout(resolve, 250));
  return { ...fresh, event_id: fresh.id, course_id: courseId };
}

/** A skills contest at a fresh skills_contest event like `o` that demo-worker registered for. */
async function skillsContest(o) {
  const session = ownerOf(o);
  const fresh = await registeredEvent({ ...o, extra: { kind: 'skills_contest' } });
  const contest = await jsonAs(session, 'POST', '/api/v1/training/contests', { body: { event_id: fresh.id, title: `门禁测试比武${tag()}` } }, [201]);
  return { ...fresh, event_id: fresh.id, id: contest.contest.id };
}

/** An appointment letter (and its certificate) issued by `issuer` (a session) to the account `accountId`. */
async function appointmentBy(issuer, accountId, o) {
  const a = await jsonAs(issuer, 'POST', '/api/v1/appointments', { body: { account_id: accountId, kind: 'food_safety_supervisor',
    title: `食品安全监督员${tag()}`, term_from: today(), term_until: today(365) } }, [201]);
  return { ...o, id: a.id, serial: a.certificate?.serial };
}

/** Street teams of S0 (demo-worker leads it, demo-reporter is a member) and of S1 (the S1 rider is a member);
 *  letters issued in K0 to demo-worker and in S1 to the S1 rider; calendar, childcare, training objects. */
async function issue17World(A, reporterSession, riderOut) {
  const rider = { token: riderOut.token };
  const ids = { worker: S.worker.account.id, reporter: await accountIdOf(reporterSession), rider: await accountIdOf(rider) };
  const team = async (area, label) => {
    const t = await adminJson('POST', '/api/v1/volunteer-teams', { body: { name: `门禁测试志愿队${tag()}`, scope: 'street', area } }, [201]);
    return { label, id: t.id, area };
  };
  const teams = { in: await team(A.S0, 'a team of S0'), out: await team(A.S1, 'a team of S1') };
  for (const [session, t] of [[S.worker, teams.in], [reporterSession, teams.in], [rider, teams.out]]) {
    await jsonAs(session, 'POST', `/api/v1/volunteer-teams/${t.id}/join`);
  }
  await adminJson('POST', `/api/v1/volunteer-teams/${teams.in.id}/leaders`, { body: { account_id: ids.worker } });
  teams.in.member = ids.reporter;
  teams.out.member = ids.rider;
  teams.in.leadByWorker = true;
  // demo-worker's approved hour (for their hours certificate): demo-reporter, a leader for a moment, approves it.
  const mine = await jsonAs(S.worker, 'POST', `/api/v1/volunteer-teams/${teams.in.id}/hours`, { body: { day: today(-1), minutes: 60, note: '门禁测试' } }, [201]);
  await adminJson('POST', `/api/v1/volunteer-teams/${teams.in.id}/leaders`, { body: { account_id: ids.reporter } });
  await jsonAs(reporterSession, 'POST', `/api/v1/volunteer-hours/${mine.id}/approve`, { body: {} });
  await adminJson('DELETE', `/api/v1/volunteer-teams/${teams.in.id}/leaders/${ids.reporter}`);
  const s1Street = await newAccount('street_officer', A.S1);
  const letterIn = () => appointmentBy(S.community_officer, ids.worker, { label: 'a letter of K0 to demo-worker', area: A.K0, mine: true });
  const letterOut = () => appointmentBy(s1Street, ids.rider, { label: 'a letter of S1 to an S1 rider', area: A.S1 });
  const keeperArea = S.station_keeper.account.area.code;
  const inEvent = { label: "demo-keeper's", keeperOwns: true, area: keeperArea };
  const outEvent = { label: `demo-union's in ${A.S1}`, keeperOwns: false, area: A.S1 };
  return {
    ids, teams, rider, reporterSession, s1Street, letterIn, letterOut, letters: { in: await letterIn(), out: await letterOut() },
    inEvent, outEvent,
    childcare: {
      in: { ...(await childcareClass({ ...inEvent, label: "demo-keeper's childcare class (demo-worker's child)" })), workerHolds: true },
      out: await childcareClass({ ...outEvent, label: `demo-union's childcare class in ${A.S1} (demo-reporter's child)` }, reporterSession),
      sponsor: await childcareClass(sponsorEvent("demo-sponsor's childcare class (demo-reporter's child)"), reporterSession),
    },
    sessions: {
      in: await trainingSession({ ...inEvent, label: "demo-keeper's training session" }),
      out: await trainingSession({ ...outEvent, label: `demo-union's training session in ${A.S1}` }),
      sponsor: await trainingSession(sponsorEvent("demo-sponsor's training session")),
    },
    contests: {
      in: await skillsContest({ ...inEvent, label: "demo-keeper's skills contest" }),
      out: await skillsContest({ ...outEvent, label: `demo-union's skills contest in ${A.S1}` }),
      sponsor: await skillsContest(sponsorEvent("demo-sponsor's skills contest")),
    },
  };
}

/** demo-worker back in the S0 team as its leader (the case of POST …/leave takes them out). */
async function workerLeadsS0Team(o) {
  const t = W.issue17.teams.in;
  await jsonAs(S.worker, 'POST', `/api/v1/volunteer-teams/${t.id}/join`);
  await adminJson('POST', `/api/v1/volunteer-teams/${t.id}/leaders`, { body: { account_id: W.issue17.ids.worker } });
  return o;
}

/** A fresh event like `o` starting later today that demo-worker registered for, and a live pass of demo-worker. */
async function doorReady(o) {
  const now = Math.floor(Date.now() / 1000);
  const fresh = await registeredEvent({ ...o, extra: { starts_at: now + 120, ends_at: now + 3720 } });
  return withFreshPass(fresh);
}

/** An hours entry fresh for the case: demo-reporter's in the S0 team (demo-worker leads it) or the S1 rider's in the S1 team. */
async function hoursEntry(o) {
  await workerLeadsS0Team();
  const I = W.issue17;
  const [session, t] = o.inTeam ? [I.reporterSession, I.teams.in] : [I.rider, I.teams.out];
  const e = await jsonAs(session, 'POST', `/api/v1/volunteer-teams/${t.id}/hours`, { body: { day: today(-1), minutes: 30, note: '门禁测试' } }, [201]);
  return { ...o, id: e.id, team: t.id };
}

// ---- Honours campaigns (issue 16, item 6) ------------------------------------------------------

/** A campaign made by admin in `area` (S0 or S1), taken to `stage` with one accepted nominee (a fresh
 *  verified rider of a depot of that street) and, from voting on, admin's vote for them; announced,
 *  with the nominee's certificate. */
async function honourCampaign(area, stage) {
  const now = Math.floor(Date.now() / 1000);
  const campaign = await adminJson('POST', '/api/v1/honours/campaigns', { body: {
    title: `门禁测试评选${tag()}`, kind: 'best_rider', area_code: area, nominating_until: now + 86400, reviewing_until: now + 2 * 86400,
    voting_until: now + 3 * 86400, winners: 1, votes_per_person: 3, prize_points: 0 } }, [201]);
  const o = { label: `a ${stage} campaign in ${area}`, id: campaign.id, area };
  if (stage === 'nominating') return o;
  const rider = await registerRider(srv, { depotId: area === OTHER_STREET ? DEPOT_OUT.id : DEPOT_IN, platform: area === OTHER_STREET ? DEPOT_OUT.platform : '美团',
    verifyAs: S.admin.token });
  const nomination = await adminJson('POST', `/api/v1/honours/campaigns/${campaign.id}/nominations`, { body: { worker_id: rider.workerId, citation: '门禁测试' } }, [201]);
  o.nomination = nomination.id;
  if (stage === 'pending') return { ...o, label: `a pending nomination in ${area}`, id: nomination.id, campaign: campaign.id };
  await adminJson('POST', `/api/v1/honours/nominations/${nomination.id}/review`, { body: { accept: true, reason: '' } });
  for (const to of ['reviewing', 'voting']) await adminJson('POST', `/api/v1/honours/campaigns/${campaign.id}/advance`, { body: { to } });
  if (stage === 'voting') return o;
  await adminJson('POST', `/api/v1/honours/campaigns/${campaign.id}/votes`, { body: { nomination_id: nomination.id }, localAddress: loopbackAddress() }, [201]);
  await adminJson('POST', `/api/v1/honours/campaigns/${campaign.id}/advance`, { body: { to: 'announced' } });
  const results = await adminJson('GET', `/api/v1/honours/campaigns/${campaign.id}/results`);
  return { ...o, serial: results.lines[0].certificate_serial };
}

async function honourWorld(A) {
  return {
    nominating: { in: await honourCampaign(A.S0, 'nominating'), out: await honourCampaign(A.S1, 'nominating') },
    voting: { in: await honourCampaign(A.S0, 'voting'), out: await honourCampaign(A.S1, 'voting') },
    announced: { in: await honourCampaign(A.S0, 'announced'), out: await honourCampaign(A.S1, 'announced') },
    fresh: honourCampaign,
  };
}

/** Sponsors in S0 and S1 with a member each, demo-sponsor's own sponsor, an open pledge, and a running drive with drop
 *  points at demo-keeper's station and at a station of S1 (issue 16, items 4 and 5). */
async function sponsorWorld(station, approved) {
  const A = { S0: S.street_officer.account.area.code, S1: OTHER_STREET, D0: S.district_officer.account.area.code };
  const sponsor = async (area, label) => ({
    label, area, id: (await adminJson('POST', '/api/v1/sponsors', { body: { name: `测试爱心单位${tag()}`, kind: 'company', area_code: area } })).id,
  });
  const inS0 = await sponsor(A.S0, 'a sponsor of S0');
  const inS1 = await sponsor(A.S1, 'a sponsor of S1');
  for (const [s, area] of [[inS0, A.S0], [inS1, A.S1]]) {
    const member = await newAccount('sponsor', area);
    s.account_id = member.account.id;
    await adminJson('POST', `/api/v1/sponsors/${s.id}/members`, { body: { account_id: s.account_id } });
  }
  const mine = (await as(S.sponsor.token, 'GET', '/api/v1/sponsors')).json.mine;
  assert.ok(mine, 'demo-sponsor speaks for a demo sponsor');
  const own = { label: "demo-sponsor's own sponsor", id: mine, area: S.sponsor.account.area.code, mine: true };
  const pledge = async () => {
    const res = await as(S.sponsor.token, 'POST', `/api/v1/sponsors/${mine}/pledges`, { body: { amount: 1, note: '门禁测试' } });
    assert.equal(res.status, 201, `a pledge: ${res.text.slice(0, 300)}`);
    return { label: 'an open pledge', id: res.json.id, sponsor: mine, area: own.area };
  };
  const now = Math.floor(Date.now() / 1000);
  const drive = (await adminJson('POST', '/api/v1/drives', {
    body: { title: `测试募书${tag()}`, collects: '图书', area_code: A.D0, starts_at: now - 3600, ends_at: now + 30 * 86400,
      drop_point_ids: [station.id, approved.s1.id] },
  })).drive;
  const stationArea = (await adminJson('GET', `/api/v1/places/${station.id}`)).area.code;
  const points = {
    in: { label: "demo-keeper's drop point", id: drive.id, place: station.id, area: stationArea, keeper: true },
    out: { label: 'a drop point of S1', id: drive.id, place: approved.s1.id, area: approved.s1.area },
  };
  return { inS0, inS1, own, pledge, openPledge: await pledge(), points, dropPoint: approved.k0 };
}

/** Offers at demo-keeper's station and demo-merchant's place, and points to redeem them with (issue 16, item 3). */
async function shopWorld(station, reporterSession, workers) {
  const merchantPlace = (await as(S.merchant.token, 'GET', '/api/v1/places/mine')).json.places.find((p) => p.status === 'approved');
  assert.ok(merchantPlace, 'demo-merchant runs an approved place');
  const places = {
    keeper: { label: "demo-keeper's station", id: station.id, area: station.area?.code, owner: 'demo-keeper' },
    merchant: { label: "demo-merchant's place", id: merchantPlace.id, area: merchantPlace.area?.code, owner: 'demo-merchant' },
  };
  const offer = async (session, place) => {
    const input = { title: `测试兑换${tag()}`, description: '门禁测试', price: 1, stock: null };
    const res = await as(session.token, 'POST', `/api/v1/places/${place.id}/offers`, { body: input });
    assert.equal(res.status, 201, `an offer at ${place.label}: ${res.text.slice(0, 300)}`);
    return { label: `an offer of ${place.label}`, id: res.json.id, place: place.id, owner: place.owner, input };
  };
  const offers = { keeper: await offer(S.station_keeper, places.keeper), merchant: await offer(S.merchant, places.merchant) };
  // Every prepared case holds a point for ten minutes.
  for (const w of [workers.me, workers.reporter]) {
    await adminJson('POST', '/api/v1/points/transfers', {
      body: { kind: 'award', amount: 200, client_id: `objects-shop-${w.id}-${tag()}`, reason: '门禁测试', worker_id: w.id },
    });
  }
  return { places, offers, reporterSession };
}

/** A redemption of `offer` by the worker of `session`: {redemption, code, ...}. */
async function redeemAs(session, offer) {
  const res = await as(session.token, 'POST', `/api/v1/offers/${offer.id}/redeem`, { body: { client_id: `objects-${tag()}${tag()}` } });
  assert.equal(res.status, 201, `redeem ${offer.label}: ${res.text.slice(0, 300)}`);
  return res.json;
}

/** What a refused act must leave as it was: the redemption's status and its code's time. */
async function redemptionState(session, id) {
  const mine = (await as(session.token, 'GET', '/api/v1/me/redemptions?limit=100')).json.items;
  const r = mine.find((x) => x.id === id);
  return r ? `${r.status}:${r.code_expires_at}` : null;
}

// ---- Object kinds ---------------------------------------------------------------------------
// candidates: the objects, nearest first; scope(role, o): whether o is within the role's reach
// (default: its area lies in the role's area); in(role): the in-scope object when it is not the
// first candidate in reach; public: readable by everyone; snapshot(o): what a refused write must
// not change, read as admin.

const defaultScope = (role, o) => role !== ANONYMOUS && within(o.area, areaOf(role));

const compoundSnapshot = async (o) => {
  const [plan, whitelist, map, events, conduct] = await Promise.all([
    adminJson('GET', `/api/v1/compounds/${o.code}/access-plan`),
    adminJson('GET', `/api/v1/compounds/${o.code}/whitelist`),
    srv.api('GET', `/api/v1/compounds/${o.code}/map`).then((r) => r.json),
    adminJson('GET', `/api/v1/gate/events?compound=${o.code}&limit=500`),
    adminJson('GET', `/api/v1/conduct?area=${o.code}&limit=500`),
  ]);
  return { plan: plan.version, whitelist: whitelist.items.map((i) => i.worker_id), map: [map.version, map.features.length],
    events: events.items.length, conduct: conduct.items.length };
};
const reportSnapshot = async (o) => {
  const r = await adminJson('GET', `/api/v1/reports/${o.id}`);
  return { status: r.status, steps: r.steps.length, me_too: r.me_too };
};
const placeSnapshot = async (o) => {
  const p = await adminJson('GET', `/api/v1/places/${o.id}`);
  return { status: p.status, version: p.version, pending: p.pending_change, photos: p.photos.length, name: p.name };
};
const historySnapshot = async (o) => (await adminJson('GET', `/api/v1/workers/${o.id}/history`)).items.length;

/** Roles of the audience `event_organisers`. */
const EVENT_ORGANISERS = ['station_keeper', 'sponsor', 'union_staff', 'community_officer', 'street_officer', 'district_officer', 'city_officer', 'admin'];
/** Whether `role` organises the event `o` (events::Organises): demo-keeper their own; union staff and community
 *  officers and above whose area holds it. */
const organises = (role, o) => (role === 'station_keeper' ? !!o.keeperOwns : role === 'sponsor' ? !!o.sponsorOwns
  : (role === 'union_staff' || isStaffAbove(role)) && defaultScope(role, o));
/** demo-sponsor's own object of an event kind (`pick` from W): sponsors organise only the events they made. */
const sponsorsOwn = (pick) => (role) => (role === 'sponsor' ? pick() : undefined);

const KINDS = {
  none: { candidates: () => [{ label: '-' }], scope: () => true },
  own: { candidates: () => [{ label: 'their own' }], scope: (role) => role !== ANONYMOUS },
  /** An area code (`?area=`, `/areas/{code}`, `area_code`): their own area, or the sibling at its level. */
  area: {
    candidates: () => ['C1', 'K1', 'S1'].map((k) => ({ label: k, code: W.A[k], area: W.A[k] })),
    in: (role) => (role === ANONYMOUS ? null : { label: 'their area', code: areaOf(role), area: areaOf(role) }),
  },
  community: { candidates: () => ['K0', 'K1', 'S1k'].map((k) => ({ label: k, code: W.A[k], area: W.A[k] })) },
  compound: {
    candidates: () => ['C0', 'C1', 'K1c', 'S1c'].map((k) => ({ ...W.compounds[k], label: k })),
    snapshot: compoundSnapshot,
  },
  /** A compound whose map is published: anyone reads it and is routed on it. */
  mapped: {
    candidates: () => [{ ...W.compounds.C0, label: 'C0', to: 'address:88号楼', stops: ['address:88号楼', 'address:88号楼'] },
      { ...W.compounds.S1c, label: 'S1c', to: `feature:${W.s1Buildings[0].id}`, stops: W.s1Buildings.slice(0, 2).map((f) => `feature:${f.id}`) }],
    public: true,
  },
  feature: {
    candidates: () => ['C0', 'C1', 'K1c', 'S1c'].map((k) => ({ ...W.features[k], label: k })),
    snapshot: async (o) => { const m = (await srv.api('GET', `/api/v1/compounds/${o.code}/map`)).json; return [m.version, m.features.map((f) => f.id)]; },
  },
  /** Another compound's feature addressed through a compound in reach: nobody edits it that way. */
  foreign_feature: {
    candidates: () => [{ ...W.features.S1c, label: 'a feature of S1c under C0', code: W.A.C0, home: W.A.S1c }],
    scope: () => false,
    snapshot: async (o) => { const m = (await srv.api('GET', `/api/v1/compounds/${o.home}/map`)).json; return [m.version, m.features.map((f) => f.id)]; },
  },
  map_media: { candidates: () => [W.mapMedia.C0, W.mapMedia.S1c], public: true },
  /** Any compound's rules for riders (mode, hours, drop-off point): public, read before the gate. */
  public_compound: { candidates: () => ['C0', 'S1c'].map((k) => ({ ...W.compounds[k], label: k })), public: true },
  /** A worker: themselves for a worker; for guards and property staff, workers seen at their gate. */
  worker: {
    candidates: () => [W.workers.me, W.workers.reporter, W.workers.s1],
    scope: (role, o) => {
      if (role === 'worker') return o.id === W.workers.me.id;
      if (role === 'guard' || role === 'property_manager') return o.id === W.workers.me.id; // entered C0 today
      if (role === 'merchant' || role === 'sponsor' || role === 'union_staff' || role === ANONYMOUS) return false;
      return defaultScope(role, o);
    },
    snapshot: historySnapshot,
  },
  /** A worker whose status an officer (or a keeper, to verify) sets. */
  worker_status: { candidates: () => [W.workers.k0, W.workers.s1], snapshot: historySnapshot },
  /** A pending rider named in a roster (the roster verifies those in the caller's area). */
  rider: {
    candidates: () => [W.riderIn, W.riderOut].map((r) => ({ label: r === W.riderIn ? 'a rider of K0' : 'a rider of S1', id: r.workerId,
      phone: r.phone, name: r.name, platform: r.me.worker.platform, area: r.me.worker.area_code })),
    snapshot: historySnapshot,
  },
  pass: {
    candidates: () => [{ label: 'a pass of a K0 rider', id: W.passIn.passId, area: W.riderIn.me.worker.area_code },
      { label: 'a pass of an S1 rider', id: W.passOut.passId, area: W.riderOut.me.worker.area_code }],
    snapshot: async (o) => (await adminJson('GET', `/api/v1/gate/sync?compound=${W.A.C0}&since=0`)).revocations.revoked_passes.includes(o.id),
  },
  /** A report: a worker's own; what is routed to a keeper or property staff; an officer's area. */
  report: {
    candidates: () => ['other', 'station', 'property', 'community', 'k1', 's1'].map((k) => W.reports[k]),
    in: (role) => ({ worker: W.reports.mine, station_keeper: W.reports.station, property_manager: W.reports.property,
      grid_officer: W.reports.community }[role] ?? W.reports.station),
    scope: (role, o) => {
      if (role === 'worker') return o.reporter === 'worker';
      if (role === 'station_keeper') return defaultScope(role, o) || (o.acceptor?.kind === 'nearest_station' && String(o.acceptor.code) === String(W.station.id));
      if (role === 'property_manager') return o.acceptor?.kind === 'property' && o.acceptor.code === W.A.C0;
      if (!isOfficer(role)) return false;
      return defaultScope(role, o);
    },
    snapshot: reportSnapshot,
  },
  /** A welfare concern: its reporter and community staff (grid officers and above) in scope; 403 to other staff. */
  welfare: {
    candidates: () => [W.reports.welfare],
    scope: (role, o) => role === 'worker' || (isOfficer(role) && defaultScope(role, o)),
    snapshot: reportSnapshot,
  },
  /** Reports as Open311 shows them to everyone: never a welfare concern. */
  open311_report: { candidates: () => [W.reports.station, W.reports.s1], public: true },
  open311_welfare: { candidates: () => [W.reports.welfare], scope: () => false },
  report_photo: { candidates: () => Object.values(W.reportPhotos), public: true },
  /** A photo uploaded and not yet sent with a report: only its uploader sees it. */
  unattached_photo: {
    candidates: () => [W.unattached],
    scope: () => false,
    in: (role) => (['worker', 'property_manager', 'station_keeper'].includes(role) || isOfficer(role) ? { label: 'their own upload', fresh: true, area: null } : null),
  },
  approved_place: {
    candidates: () => [W.approved.k0, W.approved.k1, W.approved.s1],
    scope: (role, o) => ['station_keeper', 'merchant'].includes(role) || isStaffAbove(role) ? defaultScope(role, o) : false,
    snapshot: placeSnapshot,
  },
  /** Approved places as the public sees them. */
  public_place: { candidates: () => [W.approved.k0, W.approved.s1], public: true },
  /** A pending place: its keeper or merchant, and community staff in scope. */
  pending_place: {
    candidates: () => [W.pending.merchant, W.pending.keeper, W.pending.k1, W.pending.s1],
    scope: (role, o) => {
      if (role === 'station_keeper' || role === 'merchant') return o.owner === S[role].account.login;
      return isStaffAbove(role) && defaultScope(role, o);
    },
    snapshot: placeSnapshot,
  },
  public_place_photo: { candidates: () => [W.placePhotos.approvedK0, W.placePhotos.approvedS1], public: true },
  pending_place_photo: {
    candidates: () => [W.placePhotos.pendingMerchant, W.placePhotos.pendingS1],
    scope: (role, o) => (role === 'merchant' ? o.owner === S.merchant.account.login : isStaffAbove(role) && defaultScope(role, o)),
  },
  rule: {
    candidates: () => [W.rules.k0, W.rules.k1, W.rules.s1],
    snapshot: async (o) => (await adminJson('GET', `/api/v1/acceptance-rules?area=${o.area}`)).rules.map((r) => `${r.id}:${r.acceptor}`),
  },
  appointment: {
    candidates: () => [W.appointments.k1, W.appointments.s1],
    snapshot: async (o) => (await adminJson('GET', '/api/v1/grid-reporters?all=true')).items.find((g) => g.id === o.id)?.ended_at ?? null,
  },
  /** A place with its keeper or merchant: only they list its offers and read its statement. */
  owned_place: {
    candidates: () => [W.shop.places.keeper, W.shop.places.merchant],
    scope: (role, o) => role !== ANONYMOUS && o.owner === S[role].account.login,
    snapshot: async (o) => (await srv.api('GET', `/api/v1/places/${o.id}/offers`)).json?.offers?.map((f) => f.id) ?? null,
  },
  /** A place's statement: its keeper or merchant, and the officers from community up who settle its area. */
  settled_place: {
    candidates: () => [W.shop.places.keeper, W.shop.places.merchant],
    scope: (role, o) => role !== ANONYMOUS && (o.owner === S[role].account.login ||
      (OFFICERS.slice(1).includes(role) && !!o.area && within(o.area, areaOf(role)))),
  },
  /** An offer: its place's keeper or merchant edits it. */
  offer: {
    candidates: () => [W.shop.offers.keeper, W.shop.offers.merchant],
    scope: (role, o) => role !== ANONYMOUS && o.owner === S[role].account.login,
    snapshot: async (o) => (await srv.api('GET', `/api/v1/places/${o.place}/offers`)).json?.offers?.find((f) => f.id === o.id)?.description ?? null,
  },
  /** A fresh code of a redemption at a place: only that place's keeper or merchant confirms it. */
  redemption_code: {
    candidates: () => [W.shop.offers.keeper, W.shop.offers.merchant].map((f) => ({ ...f, label: `a code for ${f.label}` })),
    scope: (role, o) => role !== ANONYMOUS && o.owner === S[role].account.login,
    snapshot: (o) => redemptionState(S.worker, o.redemption),
  },
  /** A held redemption: only its worker asks for a fresh code or cancels it. */
  redemption: {
    candidates: () => [{ label: "demo-worker's redemption", mine: true }, { label: "demo-reporter's redemption", mine: false }],
    scope: (role, o) => role === 'worker' && o.mine,
    snapshot: (o) => redemptionState(o.mine ? S.worker : W.shop.reporterSession, o.id),
  },
  /** A submitted wish: the staff of its community and above see and review it; nobody else does. */
  /** A sponsor: every signed-in account reads its page; officers of its area link its accounts; its members pledge. */
  sponsor: {
    candidates: () => [W.sponsors.inS0, W.sponsors.inS1],
    snapshot: async (o) => {
      const page = await adminJson('GET', `/api/v1/sponsors/${o.id}`);
      return [page.members.map((m) => m.account_id), page.pledges.length];
    },
  },
  /** An open pledge: only city officers and administrators fund or decline it (a fresh one each case). */
  pledge: {
    candidates: () => [W.sponsors.openPledge],
    scope: (role) => role === 'city_officer' || role === 'admin',
    snapshot: async (o) => (await adminJson('GET', `/api/v1/sponsors/${o.sponsor}`)).pledges.find((p) => p.id === o.id)?.status ?? null,
  },
  /** A drive's drop point: its keeper (demo-keeper's station) and officers of its area. */
  drop_point: {
    candidates: () => [W.sponsors.points.in, W.sponsors.points.out],
    scope: (role, o) => (role === 'station_keeper' ? !!o.keeper : isOfficer(role) && defaultScope(role, o)),
    snapshot: async (o) =>
      (await srv.api('GET', `/api/v1/drives/${o.id}`)).json.drop_points.find((p) => p.place_id === o.place)?.collected ?? null,
  },
  wish: {
    candidates: () => [W.wishes.in, W.wishes.out],
    scope: (role, o) => isStaffAbove(role) && defaultScope(role, o),
    snapshot: async (o) => (await adminJson('GET', `/api/v1/wishes/${o.id}`)).status,
  },
  /** A fulfilment photo: its worker, the staff of its community and the sponsor that claimed it (demo-sponsor, both). */
  wish_photo: {
    candidates: () => [W.wishes.photoIn, W.wishes.photoOut],
    scope: (role, o) => role === 'sponsor' || (isStaffAbove(role) && defaultScope(role, o)),
  },
  /** A campaign being nominated: its officers (street and above) edit and move it; everybody reads it. */
  honour_campaign: {
    candidates: () => [W.honours.nominating.in, W.honours.nominating.out],
    scope: (role, o) => ['street_officer', 'district_officer', 'city_officer', 'admin'].includes(role) && defaultScope(role, o),
    snapshot: async (o) => (await adminJson('GET', `/api/v1/honours/campaigns/${o.id}`)).campaign,
  },
  /** An event: its creator, and union staff and community officers and above whose area holds it, organise it. */
  event: {
    candidates: () => [W.events.in, W.events.out],
    in: sponsorsOwn(() => W.events.sponsor),
    scope: organises,
    snapshot: async (o) => {
      const e = await adminJson('GET', `/api/v1/events/${o.id}`);
      return [e.status, e.sequence, e.taken, e.waiting];
    },
  },
  /** A childcare class: its organisers (as KINDS.event) and, for its children, a worker parent holding a place
   *  (demo-worker in demo-keeper's class, demo-reporter in demo-union's of S1). */
  childcare_event: {
    candidates: () => [W.issue17.childcare.in, W.issue17.childcare.out],
    in: sponsorsOwn(() => W.issue17.childcare.sponsor),
    scope: (role, o) => (role === 'worker' ? !!o.workerHolds : organises(role, o)),
    snapshot: async (o) => (await adminJson('GET', `/api/v1/events/${o.id}/children/attendance`)).children
      .map((c) => `${c.id}:${JSON.stringify(c.attendance)}`),
  },
  /** A child at a class: only its parent removes it (demo-worker's own, demo-reporter's). */
  child: {
    candidates: () => [{ label: "demo-worker's child", mine: true }, { label: "demo-reporter's child", mine: false }],
    scope: (role, o) => role === 'worker' && !!o.mine,
    snapshot: async (o) => (await adminJson('GET', `/api/v1/events/${o.id}/children`)).items.map((c) => c.id),
  },
  /** A training session (an event of kind training): its organisers are its trainers. */
  session: {
    candidates: () => [W.issue17.sessions.in, W.issue17.sessions.out],
    in: sponsorsOwn(() => W.issue17.sessions.sponsor),
    scope: (role, o) => organises(role, o),
    snapshot: async (o) => (await adminJson('GET', `/api/v1/training/sessions/${o.event_id}/attendees`)).items
      .map((a) => `${a.account_id}:${a.completion?.passed ?? '-'}`),
  },
  /** A course: anyone organising reads its sessions (events, public anyway). */
  course: {
    candidates: () => [W.issue17.sessions.in, W.issue17.sessions.out].map((x) => ({ ...x, id: x.course_id, label: `the course of ${x.label}` })),
    public: true,
  },
  /** An event of kind skills_contest, for a new contest: its organisers. */
  contest_event: {
    candidates: () => [W.issue17.contests.in, W.issue17.contests.out].map((x) => ({ ...x, label: `the event of ${x.label}` })),
    in: sponsorsOwn(() => ({ ...W.issue17.contests.sponsor, label: `the event of ${W.issue17.contests.sponsor.label}` })),
    scope: (role, o) => organises(role, o),
    snapshot: async () => (await adminJson('GET', '/api/v1/training/contests')).items?.length ?? null,
  },
  /** A skills contest: the organisers of its event record scores and close it; every signed-in account reads it. */
  contest: {
    candidates: () => [W.issue17.contests.in, W.issue17.contests.out],
    in: sponsorsOwn(() => W.issue17.contests.sponsor),
    scope: (role, o) => organises(role, o),
    snapshot: async (o) => JSON.stringify((await adminJson('GET', `/api/v1/training/contests/${o.id}`)).contest),
  },
  /** A street team: event organisers whose area holds it manage it; a worker of its street joins it. */
  volunteer_team: {
    candidates: () => [W.issue17.teams.in, W.issue17.teams.out],
    scope: (role, o) => (role === 'worker' ? within(W.workers.me.area, o.area)
      : EVENT_ORGANISERS.includes(role) && defaultScope(role, o)),
    snapshot: async (o) => {
      const page = await adminJson('GET', `/api/v1/volunteer-teams/${o.id}`);
      return [page.member_list.map((m) => `${m.account_id}:${m.role}`), page.pending ?? null];
    },
  },
  /** A pending hours entry: a leader of its team (demo-worker leads the S0 team) decides it (a fresh one each case). */
  hours_entry: {
    candidates: () => [{ label: "demo-reporter's entry in the S0 team", inTeam: true }, { label: "an S1 rider's entry in the S1 team", inTeam: false }],
    scope: (role, o) => role === 'worker' && !!o.inTeam,
    snapshot: async (o) => (await adminJson('GET', `/api/v1/volunteer-teams/${o.team}/hours?status=pending`)).items.find((e) => e.id === o.id)?.status ?? null,
  },
  /** A worker's account to appoint: organisers appoint the workers of their area. */
  appointee: {
    candidates: () => [{ label: 'demo-worker', id: W.issue17.ids.worker, area: W.workers.me.area },
      { label: 'an S1 rider', id: W.issue17.ids.rider, area: W.riderOut.me.worker.area_code }],
    scope: (role, o) => EVENT_ORGANISERS.includes(role) && defaultScope(role, o),
    snapshot: async (o) => (await adminJson('GET', '/api/v1/appointments')).items.filter((a) => a.account_id === o.id).length,
  },
  /** An appointment letter: organisers of its issuing area revoke it (a fresh one each case). */
  appointment_letter: {
    candidates: () => [W.issue17.letters.in, W.issue17.letters.out],
    scope: (role, o) => EVENT_ORGANISERS.includes(role) && defaultScope(role, o),
    snapshot: async (o) => (await adminJson('GET', '/api/v1/appointments')).items.find((a) => a.id === o.id)?.status ?? null,
  },
  /** A signed certificate (an appointment letter's): its holder and community officers and above of its issuing area. */
  certificate: {
    candidates: () => [W.issue17.letters.in, W.issue17.letters.out].map((l) => ({ ...l, label: `the certificate of ${l.label}` })),
    scope: (role, o) => (role === 'worker' ? !!o.mine : isStaffAbove(role) && defaultScope(role, o)),
    snapshot: async (o) => (await srv.api('GET', `/api/v1/certificates/${o.serial}`)).json?.status ?? null,
  },
  /** A personal calendar link: whoever holds a live one reads the feed; a revoked one is gone. */
  calendar_link: {
    candidates: () => [{ label: "demo-reporter's live link", live: true }, { label: "demo-reporter's revoked link", live: false }],
    scope: (role, o) => !!o.live,
  },
  /** A street for a new team: event organisers whose area holds it (street teams sit at streets). */
  team_area: {
    candidates: () => [{ label: 'S0', code: W.A.S0, area: W.A.S0 }, { label: 'S1', code: W.A.S1, area: W.A.S1 }],
    scope: (role, o) => EVENT_ORGANISERS.includes(role) && defaultScope(role, o),
  },
  /** A street for a new campaign: street officers and above of it create one there. */
  honour_area: {
    candidates: () => [{ label: 'S0', code: W.A.S0, area: W.A.S0 }, { label: 'S1', code: W.A.S1, area: W.A.S1 }],
    scope: (role, o) => ['street_officer', 'district_officer', 'city_officer', 'admin'].includes(role) && defaultScope(role, o),
  },
  /** A campaign in its vote: every signed-in account votes in any area (public by design). */
  honour_vote: { candidates: () => [W.honours.voting.in, W.honours.voting.out], public: true },
  /** An announced campaign: its results are public. */
  honour_results: { candidates: () => [W.honours.announced.in, W.honours.announced.out], public: true },
  /** A pending nomination: officers of its campaign's area review it (a fresh one each case). */
  honour_nomination: {
    candidates: () => [{ label: 'a pending nomination in S0', area: W.A.S0 }, { label: 'a pending nomination in S1', area: W.A.S1 }],
    scope: (role, o) => isOfficer(role) && defaultScope(role, o),
    snapshot: async (o) => (await adminJson('GET', `/api/v1/honours/campaigns/${o.campaign}/nominations`)).items.find((n) => n.id === o.id)?.status ?? null,
  },
  /** A winner's certificate: its campaign's officers print it (the holder too, no demo role). */
  honour_certificate: {
    candidates: () => [W.honours.announced.in, W.honours.announced.out],
    scope: (role, o) => isOfficer(role) && defaultScope(role, o),
  },
  open311_key: {
    candidates: () => [{ label: 'a valid key', key: W.keys.valid.api_key, valid: true }, { label: 'a revoked key', key: W.keys.revoked.api_key }],
    scope: (role, o) => !!o.valid,
  },
  /** A point on the map: what a report there would be routed to follows the acceptance rules of its area. */
  location: {
    candidates: () => [{ label: 'inside C0', ...HQ, area: W.A.C0 }, { label: 'in K1', ...W.k1At, area: W.A.K1 }, { label: 'in S1', ...W.s1At, area: W.A.S1 }],
  },
};

// ---- The table: one entry per documented operation -------------------------------------------

const dispatch = { action: 'dispatch', assignee: { kind: 'department', name: '市政维修队' }, note: '转交维修' };
const areaItems = (key, pick) => (json) => (json[key] ?? []).map(pick);

const OPS = {
  'GET /healthz': { kind: 'none' },
  'GET /metrics': { kind: 'none' },
  'GET /api/v1/openapi.json': { kind: 'none' },
  'POST /api/v1/session': {
    kind: 'none',
    body: (o, c) => ({ login: c.role === ANONYMOUS ? 'demo-reporter' : ROLE_LOGINS[c.role], password: DEMO_PASSWORD }),
  },
  'DELETE /api/v1/session': {
    kind: 'own',
    // Signs out a second session of the role, not the one the other cases use.
    prepare: async (o, c) => ({ ...o, token: (await srv.login(ROLE_LOGINS[c.role])).token }),
  },
  'GET /api/v1/me': { kind: 'own' },
  // PIPL: everything kept about the caller; a worker erases their own account (one registered for it).
  'GET /api/v1/me/data': { kind: 'own' },
  'POST /api/v1/me/erase': {
    kind: 'own',
    prepare: async (o) => ({ ...o, token: (await registerRider(srv)).token }),
    body: () => ({ confirm: 'ERASE' }),
  },
  'GET /api/v1/home': { kind: 'own' },
  'GET /api/v1/areas/{code}': { kind: 'area' },
  'GET /api/v1/compounds': { kind: 'area', query: (o) => ({ area: o.code, limit: 200 }), items: areaItems('items', (c) => c.code) },
  'GET /api/v1/workers': { kind: 'area', query: (o) => ({ area: o.code, limit: 5 }) },
  'GET /api/v1/accounts': { kind: 'area', query: (o) => ({ area: o.code, limit: 200 }), items: areaItems('items', (a) => a.area.code) },
  'POST /api/v1/accounts': {
    kind: 'area',
    body: (o) => {
      const role = { 15: 'guard', 12: 'grid_officer' }[o.code.length] ?? 'sponsor';
      return { login: `it-new-${tag()}`, password: 'it-password-2024', display_name: '新账号', role, area_code: o.code };
    },
    snapshot: async (o) => (await adminJson('GET', `/api/v1/accounts?area=${o.code}&limit=1`)).total,
  },
  // Entries tied to no area are for admins only.
  'GET /api/v1/audit': { kind: 'own', query: () => ({ limit: 500 }), items: (json, c) => json.items.map((e) => e.area_code).filter((a) => a !== null || c.role !== 'admin') },
  'GET /api/v1/register/options': { kind: 'none' },
  'GET /api/v1/register/communities': { kind: 'none', query: () => ({ depot_id: DEPOT_IN }) },
  'POST /api/v1/register': {
    kind: 'none',
    prepare: async (o) => { const phone = uniquePhone(); return { ...o, phone, code: await phoneCode(srv, phone) }; },
    body: (o) => ({ phone: o.phone, password: 'rider-secret-2024', name: '测试骑手', kind: 'food', platform: '美团', depot_id: DEPOT_IN,
      plate: '', convention_accepted: true, code: o.code }),
    localAddress: true,
  },
  'POST /api/v1/register/code': { kind: 'none', body: () => ({ phone: uniquePhone() }), localAddress: true },
  'GET /api/v1/workers/me': { kind: 'own' },
  // Honours campaigns: street officers and above of the campaign's area run it (community officers pass the door
  // only); anyone reads a campaign, its ballot and, once announced, its results; every signed-in account votes.
  'GET /api/v1/honours/campaigns': { kind: 'none' },
  'POST /api/v1/honours/campaigns': {
    kind: 'honour_area',
    refuse: ['community_officer'],
    body: (o) => { const now = Math.floor(Date.now() / 1000); return { title: `门禁测试${tag()}`, kind: 'best_rider', area_code: o.code,
      nominating_until: now + 86400, reviewing_until: now + 2 * 86400, voting_until: now + 3 * 86400 }; },
    snapshot: async () => (await srv.api('GET', '/api/v1/honours/campaigns')).json.items.length,
  },
  'GET /api/v1/honours/campaigns/{id}': { kind: 'honour_campaign', public: true },
  'PUT /api/v1/honours/campaigns/{id}': {
    kind: 'honour_campaign',
    refuse: ['community_officer'],
    body: (o) => ({ title: `门禁测试评选${o.id}`, kind: 'best_rider', nominating_until: 4102444800, reviewing_until: 4102444800, voting_until: 4102444800 }),
  },
  'POST /api/v1/honours/campaigns/{id}/advance': {
    kind: 'honour_campaign',
    refuse: ['community_officer'],
    prepare: async (o) => W.honours.fresh(o.area, 'nominating'),
    body: () => ({ to: 'reviewing' }),
  },
  'GET /api/v1/honours/campaigns/{id}/nominations': { kind: 'honour_campaign', public: true },
  // A nominee who is no worker of the area is refused (400): past the door all the same, in any area.
  'POST /api/v1/honours/campaigns/{id}/nominations': { kind: 'honour_campaign', public: true, loose: true, body: () => ({ worker_id: 999999999, citation: '门禁测试' }) },
  'POST /api/v1/honours/nominations/{id}/review': {
    kind: 'honour_nomination',
    // A fresh pending nomination each case, so an accepted one does not meet the next.
    prepare: async (o) => ({ ...(await W.honours.fresh(o.area, 'pending')), area: o.area }),
    outPrepare: async (o) => ({ ...(await W.honours.fresh(o.area, 'pending')), area: o.area }),
    body: () => ({ accept: true, reason: '' }),
  },
  // Every signed-in account votes (a worker verified in the register); a second case for a nominee answers 409.
  'POST /api/v1/honours/campaigns/{id}/votes': { kind: 'honour_vote', loose: true, body: (o) => ({ nomination_id: o.nomination }), localAddress: true },
  'GET /api/v1/honours/campaigns/{id}/results': { kind: 'honour_results' },
  'GET /api/v1/honours/certificates/{serial}': { kind: 'none', url: () => `/api/v1/honours/certificates/${W.honours.announced.in.serial}` },
  'GET /api/v1/honours/certificates/{serial}/pdf': { kind: 'honour_certificate' },
  'GET /api/v1/me/honours': { kind: 'own' },
  'POST /api/v1/honours/certificates/{serial}/revoke': {
    kind: 'honour_certificate',
    refuse: ['community_officer'],
    scope: (role, o) => ['street_officer', 'district_officer', 'city_officer', 'admin'].includes(role) && defaultScope(role, o),
    prepare: async (o) => W.honours.fresh(o.area, 'announced'),
    body: () => ({ reason: '门禁测试' }),
    snapshot: async (o) => (await srv.api('GET', `/api/v1/honours/certificates/${o.serial}`)).json.status,
  },
  'GET /api/v1/me/points': { kind: 'own' },
  'GET /api/v1/points': { kind: 'none' },
  'POST /api/v1/points/transfers': {
    kind: 'worker',
    // A roster rider without a sign-in account cannot hold points (400): past the door all the same.
    loose: true,
    body: (o) => ({ kind: 'award', amount: 1, client_id: `objects-${Date.now()}-${Math.random().toString(36).slice(2)}`, reason: '门禁测试', worker_id: o.id }),
  },
  // Offers and redemptions: a place's own keeper or merchant (staff pass the door but keep no place); any worker redeems.
  'GET /api/v1/places/{id}/offers': { kind: 'public_place' },
  'POST /api/v1/places/{id}/offers': {
    kind: 'owned_place',
    refuse: OFFICERS.slice(1),
    body: () => ({ title: `新兑换${tag()}`, price: 1, stock: 5 }),
  },
  'PUT /api/v1/offers/{id}': {
    kind: 'offer',
    refuse: OFFICERS.slice(1),
    body: (o) => ({ ...o.input, description: `改过${tag()}` }),
  },
  'POST /api/v1/offers/{id}/redeem': {
    kind: 'offer',
    scope: (role) => (role === 'worker' ? true : undefined),
    body: () => ({ client_id: `objects-${tag()}${tag()}` }),
  },
  'GET /api/v1/me/redemptions': { kind: 'own' },
  'POST /api/v1/redemptions/{id}/code': {
    kind: 'redemption',
    prepare: async (o) => ({ ...o, id: (await redeemAs(S.worker, W.shop.offers.merchant)).redemption.id }),
    outPrepare: async (o) => ({ ...o, id: (await redeemAs(W.shop.reporterSession, W.shop.offers.merchant)).redemption.id }),
  },
  'POST /api/v1/redemptions/{id}/cancel': {
    kind: 'redemption',
    prepare: async (o) => ({ ...o, id: (await redeemAs(S.worker, W.shop.offers.merchant)).redemption.id }),
    outPrepare: async (o) => ({ ...o, id: (await redeemAs(W.shop.reporterSession, W.shop.offers.merchant)).redemption.id }),
  },
  'POST /api/v1/redemptions/confirm': {
    kind: 'redemption_code',
    refuse: OFFICERS.slice(1),
    prepare: withFreshCode,
    outPrepare: withFreshCode,
    body: (o) => ({ code: o.code }),
  },
  // The desk scans demo-worker's live pass (a fresh one each case: passes are the worker's to reissue).
  'POST /api/v1/redemptions/by-pass': {
    kind: 'owned_place',
    refuse: OFFICERS.slice(1),
    prepare: withFreshPass,
    outPrepare: withFreshPass,
    body: (o) => ({ pass: o.pass.qr(), place_id: o.id }),
  },
  'POST /api/v1/redemptions/{id}/confirm-by-pass': {
    kind: 'redemption_code',
    refuse: OFFICERS.slice(1),
    prepare: withCodeAndPass,
    outPrepare: withCodeAndPass,
    body: (o) => ({ pass: o.pass.qr() }),
  },
  'GET /api/v1/places/{id}/statement': { kind: 'settled_place' },
  // Hand-over ratings: any verified worker rates a merchant (the keeper's station is no merchant: 409, hence loose);
  // the place's own keeper or merchant and the officers of its area read the summary. The lists: last month's
  // district list is published in the demo, so anyone reads it; publishing is a street officer's and above's.
  'POST /api/v1/places/{id}/handover-ratings': {
    kind: 'settled_place',
    scope: (role) => (role === 'worker' ? true : undefined),
    loose: true,
    body: () => ({ wait: '5_10', place_to_wait: true, respect: 4 }),
  },
  'GET /api/v1/places/{id}/handover-ratings': { kind: 'settled_place' },
  'GET /api/v1/rankings/merchants': { kind: 'none', query: () => ({ area: '110108', month: lastBeijingMonth() }) },
  'GET /api/v1/rankings/compounds': { kind: 'none', query: () => ({ area: '110108', month: lastBeijingMonth() }) },
  'POST /api/v1/rankings/{kind}/{month}/publish': {
    kind: 'area',
    refuse: ['community_officer'],
    // The first publisher of an area's list gets 201, later ones 409 (published once).
    loose: true,
    url: () => '/api/v1/rankings/compounds/2025-01/publish',
    body: (o) => ({ area: o.code }),
  },
  // Micro-wishes: the wall is open; the staff of a wish's community review it; demo-sponsor claims and fulfils; its worker confirms.
  // Sponsors: street officers and above create them, officers link their accounts, members pledge, city officers decide.
  'GET /api/v1/sponsors': { kind: 'none' },
  'POST /api/v1/sponsors': {
    kind: 'area',
    refuse: ['community_officer'],
    body: (o) => ({ name: `测试单位${tag()}`, kind: 'company', area_code: o.code }),
    snapshot: async () => (await adminJson('GET', '/api/v1/sponsors')).items.length,
  },
  'GET /api/v1/sponsors/{id}': { kind: 'sponsor', public: true },
  'POST /api/v1/sponsors/{id}/members': {
    kind: 'sponsor',
    // A community officer's community holds neither sponsor (both sit at street level).
    scope: (role, o) => ['community_officer', 'street_officer', 'district_officer', 'city_officer', 'admin'].includes(role) &&
      defaultScope(role, o),
    body: (o) => ({ account_id: o.account_id }),
  },
  'POST /api/v1/sponsors/{id}/pledges': {
    kind: 'sponsor',
    in: (role) => (role === 'sponsor' ? W.sponsors.own : undefined),
    scope: (role, o) => role === 'sponsor' && !!o.mine,
    body: () => ({ amount: 1 }),
  },
  'POST /api/v1/sponsors/pledges/{id}/fund': { kind: 'pledge', prepare: () => W.sponsors.pledge() },
  'POST /api/v1/sponsors/pledges/{id}/decline': { kind: 'pledge', prepare: () => W.sponsors.pledge() },
  // Drives: their totals are public; the keeper of a drop point or an officer of its area logs items there.
  'GET /api/v1/drives': { kind: 'none' },
  'POST /api/v1/drives': {
    kind: 'area',
    body: (o) => ({ title: `测试募书${tag()}`, collects: '图书', area_code: o.code, starts_at: Math.floor(Date.now() / 1000) - 60,
      ends_at: Math.floor(Date.now() / 1000) + 86400, drop_point_ids: [W.sponsors.dropPoint.id] }),
  },
  'GET /api/v1/drives/{id}': { kind: 'none', url: () => `/api/v1/drives/${W.sponsors.points.in.id}` },
  'POST /api/v1/drives/{id}/items': {
    kind: 'drop_point',
    body: (o) => ({ place_id: o.place, direction: 'in', organisation: '门禁测试单位', count: 1 }),
  },
  'GET /api/v1/wishes': { kind: 'none' },
  'POST /api/v1/wishes': {
    kind: 'wish',
    // A worker posts for themself (no worker_id): always in reach.
    scope: (role) => (role === 'worker' ? true : undefined),
    body: (o, c) => (c.role === 'worker' ? wishBody() : wishBody({ worker_id: o.worker })),
    snapshot: async () => (await adminJson('GET', '/api/v1/wishes?status=submitted&limit=1')).items[0]?.id ?? null,
  },
  'GET /api/v1/wishes/{id}': { kind: 'wish' },
  'POST /api/v1/wishes/{id}/verify': {
    kind: 'wish',
    prepare: (o) => wishFor(o.rider, 'submitted', o.label),
    outPrepare: (o) => wishFor(o.rider, 'submitted', o.label),
  },
  'POST /api/v1/wishes/{id}/reject': {
    kind: 'wish',
    prepare: (o) => wishFor(o.rider, 'submitted', o.label),
    outPrepare: (o) => wishFor(o.rider, 'submitted', o.label),
    body: () => ({ reason: '门禁测试' }),
  },
  'POST /api/v1/wishes/{id}/withdraw': {
    kind: 'wish',
    prepare: (o) => wishFor(o.rider, 'submitted', o.label),
    outPrepare: (o) => wishFor(o.rider, 'submitted', o.label),
  },
  'POST /api/v1/wishes/{id}/claim': {
    kind: 'wish',
    scope: (role) => (role === 'sponsor' ? true : undefined),
    prepare: (o) => wishFor(o.rider, 'verified', o.label),
  },
  'POST /api/v1/wishes/{id}/fulfil': {
    kind: 'wish',
    scope: (role) => (role === 'sponsor' ? true : undefined),
    prepare: (o) => wishFor(o.rider, 'claimed', o.label),
    query: () => ({ note: '已送到' }),
    upload: jpeg,
  },
  'POST /api/v1/wishes/{id}/confirm': {
    kind: 'wish',
    in: () => ({ label: "demo-worker's own fulfilled wish", mine: true }),
    scope: (role, o) => !!o.mine,
    prepare: () => ownWish('fulfilled'),
    outPrepare: (o) => wishFor(o.rider, 'fulfilled', o.label),
    body: () => ({ thanks: '谢谢' }),
  },
  'GET /api/v1/me/wishes': { kind: 'own' },
  // Events: anyone reads them; organisers (see KINDS.event) change, cancel and see rosters; workers register.
  'GET /api/v1/events': { kind: 'none' },
  'POST /api/v1/events': {
    kind: 'area',
    body: (o) => ({ kind: 'public_class', title: `门禁测试${tag()}`, organiser_kind: 'community', organiser_name: '测试组织方', area: o.code,
      address: '中关村大街 1 号', lat: 39.98, lon: 116.31, starts_at: Math.floor(Date.now() / 1000) + 86400,
      ends_at: Math.floor(Date.now() / 1000) + 90000, capacity: 10 }),
  },
  'GET /api/v1/events/{id}': { kind: 'event', public: true },
  'PATCH /api/v1/events/{id}': { kind: 'event', body: () => ({ description: `门禁测试${tag()}` }) },
  'POST /api/v1/events/{id}/cancel': {
    kind: 'event', prepare: (o) => eventLike(o), outPrepare: (o) => eventLike(o), body: () => ({ reason: '门禁测试' }),
  },
  'POST /api/v1/events/{id}/registrations': { kind: 'event', scope: (role) => (role === 'worker' ? true : undefined), prepare: (o) => eventLike(o) },
  'POST /api/v1/events/{id}/registrations/accept': {
    kind: 'event', scope: (role) => (role === 'worker' ? true : undefined), prepare: (o) => eventOfferedToWorker(o),
  },
  'DELETE /api/v1/events/{id}/registrations/mine': {
    kind: 'event',
    scope: (role) => (role === 'worker' ? true : undefined),
    prepare: async (o) => {
      const fresh = await eventLike(o);
      assert.equal((await as(S.worker.token, 'POST', `/api/v1/events/${fresh.id}/registrations`)).status, 201);
      return fresh;
    },
  },
  'POST /api/v1/events/{id}/registrations/{registration_id}/cancel': {
    kind: 'event', prepare: (o) => eventWithRegistration(o), outPrepare: (o) => eventWithRegistration(o), body: () => ({ reason: '门禁测试' }),
  },
  'GET /api/v1/events/{id}/roster': { kind: 'event' },
  'GET /api/v1/me/events': { kind: 'own' },
  // Calendars (issue 17): area and event feeds are public; a personal feed is read with its secret link only.
  'GET /api/v1/events.ics': { kind: 'none', query: () => ({ area: W.A.K0 }) },
  'GET /api/v1/events/{id}/event.ics': { kind: 'event', public: true },
  'GET /api/v1/calendar/{token}': {
    kind: 'calendar_link',
    // A fresh link of demo-reporter's each case; the revoked one is replaced by a newer link just after it is made.
    prepare: async (o) => ({ ...o, token: `${(await jsonAs(W.reporterSession, 'POST', '/api/v1/me/calendar-token', undefined, [201])).token}.ics` }),
    outPrepare: async (o) => {
      const old = (await jsonAs(W.reporterSession, 'POST', '/api/v1/me/calendar-token', undefined, [201])).token;
      await jsonAs(W.reporterSession, 'POST', '/api/v1/me/calendar-token', undefined, [201]);
      return { ...o, token: `${old}.ics` };
    },
    // The link is the key, not the session: signing in changes nothing.
    url: (o) => `/api/v1/calendar/${o.token}`,
  },
  'GET /api/v1/me/calendar-token': { kind: 'own' },
  'POST /api/v1/me/calendar-token': { kind: 'own' },
  'DELETE /api/v1/me/calendar-token': { kind: 'own' },
  // Door check-ins (issue 17, item 2): the event's organisers (KINDS.event). An unreadable code is answered per scan
  // (200, refused in its item): past the door all the same.
  'POST /api/v1/events/{id}/checkins': {
    kind: 'event',
    // demo-worker's live pass at a fresh event of today that they registered for: a verified check-in where allowed.
    prepare: doorReady,
    outPrepare: doorReady,
    body: (o) => ({ scans: [{ nonce: `${tag()}${tag()}${tag()}`, code: o.pass.qr(), scanned_at: Math.floor(Date.now() / 1000), direction: 'in', method: 'camera' }] }),
    check: { in: (res) => (res.status === 200 && res.json?.verified === 1 ? null : '200 with the scan verified') },
    snapshot: async (o) => JSON.stringify((await adminJson('GET', `/api/v1/events/${o.id}/attendance`)).counts),
  },
  'GET /api/v1/events/{id}/attendance': { kind: 'event' },
  'GET /api/v1/events/{id}/attendance.csv': { kind: 'event' },
  // Childcare (issue 17): a worker parent holding a place and the class's organisers see its children.
  'GET /api/v1/events/{id}/children': { kind: 'childcare_event' },
  'POST /api/v1/events/{id}/children': {
    kind: 'childcare_event',
    prepare: (o) => registeredEvent({ ...W.issue17.inEvent, label: o.label, workerHolds: true, extra: { kind: 'childcare', family: true } }),
    // The S1 class (demo-worker holds no place there): 403 childcare_no_place.
    body: () => ({ given_name: '小明', age: 5, note: '对花生过敏' }),
    snapshot: async (o) => (await adminJson('GET', `/api/v1/events/${o.id}/children`)).items.length,
  },
  'DELETE /api/v1/events/{id}/children/{child_id}': {
    kind: 'child',
    prepare: (o) => childcareClass({ ...W.issue17.inEvent, label: o.label }).then((x) => ({ ...x, mine: true })),
    outPrepare: (o) => childcareClass({ ...W.issue17.inEvent, label: o.label }, W.reporterSession),
  },
  'PUT /api/v1/events/{id}/children/{child_id}/attendance/{day}': { kind: 'childcare_event', body: () => ({ present: true }) },
  'GET /api/v1/events/{id}/children/attendance': { kind: 'childcare_event' },
  // Volunteer teams (issue 17): organisers of a team's area manage it; the workers of its street join it; its leaders
  // decide its hours. Every account reads the teams of the areas holding its own.
  'GET /api/v1/volunteer-teams': { kind: 'own' },
  'POST /api/v1/volunteer-teams': {
    kind: 'team_area',
    body: (o) => ({ name: `新志愿队${tag()}`, scope: 'street', area: o.code, intro: '门禁测试' }),
    snapshot: async () => (await adminJson('GET', '/api/v1/volunteer-teams')).items.length,
  },
  'GET /api/v1/volunteer-teams/{id}': {
    kind: 'volunteer_team',
    // A team's page: organisers of its area, and anyone (not a worker) whose area lies in the team's; a worker of its street.
    scope: (role, o) => (role === 'worker' ? undefined : defaultScope(role, o) || within(areaOf(role), o.area)),
  },
  'POST /api/v1/volunteer-teams/{id}/join': {
    kind: 'volunteer_team',
    prepare: async (o) => { await as(S.worker.token, 'POST', `/api/v1/volunteer-teams/${o.id}/leave`); return o; },
  },
  'POST /api/v1/volunteer-teams/{id}/leave': {
    kind: 'volunteer_team',
    // Leaves and joins again (demo-worker's leadership is kept by the S0 team's admin after the case).
    prepare: async (o) => { await jsonAs(S.worker, 'POST', `/api/v1/volunteer-teams/${o.id}/join`); return o; },
    // Not a member of the other street's team: 409 volunteer_not_member, nothing changed.
    check: { out: (res) => (res.status === 409 && res.json?.code === 'volunteer_not_member') || denied(res) ? null : '403/404 or 409 volunteer_not_member' },
  },
  'POST /api/v1/volunteer-teams/{id}/leaders': { kind: 'volunteer_team', body: (o) => ({ account_id: o.member }) },
  'DELETE /api/v1/volunteer-teams/{id}/leaders/{account_id}': {
    kind: 'volunteer_team',
    prepare: async (o) => { await adminJson('POST', `/api/v1/volunteer-teams/${o.id}/leaders`, { body: { account_id: o.member } }); return { ...o, account_id: o.member }; },
    outPrepare: async (o) => { await adminJson('POST', `/api/v1/volunteer-teams/${o.id}/leaders`, { body: { account_id: o.member } }); return { ...o, account_id: o.member }; },
  },
  'GET /api/v1/volunteer-teams/{id}/hours': {
    kind: 'volunteer_team',
    scope: (role, o) => (role === 'worker' ? !!o.leadByWorker : undefined),
    prepare: workerLeadsS0Team,
    query: () => ({ status: 'pending' }),
  },
  'POST /api/v1/volunteer-teams/{id}/hours': {
    kind: 'volunteer_team',
    prepare: workerLeadsS0Team,
    body: () => ({ day: today(-2), minutes: 45, note: '门禁测试' }),
    // Not a member of the other street's team: 409 volunteer_not_member, nothing logged.
    check: { out: (res) => (res.status === 409 && res.json?.code === 'volunteer_not_member') || denied(res) ? null : '403/404 or 409 volunteer_not_member' },
  },
  'POST /api/v1/volunteer-hours/{id}/approve': { kind: 'hours_entry', prepare: hoursEntry, outPrepare: hoursEntry, body: () => ({ note: '属实' }) },
  'POST /api/v1/volunteer-hours/{id}/reject': { kind: 'hours_entry', prepare: hoursEntry, outPrepare: hoursEntry, body: () => ({ note: '不属实' }) },
  'GET /api/v1/me/volunteering': { kind: 'own' },
  'POST /api/v1/me/volunteering/certificate': { kind: 'own' },
  // Appointment letters (聘书): organisers appoint the workers of their area and revoke the letters of their area.
  'GET /api/v1/appointments': { kind: 'own', items: (json) => json.items.map((a) => a.area.code) },
  'POST /api/v1/appointments': {
    kind: 'appointee',
    body: (o) => ({ account_id: o.id, kind: 'union_liaison', title: `工会联络员${tag()}`, term_from: today(), term_until: today(90) }),
    // A worker outside the caller's area is refused as input (400 naming account), and nothing is issued.
    check: { out: (res) => (res.status === 400 && /account/.test(res.text)) || denied(res) ? null : '403/404 or 400 naming account' },
  },
  'POST /api/v1/appointments/{id}/revoke': {
    kind: 'appointment_letter',
    prepare: (o) => (o.mine ? W.issue17.letterIn() : W.issue17.letterOut()),
    outPrepare: (o) => (o.mine ? W.issue17.letterIn() : W.issue17.letterOut()),
  },
  'GET /api/v1/workers/{id}/appointments': { kind: 'worker' },
  // Certificates (issue 17, item 4): anyone verifies one; its holder and the issuing area's officers print it.
  'GET /api/v1/certificates/keys': { kind: 'none' },
  'GET /api/v1/certificates/{serial}': { kind: 'certificate', public: true },
  'GET /api/v1/certificates/{serial}/certificate.pdf': { kind: 'certificate' },
  'POST /api/v1/certificates/{serial}/revoke': {
    kind: 'certificate',
    prepare: (o) => (o.mine ? W.issue17.letterIn() : W.issue17.letterOut()),
    outPrepare: (o) => (o.mine ? W.issue17.letterIn() : W.issue17.letterOut()),
    body: () => ({ reason: '门禁测试' }),
  },
  'GET /api/v1/me/certificates': { kind: 'own' },
  // Training: organisers create courses in their area and train at their sessions; contests at their events.
  'GET /api/v1/training/courses': { kind: 'own' },
  'POST /api/v1/training/courses': {
    kind: 'area',
    body: (o) => ({ topic: 'traffic_safety', title: `新课程${tag()}`, description: '门禁测试', hours: 2, area_code: o.code }),
    snapshot: async () => (await adminJson('GET', '/api/v1/training/courses')).items?.length ?? null,
  },
  'GET /api/v1/training/courses/{id}/sessions': { kind: 'course' },
  'GET /api/v1/training/sessions/{event_id}/attendees': { kind: 'session' },
  // demo-worker holds a place at both sessions; a pass is recorded once, later ones are replays (200).
  'POST /api/v1/training/sessions/{event_id}/completions': { kind: 'session', body: () => ({ account_id: S.worker.account.id, passed: true, score: 90 }) },
  'GET /api/v1/me/training': { kind: 'own' },
  'GET /api/v1/training/contests': { kind: 'own', items: (json) => (json.items ?? []).map((c) => c.area.code) },
  'POST /api/v1/training/contests': { kind: 'contest_event', body: (o) => ({ event_id: o.event_id, title: `新比武${tag()}` }) },
  'GET /api/v1/training/contests/{id}': { kind: 'contest', public: true },
  'POST /api/v1/training/contests/{id}/scores': { kind: 'contest', body: () => ({ account_id: S.worker.account.id, score: 88 }) },
  'POST /api/v1/training/contests/{id}/close': {
    kind: 'contest',
    prepare: (o) => skillsContest({ ...o, extra: undefined }).then((x) => ({ ...o, ...x })),
    outPrepare: (o) => skillsContest({ ...o, extra: undefined }).then((x) => ({ ...o, ...x })),
    body: () => ({ top: 3 }),
  },
  'GET /api/v1/wish-photos/{id}': { kind: 'wish_photo' },
  'PUT /api/v1/workers/me/photo': { kind: 'own', upload: jpeg, loose: true },
  'GET /api/v1/workers/{id}/photo': { kind: 'worker', loose: true },
  'POST /api/v1/workers/{id}/status': {
    kind: 'worker_status',
    prepare: async (o) => { await admin('POST', `/api/v1/workers/${o.id}/status`, { body: { status: 'pending', reason: '重新核验' } }); return o; },
    body: () => ({ status: 'verified', reason: '证件核验通过' }),
  },
  'GET /api/v1/workers/{id}/history': { kind: 'worker', refuse: ['guard', 'property_manager'] },
  'GET /api/v1/workers/{id}/phone': { kind: 'worker' },
  'POST /api/v1/workers/roster': {
    kind: 'rider',
    prepare: async (o) => { await admin('POST', `/api/v1/workers/${o.id}/status`, { body: { status: 'pending', reason: '重新核验' } }); return o; },
    upload: (o) => ({ rawBody: `phone,name,platform\n${o.phone},${o.name},${o.platform}\n`, headers: { 'Content-Type': 'text/csv' } }),
    // A roster is read row by row: a rider outside the caller's area is left as it was, not refused.
    check: {
      in: (res) => (res.status === 200 && res.json?.verified === 1 ? null : 'the rider is verified'),
      out: (res) => (res.status === 200 && res.json?.verified === 0 ? null : 'nobody is verified'),
    },
  },
  'POST /api/v1/passes': { kind: 'own', body: () => ({ device_public_key: Buffer.from(randomBytes(32)).toString('base64url') }) },
  'GET /api/v1/passes/keys': { kind: 'none' },
  'DELETE /api/v1/passes/{id}': { kind: 'pass', body: () => ({ reason: '测试吊销' }) },
  'GET /api/v1/gate/sync': { kind: 'compound', query: (o) => ({ compound: o.code }) },
  'POST /api/v1/gate/verify': { kind: 'compound', body: (o) => ({ compound: o.code, gate: o.gate, code: 'YH1:NOT-A-PASS', direction: 'in' }) },
  'GET /api/v1/gate/events': { kind: 'compound', query: (o) => ({ compound: o.code }) },
  'POST /api/v1/gate/events': {
    kind: 'compound',
    loose: true,
    body: (o) => ({ events: [{ client_event_id: `it-${tag()}`, compound: o.code, gate: o.gate, worker_id: W.workers.me.id, pass_id: null,
      direction: 'in', at: Math.floor(Date.now() / 1000) - 60, allowed: true, code: 'ok' }] }),
  },
  'GET /api/v1/gate/inside': { kind: 'compound', query: (o) => ({ compound: o.code }) },
  'GET /api/v1/compounds/{code}/access-plan': { kind: 'compound', publicFor: ['worker'] },
  'PUT /api/v1/compounds/{code}/access-plan': {
    kind: 'compound',
    prepare: async (o) => ({ ...o, plan: await adminJson('GET', `/api/v1/compounds/${o.code}/access-plan`) }),
    body: (o) => o.plan,
    outPrepare: async (o) => ({ ...o, plan: await adminJson('GET', `/api/v1/compounds/${o.code}/access-plan`) }),
  },
  'GET /api/v1/compounds/{code}/access-plan/history': { kind: 'compound', publicFor: ['worker'] },
  'GET /api/v1/compounds/{code}/gates': { kind: 'compound', publicFor: ['worker'] },
  'GET /api/v1/compounds/{code}/whitelist': { kind: 'compound' },
  'GET /api/v1/compounds/{code}/whitelist/candidates': { kind: 'compound', query: () => ({ q: '张' }) },
  'GET /api/v1/compounds/{code}/access': { kind: 'public_compound' },
  'POST /api/v1/compounds/{code}/whitelist': {
    kind: 'compound',
    prepare: async (o) => { await admin('DELETE', `/api/v1/compounds/${o.code}/whitelist/${W.workers.me.id}`); return o; },
    body: () => ({ worker_id: W.workers.me.id }),
    outPrepare: async (o) => { await admin('DELETE', `/api/v1/compounds/${o.code}/whitelist/${W.workers.me.id}`); return o; },
  },
  'DELETE /api/v1/compounds/{code}/whitelist/{worker_id}': {
    kind: 'compound',
    prepare: async (o) => { await admin('POST', `/api/v1/compounds/${o.code}/whitelist`, { body: { worker_id: W.workers.me.id } }); return { ...o, worker_id: W.workers.me.id }; },
    outPrepare: async (o) => { await admin('POST', `/api/v1/compounds/${o.code}/whitelist`, { body: { worker_id: W.workers.me.id } }); return { ...o, worker_id: W.workers.me.id }; },
  },
  'GET /api/v1/compounds/{code}/whitelist/changes': { kind: 'compound' },
  // A worker rates a compound they entered (a verified scan at its gate); demo-worker entered C0.
  'POST /api/v1/compounds/{code}/feedback': {
    kind: 'compound',
    scope: (role, o) => (role === 'worker' ? o.code === W.A.C0 : undefined),
    body: () => ({ rating: 4, unfair: false, comment: '保安很友好' }),
    loose: true,
  },
  'GET /api/v1/compounds/{code}/friendliness': { kind: 'compound' },
  'GET /api/v1/qr': { kind: 'none', query: () => ({ text: 'https://youhao.example/p/19' }) },
  'GET /api/v1/compounds/{code}/map': { kind: 'mapped' },
  'PUT /api/v1/compounds/{code}/map': {
    kind: 'compound',
    // The compound's own map sent back whole.
    prepare: withOwnMap,
    outPrepare: withOwnMap,
    body: (o) => o.fc,
  },
  'POST /api/v1/compounds/{code}/map/features': { kind: 'compound', body: () => feature(HQ.lon + 0.0001, HQ.lat) },
  'PUT /api/v1/compounds/{code}/map/features/{id}': {
    kind: ['feature', 'foreign_feature'],
    prepare: async (o) => ({ ...o, id: (await adminJson('POST', `/api/v1/compounds/${o.code}/map/features`, { body: feature(HQ.lon + 0.0002, HQ.lat) })).id }),
    body: () => feature(HQ.lon + 0.0003, HQ.lat, '改过的点'),
  },
  'DELETE /api/v1/compounds/{code}/map/features/{id}': {
    kind: ['feature', 'foreign_feature'],
    prepare: async (o) => ({ ...o, id: (await adminJson('POST', `/api/v1/compounds/${o.code}/map/features`, { body: feature(HQ.lon + 0.0002, HQ.lat) })).id }),
  },
  'POST /api/v1/compounds/{code}/map/undo': {
    kind: 'compound',
    // Undoes a feature admin added just before, nothing of the demo map.
    prepare: async (o) => { await adminJson('POST', `/api/v1/compounds/${o.code}/map/features`, { body: feature(HQ.lon + 0.0004, HQ.lat) }); return o; },
  },
  'GET /api/v1/compounds/{code}/map/history': { kind: 'compound' },
  'GET /api/v1/compounds/{code}/map.osc': { kind: 'compound' },
  'GET /api/v1/compounds/{code}/poster.svg': { kind: 'compound' },
  'GET /api/v1/compounds/{code}/poster.pdf': { kind: 'compound' },
  'GET /api/v1/address/parse': { kind: 'none', query: () => ({ q: '华清嘉园88号楼2单元301' }) },
  'GET /api/v1/compounds/{code}/route': { kind: 'mapped', query: (o) => ({ to: o.to }) },
  'POST /api/v1/routes/multi-drop': { kind: 'mapped', body: (o) => ({ compound: o.code, stops: o.stops }) },
  'POST /api/v1/compounds/{code}/map/media': { kind: 'compound', upload: jpeg, loose: true },
  'GET /api/v1/map-media/{id}': { kind: 'map_media', url: (o) => o.url },
  'GET /api/v1/places/grading': { kind: 'none' },
  'GET /api/v1/places/nearby': { kind: 'none', query: () => ({ lat: HQ.lat, lon: HQ.lon }) },
  'GET /api/v1/places': { kind: 'area', query: (o) => ({ area: o.code, status: 'all', limit: 200 }), items: areaItems('places', (p) => p.area.code) },
  // Creating places in the caller's own area; merging into an existing place acts on that place.
  'POST /api/v1/places': {
    kind: ['own', 'approved_place'],
    body: (o) => (o.input ? { ...o.input, merge_into: o.id } : placeInput(`新驿站${tag()}`)),
  },
  'GET /api/v1/places/mine': { kind: 'own' },
  'GET /api/v1/places/{id}': { kind: ['pending_place', 'public_place'] },
  'PUT /api/v1/places/{id}': { kind: 'approved_place', body: (o) => o.input },
  'POST /api/v1/places/{id}/review': {
    kind: 'pending_place',
    prepare: async (o) => {
      const input = placeInput(`待审驿站${tag()}`);
      const res = await as(S.merchant.token, 'POST', '/api/v1/places', { body: input });
      assert.equal(res.status, 201, res.text);
      return { ...o, id: res.json.id };
    },
    body: () => ({ decision: 'approve', note: '现场核实' }),
  },
  'GET /api/v1/places/{id}/route': { kind: 'public_place', query: () => ({ lat: HQ.lat, lon: HQ.lon }) },
  'GET /api/v1/places/{id}/sign.svg': { kind: ['pending_place', 'public_place'] },
  'POST /api/v1/places/{id}/photos': { kind: 'pending_place', upload: jpeg, loose: true },
  // Photos of a place not (yet) approved are not public (issue 14, item 1).
  'GET /api/v1/place-photos/{id}': {
    kind: ['public_place_photo', 'pending_place_photo'],
    url: (o) => o.url,
    inAny: ['pending_place_photo'], // its keeper and the community staff who review it (photos.test.mjs)
  },
  'POST /api/v1/places/{id}/checkins': { kind: ['public_place', 'pending_place'] },
  'GET /api/v1/places/{id}/visits': { kind: 'pending_place' },
  'GET /api/v1/coverage': { kind: 'area', query: (o) => ({ area: o.code }) },
  'POST /api/v1/coverage/plan': { kind: 'area', body: (o) => ({ area: o.code, k: 1 }) },
  'POST /api/v1/report-photos': { kind: 'own', upload: jpeg, loose: true },
  'GET /api/v1/report-photos/{id}': {
    kind: ['report_photo', 'unattached_photo'],
    prepare: async (o, c) => (o.fresh ? { ...o, url: (await reportPhoto(S[c.role])).url } : o),
    url: (o) => o.url,
    loose: true,
  },
  // Workers see their own reports; keepers and property staff what is routed to them; officers choose an area.
  'GET /api/v1/reports': {
    kind: 'own',
    kindFor: (role) => (isOfficer(role) ? 'area' : 'own'),
    query: (o) => (o.code ? { area: o.code, limit: 200 } : { limit: 200 }),
    refuse: ['guard', 'merchant', 'sponsor', 'union_staff'],
    items: (json, c) => (isOfficer(c.role) ? json.reports.map((r) => r.area.code) : null),
  },
  'POST /api/v1/reports': { kind: 'own', body: () => ({ category: 'stray_animal', description: '流浪狗', ...spot(-2, 0) }) },
  'GET /api/v1/reports/{id}': { kind: ['report', 'welfare'] },
  'GET /api/v1/reports/{id}/events': { kind: 'report', stream: true },
  'POST /api/v1/reports/{id}/actions': {
    kind: 'report',
    body: (o, c) => (c.role === 'worker' ? { action: 'reopen', note: '问题又出现了' } : dispatch),
  },
  'GET /open311/v2/{file}': { kind: 'none', url: () => '/open311/v2/discovery.json' },
  'GET /tiles/{z}/{x}/{y}': { kind: 'none', url: () => '/tiles/17/107889/49625.svg' },
  'POST /open311/v2/{file}': {
    kind: 'open311_key',
    roles: [ANONYMOUS], // an organisation's api_key, not a session
    url: () => '/open311/v2/requests.json',
    upload: (o) => ({ rawBody: form({ api_key: o.key, service_code: 'hazard', lat: String(spot(-2, 1).lat), long: String(spot(-2, 1).lon), description: `开放接口测试${tag()}` }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' } }),
    loose: true,
  },
  'GET /open311/v2/services/{file}': { kind: 'none', url: () => '/open311/v2/services/hazard.json' },
  'GET /open311/v2/requests/{file}': { kind: ['open311_report', 'open311_welfare'], url: (o) => `/open311/v2/requests/${o.id}.json` },
  'GET /open311/v2/tokens/{file}': { kind: ['open311_report', 'open311_welfare'], url: (o) => `/open311/v2/tokens/r${o.id}.json` },
  'GET /api/v1/open311/keys': { kind: 'none' },
  'POST /api/v1/open311/keys': { kind: 'none', body: () => ({ organisation: `新机构${tag()}` }) },
  'DELETE /api/v1/open311/keys/{id}': {
    kind: 'none',
    prepare: async (o) => ({ ...o, id: (await adminJson('POST', '/api/v1/open311/keys', { body: { organisation: `待停用${tag()}` } })).id }),
  },
  'GET /api/v1/reports/stats': { kind: 'area', query: (o) => ({ area: o.code }) },
  'GET /api/v1/grid-reporters': { kind: 'own', query: () => ({ all: 'true' }), items: (json, c) => (isOfficer(c.role) ? json.items.map((g) => g.area.code) : null) },
  'POST /api/v1/grid-reporters': {
    kind: 'community',
    prepare: async (o) => { await endAppointments(W.workers.me.id, o.code); return o; },
    body: (o) => ({ worker_id: W.workers.me.id, area_code: o.code, term_start: today(), term_end: today(30) }),
    snapshot: async (o) => (await adminJson('GET', '/api/v1/grid-reporters?all=true')).items.filter((g) => g.area.code === o.code).length,
  },
  'GET /api/v1/grid-reporters/record': { kind: 'area', query: (o) => ({ area: o.code }) },
  'DELETE /api/v1/grid-reporters/{id}': {
    kind: 'appointment',
    in: (role) => (isStaffAbove(role) ? { label: 'an appointment in K0', area: W.A.K0 } : null),
    prepare: async (o) => {
      await endAppointments(W.workers.me.id, W.A.K0);
      const g = await adminJson('POST', '/api/v1/grid-reporters', { body: { worker_id: W.workers.me.id, area_code: W.A.K0, term_start: today(), term_end: today(30) } });
      return { ...o, id: g.id };
    },
  },
  'GET /api/v1/conduct': { kind: 'area', query: (o) => ({ area: o.code }), items: areaItems('items', (r) => r.compound.code) },
  'POST /api/v1/conduct': { kind: 'compound', body: (o) => ({ platform: '美团', kind: 'speeding', note: '小区内骑行过快', compound_code: o.code }) },
  'GET /api/v1/conduct/stats': { kind: 'area', query: (o) => ({ area: o.code }) },
  'GET /api/v1/notifications': { kind: 'own' },
  'GET /api/v1/notifications/events': { kind: 'own', stream: true },
  'POST /api/v1/notifications/read': { kind: 'own', body: () => ({}) },
  'GET /api/v1/acceptance-rules': { kind: 'area', query: (o) => ({ area: o.code }) },
  'POST /api/v1/acceptance-rules': {
    kind: 'area',
    body: (o) => ({ area_code: o.code, category: 'other', acceptor: 'nearest_station', radius_metres: 1000, note: '与默认相同' }),
    snapshot: async (o) => (await adminJson('GET', `/api/v1/acceptance-rules?area=${o.code}`)).rules.map((r) => `${r.id}:${r.category}:${r.acceptor}`),
  },
  'GET /api/v1/acceptance-rules/preview': {
    kind: 'location',
    // A point outside the caller's area is refused: the rule that applies there is that area's business.
    query: (o) => ({ lat: o.lat, lon: o.lon, category: 'hazard' }),
  },
  'DELETE /api/v1/acceptance-rules/{id}': {
    kind: 'rule',
    prepare: async (o, c) => {
      const r = await adminJson('POST', '/api/v1/acceptance-rules', { body: { area_code: areaOf(c.role), category: 'traffic', acceptor: 'nearest_station', radius_metres: 1000 } });
      return { ...o, id: r.id };
    },
  },
  // Earning rules (issue 16, item 2): an area's rules and its override of one trigger.
  'GET /api/v1/points/rules': { kind: 'area', query: (o) => ({ area_code: o.code }) },
  'PUT /api/v1/points/rules/{trigger}': {
    kind: 'area',
    url: () => '/api/v1/points/rules/honour',
    body: (o) => ({ points: 100, area_code: o.code }),
  },
  'DELETE /api/v1/points/rules/{trigger}': {
    kind: 'area',
    url: (o) => `/api/v1/points/rules/honour?area_code=${encodeURIComponent(o.code)}`,
    prepare: async (o) => {
      await adminJson('PUT', '/api/v1/points/rules/honour', { body: { points: 100, area_code: o.code } });
      return o;
    },
  },
};

/** A pass issued to demo-worker just before, shown live by `o.pass.qr()`. */
async function withFreshPass(o) {
  await awayFromWindowEdge();
  return { ...o, pass: await issuePass(srv, { token: S.worker.token }) };
}

/** demo-worker's fresh redemption of the offer `o` (its id in `id`) and a live pass of demo-worker. */
async function withCodeAndPass(o) {
  const ready = await withFreshPass(await withFreshCode(o));
  return { ...ready, id: ready.redemption };
}

/** demo-worker redeems the offer `o` just before: the code its phone shows. */
async function withFreshCode(o) {
  const issued = await redeemAs(S.worker, o);
  return { ...o, code: issued.code, redemption: issued.redemption.id };
}

async function withOwnMap(o) {
  const m = (await srv.api('GET', `/api/v1/compounds/${o.code}/map`)).json;
  return { ...o, fc: { type: 'FeatureCollection', features: m.features.map((f) => ({ type: 'Feature', geometry: f.geometry, properties: f.properties })) } };
}

async function endAppointments(workerId, area) {
  for (const g of (await adminJson('GET', '/api/v1/grid-reporters?all=true')).items) {
    if (g.worker_id === workerId && g.area.code === area && !g.ended_at) await adminJson('DELETE', `/api/v1/grid-reporters/${g.id}`, undefined, [204]);
  }
}

// ---- Running the cases ----------------------------------------------------------------------

function documentedOperations() {
  const ops = [];
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (method === 'parameters' || typeof op !== 'object') continue;
      ops.push({ key: `${method.toUpperCase()} ${p}`, method: method.toUpperCase(), path: p, audience: op['x-audience'] });
    }
  }
  return ops;
}

function rolesFor(op, entry) {
  if (entry.roles) return entry.roles;
  const roles = doc['x-audiences'][op.audience]?.roles ?? [];
  return roles.length === 0 ? [...ROLES, ANONYMOUS] : roles;
}

function urlFor(op, entry, o, c) {
  if (entry.url) return entry.url(o, c);
  let p = op.path.replace(/\{([^}]+)\}/g, (_, name) => {
    assert.ok(o[name] !== undefined, `${op.key}: the object ${o.label} has no ${name}`);
    return encodeURIComponent(String(o[name]));
  });
  const query = entry.query?.(o, c);
  if (query && Object.keys(query).length) p += `?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`;
  return p;
}

async function call(op, entry, o, c) {
  const url = urlFor(op, entry, o, c);
  const token = o.token ?? (c.role === ANONYMOUS ? undefined : S[c.role].token);
  if (entry.stream) return { url, res: await openStream(url, token) };
  const opts = { token };
  if (entry.upload) Object.assign(opts, entry.upload(o, c));
  else if (entry.body) opts.body = entry.body(o, c);
  if (entry.localAddress) opts.localAddress = loopbackAddress();
  return { url, res: await srv.api(op.method, url, opts) };
}

/** The in-scope and out-of-scope objects of `kindName` for `role`. */
function objectsFor(kindName, entry, role) {
  const kind = KINDS[kindName];
  assert.ok(kind, `unknown kind ${kindName}`);
  const scope = (o) => {
    const override = entry.scope?.(role, o);
    if (override !== undefined) return override;
    return (kind.scope ?? defaultScope)(role, o);
  };
  const candidates = kind.candidates();
  let inside = (entry.in ?? kind.in)?.(role);
  if (inside === undefined) inside = candidates.find(scope) ?? null;
  const outside = candidates.find((o) => !scope(o)) ?? null;
  return { inside, outside, first: candidates[0] };
}

const denied = (res) => res.status === 403 || res.status === 404;
const succeeded = (res) => res.status >= 200 && res.status < 300;
const passedDoor = (res) => ![401, 403, 404].includes(res.status) && res.status < 500;

async function runCase(op, entry, kindName, role, which, o) {
  const c = { role };
  const kind = KINDS[kindName];
  const publicRead = kind.public || entry.public || entry.publicFor?.includes(role);
  const expect = which === 'in' ? 'success' : which === 'refused' ? 'denied' : publicRead ? 'success' : 'denied';
  const write = op.method !== 'GET';
  let obj = o;
  if (which === 'in' && entry.prepare) obj = await entry.prepare(o, c);
  if (which !== 'in' && entry.outPrepare) obj = await entry.outPrepare(o, c);
  const snapshot = write && expect === 'denied' ? (entry.snapshot ?? kind.snapshot) : null;
  const before = snapshot ? JSON.stringify(await snapshot(obj)) : null;
  const { url, res } = await call(op, entry, obj, c);
  results.cases++;
  results.roles.add(role);
  if (which === 'in') results.inCases++;
  else if (which === 'refused') results.refusedCases++;
  else if (publicRead) results.publicCases++;
  else results.outCases++;

  const problems = [];
  const custom = entry.check?.[which === 'in' ? 'in' : 'out'];
  if (custom) {
    const why = custom(res, obj, c);
    if (why) problems.push(`expected: ${why}`);
  } else if (expect === 'success') {
    const loose = entry.loose || (entry.inAny?.includes(kindName) && which === 'in');
    if (entry.inAny?.includes(kindName) && which === 'in') { /* not asserted: being changed elsewhere */ } else if (loose ? !passedDoor(res) : !succeeded(res)) {
      problems.push(`expected ${loose ? 'to pass (not 401/403/404/5xx)' : '2xx'}`);
    }
  } else if (!denied(res)) {
    problems.push('expected 403 or 404');
  }
  if (which === 'in' && entry.items && succeeded(res) && res.json) {
    const codes = entry.items(res.json, c);
    const scopeArea = obj.code ?? areaOf(role);
    for (const code of codes ?? []) {
      if (!within(code, scopeArea)) { problems.push(`lists ${code}, outside ${scopeArea}`); break; }
    }
  }
  if (before !== null) {
    const after = JSON.stringify(await snapshot(obj));
    if (after !== before) problems.push(`changed the object: ${before} → ${after}`);
  }
  const said = /json|text\/(plain|csv)|xml/.test(String(res.headers?.['content-type'] ?? '')) ? String(res.text ?? '').slice(0, 160)
    : `[${res.headers?.['content-type'] ?? 'no content type'}, ${res.body?.length ?? 0} bytes]`;
  const where = { in: 'in scope', out: publicRead ? 'public' : 'out of scope' }[which] ??
    (entry.refuse?.includes(role) ? 'refused role' : 'nothing in reach');
  const line = `${op.key} as ${role}, ${where} ` +
    `(${kindName}: ${obj.label ?? '-'}): ${op.method} ${url} → ${res.status} ${said}`;
  if (process.env.YOUHAO_OBJECTS_VERBOSE) console.log(`${problems.length ? 'FAIL' : 'ok  '} ${line}`);
  if (problems.length) {
    const bug = which !== 'in' && (typeof entry.bug === 'string' ? entry.bug : entry.bug?.[kindName]);
    const failure = `${line}; ${problems.join('; ')}`;
    (bug ? results.bugs : results.failures).push(bug ? `${failure} [known bug: ${bug}]` : failure);
  }
}

async function runOperation(op) {
  const entry = OPS[op.key];
  for (const role of rolesFor(op, entry)) {
    const kinds = [entry.kindFor?.(role) ?? entry.kind].flat();
    for (const kindName of kinds) {
      const { inside, outside, first } = objectsFor(kindName, entry, role);
      if (entry.refuse?.includes(role)) {
        await runCase(op, entry, kindName, role, 'refused', inside ?? first);
        continue;
      }
      const readable = KINDS[kindName].public || entry.public || entry.publicFor?.includes(role);
      if (inside) await runCase(op, entry, kindName, role, 'in', inside);
      if (outside) await runCase(op, entry, kindName, role, inside || readable ? 'out' : 'refused', outside);
    }
  }
}

before(async () => {
  await srv.start();
  doc = (await srv.request('GET', '/api/v1/openapi.json')).json;
  for (const [role, login] of Object.entries(ROLE_LOGINS)) S[role] = await srv.login(login);
  W = await world();
}, { timeout: 120_000 });

test('every documented operation has an entry in the table, and every entry is documented', () => {
  const documented = documentedOperations().map((o) => o.key);
  const missing = documented.filter((k) => !OPS[k]);
  const stale = Object.keys(OPS).filter((k) => !documented.includes(k));
  assert.deepEqual(missing, [], 'operations without an entry in OPS (add one: its object kind and, for writes, a valid body)');
  assert.deepEqual(stale, [], 'entries for operations the OpenAPI document does not list');
  for (const [key, entry] of Object.entries(OPS)) {
    for (const k of [entry.kind].flat()) assert.ok(KINDS[k], `${key}: unknown kind ${k}`);
  }
});

test('every role inside each audience: objects in scope pass, objects out of scope are refused and left unchanged', { timeout: 180_000 }, async () => {
  const started = Date.now();
  const ops = documentedOperations().filter((o) => OPS[o.key]);
  for (const op of ops) await runOperation(op);
  console.log(`objects: ${ops.length} operations × ${results.roles.size} roles (with ${ANONYMOUS}): ${results.cases} cases — ` +
    `${results.inCases} in scope, ${results.outCases} out of scope, ${results.publicCases} public, ${results.refusedCases} refused roles; ` +
    `${results.failures.length} failures, ${results.bugs.length} known bugs; ${((Date.now() - started) / 1000).toFixed(1)} s`);
  assert.deepEqual(results.failures, []);
  assert.ok(results.outCases > 100, `out-of-scope cases: ${results.outCases}`);
});

test('known permission bugs (each fails until fixed)', () => {
  assert.deepEqual(results.bugs, []);
});
