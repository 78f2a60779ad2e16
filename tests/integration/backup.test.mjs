// youhao backup while the server writes, youhao restore into a fresh database, and the restored
// server answers as the original did for everything written before the backup. Both databases.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Server, createDatabase, runCli, registerRider } from './harness.mjs';
import { spot } from './report_helpers.mjs';

const srv = new Server();
let restored = null;
before(async () => { await srv.start(); }, { timeout: 120_000 });
after(async () => {
  await srv.cleanup();
  if (restored) await restored.cleanup();
});

test('a backup taken under load restores into a fresh database that answers the same', { timeout: 300_000 }, async () => {
  // Written before the backup: a rider, their reports, gate events.
  const rider = await registerRider(srv, { name: '备份测试' });
  const reports = [];
  for (let i = 0; i < 3; i++) {
    const res = await srv.api('POST', '/api/v1/reports', { token: rider.token,
      body: { category: 'facility', description: `备份前的上报 ${i}`, ...spot(20 + i, 5) } });
    assert.equal(res.status, 201, res.text);
    reports.push(res.json.id);
  }
  const guard = await srv.login('demo-guard');
  const compound = (await srv.api('GET', '/api/v1/me', { token: guard.token })).json.account.area.code;
  const gate = (await srv.api('GET', `/api/v1/compounds/${compound}/gates`, { token: guard.token })).json.items[0].id;
  const scan = (n) => srv.api('POST', '/api/v1/gate/verify', { token: guard.token, body: { compound, gate, code: `YH1:BACKUP-${n}`, direction: 'in' } });
  const before = [];
  for (let i = 0; i < 20; i++) before.push((await scan(i)).json.event_id);

  // The backup runs while scans keep arriving.
  let running = true;
  let during = 0;
  const load = (async () => { while (running) { await scan(1000 + during); during++; } })();
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'youhao-backup-')), 'youhao.backup');
  const backup = await runCli(['backup', '--db', srv.db.url, '--out', file]);
  running = false;
  await load;
  assert.equal(backup.code, 0, backup.stderr);
  assert.match(backup.stdout, /backed up the (sqlite|postgres) database/);
  assert.ok(during > 0, 'scans were written while the backup ran');

  const fresh = await createDatabase();
  const restore = await runCli(['restore', '--in', file, '--db', fresh.url]);
  assert.equal(restore.code, 0, restore.stderr);
  const again = await runCli(['restore', '--in', file, '--db', fresh.url]);
  assert.notEqual(again.code, 0, 'restoring over a database that holds data is refused');

  // The backup holds phones and issuer keys sealed: the restored server needs the same key file,
  // kept apart from the backup.
  copyFileSync(srv.db.keyFile, fresh.keyFile);
  chmodSync(fresh.keyFile, 0o600);
  restored = new Server({ db: fresh });
  await restored.start();
  // The same answers for what was written before the backup.
  const riderAgain = await restored.api('POST', '/api/v1/session', { body: { login: rider.phone, password: 'rider-secret-2024' } });
  assert.equal(riderAgain.status, 201, riderAgain.text);
  for (const id of reports) {
    const original = (await srv.api('GET', `/api/v1/reports/${id}`, { token: rider.token })).json;
    const copy = (await restored.api('GET', `/api/v1/reports/${id}`, { token: riderAgain.json.token })).json;
    for (const key of ['id', 'category', 'status', 'description', 'lat', 'lon', 'created_at', 'due_at', 'acceptor']) {
      assert.deepEqual(copy[key], original[key], `report ${id}: ${key}`);
    }
  }
  const guardAgain = await restored.login('demo-guard');
  const events = (await restored.api('GET', `/api/v1/gate/events?compound=${compound}&limit=500`, { token: guardAgain.token })).json.items;
  const ids = new Set(events.map((e) => e.id));
  assert.deepEqual(before.filter((id) => !ids.has(id)), [], 'every gate event written before the backup is restored');
  assert.equal((await restored.api('GET', '/healthz')).status, 200);
});
