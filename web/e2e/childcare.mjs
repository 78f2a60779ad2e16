// Childcare (托管服务) end to end, called from e2e/run.mjs (E2E_SUITE=childcare runs only this):
// (a) demo-worker, on a phone, opens #/childcare: the demo's 寒假托管班, where he holds a place, shows
//     his child 小雨 (7); an age of 40 is refused in words before anything is sent; he registers
//     小风 (4), who shows under 我的孩子;
// (b) demo-keeper, the class's organiser, opens the class's 考勤表 from #/childcare, picks the first
//     day and taps the big 已到 toggle for 小雨 and 未到 for 小风: the count says 已到 1/2 and the
//     server keeps both marks; demo-reporter, who holds no place in the class, is refused its children;
// (c) demo-worker removes 小风 again (the page asks first).
// Screenshots: <repo>/build/screenshots/e2e-childcare-worker.png and e2e-childcare-sheet.png (phone).

import assert from 'node:assert/strict';
import { apiIn } from './page_api.mjs';

export async function childcareSuite(ctx) {
  const { base, test, newPage, closePage, settled, screenshot, loginViaForm, text, PHONE } = ctx;
  let classId = null;
  // The demo's ten-day 寒假托管班 where demo-worker holds a place.
  const winterCard = (page) =>
    classId
      ? page.locator(`[data-testid="childcare-class"][data-event-id="${classId}"]`)
      : page.locator('[data-testid="childcare-class"]', { has: page.locator('[data-testid="my-child"]', { hasText: '小雨' }) });

  await test('childcare (a): demo-worker sees 小雨 in the winter class and registers another child', async () => {
    const page = await newPage(PHONE);
    await loginViaForm(page, 'demo-worker');
    await page.goto(`${base}/#/childcare`);
    await page.getByTestId('childcare-page').waitFor();
    const card = winterCard(page);
    await card.waitFor();
    assert.match(await text(card.locator('h2')), /寒假托管班/);
    classId = Number(await card.getAttribute('data-event-id'));
    assert.ok(classId > 0, 'the winter class has an id');
    const children = card.getByTestId(`my-children-${classId}`);
    await children.getByTestId('my-child').first().waitFor();
    assert.match(await text(children.getByTestId('my-child').first()), /小雨.*7 岁/s);

    await children.getByTestId('child-name').fill('小风');
    await children.getByTestId('child-age').fill('40');
    // The browser's own check stops 40 first; past it, the page says the bound itself.
    await children.getByTestId('child-age').evaluate((input) => input.removeAttribute('max'));
    await children.getByTestId('child-add').click();
    await children.getByTestId('child-error').waitFor();
    assert.match(await text(children.getByTestId('child-error')), /0 到 15/);
    await children.getByTestId('child-age').fill('4');
    await children.getByTestId('child-note').fill('芒果过敏');
    await children.getByTestId('child-add').click();
    await children.getByTestId('my-child').nth(1).waitFor();
    assert.match(await text(children.getByTestId('my-child').nth(1)), /小风.*4 岁.*芒果过敏/s);
    await settled(page);
    await screenshot(page, 'e2e-childcare-worker', { fullPage: false });
    await closePage(page);
  });

  await test('childcare (b): demo-keeper keeps the attendance sheet with big toggles; a stranger is refused', async () => {
    assert.ok(classId, 'the class was found in (a)');
    const page = await newPage(PHONE);
    await loginViaForm(page, 'demo-keeper');
    await page.goto(`${base}/#/childcare`);
    const card = winterCard(page);
    await card.waitFor();
    await card.getByTestId('childcare-sheet-link').click();
    await page.getByTestId('childcare-sheet').waitFor();
    const sheet = await apiIn(page, 'GET', `/api/v1/events/${classId}/children/attendance`);
    assert.equal(sheet.status, 200);
    const first = sheet.body.event.days[0];
    await page.getByTestId(`sheet-day-${first}`).click();
    const row = (name) => page.locator('[data-testid="sheet-child"]', { hasText: name });
    await row('小雨').getByTestId('sheet-here').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="sheet-child"] [data-testid="sheet-here"]')?.getAttribute('aria-pressed') === 'true');
    await row('小风').getByTestId('sheet-absent').click();
    await page.waitForFunction(() => /已到 1\/2/.test(document.querySelector('[data-testid="sheet-count"]')?.textContent ?? ''));
    const box = await row('小雨').getByTestId('sheet-here').boundingBox();
    assert.ok(box && box.height >= 44 && box.width >= 44, `the toggle is a big touch target (${JSON.stringify(box)})`);
    const kept = await apiIn(page, 'GET', `/api/v1/events/${classId}/children/attendance`);
    const marks = Object.fromEntries(kept.body.children.map((c) => [c.given_name, c.attendance[first]]));
    assert.equal(marks['小雨'], true);
    assert.equal(marks['小风'], false);
    await settled(page);
    await screenshot(page, 'e2e-childcare-sheet', { fullPage: false });
    await closePage(page);

    const stranger = await newPage(PHONE);
    await loginViaForm(stranger, 'demo-reporter');
    const refused = await apiIn(stranger, 'GET', `/api/v1/events/${classId}/children`);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'childcare_no_place');
    await closePage(stranger);
  });

  await test('childcare (c): demo-worker removes 小风 again', async () => {
    const page = await newPage(PHONE);
    await loginViaForm(page, 'demo-worker');
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${base}/#/childcare`);
    const children = winterCard(page).getByTestId(`my-children-${classId}`);
    const xiaofeng = children.locator('[data-testid="my-child"]', { hasText: '小风' });
    await xiaofeng.waitFor();
    await xiaofeng.getByTestId('child-remove').click();
    await xiaofeng.waitFor({ state: 'detached' });
    const mine = await apiIn(page, 'GET', `/api/v1/events/${classId}/children`);
    assert.deepEqual(mine.body.items.map((c) => c.given_name), ['小雨']);
    await closePage(page);
  });
}
