// Calendar feeds (issue 17, items 3 and 8b): an area's public iCalendar feed, one event's, and a
// worker's personal feed behind a secret link. The feeds are parsed by ical.js and by Python's
// icalendar; the UID stays while SEQUENCE grows with a change, a cancelled event stays in the feed
// as CANCELLED, a long Chinese title is folded at 75 octets, an ETag answers 304, and a reset,
// revoked or unknown link answers 404 (never someone else's calendar). Events and registrations
// are written with SQL (this file tests the feeds, not the events API). Runs on SQLite and PostgreSQL.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import ICAL from 'ical.js';
import { useServer, assertProblem } from './harness.mjs';

const execFileP = promisify(execFile);
const srv = useServer();
const S = {};
const now = () => Math.floor(Date.now() / 1000);
const DAY = 86_400;
const DISTRICT = '110108';
// Debian's python3 carries python3-icalendar (scripts/install-deps.sh); a pyenv python3 on PATH may not.
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const q = (text) => `'${String(text).replaceAll("'", "''")}'`;

/** Runs SQL on the test database with the backend's own client. */
async function sql(statement) {
  if (srv.db.kind === 'postgres') {
    const { stdout } = await execFileP('psql', ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', srv.db.url, '-c', statement]);
    return stdout.trim();
  }
  const { stdout } = await execFileP('sqlite3', ['-cmd', '.timeout 10000', srv.db.url.slice('sqlite:'.length), statement]);
  return stdout.trim();
}

const uid = () => `${randomBytes(16).toString('hex')}@youhao`;

/** Inserts an event as the events module stores it; returns {id, uid}. */
async function insertEvent({ title, area, startsIn = DAY, status = 'scheduled', description = '' }) {
  const path = await sql(`SELECT path FROM areas WHERE code = ${q(area)}`);
  const creator = await sql("SELECT id FROM accounts WHERE login = 'demo-union'");
  const u = uid();
  const t = now();
  await sql(`INSERT INTO events (uid, kind, title, description, organiser_kind, organiser_name, created_by, area_code,
    area_path, address, lat, lon, starts_at, ends_at, capacity, status, sequence, created_at, updated_at) VALUES
    (${q(u)}, 'public_class', ${q(title)}, ${q(description)}, 'union', '海淀区总工会', ${creator}, ${q(area)}, ${q(path)},
    '中关村大街1号, 3层; 东门', 39.98, 116.31, ${t + startsIn}, ${t + startsIn + 7200}, 30, ${q(status)}, 0, ${t - 60}, ${t - 60})`);
  const id = Number(await sql(`SELECT id FROM events WHERE uid = ${q(u)}`));
  return { id, uid: u, startsAt: t + startsIn };
}

async function register(eventId, login, status, cancelledBy = '') {
  const account = await sql(`SELECT id FROM accounts WHERE login = ${q(login)}`);
  await sql(`INSERT INTO event_registrations (event_id, account_id, status, registered_at, cancelled_by, updated_at)
    VALUES (${eventId}, ${account}, ${q(status)}, ${now()}, ${q(cancelledBy)}, ${now()})`);
}

/** A change as the events module makes it: SEQUENCE + 1 and updated_at bumped. */
async function change(eventId, set) {
  await sql(`UPDATE events SET ${set}, sequence = sequence + 1, updated_at = ${now()} WHERE id = ${eventId}`);
}

function parseWithIcalJs(text) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((c) => {
    const event = new ICAL.Event(c);
    return {
      uid: event.uid, summary: event.summary, sequence: event.sequence,
      status: c.getFirstPropertyValue('status'), start: event.startDate.toUnixTime(),
      tzid: c.getFirstProperty('dtstart').getParameter('tzid'), location: event.location,
    };
  });
}

function parseWithPython(text) {
  const script = `
import json, sys, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
out = []
for c in cal.walk('VEVENT'):
    out.append({'uid': str(c.get('uid')), 'summary': str(c.get('summary')), 'sequence': int(c.get('sequence')),
                'status': str(c.get('status')), 'start': int(c.decoded('dtstart').timestamp()),
                'location': str(c.get('location', ''))})
print(json.dumps({'name': str(cal.get('x-wr-calname')), 'events': out}, ensure_ascii=False))
`;
  const run = spawnSync(PYTHON, ['-c', script], { input: Buffer.from(text, 'utf8') });
  assert.equal(run.status, 0, `python icalendar: ${run.stderr}`);
  return JSON.parse(run.stdout.toString('utf8'));
}

function assertWellFormed(text) {
  assert.ok(text.startsWith('BEGIN:VCALENDAR\r\n'), text.slice(0, 80));
  assert.ok(text.endsWith('END:VCALENDAR\r\n'));
  assert.equal(text.replaceAll('\r\n', '').includes('\n'), false, 'every line ends with CRLF');
  for (const line of text.split('\r\n')) {
    assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `line over 75 octets: ${line}`);
    assert.equal(line.includes('\uFFFD'), false, `a fold split a character: ${line}`);
  }
}

const feed = (p, headers = {}) => srv.request('GET', p, { headers: { 'Accept-Language': 'zh-CN', ...headers } });

before(async () => {
  await srv.start(); // the harness's hook may not have run yet: start() is one promise
  for (const login of ['demo-worker', 'demo-reporter', 'demo-union']) S[login] = await srv.login(login);
  S.workerArea = S['demo-worker'].account.area.code;
  // A title long enough to be folded, with Chinese at the fold.
  S.longTitle = '骑手节·夏日清凉义诊与法律咨询进社区，欢迎外卖骑手和快递小哥携家人参加';
  S.district = await insertEvent({ title: S.longTitle, area: DISTRICT, startsIn: 3 * DAY, description: '第一行\n第二行; 带逗号, 和反斜杠 \\' });
  S.community = await insertEvent({ title: '社区电影之夜', area: S.workerArea, startsIn: 5 * DAY });
  S.old = await insertEvent({ title: '两个月前的活动', area: DISTRICT, startsIn: -60 * DAY });
  // A street of the district that is not the worker's: its events are not in the worker's community feed.
  const workerPath = await sql(`SELECT path FROM areas WHERE code = ${q(S.workerArea)}`);
  const sibling = await sql(`SELECT code FROM areas WHERE level = 'street' AND path LIKE '%/${DISTRICT}/%' AND
    ${q(workerPath)} NOT LIKE path || '%' ORDER BY code LIMIT 1`);
  S.sibling = sibling ? await insertEvent({ title: '别的街道的活动', area: sibling, startsIn: DAY }) : null;
}, { timeout: 60_000 });

test('an area feed: text/calendar, cached publicly, parsed by ical.js and Python, folded at 75 octets', async () => {
  const res = await feed(`/api/v1/events.ics?area=${DISTRICT}`);
  assert.equal(res.status, 200, res.text.slice(0, 300));
  assert.equal(res.headers['content-type'], 'text/calendar; charset=utf-8');
  assert.equal(res.headers['cache-control'], 'public, max-age=300');
  assert.ok(res.headers.etag);
  assertWellFormed(res.text);
  assert.match(res.text, /\r\n [^\r\n]/, 'a long line is folded');
  assert.match(res.text, /X-WR-TIMEZONE:Asia\/Shanghai\r\n/);
  assert.match(res.text, /BEGIN:VTIMEZONE\r\nTZID:Asia\/Shanghai\r\n/);
  assert.match(res.text, /REFRESH-INTERVAL;VALUE=DURATION:PT\d+M\r\n/);

  const events = parseWithIcalJs(res.text);
  const district = events.find((e) => e.uid === S.district.uid);
  assert.ok(district, 'the district event is in the district feed');
  assert.equal(district.summary, S.longTitle, 'ical.js unfolds the Chinese title whole');
  assert.equal(district.tzid, 'Asia/Shanghai');
  assert.equal(district.location, '中关村大街1号, 3层; 东门', 'TEXT escaping round-trips');
  assert.ok(events.some((e) => e.uid === S.community.uid), 'events of the areas inside are in it');
  assert.equal(events.some((e) => e.uid === S.old.uid), false, 'an event two months ago is not');
  assert.equal(district.start, S.district.startsAt, 'ical.js reads the Beijing time as the right instant');

  const python = parseWithPython(res.text);
  const same = python.events.find((e) => e.uid === S.district.uid);
  assert.ok(same, 'Python icalendar finds it too');
  assert.equal(same.summary, S.longTitle);
  assert.equal(same.start, S.district.startsAt, 'Python reads the same instant');
  assert.match(python.name, /友好活动/);

  // A community feed also carries the events of the district it lies in.
  const community = await feed(`/api/v1/events.ics?area=${S.workerArea}`);
  assert.equal(community.status, 200);
  const uids = parseWithIcalJs(community.text).map((e) => e.uid);
  assert.ok(uids.includes(S.district.uid) && uids.includes(S.community.uid));
  if (S.sibling) assert.equal(uids.includes(S.sibling.uid), false, 'a sibling street\'s event is not');
});

test('an area feed: If-None-Match answers 304; a change makes a new ETag, the same UID and a higher SEQUENCE', async () => {
  const first = await feed(`/api/v1/events.ics?area=${DISTRICT}`);
  const etag = first.headers.etag;
  const again = await feed(`/api/v1/events.ics?area=${DISTRICT}`, { 'If-None-Match': etag });
  assert.equal(again.status, 304);
  assert.equal(again.body.length, 0);
  assert.equal(again.headers.etag, etag);
  const before = parseWithIcalJs(first.text).find((e) => e.uid === S.district.uid);

  await change(S.district.id, "title = '骑手节（改期）'");
  const changed = await feed(`/api/v1/events.ics?area=${DISTRICT}`, { 'If-None-Match': etag });
  assert.equal(changed.status, 200);
  assert.notEqual(changed.headers.etag, etag);
  const after = parseWithIcalJs(changed.text).find((e) => e.uid === S.district.uid);
  assert.ok(after, 'the UID is stable across a change');
  assert.equal(after.summary, '骑手节（改期）');
  assert.equal(after.sequence, before.sequence + 1);

  await change(S.district.id, "status = 'cancelled', cancel_reason = '天气原因'");
  const cancelled = await feed(`/api/v1/events.ics?area=${DISTRICT}`);
  const gone = parseWithIcalJs(cancelled.text).find((e) => e.uid === S.district.uid);
  assert.ok(gone, 'a cancelled event stays in the feed');
  assert.equal(gone.status, 'CANCELLED');
  assert.equal(gone.sequence, before.sequence + 2);
  const python = parseWithPython(cancelled.text).events.find((e) => e.uid === S.district.uid);
  assert.equal(python.status, 'CANCELLED');
});

test('an area feed: no area is 400, an unknown area 404', async () => {
  assertProblem(await feed('/api/v1/events.ics'), 400, 'bad_request');
  assertProblem(await feed('/api/v1/events.ics?area=999999999'), 404, 'not_found');
});

test('one event as a calendar file', async () => {
  const res = await feed(`/api/v1/events/${S.community.id}/event.ics`);
  assert.equal(res.status, 200, res.text.slice(0, 300));
  assert.equal(res.headers['content-type'], 'text/calendar; charset=utf-8');
  assertWellFormed(res.text);
  const events = parseWithIcalJs(res.text);
  assert.equal(events.length, 1);
  assert.equal(events[0].uid, S.community.uid);
  assert.equal(parseWithPython(res.text).events[0].summary, '社区电影之夜');
  assert.equal((await feed(`/api/v1/events/${S.community.id}/event.ics`, { 'If-None-Match': res.headers.etag })).status, 304);
  assertProblem(await feed('/api/v1/events/99999999/event.ics'), 404, 'not_found');
});

test('a personal feed: made once, shows my registrations only, private, reset and revoked links are 404', async () => {
  const worker = S['demo-worker'];
  const other = S['demo-reporter'];
  const state = await srv.api('GET', '/api/v1/me/calendar-token', { token: worker.token });
  assert.equal(state.status, 200, state.text);
  assert.equal(state.json.exists, false);
  assert.equal(state.json.created_at, null);
  assert.ok(state.json.area_feeds.some((f) => f.code === DISTRICT && f.url.endsWith(`/api/v1/events.ics?area=${DISTRICT}`)));
  assert.ok(state.json.area_feeds.every((f) => f.webcal_url.startsWith('webcal://')));
  assertProblem(await srv.api('GET', '/api/v1/me/calendar-token', { token: S['demo-union'].token }), 403, 'forbidden');

  const confirmed = await insertEvent({ title: '我报名的公益课堂', area: S.workerArea, startsIn: 2 * DAY });
  const waiting = await insertEvent({ title: '我在候补的体检', area: S.workerArea, startsIn: 4 * DAY });
  const calledOff = await insertEvent({ title: '被取消的亲子活动', area: S.workerArea, startsIn: 6 * DAY });
  const left = await insertEvent({ title: '我自己退出的活动', area: S.workerArea, startsIn: 7 * DAY });
  const theirs = await insertEvent({ title: '别人报名的活动', area: S.workerArea, startsIn: 8 * DAY });
  await register(confirmed.id, 'demo-worker', 'confirmed');
  await register(waiting.id, 'demo-worker', 'waiting');
  await register(calledOff.id, 'demo-worker', 'cancelled', 'event');
  await change(calledOff.id, "status = 'cancelled'");
  await register(left.id, 'demo-worker', 'cancelled', 'worker');
  await register(theirs.id, 'demo-reporter', 'confirmed');

  const made = await srv.api('POST', '/api/v1/me/calendar-token', { token: worker.token });
  assert.equal(made.status, 201, made.text);
  assert.match(made.json.url, /\/api\/v1\/calendar\/[A-Za-z0-9_-]{20,}\.ics$/);
  assert.equal(made.json.webcal_url, made.json.url.replace(/^https?:/, 'webcal:'));
  const shown = await srv.api('GET', '/api/v1/me/calendar-token', { token: worker.token });
  assert.equal(shown.json.exists, true);
  assert.equal(typeof shown.json.created_at, 'number');
  assert.equal(JSON.stringify(shown.json).includes(made.json.token), false, 'the link is shown only when made');

  const path = new URL(made.json.url).pathname;
  const mine = await feed(path);
  assert.equal(mine.status, 200, mine.text.slice(0, 300));
  assert.equal(mine.headers['content-type'], 'text/calendar; charset=utf-8');
  assert.match(mine.headers['cache-control'], /^private/);
  assertWellFormed(mine.text);
  const events = parseWithIcalJs(mine.text);
  const status = Object.fromEntries(events.map((e) => [e.uid, e.status]));
  assert.equal(status[confirmed.uid], 'CONFIRMED');
  assert.equal(status[waiting.uid], 'TENTATIVE');
  assert.equal(status[calledOff.uid], 'CANCELLED');
  assert.equal(status[left.uid], undefined, 'an event I left is not in my calendar');
  assert.equal(status[theirs.uid], undefined, 'someone else\'s registration is not in my calendar');
  const python = parseWithPython(mine.text);
  assert.equal(python.events.length, events.length);
  assert.match(python.name, /我的/);

  assert.equal((await feed(path, { 'If-None-Match': mine.headers.etag })).status, 304);
  await sql(`UPDATE event_registrations SET status = 'confirmed', updated_at = updated_at + 5 WHERE event_id = ${waiting.id}`);
  const promoted = await feed(path, { 'If-None-Match': mine.headers.etag });
  assert.equal(promoted.status, 200, 'a change of my registration changes the ETag');
  assert.equal(parseWithIcalJs(promoted.text).find((e) => e.uid === waiting.uid).status, 'CONFIRMED');

  // Another worker's link shows their calendar, never mine.
  const theirsMade = await srv.api('POST', '/api/v1/me/calendar-token', { token: other.token });
  assert.equal(theirsMade.status, 201);
  const theirFeed = parseWithIcalJs((await feed(new URL(theirsMade.json.url).pathname)).text).map((e) => e.uid);
  assert.ok(theirFeed.includes(theirs.uid));
  assert.equal(theirFeed.includes(confirmed.uid), false);

  // Reset: the old link is dead, the new one works; revoke: dead too.
  const reset = await srv.api('POST', '/api/v1/me/calendar-token', { token: worker.token });
  assert.equal(reset.status, 201);
  assert.notEqual(reset.json.token, made.json.token);
  assertProblem(await feed(path), 404, 'not_found');
  const newPath = new URL(reset.json.url).pathname;
  assert.equal((await feed(newPath)).status, 200);
  assert.equal((await srv.api('DELETE', '/api/v1/me/calendar-token', { token: worker.token })).status, 204);
  assertProblem(await feed(newPath), 404, 'not_found');
  assert.equal((await srv.api('GET', '/api/v1/me/calendar-token', { token: worker.token })).json.exists, false);
  assert.equal((await feed(new URL(theirsMade.json.url).pathname)).status, 200, 'revoking mine leaves theirs');

  assertProblem(await feed('/api/v1/calendar/not-a-token.ics'), 404, 'not_found');
  assertProblem(await feed(newPath.replace(/\.ics$/, '')), 404, 'not_found');
  // Only a keyed digest is stored.
  const stored = await sql('SELECT token_hash FROM calendar_tokens');
  for (const token of [made.json.token, reset.json.token, theirsMade.json.token]) assert.equal(stored.includes(token), false);
});
