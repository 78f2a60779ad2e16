// Area scope: what each role may see is enforced by the server.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, assertProblem, MASKED_PHONE } from './harness.mjs';

const srv = useServer();
const S = {};

before(async () => {
  await srv.start();
  for (const who of ['admin', 'city', 'district', 'street', 'community', 'guard', 'property', 'worker', 'merchant']) {
    S[who] = await srv.login(`demo-${who}`);
  }
});

const get = (who, p) => srv.api('GET', p, { token: S[who].token });

/** Every phone-like field is masked, and no unmasked mobile number appears anywhere. */
function assertNoPhones(value, where) {
  const walk = (v, key, pathStr) => {
    if (typeof v === 'string') {
      if (/phone/i.test(key)) assert.match(v, MASKED_PHONE, `${where}${pathStr}: ${v}`);
      assert.doesNotMatch(v, /(^|\D)1[3-9]\d{9}(\D|$)/, `${where}${pathStr}: unmasked mobile number ${v}`);
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, key, `${pathStr}[${i}]`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k, `${pathStr}.${k}`);
  };
  walk(value, '', '');
}

test('guard: its own compound yes; another compound and the district → 403 forbidden', async () => {
  const own = S.guard.account.area;
  assert.equal(own.level, 'compound');
  const mine = await get('guard', `/api/v1/areas/${own.code}`);
  assert.equal(mine.status, 200, mine.text);
  assert.equal(mine.json.area.code, own.code);
  assert.deepEqual(mine.json.ancestors.map((a) => a.level), ['city', 'district', 'street', 'community']);
  const all = await get('district', '/api/v1/compounds?area=110108&limit=50');
  assert.equal(all.status, 200);
  const other = all.json.items.find((c) => c.code !== own.code);
  assert.ok(other, 'the district has other compounds');
  assertProblem(await get('guard', `/api/v1/areas/${other.code}`), 403, 'forbidden');
  assertProblem(await get('guard', '/api/v1/areas/110108'), 403, 'forbidden');
  assertProblem(await get('guard', `/api/v1/areas/${own.code.slice(0, 9)}`), 403, 'forbidden', 'its street');
  // Listings outside its area are refused too, not silently widened.
  assertProblem(await get('guard', '/api/v1/compounds?area=110108'), 403, 'forbidden');
  assertProblem(await get('property', `/api/v1/areas/${other.code}`), 403, 'forbidden');
});

test('street officer: its street and communities yes, another street → 403', async () => {
  const street = S.street.account.area;
  assert.equal(street.level, 'street');
  const res = await get('street', `/api/v1/areas/${street.code}`);
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.area.code, street.code);
  assert.ok(res.json.children.length > 0, 'the street has communities');
  for (const child of res.json.children) {
    assert.equal(child.level, 'community');
    assert.equal(child.parent_code, street.code);
    const c = await get('street', `/api/v1/areas/${child.code}`);
    assert.equal(c.status, 200, `${child.code}: ${c.text}`);
    assert.deepEqual(c.json.ancestors.map((a) => a.code), ['110000', '110108', street.code]);
  }
  const district = await get('district', '/api/v1/areas/110108');
  assert.equal(district.status, 200);
  assert.ok(district.json.children.length >= 29, `all 29 Haidian streets are children (${district.json.children.length})`);
  const otherStreet = district.json.children.find((c) => c.code !== street.code);
  assertProblem(await get('street', `/api/v1/areas/${otherStreet.code}`), 403, 'forbidden');
  assertProblem(await get('street', '/api/v1/areas/110108'), 403, 'forbidden');
  assertProblem(await get('street', `/api/v1/workers?area=${otherStreet.code}`), 403, 'forbidden');
  assertProblem(await get('street', `/api/v1/compounds?area=${otherStreet.code}`), 403, 'forbidden');
  assertProblem(await get('admin', '/api/v1/areas/110108999999'), 404, 'not_found');
});

test('worker: 403 on /api/v1/workers, /api/v1/audit and /api/v1/accounts', async () => {
  assertProblem(await get('worker', '/api/v1/workers'), 403, 'forbidden');
  assertProblem(await get('worker', '/api/v1/audit'), 403, 'forbidden');
  assertProblem(await get('worker', '/api/v1/accounts'), 403, 'forbidden');
  assertProblem(await get('merchant', '/api/v1/audit'), 403, 'forbidden');
  assertProblem(await get('guard', '/api/v1/audit'), 403, 'forbidden');
});

test("street officer's /workers lists only its street: fewer than the district's, more than 0", async () => {
  const street = await get('street', '/api/v1/workers?limit=200');
  const district = await get('district', '/api/v1/workers?limit=200');
  assert.equal(street.status, 200, street.text);
  assert.equal(district.status, 200, district.text);
  assert.ok(street.json.total > 0, 'street total > 0');
  assert.ok(street.json.total < district.json.total, `street ${street.json.total} < district ${district.json.total}`);
  assert.equal(street.json.items.length, Math.min(200, street.json.total));
  const explicit = await get('street', `/api/v1/workers?area=${S.street.account.area.code}&limit=1`);
  assert.equal(explicit.json.total, street.json.total, 'area defaults to the caller’s own area');
  const city = await get('city', '/api/v1/workers?limit=1');
  assert.ok(city.json.total >= district.json.total, 'city ≥ district');
  // Paging is consistent.
  const page1 = await get('district', '/api/v1/workers?limit=5&offset=0');
  const page2 = await get('district', '/api/v1/workers?limit=5&offset=5');
  assert.equal(page1.json.items.length, 5);
  assert.equal(page2.json.items.length, 5);
  const ids = new Set([...page1.json.items, ...page2.json.items].map((w) => w.id));
  assert.equal(ids.size, 10, 'pages do not overlap');
  assert.equal(page1.json.total, district.json.total);
  // The same for compounds.
  const sc = await get('street', '/api/v1/compounds?limit=200');
  const dc = await get('district', '/api/v1/compounds?limit=1');
  assert.ok(sc.json.total > 0 && sc.json.total < dc.json.total, `compounds: street ${sc.json.total} < district ${dc.json.total}`);
  const streetName = S.street.account.area.name_zh;
  for (const c of sc.json.items) assert.equal(c.street_name, streetName, `compound ${c.name_zh} is in ${streetName}`);
  // Search narrows.
  const q = await get('district', `/api/v1/compounds?q=${encodeURIComponent('华清嘉园')}`);
  assert.equal(q.status, 200);
  assert.ok(q.json.total >= 1 && q.json.total < dc.json.total, `q=华清嘉园 finds it: ${q.json.total}`);
  assert.ok(q.json.items.every((c) => c.name_zh.includes('华清嘉园')));
});

test('phones are masked in every listing', async () => {
  const listings = [
    ['district', '/api/v1/workers?limit=200'],
    ['district', '/api/v1/workers?limit=200&offset=200'],
    ['street', '/api/v1/workers?limit=200'],
    ['district', '/api/v1/workers?status=verified&limit=50'],
    ['admin', '/api/v1/accounts?limit=200'],
    ['admin', '/api/v1/audit?limit=200'],
    ['district', '/api/v1/compounds?limit=200'],
    ['worker', '/api/v1/home'],
    ['worker', '/api/v1/me'],
    ['street', '/api/v1/home'],
  ];
  let phones = 0;
  for (const [who, p] of listings) {
    const res = await get(who, p);
    assert.equal(res.status, 200, `${p}: ${res.text.slice(0, 200)}`);
    assertNoPhones(res.json, `${who} ${p}`);
    phones += (res.text.match(/\d{3}\*{4}\d{4}/g) || []).length;
  }
  assert.ok(phones > 0, 'worker listings include masked phones');
  const w = await get('district', '/api/v1/workers?limit=20');
  for (const item of w.json.items) {
    assert.match(item.phone_masked, MASKED_PHONE);
    for (const k of ['id', 'name', 'kind', 'platform', 'depot', 'phone_masked', 'status']) assert.ok(k in item, `worker item has ${k}`);
    assert.equal(item.phone, undefined, 'no raw phone field');
  }
});

test('/api/v1/home stats are > 0 for officers and nested by area', async () => {
  const keys = ['communities', 'compounds', 'workers', 'verified_workers', 'depots', 'accounts', 'places'];
  const stats = {};
  for (const who of ['city', 'district', 'street', 'community']) {
    const res = await get(who, '/api/v1/home');
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.account.login, `demo-${who}`);
    stats[who] = res.json.stats;
    for (const k of keys) assert.ok(Number.isInteger(res.json.stats[k]) && res.json.stats[k] >= 0, `${who}.${k} = ${res.json.stats[k]}`);
    for (const k of ['communities', 'compounds', 'workers']) assert.ok(res.json.stats[k] > 0, `${who}: stats.${k} > 0`);
  }
  for (const k of ['city', 'district', 'street']) assert.ok(stats[k].depots > 0 && stats[k].verified_workers > 0 && stats[k].places > 0, `${k}: depots, verified workers and places > 0`);
  for (const k of keys) {
    assert.ok(stats.district[k] >= stats.street[k], `district.${k} ≥ street.${k}`);
    assert.ok(stats.street[k] >= stats.community[k], `street.${k} ≥ community.${k}`);
  }
  assert.ok(stats.district.workers > stats.street.workers);
  const worker = await get('worker', '/api/v1/home');
  assert.equal(worker.status, 200);
  assert.ok(worker.json.worker, 'a worker sees its own worker record');
  assert.match(worker.json.worker.phone_masked, MASKED_PHONE);
  const guard = await get('guard', '/api/v1/home');
  assert.equal(guard.status, 200);
  assert.ok(guard.json.compound, 'a guard sees its compound');
});
