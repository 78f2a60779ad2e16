// Volunteer teams, hours and appointment letters (聘书) (issue 17, item 5): union staff create a
// street team, two workers join, one is made leader; a member's manual hours stay pending until
// the leader approves them, which pays the area's volunteer_hour rule once per whole hour (a
// second approval is 409 and pays nothing); nobody approves their own hours (a plain member: 403,
// a leader: 403 volunteer_own_entry); the bounds of an entry are checked; the worker's yearly
// totals and an hours certificate (the same total gives the same certificate); an appointment
// letter is a certificate that D's public verify route calls valid, and revoked once revoked.
// Runs on SQLite and PostgreSQL.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, assertProblem } from './harness.mjs';

const srv = useServer();
const S = {};
const tag = () => Math.random().toString(36).slice(2, 8);
const as = (who, method, p, opts = {}) => srv.api(method, p, { token: S[who].token, ...opts });
const areaOf = (who) => S[who].account.area?.code ?? S[who].account.area_code;
const beijingDay = (offsetDays = 0) =>
  new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
const balance = async (who) => {
  const res = await as(who, 'GET', '/api/v1/me/points');
  assert.equal(res.status, 200, res.text);
  return res.json.balance;
};

let team;

before(async () => {
  await srv.start();
  for (const who of ['union', 'worker', 'reporter', 'street', 'community', 'city', 'guard', 'keeper']) S[who] = await srv.login(`demo-${who}`);
  // The city's volunteer_hour rule: 10 points an hour, no caps, so the payments below are exact.
  const rule = await as('city', 'PUT', '/api/v1/points/rules/volunteer_hour', { body: { points: 10 } });
  assert.equal(rule.status, 200, rule.text);
  const created = await as('union', 'POST', '/api/v1/volunteer-teams',
    { body: { name: `测试志愿队${tag()}`, scope: 'street', area: areaOf('street'), intro: '周末义务送餐' } });
  assert.equal(created.status, 201, created.text);
  team = created.json;
});

test('organisers create teams of a street; workers join and are made leaders', async () => {
  assert.equal(team.scope, 'street');
  assert.equal(team.can.manage, true);
  assertProblem(await as('worker', 'POST', '/api/v1/volunteer-teams', { body: { name: '自建队', scope: 'street' } }), 403, 'forbidden');
  assertProblem(await as('union', 'POST', '/api/v1/volunteer-teams', { body: { name: '错层级', scope: 'street', area: areaOf('union') } }),
    400, 'bad_volunteer_team');
  assertProblem(await as('union', 'POST', '/api/v1/volunteer-teams', { body: { name: '平台队', scope: 'platform', area: areaOf('street') } }),
    400, 'bad_volunteer_team');

  const listed = await as('worker', 'GET', '/api/v1/volunteer-teams');
  assert.equal(listed.status, 200, listed.text);
  const mine = listed.json.items.find((t) => t.id === team.id);
  assert.ok(mine, 'a worker sees the teams of their street');
  assert.equal(mine.can.join, true);

  for (const who of ['worker', 'reporter']) {
    const joined = await as(who, 'POST', `/api/v1/volunteer-teams/${team.id}/join`);
    assert.equal(joined.status, 200, joined.text);
    assert.equal(joined.json.mine.role, 'member');
  }
  assertProblem(await as('worker', 'POST', `/api/v1/volunteer-teams/${team.id}/leaders`, { body: { account_id: S.reporter.account.id } }), 403, 'forbidden');
  const led = await as('union', 'POST', `/api/v1/volunteer-teams/${team.id}/leaders`, { body: { account_id: S.reporter.account.id } });
  assert.equal(led.status, 200, led.text);
  assert.deepEqual(led.json.leaders.map((m) => m.account_id), [S.reporter.account.id]);
  assert.equal(led.json.member_list.length, 2);
});

test('a team may have no introduction', async () => {
  const created = await as('union', 'POST', '/api/v1/volunteer-teams',
    { body: { name: `无简介队${tag()}`, scope: 'street', area: areaOf('street'), intro: '', platform: '' } });
  assert.equal(created.status, 201, created.text);
  assert.equal(created.json.intro, '');
});

test('only a team\'s managers hold its shifts: an outsider\'s event with its team_id is refused', async () => {
  const start = Math.floor(Date.now() / 1000) + 3600;
  const body = (who, extra = {}) => ({ kind: 'volunteer', title: '周末送餐志愿', description: '', organiser_kind: who === 'keeper' ? 'station' : 'union',
    organiser_name: '志愿', compound: areaOf('guard'), starts_at: start, ends_at: start + 3600, capacity: 10, ...extra });
  const plain = await as('keeper', 'POST', '/api/v1/events', { body: body('keeper') });
  assert.equal(plain.status, 201, `the keeper may hold a volunteer event here: ${plain.text}`);
  assertProblem(await as('keeper', 'POST', '/api/v1/events', { body: body('keeper', { team_id: team.id }) }), 403, 'volunteer_forbidden');
  assertProblem(await as('keeper', 'PATCH', `/api/v1/events/${plain.json.event.id}`, { body: { team_id: team.id } }),
    400, 'unknown_field', 'nor by changing an event of their own: a change never links a team');
  assertProblem(await as('union', 'POST', '/api/v1/events', { body: body('union', { team_id: 999999999 }) }), 404, 'volunteer_team_not_found');
  const outside = await as('union', 'POST', '/api/v1/events', { body: body('union', { team_id: team.id }) });
  assertProblem(outside, 400, 'shift_outside_team', 'a district-wide event is not the street team\'s shift');
  const shift = await as('union', 'POST', '/api/v1/events', { body: body('union', { team_id: team.id, area: areaOf('street') }) });
  assert.equal(shift.status, 201, `the team's organiser holds its shift: ${shift.text}`);
});

test('manual hours: pending, approved by a leader once, paying whole hours once', async () => {
  const before = await balance('worker');
  const logged = await as('worker', 'POST', `/api/v1/volunteer-teams/${team.id}/hours`,
    { body: { day: beijingDay(-1), minutes: 150, note: '社区义诊引导' } });
  assert.equal(logged.status, 201, logged.text);
  assert.equal(logged.json.status, 'pending');
  assert.equal(logged.json.source, 'manual');
  assert.equal(await balance('worker'), before, 'nothing paid while pending');

  // A plain member approves nothing, not even their own; the refusal names who does (leaders only).
  const plainMember = await as('worker', 'POST', `/api/v1/volunteer-hours/${logged.json.id}/approve`);
  assertProblem(plainMember, 403, 'volunteer_forbidden');
  assert.doesNotMatch(plainMember.json.detail, /组织方/, 'organisers decide no entries: the words do not send them here');
  // Officers are turned away at the door, as the policy never lets them decide.
  assertProblem(await as('street', 'POST', `/api/v1/volunteer-hours/${logged.json.id}/approve`), 403, 'forbidden');
  const pending = await as('reporter', 'GET', `/api/v1/volunteer-teams/${team.id}/hours?status=pending`);
  assert.equal(pending.status, 200, pending.text);
  assert.ok(pending.json.items.some((e) => e.id === logged.json.id), 'on the leader\'s approval list');
  assertProblem(await as('worker', 'GET', `/api/v1/volunteer-teams/${team.id}/hours?status=pending`), 403, 'volunteer_forbidden');

  const approved = await as('reporter', 'POST', `/api/v1/volunteer-hours/${logged.json.id}/approve`, { body: { note: '辛苦了' } });
  assert.equal(approved.status, 200, approved.text);
  assert.equal(approved.json.status, 'approved');
  assert.equal(await balance('worker'), before + 20, '150 minutes: two whole hours at 10 points');
  assertProblem(await as('reporter', 'POST', `/api/v1/volunteer-hours/${logged.json.id}/approve`), 409, 'volunteer_hours_decided');
  assertProblem(await as('reporter', 'POST', `/api/v1/volunteer-hours/${logged.json.id}/reject`), 409, 'volunteer_hours_decided');
  assert.equal(await balance('worker'), before + 20, 'paid once');

  const mine = await as('worker', 'GET', '/api/v1/me/volunteering');
  assert.equal(mine.status, 200, mine.text);
  const year = Number(beijingDay(-1).slice(0, 4));
  if (mine.json.year === year) {
    assert.ok(mine.json.totals.manual_minutes >= 150);
    assert.ok(mine.json.entries.some((e) => e.id === logged.json.id && e.status === 'approved'));
    assert.ok(mine.json.teams.some((t) => t.id === team.id && t.role === 'member'));
  }
});

test('a leader never approves their own hours; a rejected entry pays nothing', async () => {
  const own = await as('reporter', 'POST', `/api/v1/volunteer-teams/${team.id}/hours`, { body: { day: beijingDay(0), minutes: 60 } });
  assert.equal(own.status, 201, own.text);
  assertProblem(await as('reporter', 'POST', `/api/v1/volunteer-hours/${own.json.id}/approve`), 403, 'volunteer_own_entry');

  const before = await balance('worker');
  const other = await as('worker', 'POST', `/api/v1/volunteer-teams/${team.id}/hours`, { body: { day: beijingDay(0), minutes: 120 } });
  assert.equal(other.status, 201, other.text);
  const rejected = await as('reporter', 'POST', `/api/v1/volunteer-hours/${other.json.id}/reject`, { body: { note: '当天没有排班' } });
  assert.equal(rejected.status, 200, rejected.text);
  assert.equal(rejected.json.status, 'rejected');
  assert.equal(await balance('worker'), before);
});

test('entries are bounded: 1..720 minutes, not in the future, within 60 days, members only', async () => {
  const post = (who, body) => as(who, 'POST', `/api/v1/volunteer-teams/${team.id}/hours`, { body });
  assertProblem(await post('worker', { day: beijingDay(0), minutes: 0 }), 400, 'bad_volunteer_hours');
  assertProblem(await post('worker', { day: beijingDay(0), minutes: 721 }), 400, 'bad_volunteer_hours');
  assertProblem(await post('worker', { day: beijingDay(2), minutes: 60 }), 400, 'bad_volunteer_hours');
  assertProblem(await post('worker', { day: beijingDay(-61), minutes: 60 }), 400, 'bad_volunteer_hours');
  assertProblem(await post('worker', { day: '2026/12/01', minutes: 60 }), 400, 'bad_volunteer_hours');
  assertProblem(await post('guard', { day: beijingDay(0), minutes: 60 }), 403, 'forbidden');
});

test('a member\'s day holds at most 720 minutes, pending and approved, across teams', async () => {
  const day = beijingDay(-5);
  const post = (minutes) => as('worker', 'POST', `/api/v1/volunteer-teams/${team.id}/hours`, { body: { day, minutes } });
  const before = await as('worker', 'GET', '/api/v1/me/volunteering');
  const logged = (before.json.entries ?? []).filter((e) => e.day === day && e.status !== 'rejected')
    .reduce((sum, e) => sum + e.minutes, 0);
  const left = 720 - logged;
  assert.ok(left > 1, `room left on ${day}: ${left}`);
  const first = await post(left - 1);
  assert.equal(first.status, 201, first.text);
  const over = await post(2);
  assertProblem(over, 409, 'volunteer_day_full');
  assert.equal(over.json.left_minutes, 1);
  assert.equal((await post(1)).status, 201, 'up to 720 in all');
  assertProblem(await post(1), 409, 'volunteer_day_full');
});

test('hours certificate: one per team and total, the same total gives the same certificate', async () => {
  const first = await as('worker', 'POST', '/api/v1/me/volunteering/certificate');
  assert.equal(first.status, 200, first.text);
  const cert = first.json.certificates.find((c) => c.kind === 'volunteer_hours');
  assert.ok(cert, first.text);
  assert.match(cert.pdf, /^\/api\/v1\/certificates\/.+\/certificate\.pdf$/);
  const again = await as('worker', 'POST', '/api/v1/me/volunteering/certificate');
  assert.equal(again.status, 200, again.text);
  assert.ok(again.json.certificates.some((c) => c.serial === cert.serial), 'unchanged hours: the same certificate');
  const verify = await srv.api('GET', `/api/v1/certificates/${encodeURIComponent(cert.serial)}`);
  assert.equal(verify.status, 200, verify.text);
  assert.equal(verify.json.status, 'valid');
  assertProblem(await as('worker', 'POST', '/api/v1/me/volunteering/certificate?year=2021'), 409, 'no_volunteer_hours');
});

test('appointment letters: issued as a valid certificate, shown to the worker, revoked with their certificate', async () => {
  const termFrom = beijingDay(0);
  const termUntil = `${Number(termFrom.slice(0, 4)) + 1}${termFrom.slice(4)}`.replace(/-02-29$/, '-02-28');
  const body = { account_id: S.worker.account.id, kind: 'food_safety_supervisor', title: '食品安全监督员', term_from: termFrom, term_until: termUntil };
  assertProblem(await as('worker', 'POST', '/api/v1/appointments', { body }), 403, 'forbidden');
  assertProblem(await as('union', 'POST', '/api/v1/appointments', { body: { ...body, kind: 'mayor' } }), 400, 'validation_failed');
  assertProblem(await as('union', 'POST', '/api/v1/appointments', { body: { ...body, term_until: '2020-01-01', term_from: '2019-01-01' } }),
    400, 'bad_appointment');
  assertProblem(await as('union', 'POST', '/api/v1/appointments', { body: { ...body, account_id: S.union.account.id } }), 400, 'bad_appointment');

  const issued = await as('union', 'POST', '/api/v1/appointments', { body });
  assert.equal(issued.status, 201, issued.text);
  assert.equal(issued.json.status, 'active');
  const serial = issued.json.certificate.serial;
  assert.ok(serial);
  assert.match(issued.json.certificate.qr_text, /^YHC1:/, 'the letter answers with its signed QR text');
  const held = await as('worker', 'GET', '/api/v1/me/certificates');
  assert.equal(held.json.items.find((c) => c.serial === serial)?.qr_text, issued.json.certificate.qr_text);
  const valid = await srv.api('GET', `/api/v1/certificates/${encodeURIComponent(serial)}`);
  assert.equal(valid.status, 200, valid.text);
  assert.equal(valid.json.status, 'valid');

  const mine = await as('worker', 'GET', '/api/v1/me/volunteering');
  assert.ok(mine.json.appointments.some((a) => a.id === issued.json.id && a.certificate.serial === serial));
  const listed = await as('union', 'GET', '/api/v1/appointments');
  assert.ok(listed.json.items.some((a) => a.id === issued.json.id));
  assertProblem(await as('worker', 'GET', '/api/v1/workers/999999999/appointments'), 403, 'forbidden');
  assertProblem(await as('community', 'GET', '/api/v1/workers/999999999/appointments'), 404, 'not_found');

  // An organiser outside the issuing area: refused, in words about the letter (not about a team).
  const outsider = await as('community', 'POST', `/api/v1/appointments/${issued.json.id}/revoke`);
  assertProblem(outsider, 403, 'volunteer_forbidden');
  assert.doesNotMatch(outsider.json.detail, /队伍/);
  assert.match(outsider.json.detail, /聘书/);
  const revoked = await as('union', 'POST', `/api/v1/appointments/${issued.json.id}/revoke`);
  assert.equal(revoked.status, 200, revoked.text);
  assert.equal(revoked.json.status, 'revoked');
  assertProblem(await as('union', 'POST', `/api/v1/appointments/${issued.json.id}/revoke`), 409, 'appointment_revoked');
  const after = await srv.api('GET', `/api/v1/certificates/${encodeURIComponent(serial)}`);
  assert.equal(after.status, 200, after.text);
  assert.equal(after.json.status, 'revoked');
});

test('a worker leaves a team; leaving twice is 409', async () => {
  const left = await as('worker', 'POST', `/api/v1/volunteer-teams/${team.id}/leave`);
  assert.equal(left.status, 200, left.text);
  assert.equal(left.json.mine, null);
  assertProblem(await as('worker', 'POST', `/api/v1/volunteer-teams/${team.id}/leave`), 409, 'volunteer_not_member');
  assertProblem(await as('worker', 'POST', `/api/v1/volunteer-teams/${team.id}/hours`, { body: { day: beijingDay(0), minutes: 30 } }),
    409, 'volunteer_not_member');
  const back = await as('worker', 'POST', `/api/v1/volunteer-teams/${team.id}/join`);
  assert.equal(back.status, 200, back.text);
});
