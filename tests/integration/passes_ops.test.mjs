// Entry passes (docs/passes.md), operations around the gate: the offline event queue, roster
// import, rider photos (metadata stripped, who may see them), feedback and friendliness, and
// the server-rendered QR code.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import { XMLValidator } from 'fast-xml-parser';
import {
  jpegWithExif,
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

test('feedback: only riders who entered; friendliness for officers only', async () => {
  const base = await srv.api('GET', `/api/v1/compounds/${HQ}/friendliness`, { token: S.community.token });
  assert.equal(base.status, 200, base.text);
  const rider = await registerRider(srv, { name: '钱评价', verifyAs: S.community.token });
  const stranger = await registerRider(srv, { name: '李路过', verifyAs: S.community.token });
  const post = (r, body) => srv.api('POST', `/api/v1/compounds/${HQ}/feedback`, { token: r.token, body });
  const comment = '保安很客气，但要求押身份证';
  assertProblem(await post(rider, { rating: 4, unfair: true, comment }), 403, 'forbidden', 'before entering');
  await scanIn(await issuePass(srv, rider));
  const ok = await post(rider, { rating: 4, unfair: true, comment });
  assert.equal(ok.status, 204, ok.text);
  assertProblem(await post(stranger, { rating: 5, unfair: false, comment: '' }), 403, 'forbidden', 'a rider who never scanned there');
  for (const rating of [0, 6, 4.5, '4']) {
    assertProblem(await post(rider, { rating, unfair: false, comment: '' }), 400, 'validation_failed', `rating ${rating}`);
  }
  const f = await srv.api('GET', `/api/v1/compounds/${HQ}/friendliness`, { token: S.community.token });
  assert.equal(f.status, 200, f.text);
  assert.equal(f.json.ratings, base.json.ratings + 1);
  assert.equal(f.json.unfair_reports, base.json.unfair_reports + 1);
  assert.ok(Math.abs(f.json.score - (base.json.score * base.json.ratings + 4) / (base.json.ratings + 1)) < 0.01, `score ${f.json.score}`);
  if (base.json.ratings === 0) assert.equal(f.json.score, 4);
  const c = f.json.comments.find((x) => x.comment === comment);
  assert.ok(c, JSON.stringify(f.json.comments));
  assert.equal(c.rating, 4);
  assert.equal(c.unfair, true);
  assert.equal(typeof c.at, 'number');
  assert.ok(!f.text.includes(rider.phone) && !f.text.includes('钱评价'), 'feedback is anonymous to officers');
  assertProblem(await srv.api('GET', `/api/v1/compounds/${HQ}/friendliness`, { token: rider.token }), 403, 'forbidden', 'a worker');
  assertProblem(await srv.api('GET', `/api/v1/compounds/${HQ}/friendliness`, { token: S.worker.token }), 403, 'forbidden', 'demo-worker');
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
