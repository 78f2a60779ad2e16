// Honours the other way (issue 16, item 6): riders rate how a merchant hands over orders (the
// wait, a place to wait, respect), once a place a Beijing day (a second rating that day replaces
// the first); the merchant and the officers of its area read the summary and the comments, never
// who rated; the monthly 优秀放餐企业榜单 and 友好小区榜 rank merchants and compounds with at least
// min_raters distinct riders, a draft for officers until a street officer or above publishes it,
// then frozen and public without signing in.
// Demo data: ratings of the district's merchants and canteens over last month and this one, gate
// scans at demo-street's compounds, last month's lists published for the district (110108) and
// for demo-street's street.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { useServer, assertProblem, registerRider } from './harness.mjs';
import { HQ } from './report_helpers.mjs';

const srv = useServer();
const S = {};
const tag = () => randomBytes(3).toString('hex');
const as = (who, method, path, opts = {}) => srv.api(method, path, { token: S[who].token, ...opts });
const beijingMonth = (ms = Date.now()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date(ms));
const lastMonth = () => {
  const [y, m] = beijingMonth().split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};
const rate = (token, place, body) => srv.api('POST', `/api/v1/places/${place}/handover-ratings`, { token, body });
const good = { wait: 'under_5', place_to_wait: true, respect: 5 };

/** A new approved merchant near 华清嘉园, made by demo-community. */
async function newMerchant(name) {
  const res = await as('community', 'POST', '/api/v1/places', { body: {
    kind: 'merchant', name, lat: +(HQ.lat + (Math.random() - 0.5) * 0.001).toFixed(6),
    lon: +(HQ.lon + (Math.random() - 0.5) * 0.001).toFixed(6), address: '海淀区测试路8号', amenities: ['meals', 'seats'],
    opening_hours: 'Mo-Su 10:00-21:00',
  } });
  assert.equal(res.status, 201, res.text.slice(0, 300));
  assert.equal(res.json.status, 'approved');
  return res.json;
}

before(async () => {
  await srv.start();
  for (const [who, login] of [['worker', 'demo-worker'], ['merchant', 'demo-merchant'], ['keeper', 'demo-keeper'],
    ['community', 'demo-community'], ['street', 'demo-street'], ['district', 'demo-district']]) S[who] = await srv.login(login);
  const placeOf = async (who) => {
    const mine = (await as(who, 'GET', '/api/v1/places/mine')).json.places;
    const place = mine.find((p) => p.status === 'approved');
    assert.ok(place, `${who} runs an approved place`);
    return place.id;
  };
  S.shop = await placeOf('merchant');
  S.station = await placeOf('keeper');
  // Six verified riders of demo-community's depot, besides demo-worker.
  S.riders = [];
  for (let i = 0; i < 6; i++) S.riders.push(await registerRider(srv, { name: `评价骑手${i}`, verifyAs: S.community.token }));
});

test('demo: last month\'s district lists are published and public; this month\'s is a draft for officers only', async () => {
  for (const kind of ['merchants', 'compounds']) {
    const res = await srv.api('GET', `/api/v1/rankings/${kind}?area=110108&month=${lastMonth()}`);
    assert.equal(res.status, 200, res.text.slice(0, 300));
    assert.equal(res.json.status, 'published');
    assert.equal(res.json.kind, kind);
    assert.equal(res.json.published_by, null, 'the publisher is shown to officers only');
    assert.ok(res.json.entries.length >= 1, `${kind}: ${res.text.slice(0, 300)}`);
    res.json.entries.forEach((e, i) => {
      assert.ok(e.raters >= res.json.min_raters, JSON.stringify(e));
      assert.ok(e.score >= 0 && e.score <= 100, JSON.stringify(e));
      if (i > 0) assert.ok(e.rank >= res.json.entries[i - 1].rank && e.score <= res.json.entries[i - 1].score);
      assert.ok(kind === 'merchants' ? Number.isInteger(e.place_id) : typeof e.compound_code === 'string');
    });
    const officer = await as('district', 'GET', `/api/v1/rankings/${kind}?area=110108&month=${lastMonth()}`);
    assert.equal(officer.json.published_by, 'demo-district');
  }
  const merchants = (await srv.api('GET', `/api/v1/rankings/merchants?area=110108&month=${lastMonth()}`)).json;
  assert.ok(merchants.entries.some((e) => e.place_id === S.shop), 'demo-merchant\'s place is on last month\'s list');
  const thisMonth = beijingMonth();
  assertProblem(await srv.api('GET', `/api/v1/rankings/merchants?area=110108&month=${thisMonth}`), 404, 'ranking_not_published');
  assertProblem(await as('worker', 'GET', `/api/v1/rankings/merchants?area=110108&month=${thisMonth}`), 404, 'ranking_not_published');
  assertProblem(await as('merchant', 'GET', `/api/v1/rankings/merchants?month=${thisMonth}`), 404, 'ranking_not_published');
  // Without a month, everyone but the area's officers gets the newest published list (the district's, by default).
  const newest = await as('worker', 'GET', '/api/v1/rankings/merchants');
  assert.equal(newest.status, 200, newest.text.slice(0, 300));
  assert.equal(newest.json.area.code, '110108');
  assert.equal(newest.json.month, lastMonth());
  assert.equal(newest.json.status, 'published');
  const draft = await as('district', 'GET', '/api/v1/rankings/merchants');
  assert.equal(draft.status, 200, draft.text.slice(0, 300));
  assert.equal(draft.json.status, 'draft');
  assert.equal(draft.json.area.code, '110108');
  assert.equal(draft.json.month, beijingMonth());
  assert.match(draft.headers['cache-control'], /no-store/);
  // A visitor who names no area gets the whole city's newest list.
  const city = await srv.api('GET', '/api/v1/rankings/compounds');
  assert.equal(city.status, 200, city.text.slice(0, 300));
  assert.equal(city.json.status, 'published');
  assert.equal(city.json.month, lastMonth());
  assert.match(city.headers['cache-control'], /public/);
});

test('a worker rates a merchant once a day: a second rating replaces the first', async () => {
  const first = await rate(S.worker.token, S.shop, { wait: 'over_20', place_to_wait: false, respect: 2, comment: '等了很久' });
  assert.ok([200, 201].includes(first.status), first.text);
  const again = await rate(S.worker.token, S.shop, { ...good, comment: '其实出餐很快' });
  assert.equal(again.status, 200, again.text);
  assert.equal(again.json.replaced, true);
  assert.equal(again.json.id, first.json.id);
  assert.match(again.json.day, /^\d{4}-\d{2}-\d{2}$/);
  const summary = (await as('merchant', 'GET', `/api/v1/places/${S.shop}/handover-ratings`)).json;
  assert.ok(summary.comments.some((c) => c.comment === '其实出餐很快'), JSON.stringify(summary.comments).slice(0, 400));
  assert.ok(!summary.comments.some((c) => c.comment === '等了很久'), 'the replaced rating is gone');
});

test('the merchant and the area\'s officers read the summary, never who rated; others are refused', async () => {
  const rider = S.riders[0];
  const saved = await rate(rider.token, S.shop, { wait: '10_20', place_to_wait: false, respect: 3, comment: `取餐口太挤${tag()}` });
  assert.equal(saved.status, 201, saved.text);
  const res = await as('merchant', 'GET', `/api/v1/places/${S.shop}/handover-ratings?month=${beijingMonth()}`);
  assert.equal(res.status, 200, res.text.slice(0, 300));
  const s = res.json;
  assert.equal(s.place.id, S.shop);
  assert.ok(s.ratings >= 2 && s.raters >= 2, res.text.slice(0, 300));
  assert.equal(Object.values(s.waits).reduce((a, b) => a + b, 0), s.ratings);
  assert.ok(s.respect_mean >= 1 && s.respect_mean <= 5);
  assert.ok(s.place_to_wait_share >= 0 && s.place_to_wait_share <= 1);
  assert.ok(s.comments.length >= 1);
  for (const secret of [rider.name, rider.login, rider.phone, '张小哥', 'demo-worker', 'worker_id', 'account']) {
    assert.ok(!res.text.includes(secret), `the summary names no rater (${secret})`);
  }
  const community = await as('community', 'GET', `/api/v1/places/${S.shop}/handover-ratings`);
  assert.equal(community.status, 200, community.text.slice(0, 300));
  // A worker cannot read a place's comments (the door), nor a keeper another place's (the policy).
  assertProblem(await as('worker', 'GET', `/api/v1/places/${S.shop}/handover-ratings`), 403, 'forbidden');
  assertProblem(await srv.api('GET', `/api/v1/places/${S.shop}/handover-ratings`, { token: rider.token }), 403, 'forbidden');
  assertProblem(await as('keeper', 'GET', `/api/v1/places/${S.shop}/handover-ratings`), 403, 'not_place_merchant');
  assertProblem(await as('merchant', 'GET', `/api/v1/places/${S.station}/handover-ratings`), 403, 'not_place_merchant');
  assertProblem(await srv.api('GET', `/api/v1/places/${S.shop}/handover-ratings`), 401);
});

test('bad input: a clear refusal in Chinese (and English when asked), nothing stored', async () => {
  const bad = async (body, code, words) => {
    const res = await rate(S.riders[1].token, S.shop, body);
    assertProblem(res, 400, code);
    assert.match(res.json.detail, words);
  };
  await bad({ ...good, wait: 'soon' }, 'bad_wait', /等餐时间/);
  await bad({ ...good, respect: 9 }, 'bad_respect', /1 到 5/);
  await bad({ ...good, respect: 0 }, 'bad_respect', /尊重/);
  await bad({ ...good, comment: '慢'.repeat(141) }, 'validation_failed', /最多 140 个字/);
  await bad({ wait: 'under_5', respect: 5 }, 'validation_failed', /./);
  await bad({ ...good, respect: '5' }, 'validation_failed', /./);
  const en = await srv.api('POST', `/api/v1/places/${S.shop}/handover-ratings`, { token: S.riders[1].token, body: { ...good, respect: 7 }, headers: { 'Accept-Language': 'en' } });
  assertProblem(en, 400, 'bad_respect');
  assert.match(en.json.detail, /1 to 5/);
  const month = await as('merchant', 'GET', `/api/v1/places/${S.shop}/handover-ratings?month=2026-13`);
  assertProblem(month, 400, 'bad_month');
  assert.match(month.json.detail, /月份/);
  // Nothing of the refused ratings was stored: the rider has rated nothing.
  const summary = (await as('merchant', 'GET', `/api/v1/places/${S.shop}/handover-ratings`)).json;
  assert.ok(!summary.comments.some((c) => c.comment.startsWith('慢慢')));
  // A station is not rated; an unverified rider does not rate; a missing place is 404.
  assertProblem(await rate(S.riders[1].token, S.station, good), 409, 'place_not_rated');
  const pending = await registerRider(srv, { name: '未认证骑手' });
  assertProblem(await rate(pending.token, S.shop, good), 403, 'worker_not_verified');
  assertProblem(await rate(S.riders[1].token, 99999999, good), 404);
  // Only workers rate.
  assertProblem(await as('merchant', 'POST', `/api/v1/places/${S.shop}/handover-ratings`, { body: good }), 403, 'forbidden');
});

test('a merchant with fewer than min_raters riders is left out; publishing freezes the list', async () => {
  const fresh = await newMerchant(`测试面馆${tag()}`);
  const later = await newMerchant(`测试饺子馆${tag()}`);
  const area = fresh.area.code;
  const draft = async () => {
    const res = await as('street', 'GET', `/api/v1/rankings/merchants?area=${area}`);
    assert.equal(res.status, 200, res.text.slice(0, 300));
    assert.equal(res.json.status, 'draft');
    return res.json;
  };
  const min = (await draft()).min_raters;
  assert.ok(min >= 2 && min <= S.riders.length, `min_raters ${min}`);
  // One rider rating every day is still one rider: min - 1 riders leave the place out.
  for (const rider of S.riders.slice(0, min - 1)) assert.equal((await rate(rider.token, fresh.id, good)).status, 201);
  assert.equal((await rate(S.riders[0].token, fresh.id, good)).status, 200);
  let list = await draft();
  assert.ok(!list.entries.some((e) => e.place_id === fresh.id), 'too few riders: not ranked');
  assert.ok(list.too_few_raters >= 1);
  assert.equal((await rate(S.riders[min - 1].token, fresh.id, good)).status, 201);
  list = await draft();
  const entry = list.entries.find((e) => e.place_id === fresh.id);
  assert.ok(entry, JSON.stringify(list).slice(0, 400));
  assert.equal(entry.raters, min);
  assert.ok(entry.score < 100, 'shrunk toward the area\'s mean');
  assert.equal(entry.name, fresh.name);

  // Community officers see the draft but do not publish; workers are turned away at the door.
  const month = beijingMonth();
  assertProblem(await as('community', 'POST', `/api/v1/rankings/merchants/${month}/publish`, { body: { area } }), 403, 'ranking_not_yours');
  assertProblem(await as('worker', 'POST', `/api/v1/rankings/merchants/${month}/publish`, { body: { area } }), 403, 'forbidden');
  assertProblem(await as('street', 'POST', `/api/v1/rankings/merchants/2999-01/publish`, { body: { area } }), 409, 'ranking_month_ahead');
  assertProblem(await as('street', 'POST', `/api/v1/rankings/merchants/2026-1/publish`, { body: { area } }), 400, 'bad_month');
  assertProblem(await as('street', 'POST', `/api/v1/rankings/riders/${month}/publish`, { body: { area } }), 404);
  assertProblem(await as('street', 'POST', `/api/v1/rankings/merchants/${month}/publish`, { body: { area: '110108008' } }), 403, 'ranking_not_yours');
  const published = await as('street', 'POST', `/api/v1/rankings/merchants/${month}/publish`, { body: { area } });
  assert.equal(published.status, 201, published.text.slice(0, 300));
  assert.equal(published.json.status, 'published');
  assert.equal(published.json.published_by, 'demo-street');
  assertProblem(await as('street', 'POST', `/api/v1/rankings/merchants/${month}/publish`, { body: { area } }), 409, 'ranking_already_published');
  const audit = await as('street', 'GET', '/api/v1/audit?limit=50');
  assert.equal(audit.status, 200, audit.text.slice(0, 300));
  assert.ok(JSON.stringify(audit.json).includes('honours.ranking_publish'), 'the publication is audited');
  const logged = audit.json.items.find((e) => e.action === 'honours.ranking_publish' && e.entity_id === `merchants:${month}:${area}`);
  assert.ok(logged, 'the publication names its list');
  assert.equal(logged.entity_name, `${month} ${published.json.area.name}`, 'the log names the list by month and area, as a person reads it');

  // Later ratings change nothing: the other place reaches min riders after publication and stays off.
  for (const rider of S.riders.slice(0, min)) assert.equal((await rate(rider.token, later.id, good)).status, 201);
  const frozen = await srv.api('GET', `/api/v1/rankings/merchants?area=${area}&month=${month}`);
  assert.equal(frozen.status, 200, 'public without a session once published');
  assert.equal(frozen.json.status, 'published');
  assert.deepEqual(frozen.json.entries, published.json.entries);
  assert.ok(!frozen.json.entries.some((e) => e.place_id === later.id));
  assert.match(frozen.headers['cache-control'], /public/);
  // The compounds' list of the same area and month is its own list, still a draft.
  assert.equal((await as('street', 'GET', `/api/v1/rankings/compounds?area=${area}`)).json.status, 'draft');
});

test('the compounds\' draft ranks compounds from verified scans, each with enough riders', async () => {
  const res = await as('street', 'GET', '/api/v1/rankings/compounds');
  assert.equal(res.status, 200, res.text.slice(0, 300));
  assert.equal(res.json.area.code, S.street.account.area.code);
  for (const e of res.json.entries) {
    assert.ok(e.raters >= res.json.min_raters, JSON.stringify(e));
    assert.equal(typeof e.compound_code, 'string');
  }
  // Outside the officer's area there is no draft to see.
  assertProblem(await as('street', 'GET', '/api/v1/rankings/compounds?area=110108008'), 404, 'ranking_not_published');
  assertProblem(await as('street', 'GET', '/api/v1/rankings/compounds?area=nowhere'), 404);
  assertProblem(await as('street', 'GET', '/api/v1/rankings/compounds?month=12-2026'), 400, 'bad_month');
});
