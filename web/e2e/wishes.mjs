// Micro-wishes (微心愿) end to end, called from e2e/run.mjs (E2E_SUITE=wishes runs only this):
// (a) demo-worker, on a phone, opens 我的心愿 from the home tile, is refused a value above the cap
//     (500 元) in words, and posts a wish: it shows as 待社区审核;
// (b) demo-community opens the wall, then 待审核心愿, and taps 通过 on that wish;
// (c) demo-sponsor, on a phone, opens 心愿墙 from its home tile, filters 待认领, and taps 认领 on the
//     card: the card turns 已认领 with the alliance's name; the wall carries no name or phone; on
//     我的认领 it uploads a photo with a note (上传照片并完成);
// (d) demo-worker sees 已送达 with the note and the photo, writes a thank-you and taps 确认收到: the
//     card turns 已完成 and shows the thanks; demo-sponsor's 我的认领 shows the thanks too.
// Screenshots: <repo>/build/screenshots/e2e-wishes-wall.png (phone), e2e-wishes-mine.png (phone).

import assert from 'node:assert/strict';
import { deflateSync, crc32 } from 'node:zlib';
import { apiIn } from './page_api.mjs';

/** A small PNG of a parcel on a doorstep (flat colours): enough for the server to rebuild. */
function parcelPng(width = 200, height = 150) {
  const raw = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const box = x > 60 && x < 140 && y > 50 && y < 120;
      row.set(box ? [176, 124, 72] : y > 110 ? [120, 120, 120] : [222, 232, 240], 1 + x * 3);
    }
    raw.push(row);
  }
  const part = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc32(typed) >>> 0);
    return Buffer.concat([length, typed, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), part('IHDR', header), part('IDAT', deflateSync(Buffer.concat(raw))), part('IEND', Buffer.alloc(0))]);
}

export async function wishesSuite(ctx) {
  const { base, test, newPage, closePage, settled, screenshot, loginViaForm, text, PHONE, DESKTOP } = ctx;
  const title = `电动车充电器 e2e-${Date.now().toString(36).slice(-5)}`;
  let wishId = null;
  const card = (page) => page.locator(`[data-testid="wish-card"][data-id="${wishId}"]`);

  await test('wishes (a): demo-worker posts a wish from 我的心愿, the cap refused in words', async () => {
    const page = await newPage(PHONE);
    await loginViaForm(page, 'demo-worker');
    const tile = page.getByTestId('tile-wishes');
    assert.equal(await tile.getAttribute('href'), '#/wishes/mine');
    await tile.click();
    await page.getByTestId('wishes-mine').waitFor();
    await page.getByTestId('wish-title').fill(title);
    await page.getByTestId('wish-category').selectOption('daily');
    await page.getByTestId('wish-reason').fill('旧充电器坏了，电动车每天要充电跑单');
    await page.getByTestId('wish-value').fill('800');
    // The browser's own check stops 800 first; past it, the page says the cap itself.
    await page.getByTestId('wish-value').evaluate((input) => input.removeAttribute('max'));
    await page.getByTestId('wish-submit').click();
    await page.getByTestId('wish-post-error').waitFor();
    assert.match(await text(page.getByTestId('wish-post-error')), /最多 500 元/);
    await page.getByTestId('wish-value').fill('150');
    await page.getByTestId('wish-submit').click();
    await page.getByTestId('wish-posted').waitFor();
    const mine = await apiIn(page, 'GET', '/api/v1/me/wishes');
    wishId = mine.body.items.find((w) => w.title === title)?.id;
    assert.ok(wishId, 'the wish is the worker’s');
    await card(page).waitFor();
    assert.equal(await card(page).getAttribute('data-status'), 'submitted');
    assert.match(await text(card(page).getByTestId('wish-status')), /待社区审核/);
    const box = await page.getByTestId('wish-submit').boundingBox();
    assert.ok(box && box.height >= 44, `the button is a big touch target (${box?.height})`);
    await closePage(page);
  });

  await test('wishes (b): demo-community verifies it from 待审核心愿', async () => {
    const page = await newPage(DESKTOP);
    await loginViaForm(page, 'demo-community');
    await page.goto(`${base}/#/wishes`);
    await page.getByTestId('wishes-queue-link').click();
    await page.getByTestId('wishes-queue').waitFor();
    await card(page).waitFor();
    await card(page).getByTestId('wish-verify').click();
    await card(page).waitFor({ state: 'detached' });
    const after = await apiIn(page, 'GET', `/api/v1/wishes/${wishId}`);
    assert.equal(after.body.status, 'verified');
    await closePage(page);
  });

  await test('wishes (c): demo-sponsor claims it on the wall and fulfils it with a photo', async () => {
    const page = await newPage(PHONE);
    await loginViaForm(page, 'demo-sponsor');
    const tile = page.getByTestId('tile-wishes');
    assert.equal(await tile.getAttribute('href'), '#/wishes');
    await tile.click();
    await page.getByTestId('wishes-wall').waitFor();
    await page.getByTestId('wish-filter-verified').click();
    await card(page).waitFor();
    assert.match(await text(card(page).getByTestId('wish-who')), /外卖骑手/);
    await card(page).getByTestId('wish-claim').click();
    // Claimed, it leaves 待认领; the whole wall shows it 已认领 with the alliance's name.
    await card(page).waitFor({ state: 'detached' });
    await page.getByTestId('wish-filter-all').click();
    await page.locator(`[data-testid="wish-card"][data-id="${wishId}"][data-status="claimed"]`).waitFor();
    assert.match(await text(card(page).getByTestId('wish-sponsor')), /中关村爱心企业联盟/);
    // Anonymised: no name, no phone on the wall.
    await settled(page);
    const wall = await text(page.getByTestId('wishes-wall'));
    assert.ok(!wall.includes('张小哥') && !/1\d{10}|1\d{2}\*{4}\d{4}/.test(wall), 'no name or phone on the wall');
    await screenshot(page, 'e2e-wishes-wall', { fullPage: false });
    await page.getByTestId('wishes-claims-link').click();
    await page.getByTestId('wishes-mine').waitFor();
    await card(page).waitFor();
    // The photo button speaks Chinese (the browser's own "Choose File" stays hidden) and is big.
    const pick = card(page).locator('label.btn', { has: page.getByTestId('wish-photo-input') });
    assert.match(await text(pick), /选择照片/);
    assert.ok((await pick.evaluate((e) => e.getBoundingClientRect().height)) >= 44, '选择照片 is a big target');
    await card(page).getByTestId('wish-photo-input').setInputFiles({ name: 'delivered.png', mimeType: 'image/png', buffer: parcelPng() });
    assert.equal(await text(card(page).getByTestId('wish-photo-input-name')), 'delivered.png');
    await card(page).locator('.photo-preview img').waitFor();
    await screenshot(page, 'e2e-wishes-photo-chosen', { fullPage: false });
    await card(page).getByTestId('wish-note-input').fill('充电器已放在华清嘉园驿站');
    await card(page).getByTestId('wish-fulfil').click();
    await page.locator(`[data-testid="wish-card"][data-id="${wishId}"][data-status="fulfilled"]`).waitFor();
    await card(page).getByTestId('wish-photo').waitFor();
    await closePage(page);
  });

  await test('wishes (d): demo-worker confirms with thanks; the sponsor sees the thanks', async () => {
    const page = await newPage(PHONE);
    await loginViaForm(page, 'demo-worker');
    await page.goto(`${base}/#/wishes/mine`);
    await card(page).waitFor();
    assert.equal(await card(page).getAttribute('data-status'), 'fulfilled');
    assert.match(await text(card(page).getByTestId('wish-note')), /华清嘉园驿站/);
    await card(page).getByTestId('wish-photo').waitFor();
    await card(page).getByTestId('wish-thanks-input').fill('谢谢爱心企业，充电器收到了！');
    await card(page).getByTestId('wish-confirm').click();
    await page.locator(`[data-testid="wish-card"][data-id="${wishId}"][data-status="confirmed"]`).waitFor();
    assert.match(await text(card(page).getByTestId('wish-thanks')), /充电器收到了/);
    await settled(page);
    await screenshot(page, 'e2e-wishes-mine', { fullPage: false });
    await closePage(page);

    const sponsor = await newPage(PHONE);
    await loginViaForm(sponsor, 'demo-sponsor');
    await sponsor.goto(`${base}/#/wishes/mine`);
    await card(sponsor).getByTestId('wish-thanks').waitFor();
    assert.match(await text(card(sponsor).getByTestId('wish-thanks')), /充电器收到了/);
    await closePage(sponsor);
  });
}
