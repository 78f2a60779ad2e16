// Offers and redemptions at friendly places (issue 16, item 3): a place's keeper or merchant lists
// offers for points; a worker redeems one and its price is held; the phone shows an 8-digit code;
// the merchant types it and the points become the place's, once; the worker cancels, or the hold
// times out, and the points and the item go back. The place's monthly statement is CSV, JSON or a
// PDF page, with who owes each line (the offer's sponsor, or the city's pool) and a subtotal per
// payer. The merchant's desk may scan the worker's live pass instead of typing a code; a merchant
// account that types five wrong codes in ten minutes waits (the last test: demo-merchant waits after it).
// This server keeps codes 5 s and holds 10 s (--redemption-code-seconds, --redemption-hold-seconds)
// so that expiry is seen in a test; after every test the conservation law holds with the held
// points counted: issued = pools + workers + held + spent + expired.
// Demo data: two offers at demo-keeper's station, two at demo-merchant's place (骑手午餐套餐 among
// them), and demo-worker's lunch there three days ago, confirmed.
import { test, before, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { useServer, assertProblem, assertLedgerBalanced, issuePass, awayFromWindowEdge, passWindow } from './harness.mjs';

const CODE_SECONDS = 5;
const HOLD_SECONDS = 10;
const srv = useServer({ args: ['--redemption-code-seconds', String(CODE_SECONDS), '--redemption-hold-seconds', String(HOLD_SECONDS)] });
const S = {};
const id = () => `r-${randomBytes(6).toString('hex')}`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const as = (who, method, path, opts = {}) => srv.api(method, path, { token: S[who].token, ...opts });
const balance = async (who) => (await as(who, 'GET', '/api/v1/me/points?limit=1')).json.balance;
const beijingMonth = (ms) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date(ms));

/** A new offer at `place` by its owner `who`. */
async function offer(who, place, fields = {}) {
  const res = await as(who, 'POST', `/api/v1/places/${place}/offers`, { body: { title: `测试兑换${id().slice(2, 8)}`, price: 7, ...fields } });
  assert.equal(res.status, 201, res.text);
  return res.json;
}
async function redeem(who, offerId, clientId = id()) {
  return as(who, 'POST', `/api/v1/offers/${offerId}/redeem`, { body: { client_id: clientId } });
}
const confirm = (who, code, opts = {}) => as(who, 'POST', '/api/v1/redemptions/confirm', { body: { code }, ...opts });
/** The text of a PDF, by pdftotext (poppler-utils), whitespace removed (CJK cells are not split by it). */
async function pdfText(bytes) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'statement-'));
  try {
    await writeFile(path.join(dir, 's.pdf'), bytes);
    const { stdout } = await promisify(execFile)('pdftotext', ['-enc', 'UTF-8', path.join(dir, 's.pdf'), '-']);
    return stdout.replace(/\s+/g, '');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
const byPass = (who, pass, place) => as(who, 'POST', '/api/v1/redemptions/by-pass', { body: { pass, place_id: place } });
const confirmByPass = (who, redemption, pass) =>
  as(who, 'POST', `/api/v1/redemptions/${redemption}/confirm-by-pass`, { body: { pass } });
async function statement(who, place, month) {
  const res = await as(who, 'GET', `/api/v1/places/${place}/statement?format=json&month=${month}`);
  assert.equal(res.status, 200, res.text);
  return res.json;
}

before(async () => {
  await srv.start();
  for (const [who, login] of [['worker', 'demo-worker'], ['reporter', 'demo-reporter'], ['merchant', 'demo-merchant'],
    ['keeper', 'demo-keeper'], ['community', 'demo-community'], ['city', 'demo-city']]) S[who] = await srv.login(login);
  const placeOf = async (who) => {
    const mine = (await as(who, 'GET', '/api/v1/places/mine')).json.places;
    const place = mine.find((p) => p.status === 'approved');
    assert.ok(place, `${who} runs an approved place`);
    return place.id;
  };
  S.shop = await placeOf('merchant');
  S.station = await placeOf('keeper');
  // Points for both workers from their community (demo-reporter has none of its own).
  for (const who of ['worker', 'reporter']) {
    const me = await as(who, 'GET', '/api/v1/workers/me');
    const workerId = me.json.id ?? me.json.worker?.id;
    const award = await as('community', 'POST', '/api/v1/points/transfers', {
      body: { kind: 'award', amount: 500, client_id: id(), reason: '兑换测试', worker_id: workerId },
    });
    assert.equal(award.status, 201, award.text);
  }
});

afterEach(() => assertLedgerBalanced(srv, S.city.token));

test('demo: offers at the keeper\'s and the merchant\'s places, and a lunch on the merchant\'s statement', async () => {
  const shop = await srv.api('GET', `/api/v1/places/${S.shop}/offers`);
  assert.equal(shop.status, 200, shop.text);
  const lunch = shop.json.offers.find((o) => o.title === '骑手午餐套餐');
  assert.ok(lunch, JSON.stringify(shop.json).slice(0, 300));
  assert.equal(lunch.price, 30);
  assert.equal(lunch.available, true);
  const station = await srv.api('GET', `/api/v1/places/${S.station}/offers`);
  assert.ok(station.json.offers.length >= 2, station.text.slice(0, 300));
  // The lunch was confirmed three days ago: this month's or last month's statement.
  const month = beijingMonth(Date.now() - 3 * 86400_000);
  const lines = (await statement('merchant', S.shop, month)).lines;
  assert.ok(lines.some((l) => l.title === '骑手午餐套餐' && l.points === 30 && l.confirmed_by === 'demo-merchant'), JSON.stringify(lines));
  const history = (await as('worker', 'GET', '/api/v1/me/points?limit=200')).json.history;
  assert.ok(history.some((h) => h.kind === 'hold' && h.delta === -30 && h.counterparty === '骑手午餐套餐'), 'the lunch in the worker\'s history');
});

test('redeem → the code confirms it: the price is held, then the place\'s; the statement shows it', async () => {
  const month = beijingMonth(Date.now());
  const totalBefore = (await statement('merchant', S.shop, month)).total;
  const meal = await offer('merchant', S.shop, { price: 7, stock: 5 });
  assert.equal(meal.available, true);
  const before = await balance('worker');
  const res = await redeem('worker', meal.id);
  assert.equal(res.status, 201, res.text);
  assert.match(res.json.code, /^\d{8}$/);
  assert.equal(res.json.redemption.status, 'held');
  assert.equal(res.json.expires_at - res.json.redemption.created_at, HOLD_SECONDS);
  assert.equal(res.json.code_expires_at - res.json.redemption.created_at, CODE_SECONDS);
  assert.equal(await balance('worker'), before - 7, 'held, no longer to spend');
  assert.ok((await as('city', 'GET', '/api/v1/points')).json.conservation.held >= 7);
  const after = await srv.api('GET', `/api/v1/places/${S.shop}/offers`);
  assert.equal(after.json.offers.find((o) => o.id === meal.id).stock, 4, 'one taken from the stock');

  const done = await confirm('merchant', `${res.json.code.slice(0, 4)} ${res.json.code.slice(4)}`);
  assert.equal(done.status, 200, done.text);
  assert.equal(done.json.redemption.status, 'confirmed');
  assert.equal(done.json.redemption.id, res.json.redemption.id);
  assert.equal(await balance('worker'), before - 7);
  const mine = (await as('worker', 'GET', '/api/v1/me/redemptions')).json.items;
  assert.equal(mine.find((r) => r.id === res.json.redemption.id).status, 'confirmed');
  const now = await statement('merchant', S.shop, month);
  assert.equal(now.total, totalBefore + 7);
  assert.ok(now.lines.some((l) => l.redemption_id === res.json.redemption.id && l.points === 7));
});

test('the same code twice, another merchant\'s code, a wrong or malformed code: refused in words', async () => {
  const meal = await offer('merchant', S.shop);
  const res = await redeem('worker', meal.id);
  assert.equal(res.status, 201, res.text);
  const elsewhere = await confirm('keeper', res.json.code);
  assertProblem(elsewhere, 403, 'redemption_other_place');
  assert.match(elsewhere.json.detail, /不是本店/);
  assert.equal((await confirm('merchant', res.json.code)).status, 200);
  const twice = await confirm('merchant', res.json.code);
  assertProblem(twice, 409, 'redemption_code_used');
  assert.match(twice.json.detail, /已经用过/);
  const english = await confirm('merchant', res.json.code, { headers: { 'Accept-Language': 'en' } });
  assert.match(english.json.detail, /used already/);
  const wrong = res.json.code === '00000000' ? '00000001' : '00000000';
  assertProblem(await confirm('merchant', wrong), 404, 'redemption_code_wrong');
  assertProblem(await confirm('merchant', '1234'), 400, 'redemption_code_format');
  assertProblem(await confirm('merchant', "' OR 1=1 --"), 400, 'redemption_code_format');
  assertProblem(await confirm('worker', res.json.code), 403, 'forbidden');
});

test('an expired code is refused and a fresh one works; a hold that times out gives the points back', async () => {
  const meal = await offer('merchant', S.shop, { price: 9, stock: 1 });
  const cut = await offer('merchant', S.shop, { price: 11 });
  const before = await balance('worker');
  const a = await redeem('worker', meal.id);
  const b = await redeem('worker', cut.id);
  assert.equal(a.status, 201, a.text);
  assert.equal(b.status, 201, b.text);
  assert.equal(await balance('worker'), before - 20);
  await sleep((CODE_SECONDS + 0.5) * 1000);
  const late = await confirm('merchant', a.json.code);
  assertProblem(late, 409, 'redemption_code_expired');
  assert.match(late.json.detail, /兑换码已过期/);
  const fresh = await as('worker', 'POST', `/api/v1/redemptions/${a.json.redemption.id}/code`);
  assert.equal(fresh.status, 200, fresh.text);
  assert.match(fresh.json.code, /^\d{8}$/);
  assert.equal((await confirm('merchant', fresh.json.code)).status, 200, 'the fresh code confirms');
  // b is never confirmed: its hold times out, and reading the balance gives its points back.
  const started = b.json.redemption.created_at * 1000;
  await sleep(Math.max(0, started + (HOLD_SECONDS + 1) * 1000 - Date.now()));
  assert.equal(await balance('worker'), before - 9, 'the timed-out hold went back');
  const mine = (await as('worker', 'GET', '/api/v1/me/redemptions')).json.items;
  assert.equal(mine.find((r) => r.id === b.json.redemption.id).status, 'expired');
  assertProblem(await confirm('merchant', b.json.code), 409, ['redemption_expired', 'redemption_code_expired']);
  assertProblem(await as('worker', 'POST', `/api/v1/redemptions/${b.json.redemption.id}/cancel`), 409, 'redemption_expired');
});

test('stock of one: two workers race for it, one gets it; cancelled, it is there again', async () => {
  const last = await offer('merchant', S.shop, { price: 3, stock: 1 });
  const [w, r] = await Promise.all([redeem('worker', last.id), redeem('reporter', last.id)]);
  const statuses = [w.status, r.status].sort();
  assert.deepEqual(statuses, [201, 409], `${w.text} ${r.text}`);
  const [winner, loser] = w.status === 201 ? [['worker', w], ['reporter', r]] : [['reporter', r], ['worker', w]];
  assertProblem(loser[1], 409, 'offer_sold_out');
  const listed = (await srv.api('GET', `/api/v1/places/${S.shop}/offers`)).json.offers.find((o) => o.id === last.id);
  assert.equal(listed.stock, 0);
  assert.equal(listed.available, false);
  const cancelled = await as(winner[0], 'POST', `/api/v1/redemptions/${winner[1].json.redemption.id}/cancel`);
  assert.equal(cancelled.status, 200, cancelled.text);
  const second = await redeem(loser[0], last.id);
  assert.equal(second.status, 201, second.text);
  await as(loser[0], 'POST', `/api/v1/redemptions/${second.json.redemption.id}/cancel`);
});

test('many workers at once for the last three: three holds, the rest sold out, nothing overdrawn', async () => {
  const few = await offer('merchant', S.shop, { price: 2, stock: 3 });
  const answers = await Promise.all(Array.from({ length: 16 }, (_, i) => redeem(i % 2 ? 'worker' : 'reporter', few.id)));
  const statuses = answers.map((a) => a.status);
  assert.equal(statuses.filter((s) => s === 201).length, 3, `statuses ${statuses}`);
  assert.equal(statuses.filter((s) => s === 409).length, 13, `statuses ${statuses}`);
  for (const a of answers.filter((x) => x.status === 409)) assertProblem(a, 409, 'offer_sold_out');
  for (const a of answers.filter((x) => x.status === 201)) assert.equal((await confirm('merchant', a.json.code)).status, 200);
});

test('cancel gives the points back; cancelled, it is neither cancelled again nor confirmed; only its worker cancels', async () => {
  const meal = await offer('merchant', S.shop, { price: 13, stock: 2 });
  const before = await balance('worker');
  const res = await redeem('worker', meal.id);
  assert.equal(res.status, 201, res.text);
  const path = `/api/v1/redemptions/${res.json.redemption.id}/cancel`;
  assertProblem(await as('reporter', 'POST', path), 404);
  const cancelled = await as('worker', 'POST', path);
  assert.equal(cancelled.status, 200, cancelled.text);
  assert.equal(cancelled.json.redemption.status, 'released');
  assert.equal(await balance('worker'), before);
  const listed = (await srv.api('GET', `/api/v1/places/${S.shop}/offers`)).json.offers.find((o) => o.id === meal.id);
  assert.equal(listed.stock, 2, 'the item is back');
  assertProblem(await as('worker', 'POST', path), 409, 'redemption_released');
  const late = await confirm('merchant', res.json.code);
  assertProblem(late, 409, 'redemption_released');
  assertProblem(await as('worker', 'POST', `/api/v1/redemptions/${res.json.redemption.id}/code`), 409, 'redemption_released');
});

test('a retried redeem holds once; the same client id for another offer is refused', async () => {
  const meal = await offer('merchant', S.shop, { price: 5 });
  const other = await offer('merchant', S.shop, { price: 6 });
  const before = await balance('worker');
  const clientId = id();
  const answers = await Promise.all(Array.from({ length: 8 }, () => redeem('worker', meal.id, clientId)));
  assert.equal(answers.filter((a) => a.status === 201).length, 1, answers.map((a) => a.status).join(','));
  assert.equal(answers.filter((a) => a.status === 200 && a.json.replayed).length, 7);
  assert.equal(new Set(answers.map((a) => a.json.redemption.id)).size, 1);
  assert.equal(await balance('worker'), before - 5, 'held once');
  const reused = await redeem('worker', other.id, clientId);
  assertProblem(reused, 409, 'redemption_client_id_reused');
  assertProblem(await redeem('worker', meal.id, 'has space'), 400, 'bad_client_id');
  await as('worker', 'POST', `/api/v1/redemptions/${answers[0].json.redemption.id}/cancel`);
});

test('offers: only the place\'s own keeper or merchant lists and edits them; bad input and too few points are refused', async () => {
  assertProblem(await as('keeper', 'POST', `/api/v1/places/${S.shop}/offers`, { body: { title: '冒名兑换', price: 1 } }), 403, 'not_place_owner');
  assertProblem(await as('community', 'POST', `/api/v1/places/${S.shop}/offers`, { body: { title: '冒名兑换', price: 1 } }), 403, 'not_place_owner');
  assertProblem(await as('worker', 'POST', `/api/v1/places/${S.shop}/offers`, { body: { title: '冒名兑换', price: 1 } }), 403, 'forbidden');
  for (const [body, code] of [
    [{ title: '免费', price: 0 }, 'bad_offer'], [{ title: '负数', price: -5 }, 'bad_offer'], [{ title: '太贵', price: 100001 }, 'bad_offer'],
    [{ title: '   ', price: 5 }, ['bad_offer', 'validation_failed']], [{ title: 'x'.repeat(41), price: 5 }, 'validation_failed'],
    [{ title: '库存', price: 5, stock: -1 }, 'bad_offer'], [{ title: '时间', price: 5, valid_from: 2000, valid_until: 1000 }, 'bad_offer'],
    [{ title: '多余', price: 5, surprise: 1 }, 'unknown_field'],
  ]) {
    assertProblem(await as('merchant', 'POST', `/api/v1/places/${S.shop}/offers`, { body }), 400, code, JSON.stringify(body));
  }
  const helmet = await offer('merchant', S.shop, { title: '头盔', price: 100000, description: '安全头盔一顶' });
  const poor = await redeem('worker', helmet.id);
  assertProblem(poor, 409, 'insufficient_points');
  assert.match(poor.json.detail, /积分不足/);
  // Paused: no longer listed to the public, still to its owner; not redeemed.
  const paused = await as('merchant', 'PUT', `/api/v1/offers/${helmet.id}`, { body: { title: '头盔', price: 100000, active: false } });
  assert.equal(paused.status, 200, paused.text);
  assert.equal(paused.json.active, false);
  assert.equal(paused.json.description, '', 'rewritten whole');
  assertProblem(await as('keeper', 'PUT', `/api/v1/offers/${helmet.id}`, { body: { title: '头盔', price: 1 } }), 403, 'not_place_owner');
  assert.ok(!(await srv.api('GET', `/api/v1/places/${S.shop}/offers`)).json.offers.some((o) => o.id === helmet.id));
  assert.ok((await as('merchant', 'GET', `/api/v1/places/${S.shop}/offers`)).json.offers.some((o) => o.id === helmet.id));
  const refused = await redeem('worker', helmet.id);
  assertProblem(refused, 409, 'offer_unavailable');
  assert.equal(refused.json.reason, 'inactive');
  assertProblem(await redeem('worker', 99999999), 404);
  assertProblem(await srv.api('GET', '/api/v1/places/99999999/offers'), 404);
});

test('the statement: CSV with a byte order mark in the reader\'s language; the owner\'s only; a month as YYYY-MM', async () => {
  const month = beijingMonth(Date.now());
  const meal = await offer('merchant', S.shop, { title: '加饭, "大份"', price: 4 });
  const res = await redeem('worker', meal.id);
  assert.equal((await confirm('merchant', res.json.code)).status, 200);
  const csv = await as('merchant', 'GET', `/api/v1/places/${S.shop}/statement?month=${month}`);
  assert.equal(csv.status, 200, csv.text);
  assert.match(String(csv.headers['content-type']), /^text\/csv; charset=utf-8/);
  assert.match(String(csv.headers['content-disposition']), new RegExp(`statement-${S.shop}-${month}\\.csv`));
  assert.deepEqual([...csv.body.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a BOM (Excel reads the Chinese)');
  const rows = csv.text.slice(1).trim().split('\r\n');
  assert.equal(rows[0], '兑换编号,确认时间,兑换内容,积分,确认人,出资方');
  const line = rows.find((r) => r.startsWith(`${res.json.redemption.id},`));
  assert.match(line ?? '', /^\d+,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,"加饭, ""大份""",4,demo-merchant,市级积分池$/, rows.join('\n'));
  const json = await statement('merchant', S.shop, month);
  const total = json.total;
  assert.equal(rows.at(-1), `合计,,,${total},,`);
  // Who owes the place: an offer without a sponsor is paid by the city's pool; one subtotal per payer.
  const mine = json.lines.find((l) => l.redemption_id === res.json.redemption.id);
  assert.equal(mine.payer, '市级积分池');
  assert.equal(mine.sponsor_id, null);
  assert.equal(json.by_sponsor.reduce((sum, p) => sum + p.points, 0), total, 'the subtotals add up to the total');
  assert.equal(json.by_sponsor.reduce((sum, p) => sum + p.lines, 0), json.lines.length);
  const city = json.by_sponsor.find((p) => p.sponsor_id === null);
  assert.equal(city.payer, '市级积分池');
  assert.ok(rows.includes(`出资方小计,,,${city.points},,市级积分池`), rows.join('\n'));
  assert.equal(rows.filter((r) => r.startsWith('出资方小计,')).length, json.by_sponsor.length);
  const english = await as('merchant', 'GET', `/api/v1/places/${S.shop}/statement?month=${month}`, { headers: { 'Accept-Language': 'en' } });
  assert.ok(english.text.slice(1).startsWith('Redemption,Confirmed at,Offer,Points,Confirmed by,Paid by'));
  assert.ok(english.text.includes(',City points pool\r\n'));
  assertProblem(await as('keeper', 'GET', `/api/v1/places/${S.shop}/statement?month=${month}`), 403, 'not_place_owner');
  assertProblem(await as('merchant', 'GET', `/api/v1/places/${S.shop}/statement?month=2026-13`), 400, 'bad_month');
  assertProblem(await as('merchant', 'GET', `/api/v1/places/${S.shop}/statement?month=${encodeURIComponent("' OR 1=1 --")}`), 400, 'bad_month');
  const empty = await statement('merchant', S.shop, '2020-01');
  assert.deepEqual([empty.lines.length, empty.total], [0, 0]);
});

test('the statement as a PDF page: title, place, month, the lines, who pays, subtotals, total (read back by pdftotext)', async () => {
  const month = beijingMonth(Date.now());
  const meal = await offer('merchant', S.shop, { title: 'PDF测试套餐', price: 8 });
  const res = await redeem('worker', meal.id);
  assert.equal((await confirm('merchant', res.json.code)).status, 200);
  const pdf = await as('merchant', 'GET', `/api/v1/places/${S.shop}/statement?month=${month}&format=pdf`);
  assert.equal(pdf.status, 200, pdf.text.slice(0, 300));
  assert.match(String(pdf.headers['content-type']), /^application\/pdf/);
  assert.match(String(pdf.headers['content-disposition']), new RegExp(`statement-${S.shop}-${month}\\.pdf`));
  assert.equal(pdf.body.subarray(0, 5).toString('latin1'), '%PDF-');
  const text = await pdfText(pdf.body);
  const json = await statement('merchant', S.shop, month);
  const city = json.by_sponsor.find((p) => p.sponsor_id === null);
  for (const expected of ['积分兑换月结单', json.place.name, month, 'PDF测试套餐', String(res.json.redemption.id), '市级积分池',
    `${city.lines}笔，${city.points}积分`, '合计', String(json.total), '生成时间']) {
    assert.ok(text.includes(expected.replace(/\s+/g, '')), `"${expected}" in the PDF: ${text.slice(0, 800)}`);
  }
  const english = await as('merchant', 'GET', `/api/v1/places/${S.shop}/statement?month=${month}&format=pdf`, { headers: { 'Accept-Language': 'en' } });
  assert.equal(english.status, 200);
  const englishText = await pdfText(english.body);
  for (const expected of ['Monthlypointsredemptionstatement', 'Citypointspool', 'Total']) assert.ok(englishText.includes(expected), englishText.slice(0, 400));
  // An empty month is a page that says so.
  const empty = await pdfText((await as('merchant', 'GET', `/api/v1/places/${S.shop}/statement?month=2020-01&format=pdf`)).body);
  assert.ok(empty.includes('本月没有已核销的兑换'), empty);
  assertProblem(await as('keeper', 'GET', `/api/v1/places/${S.shop}/statement?month=${month}&format=pdf`), 403, 'not_place_owner');
});

test('the desk scans the worker\'s live pass: their held redemptions here, one confirmed in a tap; a screenshot, a revoked pass, another rider or another place are refused', async () => {
  await awayFromWindowEdge();
  const pass = await issuePass(srv, { token: S.worker.token });
  const meal = await offer('merchant', S.shop, { price: 6 });
  const mine = await redeem('worker', meal.id);
  const theirs = await redeem('reporter', meal.id);
  assert.equal(mine.status, 201, mine.text);
  assert.equal(theirs.status, 201, theirs.text);

  const open = await byPass('merchant', pass.qr(), S.shop);
  assert.equal(open.status, 200, open.text);
  assert.deepEqual(open.json.worker, { name: '张**' }, 'the masked name only');
  assert.equal(open.json.place.id, S.shop);
  assert.ok(open.json.redemptions.some((r) => r.id === mine.json.redemption.id && r.status === 'held'), open.text);
  assert.ok(!open.json.redemptions.some((r) => r.id === theirs.json.redemption.id), 'only the pass holder\'s');
  assert.ok(open.json.redemptions.every((r) => r.place_id === S.shop && r.status === 'held'));
  assertProblem(await byPass('keeper', pass.qr(), S.shop), 403, 'not_place_owner');
  const atStation = await byPass('keeper', pass.qr(), S.station);
  assert.equal(atStation.status, 200, atStation.text);
  assert.ok(atStation.json.redemptions.every((r) => r.place_id === S.station), 'the keeper sees only its own place\'s');
  assertProblem(await byPass('worker', pass.qr(), S.shop), 403, 'forbidden');

  // A screenshot of the pass from a minute and a half ago: the worker need not be here.
  const stale = await byPass('merchant', pass.qr(passWindow() - 3), S.shop);
  assertProblem(stale, 409, 'redemption_pass_stale');
  assert.match(stale.json.detail, /不是实时/);
  assertProblem(await byPass('merchant', 'YH1:NOT-A-PASS', S.shop), 409, 'redemption_pass_refused');
  assertProblem(await byPass('merchant', pass.qr(), 99999999), 404);
  assertProblem(await byPass('merchant', pass.qr(), 'x'), 400);

  assertProblem(await confirmByPass('merchant', theirs.json.redemption.id, pass.qr()), 409, 'redemption_other_worker');
  assertProblem(await confirmByPass('keeper', mine.json.redemption.id, pass.qr()), 403, 'redemption_other_place');
  assertProblem(await confirmByPass('merchant', mine.json.redemption.id, pass.qr(passWindow() - 3)), 409, 'redemption_pass_stale');
  assertProblem(await confirmByPass('merchant', 99999999, pass.qr()), 404);
  const before = await balance('worker');
  const done = await confirmByPass('merchant', mine.json.redemption.id, pass.qr());
  assert.equal(done.status, 200, done.text);
  assert.equal(done.json.redemption.status, 'confirmed');
  assert.equal(await balance('worker'), before, 'the price was held already');
  assertProblem(await confirmByPass('merchant', mine.json.redemption.id, pass.qr()), 409, 'redemption_code_used');
  const after = await byPass('merchant', pass.qr(), S.shop);
  assert.ok(!after.json.redemptions.some((r) => r.id === mine.json.redemption.id), 'confirmed: no longer open');
  const month = beijingMonth(Date.now());
  assert.ok((await statement('merchant', S.shop, month)).lines.some((l) => l.redemption_id === mine.json.redemption.id && l.points === 6));

  // A new pass revokes the old one: the old one no longer names the worker.
  await awayFromWindowEdge();
  const renewed = await issuePass(srv, { token: S.worker.token });
  const revoked = await byPass('merchant', pass.qr(), S.shop);
  assertProblem(revoked, 409, 'redemption_pass_refused');
  assert.equal(revoked.json.reason, 'pass_revoked');
  assert.equal((await byPass('merchant', renewed.qr(), S.shop)).status, 200);
  await as('reporter', 'POST', `/api/v1/redemptions/${theirs.json.redemption.id}/cancel`);
});

// Last: demo-merchant waits ten minutes after it.
test('five wrong codes in ten minutes: the merchant waits, in words with when, also after a restart; a right code clears the count', async () => {
  const meal = await offer('merchant', S.shop, { price: 2 });
  const a = await redeem('worker', meal.id);
  const b = await redeem('worker', meal.id);
  const c = await redeem('worker', meal.id);
  for (const r of [a, b, c]) assert.equal(r.status, 201, r.text);
  const codes = new Set([a, b, c].map((r) => r.json.code));
  let wrong = '00000000';
  for (let n = 1; codes.has(wrong); n++) wrong = String(n).padStart(8, '0');
  const freshCode = async (r) => (await as('worker', 'POST', `/api/v1/redemptions/${r.json.redemption.id}/code`)).json.code;

  assert.equal((await confirm('merchant', a.json.code)).status, 200, 'a right code clears what this file typed before');
  for (let i = 0; i < 4; i++) assertProblem(await confirm('merchant', wrong), 404, 'redemption_code_wrong');
  assertProblem(await confirm('merchant', '12'), 400, 'redemption_code_format');
  assert.equal((await confirm('merchant', await freshCode(b))).status, 200, 'four wrong, then a right one');
  for (let i = 0; i < 5; i++) assertProblem(await confirm('merchant', wrong), 404, 'redemption_code_wrong', `wrong code ${i + 1} after the reset`);
  const limited = await confirm('merchant', await freshCode(c));
  assertProblem(limited, 429, 'too_many_wrong_codes', 'even a right code waits');
  assert.ok(limited.json.retry_after_s > 0 && limited.json.retry_after_s <= 600, limited.text);
  assert.equal(Number(limited.headers['retry-after']), limited.json.retry_after_s);
  assert.equal(limited.json.limit, 5);
  assert.match(limited.json.detail, /输错太多次.*10 分钟内 5 次.*秒后再输/);
  const english = await confirm('merchant', wrong, { headers: { 'Accept-Language': 'en' } });
  assertProblem(english, 429, 'too_many_wrong_codes');
  assert.match(english.json.detail, /Too many wrong codes/);
  assertProblem(await confirm('keeper', wrong), 404, 'redemption_code_wrong', 'another account is not held up');
  // The count is in the database: a restarted server (or another one) still says wait.
  await srv.stop();
  await srv.relaunch();
  for (const [who, login] of [['merchant', 'demo-merchant'], ['worker', 'demo-worker'], ['city', 'demo-city']]) S[who] = await srv.login(login);
  assertProblem(await confirm('merchant', wrong), 429, 'too_many_wrong_codes');
  await as('worker', 'POST', `/api/v1/redemptions/${c.json.redemption.id}/cancel`);
});
