// Personal data minimised (issue 14, item 3; docs/privacy.md), on the real server and both
// databases: a rider signs in with their phone, but the login that lists, the audit log and
// histories show is not the phone; officers see phones masked everywhere, and an officer's read of
// one worker's full number is written to the audit log; the database holds no phone in plain text;
// a database from before (phones in plain text, logins that are phones) is converted at start.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { useServer, registerRider, phoneCode, assertProblem, loopbackAddress, MASKED_PHONE, DB_KIND } from './harness.mjs';
import { spot } from './report_helpers.mjs';

const execFileP = promisify(execFile);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const srv = useServer();
const S = {};
let rider;
/** A full mainland mobile number standing on its own (a masked one, 139****5678, is not one). */
const FULL_PHONE = /(?<![\d*])1[3-9]\d{9}(?!\d)/;

/** Fails when `res`'s body holds a full phone number, naming where. */
function assertNoPhone(res, where) {
  assert.equal(res.status, 200, `${where}: ${res.text.slice(0, 300)}`);
  const found = FULL_PHONE.exec(res.text);
  assert.equal(found, null, `${where} shows a full phone number: …${found ? res.text.slice(Math.max(0, found.index - 80), found.index + 20) : ''}`);
}

/** Runs SQL on the test database (the server stopped or not), with the backend's own client. */
async function sql(statement) {
  if (srv.db.kind === 'postgres') {
    const { stdout } = await execFileP('psql', ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', srv.db.url, '-c', statement]);
    return stdout.trim();
  }
  const { stdout } = await execFileP('sqlite3', [srv.db.url.slice('sqlite:'.length), statement]);
  return stdout.trim();
}

/** Everything the database holds, as bytes: the SQLite file and its WAL, or a plain pg_dump. */
async function databaseBytes() {
  if (srv.db.kind === 'postgres') {
    const { stdout } = await execFileP('pg_dump', ['--data-only', '--format=plain', srv.db.url], { maxBuffer: 512 * 1024 * 1024 });
    return Buffer.from(stdout);
  }
  const file = srv.db.url.slice('sqlite:'.length);
  return Buffer.concat([file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
}

before(async () => {
  await srv.start();
  for (const who of ['admin', 'district', 'community', 'keeper', 'guard']) S[who] = await srv.login(`demo-${who}`);
  rider = await registerRider(srv, { name: '隐私骑手', verifyAs: S.community.token });
  // Something the rider does that the audit log records under their login.
  const report = await srv.api('POST', '/api/v1/reports', { token: rider.token,
    body: { category: 'facility', description: '隐私测试的上报', ...spot(20, 5) } });
  assert.equal(report.status, 201, report.text);
  rider.reportId = report.json.id;
});

test('a registered rider gets a login that is not the phone, and sees both on their own profile', async () => {
  assert.match(rider.login, /^r\d{7}$/);
  assert.notEqual(rider.login, rider.phone);
  const me = await srv.api('GET', '/api/v1/workers/me', { token: rider.token });
  assert.equal(me.status, 200, me.text);
  assert.equal(me.json.worker.phone, rider.phone, 'the full number to the rider themself');
  assert.equal(me.json.worker.phone_masked, `${rider.phone.slice(0, 3)}****${rider.phone.slice(7)}`);
  assert.equal(me.json.worker.login, rider.login);
  assert.equal(me.headers['cache-control'], 'no-store');
  const home = await srv.api('GET', '/api/v1/home', { token: rider.token });
  assert.equal(home.json.account.login, rider.login);
  assert.match(home.json.worker.phone_masked, MASKED_PHONE);
});

test('officers reading accounts, the audit log, histories, workers, whitelists and reports see no full phone', async () => {
  const accounts = await srv.api('GET', '/api/v1/accounts?limit=200', { token: S.community.token });
  assertNoPhone(accounts, '/api/v1/accounts');
  assert.ok(accounts.json.items.some((a) => a.login === rider.login), `the rider is listed by login: ${rider.login}`);

  for (const who of ['community', 'district', 'admin']) {
    assertNoPhone(await srv.api('GET', '/api/v1/audit?limit=500', { token: S[who].token }), `/api/v1/audit as ${who}`);
  }
  const audit = await srv.api('GET', '/api/v1/audit?limit=500', { token: S.admin.token });
  assert.ok(audit.json.items.some((e) => e.actor_login === rider.login && e.action === 'report.submit'),
    "the rider's report is audited under their login");

  const history = await srv.api('GET', `/api/v1/workers/${rider.workerId}/history`, { token: S.community.token });
  assertNoPhone(history, 'the worker history');
  assert.deepEqual(history.json.items.map((i) => i.actor_login), [rider.login, 'demo-community']);

  const workers = await srv.api('GET', `/api/v1/workers?limit=100&q=${encodeURIComponent('隐私骑手')}`, { token: S.community.token });
  assertNoPhone(workers, '/api/v1/workers');
  const listed = workers.json.items.find((w) => w.id === rider.workerId);
  assert.ok(listed, workers.text);
  assert.equal(listed.phone_masked, rider.me.worker.phone_masked);
  assertNoPhone(await srv.api('GET', '/api/v1/workers?limit=100', { token: S.district.token }), 'the district workers list');

  const compound = (await srv.api('GET', '/api/v1/me', { token: S.guard.token })).json.account.area.code;
  const add = await srv.api('POST', `/api/v1/compounds/${compound}/whitelist`, { token: S.district.token, body: { worker_id: rider.workerId } });
  assert.ok([200, 201, 204].includes(add.status), add.text);
  const csv = await srv.api('GET', `/api/v1/compounds/${compound}/whitelist?format=csv`, { token: S.district.token });
  assertNoPhone(csv, 'the whitelist CSV');
  assert.match(String(csv.headers['content-type']), /^text\/csv/);
  assert.ok(csv.text.includes(rider.me.worker.phone_masked), csv.text);
  assertNoPhone(await srv.api('GET', `/api/v1/compounds/${compound}/whitelist`, { token: S.district.token }), 'the whitelist');

  const report = await srv.api('GET', `/api/v1/reports/${rider.reportId}`, { token: S.admin.token });
  assertNoPhone(report, 'the report as an officer sees it');
});

test("an officer's read of one worker's full phone is written to the audit log; others get none", async () => {
  const before = (await srv.api('GET', '/api/v1/audit?limit=500', { token: S.admin.token })).json.items
    .filter((e) => e.action === 'worker.phone_read').length;
  const read = await srv.api('GET', `/api/v1/workers/${rider.workerId}/phone`, { token: S.community.token });
  assert.equal(read.status, 200, read.text);
  assert.deepEqual(read.json, { worker_id: rider.workerId, phone: rider.phone });
  assert.equal(read.headers['cache-control'], 'no-store');

  const audit = await srv.api('GET', '/api/v1/audit?limit=500', { token: S.admin.token });
  assertNoPhone(audit, 'the audit log after the read');
  const reads = audit.json.items.filter((e) => e.action === 'worker.phone_read');
  assert.equal(reads.length, before + 1, 'one entry per read');
  assert.equal(reads[0].actor_login, 'demo-community');
  assert.equal(reads[0].entity, 'worker');
  assert.equal(reads[0].entity_id, String(rider.workerId));

  // A station keeper verifies riders but does not call them; a guard, the rider and nobody signed in neither.
  assertProblem(await srv.api('GET', `/api/v1/workers/${rider.workerId}/phone`, { token: S.keeper.token }), 403, 'forbidden');
  assertProblem(await srv.api('GET', `/api/v1/workers/${rider.workerId}/phone`, { token: S.guard.token }), 403, 'forbidden');
  assertProblem(await srv.api('GET', `/api/v1/workers/${rider.workerId}/phone`, { token: rider.token }), 403, 'forbidden');
  assertProblem(await srv.api('GET', `/api/v1/workers/${rider.workerId}/phone`), 401, 'auth_required');
  assertProblem(await srv.api('GET', '/api/v1/workers/999999/phone', { token: S.community.token }), 404, 'not_found');
  const after = (await srv.api('GET', '/api/v1/audit?limit=500', { token: S.admin.token })).json.items
    .filter((e) => e.action === 'worker.phone_read').length;
  assert.equal(after, before + 1, 'refused reads read nothing');
});

test('the database holds no phone in plain text', async () => {
  const bytes = await databaseBytes();
  assert.ok(bytes.length > 10_000, `the database was read: ${bytes.length} bytes`);
  for (const phone of [rider.phone, '13800138000', '13800138001']) {
    assert.equal(bytes.indexOf(phone), -1, `${phone} is in the database in plain text (${DB_KIND})`);
  }
  assert.equal(await sql('SELECT COUNT(*) FROM workers WHERE phone_sealed IS NULL'), '0');
});

test('an account cannot be given a phone number as its login', async () => {
  const res = await srv.api('POST', '/api/v1/accounts', { token: S.admin.token,
    body: { login: '13912345678', password: 'correct-horse-42', display_name: '手机号登录名', role: 'district_officer', area_code: '110108' } });
  assertProblem(res, 400, 'validation_failed');
});

test('the rider signs in with phone and password, with the login, and with phone and a one-time code', async () => {
  const byPhone = await srv.api('POST', '/api/v1/session', { body: { login: rider.phone, password: 'rider-secret-2024' }, localAddress: loopbackAddress() });
  assert.equal(byPhone.status, 201, byPhone.text);
  assert.equal(byPhone.json.account.login, rider.login);
  const byLogin = await srv.api('POST', '/api/v1/session', { body: { login: rider.login, password: 'rider-secret-2024' }, localAddress: loopbackAddress() });
  assert.equal(byLogin.status, 201, byLogin.text);
  assert.equal(byLogin.json.account.id, byPhone.json.account.id);
  assertProblem(await srv.api('POST', '/api/v1/session', { body: { login: rider.phone, password: 'not-the-password' }, localAddress: loopbackAddress() }),
    401, 'invalid_credentials');

  await sleep(Math.max(0, 61_000 - (Date.now() - rider.codeAt))); // one code a minute per phone
  const code = await phoneCode(srv, rider.phone);
  const byCode = await srv.api('POST', '/api/v1/session', { body: { login: rider.phone, code }, localAddress: loopbackAddress() });
  assert.equal(byCode.status, 201, byCode.text);
  assert.equal(byCode.json.account.login, rider.login);
});

test('a database from before is converted at start: phones sealed, logins that were phones renamed everywhere', { timeout: 180_000 }, async () => {
  const old = await registerRider(srv, { name: '旧版骑手', verifyAs: S.community.token });
  const accountId = old.register.json.account.id;
  const report = await srv.api('POST', '/api/v1/reports', { token: old.token,
    body: { category: 'facility', description: '旧版的上报', ...spot(22, 5) } });
  assert.equal(report.status, 201, report.text);
  const stopped = await srv.stop();
  assert.equal(stopped.code, 0, JSON.stringify(stopped));

  // As an older version kept them: the phone in plain text, and the phone as the rider's login.
  for (const statement of [
    `UPDATE workers SET phone_digest = '${old.phone}', phone_sealed = NULL WHERE id = ${old.workerId}`,
    `UPDATE accounts SET login = '${old.phone}' WHERE id = ${accountId}`,
    `UPDATE audit_log SET actor_login = '${old.phone}' WHERE actor_login = '${old.login}'`,
    `UPDATE worker_status_history SET actor_login = '${old.phone}' WHERE actor_login = '${old.login}'`,
    `UPDATE report_steps SET actor_login = '${old.phone}' WHERE actor_login = '${old.login}'`,
  ]) await sql(statement);
  assert.equal(await sql(`SELECT COUNT(*) FROM audit_log WHERE actor_login = '${old.phone}'`), '1');

  await srv.relaunch();
  assert.match(srv.logs, /"event":"phones_sealed","sealed":1,"logins_renamed":1/);
  const login = await sql(`SELECT login FROM accounts WHERE id = ${accountId}`);
  assert.match(login, /^r\d{7}$/);
  for (const [table, column] of [['accounts', 'login'], ['audit_log', 'actor_login'], ['worker_status_history', 'actor_login'],
    ['report_steps', 'actor_login'], ['workers', 'phone_digest'], ['workers', 'phone_sealed']]) {
    assert.equal(await sql(`SELECT COUNT(*) FROM ${table} WHERE ${column} LIKE '%${old.phone}%'`), '0', `${table}.${column}`);
  }
  assert.equal(await sql(`SELECT COUNT(*) FROM audit_log WHERE actor_login = '${login}'`), '1');

  // The rider still signs in with the phone, as the renamed account; officers see the new login.
  const signedIn = await srv.api('POST', '/api/v1/session', { body: { login: old.phone, password: 'rider-secret-2024' }, localAddress: loopbackAddress() });
  assert.equal(signedIn.status, 201, signedIn.text);
  assert.equal(signedIn.json.account.id, accountId);
  assert.equal(signedIn.json.account.login, login);
  const history = await srv.api('GET', `/api/v1/workers/${old.workerId}/history`, { token: S.community.token });
  assertNoPhone(history, 'the converted history');
  assert.equal(history.json.items[0].actor_login, login);
  assertNoPhone(await srv.api('GET', '/api/v1/accounts?limit=200', { token: S.community.token }), 'the converted accounts');
  const read = await srv.api('GET', `/api/v1/workers/${old.workerId}/phone`, { token: S.community.token });
  assert.equal(read.json.phone, old.phone, 'the sealed phone opens to the same number');

  // A second start has nothing left to convert.
  assert.equal((await srv.stop()).code, 0);
  await srv.relaunch();
  assert.doesNotMatch(srv.logs, /"event":"phones_sealed"/);
  assert.equal(await sql(`SELECT login FROM accounts WHERE id = ${accountId}`), login);
});
