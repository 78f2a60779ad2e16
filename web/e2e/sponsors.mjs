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
// (d) demo-street, on a phone, creates a sponsor on 爱心单位 (新建爱心单位: an empty name is refused in
//     words), lands on its page and adds demo-sponsor as its contact (添加成员: then put back through
//     the API); publishes a drive on 一本书的旅行 (新建募集活动) at a station of its street;
//     demo-merchant lists a new offer on 兑换核销 with that sponsor as 出资方: the offer carries its
//     sponsor_id, the line says who pays, and pausing it keeps the payer.
// Screenshots: <repo>/build/screenshots/e2e-sponsors.png (phone), e2e-sponsors-desktop.png,
// e2e-sponsors-drives.png (phone), e2e-sponsors-new.png (phone), e2e-sponsors-offer.png (phone).

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

  await test('sponsors (d): demo-street creates a sponsor, adds its contact and starts a drive; demo-merchant has it pay for an offer', async () => {
    const name = `e2e 爱心单位 ${stamp}`;
    const street = await newPage(PHONE);
    await loginViaForm(street, 'demo-street');
    await street.getByTestId('tile-sponsors').click();
    await street.getByTestId('sponsors-page').waitFor();
    await street.getByTestId('sp-new-open').click();
    await street.getByTestId('sp-new-submit').click();
    assert.match(await text(street.getByTestId('sp-new-message')), /请填写名称/, 'an empty name is refused in words');
    await street.getByTestId('sp-new-name').fill(name);
    await street.getByTestId('sp-new-kind').selectOption('company');
    await street.getByTestId('sp-new-intro').fill('e2e：为骑手早餐出资');
    const box = await street.getByTestId('sp-new-submit').boundingBox();
    assert.ok(box && box.height >= 44, `新建 is a big target (${box?.height})`);
    await street.getByTestId('sp-new-submit').click();
    await street.waitForURL(/#\/sponsors\/\d+$/);
    await street.getByTestId('sponsor-page').waitFor();
    const newId = Number(/#\/sponsors\/(\d+)/.exec(street.url())?.[1]);
    assert.ok(newId > 0, street.url());
    assert.equal(await text(street.getByTestId('sp-name')), name);
    await street.getByTestId('sp-members-empty').waitFor();

    // 添加成员: demo-sponsor, the sponsor-role account of the street, speaks for it (then back to its own).
    const own = (await apiIn(street, 'GET', '/api/v1/sponsors')).body.items.find((s) => s.name === '中关村爱心企业联盟');
    assert.ok(own, 'the demo sponsor');
    await street.getByTestId('sp-member-open').click();
    const pick = street.getByTestId('sp-member-pick');
    await pick.waitFor();
    const accountId = await pick.locator('option[data-login="demo-sponsor"]').getAttribute('value');
    assert.ok(Number(accountId) > 0, 'demo-sponsor is offered');
    assert.equal(await pick.locator('option[data-login="demo-street"]').count(), 0, 'only sponsor-role accounts are offered');
    await pick.selectOption(accountId);
    await street.getByTestId('sp-member-submit').click();
    await street.locator('[data-testid="sp-members"] li[data-login="demo-sponsor"]').waitFor();
    await settled(street);
    await screenshot(street, 'e2e-sponsors-new', { fullPage: true });
    const back = await apiIn(street, 'POST', `/api/v1/sponsors/${own.id}/members`, { account_id: Number(accountId) });
    assert.equal(back.status, 200, JSON.stringify(back.body));

    // 新建募集活动 at the first station of the street.
    const driveTitle = `e2e 童书 ${stamp}`;
    await street.goto(`${base}/#/drives`);
    await street.getByTestId('drives-page').waitFor();
    await street.getByTestId('drive-new-open').click();
    await street.getByTestId('drive-new-title').fill(driveTitle);
    await street.getByTestId('drive-new-collects').fill('适合小学生的课外书');
    await street.getByTestId('drive-new-goal').fill('100');
    await street.getByTestId('drive-new-submit').click();
    assert.match(await text(street.getByTestId('drive-new-message')), /请选择开始和结束日期/, 'no last day: refused in words');
    const today = await street.getByTestId('drive-new-from').inputValue();
    await street.getByTestId('drive-new-to').fill(today);
    await street.getByTestId('drive-new-point').first().locator('input').check();
    await street.getByTestId('drive-new-submit').click();
    const made = street.locator('[data-testid="drive"]', { hasText: driveTitle });
    await made.waitFor();
    assert.match(await text(made), /进行中/);
    assert.equal(await made.getByTestId('drive-point').count(), 1);
    assert.deepEqual(street.errors, []);
    await closePage(street);

    // 出资方 on the merchant's offers editor.
    const merchant = await newPage(PHONE);
    await loginViaForm(merchant, 'demo-merchant');
    await merchant.getByTestId('tile-redeem').click();
    const editor = merchant.locator('[data-testid="desk-place"]').first();
    await editor.waitFor();
    const placeId = Number(await editor.getAttribute('data-place-id'));
    const title = `爱心早餐 e2e-${stamp}`;
    await editor.getByTestId('desk-add-open').click();
    await editor.getByTestId('desk-add-title').fill(title);
    await editor.getByTestId('desk-add-price').fill('6');
    await editor.getByTestId('desk-add-stock').fill('2');
    assert.equal(await editor.getByTestId('desk-add-payer').inputValue(), '', 'the city pays unless a sponsor is picked');
    await editor.getByTestId('desk-add-payer').selectOption(String(newId));
    await editor.getByTestId('desk-add-submit').click();
    await editor.getByTestId('desk-add-done').waitFor();
    const added = editor.locator('[data-testid="desk-offer"]', { hasText: title });
    await added.waitFor();
    assert.equal(await added.getByTestId('desk-offer-payer').getAttribute('data-sponsor-id'), String(newId));
    assert.equal(await text(added.getByTestId('desk-offer-payer')), `出资方：${name}`);
    const offerOf = async () => (await apiIn(merchant, 'GET', `/api/v1/places/${placeId}/offers`)).body.offers.find((o) => o.title === title);
    assert.equal((await offerOf())?.sponsor_id, newId, 'the offer names its sponsor');
    await settled(merchant);
    await screenshot(merchant, 'e2e-sponsors-offer', { fullPage: true });
    // Pausing rewrites the offer without naming a payer: the sponsor stays.
    await added.getByTestId('desk-offer-toggle').click();
    const paused = editor.locator('[data-testid="desk-offer"][data-active="false"]', { hasText: title });
    await paused.waitFor();
    assert.equal(await paused.getByTestId('desk-offer-payer').getAttribute('data-sponsor-id'), String(newId));
    assert.equal((await offerOf())?.sponsor_id, newId, 'still paid by the sponsor after pausing');
    assert.deepEqual(merchant.errors, []);
    await closePage(merchant);
  });
}
