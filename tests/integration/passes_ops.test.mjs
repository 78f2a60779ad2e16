// Entry passes (docs/passes.md), operations around the gate: the offline event queue and the
// evidence its scans carry, roster import, rider photos (metadata stripped, who may see them),
// feedback (one a month, after a verified visit) and the damped friendliness score, and the
// server-rendered QR code.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import { XMLValidator } from 'fast-xml-parser';
import {
  jpegWithExif, newEd25519, resignCredential, qrText, passWindow,
  useServer, assertProblem, registerRider, issuePass, awayFromWindowEdge, uniquePhone, MASKED_PHONE, REPO_ROOT,
} from './harness.mjs';

const srv = useServer();
const S = {};
let HQ, GATE;

before(async () => {
  await srv.start();
  for (const who of ['admin', 'district', 'community', 'guard', 'property', 'worker']) S[who] = await srv.login(`demo-${who}`);
  HQ = (await srv.api('GET', '/api/v1/me', { token: S.guard.token })).json.account.area.code;
  GATE = (await srv.api('GET', `/api/v1/compounds/${HQ}/gates`, { token: S.guard.token })).json.items[0].id;
});

const mask = (phone) => `${phone.slice(0, 3)}****${phone.slice(7)}`;
async function scanIn(pass) {
  await awayFromWindowEdge();
  const res = await srv.api('POST', '/api/v1/gate/verify', { token: S.guard.token, body: { compound: HQ, gate: GATE, code: pass.qr(), direction: 'in' } });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.allowed, true, res.text);
  return res.json;
}

test('offline queue: idempotent upload by client_event_id; another compound\'s gate → 400', async () => {
  const rider = await registerRider(srv, { name: '吴离线', verifyAs: S.community.token });
  const pass = await issuePass(srv, rider);
  const now = Math.floor(Date.now() / 1000);
  const events = [['in', now - 600], ['out', now - 420], ['in', now - 300]].map(([direction, at]) => ({
    client_event_id: randomUUID(), compound: HQ, gate: GATE, worker_id: rider.workerId, pass_id: pass.passId,
    direction, at, allowed: true, code: 'pass_ok' }));
  const up = (evs, who = 'guard') => srv.api('POST', '/api/v1/gate/events', { token: S[who].token, body: { events: evs } });
  const first = await up(events);
  assert.equal(first.status, 200, first.text);
  assert.deepEqual({ accepted: first.json.accepted, duplicates: first.json.duplicates }, { accepted: 3, duplicates: 0 });
  const again = await up(events);
  assert.equal(again.status, 200, again.text);
  assert.deepEqual({ accepted: again.json.accepted, duplicates: again.json.duplicates }, { accepted: 0, duplicates: 3 });
  const list = await srv.api('GET', `/api/v1/gate/events?compound=${HQ}&limit=50`, { token: S.guard.token });
  assert.equal(list.status, 200, list.text);
  const mine = list.json.items.filter((e) => e.worker_id === rider.workerId);
  assert.deepEqual(mine.map((e) => [e.at, e.direction, e.source]).sort(),
    events.map((e) => [e.at, e.direction, 'offline']).sort(), `each event once: ${JSON.stringify(mine)}`);
  // Queued by a gate that did not keep the scanned code: claims, kept but flagged.
  assert.equal(first.json.unverified, 3, first.text);
  assert.ok(mine.every((e) => e.evidence === 'unverified' && e.evidence_reason === 'no_code'), JSON.stringify(mine));

  const foreignGate = (await srv.api('GET', '/api/v1/compounds/110108008001001/gates', { token: S.district.token })).json.items[0].id;
  const bad = await up([{ ...events[0], client_event_id: randomUUID(), gate: foreignGate }]);
  assertProblem(bad, 400, undefined, "a gate of another compound");
  assertProblem(await up([{ ...events[0], client_event_id: randomUUID() }], 'worker'), 403, 'forbidden', 'a worker uploads');
  const after = await srv.api('GET', `/api/v1/gate/events?compound=${HQ}&limit=50`, { token: S.guard.token });
  assert.equal(after.json.items.filter((e) => e.worker_id === rider.workerId).length, 3, 'nothing added by the refused uploads');
});

test('roster import: verifies pending riders, counts verified ones, reports the rest with masked phones', async () => {
  const pending = await registerRider(srv, { name: '郑待核' });
  const verified = await registerRider(srv, { name: '王已核', verifyAs: S.community.token });
  const misnamed = await registerRider(srv, { name: '冯真名' });
  const unknown = uniquePhone();
  const csv = ['phone,name,platform,depot',
    `${pending.phone},郑待核,美团,美团外卖中关村站`,
    `${verified.phone},王已核,美团,美团外卖中关村站`,
    `${misnamed.phone},冯假名,美团,美团外卖中关村站`,
    `${unknown},陈无人,美团,美团外卖中关村站`,
    'this is not a row',
    ''].join('\n');
  const post = (body, who = 'community', type = 'text/csv') =>
    srv.api('POST', '/api/v1/workers/roster', { token: S[who].token, rawBody: body, headers: { 'Content-Type': type } });
  const res = await post(csv);
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.rows, 5);
  assert.equal(res.json.verified, 1);
  assert.equal(res.json.already_verified, 1);
  assert.deepEqual(res.json.unmatched.map((u) => u.line), [4, 5, 6], JSON.stringify(res.json.unmatched));
  const [wrongName, notFound, malformed] = res.json.unmatched;
  assert.equal(wrongName.phone_masked, mask(misnamed.phone));
  assert.equal(notFound.phone_masked, mask(unknown));
  for (const u of [wrongName, notFound]) assert.match(u.phone_masked, MASKED_PHONE);
  for (const u of res.json.unmatched) assert.ok(typeof u.reason === 'string' && u.reason.length > 0, JSON.stringify(u));
  assert.ok(!malformed.phone_masked || !malformed.phone_masked.includes('this'), JSON.stringify(malformed));
  for (const p of [misnamed.phone, unknown]) assert.ok(!res.text.includes(p), 'no unmasked phone in the report');

  const status = async (r) => (await srv.api('GET', '/api/v1/workers/me', { token: r.token })).json.worker.status;
  assert.equal(await status(pending), 'verified');
  assert.equal(await status(misnamed), 'pending', 'a wrong name does not verify');
  const hist = await srv.api('GET', `/api/v1/workers/${pending.workerId}/history`, { token: S.community.token });
  const change = hist.json.items.find((i) => i.to === 'verified');
  assert.equal(change?.actor_login, 'demo-community', JSON.stringify(hist.json));

  const again = await post(csv);
  assert.equal(again.json.verified, 0, 'a second import verifies nobody new');
  assert.equal(again.json.already_verified, 2);

  assertProblem(await post(`${pending.phone},郑待核,美团,美团外卖中关村站\n`), 400, 'validation_failed', 'no header');
  assertProblem(await post(JSON.stringify({ rows: [] }), 'community', 'application/json'), 415, 'unsupported_media_type');
  assertProblem(await post(csv, 'worker'), 403, 'forbidden', 'a worker imports');
  assertProblem(await post(csv, 'guard'), 403, 'forbidden', 'a guard imports');
});

test('photo: metadata stripped; GIF and text refused; who may see it', async () => {
  const rider = await registerRider(srv, { name: '孙有照', verifyAs: S.community.token });
  const pass = await issuePass(srv, rider);
  const jpeg = jpegWithExif();
  assert.ok(jpeg.includes('GPSLatitude'));
  const put = (body, type, token = rider.token) => srv.api('PUT', '/api/v1/workers/me/photo', { token, rawBody: body, headers: { 'Content-Type': type } });
  const up = await put(jpeg, 'image/jpeg');
  assert.equal(up.status, 204, up.text);
  const photo = (who) => srv.api('GET', `/api/v1/workers/${rider.workerId}/photo`, { token: who === 'self' ? rider.token : S[who].token, headers: { Accept: 'image/*' } });
  const own = await photo('self');
  assert.equal(own.status, 200, own.text);
  assert.match(String(own.headers['content-type']), /^image\/jpeg/);
  assert.deepEqual([...own.body.subarray(0, 2)], [0xff, 0xd8]);
  assert.deepEqual([...own.body.subarray(-2)], [0xff, 0xd9]);
  assert.ok(!own.body.includes('GPSLatitude'), 'GPS metadata stripped');
  assert.ok(!own.body.includes('Exif'), 'the Exif segment is gone');
  assert.ok(own.body.includes(Buffer.from([0xff, 0xda])), 'the image data is kept');
  assert.equal((await srv.api('GET', '/api/v1/workers/me', { token: rider.token })).json.worker.has_photo, true);

  const gif = Buffer.concat([Buffer.from('GIF89a\x01\0\x01\0\x80\0\0', 'latin1'), Buffer.from([0, 0, 0, 255, 255, 255]),
    Buffer.from('!\xf9\x04\x01\0\0\0\0,\0\0\0\0\x01\0\x01\0\0\x02\x02D\x01\0;', 'latin1')]);
  assertProblem(await put(gif, 'image/gif'), 400, 'validation_failed', 'a GIF');
  assertProblem(await put(Buffer.from('just some text, not a photo\n'), 'image/jpeg'), 400, 'validation_failed', 'text declared as JPEG');
  assertProblem(await put(jpeg.subarray(0, 40), 'image/jpeg'), 400, 'validation_failed', 'a truncated JPEG');
  assertProblem(await put(jpeg, 'image/jpeg', S.guard.token), 403, 'forbidden', 'a guard has no rider photo');

  assertProblem(await photo('worker'), 403, 'forbidden', 'another worker');
  assertProblem(await photo('guard'), 403, 'forbidden', 'a guard before the rider came to its gate');
  const staff = await photo('community');
  assert.equal(staff.status, 200, `staff in scope: ${staff.text}`);
  const scanned = await scanIn(pass);
  assert.ok(scanned.worker.photo_url, `the gate shows the photo: ${JSON.stringify(scanned.worker)}`);
  const g = await photo('guard');
  assert.equal(g.status, 200, `the guard after the scan: ${g.text}`);
  assert.deepEqual(g.body, own.body);
  const viaUrl = await srv.api('GET', scanned.worker.photo_url, { token: S.guard.token, headers: { Accept: 'image/*' } });
  assert.equal(viaUrl.status, 200, `photo_url ${scanned.worker.photo_url}: ${viaUrl.status}`);
});

test('feedback: only riders with a verified visit; one rating a month; a damped score from three riders; for officers only', async () => {
  const friendliness = async () => {
    const res = await srv.api('GET', `/api/v1/compounds/${HQ}/friendliness`, { token: S.community.token });
    assert.equal(res.status, 200, res.text);
    return res.json;
  };
  const base = await friendliness();
  assert.equal(base.ratings, 0, `no rider rated ${HQ} before this test: ${JSON.stringify(base)}`);
  assert.deepEqual([base.score, base.enough_ratings, base.min_ratings], [null, false, 3]);
  const rider = await registerRider(srv, { name: '钱评价', verifyAs: S.community.token });
  const stranger = await registerRider(srv, { name: '李路过', verifyAs: S.community.token });
  const post = (r, body) => srv.api('POST', `/api/v1/compounds/${HQ}/feedback`, { token: r.token, body });
  const first = '保安很客气，但要求押身份证';
  const second = '第二次来，登记快多了';
  const refused = assertProblem(await post(rider, { rating: 4, unfair: true, comment: first }), 403, 'forbidden', 'before entering');
  assert.match(refused.detail, /7 天/, 'the refusal says what is needed');
  await scanIn(await issuePass(srv, rider));
  const ok = await post(rider, { rating: 4, unfair: true, comment: first });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.replaced, false);
  assert.match(ok.json.month, /^\d{4}-\d{2}$/);
  // A second rating the same month replaces the first: one rider, one rating a month.
  const again = await post(rider, { rating: 2, unfair: false, comment: second });
  assert.equal(again.status, 200, again.text);
  assert.deepEqual(again.json, { month: ok.json.month, replaced: true });
  const one = await friendliness();
  assert.equal(one.ratings, 1, JSON.stringify(one));
  assert.equal(one.unfair_reports, 0, 'the replaced rating no longer counts');
  assert.deepEqual(one.comments.map((c) => [c.rating, c.comment]), [[2, second]], 'the first rating is gone');
  assert.deepEqual([one.score, one.enough_ratings], [null, false], 'one rider is not enough to rank a compound');

  assertProblem(await post(stranger, { rating: 5, unfair: false, comment: '' }), 403, 'forbidden', 'a rider who never scanned there');
  for (const rating of [0, 6, 4.5, '4']) {
    assertProblem(await post(rider, { rating, unfair: false, comment: '' }), 400, 'validation_failed', `rating ${rating}`);
  }
  // Two more riders: 2 + 5 + 4 from three riders, damped towards 3 as if by five more ratings.
  for (const [name, rating, unfair] of [['赵五星', 5, false], ['孙四星', 4, true]]) {
    const r = await registerRider(srv, { name, verifyAs: S.community.token });
    await scanIn(await issuePass(srv, r));
    const res = await post(r, { rating, unfair, comment: '' });
    assert.equal(res.status, 200, res.text);
  }
  const f = await friendliness();
  assert.equal(f.ratings, 3);
  assert.equal(f.enough_ratings, true);
  assert.equal(f.score, 3.25, `(5 × 3 + 2 + 5 + 4) / (5 + 3): ${JSON.stringify(f)}`);
  assert.equal(f.unfair_reports, 1);
  const c = f.comments.find((x) => x.comment === second);
  assert.ok(c, JSON.stringify(f.comments));
  assert.equal(c.rating, 2);
  assert.equal(c.unfair, false);
  assert.equal(typeof c.at, 'number');
  assert.ok(!JSON.stringify(f).includes(rider.phone) && !JSON.stringify(f).includes('钱评价'), 'feedback is anonymous to officers');
  assertProblem(await srv.api('GET', `/api/v1/compounds/${HQ}/friendliness`, { token: rider.token }), 403, 'forbidden', 'a worker');
  assertProblem(await srv.api('GET', `/api/v1/compounds/${HQ}/friendliness`, { token: S.worker.token }), 403, 'forbidden', 'demo-worker');
});

test('offline evidence: a scan without a code, with a forged code or with another rider\'s code is kept flagged and allows no rating; a verified one does', async () => {
  const rider = await registerRider(srv, { name: '冯证据', verifyAs: S.community.token });
  const other = await registerRider(srv, { name: '韩旁人', verifyAs: S.community.token });
  const pass = await issuePass(srv, rider);
  const otherPass = await issuePass(srv, other);
  const now = Math.floor(Date.now() / 1000);
  const at = now - 300;
  const shownAt = (credential, device, t) => qrText(credential, device.privateKey, passWindow(t * 1000));
  const forged = resignCredential(pass.credential, newEd25519().privateKey);
  const claim = (extra) => ({ client_event_id: randomUUID(), compound: HQ, gate: GATE, worker_id: rider.workerId,
    pass_id: pass.passId, direction: 'in', at, allowed: true, code: 'pass_ok', ...extra });
  const claims = [
    claim({}),
    claim({ scanned: shownAt(forged, pass.device, at) }),
    claim({ scanned: shownAt(otherPass.credential, otherPass.device, at) }),
    claim({ scanned: shownAt(pass.credential, pass.device, at - 3600) }),
  ];
  const up = (evs) => srv.api('POST', '/api/v1/gate/events', { token: S.guard.token, body: { events: evs } });
  const stored = await up(claims);
  assert.equal(stored.status, 200, stored.text);
  assert.deepEqual(stored.json, { accepted: 4, duplicates: 0, verified: 0, unverified: 4 });
  const mine = async () => (await srv.api('GET', `/api/v1/gate/events?compound=${HQ}&limit=100`, { token: S.guard.token }))
    .json.items.filter((e) => e.worker_id === rider.workerId);
  assert.deepEqual((await mine()).map((e) => [e.source, e.evidence, e.evidence_reason]).sort(), [
    ['offline', 'unverified', 'no_code'],
    ['offline', 'unverified', 'pass_bad_signature'],
    ['offline', 'unverified', 'pass_stale'],
    ['offline', 'unverified', 'worker_mismatch'],
  ]);
  const inside = async () => (await srv.api('GET', `/api/v1/gate/inside?compound=${HQ}`, { token: S.guard.token })).json.items;
  assert.ok(!(await inside()).some((i) => i.worker_id === rider.workerId), 'a claim does not put a rider inside');
  const rate = () => srv.api('POST', `/api/v1/compounds/${HQ}/feedback`, { token: rider.token, body: { rating: 3, unfair: false, comment: '' } });
  assertProblem(await rate(), 403, 'forbidden', 'claims are not a visit');

  // The code the gate read when the rider stood there: verified on upload, at the scan's time.
  const genuine = claim({ scanned: shownAt(pass.credential, pass.device, at) });
  const verified = await up([genuine]);
  assert.deepEqual(verified.json, { accepted: 1, duplicates: 0, verified: 1, unverified: 0 }, verified.text);
  assert.deepEqual((await up([genuine])).json, { accepted: 0, duplicates: 1, verified: 0, unverified: 0 }, 'idempotent');
  assert.equal((await mine()).filter((e) => e.evidence === 'verified').length, 1);
  assert.ok((await inside()).some((i) => i.worker_id === rider.workerId), 'a verified entry puts the rider inside');
  const ok = await rate();
  assert.equal(ok.status, 200, ok.text);
});

const spec = JSON.parse(readFileSync(path.join(REPO_ROOT, 'api', 'openapi.json'), 'utf8'));
test('server-side QR: the PNG decodes to the text, the SVG is XML', { skip: !spec.paths['/api/v1/qr'] && 'no /api/v1/qr in api/openapi.json' }, async () => {
  const rider = await registerRider(srv, { name: '周扫码', verifyAs: S.community.token });
  const pass = await issuePass(srv, rider);
  await awayFromWindowEdge(5);
  const text = pass.qr();
  const qr = (q, token = rider.token) => srv.api('GET', `/api/v1/qr?${q}`, { token, headers: { Accept: 'image/*' } });
  const png = await qr(`text=${encodeURIComponent(text)}&format=png`);
  assert.equal(png.status, 200, png.text);
  assert.match(String(png.headers['content-type']), /^image\/png/);
  const img = PNG.sync.read(png.body);
  const decoded = jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length), img.width, img.height);
  assert.ok(decoded, 'jsQR finds a QR code in the PNG');
  assert.equal(decoded.data, text);
  const v = await srv.api('POST', '/api/v1/gate/verify', { token: S.guard.token, body: { compound: HQ, gate: GATE, code: decoded.data, direction: 'in' } });
  assert.equal(v.json?.code, 'pass_ok', `the decoded code verifies: ${v.text}`);

  const svg = await qr(`text=${encodeURIComponent(text)}&format=svg`);
  assert.equal(svg.status, 200, svg.text);
  assert.match(String(svg.headers['content-type']), /^image\/svg\+xml/);
  assert.match(svg.text, /<svg[\s>]/);
  assert.equal(XMLValidator.validate(svg.text), true, 'well-formed XML');
  const dflt = await qr(`text=${encodeURIComponent('YH1:ABC')}`);
  assert.equal(dflt.status, 200);
  assert.match(String(dflt.headers['content-type']), /^image\/svg\+xml/, 'SVG by default');

  assertProblem(await srv.api('GET', `/api/v1/qr?text=YH1:ABC&format=png`), 401, 'auth_required');
  assertProblem(await qr('text=YH1:ABC&format=gif'), 400, 'validation_failed', 'format gif');
  assertProblem(await qr('text=YH1:ABC&scale=0'), 400, 'validation_failed', 'scale 0');
  assertProblem(await qr(`text=${'A'.repeat(5000)}`), 400, undefined, 'a text too long for a QR code');
});
