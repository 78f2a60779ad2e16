// Roster import in the words of the people who use it: Chinese headers (手机号,姓名,平台,配送站 and
// common variants, in any order) as well as English; every unmatched row carries a reason code the
// web words; a refused header, an empty roster and a file that is not UTF-8 are explained in
// Chinese (English when asked).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, assertProblem, registerRider, uniquePhone } from './harness.mjs';

const srv = useServer();
const S = {};

before(async () => {
  await srv.start();
  for (const who of ['admin', 'community']) S[who] = await srv.login(`demo-${who}`);
});

const post = (body, headers = {}) =>
  srv.api('POST', '/api/v1/workers/roster', { token: S.community.token, rawBody: body, headers: { 'Content-Type': 'text/csv', ...headers } });
const status = async (rider) => (await srv.api('GET', '/api/v1/workers/me', { token: rider.token })).json.worker.status;

test('Chinese headers, in any order, verify the riders they name; each unmatched row has a reason code', async () => {
  const pending = await registerRider(srv, { name: '韩表头' });
  const misnamed = await registerRider(srv, { name: '鲁真名' });
  const wrongPlatform = await registerRider(srv, { name: '苗平台' });
  const wrongDepot = await registerRider(srv, { name: '阮站点' });
  const revoked = await registerRider(srv, { name: '闫撤销' });
  const r = await srv.api('POST', `/api/v1/workers/${revoked.workerId}/status`, { token: S.community.token, body: { status: 'revoked', reason: '测试撤销' } });
  assert.equal(r.status, 200, r.text);
  const unknown = uniquePhone();
  // Excel's byte order mark, a header with spaces and the columns in another order.
  const csv = ['\uFEFF姓名, 手机号码 ,所属平台,配送站点',
    `韩表头,${pending.phone},美团,`,
    `鲁假名,${misnamed.phone},美团,`,
    `苗平台,${wrongPlatform.phone},京东,`,
    `阮站点,${wrongDepot.phone},美团,没有这个站`,
    `闫撤销,${revoked.phone},美团,`,
    `陈无人,${unknown},美团,`,
    '只有一列',
    ''].join('\r\n');
  const res = await post(csv);
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.rows, 7);
  assert.equal(res.json.verified, 1);
  assert.deepEqual(res.json.unmatched.map((u) => [u.line, u.reason]), [
    [3, 'name_differs'], [4, 'platform_differs'], [5, 'depot_differs'], [6, 'worker_revoked'], [7, 'not_in_area'], [8, 'malformed_row'],
  ], res.text);
  assert.equal(await status(pending), 'verified');
  assert.equal(await status(misnamed), 'pending');
  const hist = await srv.api('GET', `/api/v1/workers/${pending.workerId}/history`, { token: S.community.token });
  assert.ok(hist.json.items.some((i) => i.to === 'verified' && i.reason === '美团 roster import'), hist.text);
});

test('the English header and the short Chinese one (手机号,姓名,平台) are read alike', async () => {
  const english = await registerRider(srv, { name: '钱英文' });
  const chinese = await registerRider(srv, { name: '孔中文' });
  const a = await post(`phone,name,platform,depot\n${english.phone},钱英文,美团,\n`);
  assert.equal(a.status, 200, a.text);
  assert.equal(a.json.verified, 1, a.text);
  const b = await post(`手机号,姓名,平台\n${chinese.phone},孔中文,美团\n`);
  assert.equal(b.status, 200, b.text);
  assert.equal(b.json.verified, 1, b.text);
  assert.equal(await status(chinese), 'verified');
});

test('a header without phone, name and platform, an empty roster and a non-UTF-8 file are explained in Chinese or English', async () => {
  const rider = await registerRider(srv, { name: '葛无头' });
  const headless = assertProblem(await post(`${rider.phone},葛无头,美团\n`), 400, 'validation_failed', 'no header');
  assert.match(headless.detail, /表头.*手机号、姓名、平台/);
  const partial = assertProblem(await post('手机号,姓名\n13800000000,某某\n'), 400, 'validation_failed', 'no platform column');
  assert.match(partial.detail, /表头/);
  const en = assertProblem(await post('电话号码不对,名字\n', { 'Accept-Language': 'en' }), 400, 'validation_failed', 'English');
  assert.match(en.detail, /header/);
  assert.match(assertProblem(await post('\n\n'), 400, 'validation_failed', 'empty').detail, /空/);
  // 手机号 in GBK, as an old Excel saves it.
  const gbk = Buffer.from([0xca, 0xd6, 0xbb, 0xfa, 0xba, 0xc5, 0x0a]);
  assert.match(assertProblem(await post(gbk), 400, undefined, 'GBK').detail, /UTF-8/);
  assert.equal(await status(rider), 'pending', 'nothing was imported');
});
