// Events (issue 17, item 1): union staff create a CPR training with 30 places; 31 workers register,
// the 31st waits; one cancels, the 31st is offered the held place and takes it. Registering twice is
// 409; two parallel registrations for the last place get exactly one seat; a start in the past and
// an absurd capacity are 400 with their reason; a worker the event is not for gets 403; an
// organiser cancelling a worker tells them; a cancelled event tells everyone.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, assertProblem, registerRider } from './harness.mjs';

const srv = useServer();
const S = {};
const now = () => Math.floor(Date.now() / 1000);
const as = (who, method, p, opts = {}) => srv.api(method, p, { token: who.token, ...opts });
const eventBody = (over = {}) => ({
  kind: 'training', title: '心肺复苏与急救培训', description: '带上身份证', organiser_kind: 'union',
  organiser_name: '海淀区总工会', area: '110108', address: '中关村大街 27 号', lat: 39.983, lon: 116.316,
  starts_at: now() + 3 * 86400, ends_at: now() + 3 * 86400 + 7200, capacity: 30, ...over,
});
const create = async (over = {}) => {
  const res = await as(S.union, 'POST', '/api/v1/events', { body: eventBody(over) });
  assert.equal(res.status, 201, res.text);
  return res.json.event;
};
const bell = async (who) => (await as(who, 'GET', '/api/v1/notifications')).json.items.map((n) => `${n.kind}:${n.message}`);

/** `count` new riders, a few at a time. */
async function riders(count, opts = {}) {
  const out = [];
  while (out.length < count) {
    const batch = Math.min(6, count - out.length);
    out.push(...await Promise.all(Array.from({ length: batch }, (_, i) =>
      registerRider(srv, { name: `活动骑手${out.length + i}`, verifyAs: S.community.token, ...opts }))));
  }
  return out;
}

before(async () => {
  await srv.start();
  for (const [who, login] of [['union', 'demo-union'], ['worker', 'demo-worker'], ['keeper', 'demo-keeper'],
    ['district', 'demo-district'], ['community', 'demo-community']]) S[who] = await srv.login(login);
  S.riders = await riders(31);
});

test('30 places, 31 register: the 31st waits, is offered a freed place and takes it', async () => {
  const event = await create();
  assert.equal(event.capacity, 30);
  assert.equal(event.taken, 0);
  assert.match(event.uid, /^[0-9a-f]{32}@youhao$/);
  assert.equal(event.can.manage, true);

  const first30 = S.riders.slice(0, 30);
  const results = await Promise.all(first30.map((r) => as(r, 'POST', `/api/v1/events/${event.id}/registrations`, { body: {} })));
  for (const res of results) assert.equal(res.status, 201, res.text);
  assert.ok(results.every((r) => r.json.registration.status === 'confirmed'));
  const seats = results.map((r) => r.json.registration.seat).sort((a, b) => a - b);
  assert.deepEqual(seats, Array.from({ length: 30 }, (_, i) => i + 1), 'seats 1..30, each once');

  const last = S.riders[30];
  const waiting = await as(last, 'POST', `/api/v1/events/${event.id}/registrations`);
  assert.equal(waiting.status, 201, waiting.text);
  assert.equal(waiting.json.registration.status, 'waiting');
  assert.equal(waiting.json.registration.seat, null);

  // Registering twice is refused.
  assertProblem(await as(last, 'POST', `/api/v1/events/${event.id}/registrations`), 409, 'already_registered');
  assertProblem(await as(first30[0], 'POST', `/api/v1/events/${event.id}/registrations`), 409, 'already_registered');
  assertProblem(await as(last, 'POST', `/api/v1/events/${event.id}/registrations/accept`), 409, 'no_offer');

  let read = await as(last, 'GET', `/api/v1/events/${event.id}`);
  assert.equal(read.json.taken, 30);
  assert.equal(read.json.waiting, 1);
  assert.equal(read.json.mine.status, 'waiting');

  // One cancels: the 31st is offered the place, held for hold_minutes, and told.
  const gone = await as(first30[4], 'DELETE', `/api/v1/events/${event.id}/registrations/mine`);
  assert.equal(gone.status, 200, gone.text);
  assert.equal(gone.json.registration.status, 'cancelled');
  read = await as(last, 'GET', `/api/v1/events/${event.id}`);
  assert.equal(read.json.mine.status, 'offered');
  const freed = results[4].json.registration.seat;
  assert.equal(read.json.mine.seat, freed, 'the freed seat');
  assert.ok(read.json.mine.offered_until > now() && read.json.mine.offered_until <= now() + 120 * 60 + 5);
  assert.ok((await bell(last)).some((line) => line.startsWith('event_promoted:') && line.includes('心肺复苏')));
  const accepted = await as(last, 'POST', `/api/v1/events/${event.id}/registrations/accept`);
  assert.equal(accepted.status, 200, accepted.text);
  assert.equal(accepted.json.registration.status, 'confirmed');
  assert.equal(accepted.json.registration.seat, freed);

  const roster = await as(S.union, 'GET', `/api/v1/events/${event.id}/roster`);
  assert.equal(roster.status, 200, roster.text);
  assert.deepEqual(roster.json.counts, { confirmed: 30, offered: 0, waiting: 0, cancelled: 1 });
  assert.match(roster.json.items[0].worker.phone_masked, /^1\d{2}\*{4}\d{4}$/);
  assertProblem(await as(S.keeper, 'GET', `/api/v1/events/${event.id}/roster`), 403, 'not_event_organiser');

  const mine = await as(last, 'GET', '/api/v1/me/events');
  assert.equal(mine.status, 200, mine.text);
  assert.ok(mine.json.items.some((item) => item.event.id === event.id && item.registration.status === 'confirmed'));
  const listed = await srv.api('GET', '/api/v1/events?area=110108&kind=training&lat=39.98&lon=116.31&sort=ride');
  assert.equal(listed.status, 200, listed.text);
  const found = listed.json.items.find((e) => e.id === event.id);
  assert.ok(found, 'listed this week');
  assert.ok(Number.isInteger(found.riding_minutes) && found.riding_minutes >= 1);
  assert.equal(found.mine, null, 'anonymous');
});

test('two parallel registrations for the last place: exactly one seat', async () => {
  const event = await create({ capacity: 2 });
  const [a, b, c] = S.riders.slice(0, 3);
  assert.equal((await as(a, 'POST', `/api/v1/events/${event.id}/registrations`)).status, 201);
  const both = await Promise.all([b, c].map((r) => as(r, 'POST', `/api/v1/events/${event.id}/registrations`)));
  assert.deepEqual(both.map((r) => r.status), [201, 201]);
  assert.deepEqual(both.map((r) => r.json.registration.status).sort(), ['confirmed', 'waiting']);
  const read = await as(S.union, 'GET', `/api/v1/events/${event.id}`);
  assert.equal(read.json.taken, 2);
  assert.equal(read.json.waiting, 1);
});

test('absurd input: past start, capacity, times; who may create', async () => {
  const past = assertProblem(await as(S.union, 'POST', '/api/v1/events', { body: eventBody({ starts_at: now() - 3600, ends_at: now() }) }),
    400, 'event_past');
  assert.match(past.detail, /过去/);
  for (const capacity of [0, 20000]) {
    const bad = assertProblem(await as(S.union, 'POST', '/api/v1/events', { body: eventBody({ capacity }) }), 400, 'bad_event');
    assert.equal(bad.field, 'capacity');
  }
  const long = assertProblem(await as(S.union, 'POST', '/api/v1/events',
    { body: eventBody({ ends_at: now() + 3 * 86400 + 15 * 86400 }) }), 400, 'bad_event');
  assert.equal(long.field, 'ends_at');
  const backwards = assertProblem(await as(S.union, 'POST', '/api/v1/events',
    { body: eventBody({ ends_at: now() + 86400 }) }), 400, 'bad_event');
  assert.equal(backwards.field, 'ends_at');
  assertProblem(await as(S.union, 'POST', '/api/v1/events', { body: eventBody({ kind: 'party' }) }), 400, 'validation_failed');
  assertProblem(await as(S.worker, 'POST', '/api/v1/events', { body: eventBody() }), 403, 'forbidden');
  assertProblem(await as(S.union, 'POST', '/api/v1/events', { body: eventBody({ area: '110000' }) }), 403,
    'not_event_organiser', 'the city, above the district');
  assertProblem(await srv.api('POST', '/api/v1/events', { body: eventBody() }), 401);

  const series = await as(S.union, 'POST', '/api/v1/events',
    { body: eventBody({ kind: 'weekly_service', title: '周周有服务', repeat_weekly_until: now() + 3 * 86400 + 3 * 7 * 86400 + 600 }) });
  assert.equal(series.status, 201, series.text);
  assert.equal(series.json.count, 4);
  assert.equal(series.json.event.series_id, series.json.series_id);
  assertProblem(await as(S.union, 'POST', '/api/v1/events',
    { body: eventBody({ repeat_weekly_until: now() + 3 * 86400 + 30 * 7 * 86400 }) }), 400, 'bad_event');
});

test('a worker the event is not for: 403 not_eligible', async () => {
  const event = await create({ eligibility: { kinds: ['ride'] } });
  assertProblem(await as(S.riders[0], 'POST', `/api/v1/events/${event.id}/registrations`), 403, 'not_eligible');
  const read = await as(S.riders[0], 'GET', `/api/v1/events/${event.id}`);
  assert.equal(read.json.can.register, false);
  assertProblem(await as(S.union, 'POST', `/api/v1/events/${event.id}/registrations`), 403, 'forbidden', 'organisers do not register');
});

test('an organiser cancels a worker (told); a change tells registrants; a cancelled event tells everyone', async () => {
  const event = await create({ capacity: 2, title: '法律援助日', kind: 'legal_aid' });
  const [a, b, c] = S.riders.slice(10, 13);
  for (const r of [a, b, c]) assert.equal((await as(r, 'POST', `/api/v1/events/${event.id}/registrations`)).status, 201);
  const roster = (await as(S.union, 'GET', `/api/v1/events/${event.id}/roster`)).json;
  const aLine = roster.items.find((i) => i.worker.id === a.workerId);
  assertProblem(await as(S.keeper, 'POST', `/api/v1/events/${event.id}/registrations/${aLine.registration_id}/cancel`,
    { body: { reason: 'x' } }), 403, 'not_event_organiser');
  const cancelled = await as(S.union, 'POST', `/api/v1/events/${event.id}/registrations/${aLine.registration_id}/cancel`,
    { body: { reason: '重复报名' } });
  assert.equal(cancelled.status, 200, cancelled.text);
  assert.equal(cancelled.json.registration.status, 'cancelled');
  assert.ok((await bell(a)).some((line) => line.startsWith('event_registration_cancelled:') && line.includes('法律援助日')));
  assert.ok((await bell(c)).some((line) => line.startsWith('event_promoted:')), 'the waiting one is offered the place');

  const changed = await as(S.union, 'PATCH', `/api/v1/events/${event.id}`, { body: { starts_at: event.starts_at + 3600, ends_at: event.ends_at + 3600 } });
  assert.equal(changed.status, 200, changed.text);
  assert.equal(changed.json.sequence, event.sequence + 1);
  assert.ok((await bell(b)).some((line) => line.startsWith('event_changed:')));
  assertProblem(await as(S.union, 'PATCH', `/api/v1/events/${event.id}`, { body: { capacity: 1 } }), 400, 'bad_event');

  const off = await as(S.union, 'POST', `/api/v1/events/${event.id}/cancel`, { body: { reason: '暴雨预警' } });
  assert.equal(off.status, 200, off.text);
  assert.equal(off.json.status, 'cancelled');
  assert.equal(off.json.sequence, event.sequence + 2);
  assert.equal(off.json.taken, 0);
  for (const r of [b, c]) assert.ok((await bell(r)).some((line) => line.startsWith('event_cancelled:')), 'everyone told');
  assertProblem(await as(S.riders[20], 'POST', `/api/v1/events/${event.id}/registrations`), 409, 'event_cancelled');
  assertProblem(await as(S.union, 'POST', `/api/v1/events/${event.id}/cancel`, { body: {} }), 409, 'event_cancelled');
  assertProblem(await srv.api('GET', '/api/v1/events/999999'), 404, 'event_not_found');
});

test('only verified workers take places; eligibility names real areas', async () => {
  const event = await create({ capacity: 10 });
  const pending = await registerRider(srv, { name: '活动待审' });
  const refused = assertProblem(await as(pending, 'POST', `/api/v1/events/${event.id}/registrations`), 403, 'worker_not_verified');
  assert.match(refused.detail, /审核通过后/);
  const bad = assertProblem(await as(S.union, 'POST', '/api/v1/events', { body: eventBody({ eligibility: { areas: ['999999'] } }) }),
    400, 'bad_event');
  assert.equal(bad.field, 'eligibility');
});

test('a capacity cut racing registrations never leaves more places taken than there are', async () => {
  for (let round = 0; round < 3; round++) {
    const event = await create({ capacity: 10 });
    const group = S.riders.slice(round * 9, round * 9 + 9);
    for (const r of group.slice(0, 3)) assert.equal((await as(r, 'POST', `/api/v1/events/${event.id}/registrations`)).status, 201);
    const [cut, ...joins] = await Promise.all([
      as(S.union, 'PATCH', `/api/v1/events/${event.id}`, { body: { capacity: 3 } }),
      ...group.slice(3).map((r) => as(r, 'POST', `/api/v1/events/${event.id}/registrations`)),
    ]);
    assert.ok([200, 400].includes(cut.status), cut.text);
    for (const join of joins) assert.equal(join.status, 201, join.text);
    const read = await as(S.union, 'GET', `/api/v1/events/${event.id}`);
    const after = read.json.event ?? read.json;
    assert.ok(after.taken <= after.capacity, `round ${round}: ${after.taken} taken of ${after.capacity}`);
    if (cut.status === 200) assert.equal(after.capacity, 3);
  }
});
