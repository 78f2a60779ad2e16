// Community features: roaming grid reporters (流动网格员: appointments, direct dispatch of their
// reports to the community's grid officer with a notification, the monthly record) and conduct
// records kept by guards and property staff (recording, masking, listing and statistics).
//
// demo-reporter (worker 1002, 李小哥) is appointed for 科源社区 (110108011001) by the demo data;
// demo-grid is that community's grid officer. Reports are placed on a grid south of 华清嘉园小区
// (as in reports.test.mjs) so that their area is 科源社区 and no two are duplicates.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, assertProblem, registerRider, MASKED_PHONE } from './harness.mjs';

const srv = useServer();
const S = {};
const KEYUAN = '110108011001'; // 科源社区
const OTHER_COMMUNITY = '110108010001'; // 西王庄社区 (学院路街道): outside demo-community's area
const HQ = { lat: 39.989737, lon: 116.329868 }; // 华清嘉园小区
const HQ_CODE = '110108011001001';
const spot = (i, j) => ({ lat: +(HQ.lat - i * 0.001).toFixed(6), lon: +(HQ.lon + j * 0.0013).toFixed(6) });
const PLATFORMS = ['美团', '饿了么', '顺丰', '京东', 'UU跑腿', '闪送', '其他'];
const KINDS = ['speeding', 'banned_riding', 'blocking_entrance', 'wrong_way', 'conflict_with_staff', 'other'];

const as = (who, method, p, opts = {}) => srv.api(method, p, { token: S[who].token, ...opts });
const expectInvalid = (res, what, detail) => {
  const p = assertProblem(res, 400, 'validation_failed', what);
  if (detail) assert.match(p.detail, detail, what);
  return p;
};
const ymd = (ms) => new Date(ms).toISOString().slice(0, 10);
const DAY = 86_400_000;
const sum = (xs) => xs.reduce((a, b) => a + b, 0);

let WORKER_ID; // demo-worker's worker id
let REPORTER_ID; // demo-reporter's worker id
let OUTSIDER; // a community officer of 西王庄社区

before(async () => {
  await srv.start();
  for (const who of ['admin', 'district', 'street', 'community', 'grid', 'guard', 'property', 'worker', 'reporter']) {
    S[who] = await srv.login(`demo-${who}`);
  }
  WORKER_ID = (await as('worker', 'GET', '/api/v1/workers/me')).json.worker.id;
  REPORTER_ID = (await as('reporter', 'GET', '/api/v1/workers/me')).json.worker.id;
  const acc = await srv.api('POST', '/api/v1/accounts', { token: S.admin.token, body: { login: 'it-xwz-community',
    password: 'a-long-password-1', display_name: '西王庄社区干部', role: 'community_officer', area_code: OTHER_COMMUNITY } });
  assert.equal(acc.status, 201, acc.text);
  OUTSIDER = await srv.login('it-xwz-community', 'a-long-password-1');
  S.outsider = OUTSIDER;
}, { timeout: 60_000 });

function checkAppointment(a) {
  for (const k of ['id', 'worker_id']) assert.ok(Number.isInteger(a[k]) && a[k] > 0, `${k}: ${JSON.stringify(a)}`);
  assert.match(a.worker_name, /^.\*+$/u, `masked name: ${a.worker_name}`);
  assert.match(a.worker_phone, MASKED_PHONE, `masked phone: ${a.worker_phone}`);
  assert.ok(PLATFORMS.includes(a.platform), a.platform);
  assert.equal(typeof a.area?.code, 'string');
  assert.equal(typeof a.area?.name, 'string');
  assert.match(a.term_start, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(a.term_end, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(typeof a.appointed_by, 'string');
  assert.ok(Number.isFinite(Date.parse(a.appointed_at)), a.appointed_at);
  assert.equal(typeof a.active, 'boolean');
  if (a.ended_at !== null) assert.ok(Number.isFinite(Date.parse(a.ended_at)), a.ended_at);
}

// ---- Roaming grid reporters ----

test('grid reporters: the demo appointment is listed for officers and for the reporter, masked', async () => {
  const list = await as('community', 'GET', '/api/v1/grid-reporters');
  assert.equal(list.status, 200, list.text);
  const a = list.json.items.find((x) => x.worker_id === REPORTER_ID);
  assert.ok(a, `demo-reporter is listed: ${list.text.slice(0, 400)}`);
  checkAppointment(a);
  assert.equal(a.worker_name, '李**');
  assert.equal(a.worker_phone, '138****8001');
  assert.deepEqual({ ...a.area }, { code: KEYUAN, name: '科源社区' });
  assert.equal(a.active, true);
  assert.equal(a.ended_at, null);
  assert.ok(!list.text.includes('13800138001'), 'the full phone number is never shown');
  assert.ok(!list.text.includes('李小哥'), 'the full name is never shown');

  for (const who of ['street', 'district', 'grid']) {
    const r = await as(who, 'GET', '/api/v1/grid-reporters');
    assert.equal(r.status, 200, `${who}: ${r.text}`);
    assert.ok(r.json.items.some((x) => x.id === a.id), `${who} sees the appointment`);
  }
  const own = await as('reporter', 'GET', '/api/v1/grid-reporters');
  assert.equal(own.status, 200, own.text);
  assert.deepEqual(own.json.items.map((x) => x.id), [a.id], 'a worker sees their own appointment');
  const none = await as('worker', 'GET', '/api/v1/grid-reporters');
  assert.equal(none.status, 200, none.text);
  assert.deepEqual(none.json.items, [], 'demo-worker is not a grid reporter');
  const outside = await srv.api('GET', '/api/v1/grid-reporters', { token: OUTSIDER.token });
  assert.equal(outside.status, 200, outside.text);
  assert.ok(!outside.json.items.some((x) => x.id === a.id), 'not visible outside its community');
  assert.equal((await srv.api('GET', '/api/v1/grid-reporters')).status, 401);
});

const term = (startOffsetDays = 0, days = 180) => {
  const now = Date.now();
  return { term_start: ymd(now + startOffsetDays * DAY), term_end: ymd(now + (startOffsetDays + days) * DAY) };
};

test('grid reporters: appointing is for community officers and above, inside their area, with valid terms', async () => {
  const body = { worker_id: WORKER_ID, area_code: KEYUAN, ...term() };
  for (const who of ['guard', 'worker', 'grid', 'property']) {
    assertProblem(await as(who, 'POST', '/api/v1/grid-reporters', { body }), 403, 'forbidden', who);
  }
  expectInvalid(await as('community', 'POST', '/api/v1/grid-reporters', { body: { ...body, area_code: '110108011' } }), 'a street', /not a community/);
  expectInvalid(await as('community', 'POST', '/api/v1/grid-reporters', { body: { ...body, area_code: HQ_CODE } }), 'a compound', /not a community/);
  assertProblem(await as('community', 'POST', '/api/v1/grid-reporters', { body: { ...body, area_code: OTHER_COMMUNITY } }), 403, 'forbidden', 'another community');
  const now = Date.now();
  expectInvalid(await as('community', 'POST', '/api/v1/grid-reporters', { body: { ...body, term_start: ymd(now + 10 * DAY), term_end: ymd(now + 5 * DAY) } }), 'end before start');
  expectInvalid(await as('community', 'POST', '/api/v1/grid-reporters', { body: { ...body, term_start: ymd(now), term_end: ymd(now + 733 * DAY) } }), 'term of 733 days', /732/);
  expectInvalid(await as('community', 'POST', '/api/v1/grid-reporters', { body: { ...body, term_start: ymd(now - 200 * DAY), term_end: ymd(now - 20 * DAY) } }), 'an ended term');
  expectInvalid(await as('community', 'POST', '/api/v1/grid-reporters', { body: { ...body, term_start: '2026-13-01' } }), 'a bad date');
  // A verified worker without an account cannot be appointed.
  const reg = await as('community', 'GET', `/api/v1/workers?area=${KEYUAN}&limit=50`);
  assert.equal(reg.status, 200, reg.text);
  const noAccount = reg.json.items.find((w) => w.status === 'verified' && w.id !== WORKER_ID && w.id !== REPORTER_ID);
  assert.ok(noAccount, 'a verified demo worker without an account');
  expectInvalid(await as('community', 'POST', '/api/v1/grid-reporters', { body: { ...body, worker_id: noAccount.id } }), 'worker without an account');
  // The same worker twice in the same community.
  assertProblem(await as('community', 'POST', '/api/v1/grid-reporters', { body: { ...body, worker_id: REPORTER_ID } }), 409, 'conflict', 'demo-reporter again');
  // Nothing was created by the refused requests.
  const list = await as('community', 'GET', '/api/v1/grid-reporters?all=true');
  assert.ok(!list.json.items.some((x) => x.worker_id === WORKER_ID || x.worker_id === noAccount.id), list.text.slice(0, 400));
});

test('grid reporters: appoint demo-worker and a newly verified rider, then end an appointment', async () => {
  const body = { worker_id: WORKER_ID, area_code: KEYUAN, ...term(0, 365) };
  const res = await as('community', 'POST', '/api/v1/grid-reporters', { body });
  assert.equal(res.status, 201, res.text);
  checkAppointment(res.json);
  assert.equal(res.json.worker_id, WORKER_ID);
  assert.equal(res.json.worker_name, '张**');
  assert.equal(res.json.worker_phone, '138****8000');
  assert.equal(res.json.area.code, KEYUAN);
  assert.equal(res.json.term_start, body.term_start);
  assert.equal(res.json.term_end, body.term_end);
  assert.equal(res.json.appointed_by, 'demo-community');
  assert.equal(res.json.active, true);
  assertProblem(await as('street', 'POST', '/api/v1/grid-reporters', { body }), 409, 'conflict', 'again by the street officer');
  const own = await as('worker', 'GET', '/api/v1/grid-reporters');
  assert.deepEqual(own.json.items.map((x) => x.id), [res.json.id]);

  // A rider registered and verified now has an account: a street officer appoints them.
  const rider = await registerRider(srv, { name: '王测试', verifyAs: S.community.token });
  const r2 = await as('street', 'POST', '/api/v1/grid-reporters', { body: { worker_id: rider.workerId, area_code: KEYUAN, ...term(1, 30) } });
  assert.equal(r2.status, 201, r2.text);
  assert.equal(r2.json.worker_name, '王**');
  assert.equal(r2.json.appointed_by, 'demo-street');
  assert.ok(!r2.text.includes(rider.phone), 'masked phone');
  // A term of exactly 732 days is accepted.
  const rider3 = await registerRider(srv, { name: '钱测试', verifyAs: S.community.token });
  const long = await as('community', 'POST', '/api/v1/grid-reporters', { body: { worker_id: rider3.workerId, area_code: KEYUAN, ...term(0, 732) } });
  assert.equal(long.status, 201, `732 days: ${long.text}`);
  // An unverified rider cannot be appointed.
  const pending = await registerRider(srv, { name: '赵待审' });
  expectInvalid(await as('community', 'POST', '/api/v1/grid-reporters', { body: { worker_id: pending.workerId, area_code: KEYUAN, ...term() } }), 'unverified worker');

  // Ending: out of scope 404; then 204; then 409.
  assertProblem(await srv.api('DELETE', `/api/v1/grid-reporters/${r2.json.id}`, { token: OUTSIDER.token }), 404, 'not_found', 'out of scope');
  assertProblem(await as('guard', 'DELETE', `/api/v1/grid-reporters/${r2.json.id}`), [403, 404], undefined, 'a guard');
  const del = await as('community', 'DELETE', `/api/v1/grid-reporters/${r2.json.id}`);
  assert.equal(del.status, 204, del.text);
  assertProblem(await as('community', 'DELETE', `/api/v1/grid-reporters/${r2.json.id}`), 409, 'conflict', 'ended twice');
  assertProblem(await as('community', 'DELETE', '/api/v1/grid-reporters/999999'), 404, 'not_found');
  const active = await as('community', 'GET', '/api/v1/grid-reporters');
  assert.ok(!active.json.items.some((x) => x.id === r2.json.id && x.active), 'no longer active in the default list');
  const all = await as('community', 'GET', '/api/v1/grid-reporters?all=true');
  const ended = all.json.items.find((x) => x.id === r2.json.id);
  assert.ok(ended, `?all=true lists the ended appointment: ${all.text.slice(0, 300)}`);
  assert.equal(ended.active, false);
  assert.ok(Number.isFinite(Date.parse(ended.ended_at)), `ended_at: ${ended.ended_at}`);
});

let MONTH; // the current month (server time), from a report's created_at
let RECORD0; // demo-reporter's record before its reports

function checkRecord(json, month) {
  assert.equal(json.month, month);
  assert.ok(Number.isInteger(json.reports) && json.reports >= 0);
  assert.ok(Array.isArray(json.reporters) && Array.isArray(json.communities));
  for (const r of json.reporters) {
    checkAppointment(r);
    for (const k of ['reports', 'resolved', 'confirmed', 'open']) assert.ok(Number.isInteger(r[k]) && r[k] >= 0, `${k}: ${JSON.stringify(r)}`);
    assert.ok(Array.isArray(r.by_category));
  }
  for (const c of json.communities) {
    assert.equal(typeof c.code, 'string'); assert.equal(typeof c.name, 'string');
    for (const k of ['reporters', 'reports', 'resolved', 'open']) assert.ok(Number.isInteger(c[k]) && c[k] >= 0, `${k}: ${JSON.stringify(c)}`);
  }
}

test('grid reporters: the monthly record; bad month 400; non-officers 403', async () => {
  const now = await as('reporter', 'GET', '/api/v1/workers/me');
  MONTH = new Date(Date.parse(now.headers.date || new Date().toUTCString()) + 8 * 3600_000).toISOString().slice(0, 7); // Asia/Shanghai
  const rec = await as('community', 'GET', `/api/v1/grid-reporters/record?month=${MONTH}`);
  assert.equal(rec.status, 200, rec.text);
  checkRecord(rec.json, MONTH);
  RECORD0 = rec.json.reporters.find((r) => r.worker_id === REPORTER_ID);
  assert.ok(RECORD0, `demo-reporter in the record: ${rec.text.slice(0, 400)}`);
  const c = rec.json.communities.find((x) => x.code === KEYUAN);
  assert.ok(c, '科源社区 in the record');
  assert.equal(c.name, '科源社区');
  const area = await as('street', 'GET', `/api/v1/grid-reporters/record?month=${MONTH}&area=${KEYUAN}`);
  assert.equal(area.status, 200, area.text);
  checkRecord(area.json, MONTH);
  for (const m of ['2026-13', '2026-1', 'abc', '']) expectInvalid(await as('community', 'GET', `/api/v1/grid-reporters/record?month=${m}`), `month=${m}`);
  // Without a month: the current one.
  const dflt = await as('community', 'GET', '/api/v1/grid-reporters/record');
  assert.equal(dflt.status, 200, dflt.text);
  assert.equal(dflt.json.month, MONTH);
  for (const who of ['worker', 'reporter', 'guard']) assertProblem(await as(who, 'GET', `/api/v1/grid-reporters/record?month=${MONTH}`), 403, 'forbidden', who);
  assertProblem(await srv.api('GET', `/api/v1/grid-reporters/record?month=${MONTH}&area=${KEYUAN}`, { token: OUTSIDER.token }), 403, 'forbidden', 'out of scope');
});

test("grid reporters: a grid reporter's report goes straight to the grid officer, who is notified", async () => {
  const n0 = await as('grid', 'GET', '/api/v1/notifications');
  assert.equal(n0.status, 200, n0.text);
  const unread0 = n0.json.unread;
  assert.ok(Number.isInteger(unread0));

  const res = await as('reporter', 'POST', '/api/v1/reports', { body: { category: 'hazard', ...spot(1, 0), description: '井盖缺失，夜间危险' } });
  assert.equal(res.status, 201, res.text);
  const r = res.json;
  assert.equal(r.area.code, KEYUAN);
  assert.equal(r.status, 'dispatched', `status: ${r.status}`);
  assert.deepEqual({ ...r.assignee }, { kind: 'officer', name: 'demo-grid' });
  assert.equal(r.reporter.grid_reporter, true);
  assert.equal(r.reporter.masked_name, '李**');
  assert.equal(typeof r.overdue, 'boolean');
  assert.ok('escalation' in r, 'escalation field');
  assert.deepEqual(r.steps.map((s) => s.status), ['submitted', 'dispatched']);
  assert.equal(r.steps[1].actor, 'system');
  assert.equal(r.steps[1].role, 'system');
  assert.equal(MONTH, r.created_at.slice(0, 7), 'month of the report (server time)');

  const n1 = await as('grid', 'GET', '/api/v1/notifications');
  assert.equal(n1.status, 200, n1.text);
  assert.equal(n1.json.unread, unread0 + 1, 'one more unread notification');
  const note = n1.json.items.find((x) => x.report_id === r.id);
  assert.ok(note, `a notification for report ${r.id}: ${n1.text.slice(0, 400)}`);
  assert.equal(note.read, false);
  assert.equal(typeof note.message, 'string');
  assert.ok(note.message.includes(String(r.id)), note.message);
  // Nobody else gets it.
  const other = await as('community', 'GET', '/api/v1/notifications');
  assert.equal(other.status, 200, other.text);
  assert.ok(!other.json.items.some((x) => x.report_id === r.id), 'demo-community is not notified');

  const read = await as('grid', 'POST', '/api/v1/notifications/read', { body: {} });
  assert.equal(read.status, 200, read.text);
  const n2 = await as('grid', 'GET', '/api/v1/notifications');
  assert.equal(n2.json.unread, 0);
  assert.equal(n2.json.items.find((x) => x.report_id === r.id).read, true);

  // demo-grid sees it among its reports.
  const got = await as('grid', 'GET', `/api/v1/reports/${r.id}`);
  assert.equal(got.status, 200, got.text);
  assert.equal(got.json.status, 'dispatched');

  // The record counts it.
  const rec = await as('community', 'GET', `/api/v1/grid-reporters/record?month=${MONTH}`);
  const mine = rec.json.reporters.find((x) => x.worker_id === REPORTER_ID);
  assert.equal(mine.reports, RECORD0.reports + 1, `reports of demo-reporter: ${JSON.stringify(mine)}`);
  assert.equal(mine.open, RECORD0.open + 1);
  const cat = mine.by_category.find((x) => x.category === 'hazard');
  assert.ok(cat && cat.count >= 1, `by_category: ${JSON.stringify(mine.by_category)}`);
  assert.ok(rec.json.reports >= 1);
  const c = rec.json.communities.find((x) => x.code === KEYUAN);
  assert.ok(c.reports >= 1 && c.open >= 1, JSON.stringify(c));
});

test("grid reporters: an ordinary worker's report stays submitted", async () => {
  // demo-worker was appointed above: end it first, so that it is an ordinary worker again.
  const list = await as('community', 'GET', '/api/v1/grid-reporters');
  const a = list.json.items.find((x) => x.worker_id === WORKER_ID && x.active);
  assert.ok(a);
  assert.equal((await as('community', 'DELETE', `/api/v1/grid-reporters/${a.id}`)).status, 204);
  const unread0 = (await as('grid', 'GET', '/api/v1/notifications')).json.unread;
  const res = await as('worker', 'POST', '/api/v1/reports', { body: { category: 'hazard', ...spot(2, 1), description: '路面塌陷，需要处理' } });
  assert.equal(res.status, 201, res.text);
  assert.equal(res.json.status, 'submitted');
  assert.equal(res.json.reporter.grid_reporter, false);
  assert.deepEqual(res.json.steps.map((s) => s.status), ['submitted']);
  assert.equal((await as('grid', 'GET', '/api/v1/notifications')).json.unread, unread0, 'no notification');
});

test('grid reporters: after the appointment ends, a new report stays submitted', async () => {
  const list = await as('community', 'GET', '/api/v1/grid-reporters');
  const a = list.json.items.find((x) => x.worker_id === REPORTER_ID);
  const del = await as('community', 'DELETE', `/api/v1/grid-reporters/${a.id}`);
  assert.equal(del.status, 204, del.text);
  const own = await as('reporter', 'GET', '/api/v1/grid-reporters');
  assert.ok(!own.json.items.some((x) => x.active), `no active appointment: ${own.text}`);
  const unread0 = (await as('grid', 'GET', '/api/v1/notifications')).json.unread;
  const res = await as('reporter', 'POST', '/api/v1/reports', { body: { category: 'hazard', ...spot(3, 2), description: '护栏倒塌，影响通行' } });
  assert.equal(res.status, 201, res.text);
  assert.equal(res.json.status, 'submitted');
  assert.equal(res.json.reporter.grid_reporter, false);
  assert.equal((await as('grid', 'GET', '/api/v1/notifications')).json.unread, unread0, 'no notification');
  // Appointing again after the end is allowed (the old term has ended).
  const again = await as('community', 'POST', '/api/v1/grid-reporters', { body: { worker_id: REPORTER_ID, area_code: KEYUAN, ...term(0, 90) } });
  assert.ok([201, 409].includes(again.status), again.text);
});

// ---- Conduct records ----

const monthsBack = (n) => { const d = new Date(`${MONTH}-01T00:00:00Z`); d.setUTCMonth(d.getUTCMonth() - n); return d.toISOString().slice(0, 7); };
const conduct = (who, body) => as(who, 'POST', '/api/v1/conduct', { body });

function checkConduct(c) {
  assert.ok(Number.isInteger(c.id) && c.id > 0);
  assert.equal(typeof c.compound?.code, 'string');
  assert.equal(typeof c.compound?.name, 'string');
  assert.ok(PLATFORMS.includes(c.platform), c.platform);
  assert.ok(KINDS.includes(c.kind), c.kind);
  assert.equal(typeof c.note, 'string');
  assert.equal(typeof c.rider_hint, 'string');
  assert.ok(Number.isFinite(Date.parse(c.at)), c.at);
  assert.match(c.month, /^\d{4}-\d{2}$/);
  assert.equal(typeof c.recorded_by, 'string');
}

test('conduct: guards and property staff record in their compound; masking, HTML kept as text', async () => {
  const res = await conduct('guard', { platform: '美团', kind: 'speeding', note: '<b>x</b><script>alert(1)</script>', rider_hint: '电话13812345678 工号12345 蓝色头盔' });
  assert.equal(res.status, 201, res.text);
  assert.match(String(res.headers['content-type']), /^application\/json/);
  checkConduct(res.json);
  assert.equal(res.json.compound.code, HQ_CODE, 'default: the guard\'s compound');
  assert.equal(res.json.note, '<b>x</b><script>alert(1)</script>');
  assert.equal(res.json.rider_hint, '电话*******5678 工号12345 蓝色头盔');
  assert.ok(!res.text.includes('13812345678'));
  assert.equal(res.json.recorded_by, 'demo-guard');
  assert.ok(Math.abs(Date.parse(res.json.at) - Date.now()) < 120_000, `at defaults to now: ${res.json.at}`);

  const p = await conduct('property', { platform: '闪送', kind: 'other', compound_code: HQ_CODE, rider_hint: '13812345678' });
  assert.equal(p.status, 201, p.text);
  assert.equal(p.json.rider_hint, '*******5678');
  assert.equal(p.json.recorded_by, 'demo-property');

  const at = new Date(Date.now() - 6 * DAY).toISOString();
  const back = await conduct('guard', { platform: '京东', kind: 'wrong_way', at });
  assert.equal(back.status, 201, back.text);
  assert.equal(Date.parse(back.json.at), Math.floor(Date.parse(at) / 1000) * 1000);

  const list = await as('guard', 'GET', '/api/v1/conduct?limit=5');
  assert.equal(list.status, 200, list.text);
  const got = list.json.items.find((x) => x.id === res.json.id);
  assert.ok(got, 'listed');
  assert.equal(got.note, '<b>x</b><script>alert(1)</script>');
  assert.equal(got.rider_hint, '电话*******5678 工号12345 蓝色头盔');
});

test('conduct: refusals (roles, compounds, platform, kind, time, lengths)', async () => {
  const ok = { platform: '美团', kind: 'speeding' };
  for (const who of ['worker', 'reporter', 'grid', 'community', 'district', 'admin']) assertProblem(await conduct(who, ok), 403, 'forbidden', who);
  assertProblem(await conduct('guard', { ...ok, compound_code: '110108011001002' }), 403, 'forbidden', 'another compound');
  expectInvalid(await conduct('guard', { ...ok, compound_code: KEYUAN }), 'a community', /not a compound/);
  expectInvalid(await conduct('guard', { ...ok, platform: '滴滴' }), 'unknown platform');
  expectInvalid(await conduct('guard', { ...ok, kind: 'littering' }), 'unknown kind');
  expectInvalid(await conduct('guard', { kind: 'speeding' }), 'no platform');
  expectInvalid(await conduct('guard', { ...ok, at: new Date(Date.now() - 8 * DAY).toISOString() }), '8 days ago', /7 days/);
  expectInvalid(await conduct('guard', { ...ok, at: new Date(Date.now() + 2 * DAY).toISOString() }), 'in the future');
  expectInvalid(await conduct('guard', { ...ok, at: 'yesterday' }), 'bad at');
  expectInvalid(await conduct('guard', { ...ok, note: '长'.repeat(201) }), 'note of 201');
  expectInvalid(await conduct('guard', { ...ok, rider_hint: 'x'.repeat(41) }), 'rider_hint of 41');
  const okLen = await conduct('guard', { ...ok, note: '长'.repeat(200), rider_hint: 'x'.repeat(40) });
  assert.equal(okLen.status, 201, okLen.text);
  assert.equal((await srv.api('POST', '/api/v1/conduct', { body: ok })).status, 401);
});

test('conduct: listing newest first, by role and scope', async () => {
  const g = await as('guard', 'GET', '/api/v1/conduct?limit=50');
  assert.equal(g.status, 200, g.text);
  assert.ok(g.json.items.length > 0);
  for (const c of g.json.items) { checkConduct(c); assert.equal(c.compound.code, HQ_CODE, 'a guard sees its own compound'); }
  const times = g.json.items.map((c) => Date.parse(c.at));
  assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
  assert.ok(g.json.items.length <= 50);
  assert.equal((await as('guard', 'GET', '/api/v1/conduct?limit=2')).json.items.length, 2);

  const d = await as('district', 'GET', `/api/v1/conduct?month=${MONTH}&limit=200`);
  assert.equal(d.status, 200, d.text);
  for (const c of d.json.items) assert.equal(c.month, MONTH);
  const codes = new Set(d.json.items.map((c) => c.compound.code));
  assert.ok(codes.size > 1, 'a district officer sees several compounds');
  const c = await as('community', 'GET', '/api/v1/conduct?limit=200');
  assert.equal(c.status, 200, c.text);
  for (const x of c.json.items) assert.ok(x.compound.code.startsWith(KEYUAN), `in 科源社区: ${x.compound.code}`);
  assertProblem(await as('worker', 'GET', '/api/v1/conduct'), 403, 'forbidden');
  assertProblem(await as('community', 'GET', '/api/v1/conduct?area=110108010001'), 403, 'forbidden', 'area out of scope');
  expectInvalid(await as('district', 'GET', '/api/v1/conduct?month=2026-13'), 'bad month');
  expectInvalid(await as('district', 'GET', `/api/v1/conduct?from=${MONTH}&to=${monthsBack(1)}`), 'from after to');
  expectInvalid(await as('district', 'GET', '/api/v1/conduct?limit=0'), 'limit 0');
  // A past month as from/to lists the same records that the statistics count for it.
  const past = monthsBack(2);
  const l = await as('district', 'GET', `/api/v1/conduct?from=${past}&to=${past}&limit=500`);
  assert.equal(l.status, 200, l.text);
  for (const x of l.json.items) assert.equal(x.month, past);
  const st = await as('district', 'GET', `/api/v1/conduct/stats?from=${past}&to=${past}`);
  assert.equal(st.status, 200, st.text);
  assert.equal(l.json.items.length, st.json.total, `records of ${past}: list vs stats`);
  assert.ok(st.json.total > 0, `seeded records in ${past}`);
});


async function stats(who, q) {
  const res = await as(who, 'GET', `/api/v1/conduct/stats?${q}`);
  assert.equal(res.status, 200, `${q}: ${res.text}`);
  const s = res.json;
  assert.equal(typeof s.total, 'number');
  assert.equal(sum(s.by_platform.map((p) => p.count)), s.total, 'sum by_platform == total');
  assert.equal(sum(s.by_month.map((m) => m.count)), s.total, 'sum by_month == total');
  // by_compound: the 50 compounds with most records, most first.
  assert.ok(s.by_compound.length <= 50, `${s.by_compound.length} compounds`);
  const cc = s.by_compound.map((c) => c.count);
  assert.deepEqual(cc, [...cc].sort((a, b) => b - a), 'by_compound: most records first');
  if (s.by_compound.length < 50) assert.equal(sum(cc), s.total, 'sum by_compound == total');
  else assert.ok(sum(cc) <= s.total, 'sum by_compound <= total');
  for (const p of s.by_platform) {
    assert.ok(PLATFORMS.includes(p.platform));
    assert.equal(sum(p.by_kind.map((k) => k.count)), p.count, `by_kind of ${p.platform}`);
    for (const k of p.by_kind) assert.ok(KINDS.includes(k.kind), k.kind);
  }
  for (const c of s.by_compound) {
    assert.equal(sum(c.by_kind.map((k) => k.count)), c.count, `by_kind of ${c.code}`);
    assert.equal(sum(c.by_platform.map((k) => k.count)), c.count, `by_platform of ${c.code}`);
  }
  for (const m of s.by_month) assert.ok(m.month >= s.from && m.month <= s.to, `${m.month} in ${s.from}..${s.to}`);
  return s;
}

test('conduct: statistics are consistent, cover the 420 seeded records, and count a new record', async () => {
  const from = monthsBack(6);
  const all = await stats('admin', `from=${from}&to=${MONTH}`);
  assert.equal(all.from, from); assert.equal(all.to, MONTH);
  // 420 seeded + the records made by the tests above (4 successful POSTs).
  assert.ok(all.total >= 420, `total ${all.total}`);
  const d = await stats('district', `from=${from}&to=${MONTH}`);
  assert.equal(d.total, all.total, 'the demo compounds are all in the district');

  const before0 = await stats('community', `from=${MONTH}&to=${MONTH}`);
  const cnt = (s, platform) => s.by_platform.find((p) => p.platform === platform)?.count ?? 0;
  const ccnt = (s, code) => s.by_compound.find((c) => c.code === code)?.count ?? 0;
  const res = await conduct('guard', { platform: 'UU跑腿', kind: 'blocking_entrance', note: '统计测试' });
  assert.equal(res.status, 201, res.text);
  const after1 = await stats('community', `from=${MONTH}&to=${MONTH}`);
  assert.equal(after1.total, before0.total + 1);
  assert.equal(cnt(after1, 'UU跑腿'), cnt(before0, 'UU跑腿') + 1, 'platform count +1');
  assert.equal(cnt(after1, '美团'), cnt(before0, '美团'), 'other platforms unchanged');
  assert.equal(ccnt(after1, HQ_CODE), ccnt(before0, HQ_CODE) + 1, 'compound count +1');
  const hq = after1.by_compound.find((c) => c.code === HQ_CODE);
  assert.equal(hq.name, '华清嘉园小区');
  const area = await stats('district', `from=${MONTH}&to=${MONTH}&area=${KEYUAN}`);
  assert.equal(area.total, after1.total, 'area=科源社区 as the community officer sees it');

  for (const who of ['guard', 'property', 'worker']) assertProblem(await as(who, 'GET', `/api/v1/conduct/stats?from=${MONTH}&to=${MONTH}`), 403, 'forbidden', who);
  expectInvalid(await as('district', 'GET', `/api/v1/conduct/stats?from=${MONTH}&to=${monthsBack(1)}`), 'from after to');
  expectInvalid(await as('district', 'GET', `/api/v1/conduct/stats?from=2026-13&to=${MONTH}`), 'bad month');
  expectInvalid(await as('district', 'GET', `/api/v1/conduct/stats?from=${monthsBack(25)}&to=${MONTH}`), '26 months');
  const max = await stats('district', `from=${monthsBack(23)}&to=${MONTH}`);
  assert.equal(max.total, d.total + 1, '24 months allowed');
  assertProblem(await srv.api('GET', `/api/v1/conduct/stats?from=${MONTH}&to=${MONTH}&area=${KEYUAN}`, { token: OUTSIDER.token }), 403, 'forbidden', 'out of scope');
  // More than 24 months → 400. Checked last so that the rest runs; a failure here is a server bug
  // (the bound in MonthSpan is 25 × 31 days, which lets exactly 25 months through).
  const m25 = await as('district', 'GET', `/api/v1/conduct/stats?from=${monthsBack(24)}&to=${MONTH}`);
  assertProblem(m25, 400, 'validation_failed', `GET /api/v1/conduct/stats?from=${monthsBack(24)}&to=${MONTH} (25 months)`);
});
