// 入场扫码 (issue 17, the event door) end to end, called from e2e/run.mjs (E2E_SUITE=door runs only
// this): demo-union publishes an event at 华清嘉园 starting in ten minutes; demo-worker and
// demo-reporter register and hold passes (device keys made here, the QR text signed as the phone
// signs it). The organiser opens #/events/ID/door on a phone, the roster syncs, the network goes
// (context.setOffline), two pass texts are entered in the manual field and answered at once from
// the roster (已签到 2 / 待同步 2); the network comes back, the queue uploads by itself and the
// attendance list shows both as verified with their real scan times. Screenshots:
// <repo>/build/screenshots/door-offline.png and door-synced.png (phone).

import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { payloadFor, windowNow } from './passkit.mjs';

const COMPOUND = '110108011001001'; // 华清嘉园小区

export async function doorSuite(ctx) {
  const { base, test, newPage, closePage, settled, screenshot, loginViaForm, PHONE, PASSWORD } = ctx;
  const stamp = String(Date.now()).slice(-6);
  const state = { eventId: null, workers: [] };

  /** A JSON call from Node with a bearer token (no cookie, so no CSRF token needed). */
  const call = async (method, url, { token, body } = {}) => {
    const headers = { Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${base}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, body: type.includes('json') ? await res.json() : await res.text() };
  };
  const tokenOf = async (login) => {
    const res = await call('POST', '/api/v1/session', { body: { login, password: PASSWORD } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.token;
  };

  await test('door (a): an event at 华清嘉园 with two registered workers holding passes', async () => {
    const union = await tokenOf('demo-union');
    const start = Math.floor(Date.now() / 1000) + 600;
    const made = await call('POST', '/api/v1/events', {
      token: union,
      body: { kind: 'health_check', title: `义诊体检 ${stamp}`, description: '', organiser_kind: 'union', organiser_name: '海淀区总工会', compound: COMPOUND, starts_at: start, ends_at: start + 7200, capacity: 30, walk_ins: false },
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    state.eventId = made.body.event.id;
    for (const login of ['demo-worker', 'demo-reporter']) {
      const token = await tokenOf(login);
      const registered = await call('POST', `/api/v1/events/${state.eventId}/registrations`, { token, body: {} });
      assert.equal(registered.status, 201, `${login} registers: ${JSON.stringify(registered.body)}`);
      const me = await call('GET', '/api/v1/workers/me', { token });
      assert.equal(me.status, 200, JSON.stringify(me.body));
      const key = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
      const pass = await call('POST', '/api/v1/passes', { token, body: { device_public_key: key.x } });
      assert.equal(pass.status, 201, JSON.stringify(pass.body));
      state.workers.push({ login, id: me.body.worker.id, name: me.body.worker.name, credential: pass.body.credential, secret: key.d });
    }
  });

  await test('door (b): offline, two workers are checked in from the manual field; back online, the queue syncs', async () => {
    assert.ok(state.eventId && state.workers.length === 2, 'the event and passes of (a)');
    const page = await newPage(PHONE);
    await loginViaForm(page, 'demo-union');
    await page.goto(`${base}/#/events/${state.eventId}/door`);
    await page.getByTestId('door-page').waitFor();
    await settled(page);
    // The roster synced: the door knows who registered.
    await page.waitForFunction((id) => JSON.parse(localStorage.getItem(`youhao.door.roster.${id}`) ?? 'null')?.registered?.length === 2, state.eventId);
    const counter = page.getByTestId('door-counter');
    assert.equal(await counter.getAttribute('data-in'), '0');

    await page.context().setOffline(true);
    await page.waitForFunction(() => !navigator.onLine);
    await page.locator('[data-testid="door-net"].is-offline').waitFor();
    const before = Math.floor(Date.now() / 1000);
    await page.locator('.manual summary').click();
    for (const worker of state.workers) {
      await page.getByTestId('door-manual').fill(payloadFor({ credential: worker.credential, secretKey: worker.secret, window: windowNow() }));
      await page.getByTestId('door-manual-submit').click();
      await page.waitForFunction((name) => document.querySelector('[data-testid="door-result-name"]')?.textContent === name, worker.name);
      assert.equal(await page.getByTestId('door-result').getAttribute('data-verdict'), 'registered', `${worker.login} is on the roster`);
    }
    await page.waitForFunction(() => document.querySelector('[data-testid="door-counter"]')?.dataset.pending === '2');
    assert.equal(await counter.getAttribute('data-in'), '2');
    assert.match((await counter.textContent()) ?? '', /已签到 2 \/ 待同步 2/);
    assert.equal(await page.locator('[data-testid="door-log-row"][data-state="queued"]').count(), 2);
    await screenshot(page, 'door-offline');

    await page.context().setOffline(false);
    // The 'online' event uploads the queue by itself; the 同步 button stays for a manual retry.
    await page.waitForFunction(() => document.querySelector('[data-testid="door-counter"]')?.dataset.pending === '0', null, { timeout: 20_000 });
    for (const worker of state.workers) {
      await page.locator(`[data-testid="door-attendee"][data-worker-id="${worker.id}"][data-evidence="verified"]`).waitFor();
    }
    assert.equal(await page.locator('[data-testid="door-log-row"][data-state="verified"]').count(), 2);
    assert.equal(await counter.getAttribute('data-in'), '2');
    await page.getByTestId('door-sync').click();
    await page.waitForFunction(() => !document.querySelector('[data-testid="door-sync"]')?.disabled);
    assert.equal(await page.locator('[data-testid="door-log-row"][data-state="verified"]').count(), 2, 'a second sync sends nothing again');
    await screenshot(page, 'door-synced');

    // The server kept the real scan times (taken while offline), not the upload's.
    const union = await tokenOf('demo-union');
    const list = await call('GET', `/api/v1/events/${state.eventId}/attendance`, { token: union });
    assert.equal(list.status, 200, JSON.stringify(list.body));
    assert.equal(list.body.counts.attended, 2);
    for (const worker of state.workers) {
      const row = list.body.items.find((i) => i.worker.id === worker.id);
      assert.ok(row && row.in_at >= before - 1 && row.scans === 1, JSON.stringify(row));
    }
    assert.equal(await page.getByTestId('door-export').getAttribute('href'), `/api/v1/events/${state.eventId}/attendance.csv`);
    await closePage(page);
  });
}
