// Check-in at an event's door (docs/attendance.md): a door scans workers' passes while offline and
// uploads the batch later. Each scan carries a nonce (uploading twice counts once) and its real
// scan time (kept); workers without a place are refused unless the event admits walk-ins (then
// flagged); a forged pass is refused; attendance pays the area's event_attended points once.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  useServer, assertProblem, registerRider, issuePass, qrText, passWindow, resignCredential, newEd25519, MASKED_PHONE,
} from './harness.mjs';

const srv = useServer();
const S = {};
let HQ; // 华清嘉园小区

const nowS = () => Math.floor(Date.now() / 1000);
const nonce = () => randomBytes(12).toString('base64url');
const as = (who, method, path, opts = {}) => srv.api(method, path, { token: typeof who === 'string' ? S[who].token : who.token, ...opts });

before(async () => {
  await srv.start(); // the harness's hook may not have run yet: start() is one promise
  for (const who of ['union', 'district', 'community', 'keeper', 'guard', 'worker']) S[who] = await srv.login(`demo-${who}`);
  const me = await as('guard', 'GET', '/api/v1/me');
  assert.equal(me.status, 200, me.text);
  HQ = me.json.account.area.code;
});

/** An event of the union's at 华清嘉园, starting in ten minutes. */
async function makeEvent({ walkIns = false, title = '公益课堂：交通安全' } = {}) {
  const start = nowS() + 600;
  const res = await as('union', 'POST', '/api/v1/events', { body: {
    kind: 'public_class', title, description: '', organiser_kind: 'union', organiser_name: '海淀区总工会',
    compound: HQ, starts_at: start, ends_at: start + 7200, capacity: 30, walk_ins: walkIns } });
  assert.equal(res.status, 201, `create event: ${res.text}`);
  return res.json.event.id;
}

/** A verified rider with a pass; registered for `eventId` when given. */
async function rider(name, eventId) {
  const r = await registerRider(srv, { name, verifyAs: S.community.token });
  r.pass = await issuePass(srv, r);
  if (eventId) {
    const reg = await as(r, 'POST', `/api/v1/events/${eventId}/registrations`, { body: {} });
    assert.equal(reg.status, 201, `register ${name}: ${reg.text}`);
  }
  return r;
}

/** A scan as the door queues it: the pass as shown at `at` (unix seconds). */
const scanOf = (r, at, direction = 'in', method = 'camera') =>
  ({ nonce: nonce(), code: r.pass.qr(passWindow(at * 1000)), scanned_at: at, direction, method });

async function upload(eventId, scans, who = 'union') {
  const res = await as(who, 'POST', `/api/v1/events/${eventId}/checkins`, { body: { scans } });
  assert.equal(res.status, 200, `upload: ${res.text}`);
  return res.json;
}

async function attendance(eventId, who = 'union') {
  const res = await as(who, 'GET', `/api/v1/events/${eventId}/attendance`);
  assert.equal(res.status, 200, res.text);
  return res.json;
}

const attendedPayments = async (r) => {
  const res = await as(r, 'GET', '/api/v1/me/points?limit=200');
  assert.equal(res.status, 200, res.text);
  return { balance: res.json.balance ?? 0, lines: (res.json.history ?? []).filter((h) => h.reason === 'event_attended') };
};

test('an offline batch uploaded twice counts once; the scan time is kept; points are paid once', async () => {
  const eventId = await makeEvent();
  const a = await rider('门口甲', eventId);
  const b = await rider('门口乙', eventId);
  const before = await attendedPayments(a);
  const t0 = nowS() - 120; // scanned two minutes ago, while the door was offline
  const batch = [scanOf(a, t0), scanOf(b, t0 + 40, 'in', 'manual')];

  const first = await upload(eventId, batch);
  assert.deepEqual({ accepted: first.accepted, duplicates: first.duplicates, verified: first.verified, refused: first.refused },
    { accepted: 2, duplicates: 0, verified: 2, refused: 0 }, JSON.stringify(first));
  assert.deepEqual(first.items.map((i) => i.nonce), batch.map((s) => s.nonce), 'items in the order uploaded');
  assert.equal(first.items[0].result, 'verified');
  assert.equal(first.items[0].worker.name, '门口甲');
  assert.equal(first.items[0].walk_in, false);

  const again = await upload(eventId, batch);
  assert.deepEqual({ accepted: again.accepted, duplicates: again.duplicates, verified: again.verified },
    { accepted: 0, duplicates: 2, verified: 0 }, JSON.stringify(again));
  assert.deepEqual(again.items.map((i) => i.result), ['duplicate', 'duplicate']);

  const list = await attendance(eventId);
  assert.equal(list.counts.attended, 2, JSON.stringify(list.counts));
  assert.equal(list.counts.registered, 2);
  const mine = list.items.find((i) => i.worker.id === a.workerId);
  assert.equal(mine.in_at, t0, 'the real scan time is kept, not the upload time');
  assert.equal(mine.evidence, 'verified');
  assert.equal(mine.registered, true);
  assert.equal(mine.scans, 1, 'the second upload stored nothing');
  assert.match(mine.worker.phone_masked, MASKED_PHONE);

  // A second scan at the door (a new nonce) is stored but pays nothing again.
  const later = await upload(eventId, [scanOf(a, nowS() - 5)]);
  assert.equal(later.accepted, 1);
  // One scan queued twice in the same batch counts once too.
  const twice = scanOf(b, nowS() - 5, 'out');
  const doubled = await upload(eventId, [twice, twice]);
  assert.deepEqual([doubled.accepted, doubled.duplicates], [1, 1], JSON.stringify(doubled));
  const after = await attendedPayments(a);
  assert.equal(after.lines.length - before.lines.length, 1, 'event_attended paid exactly once');
  assert.ok(after.balance > before.balance, `points paid: ${before.balance} → ${after.balance}`);
  assert.equal((await attendance(eventId)).items.find((i) => i.worker.id === a.workerId).in_at, t0, 'the first in stays');
});

test('a worker without a place is refused; at an event that admits walk-ins they are flagged', async () => {
  const closed = await makeEvent({ title: '义诊：只限报名' });
  const stranger = await rider('门口丙');
  const refused = await upload(closed, [scanOf(stranger, nowS() - 10)]);
  assert.equal(refused.refused, 1);
  assert.equal(refused.accepted, 0);
  assert.equal(refused.items[0].result, 'refused');
  assert.equal(refused.items[0].reason, 'not_registered');
  assert.equal(refused.items[0].worker.name, '门口丙', 'the door shows who it was');
  assert.equal((await attendance(closed)).counts.attended, 0);

  const open = await makeEvent({ walkIns: true, title: '电影之夜：欢迎路过' });
  const admitted = await upload(open, [scanOf(stranger, nowS() - 10)]);
  assert.equal(admitted.verified, 1, JSON.stringify(admitted));
  assert.equal(admitted.items[0].walk_in, true);
  const list = await attendance(open);
  const row = list.items.find((i) => i.worker.id === stranger.workerId);
  assert.equal(row.walk_in, true);
  assert.equal(row.registered, false);
  assert.equal(row.evidence, 'verified');
  assert.equal(list.counts.walk_ins, 1);
});

test('a forged pass, a time in the future or before the event\'s day, and a stale screenshot', async () => {
  const eventId = await makeEvent({ title: '法律援助日' });
  const r = await rider('门口丁', eventId);
  const at = nowS() - 30;
  const forgedCredential = resignCredential(r.pass.credential, newEd25519().privateKey);
  const forged = { nonce: nonce(), code: qrText(forgedCredential, r.pass.device.privateKey, passWindow(at * 1000)), scanned_at: at, direction: 'in', method: 'camera' };
  const future = { ...scanOf(r, nowS() + 3600), nonce: nonce() };
  const yesterday = { ...scanOf(r, nowS() - 2 * 86400), nonce: nonce() };
  // The QR as shown ten minutes before the scan: a screenshot, not the live code.
  const stale = { nonce: nonce(), code: r.pass.qr(passWindow((at - 600) * 1000)), scanned_at: at, direction: 'in', method: 'scanner' };
  const res = await upload(eventId, [forged, future, yesterday, stale]);
  const [f, fu, y, s] = res.items;
  assert.equal(f.result, 'refused');
  assert.equal(f.reason, 'pass_bad_signature');
  assert.equal(f.worker, null, 'a forged code names nobody');
  assert.equal(fu.result, 'refused');
  assert.equal(fu.reason, 'scan_time');
  assert.equal(y.reason, 'scan_time');
  assert.equal(s.result, 'unverified', 'a genuine pass shown stale is kept, flagged');
  assert.equal(s.reason, 'pass_stale');
  assert.equal(res.refused, 3);
  assert.equal(res.accepted, 1);
  assert.equal(res.verified, 0);
  const list = await attendance(eventId);
  const row = list.items.find((i) => i.worker.id === r.workerId);
  assert.equal(row.evidence, 'unverified', 'flagged scans are not attendance');
  assert.equal(row.in_at, null);
  assert.equal(list.counts.attended, 0);
  assert.equal(list.counts.unverified, 1);
  assert.equal((await attendedPayments(r)).lines.length, 0, 'no points for an unverified scan');
});

test('check-out after check-in, and the CSV for Excel (BOM, Chinese headers, masked phones)', async () => {
  const eventId = await makeEvent({ title: '心肺复苏培训' });
  const r = await rider('门口戊', eventId);
  const tin = nowS() - 300;
  const tout = nowS() - 20;
  // Out uploaded before in within the batch: the server orders by scan time.
  // The district's officer organises the union's district event too (events::Organises).
  const res = await upload(eventId, [scanOf(r, tout, 'out'), scanOf(r, tin, 'in')], 'district');
  assert.equal(res.verified, 2, JSON.stringify(res));
  const row = (await attendance(eventId)).items.find((i) => i.worker.id === r.workerId);
  assert.equal(row.in_at, tin);
  assert.equal(row.out_at, tout);

  const csv = await as('union', 'GET', `/api/v1/events/${eventId}/attendance.csv`);
  assert.equal(csv.status, 200, csv.text);
  assert.match(String(csv.headers['content-type']), /^text\/csv; charset=utf-8/);
  assert.deepEqual([...csv.body.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark');
  const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(lines[0], '姓名,手机,类型,平台,已报名,现场报名,签到时间,签退时间,核验');
  const line = lines.find((l) => l.startsWith('门口戊,'));
  assert.ok(line, csv.text);
  const cells = line.split(',');
  assert.match(cells[1], MASKED_PHONE);
  assert.ok(!csv.text.includes(r.phone), 'no full phone number');
  assert.equal(cells[2], '外卖骑手');
  assert.equal(cells[4], '是');
  assert.match(cells[6], /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  assert.equal(cells[8], '已核验');
  assert.match(String(csv.headers['content-disposition']), /attendance-\d+\.csv/);
  const english = await as('union', 'GET', `/api/v1/events/${eventId}/attendance.csv`, { headers: { 'Accept-Language': 'en' } });
  assert.match(english.text, /Name,Phone,Kind/);
});

test('only the event\'s organisers run its door; bad batches are refused whole', async () => {
  const eventId = await makeEvent({ title: '周周有服务' });
  const r = await rider('门口己', eventId);
  const scan = scanOf(r, nowS() - 10);
  assertProblem(await as('keeper', 'POST', `/api/v1/events/${eventId}/checkins`, { body: { scans: [scan] } }), 403, 'not_event_organiser');
  assertProblem(await as('keeper', 'GET', `/api/v1/events/${eventId}/attendance`), 403, 'not_event_organiser');
  assertProblem(await as('worker', 'POST', `/api/v1/events/${eventId}/checkins`, { body: { scans: [scan] } }), 403, 'forbidden');
  assertProblem(await as('worker', 'GET', `/api/v1/events/${eventId}/attendance.csv`), 403, 'forbidden');
  assertProblem(await as('union', 'POST', '/api/v1/events/99999999/checkins', { body: { scans: [scan] } }), 404, 'not_found');
  const bad = (scans) => as('union', 'POST', `/api/v1/events/${eventId}/checkins`, { body: { scans } });
  assertProblem(await bad([]), 400, 'validation_failed');
  assertProblem(await bad([{ ...scan, nonce: 'short' }]), 400, 'validation_failed');
  assertProblem(await bad([{ ...scan, direction: 'up' }]), 400, 'validation_failed');
  assertProblem(await bad([{ ...scan, method: 'psychic' }]), 400, 'validation_failed');
  assertProblem(await bad([{ ...scan, extra: 1 }]), 400, 'unknown_field');
  assertProblem(await bad(Array.from({ length: 2001 }, () => ({ ...scan, nonce: nonce() }))), 400, 'validation_failed');
  assert.equal((await attendance(eventId)).items.find((i) => i.worker.id === r.workerId).scans, 0, 'nothing stored');
});

test('a scan dated before its pass was issued is not believed; a formula for a name stays text in the CSV', async () => {
  const eventId = await makeEvent({ title: '交通安全课' });
  const r = await rider('=1+2', eventId);
  const before = await upload(eventId, [scanOf(r, nowS() - 1800)]);
  assert.equal(before.verified, 0, JSON.stringify(before));
  assert.equal(before.items[0].result, 'refused', JSON.stringify(before));
  const ok = await upload(eventId, [scanOf(r, nowS() - 5)]);
  assert.equal(ok.verified, 1, JSON.stringify(ok));
  const csv = await as('union', 'GET', `/api/v1/events/${eventId}/attendance.csv`);
  const line = csv.text.split('\r\n').find((l) => l.includes('1+2'));
  assert.ok(line?.startsWith("'=1+2,"), line);
});
