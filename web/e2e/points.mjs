// Points (积分) end to end, called from e2e/run.mjs (E2E_SUITE=points runs only this):
// (a) demo-worker, on a phone, sees the balance on the home tile, opens 我的积分 (#/points): a balance
//     above 0, 累计获得, and the demo award 协助社区消防通道巡查 (+20 from 市级积分池); offline, the page
//     shows the copy it kept, marked 旧数据;
// (b) demo-community opens 积分管理 (#/points/admin) from the console: the conservation law with ✓,
//     the pools; finds 张小哥 by name, awards 12 points with a reason and double-clicks 发放积分: the
//     rider's balance (read through the API) grows by 12 exactly, every request sent carried one
//     client id; asking for more than the pool holds shows the server's sentence (积分不足…);
//     the rider's page then shows +12 with the reason on top;
// (c) demo-city sees the fund form and the recent awards, reverses the 12 points (冲正) and funds
//     the pool; the law still holds.
// Screenshots: <repo>/build/screenshots/e2e-points-worker.png (phone), e2e-points-admin.png.

import assert from 'node:assert/strict';
import { apiIn } from './page_api.mjs';

export async function pointsSuite(ctx) {
  const { base, test, newPage, closePage, settled, screenshot, loginViaForm, text, PHONE, DESKTOP } = ctx;
  const stamp = Date.now().toString(36).slice(-5);
  const reason = `协助疏导早高峰交通 e2e-${stamp}`;
  let worker = null;
  let awardedTransfer = null;
  const balanceOf = async (page) => {
    const answer = await apiIn(page, 'GET', '/api/v1/me/points?limit=1');
    assert.equal(answer.status, 200, JSON.stringify(answer.body).slice(0, 200));
    return answer.body.balance;
  };

  await test('points (a): demo-worker sees the balance, the history and, offline, the kept copy', async () => {
    worker = await newPage(PHONE);
    await loginViaForm(worker, 'demo-worker');
    const tile = worker.getByTestId('tile-points');
    assert.equal(await tile.getAttribute('href'), '#/points', '我的积分 tile on the worker home');
    await worker.locator('[data-testid="tile-points"][data-balance]').waitFor();
    const tileBalance = Number(await tile.getAttribute('data-balance'));
    assert.ok(tileBalance > 0, `the tile shows the balance (${tileBalance})`);
    assert.match(await text(tile), new RegExp(`余额 ${tileBalance.toLocaleString('zh-CN')} 分`));
    await tile.click();
    await worker.getByTestId('points-page').waitFor();
    const balance = Number(await worker.getByTestId('points-balance').getAttribute('data-value'));
    assert.ok(balance > 0, `balance ${balance}`);
    assert.equal(balance, await balanceOf(worker), 'the page shows what the API says');
    assert.ok(Number(await worker.getByTestId('points-earned').getAttribute('data-value')) >= balance, '累计获得 ≥ balance');
    assert.match(await text(worker.getByTestId('points-earned')), /累计获得/);
    const fireLane = worker.locator('[data-testid="points-line"]', { hasText: '协助社区消防通道巡查' });
    await fireLane.waitFor();
    assert.equal(await fireLane.getAttribute('data-delta'), '20');
    assert.equal(await text(fireLane.getByTestId('points-delta')), '+20');
    assert.match(await text(fireLane), /来自 市级积分池/);
    assert.match(await text(fireLane), /\d{4}-\d\d-\d\d \d\d:\d\d/, 'the date and time');
    // The server's own reason (a confirmed report) is worded, never shown as its key.
    assert.ok(!(await text(worker.getByTestId('points-history'))).includes('report_confirmed'));
    // Newest first (by time: points paid for old reports carry those reports' times).
    const times = await worker.locator('[data-testid="points-line"]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-at'))));
    assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
    // Touch targets: the tile and the lines are at least 44 px high.
    const heights = await worker.locator('[data-testid="points-line"]').evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().height));
    assert.ok(heights.every((height) => height >= 44), `line heights ${heights}`);

    // Offline: back home, network off, open the page again: the kept copy, marked 旧数据.
    await worker.goto(`${base}/#/home`);
    await worker.getByTestId('tile-points').waitFor();
    await worker.context().setOffline(true);
    await worker.evaluate(() => (location.hash = '#/points'));
    await worker.getByTestId('points-stale').waitFor();
    assert.match(await text(worker.getByTestId('points-stale')), /旧数据/);
    assert.equal(Number(await worker.getByTestId('points-balance').getAttribute('data-value')), balance, 'the kept balance');
    await worker.context().setOffline(false);
    await worker.goto(`${base}/#/home`);
    await worker.getByTestId('tile-points').waitFor();
  });

  await test('points (b): demo-community awards 张小哥 12 points; a double click pays once; a refusal is worded', async () => {
    assert.ok(worker, 'the rider’s page from (a)');
    const before = await balanceOf(worker);
    const page = await newPage(DESKTOP);
    await loginViaForm(page, 'demo-community');
    const tile = page.getByTestId('tile-points-admin');
    assert.equal(await tile.getAttribute('href'), '#/points/admin', '积分管理 tile on the console');
    await tile.click();
    await page.getByTestId('points-admin-page').waitFor();
    const law = page.locator('[data-testid="points-law"]');
    await law.waitFor();
    assert.equal(await law.getAttribute('data-holds'), 'true', 'the law holds');
    // (Points held for redemptions, when there are any, are named after 骑手持有.)
    assert.match(await text(law), /发放 [\d,]+ = 积分池 [\d,]+ \+ 骑手持有 [\d,]+.*\+ 已兑换 [\d,]+ \+ 已过期 [\d,]+/);
    assert.match(await text(law), /✓/);
    assert.ok((await page.locator('[data-testid="points-pool"][data-owner="city"]').count()) === 1, 'the city pool listed');
    assert.equal(await page.getByTestId('points-fund-section').count(), 0, 'a community officer does not fund pools');
    assert.equal(await page.getByTestId('points-reverse-section').count(), 0, 'nor reverse transfers');

    // Without a rider the form says what is missing.
    await page.getByTestId('award-submit').click();
    assert.match(await text(page.getByTestId('award-error')), /请先搜索并选择骑手/);

    await page.getByTestId('award-search').fill('张小哥');
    const candidate = page.locator('[data-testid="award-candidate"]', { hasText: '张小哥' }).first();
    await candidate.waitFor();
    assert.match(await text(candidate), /1\d\d\*\*\*\*\d{4}/, 'the phone is masked');
    const pickHeight = await candidate.getByTestId('award-pick').evaluate((b) => b.getBoundingClientRect().height);
    assert.ok(pickHeight >= 44, `选择 is ${pickHeight}px high`);
    await candidate.getByTestId('award-pick').click();
    assert.match(await text(page.getByTestId('award-chosen')), /发给：张小哥/);
    await page.getByTestId('award-amount').fill('12');
    await page.getByTestId('award-reason').fill(reason);

    const bodies = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/v1/points/transfers')) bodies.push(JSON.parse(request.postData() ?? '{}'));
    });
    await page.getByTestId('award-submit').dblclick();
    const done = page.getByTestId('award-done');
    await done.waitFor();
    assert.match(await text(done), /已给 张小哥 发放 12 分/);
    awardedTransfer = await done.getAttribute('data-transfer-id');
    assert.ok(bodies.length >= 1, 'the award was sent');
    assert.equal(new Set(bodies.map((b) => b.client_id)).size, 1, `one client id for the submission: ${JSON.stringify(bodies)}`);
    assert.match(bodies[0].client_id, /^award:[A-Za-z0-9-]+$/);
    assert.equal(await balanceOf(worker), before + 12, 'paid once');
    await page.getByTestId('points-law').waitFor();
    await settled(page);
    // The whole page in one tall viewport (a full-page shot would draw the sticky header mid-page).
    await page.setViewportSize({ width: 1280, height: 1200 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'e2e-points-admin', { fullPage: false });

    // More than the pool holds: the server's sentence, in Chinese, and nothing moves.
    await page.getByTestId('award-amount').fill('99999999');
    await page.getByTestId('award-reason').fill(`太多了 e2e-${stamp}`);
    await page.getByTestId('award-submit').click();
    await page.getByTestId('award-error').waitFor();
    assert.match(await text(page.getByTestId('award-error')), /积分不足/);
    assert.equal(await balanceOf(worker), before + 12, 'nothing moved');
    await closePage(page);

    // The rider sees +12 on top, with the reason.
    await worker.goto(`${base}/#/points`);
    const top = worker.locator('[data-testid="points-line"]').first();
    await top.waitFor();
    assert.equal(await top.getAttribute('data-delta'), '12');
    assert.equal(await text(top.getByTestId('points-delta')), '+12');
    assert.equal(await text(top.getByTestId('points-reason')), reason);
    assert.equal(Number(await worker.getByTestId('points-balance').getAttribute('data-value')), before + 12);
    await settled(worker);
    await screenshot(worker, 'e2e-points-worker', { fullPage: true });
  });

  await test('points (c): demo-city reverses the award and funds the pool; the law holds', async () => {
    assert.ok(worker && awardedTransfer, 'the award from (b)');
    const before = await balanceOf(worker);
    const page = await newPage(DESKTOP);
    await loginViaForm(page, 'demo-city');
    await page.getByTestId('tile-points-admin').click();
    await page.getByTestId('points-fund-section').waitFor();
    const row = page.locator(`[data-testid="points-award"][data-transfer-id="${awardedTransfer}"]`);
    await row.waitFor();
    assert.equal(await row.getAttribute('data-reversed'), 'false');
    assert.match(await text(row), /demo-community/);
    await row.getByTestId('points-reverse').click();
    await page.getByTestId('reverse-dialog').waitFor();
    await page.getByTestId('modal-submit').click();
    assert.match(await text(page.getByTestId('modal-error')), /请写明原因/, 'a reversal needs a reason');
    await page.getByTestId('reverse-reason').fill(`误发 e2e-${stamp}`);
    await page.getByTestId('modal-submit').click();
    await page.getByTestId('reverse-done').waitFor();
    assert.match(await text(page.getByTestId('reverse-done')), /已冲正 12 分/);
    await page.locator(`[data-testid="points-award"][data-transfer-id="${awardedTransfer}"][data-reversed="true"]`).waitFor();
    assert.equal(await balanceOf(worker), before - 12, 'the 12 points went back to the pool');

    const overview = await apiIn(page, 'GET', '/api/v1/points');
    const poolBefore = overview.body.pools.find((p) => p.owner === 'city').balance;
    await page.getByTestId('fund-amount').fill('100');
    await page.getByTestId('fund-reason').fill(`爱心单位捐赠 e2e-${stamp}`);
    await page.getByTestId('fund-submit').click();
    await page.getByTestId('fund-done').waitFor();
    assert.match(await text(page.getByTestId('fund-done')), /注资 100 分/);
    await page.locator(`[data-testid="points-pool"][data-owner="city"][data-balance="${poolBefore + 100}"]`).waitFor();
    assert.equal(await page.getByTestId('points-law').getAttribute('data-holds'), 'true');
    await closePage(page);
    await closePage(worker);
    worker = null;
  });
  if (worker) await worker.context().close();
}
