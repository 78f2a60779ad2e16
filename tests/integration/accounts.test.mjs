// Account management: creation by the API and the CLI, audit trail, scope rules, conflicts.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, assertProblem, runCli } from './harness.mjs';

const srv = useServer();
let admin, street, district;

before(async () => {
  await srv.start();
  admin = await srv.login('demo-admin');
  street = await srv.login('demo-street');
  district = await srv.login('demo-district');
});

const create = (who, body) => srv.api('POST', '/api/v1/accounts', { token: who.token, body });

test('admin creates an account → 201; it can log in; the action is audited with before/after', async () => {
  const body = { login: 'it-officer-1', password: 'a-long-password-1', display_name: '测试街道干部', role: 'street_officer', area_code: street.account.area.code };
  const res = await create(admin, body);
  assert.equal(res.status, 201, res.text);
  const acc = res.json.account ?? res.json;
  assert.equal(acc.login, body.login);
  assert.equal(acc.role, 'street_officer');
  assert.equal(acc.display_name, body.display_name);
  assert.equal(acc.area.code, body.area_code);
  assert.equal(acc.area.level, 'street');
  assert.ok(Number.isInteger(acc.id));
  assert.equal(acc.password, undefined);
  assert.equal(acc.password_hash, undefined);
  if (res.headers.location) assert.match(res.headers.location, /\/api\/v1\/accounts/);

  const s = await srv.login(body.login, body.password);
  assert.equal(s.account.login, body.login);
  const me = await srv.api('GET', '/api/v1/me', { token: s.token });
  assert.equal(me.json.account.area.code, body.area_code);

  const audit = await srv.api('GET', '/api/v1/audit?limit=50', { token: admin.token });
  assert.equal(audit.status, 200, audit.text);
  const entry = audit.json.items.find((e) => e.actor_login === 'demo-admin' && /account/.test(e.action) && JSON.stringify(e.after ?? '').includes(body.login));
  assert.ok(entry, `audit has demo-admin's account creation: ${JSON.stringify(audit.json.items.slice(0, 3))}`);
  assert.match(entry.action, /create/);
  assert.ok(entry.before === null || entry.before === undefined || Object.keys(entry.before).length === 0, 'before is empty for a creation');
  assert.equal(entry.after.login, body.login);
  assert.equal(entry.after.role, 'street_officer');
  assert.equal(entry.entity_name, body.display_name, 'the entry names the account, not only its number');
  const mapEntry = audit.json.items.find((e) => e.entity === 'map_feature');
  if (mapEntry) assert.ok(mapEntry.entity_name && !/^\d+$/.test(mapEntry.entity_name), `a compound by its name: ${JSON.stringify(mapEntry)}`);
  assert.ok(!JSON.stringify(entry).includes(body.password), 'the password is not in the audit log');
  assert.ok(Number.isInteger(entry.at) && entry.at > 0);
  // Newest first.
  const ids = audit.json.items.map((e) => e.id);
  assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'audit is newest first');
  // The new account is listed.
  const list = await srv.api('GET', `/api/v1/accounts?area=${body.area_code}&limit=200`, { token: admin.token });
  assert.ok(list.json.items.some((a) => a.login === body.login));
});

test('a street officer cannot create an admin, a district officer, or an account outside its street', async () => {
  const own = street.account.area.code;
  const tree = await srv.api('GET', '/api/v1/areas/110108', { token: district.token });
  const otherStreet = tree.json.children.find((c) => c.code !== own).code;
  const mine = await srv.api('GET', `/api/v1/areas/${own}`, { token: street.token });
  const community = mine.json.children[0].code;
  const cases = [
    { login: 'it-evil-admin', role: 'admin', area_code: own },
    { login: 'it-evil-admin2', role: 'admin', area_code: '110000' },
    { login: 'it-evil-district', role: 'district_officer', area_code: '110108' },
    { login: 'it-evil-peer', role: 'street_officer', area_code: otherStreet },
    { login: 'it-evil-grid', role: 'grid_officer', area_code: `${otherStreet}001` },
    { login: 'it-evil-sponsor', role: 'sponsor', area_code: otherStreet },
  ];
  for (const c of cases) {
    const res = await create(street, { password: 'a-long-password-2', display_name: 'x', ...c });
    assertProblem(res, 403, 'forbidden', JSON.stringify(c));
    assert.equal((await srv.api('POST', '/api/v1/session', { body: { login: c.login, password: 'a-long-password-2' } })).status, 401, `${c.login} was not created`);
  }
  // Inside its street, for a lower role: allowed.
  const ok = await create(street, { login: 'it-grid-ok', password: 'a-long-password-3', display_name: '网格员', role: 'grid_officer', area_code: community });
  assert.equal(ok.status, 201, ok.text);
  const audit = await srv.api('GET', '/api/v1/audit?limit=20', { token: admin.token });
  assert.ok(audit.json.items.some((e) => e.actor_login === 'demo-street' && JSON.stringify(e.after ?? '').includes('it-grid-ok')), 'audited with the street officer as actor');
  // Lower roles cannot create accounts at all.
  const worker = await srv.login('demo-worker');
  assertProblem(await create(worker, { login: 'it-by-worker', password: 'a-long-password-4', display_name: 'x', role: 'worker', area_code: worker.account.area.code }), 403, 'forbidden');
});

test('duplicate login → 409 conflict; invalid fields → 400', async () => {
  const base = { password: 'a-long-password-5', display_name: '重复', role: 'district_officer', area_code: '110108' };
  assert.equal((await create(admin, { login: 'it-dup', ...base })).status, 201);
  assertProblem(await create(admin, { login: 'it-dup', ...base }), 409, 'conflict');
  assertProblem(await create(admin, { login: 'demo-admin', ...base }), 409, 'conflict');
  assertProblem(await create(admin, { login: 'it-short-pw', ...base, password: 'short' }), 400, 'validation_failed');
  assertProblem(await create(admin, { login: 'it-bad-role', ...base, role: 'emperor' }), 400, 'validation_failed');
  assertProblem(await create(admin, { login: 'Bad Login!', ...base }), 400, 'validation_failed');
  assertProblem(await create(admin, { login: 'it-no-area', ...base, area_code: '110108999999999999' }), [400, 404], ['validation_failed', 'not_found']);
});

test('`youhao user add` (password on stdin) creates an account that can log in, while the server runs', async () => {
  const own = street.account.area.code;
  const password = 'cli-password-1234';
  const res = await runCli(['user', 'add', '--login', 'it-cli-user', '--role', 'street_officer', '--area', own, '--name', '命令行创建', '--db', srv.db.url], { input: `${password}\n` });
  assert.equal(res.code, 0, `exit ${res.code}\n${res.stdout}\n${res.stderr}`);
  const s = await srv.login('it-cli-user', password);
  assert.equal(s.account.role, 'street_officer');
  assert.equal(s.account.area.code, own);
  assert.equal(s.account.display_name, '命令行创建');
  // A duplicate fails with a non-zero exit and changes nothing.
  const dup = await runCli(['user', 'add', '--login', 'it-cli-user', '--role', 'worker', '--area', own, '--db', srv.db.url], { input: 'another-password-9\n' });
  assert.notEqual(dup.code, 0, 'duplicate login is refused');
  assert.equal((await srv.login('it-cli-user', password)).account.role, 'street_officer');
  // A bad role is refused.
  const bad = await runCli(['user', 'add', '--login', 'it-cli-bad', '--role', 'emperor', '--area', own, '--db', srv.db.url], { input: `${password}\n` });
  assert.notEqual(bad.code, 0);
  // The server is still healthy.
  assert.equal((await srv.request('GET', '/healthz')).status, 200);
});
