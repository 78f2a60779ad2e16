// The entry-pass story end to end (docs/passes.md), called from e2e/run.mjs:
// a rider registers → an officer verifies them → the rider opens the pass → the guard of 华清嘉园
// scans it (scanner field and camera) → drop-off plan → stale payloads → revocation reaches the
// gate → offline scans are decided locally, queued and uploaded once → rating → roster import.

import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import { centredLuma, facePng, payloadFor, payloadWithSignature, windowNow, y4m } from './passkit.mjs';
import { apiIn } from './page_api.mjs';

const COMPOUND = '110108011001001'; // 华清嘉园小区, the demo guard's compound
const COMMUNITY = '110108011001'; // 科源社区, demo-community's area
const TABLET = { viewport: { width: 1024, height: 768 }, hasTouch: true, deviceScaleFactor: 1 };
const PAYLOAD = /^YH1:[0-9A-Z $%*+\-./:]+$/;

export async function passesSuite(ctx) {
  const { base, test, newPage, closePage, settled, screenshot, loginViaForm, text, PHONE, DESKTOP, PASSWORD } = ctx;
  const stamp = String(Date.now()).slice(-8);
  const rider = { phone: `139${stamp}`, password: 'rider-pass-2024', name: `林${'晓小嘉明'[Number(stamp) % 4]}测` };
  const pages = {};
  let riderInfo = null; // { workerId, accountId }


  // Loads the app afresh at `hash` (page.goto to the same URL with only a hash would not reload).
  const visit = async (page, hash) => {
    await page.goto('about:blank');
    await page.goto(`${base}/${hash}`);
  };

  /**
   * The pass as the phone keeps it (IndexedDB `youhao-passes`, src/passes/store.ts), with what its
   * device key allows, and what of it localStorage still holds. With `window`, also the device
   * signature for that window, made on the phone: the key itself cannot leave it.
   */
  const fromPhone = (page, accountId, window = null) =>
    page.evaluate(
      async ([id, w]) => {
        if (!(await indexedDB.databases()).some((d) => d.name === 'youhao-passes')) return null;
        const db = await new Promise((resolve, reject) => {
          const r = indexedDB.open('youhao-passes');
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
        try {
          const pass = await new Promise((resolve, reject) => {
            const r = db.transaction('passes').objectStore('passes').get(id);
            r.onsuccess = () => resolve(r.result ?? null);
            r.onerror = () => reject(r.error);
          });
          if (!pass) return null;
          const key = pass.device.kind === 'webcrypto' ? pass.device.key : null;
          const exported = key ? await crypto.subtle.exportKey('pkcs8', key).then(() => true, () => false) : null;
          let signature = null;
          if (key && w !== null) {
            const message = new Uint8Array(12);
            message.set([...'YHQ1'].map((c) => c.charCodeAt(0)));
            new DataView(message.buffer).setUint32(4, pass.pass_id);
            new DataView(message.buffer).setUint32(8, w);
            signature = Array.from(new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, key, message)));
          }
          const legacy = Object.keys(localStorage).filter((k) => k.startsWith('youhao.pass'));
          return { credential: pass.credential, pass_id: pass.pass_id, public_key: pass.public_key, kind: pass.device.kind, algorithm: key?.algorithm.name ?? null, extractable: key?.extractable ?? null, exported, signature, legacy };
        } finally {
          db.close();
        }
      },
      [accountId, window],
    );
  const storedPass = (page, accountId) => fromPhone(page, accountId);
  /** The QR payload of `window`, signed by the phone's device key. */
  const phonePayload = async (page, accountId, window) => {
    const kept = await fromPhone(page, accountId, window);
    return payloadWithSignature({ credential: kept.credential, window, signature: kept.signature });
  };
  const currentPayload = (page) => page.getByTestId('pass-qr').getAttribute('data-payload');

  /** Scans `code` at the guard's gate through the scanner field and returns the result panel's data. */
  async function scan(guard, code, { via = 'scanner' } = {}) {
    const result = guard.getByTestId('gate-result');
    if (await result.isVisible()) await guard.getByTestId('gate-result-close').click();
    await result.waitFor({ state: 'hidden' });
    if (via === 'scanner') {
      await guard.getByTestId('gate-scanner').fill(code);
      await guard.getByTestId('gate-scanner').press('Enter');
    } else {
      await guard.locator('details.manual summary').click();
      await guard.getByTestId('gate-manual').fill(code);
      await guard.getByTestId('gate-manual-submit').click();
    }
    await result.waitFor();
    return {
      code: await result.getAttribute('data-code'),
      allowed: (await result.getAttribute('data-allowed')) === 'true',
      offline: (await result.getAttribute('data-offline')) === 'true',
      ms: Number(await result.getAttribute('data-ms')),
      reason: await text(guard.getByTestId('gate-reason')),
      name: (await guard.getByTestId('gate-worker-name').count()) ? await text(guard.getByTestId('gate-worker-name')) : null,
    };
  }

  async function openGate(page) {
    await page.getByTestId('tile-scan').click();
    await page.getByTestId('gate-page').waitFor();
    await page.waitForFunction(() => /已同步/.test(document.querySelector('[data-testid="gate-sync-text"]')?.textContent ?? ''));
    await page.waitForFunction(() => (document.querySelector('[data-testid="gate-select"]')?.options.length ?? 0) > 0 && document.querySelector('[data-testid="gate-select"]').value !== '');
  }

  async function forceSync(page) {
    const synced = page.waitForResponse((r) => r.url().includes('/api/v1/gate/sync'));
    await page.getByTestId('gate-sync').click();
    assert.equal((await synced).status(), 200);
  }

  async function setStatusInConsole(officer, name, action, reason) {
    const section = officer.getByTestId('workers-section');
    await section.locator('input[type="search"]').fill(name);
    const answered = officer.waitForResponse((r) => r.url().includes('/api/v1/workers?'));
    await section.locator('form.searchbar button[type="submit"]').click();
    await answered;
    await settled(officer);
    const row = section.locator('[data-testid="workers-table"] tbody tr', { hasText: name });
    await row.getByTestId(`worker-action-${action}`).click();
    const dialog = officer.getByTestId('status-dialog');
    await dialog.waitFor();
    // A reason is required.
    await dialog.getByTestId('status-reason').fill('');
    await dialog.getByTestId('modal-submit').click();
    assert.equal(await text(dialog.getByTestId('modal-error')), '请填写原因');
    await dialog.getByTestId('status-reason').fill(reason);
    const changed = officer.waitForResponse((r) => /\/api\/v1\/workers\/\d+\/status$/.test(r.url()));
    await dialog.getByTestId('modal-submit').click();
    assert.equal((await changed).status(), 200, `POST status ${action}`);
    await dialog.waitFor({ state: 'detached' });
    await settled(officer);
    return row;
  }

  await test('passes: the login page stays light (scanner, QR and crypto code are separate chunks)', async () => {
    const html = await (await fetch(`${base}/`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    const main = await (await fetch(`${base}${script}`)).text();
    assert.ok(main.length < 110_000, `main chunk ${main.length} bytes`);
    for (const marker of ['jsQR', 'YHQ1', 'alphanumeric']) assert.ok(!main.includes(marker), `${marker} is not in the main chunk`);
    const sw = await fetch(`${base}/sw.js`);
    assert.equal(sw.status, 200, 'the service worker is served');
  });

  await test('passes: the login page links to 骑手注册; a rider registers with a photo and lands on 待认证', async () => {
    const page = await newPage(PHONE);
    pages.rider = page;
    await page.goto(`${base}/#/login`);
    await page.getByTestId('register-link').click();
    await page.getByTestId('register-form').waitFor();
    // Options come from GET /register/options; depots follow the platform.
    await page.getByTestId('reg-phone').fill(rider.phone);
    // The phone is proven by a one-time code; the demo server shows it instead of sending an SMS.
    await page.getByTestId('reg-get-code').click();
    await page.getByTestId('reg-code-note').filter({ hasText: /\d{6}/ }).waitFor({ timeout: 10_000 });
    const note = await text(page.getByTestId('reg-code-note'));
    const code = note.match(/(\d{6})/)?.[1];
    assert.ok(code, `the demo shows the code (${note})`);
    assert.match(await text(page.getByTestId('reg-get-code')), /秒后可重发/);
    await page.getByTestId('reg-code').fill(code);
    await page.getByTestId('reg-password').fill(rider.password);
    await page.getByTestId('reg-name').fill(rider.name);
    await page.getByTestId('reg-kind').selectOption('food');
    await page.getByTestId('reg-platform').selectOption('京东');
    const depots = await page.getByTestId('reg-depot').locator('option').allTextContents();
    assert.ok(depots.includes('京东物流中关村站'), `JD depots listed (${depots.join(',')})`);
    assert.ok(depots.every((d, i) => i === 0 || d.includes('京东')), 'only JD depots for JD');
    await page.getByTestId('reg-depot').selectOption({ label: '京东物流中关村站' });
    await page.getByTestId('reg-plate').fill('京A·62035');
    await page.getByTestId('reg-photo').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: facePng() });
    // The convention must be accepted.
    await page.getByTestId('register-submit').click();
    assert.match(await text(page.getByTestId('register-error')), /骑手友好公约/);
    await page.locator('[data-testid="convention"] summary').click();
    assert.match(await text(page.getByTestId('convention')), /进门码只限本人使用/);
    await page.getByTestId('reg-convention').check();
    assert.ok(await page.getByTestId('register-error').isHidden(), 'accepting the convention clears the message');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'register-phone');
    await screenshot(page, 'register-phone-full', { fullPage: true });
    await page.setViewportSize(DESKTOP.viewport);
    await screenshot(page, 'register-desktop');
    await page.setViewportSize(PHONE.viewport);
    const photoUp = page.waitForResponse((r) => r.url().endsWith('/api/v1/workers/me/photo'));
    await page.getByTestId('register-submit').click();
    assert.equal((await photoUp).status(), 204, 'PUT /workers/me/photo');
    await page.getByTestId('home-worker').waitFor();
    await settled(page);
    assert.equal(await text(page.getByTestId('worker-status')), '待认证');
    await page.getByTestId('pending-notice').waitFor();
    assert.ok(await page.getByTestId('tile-entry-pass').isDisabled(), '进门码 waits for verification');
    assert.match(await text(page.getByTestId('tile-entry-pass')), /待认证/);
    const me = await apiIn(page, 'GET', '/api/v1/workers/me');
    assert.equal(me.status, 200);
    assert.equal(me.body.worker.status, 'pending');
    assert.equal(me.body.worker.has_photo, true, 'the photo was stored');
    assert.ok(me.body.worker.convention_signed_at > 0, 'convention signed');
    const account = await apiIn(page, 'GET', '/api/v1/me');
    riderInfo = { workerId: me.body.worker.id, accountId: account.body.account.id };
    await screenshot(page, 'worker-pending-phone');
  });

  await test('passes: demo-community verifies the rider (status filter, reason, history drawer)', async () => {
    assert.ok(riderInfo, 'rider registered');
    const officer = await newPage(DESKTOP);
    pages.officer = officer;
    await loginViaForm(officer, 'demo-community');
    await officer.getByTestId('workers-section').waitFor();
    await settled(officer);
    await officer.getByTestId('status-filter').selectOption('pending');
    await settled(officer);
    const statuses = await officer.locator('[data-testid="workers-table"] [data-testid="worker-status"]').allTextContents();
    assert.ok(statuses.length > 0 && statuses.every((s) => s === '待认证'), `filter shows pending only (${statuses})`);
    const row = await setStatusInConsole(officer, rider.name, 'verified', '身份证、健康证与京东站点花名册核对无误');
    await officer.getByTestId('status-filter').selectOption('');
    await settled(officer);
    const verifiedRow = officer.locator('[data-testid="workers-table"] tbody tr', { hasText: rider.name });
    assert.equal(await text(verifiedRow.getByTestId('worker-status')), '已认证');
    await screenshot(officer, 'officer-workers-desktop');
    await verifiedRow.getByTestId('worker-history').click();
    const drawer = officer.getByTestId('history-drawer');
    await drawer.getByTestId('history-list').waitFor();
    assert.match(await text(drawer), /身份证、健康证与京东站点花名册核对无误/);
    assert.match(await text(drawer), /demo-community/);
    await screenshot(officer, 'worker-history-desktop');
    await drawer.getByTestId('drawer-close').click();
    void row;
  });

  let firstPayload = null;
  await test('passes: the rider opens the pass; the QR is YH1:+base45, alphanumeric, scannable, refreshed per 30 s', async () => {
    const page = pages.rider;
    await visit(page, '#/home');
    await page.getByTestId('home-worker').waitFor();
    await settled(page);
    assert.equal(await text(page.getByTestId('worker-status')), '已认证');
    const issued = page.waitForResponse((r) => r.url().endsWith('/api/v1/passes') && r.request().method() === 'POST');
    await page.getByTestId('tile-entry-pass').click();
    assert.equal((await issued).status(), 201, 'POST /api/v1/passes');
    await page.locator('[data-testid="pass-qr"][data-payload]').waitFor();
    firstPayload = { text: await currentPayload(page), window: Number(await page.getByTestId('pass-qr').getAttribute('data-window')), at: Date.now() };
    assert.match(firstPayload.text, PAYLOAD);
    assert.equal(firstPayload.window, windowNow(), 'the payload is for the current window');
    assert.equal(await text(page.getByTestId('pass-name')), rider.name);
    assert.match(await text(page.getByTestId('pass-platform')), /京东 · 外卖骑手/);
    assert.match(await text(page.getByTestId('pass-expires')), /^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    const stored = await storedPass(page, riderInfo.accountId);
    assert.ok(stored?.credential && stored.pass_id > 0, 'the credential is kept on the phone (IndexedDB)');
    assert.deepEqual([stored.kind, stored.algorithm, stored.extractable, stored.exported], ['webcrypto', 'Ed25519', false, false], 'the device key is a non-extractable WebCrypto key');
    assert.deepEqual(stored.legacy, [], 'nothing of the pass in localStorage');
    // The QR drawn on the canvas decodes back to the payload.
    const pixels = await page.evaluate(() => {
      const c = document.querySelector('[data-testid="pass-qr"] canvas');
      return { w: c.width, h: c.height, data: Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data) };
    });
    const decoded = jsQR(Uint8ClampedArray.from(pixels.data), pixels.w, pixels.h);
    assert.equal(decoded?.data, firstPayload.text, 'the canvas QR decodes to the payload');
    const countdown = Number(await text(page.getByTestId('pass-countdown')));
    assert.ok(countdown >= 1 && countdown <= 30, `countdown ${countdown}`);
    await screenshot(page, 'pass-worker-phone');
  });

  await test('passes: demo-guard scans the pass with the scanner field → 通过 within 300 ms, photo and name, then 小区守卫 lists the rider', async () => {
    const guard = await newPage(TABLET);
    pages.guard = guard;
    await loginViaForm(guard, 'demo-guard');
    await openGate(guard);
    await screenshot(guard, 'gate-tablet');
    const result = await scan(guard, await currentPayload(pages.rider));
    assert.deepEqual([result.allowed, result.code, result.offline], [true, 'pass_ok', false]);
    assert.equal(result.name, rider.name);
    assert.equal(result.reason, '核验通过');
    assert.ok(result.ms <= 300, `result shown in ${result.ms} ms`);
    await guard.locator('[data-testid="gate-result"] img[data-testid="worker-photo"]').waitFor();
    assert.ok(await guard.evaluate(() => document.querySelector('[data-testid="gate-result"] img')?.naturalWidth > 0), 'the rider photo loaded');
    await screenshot(guard, 'gate-green');
    await guard.getByTestId('gate-result-close').click();
    await guard.locator(`[data-testid="gate-inside"] [data-worker-id="${riderInfo.workerId}"]`).waitFor();
    assert.match(await text(guard.getByTestId('gate-events')), new RegExp(rider.name));
    await screenshot(guard, 'gate-guard-tablet');
    // The same screen on a phone.
    await guard.setViewportSize(PHONE.viewport);
    await screenshot(guard, 'gate-phone');
    const again = await scan(guard, await currentPayload(pages.rider), { via: 'manual' });
    assert.equal(again.code, 'pass_ok', 'manual paste works too');
    await screenshot(guard, 'gate-green-phone');
    await guard.getByTestId('gate-result-close').click();
    await guard.setViewportSize(TABLET.viewport);
  });

  await test('passes: no camera or scanner — the guard types the digit code under the rider’s QR → the same 通过 as a scan', async () => {
    const riderPage = pages.rider;
    const guard = pages.guard;
    // Early in a window, so that the code read off the phone is still current when typed.
    await riderPage.waitForFunction(() => Number(document.querySelector('[data-testid="pass-countdown"]')?.textContent) >= 12, null, { timeout: 40_000 });
    const shown = riderPage.getByTestId('pass-digit-code');
    const digits = await shown.getAttribute('data-code');
    assert.match(digits, /^\d{10}$/, `ten digits (${digits})`);
    const passId = Number(await riderPage.getByTestId('pass-card').getAttribute('data-pass-id'));
    assert.equal(digits.slice(0, 4), String(passId % 10_000).padStart(4, '0'), 'the first four digits end the pass number');
    assert.equal((await text(shown)).replace(/\s/g, ''), digits, 'the phone shows them');
    await riderPage.getByTestId('pass-digits').scrollIntoViewIfNeeded();
    await screenshot(riderPage, 'pass-digits-phone');

    await guard.setViewportSize(PHONE.viewport);
    const result = guard.getByTestId('gate-result');
    if (await result.isVisible()) await guard.getByTestId('gate-result-close').click();
    await guard.getByTestId('gate-code-open').click();
    await guard.getByTestId('gate-keypad').waitFor();
    for (const d of digits) await guard.getByTestId(`gate-key-${d}`).click();
    assert.equal(await guard.getByTestId('gate-code-display').getAttribute('data-digits'), digits);
    await guard.getByTestId('gate-keypad').scrollIntoViewIfNeeded();
    await screenshot(guard, 'gate-keypad-phone');
    const verified = guard.waitForResponse((r) => r.url().endsWith('/api/v1/gate/verify'));
    await guard.getByTestId('gate-code-submit').click();
    assert.equal(JSON.parse((await verified).request().postData()).code, digits, 'the digits go to POST /gate/verify');
    await result.waitFor();
    assert.deepEqual([await result.getAttribute('data-allowed'), await result.getAttribute('data-code'), await result.getAttribute('data-offline')], ['true', 'pass_ok', 'false']);
    assert.equal(await text(guard.getByTestId('gate-worker-name')), rider.name);
    assert.equal(await text(guard.getByTestId('gate-reason')), '核验通过');
    await guard.locator('[data-testid="gate-result"] img[data-testid="worker-photo"]').waitFor();
    await screenshot(guard, 'gate-code-green-phone');
    await guard.getByTestId('gate-result-close').click();

    // One digit wrong: the keypad says so and keeps the digits to correct.
    const wrong = digits.slice(0, 9) + String((Number(digits[9]) + 1) % 10);
    for (const d of wrong) await guard.getByTestId(`gate-key-${d}`).click();
    await guard.getByTestId('gate-code-submit').click();
    await guard.getByTestId('gate-code-message').waitFor();
    assert.match(await text(guard.getByTestId('gate-code-message')), /数字码不对.*还可以输错 4 次/);
    assert.equal(await guard.getByTestId('gate-code-display').getAttribute('data-digits'), wrong);
    assert.ok(await result.isHidden(), 'no verdict for a code that names no pass');
    await screenshot(guard, 'gate-code-wrong-phone');
    await guard.getByTestId('gate-key-clear').click();
    await guard.getByTestId('gate-code-open').click();
    assert.ok(await guard.getByTestId('gate-keypad').isHidden(), 'the keypad folds away');
    await guard.setViewportSize(TABLET.viewport);
  });

  await test('passes: camera path — a fake camera (Y4M made from the rider’s QR) is decoded with jsQR → 通过', async () => {
    // Take the QR exactly as the rider's phone draws it, early in a window so it stays valid.
    const rider = pages.rider;
    await rider.waitForFunction(() => Number(document.querySelector('[data-testid="pass-countdown"]')?.textContent) >= 12, null, { timeout: 40_000 });
    const qr = await rider.evaluate(() => {
      const c = document.querySelector('[data-testid="pass-qr"] canvas');
      return { w: c.width, h: c.height, data: Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data), payload: document.querySelector('[data-testid="pass-qr"]').dataset.payload };
    });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'youhao-cam-'));
    const file = path.join(dir, 'qr.y4m');
    writeFileSync(file, y4m(640, 480, centredLuma(qr.data, qr.w, qr.h, 640, 480)));
    const camBrowser = await ctx.launchBrowser(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${file}`]);
    try {
      const guard = await newPage(TABLET, { browser: camBrowser, permissions: ['camera'] });
      await loginViaForm(guard, 'demo-guard');
      await openGate(guard);
      await guard.getByTestId('gate-dir-out').click();
      const verified = guard.waitForResponse((r) => r.url().endsWith('/api/v1/gate/verify'));
      await guard.getByTestId('gate-camera').click();
      const request = (await verified).request();
      assert.equal(JSON.parse(request.postData()).code, qr.payload, 'the camera decoded the rider’s payload');
      assert.equal(JSON.parse(request.postData()).direction, 'out');
      const result = guard.getByTestId('gate-result');
      await result.waitFor();
      assert.equal(await result.getAttribute('data-allowed'), 'true');
      assert.equal(await result.getAttribute('data-code'), 'pass_ok');
      await screenshot(guard, 'gate-camera-green');
      await guard.getByTestId('gate-result-close').click();
      await guard.waitForTimeout(300);
      await screenshot(guard, 'gate-camera-tablet');
      await guard.getByTestId('gate-camera').click(); // stop
      await closePage(guard);
    } finally {
      await camBrowser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  await test('passes: payloads from an old window are refused as pass_stale (screenshots do not work)', async () => {
    const stored = await storedPass(pages.rider, riderInfo.accountId);
    const old = await phonePayload(pages.rider, riderInfo.accountId, windowNow() - 3);
    const result = await scan(pages.guard, old);
    assert.deepEqual([result.allowed, result.code], [false, 'pass_stale']);
    assert.equal(result.reason, '进门码已失效（截图或照片无效，请出示实时码）');
    await screenshot(pages.guard, 'gate-stale');
    // The payload captured when the pass first opened, once its window has passed.
    if (windowNow() - firstPayload.window > 1) {
      assert.equal((await scan(pages.guard, firstPayload.text)).code, 'pass_stale', 'the first payload has gone stale');
    }
    // A future window beyond the tolerance and a forged device signature.
    assert.equal((await scan(pages.guard, await phonePayload(pages.rider, riderInfo.accountId, windowNow() + 3))).code, 'pass_stale');
    const otherKey = Buffer.alloc(32, 9).toString('base64url');
    assert.equal((await scan(pages.guard, payloadFor({ credential: stored.credential, secretKey: otherKey, window: windowNow() }))).code, 'pass_bad_device_signature');
    assert.equal((await scan(pages.guard, 'YH1:NOT A PASS')).code, 'pass_malformed');
    await pages.guard.getByTestId('gate-result-close').click();
  });

  await test('passes: a compound set to 集中放取 (drop_off) refuses entry and shows where the drop-off point is', async () => {
    const officer = pages.officer;
    // Drill down in the area browser: 科源社区 → 华清嘉园小区.
    await visit(officer, '#/home');
    await officer.locator(`[data-testid="child-areas"] a[data-code="${COMPOUND}"]`).click();
    await officer.getByTestId('plan-form').waitFor();
    await settled(officer);
    const form = officer.getByTestId('plan-form');
    assert.ok(await officer.getByTestId('plan-mode-pass').isChecked(), 'the demo plan is 扫码通行');
    const hours = form.getByTestId('hours-editor');
    // The demo's 24/7 reads back into the editor as 24 hours.
    assert.ok(await hours.getByTestId('hours-always').isChecked(), '24/7 shows as 全天24小时开放');
    // Typed as raw text, server-side validation of opening hours is shown by the field.
    await hours.getByTestId('hours-raw-toggle').click();
    await officer.getByTestId('plan-hours').fill('每天早上');
    await officer.getByTestId('plan-save').click();
    await officer.getByTestId('plan-hours-error').waitFor();
    assert.match(await text(officer.getByTestId('plan-hours-error')), /填写的内容不符合要求：.+/, 'the server’s reason is shown by the field');
    await screenshot(officer, 'access-plan-error-desktop');
    // Such text cannot go back to the choices; staff start them afresh.
    await hours.getByTestId('hours-raw-toggle').click();
    assert.match(await text(hours.getByTestId('hours-raw-note')), /不是有效的规则/);
    await hours.getByTestId('hours-restart').click();

    // Staff build "Mo-Fr 08:00-20:00; PH off" with the editor: weekdays, a time range, holidays closed.
    await hours.getByTestId('hours-always').uncheck();
    await hours.getByTestId('hours-quick-weekdays').click();
    const pressed = await hours.locator('[data-testid="hours-day"][aria-pressed="true"]').evaluateAll((days) => days.map((d) => Number(d.dataset.day)));
    assert.deepEqual(pressed, [0, 1, 2, 3, 4], '一 to 五 are chosen');
    await hours.getByTestId('hours-from').fill('08:00');
    await hours.getByTestId('hours-to').fill('20:00');
    await hours.getByTestId('hours-holiday-closed').click();
    assert.equal(await text(hours.getByTestId('hours-osm')), 'Mo-Fr 08:00-20:00; PH off');
    assert.equal(await text(hours.getByTestId('hours-preview')), '周一至周五 08:00-20:00；法定节假日不开放');
    await hours.scrollIntoViewIfNeeded();
    await screenshot(officer, 'access-plan-hours-editor-desktop');
    await officer.setViewportSize(PHONE.viewport);
    await hours.scrollIntoViewIfNeeded();
    await screenshot(officer, 'access-plan-hours-editor-phone');
    await officer.setViewportSize(DESKTOP.viewport);
    const weekdays = officer.waitForResponse((r) => r.url().endsWith(`/compounds/${COMPOUND}/access-plan`) && r.request().method() === 'PUT');
    await officer.getByTestId('plan-save').click();
    const weekdaysResponse = await weekdays;
    assert.equal(weekdaysResponse.status(), 200, await weekdaysResponse.text());
    assert.equal(weekdaysResponse.request().postDataJSON().opening_hours, 'Mo-Fr 08:00-20:00; PH off');
    await officer.getByTestId('plan-saved').waitFor();
    // The saved plan reads back into the same choices, and the history says it in words.
    const reread = form.getByTestId('hours-editor');
    assert.equal(await reread.getAttribute('data-mode'), 'editor');
    assert.equal(await reread.getByTestId('hours-holiday-closed').getAttribute('aria-pressed'), 'true');
    assert.equal(await text(reread.getByTestId('hours-osm')), 'Mo-Fr 08:00-20:00; PH off');
    await officer.locator('[data-testid="plan-history"] li').nth(1).waitFor();
    await officer.locator('[data-testid="plan-history"] li').first().locator('summary').click();
    assert.match(await text(officer.locator('[data-testid="plan-history"] li').first()), /周一至周五 08:00-20:00；法定节假日不开放/);

    // Open all day again, so that the scans below do not depend on the hour the test runs at.
    await reread.getByTestId('hours-always').check();
    assert.equal(await text(reread.getByTestId('hours-osm')), '24/7');
    await officer.getByTestId('plan-mode-drop_off').check();
    await officer.getByTestId('plan-add-point').click();
    await form.getByTestId('plan-point-name').last().fill('北门快递柜');
    await form.getByTestId('plan-point-description').last().fill('北门岗亭东侧，24小时可取');
    const saved = officer.waitForResponse((r) => r.url().endsWith(`/compounds/${COMPOUND}/access-plan`) && r.request().method() === 'PUT');
    await officer.getByTestId('plan-save').click();
    assert.equal((await saved).status(), 200);
    await officer.getByTestId('plan-saved').waitFor();
    await officer.locator('[data-testid="plan-history"] li').nth(2).waitFor();
    await officer.evaluate(() => window.scrollTo(0, 0));
    await screenshot(officer, 'access-plan-desktop', { fullPage: true });

    await forceSync(pages.guard);
    const result = await scan(pages.guard, await currentPayload(pages.rider));
    assert.deepEqual([result.allowed, result.code], [false, 'drop_off_only']);
    assert.match(result.reason, /^本小区不允许进入，请将订单放在：北门快递柜/);
    assert.match(await text(pages.guard.getByTestId('gate-dropoff')), /北门快递柜.*北门岗亭东侧/);
    await screenshot(pages.guard, 'gate-dropoff');
    await pages.guard.getByTestId('gate-result-close').click();
    // Offline the gate says the same, from the plan it synced.
    await pages.guard.context().setOffline(true);
    const offline = await scan(pages.guard, await currentPayload(pages.rider));
    assert.deepEqual([offline.code, offline.reason, offline.offline], [result.code, result.reason, true], 'offline decision matches the server');
    await pages.guard.getByTestId('gate-result-close').click();
    await pages.guard.context().setOffline(false);
    await pages.guard.waitForFunction(() => document.querySelector('[data-testid="gate-queue-count"]')?.dataset.count === '0');

    // Back to 扫码通行 for the rest of the story.
    await officer.getByTestId('plan-mode-pass').check();
    const restored = officer.waitForResponse((r) => r.url().endsWith(`/compounds/${COMPOUND}/access-plan`) && r.request().method() === 'PUT');
    await officer.getByTestId('plan-save').click();
    assert.equal((await restored).status(), 200);
    await officer.getByTestId('plan-saved').waitFor();
    const history = await apiIn(officer, 'GET', `/api/v1/compounds/${COMPOUND}/access-plan/history`);
    assert.ok(history.body.items.length >= 4, 'four versions in the history');
    await forceSync(pages.guard);
  });

  await test('passes: the whitelist — find the rider by name or phone, add with one tap, list, CSV download, remove', async () => {
    const officer = pages.officer;
    const section = officer.getByTestId('whitelist-section');
    // Part of the name finds the rider, shown with the masked phone and platform, never an id to type.
    await section.getByTestId('whitelist-search').fill(rider.name.slice(0, 2));
    const candidate = section.locator(`[data-testid="whitelist-candidate"][data-worker-id="${riderInfo.workerId}"]`);
    await candidate.waitFor();
    assert.match(await text(candidate), new RegExp(`${rider.name}.*${rider.phone.slice(0, 3)}\\*{4}${rider.phone.slice(-4)}.*京东`));
    assert.ok(!(await text(candidate)).includes(rider.phone), 'the phone is masked');
    // Part of a phone number is not searched: it asks for all 11 digits.
    await section.getByTestId('whitelist-search').fill(rider.phone.slice(0, 7));
    await section.getByTestId('whitelist-phone-whole').waitFor();
    // The whole number finds exactly the rider; one tap adds them.
    await section.getByTestId('whitelist-search').fill(rider.phone);
    await candidate.waitFor();
    assert.equal(await section.getByTestId('whitelist-candidate').count(), 1);
    await officer.getByTestId('whitelist-section').scrollIntoViewIfNeeded();
    await screenshot(officer, 'whitelist-search-desktop');
    await candidate.getByTestId(`whitelist-add-${riderInfo.workerId}`).click();
    await candidate.getByTestId(`whitelist-listed-${riderInfo.workerId}`).waitFor();
    await section.locator('[data-testid="whitelist-table"]', { hasText: rider.name }).waitFor();
    const csv = await apiIn(officer, 'GET', await section.getByTestId('whitelist-csv').getAttribute('href'));
    assert.equal(csv.status, 200);
    assert.match(csv.body, new RegExp(`^worker_id,[^\\n]*\\n${riderInfo.workerId},`), 'the CSV lists the rider');
    await officer.getByTestId('whitelist-section').scrollIntoViewIfNeeded();
    await screenshot(officer, 'whitelist-desktop');
    await section.getByTestId(`whitelist-remove-${riderInfo.workerId}`).click();
    await section.locator('[data-testid="whitelist-table"]', { hasText: rider.name }).waitFor({ state: 'detached' });
  });

  await test('passes: the officer revokes the rider; after a sync the gate refuses them (worker_revoked)', async () => {
    const officer = pages.officer;
    await visit(officer, '#/home');
    await officer.getByTestId('workers-section').waitFor();
    await settled(officer);
    const revokedAt = Date.now();
    await setStatusInConsole(officer, rider.name, 'revoked', '多次违规逆行，经约谈后撤销');
    await forceSync(pages.guard);
    const result = await scan(pages.guard, await currentPayload(pages.rider));
    assert.deepEqual([result.allowed, result.code, result.reason], [false, 'worker_revoked', '骑手资格已被撤销']);
    assert.ok(Date.now() - revokedAt < 60_000, 'refused within 60 s of the revocation');
    await screenshot(pages.guard, 'gate-red');
    await pages.guard.getByTestId('gate-result-close').click();
    const known = await pages.guard.evaluate((c) => JSON.parse(localStorage.getItem(`youhao.gate.data.${c}`)).revoked_workers, COMPOUND);
    assert.ok(known.includes(riderInfo.workerId), 'the gate knows the revocation (synced)');
  });

  await test('passes: offline — a valid pass is let in and the revoked one refused from synced data; both queued, uploaded once back online', async () => {
    const guard = pages.guard;
    // demo-worker (张小哥) opens their pass on another phone.
    const other = await newPage(PHONE);
    pages.demoWorker = other;
    await loginViaForm(other, 'demo-worker');
    await visit(other, '#/pass');
    await other.locator('[data-testid="pass-qr"][data-payload]').waitFor();
    // Both pages have the service worker in control, so they reload without a network.
    for (const p of [guard, other]) await p.waitForFunction(() => !!navigator.serviceWorker?.controller, null, { timeout: 20_000 });

    // The rider's phone offline: the pass page reloads and still shows a live code.
    await other.context().setOffline(true);
    await other.reload();
    await other.locator('[data-testid="pass-qr"][data-payload]').waitFor();
    assert.match(await currentPayload(other), PAYLOAD);
    await other.getByTestId('offline-banner').waitFor();
    await screenshot(other, 'pass-offline-phone');
    await other.context().setOffline(false);

    await guard.context().setOffline(true);
    await guard.waitForFunction(() => document.querySelector('[data-testid="gate-net"]')?.textContent === '离线');
    const before = Number(await guard.getByTestId('gate-queue-count').getAttribute('data-count'));
    const ok = await scan(guard, await currentPayload(other));
    assert.deepEqual([ok.allowed, ok.code, ok.offline], [true, 'pass_ok', true], 'valid pass accepted offline');
    assert.equal(ok.name, '张小哥');
    assert.ok(ok.ms <= 300, `offline decision in ${ok.ms} ms`);
    await guard.getByTestId('gate-offline-tag').waitFor();
    await screenshot(guard, 'gate-offline');
    const bad = await scan(guard, await phonePayload(pages.rider, riderInfo.accountId, windowNow()));
    assert.deepEqual([bad.allowed, bad.code, bad.offline], [false, 'worker_revoked', true], 'revoked rider refused offline');
    await screenshot(guard, 'gate-offline-red');
    await guard.getByTestId('gate-result-close').click();
    const queued = await guard.evaluate(() => JSON.parse(localStorage.getItem('youhao.gate.queue') ?? '[]'));
    assert.equal(queued.length, before + 2, 'two scans queued');
    assert.equal(await guard.getByTestId('gate-queue-count').getAttribute('data-count'), String(before + 2));
    await guard.waitForFunction((n) => document.querySelectorAll('[data-testid="queued-event"]').length === n, before + 2);
    await screenshot(guard, 'gate-offline-queue');
    // A reload while offline: the shell comes from the service worker, the account and the gate's
    // data and queue from local storage.
    await guard.reload();
    await guard.getByTestId('gate-page').waitFor();
    assert.equal(await guard.getByTestId('gate-queue-count').getAttribute('data-count'), String(before + 2), 'the queue survives a reload');
    assert.equal((await scan(guard, await currentPayload(other))).code, 'pass_ok', 'still decides offline after a reload');
    await guard.getByTestId('gate-result-close').click();
    const queuedAll = await guard.evaluate(() => JSON.parse(localStorage.getItem('youhao.gate.queue') ?? '[]'));
    assert.equal(queuedAll.length, before + 3);
    queued.push(queuedAll[queuedAll.length - 1]);

    const uploaded = guard.waitForResponse((r) => r.url().endsWith('/api/v1/gate/events') && r.request().method() === 'POST');
    await guard.context().setOffline(false);
    const answer = await uploaded;
    assert.equal(answer.status(), 200);
    const counts = await answer.json();
    assert.equal(counts.verified + counts.unverified, counts.accepted, JSON.stringify(counts));
    // Each queued scan carries the code the gate read: the evidence the server verifies.
    for (const q of queued) assert.match(String(q.scanned), PAYLOAD, `queued ${q.code} keeps its code`);
    await guard.waitForFunction(() => document.querySelector('[data-testid="gate-queue-count"]')?.dataset.count === '0');
    // Uploading the same events again changes nothing (idempotent by client_event_id).
    const replay = await apiIn(guard, 'POST', '/api/v1/gate/events', { events: queued.map(({ name, ...event }) => event) });
    assert.equal(replay.status, 200);
    assert.deepEqual(replay.body, { accepted: 0, duplicates: queued.length, verified: 0, unverified: 0 });
    const events = await apiIn(guard, 'GET', `/api/v1/gate/events?compound=${COMPOUND}&limit=100`);
    const offline = events.body.items.filter((e) => e.source === 'offline');
    // Two scans of one worker may share a second: compare how many of each kind were queued
    // with how many were stored.
    const key = (e) => `${e.worker_id}|${e.at}|${e.code}`;
    for (const q of queued) {
      const expected = queued.filter((x) => key(x) === key(q)).length;
      const matches = offline.filter((e) => key(e) === key(q));
      assert.equal(matches.length, expected, `queued ${q.code} for worker ${q.worker_id} stored exactly once`);
    }
    // Genuine codes, refused or not: every scan of this test is stored as a verified visit.
    for (const q of queued.slice(-3)) {
      assert.ok(offline.some((e) => key(e) === key(q) && e.evidence === 'verified'), `queued ${q.code} verified: ${JSON.stringify(offline.filter((e) => key(e) === key(q)))}`);
    }
    await guard.locator('[data-testid="gate-events"] [data-code="worker_revoked"]').first().waitFor();
    await screenshot(guard, 'gate-after-upload');
  });

  await test('passes: after an entry the rider rates the compound (stars, 门难进/脸难看, comment); officers see the score', async () => {
    const page = pages.demoWorker;
    await visit(page, '#/home');
    await page.getByTestId('tile-rate').click();
    await page.getByTestId('rate-page').waitFor();
    await page.locator('[data-testid="rate-picker"] input[type="search"]').fill('华清');
    await page.locator('[data-testid="rate-picker"] form button[type="submit"]').click();
    await page.locator(`[data-testid="rate-pick"][data-code="${COMPOUND}"]`).click();
    await page.getByTestId('rate-star-4').click();
    await page.getByTestId('rate-unfair').check();
    await page.getByTestId('rate-comment').fill('北门保安让登记半天，但扫码后放行很快');
    await screenshot(page, 'rate-phone');
    await page.getByTestId('rate-submit').click();
    await page.getByTestId('rate-done').waitFor();
    const officer = pages.officer;
    await visit(officer, `#/areas/${COMPOUND}`);
    await officer.getByTestId('friendliness-score').waitFor();
    await settled(officer);
    // One rider's rating is not enough to rank a compound: no score until three riders rated.
    assert.match(await text(officer.getByTestId('friendliness-score')), /^—/);
    assert.match(await text(officer.getByTestId('friendliness-not-enough')), /不足 3 位骑手评价/);
    assert.match(await text(officer.getByTestId('friendliness-comments')), /北门保安让登记半天/);
    await officer.getByTestId('friendliness-section').scrollIntoViewIfNeeded();
    await screenshot(officer, 'friendliness-desktop');
    await officer.setViewportSize(PHONE.viewport);
    await officer.getByTestId('plan-section').scrollIntoViewIfNeeded();
    await screenshot(officer, 'access-plan-phone');
    await officer.setViewportSize(DESKTOP.viewport);
  });

  await test('passes: roster import verifies matching pending riders and reports unmatched rows', async () => {
    // A second rider registers (no browser needed) and waits for verification.
    const phone = `137${stamp}`;
    const sent = await (await fetch(`${base}/api/v1/register/code`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ phone }),
    })).json();
    const response = await fetch(`${base}/api/v1/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ phone, password: 'rider-pass-2024', name: '周花名', kind: 'parcel', platform: '京东', depot_id: await depotId('京东物流中关村站'), plate: '', convention_accepted: true, code: sent.demo_code }),
    });
    assert.equal(response.status, 201);
    const officer = pages.officer;
    await visit(officer, '#/home');
    await officer.getByTestId('workers-section').waitFor();
    await officer.locator('[data-testid="roster"] summary').click();
    const csv = `phone,name,platform,depot\n${phone},周花名,京东,京东物流中关村站\n13000000000,不存在,美团,美团外卖中关村站\n`;
    await officer.getByTestId('roster-file').setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const imported = officer.waitForResponse((r) => r.url().endsWith('/api/v1/workers/roster'));
    await officer.getByTestId('roster-submit').click();
    assert.equal((await imported).status(), 200);
    await officer.getByTestId('roster-verified').waitFor();
    assert.equal(await text(officer.getByTestId('roster-rows')), '2');
    assert.equal(await text(officer.getByTestId('roster-verified')), '1');
    assert.equal(await officer.locator('[data-testid="roster-unmatched"] tbody tr').count(), 1);
    await officer.getByTestId('roster').scrollIntoViewIfNeeded();
    await screenshot(officer, 'roster-desktop');
  });

  await test('passes: the property manager opens 通行方案 from the compound home', async () => {
    const page = await newPage(PHONE);
    await loginViaForm(page, 'demo-property');
    await page.getByTestId('tile-access-plan').click();
    await page.getByTestId('compound-admin').waitFor();
    await page.getByTestId('plan-form').waitFor();
    await settled(page);
    assert.equal(await text(page.getByTestId('console-area')), '华清嘉园小区');
    assert.ok(await page.getByTestId('plan-save').isVisible(), 'the property manager may edit the plan');
    assert.ok(await page.getByTestId('plan-history').isVisible(), 'and sees its history');
    await screenshot(page, 'access-plan-property-phone');
    await closePage(page);
  });

  await test('passes: the revoked rider’s pass page says the pass is unavailable', async () => {
    const page = pages.rider;
    await visit(page, '#/pass');
    await page.locator('[data-testid="pass-page"] .pass-blocked').waitFor();
    assert.match(await text(page.getByTestId('pass-status')), /已撤销/);
    await screenshot(page, 'pass-revoked-phone');
  });

  await test('passes: a rider signs in with an SMS code instead of a password (the demo shows the code)', async () => {
    const page = await newPage(PHONE);
    await page.goto(`${base}/#/login`);
    await page.getByTestId('login-form').waitFor();
    await page.getByTestId('login-by-code').click();
    await page.getByTestId('login-input').fill('13800138000'); // 张小哥 (demo-worker)'s phone
    await page.getByTestId('login-get-code').click();
    // The note is filled when the server has answered.
    await page.getByTestId('login-code-note').filter({ hasText: /\d{6}/ }).waitFor({ timeout: 10_000 });
    const note = await text(page.getByTestId('login-code-note'));
    const code = note.match(/(\d{6})/)?.[1];
    assert.ok(code, `the demo shows the code (${note})`);
    await page.getByTestId('login-code').fill(code);
    await screenshot(page, 'login-by-code-phone');
    await page.getByTestId('login-submit').click();
    await page.waitForFunction(() => !location.hash.startsWith('#/login'));
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
    assert.equal(me.account.login, 'demo-worker');
    await closePage(page);
  });

  await test('passes: a device key an older version kept in localStorage moves into IndexedDB as non-extractable on the first load', async () => {
    const page = await newPage(PHONE);
    await loginViaForm(page, 'demo-worker');
    const account = (await apiIn(page, 'GET', '/api/v1/me')).body.account;
    // What an older version kept: the raw Ed25519 seed in localStorage, with a credential bound to it.
    const seed = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
    const issued = await apiIn(page, 'POST', '/api/v1/passes', { device_public_key: seed.x });
    assert.equal(issued.status, 201, JSON.stringify(issued.body));
    const old = { account_id: account.id, secret_key: seed.d, public_key: seed.x, credential: issued.body.credential, pass_id: issued.body.pass_id, key_id: issued.body.key_id, expires_at: issued.body.expires_at };
    await page.evaluate(([id, record]) => localStorage.setItem(`youhao.pass.${id}`, JSON.stringify(record)), [account.id, old]);
    await visit(page, '#/pass');
    await page.locator('[data-testid="pass-qr"][data-payload]').waitFor();
    const shown = await page.evaluate(() => {
      const qr = document.querySelector('[data-testid="pass-qr"]');
      return { payload: qr.dataset.payload, window: Number(qr.dataset.window) };
    });
    const stored = await storedPass(page, account.id);
    assert.equal(stored.pass_id, issued.body.pass_id, 'the same pass, not a new one');
    assert.deepEqual([stored.kind, stored.extractable, stored.exported], ['webcrypto', false, false], 'imported as non-extractable');
    assert.deepEqual(stored.legacy, [], 'the old copy is gone from localStorage');
    // A pass from before digit codes has no secret for them: the page says they come with the next pass.
    await page.getByTestId('pass-digits-later').waitFor();
    // The imported key signs as the seed did (Ed25519 is deterministic), and the gate lets it in.
    assert.equal(shown.payload, payloadFor({ credential: old.credential, secretKey: seed.d, window: shown.window }));
    const result = await scan(pages.guard, shown.payload);
    assert.deepEqual([result.allowed, result.code], [true, 'pass_ok'], 'the moved key opens the gate');
    await pages.guard.getByTestId('gate-result-close').click();
    await closePage(page);
  });

  async function depotId(name) {
    const options = await (await fetch(`${base}/api/v1/register/options`)).json();
    return options.depots.find((d) => d.name === name).id;
  }

  for (const page of Object.values(pages)) await closePage(page).catch((e) => console.log(`    (closing: ${e.message})`));
  void COMMUNITY;
  void PASSWORD;
}
