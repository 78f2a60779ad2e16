// Volunteer teams (志愿服务) end to end, called from e2e/run.mjs (E2E_SUITE=volunteers runs only this):
// (a) demo-street opens #/volunteers and creates a street team with the form (its own street by default);
// (b) demo-worker, on a phone, joins that team, logs 90 minutes for today: the entry shows 待审核;
// (c) demo-reporter joins and is made leader; on a phone it sees the entry under 待我审核 and taps 通过;
// (d) demo-worker's entry turns 已通过 and the year's total counts its hours.
// Screenshots: <repo>/build/screenshots/e2e-volunteers-worker.png, e2e-volunteers-approve.png (phones),
// e2e-volunteers-organiser.png (desktop).

import assert from 'node:assert/strict';
import { apiIn } from './page_api.mjs';

export async function volunteersSuite(ctx) {
  const { base, test, newPage, closePage, settled, screenshot, loginViaForm, text, PHONE, DESKTOP } = ctx;
  const name = `志愿队${String(Date.now()).slice(-6)}`;
  let teamId = null;
  let entryId = null;

  await test('volunteers (a): demo-street creates a street team', async () => {
    const page = await newPage(DESKTOP);
    await loginViaForm(page, 'demo-street');
    await page.goto(`${base}/#/volunteers`);
    await page.getByTestId('vo-new-team').waitFor();
    await page.getByTestId('vo-team-name').fill(name);
    await page.getByTestId('vo-team-intro').fill('周末社区义务送餐、探望独居老人');
    await page.getByTestId('vo-team-create').click();
    await page.getByTestId('vo-org-teams').getByText(name).waitFor();
    const teams = await apiIn(page, 'GET', '/api/v1/volunteer-teams');
    assert.equal(teams.status, 200);
    teamId = teams.body.items.find((t) => t.name === name)?.id;
    assert.ok(teamId, 'the team is listed');
    await settled(page);
    await screenshot(page, 'e2e-volunteers-organiser', { fullPage: false });
    await closePage(page);
  });

  await test('volunteers (b): demo-worker joins and logs 90 minutes: 待审核', async () => {
    const page = await newPage(PHONE);
    await loginViaForm(page, 'demo-worker');
    await page.goto(`${base}/#/volunteers`);
    await page.getByTestId(`vo-join-${teamId}`).click();
    await page.getByTestId('vo-my-teams').getByText(name).waitFor();
    await page.getByTestId('vo-log').waitFor();
    await page.getByTestId('vo-log-team').selectOption(String(teamId));
    await page.getByTestId('vo-log-minutes').fill('90');
    await page.getByTestId('vo-log-note').fill('社区义诊现场引导');
    await page.getByTestId('vo-log-submit').click();
    await page.locator('[data-testid="vo-entry"][data-status="pending"]').first().waitFor();
    const mine = await apiIn(page, 'GET', '/api/v1/me/volunteering');
    const entry = mine.body.entries.find((e) => e.team.id === teamId && e.status === 'pending');
    assert.ok(entry, 'the pending entry is the worker\'s');
    entryId = entry.id;
    assert.match(await text(page.getByTestId('vo-entries')), /待审核/);
    await settled(page);
    await screenshot(page, 'e2e-volunteers-worker', { fullPage: false });
    await closePage(page);
  });

  await test('volunteers (c): demo-reporter, made leader, approves the entry', async () => {
    const page = await newPage(PHONE);
    await loginViaForm(page, 'demo-reporter');
    const joined = await apiIn(page, 'POST', `/api/v1/volunteer-teams/${teamId}/join`);
    assert.equal(joined.status, 200);
    const me = await apiIn(page, 'GET', '/api/v1/me');
    const reporterId = me.body.account.id;
    const organiser = await newPage(DESKTOP);
    await loginViaForm(organiser, 'demo-street');
    const led = await apiIn(organiser, 'POST', `/api/v1/volunteer-teams/${teamId}/leaders`, { account_id: reporterId });
    assert.equal(led.status, 200, JSON.stringify(led.body));
    await closePage(organiser);

    await page.goto(`${base}/#/volunteers`);
    const item = page.locator(`[data-testid="vo-approval"][data-id="${entryId}"]`);
    await item.waitFor();
    assert.match(await text(item), /张小哥/);
    await settled(page);
    await screenshot(page, 'e2e-volunteers-approve', { fullPage: false });
    await item.getByTestId('vo-approve').click();
    await item.waitFor({ state: 'detached' });
    await closePage(page);
  });

  await test('volunteers (d): the worker sees 已通过', async () => {
    const page = await newPage(PHONE);
    await loginViaForm(page, 'demo-worker');
    await page.goto(`${base}/#/volunteers`);
    await page.locator('[data-testid="vo-entry"][data-status="approved"]').first().waitFor();
    const mine = await apiIn(page, 'GET', '/api/v1/me/volunteering');
    assert.equal(mine.body.entries.find((e) => e.id === entryId)?.status, 'approved');
    await closePage(page);
  });
}
