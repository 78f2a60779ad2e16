// A worker's rights under PIPL, against the running server on both databases: download all of
// their data (photos inside), and erase the account: personal fields and photos gone, passes
// revoked, sessions ended, aggregates kept, the erasure audited; the phone can register again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, registerRider, issuePass, phoneCode, assertProblem, jpegWithExif } from './harness.mjs';
import { spot } from './report_helpers.mjs';

const srv = useServer();

test('a rider downloads everything kept about them, then erases the account', { timeout: 180_000 }, async () => {
  const community = await srv.login('demo-community');
  const rider = await registerRider(srv, { name: '隐私测试骑手', verifyAs: community.token });
  const pass = await issuePass(srv, rider);
  const photo = await srv.api('POST', '/api/v1/report-photos', { token: rider.token, rawBody: jpegWithExif(), headers: { 'Content-Type': 'image/jpeg' } });
  assert.equal(photo.status, 201, photo.text);
  const report = await srv.api('POST', '/api/v1/reports', { token: rider.token,
    body: { category: 'stray_animal', description: '隐私测试：小区门口有流浪狗', ...spot(3, -2), photo_ids: [photo.json.id] } });
  assert.equal(report.status, 201, report.text);

  // The download: one JSON file, never cached, with the full phone (to its owner) and the photos.
  const data = await srv.api('GET', '/api/v1/me/data', { token: rider.token });
  assert.equal(data.status, 200, data.text);
  assert.match(String(data.headers['content-disposition']), /^attachment; filename="youhao-my-data-\d+\.json"$/);
  assert.match(String(data.headers['cache-control']), /private, no-store/);
  const s = data.json.sections;
  assert.equal(data.json.format, 'youhao-personal-data/1');
  assert.equal(s.worker[0].phone, rider.phone, 'the owner sees their own phone in full');
  assert.equal(s.worker[0].name, '隐私测试骑手');
  assert.ok(s.passes.some((p) => p.id === pass.passId), 'the issued pass');
  assert.ok(s.reports.some((r) => r.id === report.json.id), 'the report filed');
  assert.equal(s.report_photos.length, 1);
  assert.ok(Buffer.from(s.report_photos[0].data_base64, 'base64').subarray(0, 2).equals(Buffer.from([0xff, 0xd8])), 'the photo itself');
  assert.ok(s.record_log.some((e) => e.action.startsWith('worker.')), 'what staff did to the record is listed');
  assert.deepEqual(s.points, [], 'a new rider has no points yet');
  assert.deepEqual(s.redemptions, []);
  // demo-worker's own points and redemptions are in its download.
  const mine = (await srv.api('GET', '/api/v1/me/data', { token: (await srv.login('demo-worker')).token })).json.sections;
  assert.ok(mine.points.some((line) => line.reason === '协助社区消防通道巡查' && line.points === 20), JSON.stringify(mine.points).slice(0, 300));
  assert.ok(mine.redemptions.some((r) => r.offer === '骑手午餐套餐' && r.status === 'confirmed'), JSON.stringify(mine.redemptions));
  assertProblem(await srv.api('GET', '/api/v1/me/data'), 401, 'auth_required');

  // Erasure asks for the word first, in the rider's language, and changes nothing without it.
  const wrong = await srv.api('POST', '/api/v1/me/erase', { token: rider.token, body: { confirm: 'yes' } });
  const problem = assertProblem(wrong, 400, 'validation_failed');
  assert.match(problem.detail, /注销账号无法撤销/);
  assert.equal((await srv.api('GET', '/api/v1/me', { token: rider.token })).status, 200, 'still signed in');
  // Staff do not erase themselves here.
  assertProblem(await srv.api('POST', '/api/v1/me/erase', { token: community.token, body: { confirm: 'ERASE' } }), 403, 'forbidden');

  const erased = await srv.api('POST', '/api/v1/me/erase', { token: rider.token, body: { confirm: 'ERASE' } });
  assert.equal(erased.status, 200, erased.text);
  assert.equal(erased.json.erased, true);
  assert.ok(erased.json.photos_deleted >= 1);
  assert.ok(erased.json.passes_revoked >= 1);
  assert.match(String(erased.headers['set-cookie']), /Max-Age=0/);

  // The session is gone and neither proof signs in again.
  assertProblem(await srv.api('GET', '/api/v1/me', { token: rider.token }), 401, 'auth_required');
  assert.equal((await srv.api('POST', '/api/v1/session', { body: { login: rider.phone, password: 'rider-secret-2024' } })).status, 401);

  // Officers: the worker's record says nothing about who it was; the report stays, without a name.
  const record = await srv.api('GET', `/api/v1/workers?area=${community.account.area.code}&q=${encodeURIComponent('隐私测试骑手')}`, { token: community.token });
  assert.equal(record.status, 200, record.text);
  assert.equal(record.json.items.length, 0, 'no worker is found by the erased name');
  const admin = await srv.login('demo-admin');
  const kept = await srv.api('GET', `/api/v1/reports/${report.json.id}`, { token: admin.token });
  assert.equal(kept.status, 200, 'the report stays in the statistics');
  assert.doesNotMatch(kept.text, /隐私测试骑手/);
  assert.equal(kept.json.photos.length, 0, 'its photo is deleted');
  assert.equal((await srv.api('GET', photo.json.url, { token: admin.token })).status, 404, 'the photo is deleted');
  const audit = await srv.api('GET', '/api/v1/audit?limit=50', { token: admin.token });
  assert.ok(audit.json.items.some((e) => e.action === 'account.erase'), 'the erasure is audited');
  assert.doesNotMatch(audit.text, /隐私测试骑手/, 'the audit log keeps no name of the erased worker');

  // The phone is free again: the same number registers a new account (after the one-code-a-minute
  // limit of its first registration).
  await new Promise((resolve) => { setTimeout(resolve, Math.max(0, rider.codeAt + 61_000 - Date.now())); });
  const code = await phoneCode(srv, rider.phone);
  const again = await srv.api('POST', '/api/v1/register', { body: { phone: rider.phone, password: 'rider-secret-2025', name: '重新注册',
    kind: 'food', platform: '美团', depot_id: 1, plate: '', convention_accepted: true, code } });
  assert.equal(again.status, 201, again.text);
});
