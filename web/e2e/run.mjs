#!/usr/bin/env node
// Browser end-to-end tests: starts the real youhao server on a fresh SQLite database with demo data,
// drives Debian's Chromium through playwright-core, logs in as every demo role, checks the home
// screens, and saves screenshots to <repo>/build/screenshots/<role>-<phone|desktop>.png.
//
//   npm run build && npm run test:e2e            (from web/)
//
// Environment:
//   YOUHAO_BIN        server binary           (default ../build/youhao relative to web/)
//   YOUHAO_WEB_DIST   built front end         (default web/dist)
//   CHROMIUM_PATH     browser executable      (default /usr/bin/chromium)
//   SCREENSHOT_DIR    where PNGs go           (default ../build/screenshots relative to web/)
//   E2E_FULL_PAGE=1   full-page screenshots instead of the visible viewport
//   E2E_ONLY=a,b      only the demo logins listed (e.g. demo-admin,demo-worker)
//   E2E_SUITE=passes  only the entry-pass story (e2e/passes.mjs); E2E_SUITE=maps only the compound
//                     maps (e2e/maps.mjs); E2E_SUITE=places only friendly places and coverage
//                     (e2e/places.mjs); E2E_SUITE=reports only worker reports and the governance
//                     chain (e2e/reports.mjs); E2E_SUITE=community only grid reporters, rider
//                     conduct and notifications (e2e/community.mjs); E2E_SUITE=routing only the
//                     acceptance rules (e2e/routing.mjs); E2E_SUITE=registration only the rider's
//                     registration, the officer's inbox and the rider being told (e2e/registration.mjs);
//                     E2E_SUITE=points only 我的积分, 积分管理 and 兑换/兑换核销 (e2e/points.mjs);
//                     E2E_SUITE=wishes only 微心愿: post, verify, claim, fulfil, thank (e2e/wishes.mjs);
//                     E2E_SUITE=childcare only 托管服务: a parent's children, the attendance sheet (e2e/childcare.mjs);
//                     E2E_SUITE=events only 活动: 近期活动, one-tap 报名, 候补, 我的活动, publish, roster (e2e/events.mjs);
//                     E2E_SUITE=door only 入场扫码: the offline door scanner, its queue and attendance (e2e/door.mjs);
//                     E2E_SUITE=calendar only 日历订阅: make, reset and stop the calendar link (e2e/calendar.mjs);
//                     E2E_SUITE=training only 培训与证书: 我的培训, 证书验真 (offline too), 培训管理 (e2e/training.mjs);
//                     E2E_SUITE=volunteers only 志愿服务: a team, logged hours, a leader's approval (e2e/volunteers.mjs);
//                     E2E_SUITE=sponsors only 爱心单位 (page, pledge, confirm) and 一本书的旅行 (e2e/sponsors.mjs);
//                     E2E_SUITE=rankings only 出餐评价 and the monthly lists (e2e/rankings.mjs);
//                     E2E_SUITE=honours only 评选表彰: a worker's vote, a certificate's verify page (e2e/honours.mjs);
//                     E2E_SUITE=weight only the weight of /m/CODE, Slow 3G and 导航 (e2e/weight.mjs);
//                     E2E_SUITE=base only the base checks

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { communitySuite } from './community.mjs';
import { mapsSuite } from './maps.mjs';
import { passesSuite } from './passes.mjs';
import { placesSuite } from './places.mjs';
import { pointsSuite } from './points.mjs';
import { wishesSuite } from './wishes.mjs';
import { childcareSuite } from './childcare.mjs';
import { eventsSuite } from './events.mjs';
import { doorSuite } from './door.mjs';
import { calendarSuite } from './calendar.mjs';
import { volunteersSuite } from './volunteers.mjs';
import { trainingSuite } from './training.mjs';
import { sponsorsSuite } from './sponsors.mjs';
import { rankingsSuite } from './rankings.mjs';
import { honoursSuite } from './honours.mjs';
import { privacySuite } from './privacy.mjs';
import { registrationSuite } from './registration.mjs';
import { reportsSuite } from './reports.mjs';
import { routingSuite } from './routing.mjs';
import { weightSuite } from './weight.mjs';
import { wordsSuite } from './words.mjs';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.resolve(webDir, process.env.YOUHAO_BIN ?? '../build/youhao');
const dist = path.resolve(webDir, process.env.YOUHAO_WEB_DIST ?? 'dist');
const shots = path.resolve(webDir, process.env.SCREENSHOT_DIR ?? '../build/screenshots');
const browserPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const fullPage = process.env.E2E_FULL_PAGE === '1';
const only = (process.env.E2E_ONLY ?? '').split(',').filter(Boolean);
const suite = process.env.E2E_SUITE ?? 'all';
const PASSWORD = 'youhao-demo';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };
const DESKTOP = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 };

// Every demo account with its role, the Chinese role label the server gives it and its home screen.
const DEMO = [
  { login: 'demo-admin', role: 'admin', label: '系统管理员', group: 'officer' },
  { login: 'demo-city', role: 'city_officer', label: '市级干部', group: 'officer' },
  { login: 'demo-district', role: 'district_officer', label: '区级干部', group: 'officer' },
  { login: 'demo-street', role: 'street_officer', label: '街道干部', group: 'officer' },
  { login: 'demo-community', role: 'community_officer', label: '社区工作人员', group: 'officer' },
  { login: 'demo-grid', role: 'grid_officer', label: '网格员', group: 'officer' },
  { login: 'demo-guard', role: 'guard', label: '门岗保安', group: 'compound' },
  { login: 'demo-property', role: 'property_manager', label: '物业', group: 'compound' },
  { login: 'demo-keeper', role: 'station_keeper', label: '驿站站长', group: 'place' },
  { login: 'demo-merchant', role: 'merchant', label: '友好商户', group: 'place' },
  { login: 'demo-sponsor', role: 'sponsor', label: '爱心单位', group: 'place' },
  { login: 'demo-worker', role: 'worker', label: '骑手', group: 'worker' },
].filter((d) => only.length === 0 || only.includes(d.login));

const MASKED_PHONE = /1\d\d\*\*\*\*\d{4}/;

// ---------------------------------------------------------------------------------------------
// Server

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let serverProcess = null;
let serverLog = '';
let tmpDir = null;

async function startServer() {
  assert.ok(existsSync(bin), `server binary not found at ${bin} (build it, or set YOUHAO_BIN)`);
  assert.ok(existsSync(path.join(dist, 'index.html')), `no ${dist}/index.html: run "npm run build" in web/ first`);
  tmpDir = mkdtempSync(path.join(os.tmpdir(), 'youhao-e2e-'));
  const port = await freePort();
  const args = ['serve', '--demo', '--db', `sqlite:${path.join(tmpDir, 'e2e.db')}`, '--listen', `127.0.0.1:${port}`, '--web', dist];
  serverProcess = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const collect = (chunk) => {
    serverLog += chunk.toString();
    if (serverLog.length > 200_000) serverLog = serverLog.slice(-100_000);
  };
  serverProcess.stdout.on('data', collect);
  serverProcess.stderr.on('data', collect);
  let exited = null;
  serverProcess.on('exit', (code, signal) => (exited = { code, signal }));

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + Number(process.env.E2E_START_TIMEOUT_MS ?? 90_000);
  while (Date.now() < deadline) {
    if (exited) throw new Error(`server exited early (${JSON.stringify(exited)})`);
    try {
      const response = await fetch(`${base}/healthz`);
      if (response.status === 200) return base;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error('server did not answer GET /healthz with 200 in time');
}

async function stopServer() {
  if (serverProcess && serverProcess.exitCode === null && serverProcess.signalCode === null) {
    const done = new Promise((r) => serverProcess.once('exit', r));
    serverProcess.kill('SIGTERM');
    const timer = setTimeout(() => serverProcess.kill('SIGKILL'), 5000);
    await done;
    clearTimeout(timer);
  }
  if (tmpDir) rmSync(tmpDir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------
// Tiny test runner

const results = [];
async function test(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  ✓ ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push({ name, ok: false, error });
    console.log(`  ✗ ${name}\n      ${String(error?.stack ?? error).split('\n').slice(0, 6).join('\n      ')}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Page helpers

let browser;
let base;

/** A page in a fresh context; `extra.browser` picks another browser, the rest goes to newContext. */
async function newPage(device, extra = {}) {
  const { browser: which = browser, ...contextOptions } = extra;
  const context = await which.newContext({ ...device, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...contextOptions });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  page.errors = errors;
  return page;
}

async function closePage(page) {
  const errors = page.errors;
  await page.context().close();
  assert.deepEqual(errors.map(String), [], 'uncaught errors in the page');
}

async function settled(page) {
  // No skeleton or loading placeholder left on the page.
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
}

async function screenshot(page, name, options = {}) {
  await page.evaluate(() => document.fonts?.ready);
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: options.fullPage ?? fullPage, animations: 'disabled' });
}

async function fillLogin(page, login, password) {
  await page.getByTestId('login-input').fill(login);
  await page.getByTestId('password-input').fill(password);
  await page.getByTestId('login-submit').click();
}

async function loginViaForm(page, login, password = PASSWORD) {
  await page.goto(`${base}/#/login`);
  await page.getByTestId('login-form').waitFor();
  await fillLogin(page, login, password);
  await page.getByTestId('role-label').waitFor();
}

async function logout(page) {
  await page.getByTestId('logout').click();
  await page.getByTestId('login-form').waitFor();
  const status = await page.evaluate(async () => (await fetch('/api/v1/me', { credentials: 'same-origin' })).status);
  assert.equal(status, 401, 'after logout GET /api/v1/me should answer 401');
}

const text = async (locator) => ((await locator.textContent()) ?? '').trim();

async function statValues(page) {
  return page.$$eval('[data-testid="console-stats"] .stat', (cards) =>
    Object.fromEntries(cards.map((c) => [c.getAttribute('data-testid'), c.querySelector('.stat-value')?.getAttribute('data-value') ?? ''])),
  );
}

// ---------------------------------------------------------------------------------------------
// Checks per home screen

async function checkHome(page, demo) {
  assert.equal(await text(page.getByTestId('role-label')), demo.label, 'role label in the header');
  assert.ok((await text(page.getByTestId('account-name'))).length > 0, 'account name in the header');
  assert.ok((await text(page.getByTestId('area-name'))).length > 0, 'area name in the header');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');

  if (demo.group === 'officer') {
    await page.getByTestId('console-stats').waitFor();
    await settled(page);
    const stats = await statValues(page);
    for (const [name, value] of Object.entries(stats)) {
      assert.match(value, /^\d+$/, `stat ${name} is a number`);
    }
    for (const name of ['stat-compounds', 'stat-workers', 'stat-accounts']) {
      assert.ok(Number(stats[name]) > 0, `${name} > 0 (got ${stats[name]})`);
    }
    assert.equal(Object.keys(stats).length, 6, 'six stat cards');
    assert.ok((await page.locator('[data-testid="child-areas"] a').count()) > 0, 'child areas listed');
    assert.ok((await page.locator('[data-testid="compounds-table"] tbody tr').count()) > 0, 'compounds listed');
    const phones = await page.locator('[data-testid="workers-table"] [data-testid="worker-phone"]').allTextContents();
    assert.ok(phones.length > 0, 'workers listed');
    for (const phone of phones) assert.match(phone, MASKED_PHONE, 'worker phones are masked');
    await page.getByTestId('audit-section').waitFor();
  } else if (demo.group === 'worker') {
    await page.getByTestId('worker-card').waitFor();
    await settled(page);
    assert.match(await text(page.getByTestId('worker-phone')), MASKED_PHONE, 'masked phone');
    assert.ok((await text(page.getByTestId('worker-name'))).length > 0, 'worker name');
    assert.ok((await text(page.getByTestId('worker-platform'))).length > 0, 'platform');
    assert.ok((await text(page.getByTestId('worker-status'))).length > 0, 'verification status');
    // The demo rider is verified: the entry pass, the rating, 找楼, 驿站 and 随手拍 are live.
    assert.equal(await page.getByTestId('tile-entry-pass').getAttribute('href'), '#/pass', '进门码 links to the pass');
    assert.equal(await page.getByTestId('tile-rate').getAttribute('href'), '#/rate', '评价小区 links to the rating');
    assert.equal(await page.getByTestId('tile-wayfinding').getAttribute('href'), '#/m', '找楼 links to the map finder');
    assert.equal(await page.getByTestId('tile-stations').getAttribute('href'), '#/places', '驿站 links to the nearby places');
    assert.equal(await page.getByTestId('tile-report').getAttribute('href'), '#/report', '随手拍 links to the report page');
    assert.equal(await page.getByTestId('tile-my-reports').getAttribute('href'), '#/reports/mine', '我的上报 links to the worker’s reports');
  } else if (demo.group === 'compound') {
    await page.getByTestId('compound-card').waitFor();
    await settled(page);
    assert.ok((await text(page.getByTestId('compound-name'))).length > 0, 'compound name');
    assert.ok((await text(page.getByTestId('compound-code'))).length > 0, 'compound code');
    assert.equal(await page.getByTestId('tile-scan').getAttribute('href'), '#/gate', '扫码核验 links to the scanner');
    assert.match(await text(page.getByTestId('tile-scan')), /扫码核验/);
  } else {
    await page.getByTestId('place-card').waitFor();
    await settled(page);
    assert.ok((await text(page.getByTestId('place-area-name'))).length > 0, 'area name on the card');
    const places = await page.getByTestId('stat-places').locator('.stat-value').getAttribute('data-value');
    assert.match(places ?? '', /^\d+$/, 'friendly places is a number');
    if (demo.role === 'station_keeper') {
      const phones = await page.locator('[data-testid="workers-table"] [data-testid="worker-phone"]').allTextContents();
      assert.ok(phones.length > 0, 'station keeper sees the riders of the area');
      for (const phone of phones) assert.match(phone, MASKED_PHONE, 'worker phones are masked');
    }
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  mkdirSync(shots, { recursive: true });
  console.log(`youhao e2e: server ${bin}`);
  base = await startServer();
  console.log(`  server up at ${base}`);
  browser = await launchBrowser();
  const ctx = { base, browser, launchBrowser, test, newPage, closePage, settled, screenshot, loginViaForm, fillLogin, logout, text, shots, PHONE, DESKTOP, PASSWORD };
  if (suite === 'all' || suite === 'base') await baseSuite();
  if (suite === 'all' || suite === 'passes') await passesSuite(ctx);
  if (suite === 'all' || suite === 'maps') await mapsSuite(ctx);
  if (suite === 'all' || suite === 'places') await placesSuite(ctx);
  if (suite === 'all' || suite === 'reports') await reportsSuite(ctx);
  if (suite === 'all' || suite === 'community') await communitySuite(ctx);
  if (suite === 'all' || suite === 'routing') await routingSuite(ctx);
  if (suite === 'all' || suite === 'privacy') await privacySuite(ctx);
  if (suite === 'all' || suite === 'registration') await registrationSuite(ctx);
  if (suite === 'all' || suite === 'points') await pointsSuite(ctx);
  if (suite === 'all' || suite === 'wishes') await wishesSuite(ctx);
  if (suite === 'all' || suite === 'childcare') await childcareSuite(ctx);
  if (suite === 'all' || suite === 'events') await eventsSuite(ctx);
  if (suite === 'all' || suite === 'door') await doorSuite(ctx);
  if (suite === 'all' || suite === 'calendar') await calendarSuite(ctx);
  if (suite === 'all' || suite === 'volunteers') await volunteersSuite(ctx);
  if (suite === 'all' || suite === 'training') await trainingSuite(ctx);
  if (suite === 'all' || suite === 'sponsors') await sponsorsSuite(ctx);
  if (suite === 'all' || suite === 'rankings') await rankingsSuite(ctx);
  if (suite === 'all' || suite === 'honours') await honoursSuite(ctx);
  if (suite === 'all' || suite === 'weight') await weightSuite(ctx);
  if (suite === 'all' || suite === 'words') await wordsSuite(ctx);
}

const BROWSER_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A Chromium instance; `extraArgs` e.g. a fake camera fed from a Y4M file. */
function launchBrowser(extraArgs = []) {
  return chromium.launch({ executablePath: browserPath, headless: true, args: [...BROWSER_ARGS, ...extraArgs] });
}

async function baseSuite() {

  await test('server: SPA fallback serves index.html for unknown paths', async () => {
    const response = await fetch(`${base}/no/such/page`);
    assert.equal(response.status, 200);
    assert.match(await response.text(), /<div id="app">/);
  });

  await test('server: built assets are served (gzip when accepted)', async () => {
    const html = await (await fetch(`${base}/`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    assert.ok(script, 'index.html references a hashed script under /assets/');
    const response = await fetch(`${base}${script}`, { headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /javascript/);
    assert.equal(response.headers.get('content-encoding'), 'gzip', 'Content-Encoding: gzip from the .gz sibling');
    assert.ok((await response.text()).length > 1000);
  });

  await test('logged out: #/home goes to the login page', async () => {
    const page = await newPage(PHONE);
    await page.goto(`${base}/#/home`);
    await page.getByTestId('login-form').waitFor();
    assert.match(page.url(), /#\/login/);
    assert.equal(await text(page.getByTestId('brand')), '友好 · 骑手友好社区');
    await screenshot(page, 'login-phone');
    await page.setViewportSize(DESKTOP.viewport);
    await screenshot(page, 'login-desktop');
    await closePage(page);
  });

  await test('login: wrong password shows the server error', async () => {
    const page = await newPage(PHONE);
    await page.goto(`${base}/#/login`);
    await fillLogin(page, 'demo-worker', 'not-the-password');
    const error = page.getByTestId('login-error');
    await error.waitFor();
    assert.equal(await text(error), '账号或密码不正确');
    assert.match(page.url(), /#\/login/);
    await screenshot(page, 'login-error-phone');
    await closePage(page);
  });

  await test('login: repeated failures show 请 N 秒后再试 (429 Retry-After)', async () => {
    const page = await newPage(PHONE);
    await page.goto(`${base}/#/login`);
    const error = page.getByTestId('login-error');
    let message = '';
    for (let attempt = 0; attempt < 8 && !/秒后再试/.test(message); attempt++) {
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/session'));
      await fillLogin(page, 'e2e-nobody', `wrong-${attempt}`);
      await answered;
      await error.waitFor();
      message = await text(error);
    }
    assert.match(message, /请 \d+ 秒后再试/);
    assert.ok(await page.getByTestId('login-submit').isDisabled(), 'submit disabled during the lockout');
    await screenshot(page, 'login-rate-limited-phone');
    await closePage(page);
  });

  for (const demo of DEMO) {
    for (const [device, options] of [['phone', PHONE], ['desktop', DESKTOP]]) {
      await test(`${demo.login} (${demo.role}, ${device}): home shows ${demo.label} and real data`, async () => {
        const page = await newPage(options);
        await loginViaForm(page, demo.login);
        assert.match(page.url(), /#\/home/);
        await checkHome(page, demo);
        await screenshot(page, `${demo.role}-${device}`);
        await logout(page);
        await closePage(page);
      });
    }
  }

  if (DEMO.some((d) => d.login === 'demo-district')) {
    await test('officer: drill down into a child area and back by the breadcrumb', async () => {
      const page = await newPage(DESKTOP);
      await loginViaForm(page, 'demo-district');
      const first = page.locator('[data-testid="child-areas"] a').first();
      const name = await text(first.locator('.child-name'));
      await first.click();
      await page.waitForURL(/#\/areas\//);
      assert.equal(await text(page.getByTestId('console-area')), name);
      await page.getByTestId('console-stats').waitFor();
      await settled(page);
      const stats = await statValues(page);
      assert.ok(Number(stats['stat-compounds']) >= 0 && /^\d+$/.test(stats['stat-workers']), 'drill-down stats are numbers');
      await screenshot(page, 'district_officer-drilldown-desktop');
      await page.getByTestId('breadcrumb').locator('a').first().click();
      await page.waitForURL(/#\/home/);
      await page.getByTestId('console-stats').waitFor();
      await logout(page);
      await closePage(page);
    });

    await test('deep link: #/areas/CODE survives the trip through the login page', async () => {
      const probe = await newPage(DESKTOP);
      await loginViaForm(probe, 'demo-district');
      const href = await probe.locator('[data-testid="child-areas"] a').first().getAttribute('href');
      await logout(probe);
      await closePage(probe);
      const page = await newPage(DESKTOP);
      await page.goto(`${base}/${href}`);
      await page.getByTestId('login-form').waitFor();
      await fillLogin(page, 'demo-district', PASSWORD);
      await page.waitForURL((url) => url.hash === href);
      await page.getByTestId('console-area').waitFor();
      await closePage(page);
    });
  }

  await test('session: survives a reload; logout works without the CSRF token in sessionStorage', async () => {
    const page = await newPage(PHONE);
    await loginViaForm(page, 'demo-worker');
    await page.reload();
    await page.getByTestId('worker-card').waitFor();
    assert.equal(await text(page.getByTestId('role-label')), '骑手');
    await page.evaluate(() => sessionStorage.clear());
    await logout(page);
    await closePage(page);
  });

  await test('i18n: the English switch changes the labels and is remembered', async () => {
    const page = await newPage(DESKTOP);
    await page.goto(`${base}/#/login`);
    await page.getByTestId('login-form').waitFor();
    assert.equal(await text(page.getByTestId('login-submit')), '登录');
    await page.getByTestId('lang-switch').click();
    assert.equal(await text(page.getByTestId('login-submit')), 'Log in');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await fillLogin(page, 'demo-grid', PASSWORD);
    await page.getByTestId('console-stats').waitFor();
    await settled(page);
    assert.equal(await text(page.getByTestId('role-label')), 'Grid officer');
    assert.equal(await text(page.getByTestId('stat-compounds').locator('.stat-label')), 'Compounds');
    await screenshot(page, 'grid_officer-en-desktop');
    await page.reload();
    await page.getByTestId('role-label').waitFor();
    assert.equal(await text(page.getByTestId('role-label')), 'Grid officer', 'English remembered after reload');
    await page.getByTestId('lang-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    assert.equal(await text(page.getByTestId('role-label')), '网格员');
    await logout(page);
    await closePage(page);
  });

  await test('offline: the banner shows when the network goes away', async () => {
    const page = await newPage(PHONE);
    await page.goto(`${base}/#/login`);
    await page.getByTestId('login-form').waitFor();
    assert.ok(await page.getByTestId('offline-banner').isHidden());
    await page.context().setOffline(true);
    await page.getByTestId('offline-banner').waitFor();
    await page.context().setOffline(false);
    await page.getByTestId('offline-banner').waitFor({ state: 'hidden' });
    await closePage(page);
  });
}

let fatal = null;
const interrupted = async (signal) => {
  console.log(`\n  interrupted by ${signal}`);
  await browser?.close().catch(() => {});
  await stopServer().catch(() => {});
  process.exit(130);
};
process.once('SIGINT', interrupted);
process.once('SIGTERM', interrupted);

try {
  await main();
} catch (error) {
  fatal = error;
  console.log(`  ✗ setup failed: ${error?.stack ?? error}`);
} finally {
  await browser?.close().catch(() => {});
  await stopServer().catch(() => {});
}

const failed = results.filter((r) => !r.ok).length + (fatal ? 1 : 0);
const passed = results.filter((r) => r.ok).length;
if (failed > 0) {
  console.log('\n  --- last server output ---');
  console.log(serverLog.split('\n').slice(-40).join('\n'));
}
console.log(`\nyouhao e2e: screenshots in ${shots}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
