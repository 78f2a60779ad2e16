// Chinese everywhere a person reads (called from e2e/run.mjs; E2E_SUITE=words runs only this): signs
// in as several roles, visits each main page in the zh-CN build and collects the visible text; an
// ASCII word of 3+ letters that is not a name, code or unit (the allow-list below), or an internal
// identifier such as pass_ok or map.replace, fails the test. It prints everything it found.
// Also checks that a roster with Chinese headers is accepted and its reasons are worded, and that
// the audit list words its actions. Screenshots: <repo>/build/screenshots/words-*.png.

import assert from 'node:assert/strict';

/** Names, codes and units a Chinese page may show in Latin letters. */
export const ALLOWED = new Set([
  'km', 'QR', 'ID', 'OSM', 'CSV', 'PDF', 'SVG', 'PNG', 'JPG', 'JPEG', 'WebP', 'GeoJSON', 'ODbL', 'OpenStreetMap',
  'contributors', 'Leaflet', 'App', 'APP', 'Youhao', 'SMS', 'GPS', 'URL', 'API', 'English', 'Open', 'WiFi',
  'Meituan', 'Eleme', 'JD', 'SF', 'EMS', 'UU', 'Didi', 'DiDi', 'Amap', 'Baidu', 'Tencent', 'https', 'http', 'osc',
  'iPhone', 'Outlook', 'Google', // the calendar apps a subscription is added to, by their names
]);

/** The words a text holds that a Chinese reader should not meet: ASCII words and internal codes. */
export function strayWords(text) {
  const found = [];
  for (const token of text.match(/[A-Za-z][A-Za-z0-9_.'’-]*/g) ?? []) {
    const clean = token.replace(/[.'’-]+$/, '');
    if (/^[a-z]+(?:[._][a-z0-9]+)+$/.test(clean)) found.push(clean); // pass_ok, map.replace
    else if (/^[A-Za-z]{3,}$/.test(clean) && !ALLOWED.has(clean)) found.push(clean);
  }
  return found;
}

/** Visible text of the page, skipping codes (.mono), the map's attribution and the language switch. */
async function visibleTexts(page) {
  return page.evaluate(() => {
    // What people typed (a report's description) is theirs, in whatever words they chose.
    const skip = '.mono, code, script, style, noscript, .leaflet-control-attribution, [data-testid="lang-switch"], [translate="no"], [data-user-text]';
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const value = node.nodeValue?.trim();
      const parent = node.parentElement;
      if (!value || !parent || parent.closest(skip)) continue;
      const box = parent.getBoundingClientRect();
      const style = getComputedStyle(parent);
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden' || style.display === 'none') continue;
      out.push(value);
    }
    for (const el of document.querySelectorAll('input[placeholder], textarea[placeholder], [aria-label], button[title]')) {
      if (el.closest(skip)) continue;
      for (const attr of ['placeholder', 'aria-label', 'title']) {
        const v = el.getAttribute(attr);
        if (v) out.push(v);
      }
    }
    return out;
  });
}

export async function wordsSuite(ctx) {
  const { base, test, newPage, closePage, settled, screenshot, loginViaForm, text, PHONE } = ctx;

  const visits = [
    { login: null, pages: ['#/login', '#/register', '#/certificates/verify'] },
    { login: 'demo-worker', pages: ['#/home', '#/pass', '#/rate', '#/m', '#/places', '#/report', '#/reports/mine', '#/notifications', '#/me/data',
      '#/events', '#/events/mine', '#/training/mine', '#/volunteers', '#/calendar', '#/childcare'] },
    { login: 'demo-union', pages: ['#/home', '#/events/manage', '#/training', '#/volunteers'] },
    { login: 'demo-guard', pages: ['#/home', '#/gate'] },
    { login: 'demo-property', pages: ['#/home'] },
    { login: 'demo-keeper', pages: ['#/home'] },
    { login: 'demo-community', pages: ['#/home', '#/riders/waiting', '#/reports', '#/conduct', '#/grid-reporters', '#/acceptance-rules'] },
    { login: 'demo-district', pages: ['#/home', '#/reports'] },
  ];

  await test('words: strayWords finds English words and internal codes, not names, codes or units', async () => {
    assert.deepEqual(strayWords('核验通过 pass_ok'), ['pass_ok']);
    assert.deepEqual(strayWords('整体更新 map.replace，account #13'), ['map.replace', 'account']);
    assert.deepEqual(strayWords('3.2 km · 下载海报 PDF · © OpenStreetMap contributors (ODbL) · Mo-Su 06:00'), []);
    assert.deepEqual(strayWords('features (drawn)'), ['features', 'drawn']);
  });

  await test('words: every main page of the zh-CN build reads in Chinese', async () => {
    const findings = [];
    for (const visit of visits) {
      const page = await newPage(PHONE);
      if (visit.login) await loginViaForm(page, visit.login);
      for (const hash of visit.pages) {
        await page.goto(`${base}/${hash}`);
        await page.waitForLoadState('load');
        await settled(page).catch(() => {});
        await page.waitForTimeout(400);
        // Open what the officer home folds away: the roster import and the rest of the audit list.
        for (const summary of await page.locator('details:not([open]) > summary').all()) await summary.click().catch(() => {});
        for (const words of new Set((await visibleTexts(page)).flatMap((t) => strayWords(t).map((w) => `${w}  ←  “${t.slice(0, 60)}”`)))) {
          findings.push(`${visit.login ?? 'logged out'} ${hash}: ${words}`);
        }
        await screenshot(page, `words-${visit.login ?? 'public'}-${hash.replace(/[#/]+/g, '-').replace(/^-|-$/g, '') || 'home'}`);
      }
      await closePage(page);
    }
    console.log(findings.length ? `      ASCII words on zh-CN pages:\n        ${findings.join('\n        ')}` : '      no ASCII words on zh-CN pages');
    assert.deepEqual(findings, [], 'every word a person reads is Chinese, a name, a code or a unit');
  });

  await test('words: a roster with Chinese headers is accepted and its unmatched rows are worded; audit actions are words', async () => {
    const page = await newPage(PHONE);
    await loginViaForm(page, 'demo-community');
    await page.getByTestId('workers-section').waitFor();
    await page.locator('[data-testid="roster"] summary').click();
    const nobody = `139${String(Date.now()).slice(-8)}`;
    const csv = `手机号,姓名,平台,配送站\n${nobody},无此人,美团,\n这不是一行\n`;
    await page.getByTestId('roster-file').setInputFiles({ name: '花名册.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/workers/roster'));
    await page.getByTestId('roster-submit').click();
    assert.equal((await answered).status(), 200, 'Chinese headers are accepted');
    await page.getByTestId('roster-rows').waitFor();
    assert.equal(await text(page.getByTestId('roster-rows')), '2');
    const reasons = page.locator('[data-testid="roster-unmatched"] [data-testid="roster-reason"]');
    assert.deepEqual(await reasons.evaluateAll((els) => els.map((e) => e.getAttribute('data-code'))), ['not_in_area', 'malformed_row']);
    for (const reason of await reasons.allTextContents()) {
      assert.match(reason, /[\u4e00-\u9fff]/, `a reason in Chinese: ${reason}`);
      assert.deepEqual(strayWords(reason), [], reason);
    }
    await page.getByTestId('roster').scrollIntoViewIfNeeded();
    await screenshot(page, 'words-roster-phone');

    // A header of neither language is refused in Chinese.
    await page.getByTestId('roster-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('电话号码不对,名字\n') });
    await page.getByTestId('roster-submit').click();
    const refusal = page.locator('[data-testid="roster-result"] .form-error');
    await refusal.waitFor();
    assert.match(await text(refusal), /表头/);

    await page.reload();
    await page.getByTestId('audit-section').waitFor();
    await settled(page);
    const actions = page.locator('[data-testid="audit-table"] [data-testid="audit-action"]');
    assert.ok((await actions.count()) > 0, 'the audit list has entries');
    for (const action of await actions.allTextContents()) assert.deepEqual(strayWords(action), [], `audit action in words: ${action}`);
    assert.ok((await actions.evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))).includes('worker.roster_import'), 'the import is in the audit list');
    await page.getByTestId('audit-section').scrollIntoViewIfNeeded();
    await screenshot(page, 'words-audit-phone');
    await closePage(page);
  });
}
