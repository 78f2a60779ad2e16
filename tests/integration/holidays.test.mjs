// Closed means closed (issue 15, item 10) and rules before the gate (item 8). With the server's
// clock set (--clock): a compound closed on public holidays ("Mo-Fr 08:00-20:00; PH off") accepts a
// scan on the adjusted working Sunday 20 September 2026 (调休上班, read as a Monday) and refuses one
// on National Day, 1 October 2026; the hours sent to offline gates, a station's "open now" and the
// public rules a rider reads before arriving follow the same calendar (data/holidays/). Hours that
// do not parse are refused wherever they are saved: access plans, places, map gates.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, assertProblem, registerRider, issuePass, passWindow } from './harness.mjs';

const WORKING_SUNDAY = '2026-09-20T10:00:00+08:00';
const NATIONAL_DAY = '2026-10-01T10:00:00+08:00';
const HOURS = 'Mo-Fr 08:00-20:00; PH off';
const srv = useServer({ args: ['--clock', WORKING_SUNDAY] });
const S = {};
let HQ; // demo-guard's compound
let DROP_OFF; // a demo compound whose plan is drop-off only
let gate;
let rider;
let stationId;
let offsetMs = 0; // the server's clock minus this one

const at = (iso) => Date.parse(iso) / 1000;
const as = (who, method, p, opts = {}) => srv.api(method, p, { token: S[who].token, ...opts });

async function login(...who) {
  for (const w of who) S[w] = await srv.login(`demo-${w}`);
}

/** The server's clock, read from the gate sync; also the hours it sends to offline gates. */
async function sync() {
  const res = await as('guard', 'GET', `/api/v1/gate/sync?compound=${HQ}&since=0`);
  assert.equal(res.status, 200, res.text);
  offsetMs = res.json.server_time * 1000 - Date.now();
  return res.json;
}

/** A scan at HQ's gate, away from the edge of the server's 30-second window. */
async function scan(pass, direction = 'in') {
  const left = 30 - (((Date.now() + offsetMs) / 1000) % 30);
  if (left < 3) await new Promise((r) => setTimeout(r, left * 1000 + 200));
  const code = pass.qr(passWindow(Date.now() + offsetMs));
  const res = await as('guard', 'POST', '/api/v1/gate/verify', { body: { compound: HQ, gate, code, direction } });
  assert.equal(res.status, 200, res.text);
  return res.json;
}

const publicAccess = (code) => srv.api('GET', `/api/v1/compounds/${code}/access`);

before(async () => {
  await srv.start();
  await login('district', 'community', 'guard');
  HQ = (await as('guard', 'GET', '/api/v1/me')).json.account.area.code;
  const list = await as('district', 'GET', '/api/v1/compounds?limit=200');
  assert.equal(list.status, 200, list.text);
  for (const c of list.json.items) {
    const plan = await as('district', 'GET', `/api/v1/compounds/${c.code}/access-plan`);
    if (plan.json.mode === 'drop_off') { DROP_OFF = c.code; break; }
  }
  assert.ok(DROP_OFF, 'the demo has a drop-off only compound');
  gate = (await as('district', 'GET', `/api/v1/compounds/${HQ}/gates`)).json.items.find((g) => g.kind === 'pedestrian').id;
  const plan = (await as('district', 'GET', `/api/v1/compounds/${HQ}/access-plan`)).json;
  const { version, updated_at, updated_by, opening_hours_zh, ...editable } = plan;
  const put = await as('community', 'PUT', `/api/v1/compounds/${HQ}/access-plan`, { body: { ...editable, mode: 'pass', opening_hours: HOURS } });
  assert.equal(put.status, 200, put.text);
  rider = await registerRider(srv, { name: '节假日测试', verifyAs: S.community.token });
  const station = await as('community', 'POST', '/api/v1/places', { body: { kind: 'station', name: '工作日驿站', lat: 39.9615, lon: 116.3545,
    address: '海淀区西土城路10号', amenities: ['water', 'seats'], opening_hours: HOURS, capacity: 6 } });
  assert.equal(station.status, 201, station.text);
  stationId = station.json.id;
});

test('the server runs on the clock it was given', async () => {
  const { server_time } = await sync();
  assert.ok(Math.abs(server_time - at(WORKING_SUNDAY)) < 300, `server_time ${new Date(server_time * 1000).toISOString()}`);
});

test('adjusted working Sunday 20 September 2026: a compound closed on public holidays lets the rider in', async () => {
  const pass = await issuePass(srv, rider);
  await sync();
  const verdict = await scan(pass);
  assert.deepEqual([verdict.allowed, verdict.code], [true, 'pass_ok'], JSON.stringify(verdict));

  // The week sent to offline gates: Saturday closed, the working Sunday and Monday–Thursday open,
  // the Mid-Autumn holiday (Friday 25 – Sunday 27) closed.
  const { open_intervals: intervals } = await sync();
  const days = ['2026-09-20', '2026-09-21', '2026-09-22', '2026-09-23', '2026-09-24'];
  assert.deepEqual(intervals, days.map((d) => [at(`${d}T08:00:00+08:00`), at(`${d}T20:00:00+08:00`)]), JSON.stringify(intervals));

  const access = await publicAccess(HQ);
  assert.equal(access.status, 200, access.text);
  assert.equal(access.json.today, 'workday');
  assert.equal(access.json.open_now, true);
  assert.equal(access.json.opening_hours, HOURS);
  assert.equal(access.json.opening_hours_zh, '周一至周五 08:00-20:00；法定节假日不开放');

  const station = await srv.api('GET', `/api/v1/places/${stationId}`, { token: S.community.token });
  assert.equal(station.status, 200, station.text);
  assert.equal(station.json.open_now, true, 'a weekday station is open on a working Sunday');
});

test('the public rules of a drop-off only compound: 集中放取, hours and the drop-off point, without signing in', async () => {
  const res = await publicAccess(DROP_OFF);
  assert.equal(res.status, 200, res.text);
  assert.match(String(res.headers['cache-control']), /public/);
  assert.equal(res.json.mode, 'drop_off');
  assert.ok(res.json.drop_off_points.length > 0 && res.json.drop_off_points[0].name, JSON.stringify(res.json));
  assert.equal(typeof res.json.opening_hours_zh, 'string');
  assert.equal(typeof res.json.open_now, 'boolean');
  for (const hidden of ['survey', 'agreement', 'updated_by']) assert.ok(!(hidden in res.json), `no ${hidden} in public`);
  assertProblem(await publicAccess('no-such-compound'), 404, 'not_found', 'an unknown compound');
  const area = (await as('district', 'GET', '/api/v1/me')).json.account.area.code;
  assertProblem(await publicAccess(area), 404, 'not_found', 'a district is not a compound');
});

test('hours that do not parse are refused wherever they are saved, naming the field and the position', async () => {
  const plan = (await as('district', 'GET', `/api/v1/compounds/${HQ}/access-plan`)).json;
  const { version, updated_at, updated_by, opening_hours_zh, ...editable } = plan;
  const planRes = await as('community', 'PUT', `/api/v1/compounds/${HQ}/access-plan`, {
    body: { ...editable, opening_hours: 'Mo-Fr 8-20' }, headers: { 'Accept-Language': 'en' } });
  const p = assertProblem(planRes, 400, 'validation_failed', 'an access plan with hours "Mo-Fr 8-20"');
  assert.deepEqual([p.field, p.reason, p.position, p.column, p.part], ['opening_hours', 'time_format', 6, 7, '8-20'], JSON.stringify(p));
  assert.match(p.detail, /^opening_hours: write times as HH:MM/, p.detail);
  assert.equal((await as('district', 'GET', `/api/v1/compounds/${HQ}/access-plan`)).json.opening_hours, HOURS, 'unchanged');

  const placeRes = await as('community', 'POST', '/api/v1/places', { body: { kind: 'station', name: '坏时间驿站', lat: 39.9617, lon: 116.3547,
    address: '海淀区西土城路10号', opening_hours: 'Mo-Fr 08:00-20:00; Sa sunrise-sunset' } });
  const q = assertProblem(placeRes, 400, 'validation_failed', 'a place with sunrise-sunset');
  assert.deepEqual([q.field, q.reason, q.position], ['opening_hours', 'unsupported', 22], JSON.stringify(q));
  assert.match(q.detail, /开放时间（opening_hours）第 23 个字符起“sunrise-sunset”是不支持的写法/, q.detail);

  const mapRes = await as('community', 'POST', `/api/v1/compounds/${HQ}/map/features`, { body: { type: 'Feature',
    geometry: { type: 'Point', coordinates: [116.3296, 39.9913] }, properties: { kind: 'gate', label: '坏时间门', opening_hours: 'Mo-Fr 25:00-26:00' } } });
  const m = assertProblem(mapRes, 400, 'validation_failed', 'a map gate with hour 25');
  assert.equal(m.reason, 'invalid_time', JSON.stringify(m));
  assert.equal(m.position, 6);
  assert.match(m.field, /opening_hours$/, m.field);
});

test('National Day, 1 October 2026: the same compound refuses the rider, and "out" is still allowed', async () => {
  await srv.stop();
  srv.extraArgs = ['--clock', NATIONAL_DAY];
  await srv.relaunch();
  await login('district', 'community', 'guard'); // the sessions of eleven days ago have expired
  rider.token = (await srv.login(rider.phone, 'rider-secret-2024')).token;
  const pass = await issuePass(srv, rider); // and so has the pass
  const { server_time, open_intervals: intervals } = await sync();
  assert.ok(Math.abs(server_time - at(NATIONAL_DAY)) < 300, `server_time ${new Date(server_time * 1000).toISOString()}`);

  const verdict = await scan(pass);
  assert.deepEqual([verdict.allowed, verdict.code], [false, 'outside_hours'], JSON.stringify(verdict));
  assert.ok(verdict.reason.includes('法定节假日不开放'), verdict.reason);
  const out = await scan(pass, 'out');
  assert.deepEqual([out.allowed, out.code], [true, 'pass_ok'], JSON.stringify(out));

  // Offline gates: Wednesday 30 September until 20:00, then nothing until Thursday 8 October.
  assert.equal(intervals.length, 2, JSON.stringify(intervals));
  assert.equal(intervals[0][1], at('2026-09-30T20:00:00+08:00'));
  assert.equal(intervals[1][0], at('2026-10-08T08:00:00+08:00'));

  const access = await publicAccess(HQ);
  assert.deepEqual([access.json.today, access.json.open_now], ['holiday', false], JSON.stringify(access.json));
  const station = await srv.api('GET', `/api/v1/places/${stationId}`, { token: S.community.token });
  assert.equal(station.json.open_now, false, 'a station closed on public holidays');
});
