// Sessions: login for every demo account, bearer and cookie auth, CSRF, logout, login throttling.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, assertProblem, cookieFrom, DEMO_LOGINS, DEMO_PASSWORD, registerRider, phoneCode } from './harness.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const srv = useServer();

const ROLE_OF = {
  'demo-admin': 'admin', 'demo-city': 'city_officer', 'demo-district': 'district_officer',
  'demo-street': 'street_officer', 'demo-community': 'community_officer', 'demo-grid': 'grid_officer',
  'demo-guard': 'guard', 'demo-property': 'property_manager', 'demo-keeper': 'station_keeper',
  'demo-merchant': 'merchant', 'demo-sponsor': 'sponsor', 'demo-union': 'union_staff', 'demo-worker': 'worker', 'demo-reporter': 'worker',
};
const LEVELS = ['city', 'district', 'street', 'community', 'compound'];

const newAccountBody = (login) => ({ login, password: 'correct-horse-42', display_name: `测试 ${login}`, role: 'district_officer', area_code: '110108' });

test('every demo account logs in: 201, token, csrf_token, HttpOnly SameSite=Strict cookie', async () => {
  for (const login of DEMO_LOGINS) {
    const res = await srv.api('POST', '/api/v1/session', { body: { login, password: DEMO_PASSWORD } });
    assert.equal(res.status, 201, `${login}: ${res.text}`);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    const j = res.json;
    assert.equal(typeof j.token, 'string'); assert.ok(j.token.length >= 20, `${login}: token is long enough`);
    assert.equal(typeof j.csrf_token, 'string'); assert.ok(j.csrf_token.length >= 16);
    assert.notEqual(j.token, j.csrf_token);
    assert.ok(Number.isInteger(j.expires_at), 'expires_at is an integer');
    const expiresMs = j.expires_at > 1e12 ? j.expires_at : j.expires_at * 1000;
    assert.ok(expiresMs > Date.now(), `${login}: expires_at is in the future`);
    assert.equal(j.account.login, login);
    assert.equal(j.account.role, ROLE_OF[login], `${login}: role`);
    assert.equal(typeof j.account.role_label_zh, 'string');
    assert.ok(j.account.role_label_zh.length > 0);
    assert.equal(typeof j.account.display_name, 'string');
    assert.ok(LEVELS.includes(j.account.area?.level), `${login}: area.level ${j.account.area?.level}`);
    assert.ok(j.account.area?.code && j.account.area?.name_zh, `${login}: area code and name`);
    assert.equal(j.account.password_hash, undefined, 'no password hash leaks');
    const cookies = res.headers['set-cookie'] || [];
    const session = cookies.find((c) => c.startsWith('youhao_session='));
    assert.ok(session, `${login}: Set-Cookie youhao_session (got ${JSON.stringify(cookies)})`);
    assert.match(session, /;\s*HttpOnly/i);
    assert.match(session, /;\s*SameSite=Strict/i);
    assert.match(session, /;\s*Path=\//i);
  }
  const officer = (await srv.login('demo-street')).account;
  assert.equal(officer.area.level, 'street');
  assert.match(officer.area.code, /^110108\d{3}$/, 'demo-street is an officer of a Haidian street');
  assert.equal((await srv.login('demo-guard')).account.area.level, 'compound');
  assert.equal((await srv.login('demo-district')).account.area.code, '110108');
});

test('GET /api/v1/me works with the bearer token and with the cookie', async () => {
  const s = await srv.login('demo-community');
  const viaBearer = await srv.api('GET', '/api/v1/me', { token: s.token });
  assert.equal(viaBearer.status, 200, viaBearer.text);
  assert.equal(viaBearer.json.account.login, 'demo-community');
  const viaCookie = await srv.api('GET', '/api/v1/me', { cookie: s.cookie });
  assert.equal(viaCookie.status, 200, viaCookie.text);
  assert.equal(viaCookie.json.account.login, 'demo-community');
  assert.equal(viaCookie.json.csrf_token, s.csrf, 'me returns the session CSRF token');
});

test('no or bad credentials → 401 auth_required', async () => {
  assertProblem(await srv.api('GET', '/api/v1/me'), 401, 'auth_required');
  assertProblem(await srv.api('GET', '/api/v1/me', { token: 'not-a-real-token' }), 401, 'auth_required');
  assertProblem(await srv.api('GET', '/api/v1/me', { cookie: 'youhao_session=forged0123456789abcdef' }), 401, 'auth_required');
  assertProblem(await srv.api('GET', '/api/v1/me', { headers: { Authorization: 'Basic ZGVtby1hZG1pbjp5b3VoYW8tZGVtbw==' } }), 401, 'auth_required');
});

test('cookie-authenticated writes need X-CSRF-Token; bearer writes do not', async () => {
  const s = await srv.login('demo-admin');
  // POST with the cookie and no CSRF header.
  assertProblem(await srv.api('POST', '/api/v1/accounts', { cookie: s.cookie, body: newAccountBody('csrf-none') }), 403, 'csrf_failed');
  // A wrong CSRF token.
  assertProblem(await srv.api('POST', '/api/v1/accounts', { cookie: s.cookie, csrf: 'x'.repeat(s.csrf.length), body: newAccountBody('csrf-wrong') }), 403, 'csrf_failed');
  // The CSRF token of another session.
  const other = await srv.login('demo-admin');
  assertProblem(await srv.api('POST', '/api/v1/accounts', { cookie: s.cookie, csrf: other.csrf, body: newAccountBody('csrf-other') }), 403, 'csrf_failed');
  // Nothing was created by the refused requests.
  const list = await srv.api('GET', '/api/v1/accounts?area=110108&limit=200', { token: s.token });
  assert.equal(list.status, 200);
  assert.ok(!list.json.items.some((a) => a.login.startsWith('csrf-')), 'refused requests created nothing');
  // With the right token.
  const ok = await srv.api('POST', '/api/v1/accounts', { cookie: s.cookie, csrf: s.csrf, body: newAccountBody('csrf-good') });
  assert.equal(ok.status, 201, ok.text);
  // Bearer: no CSRF needed.
  const bearer = await srv.api('POST', '/api/v1/accounts', { token: s.token, body: newAccountBody('bearer-nocsrf') });
  assert.equal(bearer.status, 201, bearer.text);
  // GET with the cookie needs no CSRF.
  assert.equal((await srv.api('GET', '/api/v1/me', { cookie: s.cookie })).status, 200);
});

test('cookie DELETE /api/v1/session without CSRF → 403; with it → 204; then /me → 401', async () => {
  const s = await srv.login('demo-grid');
  assertProblem(await srv.api('DELETE', '/api/v1/session', { cookie: s.cookie }), 403, 'csrf_failed');
  assert.equal((await srv.api('GET', '/api/v1/me', { cookie: s.cookie })).status, 200, 'still logged in after the refused logout');
  const out = await srv.api('DELETE', '/api/v1/session', { cookie: s.cookie, csrf: s.csrf });
  assert.equal(out.status, 204, out.text);
  assert.equal(out.body.length, 0, '204 has no body');
  const cleared = (out.headers['set-cookie'] || []).find((c) => c.startsWith('youhao_session='));
  assert.ok(cleared, 'logout clears the cookie');
  assert.match(cleared, /Max-Age=0|Expires=Thu, 01 Jan 1970/i);
  assertProblem(await srv.api('GET', '/api/v1/me', { cookie: s.cookie }), 401, 'auth_required');
  assertProblem(await srv.api('GET', '/api/v1/me', { token: s.token }), 401, 'auth_required');
});

test('bearer DELETE /api/v1/session → 204; the token no longer works; other sessions do', async () => {
  const a = await srv.login('demo-keeper');
  const b = await srv.login('demo-keeper');
  const out = await srv.api('DELETE', '/api/v1/session', { token: a.token });
  assert.equal(out.status, 204, out.text);
  assertProblem(await srv.api('GET', '/api/v1/me', { token: a.token }), 401, 'auth_required');
  assertProblem(await srv.api('DELETE', '/api/v1/session', { token: a.token }), 401, 'auth_required');
  assert.equal((await srv.api('GET', '/api/v1/me', { token: b.token })).status, 200, 'the second session is untouched');
});

test('wrong password and unknown login → 401 invalid_credentials (same answer)', async () => {
  const wrong = await srv.api('POST', '/api/v1/session', { body: { login: 'demo-property', password: 'not-the-password' } });
  const p1 = assertProblem(wrong, 401, 'invalid_credentials');
  const unknown = await srv.api('POST', '/api/v1/session', { body: { login: 'nobody-here', password: 'not-the-password' } });
  const p2 = assertProblem(unknown, 401, 'invalid_credentials');
  assert.equal(p1.detail, p2.detail, 'no account enumeration through the message');
  assert.equal(wrong.headers['set-cookie'], undefined, 'no cookie on failure');
  // The right password still works after a single failure.
  assert.equal((await srv.api('POST', '/api/v1/session', { body: { login: 'demo-property', password: DEMO_PASSWORD } })).status, 201);
});

test('repeated failures for one login → 429 login_rate_limited with Retry-After; even the right password is refused', async () => {
  const login = 'demo-merchant';
  let limited = null;
  for (let i = 1; i <= 10; i++) {
    const res = await srv.api('POST', '/api/v1/session', { body: { login, password: `wrong-${i}` } });
    if (res.status === 429) { limited = { res, i }; break; }
    assertProblem(res, 401, 'invalid_credentials', `attempt ${i}`);
  }
  assert.ok(limited, 'locked within 10 failures');
  assert.ok(limited.i >= 3, `not locked after fewer than 3 failures (locked at ${limited.i})`);
  assertProblem(limited.res, 429, 'login_rate_limited');
  const retry = Number(limited.res.headers['retry-after']);
  assert.ok(Number.isInteger(retry) && retry > 0, `Retry-After is a positive number of seconds: ${limited.res.headers['retry-after']}`);
  const right = await srv.api('POST', '/api/v1/session', { body: { login, password: DEMO_PASSWORD } });
  assertProblem(right, 429, 'login_rate_limited', 'right password while locked');
  assert.ok(Number(right.headers['retry-after']) > 0);
  // Other accounts from the same address are not affected by one account's lock.
  assert.equal((await srv.api('POST', '/api/v1/session', { body: { login: 'demo-sponsor', password: DEMO_PASSWORD } })).status, 201);
  // Nor is the account's owner, from their own address: a stranger's failures slow the stranger.
  const owner = await srv.api('POST', '/api/v1/session', { body: { login, password: DEMO_PASSWORD }, localAddress: '127.0.0.99' });
  assert.equal(owner.status, 201, owner.text);
});

test('a rider whose password attempts a stranger has slowed from many addresses signs in with a one-time code', async () => {
  const rider = await registerRider(srv);
  let slowed = null;
  for (let i = 0; i < 40 && !slowed; i++) {
    const res = await srv.api('POST', '/api/v1/session', { body: { login: rider.phone, password: `guess-${i}` }, localAddress: `127.0.3.${i + 1}` });
    if (res.status === 429) slowed = i;
  }
  assert.ok(slowed !== null, 'guessing from many addresses slows the account');
  const own = await srv.api('POST', '/api/v1/session', { body: { login: rider.phone, password: 'rider-secret-2024' }, localAddress: '127.0.4.1' });
  assertProblem(own, 429, 'login_rate_limited', 'the password is slowed for everyone now');
  // Not a lockout: a code to the rider's phone signs them in.
  await sleep(Math.max(0, 61_000 - (Date.now() - rider.codeAt))); // one code a minute per phone
  const code = await phoneCode(srv, rider.phone);
  assertProblem(await srv.api('POST', '/api/v1/session', { body: { login: rider.phone, password: 'x', code } }), 400, 'validation_failed', 'password and code together');
  const byCode = await srv.api('POST', '/api/v1/session', { body: { login: rider.phone, code }, localAddress: '127.0.4.1' });
  assert.equal(byCode.status, 201, byCode.text);
  assert.equal(byCode.json.account.login, rider.login, 'the code signs in the account of the phone, by its login');
  assertProblem(await srv.api('POST', '/api/v1/session', { body: { login: rider.phone, code } }), 400, 'code_expired', 'a code signs in once');
  // Signing in clears the slowdown: the password works again.
  const again = await srv.api('POST', '/api/v1/session', { body: { login: rider.phone, password: 'rider-secret-2024' }, localAddress: '127.0.4.1' });
  assert.equal(again.status, 201, again.text);
});

test('many failures from one address across different logins → 429 for that address only', async () => {
  const addr = '127.0.0.77';
  let limitedAt = 0;
  for (let i = 1; i <= 80; i++) {
    const res = await srv.api('POST', '/api/v1/session', { body: { login: `spray-${i}`, password: 'guess' }, localAddress: addr });
    if (res.status === 429) { assertProblem(res, 429, 'login_rate_limited'); limitedAt = i; break; }
    assertProblem(res, 401, 'invalid_credentials', `attempt ${i}`);
  }
  assert.ok(limitedAt > 0, 'the address was locked within 80 failures');
  const fresh = await srv.api('POST', '/api/v1/session', { body: { login: 'spray-fresh', password: 'guess' }, localAddress: addr });
  assertProblem(fresh, 429, 'login_rate_limited', 'a login never tried before, from the locked address');
  assert.ok(Number(fresh.headers['retry-after']) > 0);
  const right = await srv.api('POST', '/api/v1/session', { body: { login: 'demo-city', password: DEMO_PASSWORD }, localAddress: addr });
  assertProblem(right, 429, 'login_rate_limited', 'right password from the locked address');
  // Another client address is not locked out.
  const elsewhere = await srv.api('POST', '/api/v1/session', { body: { login: 'demo-city', password: DEMO_PASSWORD }, localAddress: '127.0.0.1' });
  assert.equal(elsewhere.status, 201, elsewhere.text);
  // Existing sessions keep working from the locked address.
  const s = await srv.login('demo-district');
  assert.equal((await srv.api('GET', '/api/v1/me', { token: s.token, localAddress: addr })).status, 200);
});

test('session cookie set by login authenticates the browser flow end to end', async () => {
  const res = await srv.api('POST', '/api/v1/session', { body: { login: 'demo-worker', password: DEMO_PASSWORD } });
  const cookie = cookieFrom(res);
  const home = await srv.api('GET', '/api/v1/home', { cookie });
  assert.equal(home.status, 200, home.text);
  assert.equal(home.json.account.login, 'demo-worker');
});
