// 我的数据 end to end, called from e2e/run.mjs (E2E_SUITE=privacy runs only this):
// (a) demo-worker opens 我的数据 from the home tile, reads what is kept, downloads everything (one
//     JSON file with the full phone, opened for its owner) and no other role sees the erase panel;
// (b) a freshly registered rider erases their account: the button stays disabled until the rider
//     ticks 我已了解, a confirmation dialog asks again, the app signs out, and neither the session nor
//     the phone and password sign in any more.
// Screenshots: build/screenshots/privacy-*.png.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { apiIn } from './page_api.mjs';

const uniquePhone = () => `197${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

export async function privacySuite(ctx) {
  const { base, test, newPage, closePage, settled, screenshot, loginViaForm, text, PHONE } = ctx;

  await test('privacy: a rider downloads everything kept about them from 我的数据', async () => {
    const page = await newPage(PHONE, { acceptDownloads: true });
    await loginViaForm(page, 'demo-worker');
    await page.getByTestId('tile-my-data').click();
    await page.getByTestId('my-data').waitFor();
    assert.match(await text(page.getByTestId('my-data')), /手机号加密保存/);
    assert.equal(await page.getByTestId('erase-account').isDisabled(), true, 'erasure needs the tick first');
    await screenshot(page, 'privacy-my-data-phone', { fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-data').click()]);
    assert.match(download.suggestedFilename(), /^youhao-my-data-\d+\.json$/);
    const data = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.equal(data.format, 'youhao-personal-data/1');
    assert.match(data.sections.worker[0].phone, /^1\d{10}$/, 'the owner gets their own phone in full');
    assert.match(await text(page.getByTestId('data-status')), /已下载/);
    await closePage(page);

    const guard = await newPage(PHONE);
    await loginViaForm(guard, 'demo-guard');
    await guard.goto(`${base}/#/me/data`);
    await guard.getByTestId('my-data').waitFor();
    assert.equal(await guard.getByTestId('erase-section').count(), 0, 'staff do not erase themselves here');
    await closePage(guard);
  });

  await test('privacy: a rider erases their account after ticking and confirming; neither the session nor the phone signs in again', async () => {
    const page = await newPage(PHONE);
    await page.goto(`${base}/#/login`);
    await page.getByTestId('login-form').waitFor();
    const phone = uniquePhone();
    const sent = await apiIn(page, 'POST', '/api/v1/register/code', { phone });
    assert.equal(sent.status, 202, JSON.stringify(sent.body));
    const options = (await apiIn(page, 'GET', '/api/v1/register/options')).body;
    const depot = options.depots[0];
    const registered = await apiIn(page, 'POST', '/api/v1/register', { phone, code: sent.body.demo_code, password: 'erase-me-2026', name: '注销测试',
      kind: 'food', platform: depot.platform, depot_id: depot.id, plate: '', convention_accepted: true });
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    await page.evaluate((csrf) => sessionStorage.setItem('youhao.csrf', csrf), registered.body.csrf_token);
    await page.goto(`${base}/#/me/data`);
    await page.getByTestId('erase-section').waitFor();
    await settled(page);
    await page.getByTestId('erase-understood').check();
    await page.getByTestId('erase-account').click();
    await page.getByTestId('erase-dialog').waitFor();
    await screenshot(page, 'privacy-erase-confirm-phone');
    await page.getByTestId('modal-submit').click();
    await page.waitForFunction(() => location.hash.startsWith('#/login'));
    assert.equal((await apiIn(page, 'GET', '/api/v1/me')).status, 401, 'signed out');
    const again = await apiIn(page, 'POST', '/api/v1/session', { login: phone, password: 'erase-me-2026' });
    assert.equal(again.status, 401, 'the phone and password sign in no more');
    await closePage(page);
  });
}
