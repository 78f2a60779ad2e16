// Earning rules per area, caps and expiry (issue 16, item 2): the rules in force resolve per area
// (an override at a street or community wins over the city's default), an officer overrides and
// removes a rule for their area and below, a confirmed report past the day's cap earns nothing
// more, an expiry run (`youhao points expire`) moves the oldest points to the sink, and a grid
// reporter's finished month pays the grid_month rule once (`youhao points grid-pay`). The
// conservation law is checked after every test.
// Demo data: the city's defaults (report_confirmed 10, caps 50 a day and 300 a month), 中关村街道's
// override (15 for a report), and demo-worker's 200 points of last winter, expiring within 30 days.
import { test, before, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { useServer, assertProblem, assertLedgerBalanced, jpegWithExif, registerRider, runCli } from './harness.mjs';
import { reportCalls, spot } from './report_helpers.mjs';

const srv = useServer();
const S = {};
const ZHONGGUANCUN = '110108011'; // 中关村街道 (demo-street)
const KEYUAN = '110108011001'; // 科源社区 (demo-community, demo-keeper, demo-grid)
const tag = () => randomBytes(4).toString('hex');
const tokenOf = (who) => (typeof who === 'string' ? S[who].token : who.token);
const as = (who, method, path, opts = {}) => srv.api(method, path, { token: tokenOf(who), ...opts });
const rules = (who, area) => as(who, 'GET', `/api/v1/points/rules${area ? `?area_code=${area}` : ''}`);
const line = (json, trigger) => json.rules.find((r) => r.trigger === trigger);
const { acted } = reportCalls(as);

before(async () => {
  await srv.start();
  for (const who of ['worker', 'community', 'grid', 'street', 'district', 'city', 'admin', 'keeper']) {
    S[who] = await srv.login(`demo-${who}`);
  }
  assert.equal(S.street.account.area.code, ZHONGGUANCUN);
  assert.equal(S.community.account.area.code, KEYUAN);
});

afterEach(() => assertLedgerBalanced(srv, S.city.token));

test('the rules in force resolve per area: the city default, a street override below it, and where each comes from', async () => {
  const city = await rules('city');
  assert.equal(city.status, 200, city.text);
  assert.equal(city.json.area.code, 'city');
  assert.deepEqual(city.json.rules.map((r) => r.trigger),
    ['report_confirmed', 'grid_month', 'event_attended', 'volunteer_hour', 'training_finished', 'honour']);
  const report = line(city.json, 'report_confirmed');
  assert.equal(report.rule.points, 10);
  assert.equal(report.rule.daily_cap, 50);
  assert.equal(report.rule.monthly_cap, 300);
  assert.equal(report.rule.pool.name, '市级积分池');
  assert.deepEqual([report.own, report.from.area_code], [true, 'city']);
  assert.equal(line(city.json, 'honour').rule.daily_cap, null, 'an honour has no cap');

  // 中关村街道 pays 15 for a report (the demo's override); its communities inherit it.
  const street = await rules('street');
  assert.equal(street.status, 200, street.text);
  assert.equal(street.json.area.code, ZHONGGUANCUN);
  assert.deepEqual([line(street.json, 'report_confirmed').rule.points, line(street.json, 'report_confirmed').own], [15, true]);
  assert.equal(line(street.json, 'event_attended').from.area_code, 'city');
  const community = await rules('community');
  assert.equal(community.json.area.code, KEYUAN);
  const inherited = line(community.json, 'report_confirmed');
  assert.deepEqual([inherited.rule.points, inherited.own, inherited.from.area_code, inherited.from.name], [15, false, ZHONGGUANCUN, '中关村街道']);
  // Grid officers read their area's rules; a street officer reads a community below.
  assert.equal((await rules('grid')).status, 200);
  assert.equal((await rules('street', KEYUAN)).json.area.code, KEYUAN);
});

test('a community officer overrides a rule for their area, the street sees it, and removing it brings back the parent\'s', async () => {
  const set = await as('community', 'PUT', '/api/v1/points/rules/event_attended', { body: { points: 25, daily_cap: 50, monthly_cap: 100 } });
  assert.equal(set.status, 200, set.text);
  const own = line(set.json, 'event_attended');
  assert.deepEqual([own.rule.points, own.rule.daily_cap, own.rule.monthly_cap, own.own, own.from.area_code], [25, 50, 100, true, KEYUAN]);
  assert.equal(own.rule.pool.name, '市级积分池', 'the pool of the rule it overrides');
  const seen = await rules('street', KEYUAN);
  assert.equal(line(seen.json, 'event_attended').rule.points, 25);
  assert.equal(line((await rules('street')).json, 'event_attended').rule.points, 20, 'the street itself keeps the city default');
  // The change is in the audit log.
  const audit = await as('admin', 'GET', '/api/v1/audit?limit=50');
  assert.equal(audit.status, 200, audit.text);
  assert.ok(audit.json.items.some((e) => e.action === 'points.rule_set' && e.entity_id === `${KEYUAN}:event_attended`), 'audited');

  const removed = await as('community', 'DELETE', '/api/v1/points/rules/event_attended');
  assert.equal(removed.status, 200, removed.text);
  const back = line(removed.json, 'event_attended');
  assert.deepEqual([back.rule.points, back.own, back.from.area_code], [20, false, 'city']);
  assertProblem(await as('community', 'DELETE', '/api/v1/points/rules/event_attended'), 404, 'not_found', 'nothing of its own to remove');
  assertProblem(await as('city', 'DELETE', '/api/v1/points/rules/honour'), 400, 'rule_city_default', 'the city default stays');
  assertProblem(await as('community', 'PUT', '/api/v1/points/rules/sleeping', { body: { points: 5 } }), 404, 'not_found', 'no such trigger');
});

test('workers, grid officers and officers outside the area are refused; nothing changes', async () => {
  assertProblem(await rules('worker'), 403, 'forbidden');
  assertProblem(await as('worker', 'PUT', '/api/v1/points/rules/honour', { body: { points: 9999 } }), 403, 'forbidden');
  assertProblem(await as('grid', 'PUT', '/api/v1/points/rules/honour', { body: { points: 9999 } }), 403, 'forbidden');
  assertProblem(await as('keeper', 'DELETE', '/api/v1/points/rules/honour'), 403, 'forbidden');
  // Above or beside their own area, and the city's defaults.
  for (const area of [ZHONGGUANCUN, '110108012', 'city']) {
    assertProblem(await as('community', 'PUT', '/api/v1/points/rules/honour', { body: { points: 9999, area_code: area } }), 403, 'forbidden', area);
    assertProblem(await rules('community', area), 403, 'forbidden', area);
  }
  assertProblem(await as('street', 'PUT', '/api/v1/points/rules/honour', { body: { points: 1, area_code: 'nowhere' } }), 404, 'not_found');
  assert.equal(line((await rules('city')).json, 'honour').rule.points, 100, 'the city default unchanged');
});

test('bad input is refused in the caller\'s language (Chinese first)', async () => {
  const put = (body, opts = {}) => as('street', 'PUT', '/api/v1/points/rules/volunteer_hour', { body, ...opts });
  const negative = assertProblem(await put({ points: -1 }), 400, 'bad_rule');
  assert.match(negative.detail, /积分规则填写有误/);
  assert.equal(negative.field, 'points');
  assertProblem(await put({ points: 10001 }), 400, 'bad_rule');
  assertProblem(await put({ points: 10, daily_cap: 0 }), 400, 'bad_rule');
  const inverted = assertProblem(await put({ points: 10, daily_cap: 500, monthly_cap: 100 }), 400, 'bad_rule');
  assert.match(inverted.detail, /每日上限不能高于每月上限/);
  const english = assertProblem(await put({ points: -5 }, { headers: { 'Accept-Language': 'en' } }), 400, 'bad_rule');
  assert.match(english.detail, /earning rule is wrong/);
  assertProblem(await put({ points: 'ten' }), 400, 'validation_failed');
  assertProblem(await put({ points: 10, pool_id: 999999 }), 404, 'not_found');
  assertProblem(await put({ points: 10, bonus: 1 }), 400, 'unknown_field');
  assert.equal(line((await rules('street')).json, 'volunteer_hour').rule.points, 10, 'nothing was set');
});

test('the day\'s cap stops a confirmed report\'s award: five pay 10, the sixth pays nothing', async () => {
  // The street's rule for this test: 10 a report, at most 50 a day.
  const set = await as('street', 'PUT', '/api/v1/points/rules/report_confirmed', { body: { points: 10, daily_cap: 50, monthly_cap: 300 } });
  assert.equal(set.status, 200, set.text);
  const rider = await registerRider(srv, { name: '孙上限', verifyAs: S.community.token });
  const balance = async () => (await as(rider, 'GET', '/api/v1/me/points')).json.balance ?? 0;
  const categories = ['hazard', 'sanitation', 'facility', 'traffic', 'fraud', 'other'];
  const spots = [spot(-1, 0), spot(-1, 1), spot(0, -1), spot(0, 1), spot(-2, 1), spot(-1, -2), spot(-2, -1)];
  const paid = [];
  for (const [n, category] of categories.entries()) {
    let report;
    for (const where of spots) {
      const res = await as(rider, 'POST', '/api/v1/reports', { body: { category, description: `上限测试 ${n + 1}`, ...where, client_id: `cap-${tag()}` } });
      if (res.status === 201) { report = res.json; break; }
      assert.equal(res.status, 409, `submit ${category}: ${res.text.slice(0, 300)}`);
    }
    assert.ok(report, `report ${n + 1} submitted`);
    assert.ok(report.area.code.startsWith(ZHONGGUANCUN), `in 中关村街道: ${report.area.code}`);
    await acted('community', report.id, { action: 'start' }, 'in_progress');
    const proof = await srv.api('POST', '/api/v1/report-photos', { token: S.community.token, rawBody: jpegWithExif(), headers: { 'Content-Type': 'image/jpeg' } });
    assert.equal(proof.status, 201, proof.text);
    await acted('community', report.id, { action: 'resolve', photo_id: proof.json.id, note: '已处理' }, 'resolved');
    const before = await balance();
    await acted(rider, report.id, { action: 'confirm' }, 'confirmed');
    paid.push((await balance()) - before);
  }
  assert.deepEqual(paid, [10, 10, 10, 10, 10, 0], 'the sixth is past the day\'s cap of 50');
  const history = (await as(rider, 'GET', '/api/v1/me/points')).json.history;
  assert.equal(history.filter((h) => h.reason === 'report_confirmed').length, 5);
});

test('an expiry run moves the oldest points to the sink, once; the reminder and "expiring" said so', async () => {
  const mine = (await as('worker', 'GET', '/api/v1/me/points?limit=200')).json;
  assert.ok(mine.expiring, `demo-worker has points expiring within 30 days: ${JSON.stringify(mine).slice(0, 300)}`);
  assert.ok(mine.expiring.points > 0 && mine.expiring.points <= 200, `expiring ${mine.expiring.points}`);
  assert.match(mine.expiring.before, /^\d{4}-\d\d-\d\d$/);
  // The server reminded demo-worker once, on its first run.
  const inbox = (await as('worker', 'GET', '/api/v1/notifications')).json.items.filter((n) => n.kind === 'points_expiring');
  assert.equal(inbox.length, 1, 'one reminder');
  assert.match(inbox[0].message, new RegExp(`${mine.expiring.points} 积分将在`));

  // 31 days on, the points of last winter are past their 12 months.
  const at = new Date(Date.now() + 31 * 86400_000).toISOString();
  const run = await runCli(['points', 'expire', '--db', srv.db.url, '--at', at]);
  assert.equal(run.code, 0, run.stderr);
  const ran = JSON.parse(run.stdout.trim().split('\n').at(-1));
  assert.ok(ran.expired >= mine.expiring.points, `expired ${ran.expired}`);
  const after = (await as('worker', 'GET', '/api/v1/me/points?limit=200')).json;
  const expired = after.history.filter((h) => h.kind === 'expire');
  assert.equal(expired.length, 1, 'one expire transfer');
  assert.equal(expired[0].delta, -mine.expiring.points, 'what was announced, oldest points first');
  assert.equal(expired[0].counterparty_kind, 'sink');
  assert.equal(after.balance, mine.balance - mine.expiring.points);
  assert.equal(after.history.reduce((sum, h) => sum + h.delta, 0), after.balance, 'the history adds up');
  const again = await runCli(['points', 'expire', '--db', srv.db.url, '--at', at]);
  assert.equal(JSON.parse(again.stdout.trim().split('\n').at(-1)).expired, 0, 'a second run that day expires nothing');
  const overview = (await as('city', 'GET', '/api/v1/points')).json;
  assert.ok(overview.conservation.expired >= mine.expiring.points);
});

test('a roaming grid reporter\'s finished month pays the grid_month rule once (`youhao points grid-pay`)', async () => {
  const rule = line((await rules('community')).json, 'grid_month').rule;
  assert.ok(rule && rule.active && rule.points > 0, `a grid_month rule pays in 科源社区: ${JSON.stringify(rule)}`);
  const expected = Math.min(rule.points, rule.daily_cap ?? Infinity, rule.monthly_cap ?? Infinity);
  // Appointed from the first day of last month (Beijing calendar), so last month was served in full.
  const beijing = new Date(Date.now() + 8 * 3600_000);
  const lastMonth = new Date(Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth() - 1, 1));
  const termStart = lastMonth.toISOString().slice(0, 10);
  const termEnd = new Date(beijing.getTime() + 30 * 86400_000).toISOString().slice(0, 10);
  const rider = await registerRider(srv, { name: '吴网格', verifyAs: S.community.token });
  const appointed = await as('community', 'POST', '/api/v1/grid-reporters',
    { body: { worker_id: rider.workerId, area_code: KEYUAN, term_start: termStart, term_end: termEnd } });
  assert.equal(appointed.status, 201, appointed.text);
  const mine = async () => (await as(rider, 'GET', '/api/v1/me/points?limit=200')).json;
  assert.equal((await mine()).balance ?? 0, 0, 'nothing before the run');

  const pay = async () => {
    const run = await runCli(['points', 'grid-pay', '--db', srv.db.url, '--at', new Date().toISOString()]);
    assert.equal(run.code, 0, run.stderr);
    return JSON.parse(run.stdout.trim().split('\n').at(-1));
  };
  const first = await pay();
  assert.ok(first.months >= 1 && first.points >= expected, JSON.stringify(first));
  const paid = await mine();
  assert.equal(paid.balance, expected, 'last month, by the rule');
  const awards = paid.history.filter((h) => h.reason === 'grid_month');
  assert.deepEqual(awards.map((h) => h.delta), [expected], 'one award');

  await pay();
  const again = await mine();
  assert.equal(again.balance, expected, 'a second run pays nothing twice');
  assert.equal(again.history.filter((h) => h.reason === 'grid_month').length, 1);
});
