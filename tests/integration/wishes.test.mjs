// Micro-wishes (微心愿, issue 16, item 5): a worker posts a wish (value capped at 500 yuan), the
// community verifies it, two sponsors race to claim it and exactly one wins (the other: 409
// wish_already_claimed in words), the winner fulfils it with a photo that leaves the server
// without EXIF (exiftool reads it), the worker confirms with a thank-you the sponsor sees. The
// wall never carries a worker's name or phone. A claim whose due date passed lapses on the next
// read: a second server on the same database, started with its clock 20 days back, claims a wish,
// and the server started again at today's time sees the wish open again. Runs on SQLite and PostgreSQL.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useServer, Server, assertProblem, registerRider, jpegWithExif, plainJpeg } from './harness.mjs';

const srv = useServer();
const S = {};
let rider;
let secondSponsor;
const tag = () => Math.random().toString(36).slice(2, 8);
const as = (who, method, p, opts = {}) => srv.api(method, p, { token: (typeof who === 'string' ? S[who] : who).token, ...opts });
const wishBody = (extra = {}) => ({ title: `小冰箱${tag()}`, reason: '妹妹生病在家，药需要冷藏', category: 'appliance', value_yuan: 500, ...extra });

/** `bytes` with GPS and a camera model written into its EXIF by exiftool. */
function withGps(bytes) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wish-photo-'));
  try {
    const file = path.join(dir, 'in.jpg');
    writeFileSync(file, bytes);
    execFileSync('exiftool', ['-q', '-overwrite_original', '-GPSLatitude=39.9931', '-GPSLatitudeRef=N',
      '-GPSLongitude=116.3318', '-GPSLongitudeRef=E', '-Model=SponsorPhone', file]);
    return readFileSync(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** exiftool's tags of `bytes` that would tell where or with what a photo was taken. */
function revealingTags(bytes) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wish-photo-'));
  try {
    const file = path.join(dir, 'out');
    writeFileSync(file, bytes);
    const tags = JSON.parse(execFileSync('exiftool', ['-j', '-a', '-G1', '-n', file], { encoding: 'utf8' }))[0];
    return Object.keys(tags).filter((k) => /GPS|ExifIFD|IFD0|Model/.test(k));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function post(who, body = wishBody()) {
  const res = await as(who, 'POST', '/api/v1/wishes', { body });
  assert.equal(res.status, 201, res.text);
  return res.json;
}
async function verified(who = rider) {
  const wish = await post(who);
  const res = await as('admin', 'POST', `/api/v1/wishes/${wish.id}/verify`);
  assert.equal(res.status, 200, res.text);
  return res.json;
}
const fulfil = (who, id, photo, note = '冰箱已送到家并安装好') =>
  as(who, 'POST', `/api/v1/wishes/${id}/fulfil?note=${encodeURIComponent(note)}`, { rawBody: photo, headers: { 'Content-Type': 'image/jpeg' } });

before(async () => {
  await srv.start();
  for (const who of ['admin', 'worker', 'community', 'street', 'sponsor', 'merchant', 'keeper']) S[who] = await srv.login(`demo-${who}`);
  rider = await registerRider(srv, { name: '王测试', kind: 'parcel', verifyAs: S.admin.token });
  // A second sponsor organisation with its own account, in demo-sponsor's street.
  const area = S.sponsor.account.area?.code ?? S.sponsor.account.area_code;
  const login = `it-sponsor-${tag()}`;
  const acc = await as('admin', 'POST', '/api/v1/accounts', { body: { login, password: 'a-long-password-1', display_name: '测试爱心单位账号', role: 'sponsor', area_code: area } });
  assert.equal(acc.status, 201, acc.text);
  const org = await as('admin', 'POST', '/api/v1/sponsors', { body: { name: `测试爱心企业${tag()}`, kind: 'company', area_code: area } });
  assert.equal(org.status, 201, org.text);
  const link = await as('admin', 'POST', `/api/v1/sponsors/${org.json.id}/members`, { body: { account_id: acc.json.account.id } });
  assert.equal(link.status, 200, link.text);
  secondSponsor = await srv.login(login, 'a-long-password-1');
});

test('post → verify → two sponsors race: exactly one 201 and one 409 → fulfil with a photo without EXIF → confirm with thanks', async () => {
  const wish = await post(rider);
  assert.equal(wish.status, 'submitted');
  assert.equal(wish.worker_kind, 'parcel');
  assert.equal(wish.worker_kind_label, '快递员');
  assert.ok(wish.community, 'the community is named');
  // Not on the wall before the community verifies it.
  assert.equal((await srv.api('GET', `/api/v1/wishes/${wish.id}`)).status, 404);
  const queue = await as('admin', 'GET', '/api/v1/wishes?status=submitted');
  assert.ok(queue.json.items.some((w) => w.id === wish.id), 'in the verification queue');
  const ok = await as('admin', 'POST', `/api/v1/wishes/${wish.id}/verify`);
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.status, 'verified');
  const open = await srv.api('GET', `/api/v1/wishes/${wish.id}`);
  assert.equal(open.status, 200);
  assert.equal(open.json.private, false);

  const [a, b] = await Promise.all([as('sponsor', 'POST', `/api/v1/wishes/${wish.id}/claim`), as(secondSponsor, 'POST', `/api/v1/wishes/${wish.id}/claim`)]);
  assert.deepEqual([a.status, b.status].sort(), [201, 409], `${a.text} | ${b.text}`);
  const [winner, loser] = a.status === 201 ? [S.sponsor, secondSponsor] : [secondSponsor, S.sponsor];
  const lost = assertProblem(a.status === 409 ? a : b, 409, 'wish_already_claimed');
  assert.match(lost.detail, /已经被其他爱心单位认领/);
  const english = await srv.api('POST', `/api/v1/wishes/${wish.id}/claim`, { token: loser.token, headers: { 'Accept-Language': 'en' } });
  assertProblem(english, 409, 'wish_already_claimed');
  assert.match(english.json.detail, /claimed this wish first/);
  const claimed = (a.status === 201 ? a : b).json;
  assert.equal(claimed.status, 'claimed');
  assert.equal(claimed.claim.due_at - claimed.claim.claimed_at, 14 * 86400);

  // The worker was told.
  const bell = await as(rider, 'GET', '/api/v1/notifications');
  assert.equal(bell.status, 200, bell.text);
  assert.match(JSON.stringify(bell.json), /认领/);

  // Only the winner fulfils; the photo is rebuilt from its pixels.
  assertProblem(await fulfil(loser, wish.id, withGps(plainJpeg())), 403, 'wish_forbidden');
  const original = withGps(plainJpeg());
  assert.ok(revealingTags(original).length > 0, 'the upload carries GPS for exiftool to find');
  const done = await fulfil(winner, wish.id, original);
  assert.equal(done.status, 200, done.text);
  assert.equal(done.json.status, 'fulfilled');
  assert.equal(done.json.claim.note, '冰箱已送到家并安装好');
  const photo = await as(rider, 'GET', done.json.claim.photo);
  assert.equal(photo.status, 200);
  assert.match(String(photo.headers['content-type']), /^image\//);
  assert.match(String(photo.headers['cache-control']), /no-store/);
  assert.deepEqual(revealingTags(photo.body), [], 'no EXIF, GPS or camera model left');
  assert.equal((await as(winner, 'GET', `${done.json.claim.photo}?size=thumb`)).status, 200);
  assert.equal((await srv.api('GET', done.json.claim.photo)).status, 404, 'never public');
  assert.equal((await as(loser, 'GET', done.json.claim.photo)).status, 404);

  assertProblem(await as('worker', 'POST', `/api/v1/wishes/${wish.id}/confirm`, { body: { thanks: '谢谢' } }), 403, 'wish_forbidden');
  const thanked = await as(rider, 'POST', `/api/v1/wishes/${wish.id}/confirm`, { body: { thanks: '谢谢你们，妹妹的药终于有地方放了' } });
  assert.equal(thanked.status, 200, thanked.text);
  assert.equal(thanked.json.status, 'confirmed');
  assertProblem(await as(rider, 'POST', `/api/v1/wishes/${wish.id}/confirm`, { body: { thanks: '再谢' } }), 409, 'wish_invalid_transition');

  // The sponsor sees the thanks on its claims and in its bell.
  const mine = await as(winner, 'GET', '/api/v1/me/wishes');
  const seen = mine.json.items.find((w) => w.id === wish.id);
  assert.equal(seen.claim.thanks, '谢谢你们，妹妹的药终于有地方放了');
  assert.match(JSON.stringify((await as(winner, 'GET', '/api/v1/notifications')).json), /妹妹的药/);
  assert.equal((await as(loser, 'GET', '/api/v1/me/wishes')).json.items.some((w) => w.id === wish.id), false);
  // Every step is in the audit log.
  const audit = await as('admin', 'GET', '/api/v1/audit?limit=500');
  const actions = audit.json.items.filter((e) => e.entity === 'wish' && e.entity_id === String(wish.id)).map((e) => e.action).sort();
  assert.deepEqual(actions, ['wish.claim', 'wish.confirm', 'wish.fulfil', 'wish.post', 'wish.verify']);
});

test('the wall never carries a name or a phone, signed in or not', async () => {
  const wish = await verified();
  for (const who of [null, S.sponsor, S.merchant, S.worker]) {
    const res = await srv.api('GET', '/api/v1/wishes?limit=100', { token: who?.token });
    assert.equal(res.status, 200, res.text);
    assert.ok(res.json.items.some((w) => w.id === wish.id));
    const text = res.text;
    assert.ok(!text.includes(rider.name), 'no name');
    assert.ok(!text.includes(rider.phone) && !text.includes(rider.phone.slice(-4) + '"'), 'no phone');
    assert.ok(!/1\d{2}\*{4}\d{4}/.test(text), 'not even a masked phone');
    for (const item of res.json.items) {
      // Anonymous callers and merchants see every wish anonymised; a worker their own wishes in
      // full; a sponsor the claims of its organisation, but never who the worker is.
      if (!who || who === S.merchant) assert.equal(item.private, false);
      if (!item.private) for (const key of ['worker_name', 'worker_id', 'posted_by', 'claim']) assert.equal(key in item, false, key);
      if (who === S.sponsor) for (const key of ['worker_name', 'worker_id', 'posted_by']) assert.equal(key in item, false, key);
    }
  }
  // Its worker and the staff see their own extra fields.
  const own = await as(rider, 'GET', `/api/v1/wishes/${wish.id}`);
  assert.equal(own.json.private, true);
  assert.equal(own.json.worker_name, rider.name);
  // Filter and pages.
  const claimedOnly = await srv.api('GET', '/api/v1/wishes?status=claimed');
  assert.ok(claimedOnly.json.items.every((w) => w.status === 'claimed'));
  const page1 = await srv.api('GET', '/api/v1/wishes?status=verified&limit=1');
  assert.equal(page1.json.items.length, 1);
  assert.ok(page1.json.next_before, 'a next page');
  const page2 = await srv.api('GET', `/api/v1/wishes?status=verified&limit=1&before=${page1.json.next_before}`);
  assert.ok(page2.json.items[0].id < page1.json.items[0].id);
});

test('bad input is a 400 in Chinese; roles and scope are 403s', async () => {
  const tooMuch = await as(rider, 'POST', '/api/v1/wishes', { body: wishBody({ value_yuan: 501 }) });
  const p = assertProblem(tooMuch, 400, 'bad_wish');
  assert.match(p.detail, /1 到 500 元/);
  assert.equal(p.field, 'value_yuan');
  assertProblem(await as(rider, 'POST', '/api/v1/wishes', { body: wishBody({ category: 'car' }) }), 400, 'bad_wish');
  assertProblem(await as(rider, 'POST', '/api/v1/wishes', { body: wishBody({ value_yuan: -5 }) }), 400, 'bad_wish');
  assertProblem(await as(rider, 'POST', '/api/v1/wishes', { body: { title: '冰箱' } }), 400);
  assertProblem(await srv.api('GET', '/api/v1/wishes?status=lost'), 400, 'bad_wish_status');
  assertProblem(await srv.api('GET', '/api/v1/wishes?status=submitted'), 403, 'wish_forbidden');
  assertProblem(await as('worker', 'GET', '/api/v1/wishes?status=submitted'), 403, 'wish_forbidden');

  const wish = await post(rider);
  assertProblem(await as('worker', 'POST', `/api/v1/wishes/${wish.id}/verify`), 403, 'forbidden');
  assertProblem(await as('merchant', 'POST', `/api/v1/wishes/${wish.id}/claim`), 403, 'forbidden');
  assertProblem(await as('sponsor', 'POST', `/api/v1/wishes/${wish.id}/claim`), 404, undefined, 'a submitted wish is not on the wall');
  assertProblem(await as('admin', 'POST', `/api/v1/wishes/${wish.id}/reject`, { body: { reason: '   ' } }), 400);
  const rejected = await as('admin', 'POST', `/api/v1/wishes/${wish.id}/reject`, { body: { reason: '请改为更具体的物品' } });
  assert.equal(rejected.status, 200, rejected.text);
  assert.equal((await as(rider, 'GET', `/api/v1/wishes/${wish.id}`)).json.reject_reason, '请改为更具体的物品');
  assertProblem(await as('admin', 'POST', `/api/v1/wishes/${wish.id}/verify`), 409, 'wish_invalid_transition');

  // A worker posts only for themself; staff only for a worker of their area.
  assertProblem(await as('worker', 'POST', '/api/v1/wishes', { body: wishBody({ worker_id: rider.workerId }) }), 403, 'wish_forbidden');
  // The worker withdraws before a claim, not after.
  const other = await verified();
  assertProblem(await as('worker', 'POST', `/api/v1/wishes/${other.id}/withdraw`), 403, 'wish_forbidden');
  assert.equal((await as(rider, 'POST', `/api/v1/wishes/${other.id}/withdraw`)).json.status, 'withdrawn');
  const third = await verified();
  assert.equal((await as('sponsor', 'POST', `/api/v1/wishes/${third.id}/claim`)).status, 201);
  assertProblem(await as(rider, 'POST', `/api/v1/wishes/${third.id}/withdraw`), 409, 'wish_invalid_transition');
  // A photo that is not an image.
  assertProblem(await as('sponsor', 'POST', `/api/v1/wishes/${third.id}/fulfil?note=ok`, { rawBody: 'not an image', headers: { 'Content-Type': 'text/plain' } }), 415);
  assertProblem(await fulfil('sponsor', third.id, jpegWithExif(), ''), 400, 'bad_wish');
});

test('a claim past its due date lapses: the wish is open to claims again on every read', async () => {
  // A server on a fresh database whose clock runs 20 days back claims a wish; the same database
  // served again at today's time finds the claim lapsed (14 days).
  const past = `${new Date(Date.now() - 20 * 86400 * 1000 + 8 * 3600 * 1000).toISOString().slice(0, 19)}+08:00`;
  const old = new Server({ args: ['--clock', past] });
  try {
    await old.start();
    const admin = await old.login('demo-admin');
    const sponsor = await old.login('demo-sponsor');
    const worker = await old.login('demo-worker');
    const posted = await old.api('POST', '/api/v1/wishes', { token: worker.token, body: wishBody() });
    assert.equal(posted.status, 201, posted.text);
    const id = posted.json.id;
    assert.equal((await old.api('POST', `/api/v1/wishes/${id}/verify`, { token: admin.token })).status, 200);
    const claim = await old.api('POST', `/api/v1/wishes/${id}/claim`, { token: sponsor.token });
    assert.equal(claim.status, 201, claim.text);
    assert.equal((await old.api('GET', `/api/v1/wishes/${id}`)).json.status, 'claimed');
    await old.stop();
    old.extraArgs = [];
    await old.relaunch();
    const wall = await old.api('GET', '/api/v1/wishes?status=verified&limit=100');
    assert.ok(wall.json.items.some((w) => w.id === id), 'back on the wall as verified');
    assert.equal((await old.api('GET', `/api/v1/wishes/${id}`)).json.status, 'verified');
    const again = await old.login('demo-sponsor');
    const late = await old.api('POST', `/api/v1/wishes/${id}/fulfil?note=${encodeURIComponent('晚了')}`,
      { token: again.token, rawBody: jpegWithExif(), headers: { 'Content-Type': 'image/jpeg' } });
    assertProblem(late, 403, 'wish_forbidden');
    assert.equal((await old.api('POST', `/api/v1/wishes/${id}/claim`, { token: again.token })).status, 201, 'claimed anew');
  } finally {
    await old.stop();
    await old.cleanup();
  }
});

test('the demo city holds wishes in every state, among them the fridge for a courier supporting a sick sister', async () => {
  const statuses = new Set();
  const all = await as('admin', 'GET', '/api/v1/wishes?status=submitted,verified,claimed,fulfilled,confirmed,rejected&limit=100');
  assert.equal(all.status, 200, all.text);
  for (const w of all.json.items) statuses.add(w.status);
  for (const s of ['submitted', 'verified', 'claimed', 'fulfilled', 'confirmed', 'rejected']) assert.ok(statuses.has(s), `a demo wish is ${s}`);
  const fridge = all.json.items.find((w) => /冰箱/.test(w.title) && /妹妹/.test(w.reason) && w.worker_kind === 'parcel');
  assert.ok(fridge, 'the fridge');
  assert.ok(fridge.sponsor, 'claimed by a sponsor');
  const thanked = all.json.items.find((w) => w.status === 'confirmed');
  assert.ok(thanked.claim.thanks, 'a thank-you');
});
