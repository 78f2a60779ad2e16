// Entry passes (docs/passes.md): the rider's story from registration to the gate, screenshot and
// forgery refusals, revocation and issuer key rotation. The phone side (device key, QR) is
// implemented here with node:crypto, independently of the server's codec.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { verify as cryptoVerify } from 'node:crypto';
import {
  useServer, assertProblem, problemShapeErrors, runCli, registerRider, issuePass, newEd25519, parseCredential,
  resignCredential, ed25519FromRaw, fromB64url, base45Encode, qrText, passWindow, awayFromWindowEdge,
} from './harness.mjs';

const srv = useServer();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const S = {};
let HQ; // 华清嘉园小区, demo-guard's compound
let GATE; // its pedestrian gate

const REASONS = {
  pass_ok: '核验通过',
  pass_malformed: '不是有效的进门码',
  pass_unknown_key: '进门码签发密钥未知（请同步）',
  pass_bad_signature: '进门码签名无效（可能被伪造或篡改）',
  pass_stale: '进门码已失效（截图或照片无效，请出示实时码）',
  pass_bad_device_signature: '进门码与绑定手机不符',
  pass_revoked: '此进门码已被注销',
  worker_suspended: '骑手资格已被暂停',
};

before(async () => {
  await srv.start();
  for (const who of ['admin', 'district', 'community', 'guard', 'worker']) S[who] = await srv.login(`demo-${who}`);
  const me = await srv.api('GET', '/api/v1/me', { token: S.guard.token });
  assert.equal(me.status, 200, me.text);
  HQ = me.json.account.area.code;
  assert.equal(me.json.account.area.name_zh, '华清嘉园小区');
  const gates = await srv.api('GET', `/api/v1/compounds/${HQ}/gates`, { token: S.guard.token });
  assert.equal(gates.status, 200, gates.text);
  GATE = gates.json.items.find((g) => g.kind === 'pedestrian').id;
});

/** POST /api/v1/gate/verify; asserts 200 (never a 5xx) and returns the JSON body. */
async function scan(code, { who = 'guard', compound = HQ, gate = GATE, direction = 'in' } = {}) {
  const res = await srv.api('POST', '/api/v1/gate/verify', { token: S[who].token, body: { compound, gate, code, direction } });
  assert.ok(res.status < 500, `verify → ${res.status} ${res.text}`);
  assert.equal(res.status, 200, `verify: ${res.text}`);
  return res.json;
}
async function expectRefused(code, expected, what, opts) {
  const r = await scan(code, opts);
  assert.equal(r.code, expected, `${what}: ${JSON.stringify(r)}`);
  assert.equal(r.allowed, false, `${what}: ${JSON.stringify(r)}`);
  if (REASONS[expected]) assert.equal(r.reason, REASONS[expected], `${what}: reason`);
  return r;
}
async function expectAllowed(code, what, opts) {
  const r = await scan(code, opts);
  assert.equal(r.allowed, true, `${what}: ${JSON.stringify(r)}`);
  assert.equal(r.code, 'pass_ok', what);
  assert.equal(r.reason, REASONS.pass_ok, what);
  return r;
}
const sync = async (since, who = 'guard') => {
  const res = await srv.api('GET', `/api/v1/gate/sync?compound=${HQ}&since=${since}`, { token: S[who].token });
  assert.equal(res.status, 200, res.text);
  return res.json;
};
const inside = async () => {
  const res = await srv.api('GET', `/api/v1/gate/inside?compound=${HQ}`, { token: S.guard.token });
  assert.equal(res.status, 200, res.text);
  return res.json.items;
};
const setStatus = (workerId, status, reason, who = 'community') =>
  srv.api('POST', `/api/v1/workers/${workerId}/status`, { token: S[who].token, body: { status, reason } });

test('story: register → pending → verified → pass → gate in/out → suspended at the gate → restored', async () => {
  const before0 = await sync(0);
  const cursor0 = before0.revocations.cursor;
  assert.equal(typeof cursor0, 'number');
  for (const k of ['server_time', 'keys', 'revocations', 'compound', 'plan', 'gates', 'whitelist', 'open_intervals']) {
    assert.ok(k in before0, `sync has ${k}: ${Object.keys(before0)}`);
  }
  assert.ok(Math.abs(before0.server_time - Date.now() / 1000) < 5, 'server_time is now');
  assert.deepEqual(before0.compound, { code: HQ, name_zh: '华清嘉园小区' });
  assert.equal(before0.plan.mode, 'pass');
  assert.ok(before0.gates.some((g) => g.id === GATE));
  const nowS = Date.now() / 1000;
  assert.ok(before0.open_intervals.some(([a, b]) => a <= nowS && nowS < b), `24/7 is open now: ${JSON.stringify(before0.open_intervals)}`);
  assertProblem(await srv.api('GET', `/api/v1/gate/sync?compound=110108008001001&since=0`, { token: S.guard.token }), 403, 'forbidden',
    "another compound's sync");

  const rider = await registerRider(srv, { name: '王小骑' });
  assert.equal(rider.register.json.account.role, 'worker');
  // The rider signs in with the phone; the login that lists and the audit log show is not the phone.
  assert.match(rider.register.json.account.login, /^r\d{7}$/);
  assert.equal(rider.me.worker.login, rider.register.json.account.login);
  assert.equal(rider.me.worker.phone, rider.phone, 'the rider sees their own number');
  assert.equal(rider.me.worker.status, 'pending');
  assert.equal(rider.me.worker.platform, '美团');
  assert.equal(rider.me.pass, null);

  const device = newEd25519();
  const refused = await srv.api('POST', '/api/v1/passes', { token: rider.token, body: { device_public_key: Buffer.from(device.raw).toString('base64url') } });
  assertProblem(refused, 403, 'forbidden', 'a pending worker gets no pass');

  const v = await setStatus(rider.workerId, 'verified', '现场核验身份证与骑手证');
  assert.equal(v.status, 200, v.text);
  assert.equal(v.json.worker.status, 'verified');
  const hist = await srv.api('GET', `/api/v1/workers/${rider.workerId}/history`, { token: S.community.token });
  assert.equal(hist.status, 200, hist.text);
  const change = hist.json.items.find((i) => i.to === 'verified');
  assert.ok(change, JSON.stringify(hist.json));
  assert.equal(change.from, 'pending');
  assert.equal(change.reason, '现场核验身份证与骑手证');
  assert.equal(change.actor_login, 'demo-community');
  assert.equal(typeof change.at, 'number');

  const t0 = Math.floor(Date.now() / 1000);
  const pass = await issuePass(srv, rider);
  const c = parseCredential(pass.credential);
  assert.equal(c.version, 1);
  assert.equal(c.keyId, pass.json.key_id);
  assert.equal(c.passId, pass.json.pass_id);
  assert.equal(c.workerId, rider.workerId);
  assert.equal(c.expiresAt, pass.json.expires_at);
  assert.ok(Math.abs(c.issuedAt - t0) <= 5, `issued_at ${c.issuedAt} vs now ${t0}`);
  assert.ok(c.expiresAt > c.issuedAt, 'expires after issue');
  assert.deepEqual(Buffer.from(c.devicePublicKey), Buffer.from(pass.device.raw));
  assert.equal(c.platform, 0, '美团 is platform index 0');
  assert.equal(c.kind, 0, 'food is kind index 0');
  assert.equal(c.name, '王小骑');
  const keys = await srv.api('GET', '/api/v1/passes/keys'); // no auth
  assert.equal(keys.status, 200, keys.text);
  const key = keys.json.keys.find((k) => k.key_id === c.keyId);
  assert.ok(key, `key ${c.keyId} listed: ${keys.text}`);
  assert.equal(fromB64url(key.public_key).length, 32);
  assert.ok(cryptoVerify(null, c.signed, ed25519FromRaw(fromB64url(key.public_key)), c.signature), 'issuer signature verifies');
  const wrongKey = newEd25519();
  assert.ok(!cryptoVerify(null, c.signed, wrongKey.publicKey, c.signature), 'sanity: not with another key');
  const me = await srv.api('GET', '/api/v1/workers/me', { token: rider.token });
  assert.deepEqual(me.json.pass, { pass_id: c.passId, expires_at: c.expiresAt, key_id: c.keyId });

  await awayFromWindowEdge();
  const live = pass.qr();
  const ok = await expectAllowed(live, 'live code');
  assert.equal(ok.worker.id, rider.workerId);
  assert.equal(ok.worker.name, '王小骑');
  assert.equal(ok.worker.platform, '美团');
  assert.equal(ok.worker.status, 'verified');
  assert.ok(ok.event_id > 0, 'an event is recorded');
  const inNow = (await inside()).find((i) => i.worker_id === rider.workerId);
  assert.ok(inNow, 'listed inside');
  assert.equal(inNow.name, '王小骑');
  assert.equal(inNow.platform, '美团');
  assert.equal(inNow.overstay, false);

  await expectAllowed(live, 'out scan', { direction: 'out' });
  assert.ok(!(await inside()).some((i) => i.worker_id === rider.workerId), 'gone after the out scan');

  const susp = await setStatus(rider.workerId, 'suspended', '投诉核查中');
  assert.equal(susp.status, 200, susp.text);
  assert.equal(susp.json.worker.status, 'suspended');
  await expectRefused(live, 'worker_suspended', 'the same live code after suspension');
  const s1 = await sync(cursor0);
  if (cursor0 > 0) assert.equal(s1.revocations.full, false, 'an incremental sync');
  assert.ok(s1.revocations.revoked_workers.includes(rider.workerId), `revoked_workers: ${JSON.stringify(s1.revocations)}`);
  assert.ok(s1.revocations.cursor > cursor0, 'the cursor advances');

  const back = await setStatus(rider.workerId, 'verified', '核查完毕');
  assert.equal(back.status, 200, back.text);
  const s2 = await sync(s1.revocations.cursor);
  assert.ok(s2.revocations.restored_workers.includes(rider.workerId), `restored_workers: ${JSON.stringify(s2.revocations)}`);
  assert.ok(!s2.revocations.revoked_workers.includes(rider.workerId));
  await awayFromWindowEdge();
  await expectAllowed(pass.qr(), 'after re-verification');
  const h2 = await srv.api('GET', `/api/v1/workers/${rider.workerId}/history`, { token: S.community.token });
  assert.deepEqual(h2.json.items.filter((i) => i.from !== i.to).map((i) => [i.from, i.to, i.actor_login]),
    [['pending', 'verified', 'demo-community'], ['verified', 'suspended', 'demo-community'], ['suspended', 'verified', 'demo-community']]);
});

test('screenshots, replays, forgeries and garbage get their precise codes; never a 5xx', async () => {
  const rider = await registerRider(srv, { name: '李截图', verifyAs: S.community.token });
  const pass = await issuePass(srv, rider);
  await awayFromWindowEdge(5);
  const w = passWindow();
  await expectRefused(pass.qr(w - 2), 'pass_stale', 'a code two windows old (a screenshot)');
  await expectRefused(pass.qr(w + 2), 'pass_stale', 'a code two windows ahead');
  await expectAllowed(pass.qr(w - 1), 'a code one window old');
  await expectAllowed(pass.qr(w + 1), 'a code one window ahead (clock skew)');

  const forger = newEd25519();
  await expectRefused(qrText(resignCredential(pass.credential, forger.privateKey), pass.device.privateKey), 'pass_bad_signature',
    'credential re-signed by another key');
  const tampered = Buffer.from(pass.credential);
  tampered[10] ^= 0x01; // worker_id
  await expectRefused(qrText(tampered, pass.device.privateKey), 'pass_bad_signature', 'a tampered worker id');
  const longer = Buffer.from(pass.credential);
  longer.writeUInt32BE(longer.readUInt32BE(15) + 365 * 86400, 15); // expires_at
  await expectRefused(qrText(longer, pass.device.privateKey), 'pass_bad_signature', 'a tampered expiry');

  const bin = fromB45(pass.qr());
  const flippedDeviceSig = Buffer.from(bin); flippedDeviceSig[flippedDeviceSig.length - 3] ^= 0x40;
  await expectRefused(`YH1:${base45Encode(flippedDeviceSig)}`, 'pass_bad_device_signature', 'a tampered device signature');
  await expectRefused(qrText(pass.credential, newEd25519().privateKey), 'pass_bad_device_signature', 'signed by another phone');
  await expectRefused(pass.qr().slice(0, 120), 'pass_malformed', 'truncated text');
  await expectRefused(`YH1:${base45Encode(bin.subarray(0, bin.length - 64))}`, 'pass_malformed', 'without the device signature');
  await expectRefused(`YH1:${base45Encode(Buffer.concat([bin, Buffer.from([0])]))}`, 'pass_malformed', 'a trailing byte');
  await expectRefused(`YH1:${base45Encode(bin.subarray(0, 40))}`, 'pass_malformed', 'a credential cut short');
  for (const junk of ['hello world', 'https://example.com/?id=1', 'YH1:', 'YH1:abc', 'YH1:GGW', 'YH2:' + pass.qr().slice(4),
    pass.qr().slice(4), '进门码', 'YH1:' + ':'.repeat(600)]) {
    await expectRefused(junk, 'pass_malformed', `junk ${JSON.stringify(junk.slice(0, 40))}`);
  }
  const huge = await srv.api('POST', '/api/v1/gate/verify', { token: S.guard.token,
    body: { compound: HQ, gate: GATE, code: `YH1:${'A'.repeat(20000)}`, direction: 'in' } });
  if (huge.status === 200) assert.equal(huge.json.code, 'pass_malformed', huge.text);
  else assertProblem(huge, 400, 'validation_failed', 'a 20 000-character code');
  const v2 = Buffer.from(pass.credential); v2[0] = 2;
  await expectRefused(qrText(v2, pass.device.privateKey), 'pass_malformed', 'credential version 2');

  // A credential from another city: a key id this server never had, signed by that city's key.
  const otherCity = newEd25519();
  const foreign = Buffer.from(pass.credential); foreign.writeUInt16BE(777, 1);
  await expectRefused(qrText(resignCredential(foreign, otherCity.privateKey), pass.device.privateKey), 'pass_unknown_key',
    "another city's key");

  const live = pass.qr();
  const nc = await scan(live, { who: 'district', compound: '110108011001999' });
  assert.deepEqual([nc.allowed, nc.code], [false, 'compound_not_found'], JSON.stringify(nc));
  assert.match(nc.reason, /不存在/);
  const ng = await scan(live, { gate: 999999 });
  assert.deepEqual([ng.allowed, ng.code], [false, 'gate_not_found'], JSON.stringify(ng));
  assert.match(ng.reason, /不存在/);
  const gates = await srv.api('GET', '/api/v1/compounds/110108008001001/gates', { token: S.district.token });
  const foreignGate = gates.json.items[0].id;
  const fg = await scan(live, { gate: foreignGate });
  assert.deepEqual([fg.allowed, fg.code], [false, 'gate_not_found'], `a gate of another compound: ${JSON.stringify(fg)}`);

  // A guard at another compound's gate.
  const other = await srv.api('POST', '/api/v1/gate/verify', { token: S.guard.token,
    body: { compound: '110108008001001', gate: foreignGate, code: live, direction: 'in' } });
  assertProblem(other, 403, 'forbidden', "a guard at another compound's gate");
  assertProblem(await srv.api('POST', '/api/v1/gate/verify', { token: S.worker.token,
    body: { compound: HQ, gate: GATE, code: live, direction: 'in' } }), 403, 'forbidden', 'a worker cannot scan');
  assertProblem(await srv.api('POST', '/api/v1/gate/verify', { body: { compound: HQ, gate: GATE, code: live, direction: 'in' } }),
    401, 'auth_required');

  // Bad request bodies are problems, never 5xx.
  for (const body of [{ compound: HQ, gate: GATE, code: live, direction: 'sideways' }, { compound: HQ, gate: GATE, direction: 'in' },
    { compound: HQ, gate: 'north', code: live, direction: 'in' }, { compound: HQ, gate: GATE, code: 42, direction: 'in' }, [1, 2]]) {
    const res = await srv.api('POST', '/api/v1/gate/verify', { token: S.guard.token, body });
    assert.ok(res.status >= 400 && res.status < 500, `${JSON.stringify(body)} → ${res.status} ${res.text}`);
    assert.deepEqual(problemShapeErrors(res), [], res.text);
  }
});

test('a new pass revokes the old one; officers revoke passes; key rotation keeps old passes valid', async () => {
  const rider = await registerRider(srv, { name: '赵换机', verifyAs: S.community.token });
  const first = await issuePass(srv, rider);
  const { revocations: { cursor: c0 } } = await sync(0);
  const second = await issuePass(srv, rider);
  assert.notEqual(second.passId, first.passId);
  await awayFromWindowEdge();
  await expectRefused(first.qr(), 'pass_revoked', 'the replaced pass');
  await expectAllowed(second.qr(), 'the new pass');
  const s1 = await sync(c0);
  assert.ok(s1.revocations.revoked_passes.includes(first.passId), `revoked_passes: ${JSON.stringify(s1.revocations)}`);

  assertProblem(await srv.api('DELETE', `/api/v1/passes/${second.passId}`, { token: rider.token }), 403, 'forbidden', 'a worker');
  assertProblem(await srv.api('DELETE', `/api/v1/passes/${second.passId}`, { token: S.guard.token }), 403, 'forbidden', 'a guard');
  const del = await srv.api('DELETE', `/api/v1/passes/${second.passId}`, { token: S.community.token });
  assert.equal(del.status, 204, del.text);
  await expectRefused(second.qr(), 'pass_revoked', 'a pass revoked by an officer');
  assertProblem(await srv.api('DELETE', '/api/v1/passes/99999999', { token: S.community.token }), 404, 'not_found');
  const s2 = await sync(s1.revocations.cursor);
  assert.ok(s2.revocations.revoked_passes.includes(second.passId), JSON.stringify(s2.revocations));

  // Other statuses at the gate.
  const third = await issuePass(srv, rider);
  for (const [status, code, reason] of [['revoked', 'worker_revoked', '骑手资格已被撤销'], ['pending', 'worker_not_verified', '骑手尚未通过认证']]) {
    const r = await setStatus(rider.workerId, status, `测试：${status}`);
    assert.equal(r.status, 200, r.text);
    await awayFromWindowEdge();
    const res = await expectRefused(third.qr(), code, `a ${status} worker`);
    assert.equal(res.reason, reason);
  }

  // Rotation: a pass signed by the old key keeps working; new passes carry the new key.
  const old = await issuePass(srv, await registerRider(srv, { name: '钱旧钥', verifyAs: S.community.token }));
  const keys0 = (await srv.api('GET', '/api/v1/passes/keys')).json.keys;
  const oldKeyId = parseCredential(old.credential).keyId;
  const rot = await runCli(['keys', 'rotate', '--db', srv.db.url, '--key-file', srv.db.keyFile]);
  assert.equal(rot.code, 0, `keys rotate: ${rot.stdout}${rot.stderr}`);
  // The server reloads keys changed by another process within 10 s (src/entry/key_store.h).
  let keys1;
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; await sleep(500)) {
    keys1 = (await srv.api('GET', '/api/v1/passes/keys')).json.keys;
    if (keys1.length > keys0.length) break;
  }
  assert.equal(keys1.length, keys0.length + 1, JSON.stringify(keys1));
  const retired = keys1.find((k) => k.key_id === oldKeyId);
  assert.ok(retired && typeof retired.not_after === 'number', `the retired key has not_after: ${JSON.stringify(keys1)}`);
  assert.ok(retired.not_after >= old.json.expires_at, 'it verifies until its last pass expires');
  const fresh = keys1.find((k) => !keys0.some((o) => o.key_id === k.key_id));
  assert.equal(fresh.not_after, null);
  assert.equal(fromB64url(fresh.public_key).length, 32);
  assert.notEqual(fresh.public_key, retired.public_key);
  const syncKeys = (await sync(0)).keys.map((k) => k.key_id).sort();
  assert.deepEqual(syncKeys, keys1.map((k) => k.key_id).sort(), 'gates sync both keys');

  await awayFromWindowEdge();
  await expectAllowed(old.qr(), 'a pass signed by the retired key');
  const next = await issuePass(srv, await registerRider(srv, { name: '孙新钥', verifyAs: S.community.token }));
  const nc = parseCredential(next.credential);
  assert.equal(next.json.key_id, fresh.key_id, 'new passes carry the new key id');
  assert.equal(nc.keyId, fresh.key_id);
  assert.ok(cryptoVerify(null, nc.signed, ed25519FromRaw(fromB64url(fresh.public_key)), nc.signature), 'signed by the new key');
  await expectAllowed(next.qr(), 'a pass signed by the new key');
});

/** RFC 9285 base45 decoding of a "YH1:" text (test-side, to tamper with the binary). */
function fromB45(text) {
  const A = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
  const s = text.slice(4);
  const out = [];
  for (let i = 0; i < s.length; i += 3) {
    const chunk = s.slice(i, i + 3);
    const n = [...chunk].reduce((acc, ch, k) => acc + A.indexOf(ch) * 45 ** k, 0);
    if (chunk.length === 3) out.push(n >> 8, n & 0xff); else out.push(n);
  }
  return Buffer.from(out);
}
