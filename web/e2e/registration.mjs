// Registration that explains itself, end to end (called from e2e/run.mjs; E2E_SUITE=registration
// runs only this), on phone-sized screens:
// (a) a rider registers: the depot suggests the community that verifies them (科源社区), a plate of
//     no known shape is refused in Chinese, a new-energy plate is accepted; the pending screen names
//     the verifier (科源社区工作人员), the usual wait and a station to call;
// (b) demo-community's home shows the riders waiting; one tap opens the inbox (oldest first); the
//     verify dialog shows the rider's photo, plate and masked phone; approving tells the rider;
// (c) the rider's home shows the approval and the bell has the notice;
// (d) a second rider (registered through the API) is refused from the inbox with a reason, and sees
//     the reason on their home screen.
// Screenshots: <repo>/build/screenshots/registration-*.png.

import assert from 'node:assert/strict';
import { facePng } from './passkit.mjs';
import { apiIn } from './page_api.mjs';

const MASKED_PHONE = /^1\d\d\*\*\*\*\d{4}$/;

export async function registrationSuite(ctx) {
  const { base, test, newPage, closePage, settled, screenshot, loginViaForm, text, PHONE } = ctx;
  const stamp = String(Date.now()).slice(-8);
  const rider = { phone: `136${stamp}`, password: 'rider-pass-2024', name: `陈${'安宁静远'[Number(stamp) % 4]}审` };
  const refused = { phone: `135${stamp}`, password: 'rider-pass-2024', name: `许${'安宁静远'[Number(stamp) % 4]}拒` };
  const pages = {};

  /** Pages through #/riders/waiting (oldest first) until `name` is listed; returns its item. */
  async function findWaiting(officer, name) {
    for (let page = 0; page < 30; page++) {
      await officer.getByTestId('waiting-section').waitFor();
      await settled(officer);
      const item = officer.locator('[data-testid="waiting-item"]', { hasText: name });
      if ((await item.count()) > 0) return item;
      const next = officer.locator('[data-testid="waiting-section"] .pager button').last();
      assert.ok((await next.count()) > 0 && (await next.isEnabled()), `${name} is in the inbox`);
      await next.click();
    }
    throw new Error(`${name} not found in the inbox`);
  }

  await test('registration (a): the depot suggests the verifying community; a bad plate is refused in Chinese; the pending screen explains', async () => {
    const page = await newPage(PHONE);
    pages.rider = page;
    await page.goto(`${base}/#/register`);
    await page.getByTestId('register-form').waitFor();
    await page.getByTestId('reg-phone').fill(rider.phone);
    await page.getByTestId('reg-get-code').click();
    await page.getByTestId('reg-code-note').filter({ hasText: /\d{6}/ }).waitFor({ timeout: 10_000 });
    const code = (await text(page.getByTestId('reg-code-note'))).match(/(\d{6})/)?.[1];
    assert.ok(code, 'the demo shows the code');
    await page.getByTestId('reg-code').fill(code);
    await page.getByTestId('reg-password').fill(rider.password);
    await page.getByTestId('reg-name').fill(rider.name);
    await page.getByTestId('reg-kind').selectOption('food');
    await page.getByTestId('reg-platform').selectOption('京东');
    const communities = page.waitForResponse((r) => r.url().includes('/api/v1/register/communities'));
    await page.getByTestId('reg-depot').selectOption({ label: '京东物流中关村站' });
    assert.equal((await communities).status(), 200);
    const community = page.getByTestId('reg-community');
    await page.waitForFunction(() => !document.querySelector('[data-testid="reg-community"]')?.disabled);
    const suggested = await community.evaluate((select) => select.selectedOptions[0]?.textContent ?? '');
    assert.match(suggested, /^科源社区（.*推荐）$/, `the depot's community is suggested: ${suggested}`);
    assert.ok((await community.locator('option').count()) > 1, 'other communities nearby can be chosen');
    // A search by name finds other communities; the suggestion comes back with the depot.
    await page.getByTestId('reg-community-q').fill('科源');
    await page.getByTestId('reg-community-search').click();
    await page.waitForFunction(() => /科源/.test(document.querySelector('[data-testid="reg-community"]')?.selectedOptions[0]?.textContent ?? '') && !document.querySelector('[data-testid="reg-community"]')?.disabled);
    await page.getByTestId('reg-plate').fill('京A12');
    await page.getByTestId('reg-photo').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: facePng() });
    await page.getByTestId('reg-convention').check();
    await page.getByTestId('register-submit').click();
    const error = page.getByTestId('register-error');
    await error.waitFor();
    assert.match(await text(error), /车牌号格式不对/);
    await page.getByTestId('reg-plate').fill('京a d12345');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'registration-form-phone', { fullPage: true });
    const photoUp = page.waitForResponse((r) => r.url().endsWith('/api/v1/workers/me/photo'));
    await page.getByTestId('register-submit').click();
    assert.equal((await photoUp).status(), 204);
    await page.getByTestId('pending-notice').waitFor();
    await page.getByTestId('pending-verifier').waitFor();
    assert.equal(await text(page.getByTestId('pending-verifier')), '科源社区工作人员');
    assert.match(await text(page.getByTestId('pending-wait')), /小时|工作日/);
    assert.match(await text(page.getByTestId('pending-contact')), /华清嘉园暖心驿站/);
    assert.equal(await page.getByTestId('pending-call').getAttribute('href'), 'tel:01062284001');
    const box = await page.getByTestId('pending-call').boundingBox();
    assert.ok(box && box.height >= 44, `the call button is a big target (${box?.height})`);
    const me = await apiIn(page, 'GET', '/api/v1/workers/me');
    assert.equal(me.body.worker.area_code, '110108011001');
    assert.equal(me.body.worker.plate, '京A·D12345', 'the plate in one spelling');
    await screenshot(page, 'registration-pending-phone', { fullPage: true });
  });

  await test('registration (b): the officer sees riders waiting, opens the inbox in one tap, and verifies with photo, plate and masked phone', async () => {
    const officer = await newPage(PHONE);
    pages.officer = officer;
    await loginViaForm(officer, 'demo-community');
    const card = officer.getByTestId('waiting-card');
    await card.waitFor();
    const waiting = Number(await card.getAttribute('data-count'));
    assert.ok(waiting >= 1, `riders waiting: ${waiting}`);
    assert.equal(await text(officer.getByTestId('waiting-count')), String(waiting));
    const cardBox = await card.boundingBox();
    assert.ok(cardBox && cardBox.height >= 44, 'the waiting card is a big target');
    await screenshot(officer, 'registration-officer-home-phone');
    await card.click();
    await officer.waitForURL(/#\/riders\/waiting$/);
    const item = await findWaiting(officer, rider.name);
    await item.scrollIntoViewIfNeeded();
    await screenshot(officer, 'registration-inbox-phone');
    const stamps = await officer.locator('[data-testid="waiting-waited"]').allTextContents();
    assert.ok(stamps.length > 0 && stamps.every((s) => /已等/.test(s)), `how long each has waited: ${stamps.slice(0, 3)}`);

    await item.getByTestId('waiting-approve').click();
    const dialog = officer.getByTestId('status-dialog');
    await dialog.waitFor();
    const photo = dialog.getByTestId('verify-photo');
    await photo.waitFor();
    await officer.waitForFunction(() => {
      const img = document.querySelector('[data-testid="status-dialog"] [data-testid="verify-photo"]');
      return img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0;
    });
    assert.equal(await text(dialog.getByTestId('verify-plate')), '京A·D12345');
    assert.match(await text(dialog.getByTestId('verify-phone')), MASKED_PHONE);
    assert.ok(!(await text(dialog)).includes(rider.phone), 'the full phone is not shown');
    await screenshot(officer, 'registration-verify-dialog-phone');
    const changed = officer.waitForResponse((r) => /\/api\/v1\/workers\/\d+\/status$/.test(r.url()));
    await dialog.getByTestId('modal-submit').click();
    assert.equal((await changed).status(), 200);
    await dialog.waitFor({ state: 'detached' });
    await settled(officer);
    assert.equal(await officer.locator('[data-testid="waiting-item"]', { hasText: rider.name }).count(), 0, 'verified riders leave the inbox');
  });

  await test('registration (c): the rider sees the approval on the home screen and in the bell', async () => {
    const page = pages.rider;
    await page.goto('about:blank');
    await page.goto(`${base}/#/home`);
    const outcome = page.getByTestId('outcome-notice');
    await outcome.waitFor();
    assert.equal(await outcome.getAttribute('data-outcome'), 'verified');
    assert.match(await text(outcome), /认证已通过/);
    assert.match(await text(outcome), /科源社区工作人员已审核通过/);
    assert.equal(await page.getByTestId('tile-entry-pass').getAttribute('href'), '#/pass', 'the entry pass is live');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="notify-bell"]')?.dataset.unread ?? 0) > 0);
    await screenshot(page, 'registration-approved-phone');
    await page.getByTestId('notify-bell').click();
    const told = page.locator('[data-testid="notify-item"][data-kind="worker_verified"]');
    await told.first().waitFor();
    assert.match(await text(told.first()), /骑手认证已通过（科源社区）/);
    await screenshot(page, 'registration-notice-phone');
  });

  await test('registration (d): a rider refused from the inbox sees why on the home screen', async () => {
    const sent = await (await fetch(`${base}/api/v1/register/code`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ phone: refused.phone }) })).json();
    const options = await (await fetch(`${base}/api/v1/register/options`)).json();
    const depot = options.depots.find((d) => d.name === '京东物流中关村站');
    const registered = await fetch(`${base}/api/v1/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ phone: refused.phone, password: refused.password, name: refused.name, kind: 'parcel', platform: '京东', depot_id: depot.id, community_code: '110108011001', plate: '', convention_accepted: true, code: sent.demo_code }),
    });
    assert.equal(registered.status, 201);

    const officer = pages.officer;
    await officer.goto('about:blank');
    await officer.goto(`${base}/#/riders/waiting`);
    const item = await findWaiting(officer, refused.name);
    await item.getByTestId('waiting-refuse').click();
    const dialog = officer.getByTestId('status-dialog');
    await dialog.waitFor();
    assert.equal(await text(dialog.getByTestId('verify-plate')), '未填写');
    await dialog.getByTestId('verify-photo-missing').waitFor();
    await dialog.getByTestId('status-reason').fill('未上传本人照片，请补充后联系社区');
    const changed = officer.waitForResponse((r) => /\/api\/v1\/workers\/\d+\/status$/.test(r.url()));
    await dialog.getByTestId('modal-submit').click();
    assert.equal((await changed).status(), 200);
    await dialog.waitFor({ state: 'detached' });

    const page = await newPage(PHONE);
    pages.refused = page;
    await loginViaForm(page, refused.phone, refused.password);
    const outcome = page.getByTestId('outcome-notice');
    await outcome.waitFor();
    assert.equal(await outcome.getAttribute('data-outcome'), 'refused');
    assert.equal(await text(page.getByTestId('outcome-reason')), '原因：未上传本人照片，请补充后联系社区');
    assert.match(await text(outcome), /华清嘉园暖心驿站/);
    await screenshot(page, 'registration-refused-phone', { fullPage: true });
  });

  for (const page of Object.values(pages)) await closePage(page).catch((e) => console.log(`    (closing: ${e.message})`));
}
