// Worker reports and the governance chain end to end (docs/reports.md), called from e2e/run.mjs
// (E2E_SUITE=reports runs only this):
// (a) demo-worker, on a phone, reports a blocked fire lane (消防通道堵塞) with a photo carrying EXIF
//     GPS; demo-keeper (the station) accepts it from the work queue (派给本驿站的上报); it is dispatched to demo-grid
//     (by the station when the server allows it, else by demo-community), who starts and resolves
//     it with a photo; the worker's report page, kept open in a second page, shows every step live
//     (server-sent events, no reload); the worker confirms; the photos served back carry no EXIF.
//     The report is routed by the acceptance rules to demo-keeper's station (受理方 on its page), and
//     its photos are shown as thumbnails that open the full photo.
// (b) another rider (demo-reporter) reports a blocked fire lane; demo-worker's report within 50 m,
//     made while the phone is offline, waits in the outbox, goes out when the network returns, and
//     gets the duplicate prompt ("附近已有相同问题（N 人反映）"); 我也遇到了 joins it and the count
//     rises by one. (One's own report nearby is refused instead: see e2e/routing.mjs.)

import assert from 'node:assert/strict';
import { apiIn } from './page_api.mjs';

// At 华清嘉园 (39.98974, 116.32987): the nearest compound decides the report's community, and this
// one is in 科源社区, the community of demo-keeper, demo-community and demo-grid.
const FIRE_LANE = { latitude: 39.98992, longitude: 116.33001 };
const SECOND_SPOT = { latitude: 39.99402, longitude: 116.33172 }; // ~330 m away: not a duplicate of (a)
// demo-keeper's station near 华清嘉园: the acceptor of (a).
const STATION = '华清嘉园暖心驿站';

/** A tiny baseline JPEG (8×8 grey) with an APP1 Exif segment holding GPS text, as the integration tests build it. */
export function jpegWithExif(tag = 'GPSLatitude 39/1 59/1 2340/100 N; GPSLongitude 116/1 19/1 4776/100 E') {
  const seg = (marker, payload) => {
    const len = Buffer.alloc(2);
    len.writeUInt16BE(payload.length + 2);
    return Buffer.concat([Buffer.from([0xff, marker]), len, payload]);
  };
  const exif = Buffer.concat([Buffer.from('Exif\0\0MM\0*\0\0\0\x08', 'latin1'), Buffer.from(tag)]);
  const huffman = (cls) => Buffer.concat([Buffer.from([cls]), Buffer.from([1, ...Array(15).fill(0)]), Buffer.from([0])]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    seg(0xe1, exif),
    seg(0xdb, Buffer.from([0, ...Array(64).fill(1)])),
    seg(0xc0, Buffer.from([8, 0, 8, 0, 8, 1, 1, 0x11, 0])),
    seg(0xc4, huffman(0x00)),
    seg(0xc4, huffman(0x10)),
    seg(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0])),
    Buffer.from([0x3f]),
    Buffer.from([0xff, 0xd9]),
  ]);
}

/** The bytes of a URL fetched inside `page` (with its session), as a latin1 string. */
const bytesIn = (page, url) =>
  page.evaluate(async (u) => {
    const r = await fetch(u, { credentials: 'same-origin' });
    const buffer = new Uint8Array(await r.arrayBuffer());
    let text = '';
    for (const b of buffer) text += String.fromCharCode(b);
    return { status: r.status, type: r.headers.get('content-type'), text };
  }, url);

export async function reportsSuite(ctx) {
  const { base, test, newPage, closePage, screenshot, loginViaForm, text, PHONE, DESKTOP } = ctx;
  const stamp = Date.now().toString(36).slice(-5);
  const phoneAt = (where) => ({ ...PHONE, geolocation: where, permissions: ['geolocation'] });

  await test('reports (a): a blocked fire lane from the phone, accepted, dispatched, resolved with a photo, seen live, confirmed', async () => {
    const worker = await newPage(phoneAt(FIRE_LANE));
    const outside = [];
    worker.on('request', (r) => {
      if (!r.url().startsWith(base) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) outside.push(r.url());
    });
    await loginViaForm(worker, 'demo-worker');
    const tile = worker.getByTestId('tile-report');
    await tile.waitFor();
    assert.equal(await tile.getAttribute('href'), '#/report', '随手拍 links to the report page');
    await tile.click();
    await worker.getByTestId('report-page').waitFor();
    await worker.locator('[data-testid="report-map"][data-ready="true"]').waitFor();

    // Big tiles with Chinese labels; fire lane first.
    const fire = worker.locator('[data-testid="category-tile"][data-category="fire_lane"]');
    assert.match(await text(fire), /消防通道堵塞/);
    const box = await fire.boundingBox();
    assert.ok(box.height >= 56, `category tiles are big (${box.height}px)`);
    assert.equal(await worker.locator('[data-testid="category-tile"]').count(), 11, 'eleven categories');
    // The three difficulties appear only for 骑手自身困难.
    assert.ok(await worker.getByTestId('difficulty-choices').isHidden());
    await worker.locator('[data-testid="category-tile"][data-category="own_difficulty"]').click();
    assert.deepEqual(await worker.locator('[data-testid="difficulty-choice"]').allTextContents(), ['进不了门', '无处停车', '被刁难']);
    await fire.click();
    assert.ok(await worker.getByTestId('difficulty-choices').isHidden());
    assert.match(await text(worker.getByTestId('report-sla-hint')), /4 小时/);

    // The photo (with EXIF GPS) from the camera input: uploaded at once, thumbnail shown.
    const input = worker.getByTestId('photo-input');
    assert.equal(await input.getAttribute('accept'), 'image/*');
    assert.equal(await input.getAttribute('capture'), 'environment');
    const uploaded = worker.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/report-photos'));
    await input.setInputFiles({ name: 'fire-lane.jpg', mimeType: 'image/jpeg', buffer: jpegWithExif() });
    const upload = await uploaded;
    assert.equal(upload.status(), 201, `POST report-photos: ${await upload.text()}`);
    assert.equal(upload.request().headers()['content-type'], 'image/jpeg', 'the raw body with its image type');
    const photo = await upload.json();
    await worker.locator('[data-testid="photo-thumb"][data-state="done"]').waitFor();

    // Location from GPS (allowed for this phone).
    await worker.getByTestId('use-gps').click();
    await worker.locator('[data-testid="report-origin-name"][data-set="true"]').waitFor();
    assert.equal(await text(worker.getByTestId('report-origin-name')), '我的位置');
    await worker.getByTestId('report-address').fill('华清嘉园东门消防通道');
    await worker.getByTestId('report-description').fill(`三辆电动车堵住消防通道 <script>alert(1)</script> e2e-${stamp}`);
    assert.match(await text(worker.getByTestId('report-count')), /^\d+\/500$/);
    await worker.evaluate(() => window.scrollTo(0, 0));
    await screenshot(worker, 'e2e-report-new', { fullPage: true });

    const created = worker.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/reports'));
    await worker.getByTestId('report-send').click();
    const createdResponse = await created;
    assert.equal(createdResponse.status(), 201, `POST reports: ${await createdResponse.text()}`);
    const sent = createdResponse.request().postDataJSON();
    assert.equal(sent.category, 'fire_lane');
    assert.deepEqual(sent.photo_ids, [photo.id]);
    assert.match(sent.client_id, /^d-/, 'a client_id for idempotency');
    assert.ok(Math.abs(sent.lat - FIRE_LANE.latitude) < 1e-5 && Math.abs(sent.lon - FIRE_LANE.longitude) < 1e-5, 'the GPS position');
    const report = await createdResponse.json();
    assert.equal(report.status, 'submitted');
    await worker.getByTestId('report-sent').waitFor();
    assert.deepEqual(outside, [], 'no request leaves this server (no map tiles)');

    // The photo served back has no EXIF (and so no GPS).
    const served = await bytesIn(worker, report.photos[0]);
    assert.equal(served.status, 200);
    assert.match(served.type ?? '', /^image\//);
    assert.ok(served.text.startsWith('\xff\xd8') || served.text.startsWith('RIFF') || served.text.startsWith('\x89PNG'), 'an image');
    assert.ok(!served.text.includes('Exif'), 'no Exif marker in the photo served back');
    assert.ok(!served.text.includes('GPSLatitude'), 'no GPS in the photo served back');
    const thumb = await bytesIn(worker, report.thumbnails?.[0] ?? `${report.photos[0]}?size=thumb`);
    assert.equal(thumb.status, 200);
    assert.ok(!thumb.text.includes('Exif'), 'no Exif marker in the thumbnail');

    // The acceptance rules send it to the nearest staffed station: demo-keeper's (the street's
    // fire-lane rule, within 1500 m).
    assert.equal(report.acceptor?.kind, 'nearest_station', `acceptor: ${JSON.stringify(report.acceptor)}`);
    assert.equal(report.acceptor?.name, STATION);

    // The worker keeps the report open; a marker tells a reload from live updates.
    await worker.getByTestId('report-view').click();
    await worker.locator(`[data-testid="report-detail"][data-report-id="${report.id}"]`).waitFor();
    // 受理方: the station, its kind and (small) why.
    assert.equal(await text(worker.getByTestId('report-acceptor-name')), STATION, '受理方 is demo-keeper’s station');
    assert.equal(await text(worker.getByTestId('report-acceptor-kind')), '就近驿站');
    assert.match(await text(worker.getByTestId('report-acceptor-reason')), /就近驿站受理/);
    // Thumbnails on the page; a tap shows the full photo.
    const shownPhoto = worker.getByTestId('report-photo').first();
    assert.equal(await shownPhoto.getAttribute('src'), report.thumbnails?.[0] ?? `${report.photos[0]}?size=thumb`, 'the thumbnail is shown');
    assert.equal(await worker.getByTestId('report-photo-link').first().getAttribute('href'), report.photos[0], 'it links to the full photo');
    await worker.getByTestId('report-photo-link').first().click();
    const viewer = worker.getByTestId('photo-lightbox');
    await viewer.waitFor();
    assert.equal(await viewer.getByTestId('photo-lightbox-img').getAttribute('src'), report.photos[0], 'the full photo in the viewer');
    await viewer.getByTestId('photo-lightbox-close').click();
    await viewer.waitFor({ state: 'detached' });
    await worker.locator('[data-testid="report-live"][data-live="true"]').waitFor();
    assert.equal(await text(worker.getByTestId('report-live')), '实时');
    await worker.evaluate(() => (window.__sameDocument = true));
    assert.match(await text(worker.getByTestId('report-description')), /<script>alert\(1\)<\/script>/, 'text shown as given, escaped');
    const live = async (status, steps) => {
      await worker.locator(`[data-testid="report-detail"][data-status="${status}"]`).waitFor({ timeout: 10_000 });
      assert.ok(await worker.evaluate(() => window.__sameDocument === true), `the ${status} step arrived without a reload`);
      if (steps) assert.equal(await worker.locator('[data-testid="report-step"]').count(), steps, `${steps} steps after ${status}`);
    };

    // The station keeper accepts it from the work queue.
    const keeper = await newPage(DESKTOP);
    await loginViaForm(keeper, 'demo-keeper');
    const queueTile = keeper.getByTestId('tile-reports');
    await queueTile.waitFor();
    await queueTile.click();
    await keeper.getByTestId('reports-queue').waitFor();
    assert.equal(await text(keeper.getByTestId('queue-title')), '派给本驿站的上报', 'the keeper’s queue is what is sent to the station');
    const row = keeper.locator(`[data-testid="report-row"][data-report-id="${report.id}"]`);
    await row.waitFor();
    assert.match(await text(row), /消防通道堵塞/);
    assert.equal(await text(row.getByTestId('report-row-acceptor')), `受理：${STATION}`);
    assert.match(await text(row.getByTestId('report-status')), /已提交/);
    await row.getByTestId('report-sla').waitFor();
    await screenshot(keeper, 'e2e-reports-queue', { fullPage: true });
    await row.locator('a').click();
    await keeper.locator(`[data-testid="report-detail"][data-report-id="${report.id}"]`).waitFor();
    const act = async (page, action, fill) => {
      const button = page.getByTestId(`action-${action}`);
      await button.waitFor();
      await button.click();
      const dialog = page.getByTestId('action-dialog');
      await dialog.waitFor();
      if (fill) await fill(dialog);
      const done = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/v1/reports/${report.id}/actions`));
      await dialog.getByTestId('modal-submit').click();
      const response = await done;
      assert.equal(response.status(), 200, `${action}: ${await response.text()}`);
      await dialog.waitFor({ state: 'detached' });
      return response;
    };
    await act(keeper, 'accept', (d) => d.getByTestId('action-note').fill('驿站已受理，马上联系物业'));
    await live('accepted', 2);

    // Dispatched to the grid officer: by the station if it may, else by the community.
    let dispatcher = keeper;
    if ((await keeper.getByTestId('action-dispatch').count()) === 0) {
      dispatcher = await newPage(DESKTOP);
      await loginViaForm(dispatcher, 'demo-community');
      await dispatcher.goto(`${base}/#/reports/${report.id}`);
    }
    const dispatched = await act(dispatcher, 'dispatch', async (d) => {
      await d.getByTestId('assignee-officer').click();
      await d.getByTestId('action-officer').fill('demo-grid');
    });
    assert.deepEqual(dispatched.request().postDataJSON().assignee, { kind: 'officer', login: 'demo-grid' });
    await live('dispatched', 3);
    if (dispatcher !== keeper) await closePage(dispatcher);
    await closePage(keeper);

    // The grid officer starts it, then resolves it with a photo.
    const grid = await newPage(PHONE);
    await loginViaForm(grid, 'demo-grid');
    await grid.goto(`${base}/#/reports/${report.id}`);
    await act(grid, 'start');
    await live('in_progress', 4);
    const resolved = await act(grid, 'resolve', async (d) => {
      // Resolving without a photo is refused in the dialog.
      await d.getByTestId('modal-submit').click();
      await d.getByTestId('modal-error').filter({ hasText: '照片' }).waitFor();
      await d.getByTestId('action-photo').setInputFiles({ name: 'cleared.jpg', mimeType: 'image/jpeg', buffer: jpegWithExif('GPSLatitude 40/1 0/1 0/1 N') });
      await d.getByTestId('action-note').fill('车辆已挪走，通道已畅通');
    });
    assert.ok(Number.isInteger(resolved.request().postDataJSON().photo_id), 'resolve carries the photo');
    await live('resolved', 5);
    await worker.locator('[data-testid="report-step"][data-status="resolved"] [data-testid="step-photo"]').waitFor();
    const fixPhoto = await worker.locator('[data-testid="report-step"][data-status="resolved"] [data-testid="step-photo"]').getAttribute('href');
    const fixBytes = await bytesIn(worker, fixPhoto);
    assert.equal(fixBytes.status, 200);
    assert.ok(!fixBytes.text.includes('Exif'), 'no Exif in the resolution photo');
    await closePage(grid);

    // The reporter confirms.
    assert.ok(await worker.getByTestId('action-reopen').isVisible(), 'the reporter may reopen');
    const confirmed = worker.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/v1/reports/${report.id}/actions`));
    await worker.getByTestId('action-confirm').click();
    await worker.getByTestId('action-dialog').getByTestId('modal-submit').click();
    assert.equal((await confirmed).status(), 200);
    await live('confirmed', 6);
    const statuses = await worker.locator('[data-testid="report-step"]').evaluateAll((steps) => steps.map((s) => s.getAttribute('data-status')));
    assert.deepEqual(statuses, ['submitted', 'accepted', 'dispatched', 'in_progress', 'resolved', 'confirmed']);
    assert.match(await text(worker.getByTestId('report-timeline')), /已受理[\s\S]*已派单[\s\S]*处理中[\s\S]*已办结[\s\S]*已确认/);
    await worker.evaluate(() => {
      for (const toast of document.querySelectorAll('.toast')) toast.remove();
      window.scrollTo(0, 0);
    });
    await screenshot(worker, 'e2e-report-timeline', { fullPage: true });

    // 我的上报 lists it as confirmed.
    await worker.goto(`${base}/#/reports/mine`);
    const mine = worker.locator(`[data-testid="report-row"][data-report-id="${report.id}"]`);
    await mine.waitFor();
    assert.equal(await mine.getAttribute('data-status'), 'confirmed');
    assert.match(await text(mine.getByTestId('report-status')), /已确认/);
    await screenshot(worker, 'e2e-reports-mine', { fullPage: true });
    await closePage(worker);
  });

  await test('reports (b): a report within 50 m, sent after the connection returns, offers 我也遇到了 and the count rises', async () => {
    // An open fire-lane report at this spot by another rider, demo-reporter (李小哥): one's own
    // report is not offered for "me too" (409 already_reported).
    const other = await newPage(DESKTOP);
    await loginViaForm(other, 'demo-reporter');
    const first = await apiIn(other, 'POST', '/api/v1/reports', { category: 'fire_lane', description: `消防通道被货车堵住 e2e-${stamp}`, lat: SECOND_SPOT.latitude, lon: SECOND_SPOT.longitude, photo_ids: [], client_id: `e2e-first-${stamp}` });
    assert.equal(first.status, 201, `POST reports: ${JSON.stringify(first.body)}`);
    const before = first.body.me_too;

    const worker = await newPage(phoneAt(SECOND_SPOT));
    await loginViaForm(worker, 'demo-worker');

    await worker.goto(`${base}/#/report`);
    await worker.getByTestId('report-page').waitFor();
    await worker.locator('[data-testid="category-tile"][data-category="fire_lane"]').click();
    await worker.getByTestId('use-gps').click();
    await worker.locator('[data-testid="report-origin-name"][data-set="true"]').waitFor();
    // The rider moves on ~20 m before sending.
    await worker.context().setGeolocation({ latitude: SECOND_SPOT.latitude + 0.00018, longitude: SECOND_SPOT.longitude });
    await worker.getByTestId('use-gps').click();
    await worker.waitForFunction((lat) => document.querySelector('[data-testid="report-coords"]')?.textContent?.startsWith(lat), (SECOND_SPOT.latitude + 0.00018).toFixed(5));

    // The connection drops: the photo and the report wait on the phone.
    await worker.context().setOffline(true);
    await worker.getByTestId('photo-input').setInputFiles({ name: 'truck.jpg', mimeType: 'image/jpeg', buffer: jpegWithExif() });
    await worker.locator('[data-testid="photo-thumb"][data-state="waiting"]').waitFor();
    await worker.getByTestId('report-description').fill('货车堵住了消防通道');
    await worker.getByTestId('report-send').click();
    await worker.getByTestId('report-queued').waitFor();
    await worker.locator('[data-testid="outbox-item"]').first().waitFor();
    const kept = await worker.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open('youhao-reports');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const all = open.result.transaction('drafts').objectStore('drafts').getAll();
            all.onsuccess = () => resolve(all.result.map((d) => ({ state: d.state, blobs: d.photos.filter((p) => p.blob instanceof Blob).length })));
          };
        }),
    );
    assert.deepEqual(kept, [{ state: 'queued', blobs: 1 }], 'the draft and its photo are kept in IndexedDB');

    // Back online: the outbox sends it by itself, the server finds the open report 20 m away.
    const resent = worker.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/reports'));
    await worker.context().setOffline(false);
    const dupResponse = await resent;
    assert.equal(dupResponse.status(), 409, `possible_duplicate: ${await dupResponse.text()}`);
    const problem = await dupResponse.json();
    assert.equal(problem.code, 'possible_duplicate');
    assert.equal(problem.duplicate_of.id, first.body.id);
    assert.equal(problem.duplicate_of.own, false, 'someone else’s report');
    assert.ok(problem.duplicate_of.distance_m <= 50, `within 50 m (${problem.duplicate_of.distance_m})`);
    assert.equal(dupResponse.request().postDataJSON().photo_ids.length, 1, 'the photo kept offline was uploaded first');
    const prompt = worker.getByTestId('duplicate-prompt');
    await prompt.waitFor();
    assert.match(await text(prompt.getByTestId('duplicate-text')), /^附近已有相同问题（\d+ 人反映）$/);
    const shownBefore = Number(/（(\d+) 人反映）/.exec(await text(prompt.getByTestId('duplicate-text')))[1]);
    await worker.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await screenshot(worker, 'e2e-report-duplicate');

    const joined = worker.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/reports'));
    await worker.getByTestId('me-too').click();
    const joinedResponse = await joined;
    assert.equal(joinedResponse.status(), 200, `join: ${await joinedResponse.text()}`);
    assert.equal(joinedResponse.request().postDataJSON().join, first.body.id, 'resent with join');
    const original = await joinedResponse.json();
    assert.equal(original.id, first.body.id);
    assert.equal(original.me_too, before + 1, 'the original’s count + 1');
    await worker.getByTestId('report-joined').waitFor();
    const shownAfter = Number(/(\d+) 人反映/.exec(await text(worker.getByTestId('report-joined')))[1]);
    assert.equal(shownAfter, shownBefore + 1, 'the count shown rises by one');
    const again = await apiIn(other, 'GET', `/api/v1/reports/${first.body.id}`);
    assert.equal(again.status, 200, `GET the original: ${JSON.stringify(again.body)}`);
    assert.equal(again.body.me_too, before + 1);
    assert.ok(again.body.photos.length >= 1, 'the original keeps the photo of the "me too"');
    assert.equal(await worker.locator('[data-testid="outbox-item"]').count(), 0, 'the outbox is empty');
    await closePage(worker);
    await closePage(other);
  });
}
