// Childcare classes (托管班, issue 17, item 6): a station keeper creates a childcare class through the
// events API (kind childcare, family); a worker parent holding a confirmed place registers children
// with minimal data (given name, age, a note about allergies); another worker, who holds no place or
// holds their own, never sees them, nor does an officer of another street; the organisers see every
// child (each read audited) and keep attendance by Beijing day. Every child takes a place; at most 3
// per registration. Bad input (age 40, an empty name, a 30-character surname and name, a day outside
// the class) is a 400. The children never appear in the public event JSON. Runs on SQLite and PostgreSQL.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, assertProblem } from './harness.mjs';

const srv = useServer();
const S = {};
const as = (who, method, p, opts = {}) => srv.api(method, p, { token: S[who].token, ...opts });
const DAY = 86_400;

/** "YYYY-MM-DD" of the Beijing day `days` after today's, and that day's Beijing midnight in Unix seconds. */
function beijingDay(days) {
  const midnight = (Math.floor((Date.now() / 1000 + 8 * 3600) / DAY) + days) * DAY - 8 * 3600;
  return { date: new Date((midnight + 8 * 3600) * 1000).toISOString().slice(0, 10), midnight };
}

let classId;
let first;
let last;

before(async () => {
  await srv.start(); // the harness's hook may not have run yet: start() is one promise
  for (const [who, login] of Object.entries({ admin: 'demo-admin', worker: 'demo-worker', reporter: 'demo-reporter',
    keeper: 'demo-keeper', community: 'demo-community', street: 'demo-street' })) {
    S[who] = await srv.login(login);
  }
  // An officer of another street of the same district.
  const district = await as('admin', 'GET', '/api/v1/areas/110108');
  assert.equal(district.status, 200, district.text);
  const otherStreet = district.json.children.find((c) => c.code !== S.street.account.area.code);
  const created = await as('admin', 'POST', '/api/v1/accounts', { body: { login: `it-childcare-street-${process.pid}`,
    password: 'a-long-password-1', display_name: '别的街道干部', role: 'street_officer', area_code: otherStreet.code } });
  assert.equal(created.status, 201, created.text);
  S.otherStreet = await srv.login(`it-childcare-street-${process.pid}`, 'a-long-password-1');

  // A five-day class at the keeper's station, starting three days from now, with four places.
  const start = beijingDay(3);
  first = start.date;
  last = beijingDay(7).date;
  const res = await as('keeper', 'POST', '/api/v1/events', { body: {
    kind: 'childcare', title: '测试托管班', description: '作业辅导和手工', organiser_kind: 'station',
    organiser_name: '暖心驿站', area: S.keeper.account.area.code, address: '驿站二楼', lat: 39.9931, lon: 116.3318,
    starts_at: start.midnight + 8 * 3600, ends_at: start.midnight + 4 * DAY + 17 * 3600, capacity: 4, hold_minutes: 120,
    walk_ins: false, family: true, eligibility: { kinds: [], platforms: [], areas: [] } } });
  assert.equal(res.status, 201, res.text);
  classId = res.json.event.id;
});

const children = (id = classId) => `/api/v1/events/${id}/children`;
const addChild = (who, body) => as(who, 'POST', children(), { body });
const mark = (who, childId, day, present) =>
  as(who, 'PUT', `/api/v1/events/${classId}/children/${childId}/attendance/${day}`, { body: { present } });

test('a parent adds a child only on a confirmed place; bad input is a 400 naming the field', async () => {
  assertProblem(await addChild('worker', { given_name: '小雨', age: 7 }), 403, 'childcare_no_place');
  const registered = await as('worker', 'POST', `/api/v1/events/${classId}/registrations`, { body: {} });
  assert.equal(registered.status, 201, registered.text);
  assert.equal(registered.json.registration.status, 'confirmed');

  for (const [body, field] of [
    [{ given_name: '小雨', age: 40 }, 'age'],
    [{ given_name: '小雨', age: -1 }, 'age'],
    [{ given_name: '', age: 7 }, 'given_name'],
    [{ given_name: '   ', age: 7 }, 'given_name'],
    [{ given_name: '欧阳'.repeat(15), age: 7 }, 'given_name'],
    [{ given_name: '小雨', age: 7, note: '过'.repeat(101) }, 'note'],
  ]) {
    const res = await addChild('worker', body);
    assertProblem(res, 400, 'bad_child');
    assert.equal(res.json.field, field, res.text);
  }
  const zh = await addChild('worker', { given_name: '小雨', age: 40 });
  assert.match(zh.json.detail, /0 到 15 岁/);

  const added = await addChild('worker', { given_name: ' 小雨 ', age: 7, note: '花生过敏' });
  assert.equal(added.status, 201, added.text);
  assert.deepEqual({ ...added.json.child, id: 0, registration_id: 0, created_at: 0 },
    { id: 0, registration_id: 0, given_name: '小雨', age: 7, note: '花生过敏', created_at: 0 });

  const mine = await as('worker', 'GET', children());
  assert.equal(mine.status, 200, mine.text);
  assert.equal(mine.json.view, 'parent');
  assert.equal(mine.json.registration.status, 'confirmed');
  assert.deepEqual(mine.json.items.map((c) => c.given_name), ['小雨']);
  assert.equal(mine.json.items[0].parent, undefined);
  assert.deepEqual(mine.json.event.days, [first, beijingDay(4).date, beijingDay(5).date, beijingDay(6).date, last]);
});

test('another worker and an officer of another street cannot see the children', async () => {
  assertProblem(await as('reporter', 'GET', children()), 403, 'childcare_no_place');
  assertProblem(await as('otherStreet', 'GET', children()), 403, 'childcare_forbidden');
  assertProblem(await as('otherStreet', 'GET', `${children()}/attendance`), 403, 'childcare_forbidden');
  const child = (await as('worker', 'GET', children())).json.items[0];
  assertProblem(await mark('otherStreet', child.id, first, true), 403, 'childcare_forbidden');

  // Holding a place of their own, the other parent sees their own children only.
  const registered = await as('reporter', 'POST', `/api/v1/events/${classId}/registrations`, { body: {} });
  assert.equal(registered.status, 201, registered.text);
  const theirs = await as('reporter', 'GET', children());
  assert.equal(theirs.status, 200, theirs.text);
  assert.deepEqual(theirs.json.items, []);
  assertProblem(await as('reporter', 'DELETE', `${children()}/${child.id}`), 404, 'not_found');
  assertProblem(await mark('reporter', child.id, first, true), 403, 'forbidden');

  // Never in the public event JSON, signed in or not.
  for (const res of [await srv.api('GET', `/api/v1/events/${classId}`), await as('reporter', 'GET', `/api/v1/events/${classId}`)]) {
    assert.equal(res.status, 200, res.text);
    assert.ok(!res.text.includes('小雨') && !res.text.includes('花生'), res.text);
  }
  assertProblem(await as('worker', 'GET', children(999_999_999)), 404, 'not_found');
});

test('the organisers see every child, each read audited, and keep attendance by day', async () => {
  for (const who of ['keeper', 'community', 'street']) {
    const res = await as(who, 'GET', children());
    assert.equal(res.status, 200, `${who}: ${res.text}`);
    assert.equal(res.json.view, 'organiser');
    assert.deepEqual(res.json.items.map((c) => [c.given_name, c.age, c.note, c.parent.name]), [['小雨', 7, '花生过敏', '张小哥']]);
  }
  const audit = await as('admin', 'GET', '/api/v1/audit?limit=50');
  assert.equal(audit.status, 200, audit.text);
  const reads = audit.json.items.filter((e) => e.action === 'childcare.children_read' && e.entity_id === String(classId));
  assert.deepEqual(new Set(reads.map((e) => e.actor_login)), new Set(['demo-keeper', 'demo-community', 'demo-street']));

  const child = (await as('keeper', 'GET', children())).json.items[0];
  const marked = await mark('keeper', child.id, first, true);
  assert.equal(marked.status, 200, marked.text);
  assert.deepEqual({ ...marked.json, recorded_at: 0 }, { child_id: child.id, day: first, present: true, recorded_at: 0 });
  assert.equal((await mark('keeper', child.id, first, false)).status, 200);
  assert.equal((await mark('community', child.id, last, true)).status, 200);
  for (const day of [beijingDay(2).date, beijingDay(8).date, '2026-02-30', 'tomorrow']) {
    const res = await mark('keeper', child.id, day, true);
    assertProblem(res, 400, 'bad_attendance_day');
    assert.equal(res.json.first, first);
    assert.equal(res.json.last, last);
  }
  assertProblem(await mark('keeper', 999_999_999, first, true), 404, 'not_found');

  const sheet = await as('keeper', 'GET', `${children()}/attendance`);
  assert.equal(sheet.status, 200, sheet.text);
  assert.deepEqual(sheet.json.days.map((d) => d.day), [first, beijingDay(4).date, beijingDay(5).date, beijingDay(6).date, last]);
  assert.deepEqual(sheet.json.days.map((d) => d.present), [0, 0, 0, 0, 1]);
  assert.deepEqual(sheet.json.children.map((c) => [c.given_name, c.attendance]), [['小雨', { [first]: false, [last]: true }]]);
  const sheetReads = (await as('admin', 'GET', '/api/v1/audit?limit=50')).json.items
    .filter((e) => e.action === 'childcare.sheet_read' && e.actor_login === 'demo-keeper');
  assert.equal(sheetReads.length, 1);
  assertProblem(await as('worker', 'GET', `${children()}/attendance`), 403, 'forbidden');
});

test('every child takes a place: at most 3 per registration, never more than the capacity', async () => {
  assert.equal((await addChild('worker', { given_name: '小风', age: 4 })).status, 201);
  assert.equal((await addChild('worker', { given_name: '小雪', age: 0 })).status, 201);
  const fourth = await addChild('worker', { given_name: '小雷', age: 10 });
  assertProblem(fourth, 409, 'too_many_children');
  assert.equal(fourth.json.max, 3);
  assert.equal((await addChild('reporter', { given_name: '朵朵', age: 2 })).status, 201);
  const full = await addChild('reporter', { given_name: '豆豆', age: 5 });
  assertProblem(full, 409, 'childcare_full');
  assert.equal(full.json.capacity, 4);

  // The parent removes a child: the place is free again, and the child is gone from every list.
  const mine = (await as('worker', 'GET', children())).json.items;
  const removed = await as('worker', 'DELETE', `${children()}/${mine[2].id}`);
  assert.equal(removed.status, 200, removed.text);
  assertProblem(await as('worker', 'DELETE', `${children()}/${mine[2].id}`), 404, 'not_found');
  assert.equal((await addChild('reporter', { given_name: '豆豆', age: 5 })).status, 201);
  const all = await as('keeper', 'GET', children());
  assert.deepEqual(all.json.items.map((c) => c.given_name), ['小雨', '小风', '朵朵', '豆豆']);
  // The roster's family_count follows the children.
  const roster = await as('keeper', 'GET', `/api/v1/events/${classId}/roster`);
  assert.equal(roster.status, 200, roster.text);
  assert.deepEqual(roster.json.items.map((r) => r.family_count).sort(), [2, 2]);
});

test('the demo: demo-worker holds a place in the winter class with 小雨, 7', async () => {
  const tickets = await as('worker', 'GET', '/api/v1/me/events');
  assert.equal(tickets.status, 200, tickets.text);
  const winter = tickets.json.items.find((t) => t.event.kind === 'childcare' && t.event.title === '寒假托管班');
  assert.ok(winter, 'demo-worker is registered for the winter class');
  const res = await as('worker', 'GET', children(winter.event.id));
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json.items.map((c) => [c.given_name, c.age]), [['小雨', 7]]);
  assert.equal(res.json.event.days.length, 10);
  const sheet = await as('keeper', 'GET', `${children(winter.event.id)}/attendance`);
  assert.equal(sheet.status, 200, sheet.text);
  assert.deepEqual(sheet.json.children.map((c) => c.given_name), ['小雨']);
});
