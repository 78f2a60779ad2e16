// Acceptance rules (受理规则) end to end, called from e2e/run.mjs (E2E_SUITE=routing runs only this):
// (a) demo-community opens #/acceptance-rules from the console on a desktop, sees who accepts each
//     category and where that comes from (the demo rules of 海淀区 and 中关村街道, the defaults), is
//     told in Chinese that welfare concerns go only to the community, sets 科源社区 · 安全隐患 → 社区,
//     and 试一试 at 华清嘉园 says 社区 (it said 就近驿站 before);
// (b) a rider (demo-worker) reports a hazard at 华清嘉园 through the API: it goes to the community,
//     so demo-keeper's station queue (派给本驿站的上报) does not list it while demo-community's does;
//     the rider's report page names 受理方; the same rider reporting it again from the form is told
//     你已经报过这个问题 with a link to the report and no 我也遇到了 (409 already_reported);
// (c) demo-community deletes the rule (confirming); 试一试 says 就近驿站 again;
// (d) the page on a phone;
// (e) demo-city opens 中关村街道 and goes 上一级 to 海淀区 (codes do not nest by prefix), then to 北京市.
// The run leaves the rules as it found them (the rule it sets is deleted, also when a check fails).
// Nothing depends on the wall clock. Screenshots: <repo>/build/e2e-routing-*.png (ROUTING_SHOT_DIR).

import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiIn } from './page_api.mjs';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shotDir = path.resolve(webDir, process.env.ROUTING_SHOT_DIR ?? '../build');

const COMMUNITY = { code: '110108011001', name: '科源社区' };
// 华清嘉园 in 科源社区; demo-keeper's staffed station 华清嘉园暖心驿站 is a few hundred metres away.
const HUAQING = { lat: 39.98974, lon: 116.32987 };
const STATION = '华清嘉园暖心驿站';

export async function routingSuite(ctx) {
  const { base, test, newPage, closePage, settled, loginViaForm, text, PHONE, DESKTOP } = ctx;
  const stamp = Date.now().toString(36).slice(-5);
  const shot = async (page, name, fullPage = true) => {
    await page.evaluate(() => document.fonts?.ready);
    await page.screenshot({ path: path.join(shotDir, `e2e-routing-${name}.png`), fullPage, animations: 'disabled' });
  };
  const effectiveRow = (page, category) => page.locator(`[data-testid="rules-effective-row"][data-category="${category}"]`);
  const rulesOf = async (page) => (await apiIn(page, 'GET', `/api/v1/acceptance-rules?area=${COMMUNITY.code}`)).body;
  /** 试一试: a category at a typed point; resolves to the result box once the answer is shown. */
  const tryAt = async (page, category, at) => {
    await page.getByTestId('rules-try-category').selectOption(category);
    await page.getByTestId('rules-try-lat').fill(String(at.lat));
    await page.getByTestId('rules-try-lon').fill(String(at.lon));
    const answered = page.waitForResponse((r) => r.url().includes('/api/v1/acceptance-rules/preview'));
    await page.getByTestId('rules-try-go').click();
    assert.equal((await answered).status(), 200, 'preview answered');
    const result = page.locator('[data-testid="rules-try-result"][data-kind]');
    await result.waitFor();
    return result;
  };

  let ruleId = null;
  let reportId = null;
  const admin = await newPage(DESKTOP);
  try {
    await test('routing (a): demo-community sees who accepts what, is refused welfare to a station, sets 安全隐患 → 社区 and tries it', async () => {
      const page = admin;
      await loginViaForm(page, 'demo-community');
      const tile = page.getByTestId('tile-acceptance-rules');
      await tile.waitFor();
      assert.equal(await tile.getAttribute('href'), '#/acceptance-rules', '受理规则 tile on the console');
      assert.match(await text(tile), /受理规则/);
      await tile.click();
      await page.locator('[data-testid="acceptance-rules-page"][data-loaded="true"]').waitFor();
      assert.equal(await text(page.getByTestId('rules-title')), '受理规则');
      assert.equal(await page.getByTestId('rules-area-name').getAttribute('data-code'), COMMUNITY.code, 'the caller’s area by default');
      assert.equal(await text(page.getByTestId('rules-area-name')), COMMUNITY.name);
      const defaults = await rulesOf(page);
      assert.match(await text(page.getByTestId('rules-intro')), new RegExp(`没有规则时由 ${defaults.default_radius_metres} 米内最近的驿站受理`), 'the server’s default radius');
      assert.equal(await page.getByTestId('rules-up').count(), 0, 'no 上一级 from the caller’s own area');

      // One row per category, in the order of the report form.
      assert.equal(await page.locator('[data-testid="rules-effective-row"]').count(), 11, 'eleven categories');
      const fire = effectiveRow(page, 'fire_lane');
      assert.equal(await fire.getAttribute('data-acceptor'), 'nearest_station');
      assert.equal(await text(fire.getByTestId('rules-effective-acceptor')), '就近驿站（1500 米内）', 'the street’s rule: a station within 1500 m');
      assert.equal(await text(fire.getByTestId('rules-effective-source')), '中关村街道（上级）');
      assert.equal(await text(effectiveRow(page, 'food_safety').getByTestId('rules-effective-acceptor')), '社区');
      assert.equal(await text(effectiveRow(page, 'food_safety').getByTestId('rules-effective-source')), '海淀区（上级）');
      assert.equal(await text(effectiveRow(page, 'own_difficulty').getByTestId('rules-effective-acceptor')), '物业');
      assert.equal(await text(effectiveRow(page, 'welfare').getByTestId('rules-effective-acceptor')), '社区', 'welfare: always the community');
      assert.equal(await text(effectiveRow(page, 'welfare').getByTestId('rules-effective-source')), '默认');
      const hazard = effectiveRow(page, 'hazard');
      assert.equal(await text(hazard.getByTestId('rules-effective-acceptor')), '就近驿站（1000 米内）');
      assert.equal(await hazard.getAttribute('data-source'), 'default');
      // The rules set above show here, read only.
      const inherited = page.locator('[data-testid="rules-row"][data-inherited="true"]');
      assert.ok((await inherited.count()) >= 3, 'the district’s and the street’s rules are listed');
      assert.equal(await inherited.getByTestId('rules-delete').count(), 0, 'rules set above cannot be deleted here');

      // 试一试 before any change: a hazard at 华清嘉园 goes to the nearest station.
      await page.locator('[data-testid="rules-try-map"][data-ready="true"]').waitFor();
      const before = await tryAt(page, 'hazard', HUAQING);
      assert.equal(await before.getAttribute('data-kind'), 'nearest_station');
      assert.equal(await text(before.getByTestId('rules-try-name')), STATION);
      assert.match(await text(before.getByTestId('rules-try-reason')), /默认规则.*就近驿站受理（\d+ 米）/);
      const welfare = await tryAt(page, 'welfare', HUAQING);
      assert.equal(await welfare.getAttribute('data-kind'), 'community');
      assert.equal(await text(welfare.getByTestId('rules-try-reason')), '困难群众关怀：只由社区受理');

      // The three acceptors are big buttons.
      const buttons = page.locator('[data-testid="rules-form-acceptor"]');
      assert.deepEqual((await buttons.locator('b').allTextContents()).map((s) => s.trim()), ['就近驿站', '社区', '物业']);
      for (const box of await buttons.evaluateAll((all) => all.map((b) => b.getBoundingClientRect().height))) assert.ok(box >= 48, `acceptor button ≥ 48 px (${box})`);

      // Welfare to a station: the server's 400, in Chinese with its detail.
      await page.getByTestId('rules-form-category').selectOption('welfare');
      await page.getByTestId('rules-form-welfare').waitFor();
      await page.locator('[data-testid="rules-form-acceptor"][data-acceptor="nearest_station"]').click();
      assert.ok(await page.getByTestId('rules-form-radius').isVisible(), 'the radius is asked for a station');
      const refused = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/acceptance-rules'));
      await page.getByTestId('rules-form-submit').click();
      assert.equal((await refused).status(), 400);
      const error = page.getByTestId('rules-form-error');
      await error.waitFor();
      assert.match(await text(error.getByTestId('rules-error-text')), /困难群众关怀只能由社区受理/);
      assert.match(await text(error.getByTestId('rules-error-detail')), /welfare/);

      // 科源社区 · 安全隐患 → 社区.
      await page.getByTestId('rules-form-area').selectOption(COMMUNITY.code);
      await page.getByTestId('rules-form-category').selectOption('hazard');
      await page.locator('[data-testid="rules-form-acceptor"][data-acceptor="community"]').click();
      assert.ok(await page.getByTestId('rules-form-radius').isHidden(), 'no radius for the community');
      await page.getByTestId('rules-form-note').fill(`安全隐患由社区直接受理 e2e-${stamp}`);
      const saved = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/acceptance-rules'));
      await page.getByTestId('rules-form-submit').click();
      const savedResponse = await saved;
      assert.equal(savedResponse.status(), 200, `POST acceptance-rules: ${await savedResponse.text()}`);
      assert.deepEqual(savedResponse.request().postDataJSON(), { area_code: COMMUNITY.code, category: 'hazard', acceptor: 'community', note: `安全隐患由社区直接受理 e2e-${stamp}` });
      ruleId = (await savedResponse.json()).id;
      await page.getByTestId('rules-form-done').waitFor();
      assert.match(await text(page.getByTestId('rules-form-done')), /已保存：科源社区 · 安全隐患 → 社区/);
      assert.ok(await error.isHidden(), 'the earlier error is gone');
      await page.locator('[data-testid="rules-effective-row"][data-category="hazard"][data-source="here"]').waitFor();
      assert.equal(await text(hazard.getByTestId('rules-effective-acceptor')), '社区');
      assert.equal(await text(hazard.getByTestId('rules-effective-source')), '本区域规则');
      const mine = page.locator(`[data-testid="rules-row"][data-rule-id="${ruleId}"]`);
      await mine.waitFor();
      assert.equal(await mine.getByTestId('rules-delete').count(), 1, 'the rule set here can be deleted');

      // 试一试 again: 社区, by this rule.
      const after = await tryAt(page, 'hazard', HUAQING);
      assert.equal(await after.getAttribute('data-kind'), 'community');
      assert.equal(await text(after.getByTestId('rules-try-name')), COMMUNITY.name);
      assert.match(await text(after.getByTestId('rules-try-reason')), /科源社区.*安全隐患.*社区受理/);
      // A tap on the map asks for that point (the map is ours: no tiles).
      const box = await page.getByTestId('rules-try-map').boundingBox();
      const tapped = page.waitForResponse((r) => r.url().includes('/api/v1/acceptance-rules/preview'));
      await page.mouse.click(box.x + box.width * 0.4, box.y + box.height * 0.6);
      assert.equal((await tapped).status(), 200);
      await page.locator('[data-testid="rules-try-result"][data-kind]').waitFor();
      assert.notEqual(await page.getByTestId('rules-try-lat').inputValue(), String(HUAQING.lat), 'the tapped point fills the position');
      const again = await tryAt(page, 'hazard', HUAQING);
      assert.equal(await again.getAttribute('data-kind'), 'community');
      await page.locator('[data-testid="rules-try-map"][data-compound]').waitFor();
      await settled(page);
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, 'desktop');
      await page.getByTestId('rules-try-section').scrollIntoViewIfNeeded();
      await shot(page, 'try-desktop', false);
      assert.deepEqual(page.errors.map(String), [], 'no uncaught page errors');
    });

    await test('routing (b): a hazard there goes to the community, not to demo-keeper’s station; reporting it again is refused as one’s own', async () => {
      assert.ok(ruleId, 'the rule of (a) is set');
      const worker = await newPage({ ...PHONE, geolocation: { latitude: HUAQING.lat, longitude: HUAQING.lon }, permissions: ['geolocation'] });
      await loginViaForm(worker, 'demo-worker');
      const created = await apiIn(worker, 'POST', '/api/v1/reports', { category: 'hazard', description: `井盖缺失 e2e-${stamp}`, lat: HUAQING.lat, lon: HUAQING.lon, photo_ids: [], client_id: `e2e-routing-${stamp}` });
      assert.equal(created.status, 201, `POST reports: ${JSON.stringify(created.body)}`);
      reportId = created.body.id;
      assert.equal(created.body.acceptor?.kind, 'community', `acceptor: ${JSON.stringify(created.body.acceptor)}`);
      assert.equal(created.body.acceptor?.rule_id, ruleId, 'decided by the rule just set');

      // The station keeper's queue: what is sent to the station, and not this one.
      const keeper = await newPage(DESKTOP);
      await loginViaForm(keeper, 'demo-keeper');
      await keeper.getByTestId('tile-reports').click();
      await keeper.getByTestId('reports-queue').waitFor();
      assert.equal(await text(keeper.getByTestId('queue-title')), '派给本驿站的上报');
      await keeper.locator('[data-testid="queue-category"][data-category="hazard"]').click();
      await keeper.waitForFunction(() => {
        const list = document.querySelector('[data-testid="queue-list"]');
        return document.querySelector('[data-testid="queue-empty"]') || (list && list.getAttribute('data-for') === '|hazard' && !list.hasAttribute('aria-busy'));
      });
      assert.equal(await keeper.locator(`[data-testid="report-row"][data-report-id="${reportId}"]`).count(), 0, 'not in the station’s queue');
      const keeperList = await apiIn(keeper, 'GET', '/api/v1/reports?category=hazard&limit=100');
      assert.equal(keeperList.status, 200);
      assert.ok(!keeperList.body.reports.some((r) => r.id === reportId), 'not in the station’s queue (API)');
      for (const r of keeperList.body.reports) assert.ok(r.acceptor == null || r.acceptor.name === STATION, `the keeper lists only the station’s reports (#${r.id}: ${JSON.stringify(r.acceptor)})`);
      await shot(keeper, 'keeper-queue', false);
      await closePage(keeper);

      // The community's queue lists it, saying who accepts it.
      await admin.goto(`${base}/#/reports?category=hazard`);
      const row = admin.locator(`[data-testid="report-row"][data-report-id="${reportId}"]`);
      await row.waitFor();
      assert.equal(await text(row.getByTestId('report-row-acceptor')), `受理：${COMMUNITY.name}`);

      // The rider's report page names 受理方.
      await worker.goto(`${base}/#/reports/${reportId}`);
      await worker.locator(`[data-testid="report-detail"][data-report-id="${reportId}"]`).waitFor();
      assert.equal(await text(worker.getByTestId('report-acceptor-name')), COMMUNITY.name);
      assert.equal(await text(worker.getByTestId('report-acceptor-kind')), '社区');
      assert.match(await text(worker.getByTestId('report-acceptor-reason')), /社区受理/);
      await worker.evaluate(() => window.scrollTo(0, 0));
      await shot(worker, 'report-detail-phone');

      // Reporting it again from the form: one's own report is there (409 already_reported).
      await worker.goto(`${base}/#/report`);
      await worker.getByTestId('report-page').waitFor();
      await worker.locator('[data-testid="category-tile"][data-category="hazard"]').click();
      await worker.getByTestId('use-gps').click();
      await worker.locator('[data-testid="report-origin-name"][data-set="true"]').waitFor();
      await worker.getByTestId('report-description').fill('井盖还是没有盖上');
      const sent = worker.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/reports'));
      await worker.getByTestId('report-send').click();
      const refused = await sent;
      assert.equal(refused.status(), 409, `already_reported: ${await refused.text()}`);
      const problem = await refused.json();
      assert.equal(problem.code, 'already_reported');
      assert.equal(problem.duplicate_of.id, reportId);
      assert.equal(problem.duplicate_of.own, true);
      const told = worker.getByTestId('already-reported');
      await told.waitFor();
      assert.equal(await text(told.getByTestId('already-text')), '你已经报过这个问题');
      assert.equal(await worker.getByTestId('already-view').getAttribute('href'), `#/reports/${reportId}`, 'a link to the report');
      assert.equal(await worker.getByTestId('me-too').count(), 0, 'no 我也遇到了 for one’s own report');
      assert.equal(await worker.locator('[data-testid="outbox-item"]').count(), 0, 'the draft is not kept');
      await worker.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await shot(worker, 'already-reported-phone', false);
      await worker.getByTestId('already-view').click();
      await worker.locator(`[data-testid="report-detail"][data-report-id="${reportId}"]`).waitFor();
      assert.deepEqual(worker.errors.map(String), [], 'no uncaught page errors');
      await closePage(worker);
    });

    await test('routing (c): demo-community deletes the rule; 试一试 says 就近驿站 again', async () => {
      assert.ok(ruleId, 'the rule of (a) is set');
      const page = admin;
      await page.goto(`${base}/#/acceptance-rules`);
      await page.locator('[data-testid="acceptance-rules-page"][data-loaded="true"]').waitFor();
      const row = page.locator(`[data-testid="rules-row"][data-rule-id="${ruleId}"]`);
      await row.getByTestId('rules-delete').click();
      const dialog = page.getByTestId('rules-delete-dialog');
      await dialog.waitFor();
      assert.match(await text(dialog), /删除科源社区“安全隐患”的规则/);
      const removed = page.waitForResponse((r) => r.request().method() === 'DELETE' && r.url().endsWith(`/api/v1/acceptance-rules/${ruleId}`));
      await dialog.getByTestId('modal-submit').click();
      assert.equal((await removed).status(), 204);
      await row.waitFor({ state: 'detached' });
      ruleId = null;
      await page.locator('[data-testid="rules-effective-row"][data-category="hazard"][data-source="default"]').waitFor();
      assert.equal(await text(effectiveRow(page, 'hazard').getByTestId('rules-effective-acceptor')), '就近驿站（1000 米内）');
      await page.locator('[data-testid="rules-try-map"][data-ready="true"]').waitFor();
      const result = await tryAt(page, 'hazard', HUAQING);
      assert.equal(await result.getAttribute('data-kind'), 'nearest_station');
      assert.equal(await text(result.getByTestId('rules-try-name')), STATION);
      const rules = await rulesOf(page);
      assert.ok(!rules.rules.some((r) => r.area.code === COMMUNITY.code && r.category === 'hazard'), 'no hazard rule left for 科源社区');
      assert.deepEqual(page.errors.map(String), [], 'no uncaught page errors');
    });

    await test('routing (d): the page on a phone', async () => {
      const page = await newPage(PHONE);
      await loginViaForm(page, 'demo-community');
      await page.goto(`${base}/#/acceptance-rules`);
      await page.locator('[data-testid="acceptance-rules-page"][data-loaded="true"]').waitFor();
      await page.locator('[data-testid="rules-try-map"][data-ready="true"]').waitFor();
      await page.locator('[data-testid="rules-form-acceptor"][data-acceptor="nearest_station"]').click();
      await tryAt(page, 'fire_lane', HUAQING);
      await settled(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `nothing wider than the phone (${overflow} px)`);
      for (const h of await page.locator('[data-testid="rules-form-acceptor"]').evaluateAll((all) => all.map((b) => b.getBoundingClientRect().height))) assert.ok(h >= 48, `acceptor button ≥ 48 px (${h})`);
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, 'phone');
      await closePage(page);
    });

    await test('routing (e): demo-city on a street goes 上一级 to its district, then to its own area', async () => {
      const page = await newPage(DESKTOP);
      await loginViaForm(page, 'demo-city');
      const community = await apiIn(page, 'GET', `/api/v1/areas/${COMMUNITY.code}`);
      assert.equal(community.status, 200);
      const [city, district, street] = community.body.ancestors;
      assert.deepEqual([city.code, district.code], ['110000', '110108'], 'the demo city and district');
      await page.goto(`${base}/#/acceptance-rules?area=${street.code}`);
      await page.locator('[data-testid="acceptance-rules-page"][data-loaded="true"]').waitFor();
      // 110108011 does not start with 110000, yet 海淀区 is inside 北京市.
      const up = page.locator('[data-testid="rules-up"]');
      await up.waitFor();
      assert.equal(await up.getAttribute('data-code'), district.code);
      assert.equal(await up.getAttribute('href'), `#/acceptance-rules?area=${district.code}`);
      assert.equal(await text(up), `上一级：${district.name_zh}`);
      await up.click();
      await page.locator(`[data-testid="rules-area-name"][data-code="${district.code}"]`).waitFor();
      const toCity = page.locator(`[data-testid="rules-up"][data-code="${city.code}"]`);
      await toCity.waitFor();
      assert.equal(await toCity.getAttribute('href'), '#/acceptance-rules', 'the caller’s own area is the page without ?area=');
      await toCity.click();
      await page.locator(`[data-testid="acceptance-rules-page"][data-loaded="true"] [data-testid="rules-area-name"][data-code="${city.code}"]`).waitFor();
      await page.locator('[data-testid="rules-children"]').waitFor();
      assert.equal(await page.getByTestId('rules-up').count(), 0, 'no 上一级 above the caller’s own area');
      assert.deepEqual(page.errors.map(String), [], 'no uncaught page errors');
      await closePage(page);
    });
  } finally {
    // Leave the rules as they were, whatever happened above.
    if (ruleId) await apiIn(admin, 'DELETE', `/api/v1/acceptance-rules/${ruleId}`).catch(() => undefined);
    await closePage(admin).catch(() => undefined);
  }
}
