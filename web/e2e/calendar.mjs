// 日历订阅 end to end, called from e2e/run.mjs (E2E_SUITE=calendar runs only this): demo-worker, on a
// phone, opens #/calendar, makes the calendar link (shown once, with a webcal:// subscribe button),
// the link answers an iCalendar feed; 重新生成 kills the old link; 停用 kills the new one; the public
// feeds of the worker's community, street and district are listed with their subscribe buttons.
// Screenshot: <repo>/build/screenshots/e2e-calendar.png (phone).

import assert from 'node:assert/strict';

export async function calendarSuite(ctx) {
  const { base, test, newPage, closePage, settled, screenshot, loginViaForm, text, PHONE } = ctx;

  await test('calendar: demo-worker makes, resets and stops the calendar link at #/calendar', async () => {
    const page = await newPage(PHONE);
    page.on('dialog', (dialog) => void dialog.accept());
    await loginViaForm(page, 'demo-worker');
    await page.goto(`${base}/#/calendar`);
    await page.getByTestId('calendar-page').waitFor();
    await settled(page);

    // The public feeds: the district among them, each a webcal:// button.
    const district = page.locator('[data-testid="calendar-area-feed"][data-area="110108"]');
    await district.waitFor();
    assert.match((await district.locator('a').getAttribute('href')) ?? '', /^webcal:\/\/.*\/api\/v1\/events\.ics\?area=110108$/);

    // Make the link: shown once, with subscribe and copy; big touch targets.
    const make = page.getByTestId('calendar-make');
    const box = await make.boundingBox();
    assert.ok(box && box.height >= 44, `the button is a big touch target (${box?.height} px)`);
    await make.click();
    await page.getByTestId('calendar-made').waitFor();
    const url = await page.getByTestId('calendar-url').inputValue();
    assert.match(url, /\/api\/v1\/calendar\/[A-Za-z0-9_-]{20,}\.ics$/);
    assert.equal(await page.getByTestId('calendar-subscribe').getAttribute('href'), url.replace(/^https?:/, 'webcal:'));
    const path = new URL(url).pathname;
    const feed = await fetch(`${base}${path}`);
    assert.equal(feed.status, 200);
    assert.match(feed.headers.get('content-type') ?? '', /^text\/calendar/);
    assert.match(await feed.text(), /^BEGIN:VCALENDAR\r\n/);
    await screenshot(page, 'e2e-calendar');

    // 重新生成: a new link, the old one answers 404.
    await page.getByTestId('calendar-reset').click();
    await page.waitForFunction((old) => document.querySelector('[data-testid="calendar-url"]')?.value !== old, url);
    const fresh = await page.getByTestId('calendar-url').inputValue();
    assert.notEqual(fresh, url);
    assert.equal((await fetch(`${base}${path}`)).status, 404);
    assert.equal((await fetch(`${base}${new URL(fresh).pathname}`)).status, 200);

    // 停用: the note says so, the link answers 404, and the page offers to make one again.
    await page.getByTestId('calendar-revoke').click();
    await page.getByTestId('calendar-note').waitFor();
    assert.ok((await text(page.getByTestId('calendar-note'))).length > 0);
    await page.getByTestId('calendar-make').waitFor();
    assert.equal((await fetch(`${base}${new URL(fresh).pathname}`)).status, 404);

    // After a reload only the date shows, never the link.
    await page.getByTestId('calendar-make').click();
    await page.getByTestId('calendar-made').waitFor();
    await page.reload();
    await page.getByTestId('calendar-state').waitFor();
    assert.equal(await page.getByTestId('calendar-url').count(), 0, 'the link is shown only when made');
    await closePage(page);
  });
}
