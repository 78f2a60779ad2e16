// Friendly places and 15-minute coverage end to end (docs/places.md), called from e2e/run.mjs
// (E2E_SUITE=places runs only this):
// (a) a rider at BUPT asks the public /places page for open stations with a microwave at 23:00
//     Beijing time (at= in the URL, never the real clock) and gets only places open then, nearest
//     by road first, and the road route drawn; a point outside the roads says so in Chinese; the
//     last answer stays on screen when the network goes away;
// (b) demo-district opens the coverage view of 学院路街道 at 23:00, sees gaps on the map, asks for
//     3 new stations (one candidate dropped on the map) and sees the share rise; on a phone, the
//     district's share says it is over those with road data and lists the rest apart;
// (c) demo-keeper adds a place (a second one with the same name is merged instead), demo-community
//     approves it from the review queue, and it appears in nearby;
// (d) demo-worker checks in at a place page (after logging in from its 登录后签到 link) and at
//     BUPT's 24-hour scan-to-enter station, whose door opens; the keeper sees the visit.

import assert from 'node:assert/strict';
import { apiIn } from './page_api.mjs';

const BUPT = { lat: 39.96, lon: 116.352 };
const AT_23 = '2026-11-23T23:00:00+08:00'; // a Monday, 23:00 in Beijing
const XUEYUAN_ROAD = '110108010'; // 学院路街道
// Near 华清嘉园 (demo-keeper's and demo-community's community), on the roads of the Wudaokou extract.
const NEW_PLACE = { lat: 39.99175, lon: 116.3287 };
const PHONE_360 = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

export async function placesSuite(ctx) {
  const { base, test, newPage, closePage, screenshot, loginViaForm, fillLogin, text, PHONE, DESKTOP, PASSWORD } = ctx;

  const getJson = async (url) => {
    const response = await fetch(`${base}${url}`);
    return { status: response.status, body: await response.json().catch(() => null) };
  };
  const nearbyUrl = (params) => `/api/v1/places/nearby?${new URLSearchParams(params)}`;
  const stamp = String(Date.now() % 1_000_000); // digits: the name shows on pages the words suite reads
  const newName = `E2E暖心驿站${stamp}`;
  let newPlaceId = null;
  let scanStation = null; // BUPT's 24/7 scan-to-enter station with a microwave

  await test('places (a): open stations with a microwave at 23:00 near BUPT, nearest by road, route drawn', async () => {
    // What the server says without the "open now" filter: there are microwave stations closed at 23:00.
    const all = await getJson(nearbyUrl({ ...BUPT, kind: 'station', amenity: 'microwave', at: AT_23, limit: '50' }));
    assert.equal(all.status, 200, 'GET nearby');
    const closed = all.body.places.filter((p) => p.open_now === false);
    assert.ok(closed.length > 0, 'some stations with a microwave are closed at 23:00');

    const page = await newPage(PHONE_360);
    const outside = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(base) && !r.url().startsWith('data:')) outside.push(r.url());
    });
    await page.goto(`${base}/places?lat=${BUPT.lat}&lon=${BUPT.lon}&at=${encodeURIComponent(AT_23)}`);
    await page.getByTestId('places-page').waitFor();
    await page.locator('[data-testid="places-map"][data-ready="true"]').waitFor();
    await page.locator('[data-testid="place-item"]').first().waitFor();
    // Big enough for a thumb.
    for (const locator of [page.locator('[data-testid="kind-chip"][data-kind="station"]'), page.locator('[data-testid="amenity-chip"][data-amenity="microwave"]'), page.getByTestId('open-now')]) {
      const box = await locator.boundingBox();
      assert.ok(box.height >= 44, `filter control is ${box.height}px tall`);
    }

    // As a rider would: 驿站, 微波炉, 现在营业.
    await page.locator('[data-testid="kind-chip"][data-kind="station"]').click();
    await page.locator('[data-testid="amenity-chip"][data-amenity="microwave"]').click();
    const answered = page.waitForResponse((r) => {
      const url = new URL(r.url());
      return url.pathname === '/api/v1/places/nearby' && url.searchParams.get('open_now') === 'true' && url.searchParams.get('kind') === 'station' && url.searchParams.get('amenity') === 'microwave';
    });
    await page.getByTestId('open-now').click();
    const response = await answered;
    assert.equal(response.status(), 200);
    assert.equal(new URL(response.url()).searchParams.get('at'), AT_23, 'at= passed through to the API');
    const answer = await response.json();
    assert.ok(answer.places.length > 0, 'an open station with a microwave nearby');
    await page.locator('[data-testid="places-list"][data-for="station|microwave|true"]').waitFor();
    await page.waitForFunction((n) => document.querySelector('[data-testid="places-count"]')?.getAttribute('data-count') === String(n), answer.places.length);

    const items = await page.$$eval('[data-testid="place-item"]', (rows) => rows.map((r) => ({ id: Number(r.dataset.placeId), kind: r.dataset.kind, open: r.dataset.open, seconds: Number(r.dataset.roadSeconds) })));
    assert.deepEqual(items.map((i) => i.id), answer.places.map((p) => p.id), 'the list is the answer, in its order');
    for (const item of items) {
      assert.equal(item.kind, 'station');
      assert.equal(item.open, 'true', `place ${item.id} is open at 23:00`);
    }
    for (let i = 1; i < items.length; i++) assert.ok(items[i].seconds >= items[i - 1].seconds, 'nearest by road first');
    for (const p of answer.places) assert.ok(p.amenities.includes('microwave'), `${p.name} has a microwave`);
    for (const c of closed) assert.ok(!items.some((i) => i.id === c.id), `${c.name} (closed at 23:00) is not listed`);
    assert.match(page.url(), /kind=station/);
    assert.match(page.url(), /open_now=1/);
    assert.match(await text(page.getByTestId('places-at')), /23:00/);
    assert.match(await text(page.locator('[data-testid="place-item"]').first().getByTestId('place-road')), /分钟/);
    assert.match(await text(page.getByTestId('map-attribution')), /OpenStreetMap/);
    assert.equal(await page.locator('[data-testid="place-marker"]').count(), answer.places.length, 'a marker per place');
    scanStation = answer.places.find((p) => p.scan_entry && p.always_open) ?? null;

    // The nearest: its road route on the map, with the minutes.
    const first = answer.places[0];
    const routed = page.waitForResponse((r) => r.url().includes(`/api/v1/places/${first.id}/route?`));
    await page.locator('[data-testid="place-item"]').first().getByTestId('place-pick').click();
    const route = await routed;
    assert.equal(route.status(), 200, 'GET route');
    await page.locator(`[data-testid="places-map"][data-route="${first.id}"]`).waitFor();
    assert.ok((await page.locator('.pr-line').count()) > 0, 'route drawn');
    assert.match(await text(page.getByTestId('route-summary')), /骑行约 .*分钟/);
    assert.deepEqual(outside, [], 'no request leaves this server (its own map tiles only)');
    // Streets under the pins: the base map's tiles, from this server, drawn (issue 15, item 3).
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="places-map"] img.leaflet-tile-loaded').length >= 4, null, { timeout: 15_000 });
    const tiles = await page.$$eval('[data-testid="places-map"] img.leaflet-tile-loaded', (imgs) => imgs.map((i) => ({ src: new URL(i.src).pathname, w: i.naturalWidth })));
    for (const tile of tiles) {
      assert.match(tile.src, /^\/tiles\/\d+\/\d+\/\d+\.svg$/);
      assert.equal(tile.w, 256, `${tile.src} drawn`);
    }
    const withStreets = await Promise.all(tiles.map(async (t) => /class="[Mms]c"/.test(await (await fetch(`${base}${t.src}`)).text())));
    assert.ok(withStreets.filter(Boolean).length >= 2, `streets in ${withStreets.filter(Boolean).length} of ${tiles.length} tiles`);
    assert.match(await text(page.getByTestId('map-base-attribution')), /底图 © OpenStreetMap 贡献者/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'e2e-places-nearby', { fullPage: true });

    // The network goes away: the last answer stays, and the page says it is an old copy.
    await page.context().setOffline(true);
    await page.getByTestId('profile-walk').click();
    await page.getByTestId('places-message').filter({ hasText: '网络不通' }).waitFor();
    assert.equal(await page.locator('[data-testid="place-item"]').count(), answer.places.length, 'the kept list is still shown');
    await page.context().setOffline(false);
    await closePage(page);
  });

  await test('places (a): a point off the road network gets a clear Chinese message, not a blank page', async () => {
    const page = await newPage(PHONE);
    await page.goto(`${base}/#/places?lat=39.5&lon=117.6`);
    const message = page.getByTestId('places-message');
    await message.filter({ hasText: /道路|范围|路网/ }).waitFor();
    assert.ok(await page.getByTestId('places-page').isVisible());
    assert.ok(await page.getByTestId('places-message').isVisible());
    assert.match(await text(message), /[\u4e00-\u9fff]/, 'the message is in Chinese');
    await closePage(page);
  });

  await test('places (a): without a location the rider picks a point on the map', async () => {
    const page = await newPage(PHONE);
    await page.goto(`${base}/places`);
    await page.getByTestId('places-message').filter({ hasText: '用我的位置' }).waitFor();
    await page.locator('[data-testid="places-map"][data-ready="true"]').waitFor();
    await page.getByTestId('pick-on-map').click();
    const box = await page.getByTestId('places-map').boundingBox();
    const answered = page.waitForResponse((r) => r.url().includes('/api/v1/places/nearby?'));
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const response = await answered;
    assert.equal(response.status(), 200, `nearby from the picked point: ${await response.text()}`);
    await page.locator('[data-testid="place-item"]').first().waitFor();
    assert.equal(await text(page.getByTestId('places-origin-name')), '地图上选的点');
    assert.match(page.url(), /lat=\d+\.\d+&lon=\d+\.\d+/, 'the point is kept in the URL');
    await closePage(page);
  });

  await test('coverage (b): 学院路街道 at 23:00, gaps on the map, three new stations raise the share', async () => {
    const page = await newPage(DESKTOP);
    await loginViaForm(page, 'demo-district');
    const tile = page.getByTestId('tile-coverage');
    await tile.waitFor();
    assert.match((await tile.getAttribute('href')) ?? '', /^#\/coverage\//, 'the officer home links to coverage');
    await page.goto(`${base}/#/coverage/${XUEYUAN_ROAD}?hour=23&minutes=15`);
    await page.locator('[data-testid="coverage-page"][data-loaded="23-15"]').waitFor({ timeout: 60_000 });
    assert.match(await text(page.getByTestId('coverage-title')), /学院路/);
    assert.equal(await page.getByTestId('coverage-hour').inputValue(), '23');
    await page.locator('[data-testid="coverage-map"][data-hour="23"]').waitFor();
    const gaps = Number(await page.getByTestId('coverage-map').getAttribute('data-gaps'));
    assert.ok(gaps > 0, `gaps at 23:00 (${gaps} cells)`);
    assert.ok((await page.locator('.pc-cell.is-gap').count()) > 0, 'gap cells drawn');
    assert.ok((await page.locator('[data-testid="coverage-station"]').count()) > 0, 'stations on the map');
    await page.locator('[data-testid="coverage-chart"] svg').waitFor();
    const before = Number(await page.getByTestId('coverage-share').getAttribute('data-share'));
    assert.ok(before < 1, `the share at 23:00 leaves room (${before})`);
    assert.ok((await page.locator('[data-testid="coverage-outside-item"]').count()) > 0, 'compounds or depots outside are listed');
    await page.getByTestId('coverage-liaison').waitFor();

    // Drop one candidate point on the map, then ask for 3 stations.
    await page.getByTestId('plan-add').click();
    const map = await page.getByTestId('coverage-map').boundingBox();
    await page.mouse.click(map.x + map.width * 0.5, map.y + map.height * 0.5);
    await page.locator('[data-testid="coverage-candidate"]').waitFor();
    await page.getByTestId('plan-add').click();
    assert.equal(await page.getByTestId('plan-k').inputValue(), '3');
    const planned = page.waitForResponse((r) => r.url().endsWith('/api/v1/coverage/plan'));
    await page.getByTestId('plan-run').click();
    const response = await planned;
    assert.equal(response.status(), 200, 'POST coverage/plan');
    const sent = response.request().postDataJSON();
    assert.equal(sent.k, 3);
    assert.equal(sent.hour, 23);
    assert.equal(sent.candidates.length, 1, 'the dropped point is a candidate');
    const plan = await response.json();
    await page.getByTestId('plan-share').waitFor();
    const after = Number(await page.getByTestId('plan-share').getAttribute('data-after'));
    assert.ok(after > Number(await page.getByTestId('plan-share').getAttribute('data-before')), `the share rises (${before} → ${after})`);
    const picks = await page.locator('[data-testid="plan-pick"]').count();
    assert.ok(picks >= 1 && picks <= 3, `${picks} picks`);
    assert.equal(picks, plan.picks.length);
    assert.equal(await page.locator('[data-testid="coverage-pick-marker"]').count(), picks, 'picks on the map');
    assert.match(await text(page.getByTestId('plan-share')), /→/);
    assert.match(await text(page.locator('[data-testid="plan-pick"]').first()), /\+\d+/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'e2e-coverage', { fullPage: true });
    await page.setViewportSize(PHONE.viewport);
    await page.waitForTimeout(300);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'e2e-coverage-phone', { fullPage: true });
    await closePage(page);
  });

  await test('coverage (b2): the demo district on a phone says the share is over those with road data and counts the rest apart', async () => {
    const page = await newPage(PHONE);
    await loginViaForm(page, 'demo-district');
    const tile = page.getByTestId('tile-coverage');
    await tile.waitFor();
    const href = (await tile.getAttribute('href')) ?? '';
    const district = /^#\/coverage\/([^?]+)/.exec(href)?.[1];
    assert.ok(district, `the officer home links to the district's coverage: ${href}`);
    await page.goto(`${base}/#/coverage/${district}?hour=23&minutes=15`);
    await page.locator('[data-testid="coverage-page"][data-loaded="23-15"]').waitFor({ timeout: 60_000 });
    const honest = page.getByTestId('coverage-honest');
    await honest.waitFor();
    const noRoad = Number(await honest.getAttribute('data-no-road'));
    const total = Number(await honest.getAttribute('data-total'));
    assert.ok(noRoad > 0 && noRoad < total, `some of the ${total} compounds and depots have no road data (${noRoad})`);
    const sentence = await text(honest);
    const m = /覆盖 [\d.]+%（有道路数据的 (\d+) 个中）；另有 (\d+) 个没有道路数据，未计入/.exec(sentence);
    assert.ok(m, `the honest sentence: ${sentence}`);
    assert.equal(Number(m[1]) + Number(m[2]), total, 'with road data + without = every compound and depot');
    assert.equal(Number(m[2]), noRoad);
    assert.match(sentence, new RegExp(`共 ${total} 个：覆盖 \\d+，未覆盖 \\d+，没有道路数据 ${noRoad}`));
    // Listed apart, folded; never as unreachable.
    const summary = page.locator('[data-testid="coverage-noroad"] summary');
    assert.match(await text(summary), new RegExp(`没有道路数据的小区和配送站（${noRoad}）`));
    assert.ok((await summary.boundingBox()).height >= 44, 'the fold is a big touch target');
    await summary.click();
    const items = page.locator('[data-testid="coverage-noroad-item"]');
    assert.equal(await items.count(), noRoad);
    assert.match(await text(items.first()), /没有道路数据/);
    assert.doesNotMatch(await text(page.getByTestId('coverage-noroad')), /骑不到/, 'no-road-data points are not called unreachable');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'e2e-coverage-honest', { fullPage: true });
    await closePage(page);
  });

  await test('places (c): keeper adds a place (a duplicate is merged), community approves it, it appears nearby', async () => {
    const keeper = await newPage(PHONE);
    await loginViaForm(keeper, 'demo-keeper');
    await keeper.getByTestId('my-places-section').waitFor();
    await keeper.getByTestId('place-add').click();
    const dialog = keeper.getByTestId('place-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('form-kind').selectOption('station');
    await dialog.getByTestId('form-name').fill(newName);
    await dialog.getByTestId('form-address').fill('海淀区成府路华清嘉园东侧');
    await dialog.getByTestId('form-lat').fill(String(NEW_PLACE.lat));
    await dialog.getByTestId('form-lon').fill(String(NEW_PLACE.lon));
    for (const a of ['water', 'hot_water', 'microwave', 'phone_charging', 'seats']) await dialog.locator(`[data-testid="form-amenity"][data-amenity="${a}"]`).check();
    // The hours with the editor: every day, 07:00 to 22:00 (no OSM syntax to type).
    const hours = dialog.getByTestId('hours-editor');
    await hours.getByTestId('hours-quick-all').click();
    await hours.getByTestId('hours-from').fill('07:00');
    await hours.getByTestId('hours-to').fill('22:00');
    assert.equal(await text(hours.getByTestId('hours-osm')), 'Mo-Su 07:00-22:00');
    assert.equal(await text(hours.getByTestId('hours-preview')), '每天 07:00-22:00');
    await dialog.getByTestId('form-capacity').fill('10');
    await dialog.getByTestId('form-supplies').fill('口罩、手套');
    await screenshot(keeper, 'e2e-places-keeper-form');
    const created = keeper.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/places'));
    await dialog.getByTestId('modal-submit').click();
    const createdResponse = await created;
    assert.equal(createdResponse.status(), 201, `POST places: ${await createdResponse.text()}`);
    assert.equal(createdResponse.request().postDataJSON().opening_hours, 'Mo-Su 07:00-22:00', 'the editor wrote the OSM text');
    const place = await createdResponse.json();
    assert.equal(place.status, 'pending', 'a keeper’s place waits for review');
    newPlaceId = place.id;
    await dialog.waitFor({ state: 'detached' });
    const card = keeper.locator(`[data-testid="my-place"][data-place-id="${newPlaceId}"]`);
    await card.waitFor();
    assert.equal(await text(card.getByTestId('my-place-status')), '待审核');
    assert.ok(await card.getByTestId('my-place-sign').getAttribute('href'), 'the printable sign is linked');

    // The same name again at the same spot: 409 duplicate_place → 合并到已有场所.
    await keeper.getByTestId('place-add').click();
    await dialog.waitFor();
    await dialog.getByTestId('form-name').fill(newName);
    await dialog.getByTestId('form-lat').fill(String(NEW_PLACE.lat));
    await dialog.getByTestId('form-lon').fill(String(NEW_PLACE.lon));
    for (const a of ['water', 'microwave', 'toilet']) await dialog.locator(`[data-testid="form-amenity"][data-amenity="${a}"]`).check();
    await dialog.getByTestId('hours-always').check();
    assert.equal(await text(dialog.getByTestId('hours-osm')), '24/7');
    const duplicate = keeper.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/places'));
    await dialog.getByTestId('modal-submit').click();
    assert.equal((await duplicate).status(), 409, 'duplicate_place');
    await dialog.getByTestId('duplicate-box').waitFor();
    assert.match(await text(dialog.getByTestId('duplicate-box')), new RegExp(newName));
    await screenshot(keeper, 'e2e-places-duplicate');
    const merged = keeper.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/places'));
    await dialog.getByTestId('merge-into').click();
    const mergedResponse = await merged;
    assert.ok([200, 201].includes(mergedResponse.status()), `merge answered ${mergedResponse.status()}`);
    assert.equal(mergedResponse.request().postDataJSON().merge_into, newPlaceId, 'resent with merge_into');
    await dialog.waitFor({ state: 'detached' });
    await keeper.getByTestId('my-places').waitFor();
    await keeper.evaluate(() => window.scrollTo(0, 0));
    await screenshot(keeper, 'e2e-places-keeper', { fullPage: true });

    // Not in nearby before approval.
    const near = { ...NEW_PLACE, limit: '50' };
    assert.ok(!(await getJson(nearbyUrl(near))).body.places.some((p) => p.id === newPlaceId), 'pending places are not shown to riders');

    const officer = await newPage(DESKTOP);
    await loginViaForm(officer, 'demo-community');
    await officer.getByTestId('tile-places-review').click();
    await officer.getByTestId('review-page').waitFor();
    const row = officer.locator(`[data-testid="review-row"][data-place-id="${newPlaceId}"]`);
    await row.waitFor();
    assert.match(await text(row.getByTestId('review-name')), new RegExp(newName));
    assert.ok((await row.locator('[data-testid="review-changes"] tr').count()) > 0, 'the fields to review are shown');
    await screenshot(officer, 'e2e-places-review');
    await row.getByTestId('review-approve').click();
    const reviewed = officer.waitForResponse((r) => r.url().endsWith(`/api/v1/places/${newPlaceId}/review`));
    await officer.getByTestId('review-dialog').getByTestId('modal-submit').click();
    assert.equal((await reviewed).status(), 200, 'POST review');
    await officer.getByTestId('places-toast').filter({ hasText: '已通过' }).waitFor();
    await closePage(officer);

    // Approved: riders find it nearby, first from its own spot.
    const page = await newPage(PHONE);
    await page.goto(`${base}/places?lat=${NEW_PLACE.lat}&lon=${NEW_PLACE.lon}`);
    const item = page.locator(`[data-testid="place-item"][data-place-id="${newPlaceId}"]`);
    await item.waitFor();
    assert.match(await text(item.getByTestId('place-name')), new RegExp(newName));
    await closePage(page);
    await closePage(keeper);
  });

  await test('places (d): a rider logs in from a place page, checks in, and a scan-to-enter station opens its door', async () => {
    assert.ok(newPlaceId, 'the place from (c)');
    const page = await newPage(PHONE);
    await page.goto(`${base}/p/${newPlaceId}`);
    await page.getByTestId('place-page').waitFor();
    assert.match(await text(page.getByTestId('place-page-name')), new RegExp(newName));
    await page.getByTestId('place-has').waitFor();
    // Approving the new place also applied the change merged into it (厕所, 24 hours).
    assert.match(await text(page.getByTestId('place-has')), /微波炉/);
    assert.match(await text(page.getByTestId('place-has')), /厕所/);
    const login = page.getByTestId('checkin-login');
    await login.waitFor();
    assert.match((await login.getAttribute('href')) ?? '', new RegExp(`next=%2Fp%2F${newPlaceId}`));
    await login.click();
    await page.getByTestId('login-form').waitFor();
    await fillLogin(page, 'demo-worker', PASSWORD);
    await page.waitForURL((url) => url.hash === `#/p/${newPlaceId}`);
    const button = page.getByTestId('checkin');
    await button.waitFor();
    const checked = page.waitForResponse((r) => r.url().endsWith(`/api/v1/places/${newPlaceId}/checkins`));
    await button.click();
    assert.equal((await checked).status(), 201, 'first check-in counted');
    await page.getByTestId('checkin-result').filter({ hasText: '签到成功' }).waitFor();
    const again = page.waitForResponse((r) => r.url().endsWith(`/api/v1/places/${newPlaceId}/checkins`));
    await button.click();
    assert.equal((await again).status(), 200, 'a second scan within 10 minutes is not counted again');
    await page.getByTestId('checkin-result').filter({ hasText: '已签到过' }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'e2e-place-page', { fullPage: true });

    // BUPT's 24-hour station with scan-to-enter: the verified rider's check-in opens the door.
    assert.ok(scanStation, 'a 24/7 scan-to-enter station near BUPT (from (a))');
    await page.goto(`${base}/#/p/${scanStation.id}`);
    await page.getByTestId('place-page').waitFor();
    const door = page.waitForResponse((r) => r.url().endsWith(`/api/v1/places/${scanStation.id}/checkins`));
    await page.getByTestId('checkin').click();
    const doorAnswer = await (await door).json();
    assert.equal(doorAnswer.door, 'opened', `the door opens for a verified rider: ${JSON.stringify(doorAnswer)}`);
    await page.getByTestId('checkin-result').filter({ hasText: '门已打开' }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'e2e-place-door', { fullPage: true });
    await closePage(page);

    // The keeper sees the visit, counted by kind of worker.
    const keeper = await newPage(PHONE);
    await loginViaForm(keeper, 'demo-keeper');
    const card = keeper.locator(`[data-testid="my-place"][data-place-id="${newPlaceId}"]`);
    await card.waitFor();
    await card.getByTestId('my-place-visits').click();
    await keeper.getByTestId('visits-total').waitFor();
    assert.equal(await keeper.getByTestId('visits-total').getAttribute('data-total'), '1');
    const visits = await apiIn(keeper, 'GET', `/api/v1/places/${newPlaceId}/visits?days=30`);
    assert.equal(visits.status, 200);
    assert.equal(Object.values(visits.body.by_kind).reduce((a, b) => a + b, 0), 1, 'one visit by kind of worker');
    await screenshot(keeper, 'e2e-places-visits');
    await closePage(keeper);
  });
}
