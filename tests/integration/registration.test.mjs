// Registering proves the phone: a one-time code, the same answer whether or not the phone is
// registered, limits per phone and per address, and codes that cannot be guessed or reused.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, Server, assertProblem, uniquePhone, phoneCode, loopbackAddress, registerRider, MASKED_PHONE } from './harness.mjs';

const srv = useServer();
let depot;

before(async () => {
  await srv.start();
  const options = (await srv.request('GET', '/api/v1/register/options')).json;
  depot = options.depots.find((d) => d.platform === '美团') ?? options.depots[0];
});

const body = (phone, code, extra = {}) => ({ phone, password: 'rider-secret-2024', name: '验证码测试', kind: 'food',
  platform: depot.platform, depot_id: depot.id, plate: '', convention_accepted: true, code, ...extra });
const register = (phone, code) => srv.api('POST', '/api/v1/register', { body: body(phone, code), localAddress: loopbackAddress() });
const askCode = (phone, localAddress = loopbackAddress()) => srv.api('POST', '/api/v1/register/code', { body: { phone }, localAddress });

test('a code is asked for with the same answer whether or not the phone is registered', async () => {
  const known = await askCode('13800138000'); // demo-worker's phone, in the register
  const unknown = await askCode(uniquePhone());
  for (const res of [known, unknown]) {
    assert.equal(res.status, 202, res.text);
    assert.deepEqual(Object.keys(res.json).sort(), ['demo_code', 'expires_in', 'resend_in', 'sent']);
    assert.equal(res.json.expires_in, 300);
    assert.equal(res.headers['cache-control'], 'no-store');
  }
  assertProblem(await askCode('12345'), 400, 'validation_failed', 'not a mobile number');
});

test('no code, a wrong code, a guessed-out code and a used code cannot register; the right one can, once', async () => {
  const phone = uniquePhone();
  assertProblem(await srv.api('POST', '/api/v1/register', { body: body(phone, undefined), localAddress: loopbackAddress() }),
    400, 'validation_failed', 'the code is required');
  assertProblem(await register(phone, '000000'), 400, 'code_expired', 'no code was ever sent');
  const code = await phoneCode(srv, phone);
  const wrong = code === '111111' ? '222222' : '111111';
  const first = await register(phone, wrong);
  assertProblem(first, 400, 'code_invalid', 'a wrong code');
  assert.equal(first.json.attempts_left, 4);
  assert.match(first.json.detail, /验证码不对，还可以再试 4 次/);
  for (let i = 0; i < 4; i++) await register(phone, wrong);
  assertProblem(await register(phone, code), 400, 'code_expired', 'five wrong guesses spend the code, even for the right one next');

  const other = uniquePhone();
  const good = await phoneCode(srv, other);
  const created = await register(other, good);
  assert.equal(created.status, 201, created.text);
  assertProblem(await register(other, good), 400, 'code_expired', 'a code registers once');
});

test("someone else's phone: without the SMS, a non-demo server gives nothing to register with", async () => {
  const plain = new Server({ demo: false });
  await plain.start();
  try {
    const phone = uniquePhone();
    const res = await plain.api('POST', '/api/v1/register/code', { body: { phone } });
    assert.equal(res.status, 202, res.text);
    assert.equal(res.json.demo_code, undefined, 'the code goes to the phone only');
    assert.match(plain.logs, /"event":"sms","to":"\d{3}\*{4}\d{4}"/, 'the log has the SMS, the phone masked');
    const guess = await plain.api('POST', '/api/v1/register', { body: body(phone, '123456', { depot_id: 1 }) });
    assert.equal(guess.status, 400, guess.text);
    assert.ok(['code_invalid', 'code_expired'].includes(guess.json.code), guess.text);
  } finally {
    await plain.stop();
    await plain.cleanup();
  }
});

test('codes are spaced a minute apart per phone and capped per address, with Retry-After, in Chinese', async () => {
  const phone = uniquePhone();
  assert.equal((await askCode(phone)).status, 202);
  const again = await askCode(phone);
  assertProblem(again, 429, 'rate_limited', 'a second code within a minute');
  assert.ok(Number(again.headers['retry-after']) > 0 && Number(again.headers['retry-after']) <= 60, again.headers['retry-after']);
  assert.match(again.json.detail, /验证码发送太频繁/);
  const address = loopbackAddress();
  let refused = null;
  for (let i = 0; i < 25 && !refused; i++) {
    const res = await askCode(uniquePhone(), address);
    if (res.status === 429) refused = i;
  }
  assert.equal(refused, 20, 'the 21st code from one address within an hour is refused');
});

// ---------------------------------------------------------------------------------------------
// Registration that explains itself: the rider chooses the community that verifies them, the
// pending screen names who verifies, the usual wait and a contact, the rider is told of the
// decision, the officer has an inbox, and plates are checked for shape.

const KEYUAN = '110108011001'; // 科源社区: demo-community's community, where depot 1 lies
const officers = {};
const as = async (who) => (officers[who] ??= (await srv.login(`demo-${who}`)).token);

/** Registers a rider with `extra` fields (community_code, plate, depot_id, platform…); returns the 201 and /workers/me. */
async function registerWith(extra = {}, name = '社区选择') {
  const phone = uniquePhone();
  const code = await phoneCode(srv, phone);
  const res = await srv.api('POST', '/api/v1/register', { body: { ...body(phone, code), depot_id: 1, platform: '美团', name, ...extra },
    localAddress: loopbackAddress() });
  assert.equal(res.status, 201, res.text);
  const me = await srv.api('GET', '/api/v1/workers/me', { token: res.json.token });
  assert.equal(me.status, 200, me.text);
  return { token: res.json.token, account: res.json.account, workerId: me.json.worker.id, me: me.json, phone, name };
}

/** A depot of the demo recorded only at its street (美团外卖蓟门桥站, 北太平庄街道). */
async function streetDepot() {
  const options = (await srv.request('GET', '/api/v1/register/options')).json;
  const found = options.depots.find((d) => d.name === '美团外卖蓟门桥站');
  assert.ok(found, 'the demo has 美团外卖蓟门桥站');
  return found;
}

const communities = (depotId, q = '') =>
  srv.request('GET', `/api/v1/register/communities?depot_id=${depotId}${q ? `&q=${encodeURIComponent(q)}` : ''}`);

test("the rider chooses the community that verifies them; without a choice the depot's suggestion, never a street", async () => {
  const street = await streetDepot();
  const listed = await communities(street.id);
  assert.equal(listed.status, 200, listed.text);
  const items = listed.json.items;
  assert.ok(items.length > 1 && items.length <= 20, `communities offered: ${items.length}`);
  assert.deepEqual(items.map((c) => c.suggested), items.map((_, i) => i === 0), 'only the first is suggested');
  assert.match(items[0].code, /^110108008\d{3}$/, `a depot recorded at its street suggests a community of that street: ${items[0].code}`);
  for (const c of items) assert.ok(c.name && /^\d{12}$/.test(c.code), JSON.stringify(c));
  const sameStreet = items.filter((c) => c.code.startsWith('110108008')).map((c) => c.distance_m);
  assert.deepEqual(sameStreet, [...sameStreet].sort((a, b) => a - b), 'the street’s communities nearest first');

  // No choice: the suggestion, so the rider lands where a community officer sees them.
  const plain = await registerWith({ depot_id: street.id, platform: street.platform }, '默认社区');
  assert.equal(plain.me.worker.area_code, items[0].code);
  assert.equal(plain.account.area.code, items[0].code, 'the account is in the community too');

  // A choice far from the depot is kept, and that community's officer sees and may verify the rider.
  const chosen = await registerWith({ depot_id: street.id, platform: street.platform, community_code: KEYUAN }, '选科源');
  assert.equal(chosen.me.worker.area_code, KEYUAN);
  const community = await as('community');
  const pending = await srv.api('GET', '/api/v1/workers?status=pending&q=%E9%80%89%E7%A7%91%E6%BA%90&limit=200', { token: community });
  assert.ok(pending.json.items.some((w) => w.id === chosen.workerId), 'demo-community lists the rider who chose 科源社区');
  const outside = await srv.api('GET', '/api/v1/workers?status=pending&q=%E9%BB%98%E8%AE%A4%E7%A4%BE%E5%8C%BA&limit=200', { token: community });
  assert.ok(!outside.json.items.some((w) => w.id === plain.workerId), 'a rider of another community is not in 科源’s list');
  assertProblem(await srv.api('POST', `/api/v1/workers/${plain.workerId}/status`, { token: community, body: { status: 'verified', reason: '越权' } }),
    403, 'forbidden', 'outside the officer’s community');

  // A search by name looks through the city and suggests nothing.
  const search = await communities(street.id, '科源');
  assert.equal(search.status, 200, search.text);
  assert.ok(search.json.items.some((c) => c.code === KEYUAN), 'the search finds 科源社区');
  assert.ok(search.json.items.every((c) => !c.suggested && c.name.includes('科源')));

  // Not a community: refused in Chinese; the code is not spent by the refusal.
  const phone = uniquePhone();
  const code = await phoneCode(srv, phone);
  for (const wrong of ['110108008', '999999999999']) {
    const res = await srv.api('POST', '/api/v1/register', { body: { ...body(phone, code), depot_id: 1, platform: '美团', community_code: wrong } });
    const problem = assertProblem(res, 400, 'community_unknown', wrong);
    assert.match(problem.detail, /没有找到这个社区/);
  }
  assert.equal((await srv.api('POST', '/api/v1/register', { body: { ...body(phone, code), depot_id: 1, platform: '美团', community_code: KEYUAN } })).status, 201);

  assertProblem(await srv.request('GET', '/api/v1/register/communities'), 400, 'validation_failed', 'depot_id is required');
  assertProblem(await communities(999999999), 404, 'not_found', 'no such depot');
});

test('the pending screen names who verifies, the usual wait there and a station to call', async () => {
  const rider = await registerWith({}, '待审说明');
  const outlook = rider.me.verification;
  assert.deepEqual(outlook.verifier, { area_code: KEYUAN, area_name: '科源社区', area_level: 'community', role: 'community_officer' });
  assert.equal(typeof outlook.wait.samples, 'number');
  assert.equal(outlook.decision, null, 'nothing decided yet');
  assert.equal(outlook.contact?.name, '华清嘉园暖心驿站', JSON.stringify(outlook.contact));
  assert.equal(outlook.contact.phone, '010-62284001');
  assert.match(outlook.contact.address, /华清嘉园/);

  // The usual wait: none to say under five verifications in the community, then their median.
  const street = await streetDepot();
  const [quiet] = (await communities(street.id)).json.items.slice(-1);
  const admin = (await srv.login('demo-admin')).token;
  const inQuiet = () => registerWith({ depot_id: street.id, platform: street.platform, community_code: quiet.code }, '等待统计');
  const first = await inQuiet();
  assert.equal(first.me.verification.verifier.area_code, quiet.code);
  assert.equal(first.me.verification.wait.median_hours, null, 'too few verifications: the screen says “usually within a working day”');
  for (let i = 0; i < 5; i++) {
    const r = await inQuiet();
    const v = await srv.api('POST', `/api/v1/workers/${r.workerId}/status`, { token: admin, body: { status: 'verified', reason: '核验通过' } });
    assert.equal(v.status, 200, v.text);
  }
  const after = await srv.api('GET', '/api/v1/workers/me', { token: first.token });
  assert.deepEqual(after.json.verification.wait, { median_hours: 1, samples: 5 }, 'verified at once: about an hour');
});

test('the rider is told of the decision in their bell, with the reason when refused', async () => {
  const community = await as('community');
  const inbox = async (rider, lang = 'zh-CN') =>
    (await srv.api('GET', '/api/v1/notifications', { token: rider.token, headers: { 'Accept-Language': lang } })).json.items.filter((n) => n.kind?.startsWith('worker_'));

  const approved = await registerWith({}, '通知通过');
  assert.deepEqual(await inbox(approved), [], 'registering tells nobody anything');
  const ok = await srv.api('POST', `/api/v1/workers/${approved.workerId}/status`, { token: community, body: { status: 'verified', reason: '证件齐全' } });
  assert.equal(ok.status, 200, ok.text);
  const [told] = await inbox(approved);
  assert.equal(told?.kind, 'worker_verified', JSON.stringify(told));
  assert.equal(told.report_id, null);
  assert.match(told.message, /骑手认证已通过（科源社区）/);
  assert.match((await inbox(approved, 'en'))[0].message, /approved \(科源社区\)/);
  const me = (await srv.api('GET', '/api/v1/workers/me', { token: approved.token })).json;
  assert.deepEqual([me.verification.decision.from, me.verification.decision.to], ['pending', 'verified']);

  const refused = await registerWith({}, '通知拒绝');
  const no = await srv.api('POST', `/api/v1/workers/${refused.workerId}/status`, { token: community, body: { status: 'revoked', reason: '照片不是本人' } });
  assert.equal(no.status, 200, no.text);
  const [refusal] = await inbox(refused);
  assert.equal(refusal?.kind, 'worker_refused');
  assert.match(refusal.message, /骑手认证未通过（科源社区）：照片不是本人/);
  const decision = (await srv.api('GET', '/api/v1/workers/me', { token: refused.token })).json.verification.decision;
  assert.deepEqual(decision && [decision.from, decision.to, decision.reason], ['pending', 'revoked', '照片不是本人']);

  // A refused change tells nobody: the bell and the status stay as they were.
  assertProblem(await srv.api('POST', `/api/v1/workers/${refused.workerId}/status`, { token: community, body: { status: 'revoked', reason: '再次' } }), 409, 'conflict');
  assert.equal((await inbox(refused)).length, 1);

  // A roster import verifies and tells too.
  const listed = await registerWith({}, '花名通知');
  const csv = `phone,name,platform,depot\n${listed.phone},花名通知,美团,\n`;
  const imported = await srv.api('POST', '/api/v1/workers/roster', { token: community, rawBody: csv, headers: { 'Content-Type': 'text/csv' } });
  assert.equal(imported.status, 200, imported.text);
  assert.equal(imported.json.verified, 1, imported.text);
  assert.deepEqual((await inbox(listed)).map((n) => n.kind), ['worker_verified']);
});

test("the officer's inbox: pending riders in scope, oldest first, with plate, photo flag and masked phone", async () => {
  const community = await as('community');
  const inbox = (query = '') => srv.api('GET', `/api/v1/workers?status=pending&order=oldest&limit=200${query}`, { token: community });
  const before = await inbox();
  assert.equal(before.status, 200, before.text);
  const newest = await registerWith({ plate: '京B·12345' }, '收件箱');
  const page = await inbox();
  assert.equal(page.json.total, before.json.total + 1, 'the count of riders waiting grows by one');
  const lastPage = await inbox(`&offset=${page.json.total - 1}`);
  const last = lastPage.json.items.at(-1);
  assert.equal(last?.id, newest.workerId, 'the newest registration comes last');
  assert.equal(last.plate, '京B·12345');
  assert.equal(last.has_photo, false);
  assert.match(last.phone_masked, MASKED_PHONE);
  assert.ok(Math.abs(last.registered_at - Date.now() / 1000) < 120, `registered_at ${last.registered_at}`);
  const items = page.json.items;
  for (const w of items) {
    assert.equal(w.status, 'pending');
    assert.equal(typeof w.plate, 'string');
    assert.equal(typeof w.has_photo, 'boolean');
  }
  for (let i = 1; i < items.length; i++) {
    const [a, b] = [items[i - 1], items[i]];
    assert.ok(a.registered_at < b.registered_at || (a.registered_at === b.registered_at && a.id < b.id), `oldest first at ${i}`);
  }
  // Only the riders of the officer's own area: one waiting in another community is not in it.
  const street = await streetDepot();
  const elsewhere = await registerWith({ depot_id: street.id, platform: street.platform }, '别处骑手');
  const named = `&q=${encodeURIComponent('别处骑手')}`;
  assert.equal((await inbox(named)).json.total, 0, 'not in 科源社区’s inbox');
  const admin = (await srv.login('demo-admin')).token;
  const all = await srv.api('GET', `/api/v1/workers?status=pending&order=oldest${named}`, { token: admin });
  assert.ok(all.json.items.some((w) => w.id === elsewhere.workerId), 'in the inbox of an officer whose area holds it');
  assertProblem(await srv.api('GET', '/api/v1/workers?order=newest', { token: community }), 400, 'validation_failed');
});

test('plates are checked for shape: the common forms kept in one spelling, anything else refused in Chinese', async () => {
  const phone = uniquePhone();
  const code = await phoneCode(srv, phone);
  for (const plate of ['ABC', '京A1234', '北京市海淀区12345', '京A12345!']) {
    const res = await srv.api('POST', '/api/v1/register', { body: { ...body(phone, code), depot_id: 1, platform: '美团', plate } });
    const problem = assertProblem(res, 400, 'plate_invalid', plate);
    assert.match(problem.detail, /车牌号格式不对/);
  }
  const en = await srv.api('POST', '/api/v1/register', { body: { ...body(phone, code), depot_id: 1, platform: '美团', plate: 'X' }, headers: { 'Accept-Language': 'en' } });
  assert.match(assertProblem(en, 400, 'plate_invalid').detail, /not a plate number/);
  const res = await srv.api('POST', '/api/v1/register', { body: { ...body(phone, code), depot_id: 1, platform: '美团', plate: '京a 12345' } });
  assert.equal(res.status, 201, res.text);
  const me = await srv.api('GET', '/api/v1/workers/me', { token: res.json.token });
  assert.equal(me.json.worker.plate, '京A·12345', 'stored in one spelling');
  const noPlate = await registerRider(srv, { name: '无车牌' });
  assert.equal(noPlate.me.worker.plate, '', 'riders on foot register without a plate');
});
