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
  // Issue 16: a wish (verified by the community) and a rating of how a merchant hands over orders.
  const admin = await srv.login('demo-admin');
  const wishTitle = `隐私测试心愿${Date.now() % 100000}`;
  const wish = await srv.api('POST', '/api/v1/wishes', { token: rider.token,
    body: { title: wishTitle, reason: '隐私测试：电动车电池老化', category: 'daily', value_yuan: 200 } });
  assert.equal(wish.status, 201, wish.text);
  const verifiedWish = await srv.api('POST', `/api/v1/wishes/${wish.json.id}/verify`, { token: admin.token });
  assert.equal(verifiedWish.status, 200, verifiedWish.text);
  const merchant = await srv.login('demo-merchant');
  const shop = (await srv.api('GET', '/api/v1/places/mine', { token: merchant.token })).json.places.find((p) => p.status === 'approved');
  assert.ok(shop, 'demo-merchant runs an approved place');
  const rated = await srv.api('POST', `/api/v1/places/${shop.id}/handover-ratings`, { token: rider.token,
    body: { wait: 'under_5', place_to_wait: true, respect: 5, comment: '隐私测试：老板认得我' } });
  assert.ok([200, 201].includes(rated.status), rated.text);

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
  assert.deepEqual(s.wishes.map((w) => [w.id, w.title, w.status]), [[wish.json.id, wishTitle, 'verified']]);
  assert.deepEqual(s.wish_claims, []);
  assert.deepEqual(s.handover_ratings.map((r) => [r.place, r.respect, r.comment]), [[shop.name, 5, '隐私测试：老板认得我']]);
  assert.deepEqual(s.honour_nominations, []);
  assert.deepEqual(s.honour_votes, []);
  assert.deepEqual(s.points_expiry_reminders, []);
  assert.deepEqual(s.sponsor, [], 'a rider speaks for no sponsor');
  // demo-worker's own points and redemptions are in its download.
  const mine = (await srv.api('GET', '/api/v1/me/data', { token: (await srv.login('demo-worker')).token })).json.sections;
  assert.ok(mine.points.some((line) => line.reason === '协助社区消防通道巡查' && line.points === 20), JSON.stringify(mine.points).slice(0, 300));
  assert.ok(mine.redemptions.some((r) => r.offer === '骑手午餐套餐' && r.status === 'confirmed'), JSON.stringify(mine.redemptions));
  // demo-worker's confirmed wish, with the sponsor organisation's name and the thanks, never who claimed it.
  const helmet = mine.wishes.find((w) => w.title === '一顶新头盔');
  assert.ok(helmet && helmet.status === 'confirmed', JSON.stringify(mine.wishes).slice(0, 300));
  const helmetClaim = mine.wish_claims.find((c) => c.wish_id === helmet.id);
  assert.ok(helmetClaim && helmetClaim.thanks.startsWith('谢谢爱心企业'), JSON.stringify(mine.wish_claims).slice(0, 300));
  assert.ok(helmetClaim.sponsor.length > 0);
  assert.doesNotMatch(JSON.stringify(mine.wish_claims), /demo-sponsor/);
  for (const vote of mine.honour_votes) assert.match(vote.nominee, /^(.\*\*|骑手)$/u, 'a nominee is masked as the public sees them');
  // A sponsor's download names the organisation it speaks for.
  const sponsorData = (await srv.api('GET', '/api/v1/me/data', { token: (await srv.login('demo-sponsor')).token })).json.sections;
  assert.equal(sponsorData.sponsor.length, 1);
  assert.ok(sponsorData.sponsor[0].name.length > 0);
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
  const kept = await srv.api('GET', `/api/v1/reports/${report.json.id}`, { token: admin.token });
  assert.equal(kept.status, 200, 'the report stays in the statistics');
  assert.doesNotMatch(kept.text, /隐私测试骑手/);
  assert.equal(kept.json.photos.length, 0, 'its photo is deleted');
  assert.equal((await srv.api('GET', photo.json.url, { token: admin.token })).status, 404, 'the photo is deleted');
  const audit = await srv.api('GET', '/api/v1/audit?limit=50', { token: admin.token });
  assert.ok(audit.json.items.some((e) => e.action === 'account.erase'), 'the erasure is audited');
  assert.doesNotMatch(audit.text, /隐私测试骑手/, 'the audit log keeps no name of the erased worker');
  // The open wish is withdrawn and off the wall, its texts gone; the rating counts on without its comment.
  const gone = await srv.api('GET', `/api/v1/wishes/${wish.json.id}`, { token: admin.token });
  assert.ok([200, 404].includes(gone.status), gone.text);
  if (gone.status === 200) assert.equal(gone.json.status, 'withdrawn');
  assert.doesNotMatch(gone.text, new RegExp(wishTitle));
  const wall = await srv.api('GET', '/api/v1/wishes?status=verified&limit=100', { token: admin.token });
  assert.equal(wall.status, 200, wall.text);
  assert.ok(!wall.json.items.some((w) => w.id === wish.json.id), 'off the wall');
  const ratings = await srv.api('GET', `/api/v1/places/${shop.id}/handover-ratings`, { token: merchant.token });
  assert.equal(ratings.status, 200, ratings.text);
  assert.doesNotMatch(ratings.text, /老板认得我/, 'the comment is erased');

  // The phone is free again: the same number registers a new account (after the one-code-a-minute
  // limit of its first registration).
  await new Promise((resolve) => { setTimeout(resolve, Math.max(0, rider.codeAt + 61_000 - Date.now())); });
  const code = await phoneCode(srv, rider.phone);
  const again = await srv.api('POST', '/api/v1/register', { body: { phone: rider.phone, password: 'rider-secret-2025', name: '重新注册',
    kind: 'food', platform: '美团', depot_id: 1, plate: '', convention_accepted: true, code } });
  assert.equal(again.status, 201, again.text);
});
