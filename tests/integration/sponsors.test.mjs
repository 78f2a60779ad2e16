// Sponsors (爱心单位) and drives (一本书的旅行), issue 16 items 4 and 5: a street officer registers a
// sponsor (its own points pool), links an account of its area as its member; the member pledges
// points, and only a city officer turns a pledge into points (the issuer funds the sponsor's pool),
// so no sponsor mints points alone; the sponsor's page shows what its points became. A drive collects
// items at drop points in stations: their keepers log items in (from organisations) and out (to a
// kind of recipient, never a name); its totals are public. The conservation law after every test.
// Demo data: 中关村爱心企业联盟 (demo-sponsor speaks for it; its pool pays the lunch offer) and a
// running 一本书的旅行 with books from several organisations.
import { test, before, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { useServer, assertProblem, assertLedgerBalanced, DEMO_PASSWORD } from './harness.mjs';

const srv = useServer();
const S = {};
const tag = () => randomBytes(3).toString('hex');
const as = (who, method, path, opts = {}) => srv.api(method, path, { token: S[who].token, ...opts });
const OTHER_STREET = '110108008'; // 北太平庄街道, not demo-street's

before(async () => {
  await srv.start();
  for (const [who, login] of [['sponsor', 'demo-sponsor'], ['city', 'demo-city'], ['street', 'demo-street'],
    ['community', 'demo-community'], ['keeper', 'demo-keeper'], ['merchant', 'demo-merchant'], ['worker', 'demo-worker']])
    S[who] = await srv.login(login);
  S.station = (await as('keeper', 'GET', '/api/v1/places/mine')).json.places.find((p) => p.kind === 'station');
  assert.ok(S.station, 'demo-keeper runs a station');
  S.shop = (await as('merchant', 'GET', '/api/v1/places/mine')).json.places[0];
});

afterEach(() => assertLedgerBalanced(srv, S.city.token));

/** A sponsor of demo-street's street with a fresh member account, signed in as S[who]. */
async function sponsorWithMember(who) {
  const made = await as('street', 'POST', '/api/v1/sponsors', { body: { name: `测试爱心企业${tag()}`, kind: 'company', intro: '测试' } });
  assert.equal(made.status, 201, made.text);
  const login = `it-sponsor-${tag()}`;
  const account = await as('street', 'POST', '/api/v1/accounts', {
    body: { login, password: DEMO_PASSWORD, display_name: '测试联络人', role: 'sponsor', area_code: S.street.account.area.code },
  });
  assert.equal(account.status, 201, account.text);
  const linked = await as('street', 'POST', `/api/v1/sponsors/${made.json.id}/members`, { body: { account_id: account.json.account.id } });
  assert.equal(linked.status, 200, linked.text);
  S[who] = await srv.login(login);
  return made.json;
}

const poolOf = async (sponsorId) => (await as('city', 'GET', `/api/v1/sponsors/${sponsorId}`)).json.sponsor.pool_balance;

test('the demo: 中关村爱心企业联盟 shows what it funded and what that became; the drive is public', async () => {
  const list = await as('sponsor', 'GET', '/api/v1/sponsors');
  assert.equal(list.status, 200, list.text);
  const alliance = list.json.items.find((s) => s.name === '中关村爱心企业联盟');
  assert.ok(alliance, 'the demo alliance');
  assert.equal(list.json.mine, alliance.id, 'demo-sponsor speaks for it');
  assert.equal(list.json.open_pledges, undefined, 'only city officers see the pledges to decide');
  const page = await as('sponsor', 'GET', `/api/v1/sponsors/${alliance.id}`);
  assert.equal(page.status, 200, page.text);
  assert.ok(page.json.funded >= 25000, `funded ${page.json.funded}`);
  assert.ok(page.json.awards.count >= 1 && page.json.awards.points >= 40);
  assert.ok(page.json.meals_served >= 1, 'demo-worker\'s lunch, paid by the alliance');
  assert.ok(page.json.served.some((o) => o.title === '骑手午餐套餐'));
  assert.ok(page.json.drives.some((d) => d.title === '一本书的旅行'));
  assert.equal(page.json.private, true);
  assert.ok(page.json.pledges.some((p) => p.status === 'pledged'), 'one pledge waits for demo-city');
  const asWorker = await as('worker', 'GET', `/api/v1/sponsors/${alliance.id}`);
  assert.equal(asWorker.status, 200);
  assert.equal(asWorker.json.private, false);
  assert.equal(asWorker.json.pledges, undefined, 'a worker sees the public figures only');
  const city = await as('city', 'GET', '/api/v1/sponsors');
  assert.ok(city.json.open_pledges.length >= 1);

  const drives = await srv.api('GET', '/api/v1/drives');
  assert.equal(drives.status, 200, 'public, without signing in');
  const drive = drives.json.items.find((d) => d.title === '一本书的旅行');
  assert.ok(drive && drive.running && drive.collected > drive.handed_out && drive.organisations >= 4, JSON.stringify(drive));
  const one = await srv.api('GET', `/api/v1/drives/${drive.id}`);
  assert.equal(one.status, 200);
  assert.ok(one.json.drop_points.length >= 1);
  assert.equal(one.json.drop_points.reduce((sum, p) => sum + p.collected, 0), drive.collected);
  assert.equal(one.json.organisations.reduce((sum, o) => sum + o.count, 0), drive.collected);
  assertProblem(await srv.api('GET', '/api/v1/drives/999999'), 404);
  assertProblem(await srv.api('GET', '/api/v1/sponsors'), 401);
});

test('create, link, pledge → a city officer funds: the points move from the issuer to the sponsor\'s pool once', async () => {
  const sponsor = await sponsorWithMember('member');
  assert.equal(sponsor.pool_balance, 0);
  assert.ok(Number.isInteger(sponsor.pool_account_id));
  const pledge = await as('member', 'POST', `/api/v1/sponsors/${sponsor.id}/pledges`, { body: { amount: 700, note: '冬季午餐' } });
  assert.equal(pledge.status, 201, pledge.text);
  assert.equal(pledge.json.status, 'pledged');
  assert.equal(await poolOf(sponsor.id), 0, 'a pledge moves nothing');

  // A sponsor member cannot fund itself; nor can a street officer.
  assertProblem(await as('member', 'POST', `/api/v1/sponsors/pledges/${pledge.json.id}/fund`), 403, 'forbidden');
  assertProblem(await as('street', 'POST', `/api/v1/sponsors/pledges/${pledge.json.id}/fund`), 403, 'sponsors_not_allowed');
  assert.equal(await poolOf(sponsor.id), 0);

  const funded = await as('city', 'POST', `/api/v1/sponsors/pledges/${pledge.json.id}/fund`);
  assert.equal(funded.status, 200, funded.text);
  assert.equal(funded.json.status, 'funded');
  assert.ok(Number.isInteger(funded.json.transfer_id));
  assert.equal(await poolOf(sponsor.id), 700);
  const pools = (await as('city', 'GET', '/api/v1/points')).json.pools;
  assert.equal(pools.find((p) => p.id === sponsor.pool_account_id)?.balance, 700, 'the pool is in the ledger');

  const twice = await as('city', 'POST', `/api/v1/sponsors/pledges/${pledge.json.id}/fund`);
  assertProblem(twice, 409, 'pledge_decided');
  assert.match(twice.json.detail, /已经处理过/);
  assertProblem(await as('city', 'POST', `/api/v1/sponsors/pledges/${pledge.json.id}/decline`), 409, 'pledge_decided');
  assert.equal(await poolOf(sponsor.id), 700, 'funded once');

  const second = await as('member', 'POST', `/api/v1/sponsors/${sponsor.id}/pledges`, { body: { amount: 300 } });
  const declined = await as('city', 'POST', `/api/v1/sponsors/pledges/${second.json.id}/decline`);
  assert.equal(declined.status, 200, declined.text);
  assert.equal(declined.json.status, 'declined');
  assert.equal(await poolOf(sponsor.id), 700);

  const page = await as('member', 'GET', `/api/v1/sponsors/${sponsor.id}`);
  assert.equal(page.json.funded, 700);
  assert.deepEqual(page.json.pledges.map((p) => p.status), ['declined', 'funded']);
  const audit = await as('city', 'GET', '/api/v1/audit?limit=50');
  assert.ok(audit.json.items.some((e) => e.action === 'sponsors.pledge_fund' && e.entity_id === String(pledge.json.id)));

  // Another sponsor's member, and demo-sponsor for a sponsor it does not speak for.
  assertProblem(await as('sponsor', 'POST', `/api/v1/sponsors/${sponsor.id}/pledges`, { body: { amount: 5 } }), 403, 'not_sponsor_member');
  assertProblem(await as('city', 'POST', `/api/v1/sponsors/${sponsor.id}/pledges`, { body: { amount: 5 } }), 403, 'not_sponsor_member');
  assertProblem(await as('worker', 'POST', `/api/v1/sponsors/${sponsor.id}/pledges`, { body: { amount: 5 } }), 403, 'forbidden');
});

test('out of area: 403, and nothing is made or linked', async () => {
  assertProblem(await as('street', 'POST', '/api/v1/sponsors', { body: { name: '别的街道的单位', kind: 'company', area_code: OTHER_STREET } }), 403);
  assertProblem(await as('community', 'POST', '/api/v1/sponsors', { body: { name: '社区不能建', kind: 'company' } }), 403, 'sponsors_not_allowed');
  const far = await as('city', 'POST', '/api/v1/sponsors', { body: { name: `北太平庄爱心单位${tag()}`, kind: 'merchant', area_code: OTHER_STREET } });
  assert.equal(far.status, 201, far.text);
  const myId = S.sponsor.account.id;
  assertProblem(await as('street', 'POST', `/api/v1/sponsors/${far.json.id}/members`, { body: { account_id: myId } }), 403, 'out_of_scope');
  const list = await as('sponsor', 'GET', '/api/v1/sponsors');
  assert.notEqual(list.json.mine, far.json.id, 'demo-sponsor still speaks for its own');
  assertProblem(await as('street', 'POST', `/api/v1/sponsors/${list.json.mine}/members`,
    { body: { account_id: S.worker.account.id } }), 400, 'not_sponsor_role');
  assertProblem(await as('street', 'POST', '/api/v1/sponsors/999999/members', { body: { account_id: myId } }), 404);
});

test('bad input: a clear 400 in Chinese, in English on request', async () => {
  const kind = await as('street', 'POST', '/api/v1/sponsors', { body: { name: '某单位', kind: 'charity' } });
  assertProblem(kind, 400, 'bad_sponsor');
  assert.equal(kind.json.field, 'kind');
  assert.match(kind.json.detail, /企业、党建联盟、商户或其他/);
  const english = await as('street', 'POST', '/api/v1/sponsors', { body: { name: '某单位', kind: 'charity' }, headers: { 'Accept-Language': 'en' } });
  assert.match(english.json.detail, /company, alliance, merchant or other/);
  assertProblem(await as('street', 'POST', '/api/v1/sponsors', { body: { name: '', kind: 'company' } }), 400);
  assertProblem(await as('street', 'POST', '/api/v1/sponsors', { body: { name: '某单位', kind: 'company', extra: 1 } }), 400, 'unknown_field');
  const mine = (await as('sponsor', 'GET', '/api/v1/sponsors')).json.mine;
  for (const amount of [0, -5, 10_000_001]) {
    const res = await as('sponsor', 'POST', `/api/v1/sponsors/${mine}/pledges`, { body: { amount } });
    assertProblem(res, 400, 'bad_pledge');
    assert.match(res.json.detail, /认捐积分/);
  }
  assertProblem(await as('sponsor', 'POST', `/api/v1/sponsors/${mine}/pledges`, { body: { amount: '100' } }), 400);
  assertProblem(await as('city', 'POST', '/api/v1/sponsors/pledges/999999/fund'), 404);
});

test('a drive: items logged in and out at a drop point by its keeper, counted per organisation and per drop point', async () => {
  const now = Math.floor(Date.now() / 1000);
  const body = { title: `测试募书${tag()}`, story: '为骑手的孩子', collects: '儿童读物', goal: 100, starts_at: now - 60,
    ends_at: now + 86400, drop_point_ids: [S.station.id] };
  assertProblem(await as('keeper', 'POST', '/api/v1/drives', { body }), 403, 'forbidden');
  const notStation = await as('street', 'POST', '/api/v1/drives', { body: { ...body, drop_point_ids: [S.shop.id] } });
  assertProblem(notStation, 400, 'bad_drive');
  assert.match(notStation.json.detail, /驿站/);
  assertProblem(await as('street', 'POST', '/api/v1/drives', { body: { ...body, ends_at: now - 120 } }), 400, 'bad_drive');
  assertProblem(await as('street', 'POST', '/api/v1/drives', { body: { ...body, drop_point_ids: ['x'] } }), 400, 'bad_drive');
  const made = await as('street', 'POST', '/api/v1/drives', { body });
  assert.equal(made.status, 201, made.text);
  const id = made.json.drive.id;
  const log = (who, item) => as(who, 'POST', `/api/v1/drives/${id}/items`, { body: { place_id: S.station.id, ...item } });

  assert.equal((await log('keeper', { direction: 'in', organisation: '清华附中', count: 30 })).status, 201);
  assert.equal((await log('keeper', { direction: 'in', organisation: '华清嘉园业委会', count: 12, note: '绘本' })).status, 201);
  assert.equal((await log('street', { direction: 'in', organisation: '清华附中', count: 8 })).status, 201, 'an officer of its area');
  const tooMany = await log('keeper', { direction: 'out', count: 51, recipient_kind: 'worker_child' });
  assertProblem(tooMany, 409, 'drive_not_enough');
  assert.match(tooMany.json.detail, /只有 50 件/);
  const named = await log('keeper', { direction: 'out', count: 5, recipient_kind: '张小哥的儿子' });
  assertProblem(named, 400, 'validation_failed');
  assert.match(named.json.detail, /[\u4e00-\u9fff]/, 'the reason in Chinese');
  assert.equal(named.json.field, 'recipient_kind');
  assertProblem(await log('keeper', { direction: 'in', organisation: '', count: 1 }), 400, 'bad_drive_item');
  assertProblem(await log('keeper', { direction: 'in', organisation: '某单位', count: 0 }), 400, 'bad_drive_item');
  assertProblem(await log('merchant', { direction: 'in', organisation: '某单位', count: 1 }), 403, 'not_drop_point_keeper');
  assertProblem(await as('keeper', 'POST', `/api/v1/drives/${id}/items`,
    { body: { place_id: S.shop.id, direction: 'in', organisation: '某单位', count: 1 } }), 400, 'not_drop_point');
  const out = await log('keeper', { direction: 'out', count: 20, recipient_kind: 'worker_child', note: '随骑手返乡' });
  assert.equal(out.status, 201, out.text);

  const view = (await srv.api('GET', `/api/v1/drives/${id}`)).json;
  assert.equal(view.drive.collected, 50);
  assert.equal(view.drive.handed_out, 20);
  assert.equal(view.drive.organisations, 2);
  assert.equal(view.drive.progress, 50);
  assert.deepEqual(view.organisations.map((o) => [o.organisation, o.count]), [['清华附中', 38], ['华清嘉园业委会', 12]]);
  assert.deepEqual(view.drop_points.map((p) => [p.place_id, p.collected, p.handed_out, p.on_hand]), [[S.station.id, 50, 20, 30]]);
  assert.ok(!JSON.stringify(view).includes('张小哥'), 'no names in public totals');
});
