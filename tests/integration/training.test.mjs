// Training and certificates (issue 17, item 4; docs/training.md): an organiser's course and its
// session (an event of kind training); the session's trainer records a registered worker's pass,
// which pays the training_finished rule once and issues a signed certificate whose QR text verifies
// offline with the published keys (an altered text does not); the public verify answer, the PDF,
// revocation; a non-trainer recording is refused; a skills contest's ranking and its close into a
// 技术能手 campaign's nominations.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { verify } from 'node:crypto';
import { useServer, assertProblem, registerRider, ed25519FromRaw, fromB64url } from './harness.mjs';

const srv = useServer();
const S = {};
let HQ; // 华清嘉园小区
const nowS = () => Math.floor(Date.now() / 1000);
const as = (who, method, p, opts = {}) => srv.api(method, p, { token: typeof who === 'string' ? S[who].token : who.token, ...opts });

const B45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
function base45Decode(text) {
  const out = [];
  for (let i = 0; i < text.length; i += 3) {
    const chunk = [...text.slice(i, i + 3)].map((c) => B45.indexOf(c));
    if (chunk.some((v) => v < 0)) throw new Error('base45');
    const n = chunk[0] + chunk[1] * 45 + (chunk.length === 3 ? chunk[2] * 2025 : 0);
    if (chunk.length === 3) out.push(n >> 8, n & 255); else out.push(n);
  }
  return Buffer.from(out);
}
function base45Encode(bytes) {
  let out = '';
  for (let i = 0; i < bytes.length; i += 2) {
    if (i + 1 < bytes.length) {
      let n = bytes[i] * 256 + bytes[i + 1];
      const c = n % 45; n = (n - c) / 45;
      out += B45[c] + B45[n % 45] + B45[(n - (n % 45)) / 45];
    } else out += B45[bytes[i] % 45] + B45[Math.floor(bytes[i] / 45)];
  }
  return out;
}

/** The offline check of docs/training.md: decode, find the key, verify the signature over "YHC1\n" + body. */
function offlineCheck(text, keys) {
  if (!text.startsWith('YHC1:')) return { ok: false };
  const bytes = base45Decode(text.slice(5));
  const body = bytes.subarray(0, bytes.length - 64);
  const signature = bytes.subarray(bytes.length - 64);
  const fields = body.toString('utf8').split('\n');
  if (fields.length !== 7) return { ok: false };
  const key = keys.find((k) => k.id === Number(fields[6]));
  if (!key) return { ok: false };
  const ok = verify(null, Buffer.concat([Buffer.from('YHC1\n'), body]), ed25519FromRaw(fromB64url(key.public_key)), signature);
  return { ok, fields };
}

function altered(text, from, to) {
  const bytes = base45Decode(text.slice(5));
  const body = bytes.subarray(0, bytes.length - 64).toString('utf8').replace(from, to);
  return `YHC1:${base45Encode(Buffer.concat([Buffer.from(body), bytes.subarray(bytes.length - 64)]))}`;
}

before(async () => {
  await srv.start(); // the harness's hook may not have run yet: start() is one promise
  for (const who of ['union', 'community', 'keeper', 'guard', 'worker', 'city', 'district']) S[who] = await srv.login(`demo-${who}`);
  const me = await as('guard', 'GET', '/api/v1/me');
  assert.equal(me.status, 200, me.text);
  HQ = me.json.account.area.code;
  const rule = await as('city', 'PUT', '/api/v1/points/rules/training_finished', { body: { points: 30, daily_cap: 100, monthly_cap: 300 } });
  assert.equal(rule.status, 200, `set rule: ${rule.text}`);
});

const eventBody = (kind, start, extra = {}) => ({
  kind, title: kind === 'training' ? '急救培训·第一期' : '电动车驾驶技能比武', description: '', organiser_kind: 'union',
  organiser_name: '海淀区总工会', compound: HQ, starts_at: start, ends_at: start + 7200, capacity: 30, ...extra });

async function makeEvent(kind, extra = {}, startIn = 600) {
  const start = nowS() + startIn;
  const res = await as('union', 'POST', '/api/v1/events', { body: eventBody(kind, start, extra) });
  assert.equal(res.status, 201, `create event: ${res.text}`);
  return res.json.event.id;
}

/** A session starting a few seconds from now (workers register before it starts; completions wait for it). */
async function soonSession(courseId) {
  const start = nowS() + 4;
  return { eventId: await makeEvent('training', { course_id: courseId }, 4), start };
}
async function register(r, eventId) {
  const reg = await as(r, 'POST', `/api/v1/events/${eventId}/registrations`, { body: {} });
  assert.equal(reg.status, 201, `register: ${reg.text}`);
}
const untilStarted = async (start) => {
  const ms = (start + 1) * 1000 - Date.now();
  if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
};

async function rider(name, eventId) {
  const r = await registerRider(srv, { name, verifyAs: S.community.token });
  const me = await as(r, 'GET', '/api/v1/me');
  r.accountId = me.json.account?.id;
  assert.ok(Number.isInteger(r.accountId), me.text.slice(0, 200));
  if (eventId) {
    const reg = await as(r, 'POST', `/api/v1/events/${eventId}/registrations`, { body: {} });
    assert.equal(reg.status, 201, `register ${name}: ${reg.text}`);
  }
  return r;
}

const trainingPoints = async (r) => {
  const res = await as(r, 'GET', '/api/v1/me/points?limit=200');
  assert.equal(res.status, 200, res.text);
  return (res.json.history ?? []).filter((h) => h.reason === 'training_finished');
};

test('courses: organisers create them, workers list them, bad input is catalogued', async () => {
  const body = { topic: 'first_aid', title: '心肺复苏与急救', description: '胸外按压、AED 使用', hours: 4 };
  assertProblem(await as('worker', 'POST', '/api/v1/training/courses', { body }), 403, 'forbidden');
  assertProblem(await as('union', 'POST', '/api/v1/training/courses', { body: { ...body, topic: 'cooking' } }), 400, 'bad_topic');
  assertProblem(await as('union', 'POST', '/api/v1/training/courses', { body: { ...body, hours: 0 } }), 400, 'bad_hours');
  const created = await as('union', 'POST', '/api/v1/training/courses', { body });
  assert.equal(created.status, 201, created.text);
  assert.equal(created.json.course.topic, 'first_aid');
  assert.match(created.json.course.new_session_url, /^#\/events\/new\?course=\d+$/);
  const list = await as('worker', 'GET', '/api/v1/training/courses');
  assert.equal(list.status, 200, list.text);
  assert.ok(list.json.items.some((c) => c.id === created.json.course.id), 'a worker of the district sees the course');
});

test('completion: trainer only, registered only; a pass pays once and issues a certificate that verifies offline and online', async () => {
  const course = (await as('union', 'POST', '/api/v1/training/courses', {
    body: { topic: 'traffic_safety', title: '交通安全培训', hours: 2 } })).json.course;
  const a = await rider('培训甲');
  const b = await rider('培训乙');
  const { eventId, start } = await soonSession(course.id);
  await register(a, eventId);
  const record = (who, accountId, passed = true, score = 92) =>
    as(who, 'POST', `/api/v1/training/sessions/${eventId}/completions`, { body: { account_id: accountId, passed, score } });

  assertProblem(await record('worker', a.accountId), 403, 'forbidden');
  assertProblem(await record('keeper', a.accountId), 403, 'forbidden', 'a station keeper who did not create the session');
  assertProblem(await record('union', b.accountId), 400, 'not_registered');
  assertProblem(await record('union', a.accountId, true, 5000), 400, 'bad_score');
  // Not before the session has started: nothing is paid or certified ahead of it.
  assertProblem(await record('union', a.accountId), 409, 'session_not_started');
  assert.deepEqual((await as(a, 'GET', '/api/v1/me/training')).json.items, []);
  await untilStarted(start);

  const attendees = await as('union', 'GET', `/api/v1/training/sessions/${eventId}/attendees`);
  assert.equal(attendees.status, 200, attendees.text);
  assert.deepEqual(attendees.json.items.map((i) => [i.account_id, i.completion]), [[a.accountId, null]]);

  const before = await trainingPoints(a);
  const first = await record('union', a.accountId);
  assert.equal(first.status, 201, first.text);
  const cert = first.json.completion.certificate;
  assert.ok(cert, 'a pass issues a certificate');
  assert.equal(cert.kind, 'training');
  assert.equal(cert.title, '交通安全培训');
  assert.match(cert.detail, /2 学时/);
  assert.match(cert.qr_text, /^YHC1:[0-9A-Z $%*+\-./:]+$/);
  assert.equal(first.json.completion.points_paid, 30);
  const again = await record('union', a.accountId);
  assert.equal(again.status, 200, again.text);
  assert.equal(again.json.completion.replayed, true);
  assert.equal(again.json.completion.points_paid, 0);
  assert.equal(again.json.completion.certificate.serial, cert.serial, 'the same certificate');
  assert.equal((await trainingPoints(a)).length, before.length + 1, 'paid once');

  const mine = await as(a, 'GET', '/api/v1/me/training');
  assert.equal(mine.status, 200, mine.text);
  assert.equal(mine.json.items[0].certificate.serial, cert.serial);
  assert.equal(mine.json.items[0].course_title, '交通安全培训');
  assert.equal(mine.json.items[0].points_paid, 30, 'the record shows what the pass was paid');
  const certs = await as(a, 'GET', '/api/v1/me/certificates');
  assert.ok(certs.json.items.some((c) => c.serial === cert.serial && c.status === 'valid'));

  // Offline: the published keys verify the QR text; an altered or forged one fails.
  const keys = await srv.api('GET', '/api/v1/certificates/keys');
  assert.equal(keys.status, 200, keys.text);
  const checked = offlineCheck(cert.qr_text, keys.json.keys);
  assert.equal(checked.ok, true);
  assert.equal(checked.fields[0], cert.serial);
  assert.notEqual(checked.fields[2], '培训甲', 'the QR carries the name masked');
  assert.equal(offlineCheck(altered(cert.qr_text, '交通安全培训', '高级技师证书'), keys.json.keys).ok, false);
  assert.equal(offlineCheck(altered(cert.qr_text, cert.serial, 'YC000000000000'), keys.json.keys).ok, false);

  // Online: the public answer, masked.
  const online = await srv.api('GET', `/api/v1/certificates/${cert.serial}`);
  assert.equal(online.status, 200, online.text);
  assert.equal(online.json.status, 'valid');
  assert.notEqual(online.json.name, '培训甲');
  assert.equal((await srv.api('GET', '/api/v1/certificates/YC000000000000')).json.status, 'unknown');

  // The PDF: for the holder, not for another worker.
  const pdf = await as(a, 'GET', `/api/v1/certificates/${cert.serial}/certificate.pdf`);
  assert.equal(pdf.status, 200, pdf.text?.slice(0, 200));
  assert.match(pdf.headers['content-type'], /application\/pdf/);
  assertProblem(await as(b, 'GET', `/api/v1/certificates/${cert.serial}/certificate.pdf`), 403, 'forbidden');

  // Revocation: officers of the issuing area, with a reason; then it verifies as revoked.
  const revoke = (who, reason) => as(who, 'POST', `/api/v1/certificates/${cert.serial}/revoke`, { body: { reason } });
  assertProblem(await revoke('worker', '自己撤销'), 403, 'forbidden');
  assertProblem(await revoke('district', ' '), 400, 'validation_failed');
  const revoked = await revoke('district', '考核成绩登记有误');
  assert.equal(revoked.status, 200, revoked.text);
  assert.equal((await srv.api('GET', `/api/v1/certificates/${cert.serial}`)).json.status, 'revoked');
  assertProblem(await revoke('district', '再次撤销'), 409, 'already_revoked');
  assertProblem(await as(a, 'GET', `/api/v1/certificates/${cert.serial}/certificate.pdf`), 409, 'already_revoked');
});

test('a failed completion pays nothing and issues nothing; passing later does', async () => {
  const course = (await as('union', 'POST', '/api/v1/training/courses', {
    body: { topic: 'food_safety', title: '食品安全培训', hours: 3 } })).json.course;
  const c = await rider('培训丙');
  const { eventId, start } = await soonSession(course.id);
  await register(c, eventId);
  await untilStarted(start);
  const failed = await as('union', 'POST', `/api/v1/training/sessions/${eventId}/completions`, { body: { account_id: c.accountId, passed: false } });
  assert.equal(failed.status, 201, failed.text);
  assert.equal(failed.json.completion.certificate, null);
  assert.equal((await trainingPoints(c)).length, 0);
  const passed = await as('union', 'POST', `/api/v1/training/sessions/${eventId}/completions`, { body: { account_id: c.accountId, passed: true } });
  assert.equal(passed.status, 201, passed.text);
  assert.ok(passed.json.completion.certificate);
  assert.equal((await trainingPoints(c)).length, 1);
  // The union staff whose course it is revoke its training certificate; a station keeper does not.
  const serial = passed.json.completion.certificate.serial;
  const revoke = (who) => as(who, 'POST', `/api/v1/certificates/${serial}/revoke`, { body: { reason: '考核登记有误' } });
  assertProblem(await revoke('keeper'), 403, 'forbidden');
  const revoked = await revoke('union');
  assert.equal(revoked.status, 200, revoked.text);
  assert.equal((await srv.api('GET', `/api/v1/certificates/${serial}`)).json.status, 'revoked');
});

test('only organisers of a course\'s area schedule its sessions, and only within its area', async () => {
  // The reviewer's case: a station keeper puts the district union's course on an event of their own.
  const course = (await as('union', 'POST', '/api/v1/training/courses', {
    body: { topic: 'first_aid', title: '区工会急救课', hours: 2 } })).json.course;
  const start = nowS() + 600;
  const plain = await as('keeper', 'POST', '/api/v1/events', { body: eventBody('training', start, { organiser_kind: 'station', organiser_name: '驿站' }) });
  assert.equal(plain.status, 201, `the keeper may hold a training event here: ${plain.text}`);
  assertProblem(await as('keeper', 'POST', '/api/v1/events',
    { body: eventBody('training', start, { organiser_kind: 'station', organiser_name: '驿站', course_id: course.id }) }),
  403, 'not_course_organiser');
  assertProblem(await as('keeper', 'PATCH', `/api/v1/events/${plain.json.event.id}`, { body: { course_id: course.id } }),
    400, 'unknown_field', 'nor by changing an event of their own: a change never links a course');
  assertProblem(await as('union', 'POST', '/api/v1/events', { body: eventBody('training', start, { course_id: 999999999 }) }),
    404, 'course_not_found');
  // The union's own course, held by the union within its district: as before.
  assert.ok(await makeEvent('training', { course_id: course.id }));
});

test('an event that is not a training session takes no completions', async () => {
  const eventId = await makeEvent('skills_contest');
  const d = await rider('培训丁', eventId);
  assertProblem(await as('union', 'POST', `/api/v1/training/sessions/${eventId}/completions`, { body: { account_id: d.accountId, passed: true } }),
    400, 'not_session');
});

test('a skills contest: scores, ranking, close → nominations in a 技术能手 campaign', async () => {
  const campaign = await as('district', 'POST', '/api/v1/honours/campaigns', { body: {
    title: '海淀区技术能手', kind: 'skills_champion', nominating_until: nowS() + 86400, reviewing_until: nowS() + 2 * 86400,
    voting_until: nowS() + 3 * 86400, winners: 1, votes_per_person: 1, prize_points: 0 } });
  assert.equal(campaign.status, 201, campaign.text);
  const eventId = await makeEvent('skills_contest');
  assertProblem(await as('union', 'POST', '/api/v1/training/contests', { body: { event_id: await makeEvent('training'), title: '比武' } }),
    400, 'not_contest');
  const created = await as('union', 'POST', '/api/v1/training/contests', { body: { event_id: eventId, title: '电动车驾驶技能比武' } });
  assert.equal(created.status, 201, created.text);
  const id = created.json.contest.id;
  const x = await rider('比武甲', eventId);
  const y = await rider('比武乙', eventId);
  const outsider = await rider('比武丙');
  const score = (who, accountId, value) => as(who, 'POST', `/api/v1/training/contests/${id}/scores`, { body: { account_id: accountId, score: value } });
  assertProblem(await score('worker', x.accountId, 100), 403, 'forbidden');
  assertProblem(await score('union', outsider.accountId, 100), 400, 'not_registered');
  assert.equal((await score('union', x.accountId, 88)).status, 200);
  assert.equal((await score('union', y.accountId, 95)).status, 200);
  const view = await as('union', 'GET', `/api/v1/training/contests/${id}`);
  assert.deepEqual(view.json.contest.ranking.map((l) => [l.account_id, l.rank]), [[y.accountId, 1], [x.accountId, 2]]);

  const closed = await as('union', 'POST', `/api/v1/training/contests/${id}/close`, { body: { top: 1 } });
  assert.equal(closed.status, 200, closed.text);
  assert.equal(closed.json.nominated, 1);
  assert.equal(closed.json.contest.status, 'closed');
  assert.equal(closed.json.contest.campaign_id, campaign.json.campaign?.id ?? campaign.json.id);
  assertProblem(await score('union', x.accountId, 99), 409, 'contest_closed');
  const ballot = await as('district', 'GET', `/api/v1/honours/campaigns/${closed.json.contest.campaign_id}`);
  assert.equal(ballot.status, 200, ballot.text);
  const nominations = ballot.json.nominations ?? ballot.json.campaign?.nominations ?? [];
  assert.equal(nominations.length, 1, ballot.text.slice(0, 400));
  assert.match(nominations[0].citation, /比武第1名/);
  assert.equal(nominations[0].status, 'pending', 'reviewed like any nomination');
});
