// The key file (docs/keys.md), on the real server and both databases: `youhao keys rekey` puts a
// new key in the key file and re-seals everything under it while the server is stopped; passes,
// issuer keys and riders' sign-in carry on as before; a server or a rekey given the wrong key
// file refuses to start and names the file. (`youhao keys rotate`, a new issuer key, is tested
// in passes.test.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, verify as cryptoVerify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Server, runCli, registerRider, issuePass, awayFromWindowEdge, parseCredential, ed25519FromRaw, fromB64url } from './harness.mjs';

const srv = new Server();
before(async () => { await srv.start(); }, { timeout: 120_000 });
after(async () => { await srv.cleanup(); });

const keyLines = (file) => readFileSync(file, 'utf8').split('\n').filter((line) => /^[0-9a-f]{64}$/.test(line));

test('keys rekey re-seals under a new key; passes and sign-in carry on; a wrong key file stops the start', { timeout: 300_000 }, async () => {
  const community = await srv.login('demo-community');
  const guard = await srv.login('demo-guard');
  const compound = (await srv.api('GET', '/api/v1/me', { token: guard.token })).json.account.area.code;
  const gate = (await srv.api('GET', `/api/v1/compounds/${compound}/gates`, { token: guard.token })).json.items.find((g) => g.kind === 'pedestrian').id;
  const scan = async (code) => {
    const res = await srv.api('POST', '/api/v1/gate/verify', { token: guard.token, body: { compound, gate, code, direction: 'in' } });
    assert.equal(res.status, 200, res.text);
    return res.json;
  };
  const rider = await registerRider(srv, { name: '换钥骑手', verifyAs: community.token });
  const pass = await issuePass(srv, rider);
  await awayFromWindowEdge();
  assert.equal((await scan(pass.qr())).code, 'pass_ok', 'before the rekey');
  const keysBefore = (await srv.api('GET', '/api/v1/passes/keys')).json.keys;

  const stopped = await srv.stop();
  assert.equal(stopped.code, 0, JSON.stringify(stopped));
  const keyFile = srv.db.keyFile;
  const [oldKey, ...rest] = keyLines(keyFile);
  assert.ok(oldKey && rest.length === 0, 'one key in the key file');

  // The wrong key file: neither the server nor a rekey starts, and both name the file.
  const dir = mkdtempSync(path.join(tmpdir(), 'youhao-wrong-key-'));
  try {
    const wrong = path.join(dir, 'wrong.key');
    writeFileSync(wrong, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
    const serve = await runCli(['serve', '--db', srv.db.url, '--key-file', wrong, '--listen', '127.0.0.1:0', '--threads', '1'], { timeoutMs: 60_000 });
    assert.notEqual(serve.code, 0, `serve with the wrong key file must not start: ${serve.stdout}`);
    assert.ok(serve.stderr.includes(wrong), `the message names the key file: ${serve.stderr}`);
    const wrongRekey = await runCli(['keys', 'rekey', '--db', srv.db.url, '--key-file', wrong]);
    assert.notEqual(wrongRekey.code, 0, wrongRekey.stdout);
    assert.ok(wrongRekey.stderr.includes(wrong), wrongRekey.stderr);
    assert.equal(keyLines(wrong).length, 1, 'a refused rekey leaves the key file as it was');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const rekey = await runCli(['keys', 'rekey', '--db', srv.db.url, '--key-file', keyFile]);
  assert.equal(rekey.code, 0, `${rekey.stdout}${rekey.stderr}`);
  const resealed = /issuer keys re-sealed under key ([0-9a-f]{8}): (\d+)/.exec(rekey.stdout);
  assert.ok(resealed && Number(resealed[2]) >= 1, rekey.stdout);
  const [newKey, ...others] = keyLines(keyFile);
  assert.ok(newKey && others.length === 0, 'the key file ends with only the new key');
  assert.notEqual(newKey, oldKey);

  await srv.relaunch();
  const keysAfter = (await srv.api('GET', '/api/v1/passes/keys')).json.keys;
  assert.deepEqual(keysAfter, keysBefore, 'issuer keys are the same keys, only sealed anew');
  await awayFromWindowEdge();
  assert.equal((await scan(pass.qr())).code, 'pass_ok', 'a pass issued before the rekey');
  const again = await srv.login(rider.phone, 'rider-secret-2024');
  assert.ok(again.token, 'the rider signs in with their phone after the rekey');
  const next = await issuePass(srv, rider);
  const credential = parseCredential(next.credential);
  const issuer = keysAfter.find((k) => k.key_id === credential.keyId);
  assert.ok(issuer && cryptoVerify(null, credential.signed, ed25519FromRaw(fromB64url(issuer.public_key)), credential.signature), 'a new pass is signed by the same issuer key');
  await awayFromWindowEdge();
  assert.equal((await scan(next.qr())).code, 'pass_ok', 'a pass issued after the rekey');
});
