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
// (d) demo-worker, on a phone, opens demo-merchant's place page, redeems 骑手午餐套餐 (30 分; the
//     demo's offer there) with one client id, and reads the 8-digit code off the redemption screen
//     (4 + 4, its countdown, the hold's); the balance drops by the price at once; 换一个码 replaces
//     the code. demo-merchant opens 兑换核销 (#/redeem) from the home tile in another browser page:
//     the replaced code is refused in words, the fresh one typed in two groups gives 核销成功 and
//     a line in today's confirmations, and the month's CSV statement holds it; the worker's screen
//     turns to 兑换成功 by itself; the same code again is refused (已经用过); 我的积分 lists the
//     redemption as 已兑换. The merchant lists a new offer and pauses it (gone from the riders' list).
// (e) demo-merchant opens 扫骑手码 on 兑换核销 and pastes demo-worker's live pass (as a handheld
//     scanner types it): the rider's masked name and the held lunch; one tap confirms it; a pass
//     from two minutes ago is refused in words; this month's statement downloads as a PDF.
// (f) demo-worker's 我的积分 shows 即将过期 (the demo's back-dated points); demo-city's 积分管理 shows
//     the earning rules (随手拍上报被确认: 10 分, caps 50 a day and 300 a month, the city's own), refuses
//     10001 points in words, and saves 参加活动 at 30 points (then puts it back through the API).
// Screenshots: <repo>/build/screenshots/e2e-points-worker.png (phone), e2e-points-admin.png,
// e2e-points-redeem-code.png (phone), e2e-points-redeem-merchant.png, e2e-points-redeem-scan.png,
// e2e-points-rules.png.

import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { apiIn } from './page_api.mjs';
import { payloadFor, windowNow } from './passkit.mjs';

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

  await test('points (d): demo-worker redeems 骑手午餐套餐 with a code; demo-merchant confirms it at 兑换核销', async () => {
    const LUNCH = '骑手午餐套餐';
    const PRICE = 30;
    const merchant = await newPage(DESKTOP);
    await loginViaForm(merchant, 'demo-merchant');
    const places = await apiIn(merchant, 'GET', '/api/v1/places/mine');
    const shop = places.body.places.find((p) => p.status === 'approved');
    assert.ok(shop, `demo-merchant runs an approved place: ${JSON.stringify(places.body).slice(0, 200)}`);

    const rider = await newPage(PHONE);
    await loginViaForm(rider, 'demo-worker');
    // The lunch costs 30: the demo rider's points, topped up by the community if the suites before spent them.
    if ((await balanceOf(rider)) < PRICE + 10) {
      const me = await apiIn(rider, 'GET', '/api/v1/workers/me');
      const workerId = me.body.id ?? me.body.worker?.id;
      const community = await newPage(DESKTOP);
      await loginViaForm(community, 'demo-community');
      const award = await apiIn(community, 'POST', '/api/v1/points/transfers', { kind: 'award', amount: PRICE + 10, client_id: `award:e2e-redeem-${stamp}`, reason: `兑换测试 e2e-${stamp}`, worker_id: workerId });
      assert.equal(award.status, 201, JSON.stringify(award.body).slice(0, 200));
      await closePage(community);
    }
    const before = await balanceOf(rider);

    await rider.goto(`${base}/#/p/${shop.id}`);
    const block = rider.getByTestId('place-points-offers');
    await block.waitFor();
    const lunch = block.locator('[data-testid="points-offer"]', { hasText: LUNCH });
    await lunch.waitFor();
    assert.equal(await lunch.getAttribute('data-price'), String(PRICE));
    assert.equal(await lunch.getAttribute('data-state'), 'ready');
    assert.equal(await text(lunch.getByTestId('offer-price')), `${PRICE} 分`);
    assert.match(await text(lunch.getByTestId('offer-terms')), /剩 \d+ 份 · (长期有效|有效期至 \d{4}-\d\d-\d\d)/);
    const stockBefore = Number((await text(lunch.getByTestId('offer-terms'))).match(/剩 (\d+) 份/)[1]);
    assert.equal(Number(await block.getByTestId('offers-balance').getAttribute('data-value')), before, 'the balance beside the offers');
    const redeemButton = lunch.getByTestId('offer-redeem');
    const buttonHeight = await redeemButton.evaluate((b) => b.getBoundingClientRect().height);
    assert.ok(buttonHeight >= 44, `兑换 is ${buttonHeight}px high`);

    const redeems = [];
    rider.on('request', (request) => {
      if (request.method() === 'POST' && /\/api\/v1\/offers\/\d+\/redeem$/.test(request.url())) redeems.push(JSON.parse(request.postData() ?? '{}'));
    });
    await redeemButton.click();
    const screen = rider.locator('[data-testid="redeem-screen"][data-state="held"]');
    await screen.waitFor();
    const redemptionId = await screen.getAttribute('data-redemption-id');
    const readCode = async () => {
      const code = await screen.getByTestId('redeem-code').getAttribute('data-code');
      assert.match(code ?? '', /^\d{8}$/, 'an 8-digit code');
      assert.deepEqual(await screen.locator('.pt-code-group').allTextContents(), [code.slice(0, 4), code.slice(4)], 'shown 4 + 4');
      return code;
    };
    const firstCode = await readCode();
    const digitsHeight = await screen.getByTestId('redeem-code').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    assert.ok(digitsHeight >= 40, `large digits (${digitsHeight}px)`);
    assert.match(await text(screen.getByTestId('redeem-code-left')), /^兑换码 [0-2]:\d\d 后失效$/);
    assert.match(await text(screen.getByTestId('redeem-hold-left')), new RegExp(`^${PRICE} 分已冻结，(10:00|[5-9]:\\d\\d) 内没有核销会自动退回$`));
    assert.equal(redeems.length, 1, 'one redeem request');
    assert.match(redeems[0].client_id, /^redeem:[A-Za-z0-9-]+$/);
    assert.equal(await balanceOf(rider), before - PRICE, 'the price is held at once');

    // 换一个码: a new code; the old one stops working.
    await screen.getByTestId('redeem-fresh').click();
    await rider.waitForFunction((old) => {
      const code = document.querySelector('[data-testid="redeem-code"]')?.getAttribute('data-code');
      return code && code !== old;
    }, firstCode);
    const code = await readCode();
    await settled(rider);
    await screenshot(rider, 'e2e-points-redeem-code', { fullPage: false });

    // The merchant, in another page: 兑换核销 from the home tile.
    await merchant.goto(`${base}/#/home`);
    const tile = merchant.getByTestId('tile-redeem');
    assert.equal(await tile.getAttribute('href'), '#/redeem', '兑换核销 tile on the merchant home');
    await tile.click();
    await merchant.getByTestId('redeem-desk-page').waitFor();
    const field = merchant.getByTestId('desk-code');
    assert.equal(await field.getAttribute('inputmode'), 'numeric');
    const submit = merchant.getByTestId('desk-submit');
    const submitHeight = await submit.evaluate((b) => b.getBoundingClientRect().height);
    assert.ok(submitHeight >= 44, `核销 is ${submitHeight}px high`);
    const result = merchant.getByTestId('desk-result');

    await field.fill(firstCode);
    await submit.click();
    await merchant.locator('[data-testid="desk-result"][data-state="refused"]').waitFor();
    assert.match(await text(result), /没有找到这个兑换码/, `the replaced code is refused in words: ${await text(result)}`);

    await field.fill(`${code.slice(0, 4)} ${code.slice(4)}`);
    await submit.click();
    await merchant.locator('[data-testid="desk-result"][data-state="ok"]').waitFor();
    assert.match(await text(result), /核销成功/);
    assert.match(await text(result), new RegExp(`${LUNCH} · ${PRICE} 分`));
    assert.equal(await result.getAttribute('data-redemption-id'), redemptionId);
    assert.equal(await field.inputValue(), '', 'the field is ready for the next rider');
    const line = merchant.locator(`[data-testid="desk-today-line"][data-redemption-id="${redemptionId}"]`);
    await line.waitFor();
    assert.match(await text(line), new RegExp(`${LUNCH}[\\s\\S]*demo-merchant`));
    const statement = merchant.locator(`[data-testid="desk-statement"][data-place-id="${shop.id}"]`);
    const href = await statement.getAttribute('href');
    assert.match(href ?? '', new RegExp(`^/api/v1/places/${shop.id}/statement\\?month=\\d{4}-\\d\\d&format=csv$`));
    const csv = await apiIn(merchant, 'GET', href);
    assert.equal(csv.status, 200);
    assert.ok(String(csv.body).split('\r\n').some((row) => row.startsWith(`${redemptionId},`) && row.includes(LUNCH)), 'the month’s statement holds it');
    await settled(merchant);
    await screenshot(merchant, 'e2e-points-redeem-merchant', { fullPage: false });

    // The rider's screen turns by itself (it asks every 3 s).
    const done = rider.locator('[data-testid="redeem-screen"][data-state="confirmed"]');
    await done.waitFor();
    assert.equal(await text(done.getByTestId('redeem-result-title')), '兑换成功');
    assert.equal(await balanceOf(rider), before - PRICE, 'spent once');

    // The same code again: refused in words, nothing moves.
    await field.fill(code);
    await submit.click();
    await merchant.locator('[data-testid="desk-result"][data-state="refused"]').waitFor();
    assert.match(await text(result), /已经用过/);
    assert.equal(await balanceOf(rider), before - PRICE);

    // 我的积分 lists it as 已兑换; the place's stock is one less.
    await done.getByTestId('redeem-finish').click();
    await rider.getByTestId('redeem-screen').waitFor({ state: 'detached' });
    await lunch.filter({ hasText: `剩 ${stockBefore - 1} 份` }).waitFor();
    await rider.goto(`${base}/#/points`);
    const mine = rider.locator(`[data-testid="redemption-line"][data-id="${redemptionId}"]`);
    await mine.waitFor();
    assert.equal(await mine.getAttribute('data-status'), 'confirmed');
    assert.equal(await text(mine.getByTestId('redemption-status')), '已兑换');
    // 附近可兑换: the nearby search, only places to redeem at, with their offers (near the shop here).
    assert.equal(await rider.getByTestId('redeem-nearby').getAttribute('href'), '#/places?redeemable=1');
    await rider.goto(`${base}/#/places?redeemable=1&lat=${shop.lat}&lon=${shop.lon}`);
    const shopItem = rider.locator(`[data-testid="place-item"][data-place-id="${shop.id}"]`);
    await shopItem.getByTestId('place-offers').filter({ hasText: '骑手午餐套餐 · 30 分' }).waitFor();
    assert.equal(await rider.getByTestId('redeemable').getAttribute('aria-checked'), 'true');
    for (const item of await rider.getByTestId('place-item').all()) assert.equal(await item.getByTestId('place-offers').count(), 1, 'every place listed has offers');
    await screenshot(rider, 'e2e-points-nearby-offers');

    // The offers editor: a new offer, then paused: the riders no longer see it.
    const title = `热汤一碗 e2e-${stamp}`;
    const editor = merchant.locator(`[data-testid="desk-place"][data-place-id="${shop.id}"]`);
    await editor.getByTestId('desk-add-open').click();
    await editor.getByTestId('desk-add-title').fill(title);
    await editor.getByTestId('desk-add-price').fill('8');
    await editor.getByTestId('desk-add-stock').fill('3');
    await editor.getByTestId('desk-add-submit').click();
    await editor.getByTestId('desk-add-done').waitFor();
    const added = editor.locator('[data-testid="desk-offer"]', { hasText: title });
    await added.waitFor();
    assert.equal(await added.getAttribute('data-active'), 'true');
    const listed = async () => (await apiIn(rider, 'GET', `/api/v1/places/${shop.id}/offers`)).body.offers.some((o) => o.title === title);
    assert.ok(await listed(), 'the riders see the new offer');
    await added.getByTestId('desk-offer-toggle').click();
    await editor.locator('[data-testid="desk-offer"][data-active="false"]', { hasText: title }).waitFor();
    assert.ok(!(await listed()), 'paused: the riders no longer see it');

    await closePage(merchant);
    await closePage(rider);
  });
  await test('points (e): demo-merchant scans demo-worker\'s live pass (扫骑手码) and confirms the held lunch in one tap; the statement has a PDF', async () => {
    const LUNCH = '骑手午餐套餐';
    const merchant = await newPage(DESKTOP);
    await loginViaForm(merchant, 'demo-merchant');
    const shop = (await apiIn(merchant, 'GET', '/api/v1/places/mine')).body.places.find((p) => p.status === 'approved');
    assert.ok(shop, 'demo-merchant runs an approved place');
    const lunch = (await apiIn(merchant, 'GET', `/api/v1/places/${shop.id}/offers`)).body.offers.find((o) => o.title === LUNCH);
    assert.ok(lunch, `${LUNCH} at the merchant's place`);

    // The rider: enough points, a hold on the lunch, and a pass whose phone key this test holds.
    const rider = await newPage(PHONE);
    await loginViaForm(rider, 'demo-worker');
    if ((await balanceOf(rider)) < lunch.price + 10) {
      const me = await apiIn(rider, 'GET', '/api/v1/workers/me');
      const community = await newPage(DESKTOP);
      await loginViaForm(community, 'demo-community');
      const award = await apiIn(community, 'POST', '/api/v1/points/transfers', { kind: 'award', amount: lunch.price + 10, client_id: `award:e2e-scan-${stamp}`, reason: `扫码兑换测试 e2e-${stamp}`, worker_id: me.body.id ?? me.body.worker?.id });
      assert.equal(award.status, 201, JSON.stringify(award.body).slice(0, 200));
      await closePage(community);
    }
    const held = await apiIn(rider, 'POST', `/api/v1/offers/${lunch.id}/redeem`, { client_id: `redeem:e2e-scan-${stamp}` });
    assert.equal(held.status, 201, JSON.stringify(held.body).slice(0, 200));
    const redemptionId = String(held.body.redemption.id);
    const device = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
    const issued = await apiIn(rider, 'POST', '/api/v1/passes', { device_public_key: device.x });
    assert.equal(issued.status, 201, JSON.stringify(issued.body).slice(0, 200));
    const livePass = () => payloadFor({ credential: issued.body.credential, secretKey: device.d, window: windowNow() });

    // 兑换核销: 扫骑手码, the pass pasted as a handheld scanner types it.
    await merchant.goto(`${base}/#/redeem`);
    await merchant.getByTestId('redeem-desk-page').waitFor();
    const panel = merchant.getByTestId('desk-pass');
    await panel.getByTestId('desk-pass-open').click();
    assert.ok((await panel.getByTestId('desk-pass-open').evaluate((e) => e.getBoundingClientRect().height)) >= 44, '扫骑手码 is a big target');
    // Not a pass: said in words, nothing asked of the server.
    await panel.getByTestId('desk-pass-input').fill('04711234');
    await panel.getByTestId('desk-pass-lookup').click();
    await merchant.locator('[data-testid="desk-pass-answer"][data-state="refused"]').waitFor();
    assert.match(await text(panel.getByTestId('desk-pass-answer')), /不是进门码/);

    await panel.getByTestId('desk-pass-input').fill(livePass());
    await panel.getByTestId('desk-pass-lookup').click();
    const item = panel.locator(`[data-testid="desk-pass-item"][data-redemption-id="${redemptionId}"]`);
    await item.waitFor();
    assert.equal(await text(panel.getByTestId('desk-pass-worker')), '骑手 张**', 'the masked name only');
    assert.match(await text(item), new RegExp(`${LUNCH}[\\s\\S]*${lunch.price} 分`));
    const confirmButton = item.getByTestId('desk-pass-confirm');
    assert.ok((await confirmButton.evaluate((b) => b.getBoundingClientRect().height)) >= 44, '核销 is a big target');
    await settled(merchant);
    await screenshot(merchant, 'e2e-points-redeem-scan', { fullPage: false });
    await confirmButton.click();
    await merchant.locator(`[data-testid="desk-pass-answer"][data-state="ok"][data-redemption-id="${redemptionId}"]`).waitFor();
    assert.match(await text(panel.getByTestId('desk-pass-answer')), new RegExp(`核销成功 · ${LUNCH} · ${lunch.price} 分`));
    await item.waitFor({ state: 'detached' });
    await merchant.locator(`[data-testid="desk-today-line"][data-redemption-id="${redemptionId}"]`).waitFor();
    const mine = (await apiIn(rider, 'GET', '/api/v1/me/redemptions')).body.items.find((r) => String(r.id) === redemptionId);
    assert.equal(mine.status, 'confirmed');

    // A screenshot of the pass from two minutes ago is refused in words.
    const stale = payloadFor({ credential: issued.body.credential, secretKey: device.d, window: windowNow() - 4 });
    await panel.getByTestId('desk-pass-input').fill(stale);
    await panel.getByTestId('desk-pass-lookup').click();
    await merchant.locator('[data-testid="desk-pass-answer"][data-state="refused"]').waitFor();
    assert.match(await text(panel.getByTestId('desk-pass-answer')), /不是实时/);

    // This month's statement as a PDF.
    const pdfLink = merchant.locator(`[data-testid="desk-statement-pdf"][data-place-id="${shop.id}"]`);
    const href = await pdfLink.getAttribute('href');
    assert.match(href ?? '', new RegExp(`^/api/v1/places/${shop.id}/statement\\?month=\\d{4}-\\d\\d&format=pdf$`));
    const pdf = await merchant.evaluate(async (url) => {
      const r = await fetch(url, { credentials: 'same-origin' });
      return { status: r.status, type: r.headers.get('content-type'), head: new TextDecoder().decode((await r.arrayBuffer()).slice(0, 5)) };
    }, href);
    assert.equal(pdf.status, 200);
    assert.match(pdf.type ?? '', /^application\/pdf/);
    assert.equal(pdf.head, '%PDF-');
    await closePage(rider);
    await closePage(merchant);
  });

  await test('points (f): demo-worker sees 即将过期; demo-city edits an earning rule on 积分管理', async () => {
    const rider = await newPage(PHONE);
    await loginViaForm(rider, 'demo-worker');
    await rider.goto(`${base}/#/points`);
    const expiring = rider.getByTestId('points-expiring');
    await expiring.waitFor();
    const soon = (await apiIn(rider, 'GET', '/api/v1/me/points?limit=1')).body.expiring;
    assert.ok(soon && soon.points > 0, `the demo's back-dated points expire within 30 days: ${JSON.stringify(soon)}`);
    assert.equal(Number(await expiring.getAttribute('data-value')), soon.points);
    assert.match(await text(expiring), new RegExp(`即将过期：${soon.points.toLocaleString('zh-CN')} 分将在 ${soon.before} 前过期`));
    await closePage(rider);

    const page = await newPage(DESKTOP);
    await loginViaForm(page, 'demo-city');
    await page.getByTestId('tile-points-admin').click();
    const rules = page.getByTestId('points-rules-section');
    await rules.waitFor();
    await page.locator('[data-testid="rules-list"][data-area="city"]').waitFor();
    const report = rules.locator('[data-testid="rule-line"][data-trigger="report_confirmed"]');
    assert.equal(await report.getAttribute('data-points'), '10');
    assert.match(await text(report.getByTestId('rule-summary')), /10 分 · 每日 50 · 每月 300 · 由 市级积分池 支付/);
    assert.match(await text(report.getByTestId('rule-source')), /本级设置/);
    // 参加活动: a wrong number is caught on the page, a good one saved; then put back.
    const event = () => rules.locator('[data-testid="rule-line"][data-trigger="event_attended"]');
    const original = await apiIn(page, 'GET', '/api/v1/points/rules');
    const before = original.body.rules.find((r) => r.trigger === 'event_attended').rule;
    await event().getByTestId('rule-edit').click();
    await event().getByTestId('rule-points').fill('10001');
    await event().getByTestId('rule-save').click();
    assert.match(await text(event().getByTestId('rule-error')), /0 到 10000/);
    await event().getByTestId('rule-points').fill('30');
    await event().getByTestId('rule-daily').fill('60');
    await event().getByTestId('rule-monthly').fill('240');
    await event().getByTestId('rule-save').click();
    await page.getByTestId('rules-status').waitFor();
    assert.match(await text(page.getByTestId('rules-status')), /已保存：参加活动 每次 30 分/);
    await rules.locator('[data-testid="rule-line"][data-trigger="event_attended"][data-points="30"]').waitFor();
    assert.match(await text(event().getByTestId('rule-summary')), /30 分 · 每日 60 · 每月 240/);
    const saved = (await apiIn(page, 'GET', '/api/v1/points/rules')).body.rules.find((r) => r.trigger === 'event_attended').rule;
    assert.deepEqual([saved.points, saved.daily_cap, saved.monthly_cap], [30, 60, 240], 'saved on the server');
    await settled(page);
    await screenshot(page, 'e2e-points-rules', { fullPage: false });
    const restored = await apiIn(page, 'PUT', '/api/v1/points/rules/event_attended', { points: before.points, daily_cap: before.daily_cap, monthly_cap: before.monthly_cap, active: before.active });
    assert.equal(restored.status, 200, JSON.stringify(restored.body).slice(0, 200));
    await closePage(page);
  });
  if (worker) await worker.context().close();
}
