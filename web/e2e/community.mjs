// Roaming grid reporters, rider conduct and notifications end to end, called from e2e/run.mjs
// (E2E_SUITE=community runs only this):
// (a) demo-community appoints a rider from the registry (demo-worker) as a 流动网格员 on #/grid-reporters, sees them
//     listed and in the monthly record, then ends the term early;
// (b) demo-guard, on a phone, records a rider's conduct on #/conduct/new (tap platform, tap kind,
//     记录) and sees it at the top of the list, also after a reload;
// (c) demo-street sees the conduct statistics on #/conduct: the per-platform chart and compounds;
// (d) demo-reporter (an appointed grid reporter) sees the badge on the home screen and the note on
//     the report form, submits a report, and demo-grid's bell shows it; opening the notifications
//     lists it, links to the report and clears the count;
// (e) with demo-grid's desktop and demo-worker's phone open, demo-community dispatches demo-worker's report to
//     demo-grid: both bells light up without a reload (the inbox's event stream); the rider's list says, in
//     Chinese, that the report was passed on, and the next step (demo-grid starts) appears in the open list.
// Nothing depends on the wall clock: the pages default to the current month, and the data each
// check looks for is created by the same run.
// Screenshots: <repo>/build/e2e-community-*.png (COMMUNITY_SHOT_DIR to change).

import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiIn } from './page_api.mjs';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shotDir = path.resolve(webDir, process.env.COMMUNITY_SHOT_DIR ?? '../build');

// Near 华清嘉园 in 科源社区, the community of demo-reporter's appointment and of demo-grid.
const SPOT = { lat: 39.9897, lon: 116.3298 };
// ~150 m south-east of it, still in 科源社区: (e)'s traffic report (no other suite reports traffic).
const TRAFFIC_SPOT = { lat: 39.9885, lon: 116.3310 };

export async function communitySuite(ctx) {
  const { base, test, newPage, closePage, settled, loginViaForm, text, PHONE, DESKTOP } = ctx;
  const stamp = Date.now().toString(36).slice(-5);
  const shot = async (page, name, fullPage = true) => {
    await page.evaluate(() => document.fonts?.ready);
    await page.screenshot({ path: path.join(shotDir, `e2e-community-${name}.png`), fullPage, animations: 'disabled' });
  };
  const noErrors = (page) => assert.deepEqual(page.errors.map(String), [], 'no uncaught page errors');

  await test('community (a): demo-community appoints a grid reporter, sees them listed and in the record, ends the term', async () => {
    const page = await newPage(DESKTOP);
    await loginViaForm(page, 'demo-community');
    assert.equal(await page.getByTestId('tile-grid-reporters').getAttribute('href'), '#/grid-reporters', '流动网格员 tile on the console');
    assert.equal(await page.getByTestId('tile-conduct-stats').getAttribute('href'), '#/conduct', '行为统计 tile on the console');
    await page.getByTestId('tile-grid-reporters').click();
    await page.getByTestId('grid-table').waitFor();
    // Only a verified rider with an account can be appointed: demo-worker (张小哥) is one.
    await page.getByTestId('grid-worker-search').fill('张小哥');
    const option = page.locator('[data-testid="grid-worker-option"]', { hasText: '张小哥' }).first();
    await option.waitFor();
    const workerId = await option.getAttribute('data-worker-id');
    assert.equal(await page.locator(`[data-testid="grid-row"][data-worker-id="${workerId}"]`).count(), 0, 'demo-worker is not appointed yet');
    await page.locator(`[data-testid="grid-worker-option"][data-worker-id="${workerId}"]`).click();
    assert.equal(await page.getByTestId('grid-worker-id').inputValue(), workerId, 'picking fills the worker id');
    await page.getByTestId('grid-appoint').click();
    await page.getByTestId('grid-appoint-done').waitFor();
    assert.match(await text(page.getByTestId('grid-appoint-done')), /已聘任/);
    const row = page.locator(`[data-testid="grid-row"][data-worker-id="${workerId}"]`);
    await row.waitFor();
    assert.equal(await row.getAttribute('data-active'), 'true');
    await page.locator(`[data-testid="grid-record-row"][data-worker-id="${workerId}"]`).waitFor();

    // Appointing the same rider again: 409, shown as the server's detail.
    await page.getByTestId('grid-worker-id').fill(workerId);
    await page.getByTestId('grid-appoint').click();
    await page.getByTestId('grid-appoint-error').waitFor();
    assert.ok((await text(page.getByTestId('grid-appoint-error'))).length > 0, 'the 409 is explained');
    await settled(page);
    await shot(page, 'grid-reporters-desktop');

    // End the term early.
    await row.getByTestId('grid-end').click();
    await page.getByTestId('grid-end-dialog').waitFor();
    await page.getByTestId('modal-submit').click();
    await page.locator(`[data-testid="grid-row"][data-worker-id="${workerId}"]`).waitFor({ state: 'detached' });
    await page.getByTestId('grid-show-all').check();
    await page.locator(`[data-testid="grid-row"][data-worker-id="${workerId}"][data-active="false"]`).waitFor();
    noErrors(page);
    await closePage(page);
  });

  const note = `e2e 电动车停在大门口 ${stamp}`;
  await test('community (b): demo-guard records a rider’s conduct on the phone and sees it listed', async () => {
    const page = await newPage(PHONE);
    await loginViaForm(page, 'demo-guard');
    assert.equal(await page.getByTestId('tile-conduct').getAttribute('href'), '#/conduct/new', '行为记录 tile on the guard home');
    await page.getByTestId('tile-conduct').click();
    await page.getByTestId('conduct-new-page').waitFor();
    await page.getByTestId('conduct-list').waitFor();
    // Without a choice the button explains what is missing.
    await page.getByTestId('conduct-submit').click();
    assert.match(await text(page.getByTestId('conduct-error')), /请先选择/);
    await page.locator('[data-testid="conduct-platform"][data-value="美团"]').tap();
    await page.locator('[data-testid="conduct-kind"][data-value="blocking_entrance"]').tap();
    assert.equal(await page.locator('[data-testid="conduct-kind"][data-value="blocking_entrance"]').getAttribute('aria-checked'), 'true');
    assert.equal(await text(page.locator('[data-testid="conduct-kind"][data-value="blocking_entrance"]')), '堵塞出入口');
    await page.getByTestId('conduct-note').fill(note);
    await shot(page, 'conduct-phone-filled', false);
    await page.getByTestId('conduct-submit').tap();
    await page.getByTestId('conduct-done').waitFor();
    assert.match(await text(page.getByTestId('conduct-done')), /已记录：美团 · 堵塞出入口/);
    const first = page.locator('[data-testid="conduct-row"]').first();
    assert.match(await text(first), new RegExp(stamp), 'the new record is on top');
    assert.equal(await first.getAttribute('data-kind'), 'blocking_entrance');
    await shot(page, 'conduct-phone');
    await page.reload();
    await page.locator('[data-testid="conduct-row"]').first().waitFor();
    assert.match(await text(page.locator('[data-testid="conduct-row"]').first()), new RegExp(stamp), 'listed by the server after a reload');
    noErrors(page);
    await closePage(page);
  });

  await test('community (c): demo-street sees the conduct statistics chart', async () => {
    const page = await newPage(DESKTOP);
    await loginViaForm(page, 'demo-street');
    await page.getByTestId('tile-conduct-stats').click();
    await page.getByTestId('conduct-stats-page').waitFor();
    const chart = page.locator('[data-testid="conduct-platform-chart"][data-ready="1"]');
    await chart.waitFor();
    await chart.locator('svg').first().waitFor();
    const total = Number(await page.getByTestId('conduct-total').getAttribute('data-total'));
    assert.ok(total >= 1, `at least the guard's record counts (got ${total})`);
    assert.ok((await page.locator('[data-testid="conduct-compound-row"]').count()) >= 1, 'compounds listed');
    assert.ok((await chart.locator('svg path').count()) > 3, 'bars drawn');
    await page.locator('[data-testid="conduct-month-chart"][data-ready="1"] svg').first().waitFor();
    // A reversed range is refused in the page.
    const to = await page.getByTestId('conduct-to').inputValue();
    await page.getByTestId('conduct-from').fill(to.replace(/^(\d{4})/, (y) => String(Number(y) + 1)));
    await page.getByTestId('conduct-apply').click();
    await page.getByTestId('conduct-stats-error').waitFor();
    await page.getByTestId('conduct-from').fill(to);
    await page.getByTestId('conduct-apply').click();
    await page.locator('[data-testid="conduct-platform-chart"][data-ready="1"] svg').first().waitFor();
    // Back to the default range for the screenshot.
    await page.reload();
    await page.locator('[data-testid="conduct-platform-chart"][data-ready="1"] svg').first().waitFor();
    await shot(page, 'conduct-stats-desktop');
    noErrors(page);
    await closePage(page);
  });

  await test('community (d): a grid reporter’s report notifies demo-grid; the bell counts it and the list opens it', async () => {
    const grid = await newPage(DESKTOP);
    await loginViaForm(grid, 'demo-grid');
    await grid.getByTestId('notify-bell').waitFor();
    const before = Number(await grid.getByTestId('notify-bell').getAttribute('data-unread'));

    const reporter = await newPage(PHONE);
    await loginViaForm(reporter, 'demo-reporter');
    const badge = reporter.getByTestId('grid-reporter-badge');
    await badge.waitFor();
    assert.match(await text(badge), /^流动网格员 · .+ · 任期至 \d{4}-\d{2}-\d{2}$/);
    await shot(reporter, 'reporter-home-phone', false);
    await reporter.goto(`${base}/#/report`);
    await reporter.getByTestId('grid-reporter-note').waitFor();
    const created = await apiIn(reporter, 'POST', '/api/v1/reports', { category: 'facility', description: `路灯坏了 e2e-${stamp}`, lat: SPOT.lat, lon: SPOT.lon, photo_ids: [], client_id: `e2e-grid-${stamp}` });
    assert.ok(created.status === 201 || created.status === 200, `report created (${created.status} ${JSON.stringify(created.body).slice(0, 200)})`);
    const id = created.body.id;
    assert.equal(created.body.reporter?.grid_reporter, true, 'the report is marked as a grid reporter’s');
    await reporter.goto(`${base}/#/reports/mine`);
    await reporter.locator(`[data-testid="report-row"][data-report-id="${id}"] [data-testid="grid-reporter-tag"]`).waitFor();
    noErrors(reporter);
    await closePage(reporter);

    await grid.reload();
    await grid.waitForFunction((n) => Number(document.querySelector('[data-testid="notify-bell"]')?.getAttribute('data-unread') ?? -1) > n, before);
    assert.ok(await grid.getByTestId('notify-count').isVisible(), 'the unread count shows on the bell');
    await shot(grid, 'notify-bell-desktop', false);
    await grid.getByTestId('notify-bell').click();
    const item = grid.locator(`[data-testid="notify-item"][data-report-id="${id}"]`);
    await item.waitFor();
    await grid.waitForFunction(() => document.querySelector('[data-testid="notify-bell"]')?.getAttribute('data-unread') === '0');
    assert.ok(await grid.getByTestId('notify-count').isHidden(), 'opening the list clears the count');
    await shot(grid, 'notifications-desktop');
    await item.locator('a').click();
    await grid.waitForURL((url) => url.hash === `#/reports/${id}`);
    await grid.getByTestId('report-timeline').waitFor();
    const unread = await apiIn(grid, 'GET', '/api/v1/notifications?unread=true');
    assert.equal(unread.body.unread, 0, 'marked read on the server');
    noErrors(grid);
    await closePage(grid);
  });

  await test('community (e): a dispatch lights demo-grid’s bell and the rider’s at once, without a reload', async () => {
    const unreadOf = (page) => page.evaluate(() => Number(document.querySelector('[data-testid="notify-bell"]')?.getAttribute('data-unread') ?? -1));
    const rises = (page, before) =>
      page.waitForFunction((n) => Number(document.querySelector('[data-testid="notify-bell"]')?.getAttribute('data-unread') ?? -1) > n, before, { timeout: 5000 });
    const grid = await newPage(DESKTOP);
    await loginViaForm(grid, 'demo-grid');
    await grid.getByTestId('notify-bell').waitFor();
    const worker = await newPage(PHONE);
    await loginViaForm(worker, 'demo-worker');
    await worker.getByTestId('notify-bell').waitFor();
    const community = await newPage(DESKTOP);
    await loginViaForm(community, 'demo-community');

    const created = await apiIn(worker, 'POST', '/api/v1/reports', { category: 'traffic', description: `路口信号灯不亮 e2e-${stamp}`, lat: TRAFFIC_SPOT.lat, lon: TRAFFIC_SPOT.lon, photo_ids: [], client_id: `e2e-live-${stamp}` });
    assert.ok(created.status === 201 || created.status === 200, `report created (${created.status} ${JSON.stringify(created.body).slice(0, 200)})`);
    const id = created.body.id;
    assert.equal(created.body.area?.code, '110108011001', 'in 科源社区');
    const gridBefore = await unreadOf(grid);
    const workerBefore = await unreadOf(worker);
    assert.ok(gridBefore >= 0 && workerBefore >= 0, 'both bells are shown');
    // A reload would lose this mark.
    for (const page of [grid, worker]) await page.evaluate(() => { window.e2eNotReloaded = true; });

    const dispatched = await apiIn(community, 'POST', `/api/v1/reports/${id}/actions`, { action: 'dispatch', assignee: { kind: 'officer', login: 'demo-grid' } });
    assert.equal(dispatched.status, 200, JSON.stringify(dispatched.body).slice(0, 300));
    const t0 = Date.now();
    await rises(grid, gridBefore);
    await rises(worker, workerBefore);
    const elapsed = Date.now() - t0;
    assert.ok(elapsed < 5000, `both bells within 5 s (${elapsed} ms)`);
    for (const page of [grid, worker]) {
      assert.equal(await page.evaluate(() => window.e2eNotReloaded), true, 'no reload');
      assert.ok(await page.getByTestId('notify-count').isVisible(), 'the count shows');
      assert.ok(await page.getByTestId('notify-bell').evaluate((el) => el.classList.contains('bell-ring')), 'the bell rings');
      assert.match(String(await page.getByTestId('notify-bell').getAttribute('aria-label')), /^通知（\d+ 条未读）$/);
    }
    await shot(grid, 'notify-live-grid-desktop', false);
    await shot(worker, 'notify-live-rider-phone', false);
    const told = await apiIn(grid, 'GET', '/api/v1/notifications?unread=true');
    assert.ok(told.body.items.some((n) => n.report_id === id && n.kind === 'report_assigned'), 'demo-grid is told it was assigned');

    // The rider opens the bell: the step in words; the next step arrives in the open list.
    const bell = worker.getByTestId('notify-bell');
    const box = await bell.boundingBox();
    assert.ok(box && box.height >= 40, `the bell is a touch target (${box?.height} px)`);
    await bell.click();
    const item = (kind) => worker.locator(`[data-testid="notify-item"][data-report-id="${id}"][data-kind="${kind}"]`);
    await item('report_dispatched').waitFor();
    assert.equal(await text(item('report_dispatched').locator('.notify-message')), `你的上报 #${id}（交通隐患）已派单处理`);
    const started = await apiIn(grid, 'POST', `/api/v1/reports/${id}/actions`, { action: 'start' });
    assert.equal(started.status, 200, JSON.stringify(started.body).slice(0, 300));
    await item('report_started').waitFor({ timeout: 5000 });
    assert.equal(await text(item('report_started').locator('.notify-message')), `你的上报 #${id}（交通隐患）正在处理`);
    await worker.waitForFunction(() => document.querySelector('[data-testid="notify-bell"]')?.getAttribute('data-unread') === '0');
    await shot(worker, 'notify-list-rider-phone');
    await item('report_started').locator('a').click();
    await worker.waitForURL((url) => url.hash === `#/reports/${id}`);
    for (const page of [grid, worker, community]) {
      noErrors(page);
      await closePage(page);
    }
  });
}
