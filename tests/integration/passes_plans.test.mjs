// Entry passes (docs/passes.md): access plans and how the gate applies them — versions and
// history, drop-off-only compounds, whitelists with their change feed, green lanes, opening
// hours; "out" scans are never refused by the rules.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, assertProblem, registerRider, issuePass, awayFromWindowEdge, MASKED_PHONE } from './harness.mjs';

const srv = useServer();
const S = {};
let HQ; // 华清嘉园小区 (mode pass)
const C = {}; // compound codes by mode
let rider, pass;

before(async () => {
  await srv.start();
  for (const who of ['admin', 'district', 'community', 'guard', 'property', 'worker']) S[who] = await srv.login(`demo-${who}`);
  HQ = (await srv.api('GET', '/api/v1/me', { token: S.guard.token })).json.account.area.code;
  const list = await srv.api('GET', '/api/v1/compounds?limit=200', { token: S.district.token });
  assert.equal(list.status, 200, list.text);
  for (const c of list.json.items) {
    if (C.drop_off && C.whitelist && C.green_lane) break;
    const plan = await srv.api('GET', `/api/v1/compounds/${c.code}/access-plan`, { token: S.district.token });
    assert.equal(plan.status, 200, plan.text);
    if (['drop_off', 'whitelist', 'green_lane'].includes(plan.json.mode)) C[plan.json.mode] ??= c.code;
  }
  assert.ok(C.drop_off && C.whitelist && C.green_lane, `demo compounds by mode: ${JSON.stringify(C)}`);
  rider = await registerRider(srv, { name: '周规则', verifyAs: S.community.token });
  pass = await issuePass(srv, rider);
});

const get = (who, p) => srv.api('GET', p, { token: S[who].token });
const planOf = async (code) => { const r = await get('district', `/api/v1/compounds/${code}/access-plan`); assert.equal(r.status, 200, r.text); return r.json; };
const gatesOf = async (code) => (await get('district', `/api/v1/compounds/${code}/gates`)).json.items;
/** The writable fields of a plan (PUT replaces the plan). */
const editable = ({ version, updated_at, updated_by, opening_hours_zh, ...rest }) => rest;
async function putPlan(who, code, plan) {
  return srv.api('PUT', `/api/v1/compounds/${code}/access-plan`, { token: S[who].token, body: plan });
}
async function scan(compound, gate, direction = 'in', who = 'district') {
  const res = await srv.api('POST', '/api/v1/gate/verify', { token: S[who].token, body: { compound, gate, code: pass.qr(), direction } });
  assert.equal(res.status, 200, `verify at ${compound}/${gate}: ${res.text}`);
  return res.json;
}
/** Makes a compound's plan open around the clock, so that the rules under test do not depend on the hour. */
async function allDay(code) {
  const res = await putPlan('district', code, { ...editable(await planOf(code)), opening_hours: '24/7' });
  assert.equal(res.status, 200, res.text);
}

test('access plan: validation, versions and history with actors, who may edit', async () => {
  const v1 = await planOf(HQ);
  assert.equal(v1.mode, 'pass');
  const bad = await putPlan('community', HQ, { ...editable(v1), opening_hours: 'week 1-53' });
  const p = assertProblem(bad, 400, 'validation_failed', 'opening_hours "week 1-53"');
  assert.match(p.detail, /week 1-53|opening_hours/, `a useful detail: ${p.detail}`);
  assertProblem(await putPlan('community', HQ, { ...editable(v1), mode: 'closed' }), 400, 'validation_failed', 'an unknown mode');
  assert.equal((await planOf(HQ)).version, v1.version, 'a refused change does not bump the version');

  const v2 = await putPlan('community', HQ, { ...editable(v1), max_stay_minutes: v1.max_stay_minutes + 5,
    survey: { ...v1.survey, note: '测试：停留时间放宽' } });
  assert.equal(v2.status, 200, v2.text);
  assert.equal(v2.json.version, v1.version + 1);
  assert.equal(v2.json.max_stay_minutes, v1.max_stay_minutes + 5);
  assert.equal(v2.json.updated_by, 'demo-community');
  assert.equal(v2.json.survey.note, '测试：停留时间放宽');
  const v3 = await putPlan('property', HQ, { ...editable(v2.json), opening_hours: 'Mo-Su 00:00-24:00' });
  assert.equal(v3.status, 200, `the compound's property manager: ${v3.text}`);
  assert.equal(v3.json.version, v1.version + 2);
  assert.equal(v3.json.updated_by, 'demo-property');

  const hist = await get('community', `/api/v1/compounds/${HQ}/access-plan/history`);
  assert.equal(hist.status, 200, hist.text);
  const byVersion = Object.fromEntries(hist.json.items.map((i) => [i.version, i]));
  assert.equal(byVersion[v1.version]?.actor_login, v1.updated_by, JSON.stringify(hist.json.items.map((i) => [i.version, i.actor_login])));
  assert.equal(byVersion[v1.version + 1]?.actor_login, 'demo-community');
  assert.equal(byVersion[v1.version + 1].plan.max_stay_minutes, v1.max_stay_minutes + 5);
  assert.equal(byVersion[v1.version + 2]?.actor_login, 'demo-property');
  assert.equal(byVersion[v1.version + 2].plan.opening_hours, 'Mo-Su 00:00-24:00');
  for (const i of hist.json.items) assert.equal(typeof i.at, 'number');

  assertProblem(await putPlan('guard', HQ, editable(v1)), 403, 'forbidden', 'a guard');
  assertProblem(await putPlan('worker', HQ, editable(v1)), 403, 'forbidden', 'a worker');
  assertProblem(await putPlan('property', C.drop_off, editable(await planOf(C.drop_off))), 403, 'forbidden', "another compound's property manager");
  assert.equal((await planOf(HQ)).version, v1.version + 2);
});

test('drop_off compound: drop_off_only with the drop-off points; "out" is allowed', async () => {
  const plan = await planOf(C.drop_off);
  assert.ok(plan.drop_off_points.length > 0, JSON.stringify(plan));
  const gate = (await gatesOf(C.drop_off))[0].id;
  await awayFromWindowEdge();
  const r = await scan(C.drop_off, gate);
  assert.equal(r.allowed, false, JSON.stringify(r));
  assert.equal(r.code, 'drop_off_only');
  assert.deepEqual(r.drop_off_points, plan.drop_off_points);
  assert.ok(r.reason.startsWith('本小区不允许进入，请将订单放在：'), r.reason);
  assert.ok(r.reason.includes(plan.drop_off_points[0].name), `the reason names the point: ${r.reason}`);
  assert.equal(r.worker?.id, rider.workerId);
  const out = await scan(C.drop_off, gate, 'out');
  assert.equal(out.allowed, true, JSON.stringify(out));
  assert.equal(out.code, 'pass_ok');
});

test('whitelist compound: not_on_whitelist until added; change feed with cursor; CSV with masked phones', async () => {
  await allDay(C.whitelist);
  const gate = (await gatesOf(C.whitelist))[0].id;
  const feed = (cursor) => get('district', `/api/v1/compounds/${C.whitelist}/whitelist/changes?cursor=${cursor}`);
  const start = await feed(0);
  assert.equal(start.status, 200, start.text);
  const c0 = start.json.cursor;
  assert.ok(!start.json.changes.some((c) => c.worker_id === rider.workerId));

  await awayFromWindowEdge();
  const refused = await scan(C.whitelist, gate);
  assert.deepEqual([refused.allowed, refused.code, refused.reason], [false, 'not_on_whitelist', '不在本小区常驻骑手名单内'], JSON.stringify(refused));
  const out = await scan(C.whitelist, gate, 'out');
  assert.deepEqual([out.allowed, out.code], [true, 'pass_ok'], `"out" is never refused by the rules: ${JSON.stringify(out)}`);

  assertProblem(await srv.api('POST', `/api/v1/compounds/${C.whitelist}/whitelist`, { token: S.guard.token, body: { worker_id: rider.workerId } }),
    403, 'forbidden', "another compound's guard");
  assertProblem(await srv.api('POST', `/api/v1/compounds/${C.whitelist}/whitelist`, { token: S.worker.token, body: { worker_id: rider.workerId } }),
    403, 'forbidden', 'a worker');
  const add = await srv.api('POST', `/api/v1/compounds/${C.whitelist}/whitelist`, { token: S.district.token, body: { worker_id: rider.workerId } });
  assert.ok([200, 201, 204].includes(add.status), add.text);
  const ok = await scan(C.whitelist, gate);
  assert.deepEqual([ok.allowed, ok.code], [true, 'pass_ok'], JSON.stringify(ok));

  const after = await feed(c0);
  assert.equal(after.status, 200, after.text);
  const added = after.json.changes.find((c) => c.worker_id === rider.workerId);
  assert.ok(added, JSON.stringify(after.json));
  assert.equal(added.action, 'add');
  assert.ok(Number.isInteger(added.seq) && added.seq > c0, `seq ${added.seq} after cursor ${c0}`);
  assert.equal(typeof added.at, 'number');
  assert.ok(after.json.cursor >= added.seq);
  const none = await feed(after.json.cursor);
  assert.deepEqual(none.json.changes, [], 'nothing after the latest cursor');
  assert.equal(none.json.cursor, after.json.cursor);

  const sync = await get('district', `/api/v1/gate/sync?compound=${C.whitelist}&since=0`);
  assert.equal(sync.status, 200, sync.text);
  assert.ok(sync.json.whitelist.includes(rider.workerId), `sync whitelist: ${JSON.stringify(sync.json.whitelist)}`);

  const csv = await srv.api('GET', `/api/v1/compounds/${C.whitelist}/whitelist?format=csv`, { token: S.district.token });
  assert.equal(csv.status, 200, csv.text);
  assert.match(String(csv.headers['content-type']), /^text\/csv/);
  const lines = csv.text.trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const phoneCol = header.findIndex((h) => /phone/.test(h));
  assert.ok(phoneCol >= 0, `a phone column: ${lines[0]}`);
  const row = lines.slice(1).map((l) => l.split(',')).find((cells) => cells.includes(String(rider.workerId)));
  assert.ok(row, csv.text);
  assert.match(row[phoneCol], MASKED_PHONE);
  assert.equal(row[phoneCol], `${rider.phone.slice(0, 3)}****${rider.phone.slice(7)}`);
  assert.ok(!csv.text.includes(rider.phone), 'no unmasked phone in the CSV');
  assert.ok(row.includes('周规则'));

  const del = await srv.api('DELETE', `/api/v1/compounds/${C.whitelist}/whitelist/${rider.workerId}`, { token: S.district.token });
  assert.ok([200, 204].includes(del.status), del.text);
  const removed = await feed(after.json.cursor);
  assert.deepEqual(removed.json.changes.map((c) => [c.worker_id, c.action]), [[rider.workerId, 'remove']]);
  assert.ok(removed.json.changes[0].seq > added.seq);
  await awayFromWindowEdge();
  assert.equal((await scan(C.whitelist, gate)).code, 'not_on_whitelist', 'refused again once removed');
});

test('green_lane compound: gate_not_allowed at other gates, allowed at the green lane; opening hours', async () => {
  await allDay(C.green_lane);
  const plan = await planOf(C.green_lane);
  const gates = await gatesOf(C.green_lane);
  const green = gates.find((g) => plan.green_lane_gates.includes(g.id));
  const other = gates.find((g) => !plan.green_lane_gates.includes(g.id));
  assert.ok(green && other, JSON.stringify({ plan, gates }));
  await awayFromWindowEdge();
  const refused = await scan(C.green_lane, other.id);
  assert.deepEqual([refused.allowed, refused.code], [false, 'gate_not_allowed'], JSON.stringify(refused));
  assert.ok(refused.reason.includes(green.name), `the reason names the green lane: ${refused.reason}`);
  const ok = await scan(C.green_lane, green.id);
  assert.deepEqual([ok.allowed, ok.code], [true, 'pass_ok'], JSON.stringify(ok));
  const out = await scan(C.green_lane, other.id, 'out');
  assert.deepEqual([out.allowed, out.code], [true, 'pass_ok'], `"out" is never refused by the rules: ${JSON.stringify(out)}`);

  // Opening hours: one hour far from now in both Beijing time and UTC.
  const bj = new Date(Date.now() + 8 * 3600_000).getUTCHours(), utc = new Date().getUTCHours();
  const near = (a, b) => Math.min((a - b + 24) % 24, (b - a + 24) % 24) <= 1;
  const h = [...Array(23).keys()].find((x) => !near(x, bj) && !near(x, utc) && !near(x + 1, bj) && !near(x + 1, utc));
  const hours = `Mo-Su ${String(h).padStart(2, '0')}:00-${String(h + 1).padStart(2, '0')}:00`;
  const put = await putPlan('district', C.green_lane, { ...editable(plan), opening_hours: hours });
  assert.equal(put.status, 200, put.text);
  await awayFromWindowEdge();
  const closed = await scan(C.green_lane, green.id);
  assert.deepEqual([closed.allowed, closed.code], [false, 'outside_hours'], `${hours}: ${JSON.stringify(closed)}`);
  assert.ok(closed.reason.startsWith('当前不在允许进入的时段（开放时间：'), closed.reason);
  const leaving = await scan(C.green_lane, green.id, 'out');
  assert.deepEqual([leaving.allowed, leaving.code], [true, 'pass_ok'], `"out" outside the hours: ${JSON.stringify(leaving)}`);
  // Last, so that a wording difference does not hide the checks above.
  assert.ok(refused.reason.startsWith('此门不允许骑手通行，请走绿色通道：'), `gate_not_allowed reason per docs/passes.md: ${refused.reason}`);
});
