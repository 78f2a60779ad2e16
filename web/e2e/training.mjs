// Training and certificates end to end, called from e2e/run.mjs (E2E_SUITE=training runs only this):
// (a) demo-worker (张小哥), on a phone, opens 我的培训与证书 (#/training/mine): the demo's 心肺复苏与急救培训
//     certificate (signed at server start) says 有效, offers 下载证书 PDF, and 出示二维码 draws its QR with
//     the signed text;
// (b) anyone, without signing in, opens 证书验真 (#/certificates/verify) and pastes that text: 有效;
//     an altered text: 无效; then offline (the keys cached on the device): the same text is still 有效
//     with the offline note and badge, and the altered one 无效.
// (c) demo-union opens 培训管理 (#/training): the demo courses, and a past session's attendees with
//     通过/未通过 (demo-worker already 通过).
// Screenshots: <repo>/build/screenshots/e2e-training-mine.png, e2e-training-verify.png,
// e2e-training-verify-offline.png (phone), e2e-training-admin.png (phone).

import assert from 'node:assert/strict';

export async function trainingSuite(ctx) {
  const { base, test, newPage, closePage, settled, screenshot, loginViaForm, text, PHONE } = ctx;
  const state = { qr: '' };

  await test('training (a): demo-worker sees the certificate in 我的培训 with its QR', async () => {
    const page = await newPage(PHONE);
    await loginViaForm(page, 'demo-worker');
    await page.goto(`${base}/#/training/mine`);
    await page.getByTestId('training-mine').waitFor();
    await settled(page);
    const card = page.getByTestId('certificate').filter({ hasText: '心肺复苏与急救培训' }).first();
    await card.waitFor();
    assert.match(await text(card), /有效/);
    assert.match(await text(card), /培训合格证书/);
    assert.equal(await card.getByTestId('certificate-pdf').count(), 1, '下载证书 PDF');
    await card.getByTestId('certificate-show-qr').click();
    await card.locator('canvas').waitFor();
    state.qr = (await text(card.getByTestId('certificate-qr-text'))).trim();
    assert.match(state.qr, /^YHC1:/);
    assert.ok((await page.getByTestId('training-record').count()) >= 2, 'the two demo trainings');
    await screenshot(page, 'e2e-training-mine');
    await closePage(page);
  });

  await test('training (b): the verify page says 有效 for the QR text and 无效 for an altered one, also offline', async () => {
    assert.ok(state.qr, 'the QR text of (a)');
    const at = 12;
    const swap = state.qr[at] === 'A' ? 'B' : 'A';
    const altered = state.qr.slice(0, at) + swap + state.qr.slice(at + 1);
    const page = await newPage(PHONE);
    await page.goto(`${base}/#/certificates/verify`);
    await page.getByTestId('verify-page').waitFor();
    await settled(page);
    const check = async (value, expected) => {
      await page.getByTestId('verify-text').fill(value);
      await page.getByTestId('verify-check').click();
      await page.waitForFunction((v) => document.querySelector('[data-testid="verify-verdict"]')?.getAttribute('data-verdict') === v, expected);
      return text(page.getByTestId('verify-result'));
    };
    const valid = await check(state.qr, 'valid');
    assert.match(valid, /有效/);
    assert.match(valid, /心肺复苏与急救培训/);
    assert.doesNotMatch(valid, /张小哥/, 'the name is masked');
    assert.match(valid, /已联网核对/);
    await screenshot(page, 'e2e-training-verify');
    await page.getByTestId('verify-text').fill('');
    assert.match(await check(altered, 'invalid'), /无效/);

    await page.context().setOffline(true);
    await page.waitForFunction(() => !navigator.onLine);
    await page.locator('[data-testid="verify-offline"]:not([hidden])').waitFor();
    await page.getByTestId('verify-text').fill('');
    const offline = await check(state.qr, 'valid');
    assert.match(offline, /离线验证/);
    await screenshot(page, 'e2e-training-verify-offline');
    assert.match(await check(altered, 'invalid'), /无效/);
    await page.context().setOffline(false);
    await closePage(page);
  });

  await test('training (c): demo-union sees the courses and a session with 通过/未通过', async () => {
    const page = await newPage(PHONE);
    await loginViaForm(page, 'demo-union');
    await page.goto(`${base}/#/training`);
    await page.getByTestId('training-admin').waitFor();
    await settled(page);
    const course = page.getByTestId('course').filter({ hasText: '心肺复苏与急救培训' }).first();
    await course.waitFor();
    await course.getByTestId('course-sessions').click();
    const session = course.getByTestId('session').first();
    await session.waitFor();
    await session.getByTestId('session-record').click();
    const attendee = session.getByTestId('attendee').first();
    await attendee.waitFor();
    assert.equal(await attendee.getByTestId('attendee-pass').getAttribute('aria-pressed'), 'true', 'demo-worker passed');
    await screenshot(page, 'e2e-training-admin');
    await closePage(page);
  });
}
