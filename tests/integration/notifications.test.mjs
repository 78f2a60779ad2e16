// Everyone who gets work is told (issue 15, item 5; docs/reports.md): each step of a report's chain
// notifies exactly its receivers (the officer a report is dispatched to, whoever handled a reopened
// report or else its acceptor, the reporter at each step of their report but their own) and nobody
// else; the words come from the catalogue in the reader's language; the inbox's event stream
// (GET /api/v1/notifications/events) tells a watcher within a second of the step, and only the
// watcher it concerns; the same route answers JSON to a client that holds no stream; an appointed
// roaming grid reporter is told too.
//
// Reports are placed on the grid south of 华清嘉园小区 (report_helpers.mjs) in 科源社区, where the
// rules send them to demo-keeper's station; the reporter is a rider registered and verified here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { useServer, assertProblem, jpegWithExif, openEventStream, registerRider } from './harness.mjs';
import { reportCalls, spot } from './report_helpers.mjs';

const srv = useServer();
const S = {};
let RIDER;
const KEYUAN = '110108011001'; // 科源社区
const STAFF = ['worker', 'keeper', 'community', 'grid', 'street', 'district', 'property', 'guard', 'admin'];

const tag = () => randomBytes(4).toString('hex');
const tokenOf = (who) => (typeof who === 'string' ? S[who].token : who.token);
const as = (who, method, p, opts = {}) => srv.api(method, p, { token: tokenOf(who), ...opts });
const { acted } = reportCalls(as);

before(async () => {
  await srv.start();
  for (const who of STAFF) S[who] = await srv.login(`demo-${who}`);
  RIDER = await registerRider(srv, { name: '孙通知', verifyAs: S.community.token });
  S.rider = RIDER;
});

async function inbox(who, lang) {
  const res = await as(who, 'GET', '/api/v1/notifications', lang ? { headers: { 'Accept-Language': lang } } : {});
  assert.equal(res.status, 200, res.text);
  return res.json;
}

/** Who has been told what about report `id`: {who: [kind, …] oldest first}, only those told. */
async function toldAbout(id) {
  const out = {};
  for (const who of ['rider', ...STAFF]) {
    const kinds = (await inbox(who)).items.filter((n) => n.report_id === id).map((n) => n.kind).reverse();
    if (kinds.length) out[who] = kinds;
  }
  return out;
}

/** Runs `step` and checks that exactly `expected` ({who: [kind, …]}) was told of report `id` by it. */
async function tells(id, label, step, expected) {
  const before = await toldAbout(id);
  const result = await step();
  const after = await toldAbout(id);
  const told = {};
  for (const [who, kinds] of Object.entries(after)) {
    const added = kinds.slice((before[who] ?? []).length);
    if (added.length) told[who] = added;
  }
  assert.deepEqual(told, expected, `${label}: who was told`);
  return result;
}

async function submitted(who, body) {
  const res = await as(who, 'POST', '/api/v1/reports', { body: { client_id: `n-${tag()}`, ...body } });
  assert.equal(res.status, 201, `submit: ${res.text.slice(0, 300)}`);
  assert.equal(res.json.area.code, KEYUAN);
  return res.json;
}

async function photo(who) {
  const res = await srv.api('POST', '/api/v1/report-photos', { token: tokenOf(who), rawBody: jpegWithExif(), headers: { 'Content-Type': 'image/jpeg' } });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

// ---- the inbox's event stream, read with fetch ------------------------------------------------

const streams = [];
/** The inbox stream of `who`: its `next(timeoutMs = 5000)` is the next `event: inbox`, {id, data: {unread, latest}, at (ms)}, or null. */
async function openInbox(who) {
  const stream = await openEventStream(srv, '/api/v1/notifications/events', { token: tokenOf(who), event: 'inbox' });
  streams.push(stream);
  assert.equal(stream.res.status, 200);
  assert.match(String(stream.res.headers.get('content-type')), /^text\/event-stream/);
  return stream;
}
after(() => { for (const s of streams) s.close(); });

// ---- the chain --------------------------------------------------------------------------------

test('each step tells exactly its receivers: dispatch the officer, reopen the handler, the reporter every step but their own', async () => {
  const report = await submitted(RIDER, { category: 'fire_lane', description: '消防通道被堵', ...spot(-1, 0) });
  const id = report.id;
  assert.equal(report.acceptor?.kind, 'nearest_station', JSON.stringify(report.acceptor));
  assert.deepEqual(await toldAbout(id), { keeper: ['report_routed'] }, 'submitted: the station keeper only');

  await tells(id, 'accept', () => acted('keeper', id, { action: 'accept' }, 'accepted'), { rider: ['report_accepted'] });
  await tells(id, 'dispatch to the grid officer',
    () => acted('community', id, { action: 'dispatch', assignee: { kind: 'officer', login: 'demo-grid' } }, 'dispatched'),
    { grid: ['report_assigned'], rider: ['report_dispatched'] });
  await tells(id, 'start', () => acted('grid', id, { action: 'start' }, 'in_progress'), { rider: ['report_started'] });
  const proof = await photo('grid');
  await tells(id, 'resolve', () => acted('grid', id, { action: 'resolve', photo_id: proof.id, note: '已清理' }, 'resolved'),
    { rider: ['report_resolved'] });
  await tells(id, "confirm: the reporter's own step", () => acted(RIDER, id, { action: 'confirm' }, 'confirmed'), {});
  await tells(id, 'reopen', () => acted(RIDER, id, { action: 'reopen', note: '又堵上了' }, 'in_progress'), { grid: ['reopened'] });
  await tells(id, 'close as referred', () => acted('community', id, { action: 'close', reason: 'referred' }, 'closed'),
    { rider: ['report_closed_referred'] });

  // Worded from the catalogue in the reader's language, with the report's number.
  const zh = (await inbox(RIDER)).items.filter((n) => n.report_id === id);
  const words = Object.fromEntries(zh.map((n) => [n.kind, n.message]));
  assert.equal(words.report_accepted, `你的上报 #${id}（消防通道堵塞）已受理`);
  assert.equal(words.report_resolved, `你的上报 #${id}（消防通道堵塞）已处理完毕，请确认结果`);
  assert.match(words.report_closed_referred, /转交其他部门/);
  const en = (await inbox(RIDER, 'en')).items.find((n) => n.report_id === id && n.kind === 'report_dispatched');
  assert.equal(en.message, `Your report #${id} (fire_lane) was passed on to be handled`);
  const grid = (await inbox('grid')).items.filter((n) => n.report_id === id);
  assert.equal(grid.find((n) => n.kind === 'report_assigned').message, `上报 #${id}（消防通道堵塞）已派给你处理`);
  assert.equal(grid.find((n) => n.kind === 'reopened').message, `上报 #${id} 被重新打开：又堵上了`);
  for (const n of [...zh, ...grid]) assert.ok(!/\{[a-z_]+\}/.test(n.message), `every placeholder filled: ${n.message}`);
});

test('nobody is told of their own step; a department dispatch tells the reporter only; a reopen nobody handled goes to the acceptor', async () => {
  // The community officer takes it up and dispatches to themselves: only the reporter hears.
  const a = await submitted(RIDER, { category: 'facility', description: '路灯不亮', ...spot(-1, 1) });
  await tells(a.id, 'dispatch to oneself',
    () => acted('community', a.id, { action: 'dispatch', assignee: { kind: 'officer', login: 'demo-community' } }, 'dispatched'),
    { rider: ['report_dispatched'] });
  // A department is nobody's inbox.
  const b = await submitted(RIDER, { category: 'sanitation', description: '垃圾堆积', ...spot(-1, 0) });
  await tells(b.id, 'dispatch to a department',
    () => acted('community', b.id, { action: 'dispatch', assignee: { kind: 'department', name: '市容环卫' } }, 'dispatched'),
    { rider: ['report_dispatched'] });
  // Closed before anybody took it up, then reopened without a note: back to the station keeper.
  const c = await submitted(RIDER, { category: 'traffic', description: '路口信号灯坏了', ...spot(-1, 1) });
  assert.equal(c.acceptor?.kind, 'nearest_station');
  await tells(c.id, 'close as a duplicate', () => acted('community', c.id, { action: 'close', reason: 'duplicate' }, 'closed'),
    { rider: ['report_closed_duplicate'] });
  await tells(c.id, 'reopen nobody handled', () => acted(RIDER, c.id, { action: 'reopen' }, 'in_progress'), { keeper: ['reopened_no_note'] });
  const keeper = (await inbox('keeper')).items.find((n) => n.report_id === c.id && n.kind === 'reopened_no_note');
  assert.equal(keeper.message, `上报 #${c.id}（交通隐患）被上报人重新打开，请继续处理`);
});

test('the inbox stream: the state at once, an event within a second of a step for its receivers only, and when read', async () => {
  const r = await submitted('worker', { category: 'hazard', description: '井盖松动', ...spot(-1, 0) });
  const grid = await openInbox('grid');
  const keeper = await openInbox('keeper');
  const worker = await openInbox('worker');
  // First: the inbox as it is, the same as the list and the JSON form say.
  const first = await grid.next();
  assert.ok(first, 'the state at once');
  const listed = await inbox('grid');
  assert.equal(first.data.unread, listed.unread);
  assert.equal(first.data.latest, listed.items[0]?.id ?? 0);
  assert.equal(Number(first.id), first.data.latest, 'the event id is the newest notification');
  const json = await as('grid', 'GET', '/api/v1/notifications/events');
  assert.equal(json.status, 200, json.text);
  assert.match(String(json.headers['content-type']), /^application\/json/);
  assert.deepEqual(json.json, first.data);
  assert.ok(await keeper.next(), "the keeper's state");
  const workerFirst = await worker.next();
  assert.ok(workerFirst, "the reporter's state");

  // The community dispatches to the grid officer: the officer and the reporter hear within a second, the keeper not.
  const t0 = Date.now();
  await acted('community', r.id, { action: 'dispatch', assignee: { kind: 'officer', login: 'demo-grid' } }, 'dispatched');
  const acted_at = Date.now();
  const told = await grid.next(3000);
  assert.ok(told, 'an event for the grid officer');
  assert.ok(told.at - acted_at < 1000, `within a second of the step (${told.at - acted_at} ms after the answer, ${told.at - t0} ms after asking)`);
  assert.equal(told.data.unread, first.data.unread + 1);
  const newest = (await inbox('grid')).items[0];
  assert.equal(newest.report_id, r.id);
  assert.equal(newest.kind, 'report_assigned');
  assert.equal(told.data.latest, newest.id);
  const rider = await worker.next(3000);
  assert.ok(rider && rider.at - acted_at < 1000, 'the reporter hears of the dispatch within a second');
  assert.equal(rider.data.unread, workerFirst.data.unread + 1);
  assert.equal(await keeper.next(1500), null, 'the keeper is not told: no event');

  // Read on another device: the bell clears everywhere.
  const read = await as('grid', 'POST', '/api/v1/notifications/read', { body: {} });
  assert.equal(read.status, 200, read.text);
  const read_at = Date.now();
  const cleared = await grid.next(3000);
  assert.ok(cleared && cleared.at - read_at < 1000, 'an event within a second of reading');
  assert.deepEqual(cleared.data, { unread: 0, latest: newest.id });
  assert.equal((await inbox('grid')).unread, 0);
  for (const s of [grid, keeper, worker]) s.close();
});

test('the inbox route: JSON without a stream, for every signed-in role, never anonymous', async () => {
  for (const who of ['worker', 'guard', 'admin']) {
    const res = await as(who, 'GET', '/api/v1/notifications/events');
    assert.equal(res.status, 200, `${who}: ${res.text}`);
    assert.ok(Number.isInteger(res.json.unread) && res.json.unread >= 0, res.text);
    assert.ok(Number.isInteger(res.json.latest) && res.json.latest >= 0, res.text);
    assert.equal(res.json.unread, (await inbox(who)).unread, `${who}: the same count as the list`);
  }
  assertProblem(await srv.request('GET', '/api/v1/notifications/events'), 401, 'auth_required');
  assertProblem(await srv.request('GET', '/api/v1/notifications/events', { headers: { Accept: 'text/event-stream' } }), 401, 'auth_required');
});

test('a worker appointed a roaming grid reporter is told, about no report', async () => {
  const ymd = (ms) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
  const term = { term_start: ymd(Date.now()), term_end: ymd(Date.now() + 60 * 86_400_000) };
  const stream = await openInbox(RIDER);
  const now = await stream.next();
  assert.ok(now);
  const res = await as('community', 'POST', '/api/v1/grid-reporters', { body: { worker_id: RIDER.workerId, area_code: KEYUAN, ...term } });
  assert.equal(res.status, 201, res.text);
  const told = await stream.next(3000);
  assert.ok(told, 'the appointment wakes the worker\'s stream');
  assert.equal(told.data.unread, now.data.unread + 1);
  const n = (await inbox(RIDER)).items[0];
  assert.equal(n.kind, 'grid_appointed');
  assert.equal(n.report_id, null);
  assert.equal(n.message, `你已被聘为科源社区流动网格员，任期 ${term.term_start} 至 ${term.term_end}`);
  assert.ok(!(await inbox('community')).items.some((x) => x.kind === 'grid_appointed'), 'the officer who appointed is not told');
  stream.close();
});
