// Acceptance rules (受理规则): who accepts a new report. Community officers and above set, per area
// (city to community, never a compound) and category (or * for every category), the acceptor: the
// nearest approved station of an enabled station keeper within radius_metres, the community, or
// the property company of the compound the report lies in. The most specific rule decides (the
// deepest area; in one area a category rule beats *); without one: the nearest station within
// 1 km, welfare always to the community. Routing happens once, at submission, and is stored on the
// report as `acceptor` with a reason in Chinese; only the routed party (and community officers and
// above in scope, and whoever took it up) may accept. Also: a worker's own nearby open report
// → 409 already_reported.
//
// Demo data: station 19 华清嘉园暖心驿站 (39.991311, 116.328244, owned by demo-keeper) lies ~220 m
// north-west of 华清嘉园小区 (110108011001001, 39.989737 N, 116.329868 E; demo-property is its
// property manager). Seeded rules: 海淀区 food_safety → community, 海淀区 own_difficulty → property,
// 中关村街道 fire_lane → nearest_station 1500 m. Every report here lies on its own spot of a ~111 m
// grid south of 华清嘉园小区 (spot(i, j), i < 0) whose nearest compound is 华清嘉园小区 in 科源社区
// (checked through the preview), so no two reports are duplicates; each test reports through
// fresh riders (registerRider) so the hourly limit never bites.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, assertProblem, registerRider } from './harness.mjs';
import { DEG_LAT_M, HQ_CODE, reportCalls, spot } from './report_helpers.mjs';

const srv = useServer();
const S = {};
const KEYUAN = '110108011001'; // 科源社区
const KECHUN = '110108011002'; // 科春社区 (same street): its compounds have no property account
const NANLOU = '110108014002'; // 南楼社区 (another street): outside demo-keeper's area, yet near its station
const XIWANGZHUANG = '110108010001'; // 西王庄社区 (学院路街道): outside demo-community's area
const HAIDIAN = '110108';
const ZHONGGUANCUN = '110108011'; // demo-street's street
const STATION = { id: '19', name: '华清嘉园暖心驿站', lat: 39.991311, lon: 116.328244 };
const SEEDED = { food_safety: 1, own_difficulty: 2, fire_lane: 3 }; // rule ids of the demo rules
const CATEGORIES = ['hazard', 'sanitation', 'facility', 'fire_lane', 'traffic', 'stray_animal', 'food_safety', 'fraud',
  'welfare', 'own_difficulty', 'other'];

const tokenOf = (who) => (typeof who === 'string' ? S[who].token : who.token);
const as = (who, method, p, opts = {}) => srv.api(method, p, { token: tokenOf(who), ...opts });
const expectInvalid = (res, what) => assertProblem(res, 400, 'validation_failed', what);

const rider = (name = '路测骑手') => registerRider(srv, { name, verifyAs: S.community.token });

async function report(who, body, area = KEYUAN) {
  const res = await as(who, 'POST', '/api/v1/reports', { body: { description: '受理测试', ...body } });
  assert.equal(res.status, 201, `submit ${body.category}: ${res.text.slice(0, 400)}`);
  assert.equal(res.json.status, who === 'reporter' ? 'dispatched' : 'submitted', 'a grid reporter\'s report is dispatched at once');
  assert.equal(res.json.area?.code, area, `area of ${JSON.stringify([body.lat, body.lon])}`);
  checkAcceptor(res.json.acceptor);
  return res.json;
}

const { act, acted, getReport, canOf } = reportCalls(as);

async function listIds(who, params = {}) {
  const res = await as(who, 'GET', `/api/v1/reports?${new URLSearchParams({ limit: '200', ...params })}`);
  assert.equal(res.status, 200, `list as ${who}: ${res.text.slice(0, 300)}`);
  return res.json.reports;
}

async function notifications(who) {
  const res = await as(who, 'GET', '/api/v1/notifications');
  assert.equal(res.status, 200, res.text);
  return res.json.items;
}

function checkAcceptor(a) {
  assert.ok(a && typeof a === 'object', `acceptor: ${JSON.stringify(a)}`);
  assert.deepEqual(Object.keys(a).sort(), ['code', 'kind', 'kind_label', 'name', 'reason', 'rule_id']);
  assert.ok(['nearest_station', 'community', 'property'].includes(a.kind), a.kind);
  assert.equal(a.kind_label, { nearest_station: '就近驿站', community: '社区', property: '物业' }[a.kind]);
  assert.ok(a.rule_id === null || (Number.isInteger(a.rule_id) && a.rule_id > 0), `rule_id ${a.rule_id}`);
  assert.equal(typeof a.reason, 'string');
  assert.ok(/[\u4e00-\u9fff]/.test(a.reason), `the reason is in Chinese: ${a.reason}`);
}
const isStation = (a) => a.kind === 'nearest_station' && a.code === STATION.id && a.name === STATION.name;

// ---- the rules API ----

const rulesOf = async (who, area) => {
  const res = await as(who, 'GET', `/api/v1/acceptance-rules${area ? `?area=${area}` : ''}`);
  assert.equal(res.status, 200, `rules of ${area} as ${who}: ${res.text.slice(0, 300)}`);
  checkRules(res.json);
  return res.json;
};
const setRule = (who, body) => as(who, 'POST', '/api/v1/acceptance-rules', { body });
async function setOk(who, body) {
  const res = await setRule(who, body);
  assert.equal(res.status, 200, `set ${JSON.stringify(body)} as ${who}: ${res.text.slice(0, 300)}`);
  checkRule(res.json);
  assert.equal(res.json.area.code, body.area_code);
  assert.equal(res.json.category, body.category);
  assert.equal(res.json.acceptor, body.acceptor);
  assert.equal(res.json.radius_metres, body.radius_metres ?? 1000);
  assert.equal(res.json.note, body.note ?? '');
  assert.equal(res.json.set_by, `demo-${who}`);
  return res.json;
}
const removeRule = (who, id) => as(who, 'DELETE', `/api/v1/acceptance-rules/${id}`);
async function removeOk(who, id) {
  const res = await removeRule(who, id);
  assert.equal(res.status, 204, `remove rule ${id} as ${who}: ${res.text}`);
}
const preview = async (who, where, category) => {
  const res = await as(who, 'GET', `/api/v1/acceptance-rules/preview?lat=${where.lat}&lon=${where.lon}&category=${category}`);
  assert.equal(res.status, 200, `preview ${category}: ${res.text.slice(0, 300)}`);
  assert.equal(res.json.category, category);
  assert.equal(typeof res.json.area?.code, 'string');
  assert.equal(typeof res.json.area?.name, 'string');
  checkAcceptor(res.json.acceptor);
  return res.json;
};

function checkRule(r) {
  assert.ok(Number.isInteger(r.id) && r.id > 0, `id ${r.id}`);
  assert.equal(typeof r.area?.code, 'string');
  assert.equal(typeof r.area?.name, 'string');
  assert.ok(r.category === '*' || CATEGORIES.includes(r.category), r.category);
  assert.equal(typeof r.category_label, 'string');
  if (r.category === '*') assert.equal(r.category_label, '全部类别');
  assert.ok(['nearest_station', 'community', 'property'].includes(r.acceptor), r.acceptor);
  assert.equal(r.acceptor_label, { nearest_station: '就近驿站', community: '社区', property: '物业' }[r.acceptor]);
  assert.ok(Number.isInteger(r.radius_metres) && r.radius_metres >= 100 && r.radius_metres <= 5000, `radius ${r.radius_metres}`);
  assert.equal(typeof r.note, 'string');
  assert.equal(typeof r.set_by, 'string');
  assert.match(r.set_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
}

function checkRules(json) {
  assert.equal(typeof json.area?.code, 'string');
  assert.ok(Array.isArray(json.rules));
  for (const r of json.rules) {
    checkRule(r);
    assert.equal(typeof r.inherited, 'boolean');
    assert.equal(typeof r.editable, 'boolean');
  }
  assert.deepEqual(json.effective.map((e) => e.category), CATEGORIES, 'one effective row per category, in order');
  for (const e of json.effective) {
    assert.equal(typeof e.category_label, 'string');
    assert.ok(['nearest_station', 'community', 'property'].includes(e.acceptor));
    assert.equal(typeof e.acceptor_label, 'string');
    assert.ok(Number.isInteger(e.radius_metres));
    if (e.rule_id === null) assert.equal(e.rule_area, null);
    else assert.ok(json.rules.some((r) => r.id === e.rule_id), `effective rule ${e.rule_id} is listed`);
  }
  assert.equal(json.effective.find((e) => e.category === 'welfare').acceptor, 'community', 'welfare always to the community');
  assert.equal(json.default_radius_metres, 1000);
}
const effectiveOf = (json, category) => json.effective.find((e) => e.category === category);

async function auditEntries() {
  const res = await as('admin', 'GET', '/api/v1/audit?limit=200');
  assert.equal(res.status, 200, res.text);
  return res.json.items;
}

before(async () => {
  await srv.start();
  for (const who of ['admin', 'district', 'street', 'community', 'grid', 'keeper', 'property', 'guard', 'worker', 'reporter']) {
    S[who] = await srv.login(`demo-${who}`);
  }
  assert.equal(S.community.account.area.code, KEYUAN);
  assert.equal(S.street.account.area.code, ZHONGGUANCUN);
  assert.equal(S.district.account.area.code, HAIDIAN);
  assert.equal(S.property.account.area.code, HQ_CODE);
  assert.equal(S.keeper.account.area.code, KEYUAN);
  const acc = await as('admin', 'POST', '/api/v1/accounts', { body: { login: 'it-route-xwz', password: 'a-long-password-1',
    display_name: '西王庄社区干部', role: 'community_officer', area_code: XIWANGZHUANG } });
  assert.equal(acc.status, 201, acc.text);
  S.outsider = await srv.login('it-route-xwz', 'a-long-password-1');
  // The station and the compound are where this file assumes.
  const station = await as('keeper', 'GET', `/api/v1/places/${STATION.id}`);
  assert.equal(station.status, 200, station.text);
  assert.equal(station.json.name, STATION.name);
  assert.deepEqual([station.json.lat, station.json.lon], [STATION.lat, STATION.lon]);
}, { timeout: 60_000 });

// ---- 1. the default ----

test('default: a hazard near 华清嘉园 goes to the nearest station; its keeper is notified, lists it and accepts; grid cannot, community can', async () => {
  const r0 = await rider('周默认');
  const unreadGrid = (await notifications('grid')).length;
  const r = await report(r0, { category: 'hazard', ...spot(-1, 0) });
  assert.equal(r.compound?.code, HQ_CODE);
  assert.ok(isStation(r.acceptor), `acceptor: ${JSON.stringify(r.acceptor)}`);
  assert.equal(r.acceptor.rule_id, null, 'no rule: the default');
  assert.match(r.acceptor.reason, /默认规则/);
  assert.match(r.acceptor.reason, /就近驿站受理（\d+ 米）/);
  // ~318 m from the station.
  const metres = Number(/（(\d+) 米）/.exec(r.acceptor.reason)[1]);
  assert.ok(metres > 250 && metres < 400, `distance in the reason: ${r.acceptor.reason}`);

  // The keeper is told.
  const note = (await notifications('keeper')).find((n) => n.report_id === r.id);
  assert.ok(note, `demo-keeper notified of #${r.id}`);
  assert.equal(note.read, false);
  assert.equal(note.message, `新上报 #${r.id} 待受理：安全隐患（${STATION.name}）`);
  assert.ok(!(await notifications('community')).some((n) => n.report_id === r.id), 'the community is not notified');
  assert.equal((await notifications('grid')).length, unreadGrid, 'the grid officer is not notified');

  // The keeper's list: only reports routed to its station, this one among them.
  const keeperList = await listIds('keeper');
  assert.ok(keeperList.some((x) => x.id === r.id), 'in demo-keeper\'s list');
  for (const x of keeperList) assert.ok(isStation(x.acceptor), `#${x.id} in demo-keeper's list is routed to it: ${JSON.stringify(x.acceptor)}`);
  assert.ok(!(await listIds('property')).some((x) => x.id === r.id), 'not in the property company\'s list');

  // Who may accept.
  assert.deepEqual(await canOf('keeper', r.id), ['accept', 'dispatch', 'start', 'close'], 'the routed station');
  assert.ok(!(await canOf('grid', r.id)).includes('accept'), 'a grid officer does not accept a station\'s report');
  assertProblem(await act('grid', r.id, { action: 'accept' }), 403, 'forbidden', 'demo-grid accepting a station\'s report');
  assert.ok((await canOf('community', r.id)).includes('accept'), 'a community officer in scope may always step in');
  const accepted = await acted('keeper', r.id, { action: 'accept', note: '驿站已受理' }, 'accepted');
  assert.deepEqual(accepted.acceptor, r.acceptor, 'the acceptor is kept');
  assert.ok((await canOf('keeper', r.id)).includes('dispatch'), 'the keeper goes on');
});

test('default: a station keeper is routed reports outside its area (南楼社区) and may see and accept them there', async () => {
  const r0 = await rider('吴跨区');
  const where = spot(2, 0); // north of the station, in 南楼社区
  const r = await report(r0, { category: 'hazard', ...where }, NANLOU);
  assert.ok(isStation(r.acceptor), JSON.stringify(r.acceptor));
  assert.equal(r.acceptor.rule_id, null);
  assert.ok((await notifications('keeper')).some((n) => n.report_id === r.id), 'notified');
  const seen = await getReport('keeper', r.id);
  assert.deepEqual(seen.can, ['accept', 'dispatch', 'start', 'close']);
  assert.ok((await listIds('keeper')).some((x) => x.id === r.id), 'in the keeper\'s list though outside its area');
  assertProblem(await as('community', 'GET', `/api/v1/reports/${r.id}`), 404, 'not_found', '科源社区 does not see 南楼社区\'s report');
  await acted('keeper', r.id, { action: 'accept' }, 'accepted');
});

test("default: a roaming grid reporter's report skips routing (直达社区网格); the keeper is not notified", async () => {
  const r = await report('reporter', { category: 'hazard', ...spot(-1, 2) });
  assert.equal(r.acceptor.kind, 'community');
  assert.equal(r.acceptor.code, KEYUAN);
  assert.equal(r.acceptor.name, '科源社区');
  assert.equal(r.acceptor.rule_id, null);
  assert.equal(r.acceptor.reason, '流动网格员上报：直达社区网格');
  assert.ok(!(await notifications('keeper')).some((n) => n.report_id === r.id), 'no station in between');
  assert.ok(!(await listIds('keeper')).some((x) => x.id === r.id));
});

// ---- 2. welfare ----

test('default: a welfare concern goes to the community; demo-keeper never sees it', async () => {
  const r0 = await rider('郑关怀');
  const r = await report(r0, { category: 'welfare', description: '独居老人多日未出门', ...spot(-1, 1) });
  assert.equal(r.acceptor.kind, 'community');
  assert.equal(r.acceptor.code, KEYUAN);
  assert.equal(r.acceptor.name, '科源社区');
  assert.equal(r.acceptor.rule_id, null);
  assert.equal(r.acceptor.reason, '困难群众关怀：只由社区受理');
  assertProblem(await as('keeper', 'GET', `/api/v1/reports/${r.id}`), [403, 404], undefined, 'a keeper reading a welfare report');
  assertProblem(await act('keeper', r.id, { action: 'accept' }), [403, 404], undefined, 'a keeper accepting a welfare report');
  assert.ok(!(await listIds('keeper')).some((x) => x.id === r.id));
  assert.ok(!(await notifications('keeper')).some((n) => n.report_id === r.id));
  assert.ok((await canOf('community', r.id)).includes('accept'));
});

// ---- 3. the seeded rules ----

test('seeded rules: own_difficulty in 华清嘉园 → its property company (notified, lists, accepts); food_safety → community by rule', async () => {
  const r0 = await rider('冯进门');
  const r = await report(r0, { category: 'own_difficulty', difficulty: 'cannot_enter', description: '保安不让进', ...spot(-1, -1) });
  assert.equal(r.compound?.code, HQ_CODE);
  assert.equal(r.acceptor.kind, 'property', JSON.stringify(r.acceptor));
  assert.equal(r.acceptor.code, HQ_CODE);
  assert.equal(r.acceptor.name, '华清嘉园小区物业');
  assert.equal(r.acceptor.rule_id, SEEDED.own_difficulty);
  assert.equal(r.acceptor.reason, '规则（海淀区·骑手自身困难）：小区物业受理');

  const note = (await notifications('property')).find((n) => n.report_id === r.id);
  assert.ok(note, 'demo-property notified');
  assert.equal(note.message, `新上报 #${r.id} 待受理：骑手自身困难（华清嘉园小区物业）`);
  assert.ok(!(await notifications('keeper')).some((n) => n.report_id === r.id), 'the keeper is not notified');
  const plist = await listIds('property');
  assert.ok(plist.some((x) => x.id === r.id), 'in demo-property\'s list');
  for (const x of plist) assert.deepEqual([x.acceptor?.kind, x.acceptor?.code], ['property', HQ_CODE], `#${x.id} in demo-property's list`);
  assert.ok(!(await listIds('keeper')).some((x) => x.id === r.id), 'not in the keeper\'s list');

  assert.ok(!(await canOf('keeper', r.id)).includes('accept'));
  assertProblem(await act('keeper', r.id, { action: 'accept' }), [403, 404], undefined, 'demo-keeper accepting the property\'s report');
  assert.ok(!(await canOf('grid', r.id)).includes('accept'), 'not the grid officer\'s either');
  assert.deepEqual(await canOf('property', r.id), ['accept', 'dispatch', 'start', 'close']);
  await acted('property', r.id, { action: 'accept', note: '物业已联系保安' }, 'accepted');
  assert.equal((await getReport(r0, r.id)).status, 'accepted', 'the reporter sees it accepted');

  // Inside a compound without a property account (61 m from the centre of 八里庄小区二区, 科春社区):
  // the community, saying why.
  const r2 = await report(r0, { category: 'own_difficulty', difficulty: 'no_parking', description: '没处停车', lat: 39.985578, lon: 116.334993 }, KECHUN);
  assert.equal(r2.acceptor.kind, 'community');
  assert.equal(r2.acceptor.code, KECHUN);
  assert.equal(r2.acceptor.rule_id, SEEDED.own_difficulty);
  assert.match(r2.acceptor.reason, /小区没有物业账号，由社区受理/);
  assert.ok(!(await listIds('property')).some((x) => x.id === r2.id));
  // 309 m from that compound's centre: counted for the compound, but not inside it, so not its property company's.
  const r3 = await report(r0, { category: 'own_difficulty', difficulty: 'no_parking', description: '路边没处停车', ...spot(-4, 1) }, KECHUN);
  assert.equal(r3.compound?.code, '110108011002003');
  assert.equal(r3.acceptor.kind, 'community');
  assert.match(r3.acceptor.reason, /不在小区内，由社区受理/);

  // food_safety: the 海淀区 rule, the community.
  const f = await report(r0, { category: 'food_safety', description: '无证后厨', ...spot(-1, -2) });
  assert.equal(f.acceptor.kind, 'community');
  assert.equal(f.acceptor.code, KEYUAN);
  assert.equal(f.acceptor.rule_id, SEEDED.food_safety);
  assert.equal(f.acceptor.reason, '规则（海淀区·食品安全）：社区受理');
  assert.ok(!(await notifications('keeper')).some((n) => n.report_id === f.id));
  assert.ok(!(await canOf('keeper', f.id)).includes('accept'), 'the keeper in scope sees it but does not accept');
  assert.ok((await canOf('grid', f.id)).includes('accept'), 'the community\'s grid officer accepts a community report');
});

// ---- 4. a community's own rule ----

test('community rule: 科源社区 hazard → community changes new reports only; removing it restores the station', async () => {
  const r0 = await rider('陈规则');
  const oldAccepted = await report(r0, { category: 'hazard', ...spot(-2, -1) });
  const oldWaiting = await report(r0, { category: 'hazard', ...spot(-2, -2) });
  assert.ok(isStation(oldAccepted.acceptor) && isStation(oldWaiting.acceptor));
  await acted('keeper', oldAccepted.id, { action: 'accept' }, 'accepted');

  const audit0 = (await auditEntries())[0]?.id ?? 0;
  const rule = await setOk('community', { area_code: KEYUAN, category: 'hazard', acceptor: 'community', note: '隐患由社区统一受理' });
  let removed = false;
  try {
    assert.equal(rule.area.name, '科源社区');
    assert.equal(rule.category_label, '安全隐患');
    const rules = await rulesOf('community', KEYUAN);
    const listed = rules.rules.find((x) => x.id === rule.id);
    assert.ok(listed, 'the new rule is listed');
    assert.equal(listed.inherited, false);
    assert.equal(listed.editable, true);
    assert.deepEqual({ ...effectiveOf(rules, 'hazard') }, { category: 'hazard', category_label: '安全隐患', acceptor: 'community',
      acceptor_label: '社区', radius_metres: 1000, rule_id: rule.id, rule_area: { code: KEYUAN, name: '科源社区' } });
    assert.equal(effectiveOf(rules, 'sanitation').rule_id, null, 'other categories keep the default');
    // The street sees it below its area, and may change it.
    const fromStreet = (await rulesOf('street', KEYUAN)).rules.find((x) => x.id === rule.id);
    assert.equal(fromStreet?.editable, true);
    // Audited.
    const set = (await auditEntries()).find((e) => e.id > audit0 && e.action === 'acceptance_rule.set' && e.entity_id === String(rule.id));
    assert.ok(set, 'acceptance_rule.set audited');
    assert.equal(set.actor_login, 'demo-community');
    assert.equal(set.area_code, KEYUAN);
    assert.deepEqual(set.after, { category: 'hazard', acceptor: 'community', radius_metres: 1000 });

    const p = await preview('community', spot(-2, 0), 'hazard');
    assert.equal(p.area.code, KEYUAN);
    assert.equal(p.compound?.code, HQ_CODE);
    assert.equal(p.acceptor.kind, 'community');
    assert.equal(p.acceptor.rule_id, rule.id);
    assert.equal(p.acceptor.reason, '规则（科源社区·安全隐患）：社区受理');

    const unread = (await notifications('keeper')).length;
    const r = await report(r0, { category: 'hazard', ...spot(-2, 0) });
    assert.deepEqual({ ...r.acceptor }, { kind: 'community', kind_label: '社区', code: KEYUAN, name: '科源社区', rule_id: rule.id,
      reason: '规则（科源社区·安全隐患）：社区受理' });
    assert.equal((await notifications('keeper')).length, unread, 'the keeper is not notified');
    assert.ok(!(await listIds('keeper')).some((x) => x.id === r.id), 'not in the keeper\'s list');
    assert.ok(!(await canOf('keeper', r.id)).includes('accept'));
    assertProblem(await act('keeper', r.id, { action: 'accept' }), 403, 'forbidden', 'the keeper accepting a community report');
    assert.ok((await canOf('grid', r.id)).includes('accept'), 'the grid officer accepts for the community');

    // Reports from before the rule keep their station.
    const a = await getReport('community', oldAccepted.id);
    assert.deepEqual(a.acceptor, oldAccepted.acceptor, 'an accepted report keeps its acceptor');
    assert.ok((await canOf('keeper', oldAccepted.id)).includes('dispatch'), 'whoever accepted it goes on');
    await acted('keeper', oldAccepted.id, { action: 'dispatch', assignee: { kind: 'officer', login: 'demo-grid' } }, 'dispatched');
    assert.deepEqual((await getReport('community', oldWaiting.id)).acceptor, oldWaiting.acceptor, 'a waiting report keeps its acceptor');
    assert.ok((await canOf('keeper', oldWaiting.id)).includes('accept'), 'the station still accepts its waiting report');

    await removeOk('community', rule.id);
    removed = true;
    const gone = (await auditEntries()).find((e) => e.action === 'acceptance_rule.remove' && e.entity_id === String(rule.id));
    assert.ok(gone, 'acceptance_rule.remove audited');
    assert.equal(gone.actor_login, 'demo-community');
    assert.deepEqual(gone.before, { category: 'hazard', acceptor: 'community', radius_metres: 1000 });
    assertProblem(await removeRule('community', rule.id), 404, 'not_found', 'removed twice');

    const back = await preview('community', spot(-2, 0), 'hazard');
    assert.ok(isStation(back.acceptor), `after removal: ${JSON.stringify(back.acceptor)}`);
    assert.equal(back.acceptor.rule_id, null);
    assert.equal(effectiveOf(await rulesOf('community', KEYUAN), 'hazard').rule_id, null);
    // The report routed under the rule stays with the community.
    assert.deepEqual((await getReport('community', r.id)).acceptor, r.acceptor, 'routing is not redone');
    assert.ok(!(await canOf('keeper', r.id)).includes('accept'));
  } finally {
    if (!removed) await removeRule('community', rule.id);
  }
});

// ---- 5. specificity ----

test('specificity: 海淀区 * → community; a category rule of the same area and any deeper rule win; welfare stays with the community', async () => {
  const created = [];
  try {
    const star = await setOk('district', { area_code: HAIDIAN, category: '*', acceptor: 'community', radius_metres: 2000, note: '全部先由社区受理' });
    created.push(['district', star.id]);
    assert.equal(star.category_label, '全部类别');
    const mine = await setOk('community', { area_code: KEYUAN, category: 'sanitation', acceptor: 'nearest_station', radius_metres: 800 });
    created.push(['community', mine.id]);

    const rules = await rulesOf('community', KEYUAN);
    const row = (c) => effectiveOf(rules, c);
    assert.deepEqual([row('hazard').acceptor, row('hazard').rule_id, row('hazard').radius_metres, row('hazard').rule_area?.code],
      ['community', star.id, 2000, HAIDIAN], 'hazard: the district\'s * rule');
    assert.deepEqual([row('sanitation').acceptor, row('sanitation').rule_id, row('sanitation').radius_metres, row('sanitation').rule_area?.code],
      ['nearest_station', mine.id, 800, KEYUAN], 'sanitation: the community\'s rule (deeper) wins');
    assert.deepEqual([row('own_difficulty').acceptor, row('own_difficulty').rule_id], ['property', SEEDED.own_difficulty],
      'own_difficulty: a category rule beats * in the same area');
    assert.deepEqual([row('food_safety').acceptor, row('food_safety').rule_id], ['community', SEEDED.food_safety]);
    assert.deepEqual([row('fire_lane').acceptor, row('fire_lane').rule_id, row('fire_lane').radius_metres], ['nearest_station', SEEDED.fire_lane, 1500],
      'fire_lane: the street\'s rule is deeper than the district\'s *');
    assert.deepEqual([row('welfare').acceptor, row('welfare').rule_id], ['community', star.id], 'welfare: community under *');
    const starListed = rules.rules.find((x) => x.id === star.id);
    assert.deepEqual([starListed?.inherited, starListed?.editable], [true, false], 'demo-community sees the district\'s rule, cannot change it');
    const fromDistrict = (await rulesOf('district', KEYUAN)).rules.find((x) => x.id === star.id);
    assert.equal(fromDistrict?.editable, true, 'the district may change its own rule');
    assertProblem(await removeRule('community', star.id), 404, 'not_found', 'demo-community removing the district\'s rule');

    // Previews and live reports agree.
    const here = spot(-2, 1);
    const hp = await preview('community', here, 'hazard');
    assert.deepEqual([hp.acceptor.kind, hp.acceptor.rule_id, hp.acceptor.reason], ['community', star.id, '规则（海淀区·全部类别）：社区受理']);
    const sp = await preview('community', here, 'sanitation');
    assert.ok(isStation(sp.acceptor), JSON.stringify(sp.acceptor));
    assert.equal(sp.acceptor.rule_id, mine.id);
    assert.match(sp.acceptor.reason, /^规则（科源社区·环境卫生）：就近驿站受理（\d+ 米）$/);
    const op = await preview('community', here, 'own_difficulty');
    assert.deepEqual([op.acceptor.kind, op.acceptor.rule_id], ['property', SEEDED.own_difficulty]);
    // In another community of the district, the community's rule does not apply.
    const elsewhere = await preview('district', spot(2, 0), 'sanitation');
    assert.equal(elsewhere.area.code, NANLOU);
    assert.deepEqual([elsewhere.acceptor.kind, elsewhere.acceptor.rule_id, elsewhere.acceptor.code], ['community', star.id, NANLOU]);

    const r0 = await rider('蒋具体');
    const h = await report(r0, { category: 'hazard', ...here });
    assert.deepEqual([h.acceptor.kind, h.acceptor.rule_id], ['community', star.id]);
    const s = await report(r0, { category: 'sanitation', ...spot(-4, -1) }); // ~620 m from the station: within the rule's 800 m
    assert.ok(isStation(s.acceptor), JSON.stringify(s.acceptor));
    assert.equal(s.acceptor.rule_id, mine.id);
    const w = await report(r0, { category: 'welfare', description: '留守儿童无人照看', ...spot(-2, 2) });
    assert.deepEqual([w.acceptor.kind, w.acceptor.code, w.acceptor.rule_id], ['community', KEYUAN, star.id], 'welfare under *: the community');

    // Setting the same area and category again replaces the rule (same id).
    const again = await setOk('district', { area_code: HAIDIAN, category: '*', acceptor: 'community', radius_metres: 3000 });
    assert.equal(again.id, star.id, 'upsert per area and category');
    const set = (await auditEntries()).find((e) => e.action === 'acceptance_rule.set' && e.entity_id === String(star.id));
    assert.deepEqual(set?.before, { acceptor: 'community', radius_metres: 2000 }, 'the audit keeps what was replaced');
    assert.deepEqual(set?.after, { category: '*', acceptor: 'community', radius_metres: 3000 });
    assert.equal((await rulesOf('district', HAIDIAN)).rules.filter((x) => x.area.code === HAIDIAN && x.category === '*').length, 1);
  } finally {
    for (const [who, id] of created.reverse()) await removeRule(who, id);
  }
  const after = await rulesOf('community', KEYUAN);
  assert.deepEqual(after.rules.map((x) => x.id).sort((a, b) => a - b), [1, 2, 3], 'only the seeded rules remain');
  assert.equal(effectiveOf(after, 'hazard').rule_id, null);
});

// ---- 6. the radius ----

test('radius: nearest_station within 100 m at a spot ~500 m from the station → community, saying no station within 100 m', async () => {
  const rule = await setOk('community', { area_code: KEYUAN, category: 'traffic', acceptor: 'nearest_station', radius_metres: 100 });
  try {
    const far = spot(-3, 0); // ~527 m from the station
    const r0 = await rider('韩半径');
    const r = await report(r0, { category: 'traffic', description: '路口视线遮挡', ...far });
    assert.equal(r.acceptor.kind, 'community', JSON.stringify(r.acceptor));
    assert.equal(r.acceptor.code, KEYUAN);
    assert.equal(r.acceptor.rule_id, rule.id);
    assert.match(r.acceptor.reason, /100 米内没有驿站/);
    assert.equal(r.acceptor.reason, '规则（科源社区·交通隐患）：100 米内没有驿站，由社区受理');
    assert.ok(!(await notifications('keeper')).some((n) => n.report_id === r.id));
    // 80 m from the station, on 科源社区's side (the station itself lies nearer a compound of 南楼社区,
    // whose rules a 科源 officer may not preview), 100 m is enough.
    const at = await preview('community', { lat: 39.990744, lon: 116.328829 }, 'traffic');
    assert.ok(isStation(at.acceptor), JSON.stringify(at.acceptor));
    // A wider radius reaches the station from the far spot.
    await setOk('community', { area_code: KEYUAN, category: 'traffic', acceptor: 'nearest_station', radius_metres: 600 });
    const wide = await preview('community', far, 'traffic');
    assert.ok(isStation(wide.acceptor), `600 m: ${JSON.stringify(wide.acceptor)}`);
    assert.equal(wide.acceptor.rule_id, rule.id);
    assert.equal((await getReport('community', r.id)).acceptor.kind, 'community', 'the earlier report stays routed as it was');
  } finally {
    await removeRule('community', rule.id);
  }
});

// ---- 7. refusals ----

test('refusals: roles, scope, areas, categories, acceptors, radius and note; nothing written; GET/DELETE/preview errors', async () => {
  const snapshot = async () => JSON.stringify((await rulesOf('admin')).rules);
  const before0 = await snapshot();
  const audit0 = (await auditEntries())[0]?.id ?? 0;
  const ok = { area_code: KEYUAN, category: 'fraud', acceptor: 'community' };
  for (const who of ['worker', 'keeper', 'grid', 'property', 'guard', 'reporter']) {
    assertProblem(await setRule(who, ok), 403, 'forbidden', `${who} sets a rule`);
  }
  assertProblem(await srv.api('POST', '/api/v1/acceptance-rules', { body: ok }), 401, 'auth_required', 'anonymous');
  // Scope: an area above or beside the officer's → 403.
  assertProblem(await setRule('community', { ...ok, area_code: ZHONGGUANCUN }), 403, 'forbidden', 'the street above 科源社区');
  assertProblem(await setRule('community', { ...ok, area_code: HAIDIAN }), 403, 'forbidden', 'the district above 科源社区');
  assertProblem(await setRule('community', { ...ok, area_code: XIWANGZHUANG }), 403, 'forbidden', 'another community');
  assertProblem(await setRule('outsider', ok), 403, 'forbidden', '西王庄社区\'s officer on 科源社区');
  // Areas.
  expectInvalid(await setRule('community', { ...ok, area_code: HQ_CODE }), 'a compound');
  expectInvalid(await setRule('district', { ...ok, area_code: HQ_CODE }), 'a compound (district)');
  expectInvalid(await setRule('community', { ...ok, area_code: '999999999999' }), 'an unknown area');
  // Welfare only to the community.
  expectInvalid(await setRule('community', { ...ok, category: 'welfare', acceptor: 'nearest_station' }), 'welfare to a station');
  expectInvalid(await setRule('community', { ...ok, category: 'welfare', acceptor: 'property' }), 'welfare to the property company');
  // Radius.
  expectInvalid(await setRule('community', { ...ok, acceptor: 'nearest_station', radius_metres: 99 }), 'radius 99');
  expectInvalid(await setRule('community', { ...ok, acceptor: 'nearest_station', radius_metres: 5001 }), 'radius 5001');
  expectInvalid(await setRule('community', { ...ok, acceptor: 'nearest_station', radius_metres: 0 }), 'radius 0');
  expectInvalid(await setRule('community', { ...ok, acceptor: 'nearest_station', radius_metres: -500 }), 'radius -500');
  expectInvalid(await setRule('community', { ...ok, acceptor: 'nearest_station', radius_metres: '500' }), 'radius as a string');
  expectInvalid(await setRule('community', { ...ok, acceptor: 'nearest_station', radius_metres: 500.5 }), 'radius 500.5');
  // Categories and acceptors.
  expectInvalid(await setRule('community', { ...ok, category: 'aliens' }), 'an unknown category');
  expectInvalid(await setRule('community', { ...ok, category: '' }), 'an empty category');
  expectInvalid(await setRule('community', { ...ok, acceptor: 'police' }), 'an unknown acceptor');
  expectInvalid(await setRule('community', { ...ok, acceptor: undefined }), 'no acceptor');
  expectInvalid(await setRule('community', { ...ok, area_code: undefined }), 'no area_code');
  expectInvalid(await setRule('community', { ...ok, category: undefined }), 'no category');
  // Note.
  expectInvalid(await setRule('community', { ...ok, note: '长'.repeat(201) }), 'a note of 201 characters');
  assertProblem(await setRule('community', { ...ok, colour: 'red' }), 400, 'unknown_field', 'an unknown field');
  assertProblem(await as('community', 'POST', '/api/v1/acceptance-rules', { rawBody: '{"area_code":', headers: { 'Content-Type': 'application/json' } }),
    400, 'invalid_json', 'broken JSON');
  assert.equal(await snapshot(), before0, 'no refused request changed the rules');
  assert.ok(!(await auditEntries()).some((e) => e.id > audit0 && e.action.startsWith('acceptance_rule.')), 'nor was anything audited');

  // The limits themselves are accepted (and replaced in place).
  const low = await setOk('community', { ...ok, acceptor: 'nearest_station', radius_metres: 100, note: '长'.repeat(200) });
  const high = await setOk('community', { ...ok, acceptor: 'nearest_station', radius_metres: 5000 });
  assert.equal(high.id, low.id);
  // Removing: roles and scope.
  assertProblem(await removeRule('keeper', low.id), 403, 'forbidden', 'a keeper removes a rule');
  assertProblem(await removeRule('worker', low.id), 403, 'forbidden', 'a worker removes a rule');
  assertProblem(await removeRule('grid', low.id), 403, 'forbidden', 'a grid officer removes a rule');
  assertProblem(await removeRule('outsider', low.id), 404, 'not_found', 'another community\'s officer');
  assertProblem(await removeRule('community', SEEDED.food_safety), 404, 'not_found', 'the district\'s rule, from the community');
  assertProblem(await removeRule('community', 999999), 404, 'not_found', 'an unknown rule');
  assertProblem(await srv.api('DELETE', `/api/v1/acceptance-rules/${low.id}`), 401, 'auth_required', 'anonymous');
  assert.ok((await rulesOf('community', KEYUAN)).rules.some((x) => x.id === low.id), 'still there');
  await removeOk('street', low.id); // the street removes a rule set below it
  assert.equal(await snapshot(), before0);

  // Reading: staff in scope only.
  assertProblem(await as('worker', 'GET', '/api/v1/acceptance-rules'), 403, 'forbidden', 'a worker');
  assertProblem(await as('guard', 'GET', '/api/v1/acceptance-rules'), 403, 'forbidden', 'a guard');
  assertProblem(await srv.api('GET', '/api/v1/acceptance-rules'), 401, 'auth_required', 'anonymous');
  assertProblem(await as('community', 'GET', `/api/v1/acceptance-rules?area=${HAIDIAN}`), 403, 'forbidden', 'an area above');
  assertProblem(await as('outsider', 'GET', `/api/v1/acceptance-rules?area=${KEYUAN}`), 403, 'forbidden', 'another community');
  assertProblem(await as('community', 'GET', '/api/v1/acceptance-rules?area=999999999999'), 404, 'not_found', 'an unknown area');
  const own = await rulesOf('community');
  assert.equal(own.area.code, KEYUAN, 'without area: the caller\'s own');
  // Preview: staff only, inside the city.
  assertProblem(await as('worker', 'GET', '/api/v1/acceptance-rules/preview?lat=39.98&lon=116.33&category=hazard'), 403, 'forbidden', 'a worker previews');
  expectInvalid(await as('community', 'GET', '/api/v1/acceptance-rules/preview?lat=31.2304&lon=121.4737&category=hazard'), 'Shanghai');
  expectInvalid(await as('community', 'GET', '/api/v1/acceptance-rules/preview?lat=39.98&lon=116.33'), 'no category');
  expectInvalid(await as('community', 'GET', '/api/v1/acceptance-rules/preview?lat=39.98&lon=116.33&category=aliens'), 'unknown category');
  expectInvalid(await as('community', 'GET', '/api/v1/acceptance-rules/preview?lon=116.33&category=hazard'), 'no lat');
  expectInvalid(await as('community', 'GET', '/api/v1/acceptance-rules/preview?lat=abc&lon=116.33&category=hazard'), 'lat abc');
});

// ---- 8. Open311 ----

test('Open311: an organisation\'s request is routed too (station for a hazard, property for own_difficulty)', async () => {
  const issued = await as('admin', 'POST', '/api/v1/open311/keys', { body: { organisation: '受理测试单位' } });
  assert.equal(issued.status, 201, issued.text);
  const send = (fields) => {
    const body = Object.entries({ api_key: issued.json.api_key, ...fields }).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
    return srv.api('POST', '/open311/v2/requests.json', { rawBody: body, headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' } });
  };
  // Open311 requests get the 50 m / 24 h duplicate check: a spot clear of the hazards filed before.
  let id = null;
  for (const [i, j] of [[-3, 1], [-3.4, 1.4], [-2.6, 1.6], [-3.6, 0.6]]) {
    const h = spot(i, j);
    const res = await send({ service_code: 'hazard', lat: String(h.lat), long: String(h.lon), description: '路面塌陷' });
    if (res.status === 409) continue;
    assert.equal(res.status, 200, res.text);
    id = Number(res.json[0].service_request_id);
    break;
  }
  assert.ok(id, 'a spot with no hazard filed nearby');
  const r = await getReport('community', id);
  assert.equal(r.source, 'open311');
  assert.equal(r.area.code, KEYUAN);
  checkAcceptor(r.acceptor);
  assert.ok(isStation(r.acceptor), JSON.stringify(r.acceptor));
  assert.equal(r.acceptor.rule_id, null);
  assert.match(r.acceptor.reason, /默认规则/);
  assert.ok((await notifications('keeper')).some((n) => n.report_id === id), 'the keeper is notified');
  assert.ok((await canOf('keeper', id)).includes('accept'));
  assert.ok(!(await canOf('grid', id)).includes('accept'));

  // Inside 华清嘉园小区 (within ~150 m of its centre), clear of an own_difficulty filed earlier nearby.
  let oid = null;
  for (const o of [{ lat: 39.988537, lon: 116.328968 }, { lat: 39.990537, lon: 116.330668 }, { lat: 39.989137, lon: 116.331168 }]) {
    const res = await send({ service_code: 'own_difficulty', lat: String(o.lat), long: String(o.lon), description: '进不了小区', 'attribute[difficulty]': 'cannot_enter' });
    if (res.status === 409) continue;
    assert.equal(res.status, 200, res.text);
    oid = Number(res.json[0].service_request_id);
    break;
  }
  assert.ok(oid, 'a spot inside the compound with no own_difficulty filed nearby');
  const or = await getReport('community', oid);
  assert.deepEqual([or.acceptor.kind, or.acceptor.code, or.acceptor.rule_id], ['property', HQ_CODE, SEEDED.own_difficulty]);
  assert.ok((await notifications('property')).some((n) => n.report_id === oid), 'the property company is notified');
  assert.ok((await listIds('property')).some((x) => x.id === oid));
});

// ---- 9. one's own report nearby ----

test('already_reported: the same category 20 m from one\'s own open report → 409 (own: true), nothing stored; joining it → 400; another rider → possible_duplicate (own: false)', async () => {
  const a = await rider('杨重复');
  const b = await rider('朱附和');
  const here = spot(-3, -2);
  const first = await report(a, { category: 'hazard', description: '井盖松动', ...here });
  const near = { lat: +(here.lat + 20 / DEG_LAT_M).toFixed(6), lon: here.lon };
  const body = { category: 'hazard', description: '又看到井盖松动', ...near };
  const again = await as(a, 'POST', '/api/v1/reports', { body });
  const p = assertProblem(again, 409, 'already_reported', 'one\'s own report 20 m away');
  assert.equal(p.duplicate_of?.id, first.id);
  assert.equal(p.duplicate_of.own, true);
  assert.ok(Math.abs(p.duplicate_of.distance_m - 20) <= 1.5, `distance_m ${p.duplicate_of.distance_m}`);
  const mine = await listIds(a, { mine: '1' });
  assert.deepEqual(mine.map((x) => x.id), [first.id], 'nothing stored');
  expectInvalid(await as(a, 'POST', '/api/v1/reports', { body: { ...body, join: first.id } }), 'joining one\'s own report');
  assert.equal((await getReport(a, first.id)).me_too, 0, 'the refused join changed nothing');
  assert.deepEqual((await listIds(a, { mine: '1' })).map((x) => x.id), [first.id]);

  const dup = await as(b, 'POST', '/api/v1/reports', { body });
  const q = assertProblem(dup, 409, 'possible_duplicate', 'another rider 20 m away');
  assert.equal(q.duplicate_of?.id, first.id);
  assert.equal(q.duplicate_of.own, false);
  const joined = await as(b, 'POST', '/api/v1/reports', { body: { ...body, join: first.id } });
  assert.equal(joined.status, 200, joined.text);
  assert.equal(joined.json.me_too, 1);
  // Another category at the same spot is a new report.
  const other = await report(a, { category: 'sanitation', description: '垃圾堆积', ...near });
  assert.ok(other.id > first.id);
});
