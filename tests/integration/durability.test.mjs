// Every acknowledged write survives a crash: under a mixed write load (gate scans, registrations,
// reports) the server is killed with SIGKILL three times, restarted on the same database, and
// every write it answered 2xx for is read back. Runs on SQLite and on PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, registerRider } from './harness.mjs';
import { spot } from './report_helpers.mjs';

const srv = new Server();
before(async () => { await srv.start(); }, { timeout: 120_000 });
after(async () => { await srv.cleanup(); });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('acknowledged gate events, registrations and reports survive three SIGKILLs under load', { timeout: 300_000 }, async () => {
  let guard = await srv.login('demo-guard');
  const compound = (await srv.api('GET', '/api/v1/me', { token: guard.token })).json.account.area.code;
  const gate = (await srv.api('GET', `/api/v1/compounds/${compound}/gates`, { token: guard.token })).json.items[0].id;
  const checked = { events: 0, riders: 0, reports: 0 };
  for (let round = 0; round < 3; round++) {
    const acked = { events: [], riders: [], reports: [] };
    let running = true;
    const scans = async () => {
      while (running && acked.events.length < 300) {
        try {
          const res = await srv.api('POST', '/api/v1/gate/verify', { token: guard.token, timeoutMs: 5000,
            body: { compound, gate, code: `YH1:KILL-${round}-${acked.events.length}`, direction: 'in' } });
          if (res.status === 200 && res.json.event_id) acked.events.push(res.json.event_id);
        } catch { return; } // the connection died with the server
      }
    };
    const riders = async () => {
      while (running) {
        let rider;
        try { rider = await registerRider(srv, { name: `断电测试${round}` }); } catch { return; }
        acked.riders.push(rider);
        for (let i = 0; running && i < 3; i++) {
          try {
            const res = await srv.api('POST', '/api/v1/reports', { token: rider.token, timeoutMs: 5000,
              body: { category: 'facility', description: `路灯不亮 ${round}-${i}`, ...spot(round * 3 + i, acked.riders.length) } });
            if (res.status === 201) acked.reports.push({ id: res.json.id, token: rider.token });
          } catch { return; }
        }
      }
    };
    const load = [scans(), scans(), riders(), riders()];
    await sleep(1500);
    await srv.kill();
    running = false;
    await Promise.allSettled(load);
    assert.ok(acked.events.length > 0 && acked.riders.length > 0, `round ${round}: load was acknowledged (${JSON.stringify({ e: acked.events.length, r: acked.riders.length })})`);

    await srv.relaunch();
    guard = await srv.login('demo-guard');
    const listed = await srv.api('GET', `/api/v1/gate/events?compound=${compound}&limit=500`, { token: guard.token });
    assert.equal(listed.status, 200, listed.text);
    const present = new Set(listed.json.items.map((e) => e.id));
    const lost = acked.events.filter((id) => !present.has(id));
    assert.deepEqual(lost, [], `round ${round}: acknowledged gate events lost after SIGKILL`);
    for (const rider of acked.riders) {
      const login = await srv.api('POST', '/api/v1/session', { body: { login: rider.phone, password: 'rider-secret-2024' } });
      assert.equal(login.status, 201, `round ${round}: a registration acknowledged before the kill signs in: ${login.text}`);
    }
    for (const report of acked.reports) {
      const res = await srv.api('GET', `/api/v1/reports/${report.id}`, { token: report.token });
      assert.equal(res.status, 200, `round ${round}: acknowledged report ${report.id}: ${res.text}`);
    }
    checked.events += acked.events.length;
    checked.riders += acked.riders.length;
    checked.reports += acked.reports.length;
  }
  const health = await srv.api('GET', '/healthz');
  assert.equal(health.status, 200);
  console.log(`durability: ${JSON.stringify(checked)} acknowledged writes read back after 3 SIGKILLs`);
});
