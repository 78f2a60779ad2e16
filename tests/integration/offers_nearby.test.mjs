// 附近可兑换 (issue 16, item 7): the nearby search by riding time, asked for places where a worker
// could redeem points now (`redeemable=true`), keeps only those places and names their cheapest
// offers. Demo data: 骑手午餐套餐 (30 分) and another offer at demo-merchant's place, two offers at
// demo-keeper's station, nothing to redeem at the other places.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { useServer, assertProblem } from './harness.mjs';

const srv = useServer();
const S = {};
const as = (who, method, path, opts = {}) => srv.api(method, path, { token: S[who].token, ...opts });

before(async () => {
  await srv.start();
  S.merchant = await srv.login('demo-merchant');
  const mine = (await as('merchant', 'GET', '/api/v1/places/mine')).json.places;
  S.shop = mine.find((p) => p.status === 'approved');
  assert.ok(S.shop, 'demo-merchant runs an approved place');
});

const near = (extra = '') => srv.api('GET', `/api/v1/places/nearby?lat=${S.shop.lat}&lon=${S.shop.lon}&limit=50${extra}`);

test('redeemable=true keeps only places with offers to redeem, each with its cheapest ones, by riding time', async () => {
  const all = await near();
  assert.equal(all.status, 200, all.text);
  const only = await near('&redeemable=true');
  assert.equal(only.status, 200, only.text);
  const places = only.json.places;
  assert.ok(places.length >= 2, `the merchant's place and the keeper's station: ${only.text.slice(0, 300)}`);
  assert.ok(places.length < all.json.places.length, 'places without offers are left out');
  for (const place of places) {
    assert.ok(Array.isArray(place.redeemable) && place.redeemable.length >= 1 && place.redeemable.length <= 3, JSON.stringify(place).slice(0, 300));
    const prices = place.redeemable.map((o) => o.price);
    assert.deepEqual(prices, [...prices].sort((a, b) => a - b), 'cheapest first');
  }
  const seconds = places.map((p) => p.road_seconds ?? 0);
  assert.deepEqual(seconds, [...seconds].sort((a, b) => a - b), 'nearest by riding time first');
  const shop = places.find((p) => p.id === S.shop.id);
  assert.ok(shop?.redeemable.some((o) => o.title === '骑手午餐套餐' && o.price === 30), JSON.stringify(shop));
  assert.ok(all.json.places.every((p) => p.redeemable === undefined), 'the plain search carries no redeemable list');
});

test('an offer sold out or paused is not redeemable; a place with nothing left drops out', async () => {
  const title = `售罄测试${randomBytes(3).toString('hex')}`;
  const sold = await as('merchant', 'POST', `/api/v1/places/${S.shop.id}/offers`, { body: { title, price: 1, stock: 0 } });
  assert.equal(sold.status, 201, sold.text);
  const paused = await as('merchant', 'POST', `/api/v1/places/${S.shop.id}/offers`, { body: { title: `${title}停`, price: 1, active: false } });
  assert.equal(paused.status, 201, paused.text);
  const shop = (await near('&redeemable=1')).json.places.find((p) => p.id === S.shop.id);
  assert.ok(shop, 'the shop still has its lunch');
  assert.ok(!shop.redeemable.some((o) => o.title.startsWith(title)), JSON.stringify(shop.redeemable));
});

test('the filter is checked like the others: a bad location is still a worded 400', async () => {
  const bad = await srv.api('GET', '/api/v1/places/nearby?lat=999&lon=116.3&redeemable=true', { headers: { 'Accept-Language': 'zh-CN' } });
  assertProblem(bad, 400);
});
