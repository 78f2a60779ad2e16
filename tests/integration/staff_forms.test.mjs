// Forms for staff, not engineers (issue 15, item 7), on the server's side: the digit code a guard
// types when nothing can scan the QR (docs/passes.md, "The digit code": accepted in its window,
// refused after, limited), and the whitelist search by name or whole phone number in the caller's
// scope. The phone's side of the digit code is written here with node:crypto, independently of
// the server's.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomInt } from 'node:crypto';
import { useServer, assertProblem, registerRider, issuePass, awayFromWindowEdge, passWindow, fromB64url, MASKED_PHONE } from './harness.mjs';

const srv = useServer();
const S = {};
let HQ; // 华清嘉园小区, the demo guard's compound
let GATE;

before(async () => {
  await srv.start();
  for (const who of ['admin', 'district', 'community', 'guard', 'property', 'worker']) S[who] = await srv.login(`demo-${who}`);
  const me = await srv.api('GET', '/api/v1/me', { token: S.guard.token });
  assert.equal(me.status, 200, me.text);
  HQ = me.json.account.area.code;
  const gates = await srv.api('GET', `/api/v1/compounds/${HQ}/gates`, { token: S.guard.token });
  assert.equal(gates.status, 200, gates.text);
  GATE = gates.json.items.find((g) => g.kind === 'pedestrian' && g.workers_allowed).id;
});

/** RFC 4226 dynamic truncation over HMAC-SHA-256 of the 8-byte step, six digits. */
function sixDigits(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha256', secret).update(counter).digest();
  const offset = mac[31] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
/** The ten digits the rider's phone shows for `pass` at `step`. */
const digitCode = (pass, step = passWindow()) => String(pass.passId % 10_000).padStart(4, '0') + sixDigits(fromB64url(pass.json.short_code_secret), step);

const verify = (code, who = 'guard', direction = 'in') =>
  srv.api('POST', '/api/v1/gate/verify', { token: S[who].token, body: { compound: HQ, gate: GATE, code, direction } });

let rider;
let pass;

test('a pass comes with the secret of its digit code, and the code lets the rider in like a scan', async () => {
  rider = await registerRider(srv, { name: `数字码测试${randomInt(1000, 9999)}`, verifyAs: S.community.token });
  pass = await issuePass(srv, rider);
  assert.match(pass.json.short_code_secret, /^[A-Za-z0-9_-]{43}$/, 'the secret: 32 bytes, base64url');
  await awayFromWindowEdge(5);
  const res = await verify(digitCode(pass));
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.allowed, true, res.text);
  assert.equal(res.json.code, 'pass_ok');
  assert.equal(res.json.reason, '核验通过');
  assert.equal(res.json.worker.id, rider.workerId);
  assert.equal(res.json.worker.name, rider.name);
  // As the guard reads it off the screen, in groups; and the way out.
  const grouped = digitCode(pass).replace(/^(\d{4})(\d{3})(\d{3})$/, '$1 $2-$3');
  const out = await verify(grouped, 'guard', 'out');
  assert.equal(out.status, 200, out.text);
  assert.equal(out.json.code, 'pass_ok');
  // Stored as a verified passage: the rider was inside, then left.
  const events = await srv.api('GET', `/api/v1/gate/events?compound=${HQ}&limit=5`, { token: S.guard.token });
  const mine = events.json.items.filter((e) => e.worker_id === rider.workerId);
  assert.deepEqual(mine.map((e) => [e.direction, e.code, e.evidence]), [['out', 'pass_ok', 'verified'], ['in', 'pass_ok', 'verified']]);
});

test('the digit code holds one step either side of now, and is refused after', async () => {
  await awayFromWindowEdge(5);
  const now = passWindow();
  assert.equal((await verify(digitCode(pass, now - 1))).json?.code, 'pass_ok', 'read out just before it changed');
  assert.equal((await verify(digitCode(pass, now + 1))).json?.code, 'pass_ok', 'a phone clock a little ahead');
  const stale = await verify(digitCode(pass, now - 3));
  const problem = assertProblem(stale, 400, 'short_code_wrong', 'a code from 90 s ago');
  assert.equal(problem.attempts_left, 4);
  assert.match(problem.detail, /数字码不对/);
  const ahead = assertProblem(await verify(digitCode(pass, now + 3)), 400, 'short_code_wrong', 'a code from 90 s ahead');
  assert.equal(ahead.attempts_left, 3);
  // Not a digit code (nine digits): read as a QR text, which it is not.
  const nine = await verify(digitCode(pass).slice(1));
  assert.equal(nine.status, 200, nine.text);
  assert.equal(nine.json.code, 'pass_malformed');
});

test('a revoked pass says so, and a replaced pass’s code no longer lets in', async () => {
  const second = await issuePass(srv, rider); // revokes the first
  await awayFromWindowEdge(5);
  const old = await verify(digitCode(pass), 'community');
  assert.equal(old.status, 200, old.text);
  assert.deepEqual([old.json.allowed, old.json.code], [false, 'pass_revoked']);
  const current = await verify(digitCode(second), 'community');
  assert.deepEqual([current.json.allowed, current.json.code], [true, 'pass_ok'], current.text);
  pass = second;
});

test('wrong digit codes are limited per guard: five, then 429 even for the right code', async () => {
  await awayFromWindowEdge(5);
  const wrong = digitCode(pass).slice(0, 4) + String((Number(digitCode(pass).slice(4)) + 1) % 1_000_000).padStart(6, '0');
  for (let left = 4; left >= 0; left--) {
    const res = await verify(wrong, 'property');
    assert.equal(assertProblem(res, 400, 'short_code_wrong').attempts_left, left);
  }
  const limited = await verify(digitCode(pass), 'property');
  const problem = assertProblem(limited, 429, 'rate_limited', 'the right code once the wrong ones are used up');
  assert.ok(problem.retry_after_s > 500 && problem.retry_after_s <= 600, `retry_after_s ${problem.retry_after_s}`);
  assert.ok(Number(limited.headers['retry-after']) > 0, 'Retry-After');
  assert.match(problem.detail, /输错次数太多/);
  // The guard (two wrong codes so far) still may: the compound has not used up its own limit.
  const guard = await verify(digitCode(pass));
  assert.equal(guard.status, 200, guard.text);
  assert.equal(guard.json.code, 'pass_ok');
  // QR scans are not limited.
  const scan = await verify(pass.qr(), 'property');
  assert.equal(scan.status, 200, scan.text);
  assert.equal(scan.json.code, 'pass_ok');
});

const candidates = (who, q, compound = HQ) =>
  srv.api('GET', `/api/v1/compounds/${compound}/whitelist/candidates?q=${encodeURIComponent(q)}`, { token: S[who].token });

test('whitelist search: by part of the name or the whole phone, phones masked, in the caller’s scope', async () => {
  const here = await registerRider(srv, { name: `名单甲${randomInt(1000, 9999)}`, verifyAs: S.community.token });
  const pending = await registerRider(srv, { name: `${here.name}待` });
  const elsewhere = await registerRider(srv, { name: `${here.name}外`, depotId: 11, platform: '顺丰', verifyAs: S.admin.token });

  // The property manager searches the compound's community: only the verified rider registered there.
  const byName = await candidates('property', here.name.slice(2));
  assert.equal(byName.status, 200, byName.text);
  assert.deepEqual(byName.json.items.map((c) => c.worker_id), [here.workerId], 'neither the pending rider nor the one of another street');
  const found = byName.json.items[0];
  assert.match(found.phone_masked, MASKED_PHONE);
  assert.ok(!JSON.stringify(byName.json).includes(here.phone), 'the phone leaves masked');
  assert.equal(found.phone_masked.slice(-4), here.phone.slice(-4));
  assert.deepEqual([found.name, found.platform, found.kind, found.on_whitelist], [here.name, '美团', 'food', false]);

  // The whole phone, spaced as people write it, finds exactly that rider; a part of it is refused.
  const spaced = `${here.phone.slice(0, 3)} ${here.phone.slice(3, 7)} ${here.phone.slice(7)}`;
  assert.deepEqual((await candidates('property', spaced)).json.items.map((c) => c.worker_id), [here.workerId]);
  assertProblem(await candidates('property', here.phone.slice(0, 7)), 400, 'validation_failed', 'seven digits of a phone');
  assert.deepEqual((await candidates('property', elsewhere.phone)).json.items, [], 'a rider outside the scope, by phone');
  assertProblem(await candidates('property', '  '), 400, 'validation_failed', 'nothing typed');

  // A district officer's scope holds the other street's rider too.
  const district = await candidates('district', here.name);
  assert.deepEqual(district.json.items.map((c) => c.worker_id).sort(), [here.workerId, elsewhere.workerId].sort());
  assert.deepEqual((await candidates('community', elsewhere.phone)).json.items, [], 'the community officer does not see the other street');

  // Added with one tap, then marked as listed.
  const added = await srv.api('POST', `/api/v1/compounds/${HQ}/whitelist`, { token: S.property.token, body: { worker_id: found.worker_id } });
  assert.equal(added.status, 204, added.text);
  assert.equal((await candidates('property', here.phone)).json.items[0].on_whitelist, true);
  const list = await srv.api('GET', `/api/v1/compounds/${HQ}/whitelist`, { token: S.property.token });
  assert.ok(list.json.items.some((e) => e.worker_id === here.workerId && MASKED_PHONE.test(e.phone_masked)));
  void pending;
});

test('whitelist search is for the compound’s keepers: guards and riders are turned away', async () => {
  assertProblem(await candidates('guard', '测试'), 403, 'forbidden');
  assertProblem(await candidates('worker', '测试'), 403, 'forbidden');
  assertProblem(await srv.api('GET', `/api/v1/compounds/${HQ}/whitelist/candidates?q=x`), 401, 'auth_required');
  const tooLong = await candidates('property', '测'.repeat(30));
  assertProblem(tooLong, 400, 'validation_failed');
});
