// Sponsors (爱心单位) and drives (一本书的旅行) end to end, called from e2e/run.mjs (E2E_SUITE=sponsors
// runs only this):
// (a) demo-sponsor, on a phone, taps 我的爱心单位 on its home, opens its own sponsor from 爱心单位
//     (中关村爱心企业联盟): big numbers (已注入积分 ≥ 25,000, 兑换份数 ≥ 1: the demo lunch it pays for),
//     the offer 骑手午餐套餐 in the list; an absurd pledge is refused in words, 1,234 points are pledged
//     and listed as 待确认 (nothing moves yet);
// (b) demo-city, on a desktop, sees that pledge among 待确认的认捐 on 爱心单位 and confirms it: the
//     sponsor's pool grows by exactly 1,234 (read through the API), and the pledge leaves the list;
// (c) demo-keeper opens 一本书的旅行 from its home: the demo drive with a progress bar, its drop points
//     and the organisations; at its own station it logs 5 books in from an organisation and 2 out to
//     a rider's child: the counts on the card follow.
// Screenshots: <repo>/build/screenshots/e2e-sponsors.png (phone), e2e-sponsors-desktop.png,
// e2e-sponsors-drives.png (phone).

import assert from 'node:assert/strict';
import { apiIn } from './page_api.mjs';

export async function sponsorsSuite(ctx) {
  const { base, test, newPage, closePage, settled, screenshot, loginViaForm, text, PHONE, DESKTOP } = ctx;
  const stamp = Date.now().toString(36).slice(-5);
  let sponsorId = null;
  const value = async (page, testid) => Number(await page.locator(`[data-testid="${testid}"] .stat-value`).getAttribute('data-value'));

  await test('sponsors (a): demo-sponsor sees what its points became and pledges', async () => {
    const page = await newPage(PHONE);
    await loginViaForm(page, 'demo-sponsor');
    const tile = page.getByTestId('tile-sponsor');
    assert.equal(await tile.getAttribute('href'), '#/sponsors', '我的爱心单位 tile on the sponsor home');
    await tile.click();
    await page.getByTestId('sp-mine').click();
    await page.getByTestId('sponsor-page').waitFor();
    await page.getByTestId('sp-stats').waitFor();
    assert.equal(await text(page.getByTestId('sp-name')), '中关村爱心企业联盟');
    sponsorId = Number(/#\/sponsors\/(\d+)/.exec(page.url())?.[1]);
    assert.ok(sponsorId > 0, page.url());
    assert.ok((await value(page, 'sp-funded')) >= 25000, 'the demo pledges funded');
    assert.ok((await value(page, 'sp-meals')) >= 1, 'the demo lunch it pays for');
    assert.match(await text(page.getByTestId('sp-funded')), /已注入积分/);
    assert.match(await text(page.getByTestId('sp-served')), /骑手午餐套餐/);
    await settled(page);
    await screenshot(page, 'e2e-sponsors', { fullPage: true });

    await page.getByTestId('sp-pledge-amount').fill('20000000');
    await page.getByTestId('sp-pledge-submit').click();
    await page.getByTestId('sp-pledge-message').waitFor();
    assert.match(await text(page.getByTestId('sp-pledge-message')), /1 到 1000 万/);
    const before = (await apiIn(page, 'GET', `/api/v1/sponsors/${sponsorId}`)).body.sponsor.pool_balance;
    await page.getByTestId('sp-pledge-amount').fill('1234');
    await page.getByTestId('sp-pledge-note').fill(`e2e-${stamp}`);
    await page.getByTestId('sp-pledge-submit').click();
    await page.locator('[data-testid="sp-pledge-message"]', { hasText: '已提交认捐' }).waitFor();
    const pledged = page.locator('[data-testid="sp-pledges"] li', { hasText: `e2e-${stamp}` });
    await pledged.waitFor();
    assert.equal(await pledged.getAttribute('data-status'), 'pledged');
    assert.match(await text(pledged), /待确认/);
    assert.equal((await apiIn(page, 'GET', `/api/v1/sponsors/${sponsorId}`)).body.sponsor.pool_balance, before, 'a pledge moves nothing');
    assert.deepEqual(page.errors, []);
    await closePage(page);
  });

  await test('sponsors (b): demo-city confirms the pledge; the pool grows by it exactly', async () => {
    assert.ok(sponsorId, 'the sponsor from (a)');
    const page = await newPage(DESKTOP);
    await loginViaForm(page, 'demo-city');
    await page.getByTestId('tile-sponsors').click();
    await page.getByTestId('sp-open').waitFor();
    const before = (await apiIn(page, 'GET', `/api/v1/sponsors/${sponsorId}`)).body.sponsor.pool_balance;
    const row = page.locator('[data-testid="sp-open-pledge"]', { hasText: `e2e-${stamp}` });
    await row.waitFor();
    assert.match(await text(row), /中关村爱心企业联盟 认捐 1,234 分/);
    await settled(page);
    await screenshot(page, 'e2e-sponsors-desktop', { fullPage: false });
    await row.getByTestId('sp-fund').click();
    await row.locator('.sp-ok', { hasText: '已确认' }).waitFor();
    assert.equal((await apiIn(page, 'GET', `/api/v1/sponsors/${sponsorId}`)).body.sponsor.pool_balance, before + 1234);
    await page.locator('[data-testid="sp-open-pledge"]', { hasText: `e2e-${stamp}` }).waitFor({ state: 'detached' });
    const law = (await apiIn(page, 'GET', '/api/v1/points')).body.conservation;
    assert.ok(law.holds, JSON.stringify(law));
    assert.deepEqual(page.errors, []);
    await closePage(page);
  });

  await test('sponsors (c): demo-keeper logs books in and out at its station; the drive counts them', async () => {
    const page = await newPage(PHONE);
    await loginViaForm(page, 'demo-keeper');
    await page.getByTestId('tile-drives').click();
    await page.getByTestId('drives-page').waitFor();
    const drive = page.locator('[data-testid="drive"]', { hasText: '一本书的旅行' }).first();
    await drive.waitFor();
    assert.ok(Number(await drive.getByTestId('drive-progress').getAttribute('data-percent')) > 0, 'the bar shows progress');
    assert.match(await text(drive.getByTestId('drive-orgs')), /清华大学附属中学/);
    const collected = await value(drive, 'drive-collected');
    const handedOut = await value(drive, 'drive-handed-out');
    const point = drive.locator('[data-testid="drive-point"]', { has: page.locator('details') }).first();
    await point.locator('summary').click();
    await point.getByTestId('log-organisation').fill(`e2e 图书馆 ${stamp}`);
    await point.getByTestId('log-count').fill('5');
    await point.getByTestId('log-submit').click();
    await drive.locator(`[data-testid="drive-collected"] .stat-value[data-value="${collected + 5}"]`).waitFor();
    assert.match(await text(drive.getByTestId('drive-orgs')), new RegExp(`e2e 图书馆 ${stamp}`));

    const again = drive.locator('[data-testid="drive-point"]', { has: page.locator('details') }).first();
    await again.locator('summary').click();
    await again.getByTestId('log-out').click();
    await again.getByTestId('log-recipient').selectOption('worker_child');
    await again.getByTestId('log-count').fill('2');
    await again.getByTestId('log-submit').click();
    await drive.locator(`[data-testid="drive-handed-out"] .stat-value[data-value="${handedOut + 2}"]`).waitFor();
    await settled(page);
    await screenshot(page, 'e2e-sponsors-drives', { fullPage: true });
    assert.deepEqual(page.errors, []);
    await closePage(page);
  });

  void base;
}
