// The points ledger (issue 16, item 1): balances that never go below zero, transfers that are
// never edited (a correction is a reversal), a client id per source so that a retried request
// never pays twice, and the conservation law checked after every test: issued = pools +
// workers + held + spent + expired, and every balance equal to the sum of its transfers.
// Demo data: the city's pool (funded with 50,000 by demo-city), demo-worker paid for its
// confirmed reports and two acts of service (and a 30-point lunch redeemed at demo-merchant's).
// demo-community (科源社区) awards riders of its area.
import { test, before, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { useServer, assertProblem, assertLedgerBalanced } from './harness.mjs';

const srv = useServer();
const S = {};
const id = () => `t-${randomBytes(6).toString('hex')}`;
const as = (who, method, path, opts = {}) => srv.api(method, path, { token: S[who].token, ...opts });
const order = (who, body) => as(who, 'POST', '/api/v1/points/transfers', { body });

before(async () => {
  await srv.start();
  for (const [who, login] of [['worker', 'demo-worker'], ['community', 'demo-community'], ['city', 'demo-city'],
    ['grid', 'demo-grid'], ['district', 'demo-district']]) S[who] = await srv.login(login);
  // demo-worker's register id, from its community officer's list.
  const workers = await as('community', 'GET', '/api/v1/workers?limit=200');
  assert.equal(workers.status, 200, workers.text);
  const me = await as('worker', 'GET', '/api/v1/workers/me');
  S.workerId = me.json.id ?? me.json.worker?.id;
  assert.ok(Number.isInteger(S.workerId), `demo-worker's id: ${me.text.slice(0, 200)}`);
  const overview = await as('city', 'GET', '/api/v1/points');
  S.cityPool = overview.json.pools.find((p) => p.owner === 'city');
  assert.ok(S.cityPool, 'the city pool');
});

afterEach(() => assertLedgerBalanced(srv, S.city.token));

test('demo-worker sees its balance and history in words, newest first', async () => {
  const res = await as('worker', 'GET', '/api/v1/me/points');
  assert.equal(res.status, 200, res.text);
  const { balance, earned, history } = res.json;
  assert.ok(balance >= 50 - 30, `balance ${balance}: 50 for two acts of service, 10 a confirmed report, less a lunch`);
  assert.ok(earned >= balance);
  assert.equal(history.reduce((sum, line) => sum + line.delta, 0), balance, 'the history adds up to the balance');
  assert.ok(history.some((line) => line.reason === '协助社区消防通道巡查' && line.delta === 20 && line.counterparty === '市级积分池'));
  const ids = history.map((line) => line.id);
  assert.deepEqual(ids, [...ids].sort((a, b) => b - a));
  assert.ok(!JSON.stringify(res.json).match(/1\d{10}/), 'no phone');
});

test('a community officer awards a rider of their area; a retry pays once; the same id for another amount is refused', async () => {
  const before = (await as('worker', 'GET', '/api/v1/me/points')).json.balance;
  const body = { kind: 'award', amount: 15, client_id: id(), reason: '协助疏导早高峰交通', worker_id: S.workerId };
  const first = await order('community', body);
  assert.equal(first.status, 201, first.text);
  assert.equal(first.json.replayed, false);
  assert.equal(first.json.transfer.amount, 15);
  const retry = await order('community', body);
  assert.equal(retry.status, 200, retry.text);
  assert.equal(retry.json.replayed, true);
  assert.equal(retry.json.transfer.id, first.json.transfer.id);
  assert.equal((await as('worker', 'GET', '/api/v1/me/points')).json.balance, before + 15, 'paid once');
  const other = await order('community', { ...body, amount: 16 });
  assertProblem(other, 409, 'client_id_reused');
  assert.match(other.json.detail, /请求编号已用于另一笔转账/);
  // Audited under the officer's name.
  const audit = await as('city', 'GET', '/api/v1/audit?limit=50');
  assert.ok(audit.json.items.some((e) => e.action === 'points.award' && e.actor_login === 'demo-community' && e.entity_id === String(first.json.transfer.id)));
});

test('64 clients sending one award at once: one transfer, 63 replays', async () => {
  const before = (await as('worker', 'GET', '/api/v1/me/points')).json.balance;
  const body = { kind: 'award', amount: 7, client_id: id(), reason: '并发测试', worker_id: S.workerId };
  const answers = await Promise.all(Array.from({ length: 64 }, () => order('community', body)));
  const statuses = answers.map((a) => a.status);
  assert.equal(statuses.filter((s) => s === 201).length, 1, `statuses ${statuses}`);
  assert.equal(statuses.filter((s) => s === 200).length, 63, `statuses ${statuses}`);
  assert.equal(new Set(answers.map((a) => a.json.transfer.id)).size, 1);
  assert.equal((await as('worker', 'GET', '/api/v1/me/points')).json.balance, before + 7);
});

test('reversal: the city undoes a transfer once, and not past what the rider still holds', async () => {
  const award = await order('community', { kind: 'award', amount: 40, client_id: id(), reason: '误发', worker_id: S.workerId });
  assert.equal(award.status, 201, award.text);
  const undo = { kind: 'reversal', client_id: id(), reason: '误发冲正', transfer_id: award.json.transfer.id };
  assertProblem(await order('community', undo), 403, 'forbidden');
  const reversed = await order('city', undo);
  assert.equal(reversed.status, 201, reversed.text);
  assert.equal(reversed.json.transfer.reverses, award.json.transfer.id);
  assert.equal(reversed.json.transfer.amount, 40);
  const again = await order('city', { ...undo, client_id: id() });
  assertProblem(again, 409, 'already_reversed');
  assertProblem(await order('city', { kind: 'reversal', client_id: id(), reason: 'x', transfer_id: 99999999 }), 404);
});

test('funding: only the city issues points, into a pool', async () => {
  const fund = { kind: 'fund', amount: 1000, client_id: id(), reason: '爱心单位捐赠', pool_id: S.cityPool.id };
  assertProblem(await order('district', fund), 403, 'forbidden');
  assertProblem(await order('community', fund), 403, 'forbidden');
  const made = await order('city', fund);
  assert.equal(made.status, 201, made.text);
  const pool = (await as('city', 'GET', '/api/v1/points')).json.pools.find((p) => p.id === S.cityPool.id);
  assert.ok(pool.balance >= 1000);
  assertProblem(await order('city', { ...fund, client_id: id(), pool_id: 99999999 }), 404);
});

test('who may ask: workers and grid officers may not order transfers; only officers see the overview', async () => {
  const body = { kind: 'award', amount: 5, client_id: id(), reason: 'x', worker_id: S.workerId };
  assertProblem(await order('worker', body), 403, 'forbidden');
  assertProblem(await order('grid', body), 403, 'forbidden');
  assertProblem(await as('worker', 'GET', '/api/v1/points'), 403, 'forbidden');
  assertProblem(await srv.api('GET', '/api/v1/me/points'), 401);
  assertProblem(await as('community', 'GET', '/api/v1/me/points'), 403, 'forbidden');
});

test('bad input is refused with a reason, nothing moves', async () => {
  const before = (await as('worker', 'GET', '/api/v1/me/points')).json.balance;
  const base = { kind: 'award', amount: 5, client_id: id(), reason: '测试', worker_id: S.workerId };
  for (const [body, code] of [
    [{ ...base, amount: 0 }, 'bad_amount'], [{ ...base, amount: -5 }, 'bad_amount'],
    [{ ...base, amount: 1e12 }, 'bad_amount'], [{ ...base, amount: 'ten' }, 'validation_failed'],
    [{ ...base, client_id: 'has space' }, 'bad_client_id'], [{ ...base, client_id: 'x'.repeat(65) }, 'validation_failed'],
    [{ ...base, reason: '   ' }, ['bad_reason', 'validation_failed']], [{ ...base, kind: 'mint' }, 'bad_kind'],
    [{ ...base, kind: 'spend' }, 'bad_kind'], [{ ...base, surprise: 1 }, 'unknown_field'],
  ]) {
    const res = await order('community', body);
    assertProblem(res, 400, code, JSON.stringify(body).slice(0, 80));
  }
  const tooMuch = await order('community', { ...base, amount: 99_999_999 });
  assertProblem(tooMuch, 409, 'insufficient_points');
  assert.match(tooMuch.json.detail, /积分不足/);
  assert.equal((await as('worker', 'GET', '/api/v1/me/points')).json.balance, before, 'nothing moved');
});
