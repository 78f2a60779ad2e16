// 活动 (issue 17) end to end, called from e2e/run.mjs (E2E_SUITE=events runs only this):
// (a) demo-union publishes two events through the API for tomorrow (Beijing): one with places, one
//     with a single place that demo-reporter takes, so it is full;
// (b) demo-worker, on a phone, opens 近期活动 from the home tile 活动 · 近期, sorts by riding time
//     with one button (the browser's location), registers in one tap (the card turns 已报名), and on
//     the full event sees 已满 · 候补 1 and joins the waiting list (候补第 1 位); 我的活动 shows the
//     ticket under 即将参加 with the big button to the pass, and the waiting one with its state;
// (c) demo-union, on a phone, opens 活动管理 from its home tile, publishes an event from the form
//     (发布活动) and lands on its roster; the first event's roster lists the worker with a masked
//     phone and the full one's waiting list has the worker first; it cancels the new event with a reason.
// Test data carry digit stamps only (the words suite flags Latin words). No page shows a stray
// Latin word. Screenshots: <repo>/build/screenshots/events-list.png, events-mine.png,
// events-new.png, events-roster.png (phone).

import assert from 'node:assert/strict';
import { apiIn } from './page_api.mjs';
import { strayWords } from './words.mjs';

const HOUR = 3600;
/** Near 华清嘉园 (五道口), where the demo worker rides. */
const HERE = { latitude: 39.9925, longitude: 116.3335 };

/** The first second (Unix) of the Beijing day `days` after today, and that day as YYYY-MM-DD. */
function beijingDay(days) {
  const shifted = new Date(Date.now() + 8 * HOUR * 1000);
  const start = Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate() + days) / 1000 - 8 * HOUR;
  return { start, date: new Date((start + 8 * HOUR) * 1000).toISOString().slice(0, 10) };
}

export async function eventsSuite(ctx) {
  const { base, test, newPage, closePage, settled, screenshot, loginViaForm, text, PHONE } = ctx;
  const stamp = String(Date.now()).slice(-6);
  const tomorrow = beijingDay(1);
  const atPhone = { ...PHONE, geolocation: HERE, permissions: ['geolocation'] };
  const ids = { open: null, full: null, made: null };
  const cardOf = (page, id) => page.locator(`[data-testid="event-card"][data-id="${id}"]`);
  const noStrayWords = async (page, testid) => {
    const stray = strayWords(await text(page.getByTestId(testid)));
    assert.deepEqual(stray, [], `no Latin words on ${testid}: ${stray.join(', ')}`);
  };

  await test('events (a): demo-union publishes an open event and a one-place event that fills', async () => {
    const union = await newPage(PHONE);
    await loginViaForm(union, 'demo-union');
    const event = (title, capacity, hour) => ({
      kind: 'legal_aid',
      title,
      description: '欠薪、工伤、合同问题现场咨询',
      organiser_kind: 'union',
      organiser_name: '海淀区总工会',
      area: '110108',
      address: '成府路 28 号',
      lat: HERE.latitude,
      lon: HERE.longitude,
      starts_at: tomorrow.start + hour * HOUR,
      ends_at: tomorrow.start + (hour + 2) * HOUR,
      capacity,
      hold_minutes: 120,
      walk_ins: false,
      family: false,
      eligibility: { kinds: [], platforms: [], areas: [] },
    });
    const open = await apiIn(union, 'POST', '/api/v1/events', event(`法律援助日 ${stamp}`, 20, 14));
    assert.equal(open.status, 201, JSON.stringify(open.body));
    ids.open = open.body.event.id;
    const full = await apiIn(union, 'POST', '/api/v1/events', event(`工伤咨询 ${stamp}`, 1, 10));
    assert.equal(full.status, 201, JSON.stringify(full.body));
    ids.full = full.body.event.id;
    await closePage(union);

    const reporter = await newPage(PHONE);
    await loginViaForm(reporter, 'demo-reporter');
    const taken = await apiIn(reporter, 'POST', `/api/v1/events/${ids.full}/registrations`, {});
    assert.equal(taken.status, 201, JSON.stringify(taken.body));
    assert.equal(taken.body.registration.status, 'confirmed');
    await closePage(reporter);
  });

  await test('events (b): demo-worker registers in one tap from 近期活动, joins a waiting list, sees the ticket', async () => {
    assert.ok(ids.open && ids.full, 'the events of (a)');
    const page = await newPage(atPhone);
    await loginViaForm(page, 'demo-worker');
    const tile = page.getByTestId('tile-events');
    assert.equal(await tile.getAttribute('href'), '#/events');
    assert.match(await text(tile), /活动 · 近期/);
    await tile.click();
    await page.getByTestId('events-page').waitFor();
    // The location is asked once, with a button; then the list is by riding time.
    await page.getByTestId('events-near').click();
    await page.locator('[data-testid="events-near-note"]', { hasText: '已按骑行时间排序' }).waitFor();
    await settled(page);
    const open = cardOf(page, ids.open);
    await open.waitFor();
    assert.match(await text(open.getByTestId('event-ride')), /骑行约 \d+ 分钟/);
    assert.equal(await open.getAttribute('data-action'), 'register');
    assert.match(await text(open.getByTestId('event-kind')), /法律援助日/);
    assert.match(await text(open.getByTestId('event-when')), /^明天 14:00–16:00$/);
    assert.match(await text(open.getByTestId('event-seats')), /剩 20 个名额/);
    const day = open.locator('xpath=ancestor::section[@data-testid="events-day"]');
    assert.equal(await day.getAttribute('data-date'), tomorrow.date);
    assert.match(await text(day.locator('.ev-day-title')), /^明天$/);
    const button = open.getByTestId('event-register');
    const box = await button.boundingBox();
    assert.ok(box && box.height >= 44, `报名 is a big touch target (${box?.height})`);
    await button.click();
    await open.locator('[data-testid="event-state"]', { hasText: '已报名' }).waitFor();
    assert.match(await text(open.getByTestId('event-seats')), /剩 19 个名额/);

    const full = cardOf(page, ids.full);
    assert.match(await text(full.getByTestId('event-seats')), /已满 · 候补 0/);
    assert.equal(await full.getAttribute('data-action'), 'join_waiting');
    assert.match(await text(full.getByTestId('event-register')), /排队候补/);
    await full.getByTestId('event-register').click();
    await full.locator('[data-testid="event-state"]', { hasText: '候补第 1 位' }).waitFor();
    await settled(page);
    await noStrayWords(page, 'events-page');
    await screenshot(page, 'events-list', { fullPage: false });

    const mine = await apiIn(page, 'GET', '/api/v1/me/events');
    assert.equal(mine.status, 200);
    const statuses = Object.fromEntries(mine.body.items.map((item) => [item.event.id, item.registration?.status]));
    assert.equal(statuses[ids.open], 'confirmed');
    assert.equal(statuses[ids.full], 'waiting');

    await page.getByTestId('events-mine-link').click();
    await page.getByTestId('events-mine').waitFor();
    const ticket = page.getByTestId('events-mine-upcoming').locator(`[data-testid="event-ticket"][data-id="${ids.open}"]`);
    await ticket.waitFor();
    assert.match(await text(ticket), /入场时出示进门码/);
    const pass = ticket.getByTestId('event-pass');
    assert.equal(await pass.getAttribute('href'), '#/pass');
    const passBox = await pass.boundingBox();
    assert.ok(passBox && passBox.height >= 44, `the pass button is big (${passBox?.height})`);
    const waiting = page.getByTestId('events-mine-pending').locator(`[data-testid="event-ticket"][data-id="${ids.full}"]`);
    assert.match(await text(waiting.getByTestId('event-state')), /候补/);
    await settled(page);
    await noStrayWords(page, 'events-mine');
    await screenshot(page, 'events-mine', { fullPage: false });

    // The event's page: the state, the pass, the calendar file.
    await ticket.getByTestId('event-link').click();
    await page.getByTestId('event-page').waitFor();
    await page.getByTestId('event-actions').waitFor();
    assert.equal(await page.getByTestId('event-actions').getAttribute('data-action'), 'confirmed');
    assert.equal(await page.getByTestId('event-calendar').getAttribute('href'), `/api/v1/events/${ids.open}/event.ics`);
    assert.match(await text(page.getByTestId('event-organiser')), /工会 · 海淀区总工会/);
    await closePage(page);
  });

  await test('events (c): demo-union publishes from the form, reads the rosters, cancels with a reason', async () => {
    const page = await newPage(atPhone);
    await loginViaForm(page, 'demo-union');
    const tile = page.getByTestId('tile-events-manage');
    assert.equal(await tile.getAttribute('href'), '#/events/manage');
    await tile.click();
    await page.getByTestId('events-manage').waitFor();
    await page.getByTestId('events-publish').click();
    await page.getByTestId('event-new').waitFor();
    const title = `冬季义诊 ${stamp}`;
    await page.getByTestId('event-form-kind').selectOption('health_check');
    await page.getByTestId('event-form-title').fill(title);
    await page.getByTestId('event-form-description').fill('量血压、测血糖，免费');
    await page.getByTestId('event-form-where-address').check();
    await page.getByTestId('event-form-address').fill('成府路 28 号');
    await page.getByTestId('event-form-locate').click();
    await page.getByTestId('event-form-located').waitFor();
    await page.getByTestId('event-form-date').fill(tomorrow.date);
    await page.getByTestId('event-form-start').fill('09:30');
    await page.getByTestId('event-form-end').fill('11:30');
    await page.getByTestId('event-form-capacity').fill('15');
    await page.getByTestId('event-form-eligible-food').check();
    await settled(page);
    await noStrayWords(page, 'event-new');
    await screenshot(page, 'events-new', { fullPage: false });
    await page.getByTestId('event-form-submit').click();
    await page.getByTestId('event-roster').waitFor();
    await page.locator('[data-testid="roster-title"]', { hasText: title }).waitFor();
    ids.made = Number(/#\/events\/(\d+)\/roster/.exec(page.url())?.[1]);
    assert.ok(ids.made > 0, page.url());
    const made = await apiIn(page, 'GET', `/api/v1/events/${ids.made}`);
    assert.equal(made.body.kind, 'health_check');
    assert.equal(made.body.starts_at, tomorrow.start + 9.5 * HOUR);
    assert.equal(made.body.capacity, 15);
    assert.deepEqual(made.body.eligibility.kinds, ['food']);
    await page.getByTestId('roster-empty').waitFor();
    assert.equal(await page.getByTestId('roster-door').getAttribute('href'), `#/events/${ids.made}/door`);
    assert.equal(await page.getByTestId('roster-export').getAttribute('href'), `/api/v1/events/${ids.made}/attendance.csv`);

    // The first event: the worker holds a place, with a masked phone.
    await page.goto(`${base}/#/events/${ids.open}/roster`);
    await page.locator('[data-testid="roster-title"]', { hasText: `法律援助日 ${stamp}` }).waitFor();
    const row = page.getByTestId('roster-people').locator('[data-testid="roster-row"]', { hasText: '张小哥' });
    await row.waitFor();
    assert.match(await text(row.getByTestId('roster-phone')), /^1\d{2}\*{4}\d{4}$/);
    assert.equal(await page.getByTestId('roster-count-confirmed').locator('.stat-value').getAttribute('data-value'), '1');
    await settled(page);
    await noStrayWords(page, 'event-roster');
    await screenshot(page, 'events-roster', { fullPage: false });

    // The full one: the worker is first on the waiting list.
    await page.goto(`${base}/#/events/${ids.full}/roster`);
    const first = page.getByTestId('roster-waiting').locator('[data-testid="roster-row"]').first();
    await first.waitFor();
    assert.match(await text(first), /^1\. 张小哥/);

    // Cancelling the new event asks for a reason.
    await page.goto(`${base}/#/events/${ids.made}/roster`);
    await page.getByTestId('event-cancel').click();
    await page.getByTestId('event-cancel-dialog').waitFor();
    await page.getByTestId('reason-input').fill('场地临时维修');
    await page.getByTestId('modal-submit').click();
    await page.getByTestId('event-cancelled').waitFor();
    const cancelled = await apiIn(page, 'GET', `/api/v1/events/${ids.made}`);
    assert.equal(cancelled.body.status, 'cancelled');
    assert.equal(cancelled.body.cancel_reason, '场地临时维修');
    await closePage(page);
  });
}
