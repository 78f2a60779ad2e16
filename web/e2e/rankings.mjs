// Honours the other way (出餐评价 and the monthly lists) end to end, called from e2e/run.mjs
// (E2E_SUITE=rankings runs only this):
// (a) demo-worker, on a phone, opens demo-merchant's place page and rates the hand-over: three
//     questions, one tap each (等了多久, 有地方等餐吗, 尊重 stars), a comment, 提交: 谢谢 (or, when
//     the worker rated there today already, 已更新); every choice is at least 44 px high; the
//     merchant's summary (read through the API) holds the comment, and no rider's name;
// (b) demo-merchant opens the same page and sees the month's summary with the comment and no name;
// (c) without signing in, last month's 优秀放餐企业榜单 of the district (published by the demo):
//     rows with rank, name, score and riders, marked 已发布; the 友好小区榜 tab too;
// (d) demo-street opens this month's 友好小区榜 of the street from the console tile: a draft with
//     发布榜单; two taps publish it, and it reads 已发布.
// Screenshots: <repo>/build/screenshots/e2e-rankings-rate.png (phone), e2e-rankings-list.png (phone).

import assert from 'node:assert/strict';
import { apiIn } from './page_api.mjs';

const beijingMonth = (ms) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date(ms));
const lastMonth = () => {
  const [y, m] = beijingMonth(Date.now()).split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};

export async function rankingsSuite(ctx) {
  const { base, test, newPage, closePage, settled, screenshot, loginViaForm, text, PHONE, DESKTOP } = ctx;
  const comment = `取餐口有凳子 e2e-${Date.now().toString(36).slice(-5)}`;
  let shopId = null;

  await test('rankings (a): demo-worker rates demo-merchant\'s hand-over on a phone', async () => {
    const merchant = await newPage(DESKTOP);
    await loginViaForm(merchant, 'demo-merchant');
    const places = await apiIn(merchant, 'GET', '/api/v1/places/mine');
    const shop = places.body.places.find((p) => p.status === 'approved');
    assert.ok(shop, JSON.stringify(places.body).slice(0, 200));
    shopId = shop.id;

    const rider = await newPage(PHONE);
    await loginViaForm(rider, 'demo-worker');
    await rider.goto(`${base}/#/p/${shopId}`);
    const block = rider.getByTestId('handover-block');
    await block.waitFor();
    assert.match(await text(block), /出餐评价/);
    // Nothing is sent before the three questions are answered.
    await block.getByTestId('handover-submit').click();
    assert.match(await text(block.getByTestId('handover-result')), /请先回答三个问题/);
    await block.getByTestId('handover-wait-5_10').click();
    await block.getByTestId('handover-place-yes').click();
    await block.getByTestId('handover-respect-5').click();
    assert.equal(await block.getByTestId('handover-wait-5_10').getAttribute('aria-pressed'), 'true');
    assert.equal(await block.getByTestId('handover-respect-5').getAttribute('aria-pressed'), 'true');
    const heights = await block.locator('.rk-choice').evaluateAll((buttons) => buttons.map((b) => b.getBoundingClientRect().height));
    assert.ok(heights.length === 11 && heights.every((height) => height >= 44), `choice heights ${heights}`);
    await block.getByTestId('handover-comment').fill(comment);
    await block.getByTestId('handover-submit').click();
    const result = block.getByTestId('handover-result');
    await rider.locator('[data-testid="handover-result"][data-day]').waitFor();
    assert.match(await text(result), /谢谢|已更新/);
    await screenshot(rider, 'e2e-rankings-rate', { fullPage: false });

    const summary = await apiIn(merchant, 'GET', `/api/v1/places/${shopId}/handover-ratings`);
    assert.equal(summary.status, 200, JSON.stringify(summary.body).slice(0, 200));
    assert.ok(summary.body.comments.some((c) => c.comment === comment && c.wait === '5_10' && c.respect === 5), 'the comment reached the merchant');
    assert.ok(!JSON.stringify(summary.body).includes('张小哥'), 'no rider is named');
    await closePage(rider);
    await closePage(merchant);
  });

  await test('rankings (b): demo-merchant reads the month\'s summary on the place page, no names', async () => {
    const merchant = await newPage(PHONE);
    await loginViaForm(merchant, 'demo-merchant');
    await merchant.goto(`${base}/#/p/${shopId}`);
    const summary = merchant.getByTestId('handover-summary');
    await summary.waitFor();
    await summary.getByTestId('handover-comments').waitFor();
    assert.match(await text(summary), new RegExp(comment));
    assert.ok(!(await text(summary)).includes('张小哥'));
    assert.match(await text(summary.getByTestId('handover-counts')), /\d+ 次评价 · \d+ 位骑手/);
    await closePage(merchant);
  });

  await test('rankings (c): last month\'s 优秀放餐企业榜单 opens without signing in', async () => {
    const visitor = await newPage(PHONE);
    await visitor.goto(`${base}/#/rankings/merchants?area=110108&month=${lastMonth()}`);
    await visitor.getByTestId('rankings-list').waitFor();
    await settled(visitor);
    assert.equal(await visitor.getByTestId('rankings-status').getAttribute('data-status'), 'published');
    assert.match(await text(visitor.getByTestId('rankings-title')), /优秀放餐企业榜单/);
    const rows = visitor.getByTestId('rankings-row');
    assert.ok((await rows.count()) >= 1);
    assert.match(await text(rows.first()), /^\s*1\s*\S+/);
    assert.match(await text(rows.first()), /评价骑手 \d+ 人/);
    await screenshot(visitor, 'e2e-rankings-list', { fullPage: false });
    await visitor.getByTestId('rankings-tab-compounds').click();
    await visitor.locator('[data-testid="rankings-page"][data-kind="compounds"]').waitFor();
    await visitor.getByTestId('rankings-status').waitFor();
    assert.match(await text(visitor.getByTestId('rankings-title')), /友好小区榜/);
    await closePage(visitor);
  });

  await test('rankings (d): demo-street publishes this month\'s 友好小区榜 of the street', async () => {
    const street = await newPage(DESKTOP);
    await loginViaForm(street, 'demo-street');
    await street.getByTestId('tile-rankings').click();
    await street.getByTestId('rankings-page').waitFor();
    await street.goto(`${base}/#/rankings/compounds`);
    await street.locator('[data-testid="rankings-page"][data-kind="compounds"]').waitFor();
    const status = street.getByTestId('rankings-status');
    await status.waitFor();
    if ((await status.getAttribute('data-status')) === 'draft') {
      const publish = street.getByTestId('rankings-publish');
      await publish.click();
      assert.match(await text(street.getByTestId('rankings-publish-note')), /发布后榜单不再变化/);
      await publish.click();
      await street.locator('[data-testid="rankings-status"][data-status="published"]').waitFor();
    }
    assert.match(await text(street.getByTestId('rankings-status')), /已发布/);
    await closePage(street);
  });
}
