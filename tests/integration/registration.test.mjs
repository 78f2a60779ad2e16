// Registering proves the phone: a one-time code, the same answer whether or not the phone is
// registered, limits per phone and per address, and codes that cannot be guessed or reused.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, Server, assertProblem, uniquePhone, phoneCode, loopbackAddress } from './harness.mjs';

const srv = useServer();
let depot;

before(async () => {
  await srv.start();
  const options = (await srv.request('GET', '/api/v1/register/options')).json;
  depot = options.depots.find((d) => d.platform === '美团') ?? options.depots[0];
});

const body = (phone, code, extra = {}) => ({ phone, password: 'rider-secret-2024', name: '验证码测试', kind: 'food',
  platform: depot.platform, depot_id: depot.id, plate: '', convention_accepted: true, code, ...extra });
const register = (phone, code) => srv.api('POST', '/api/v1/register', { body: body(phone, code), localAddress: loopbackAddress() });
const askCode = (phone, localAddress = loopbackAddress()) => srv.api('POST', '/api/v1/register/code', { body: { phone }, localAddress });

test('a code is asked for with the same answer whether or not the phone is registered', async () => {
  const known = await askCode('13800138000'); // demo-worker's phone, in the register
  const unknown = await askCode(uniquePhone());
  for (const res of [known, unknown]) {
    assert.equal(res.status, 202, res.text);
    assert.deepEqual(Object.keys(res.json).sort(), ['demo_code', 'expires_in', 'resend_in', 'sent']);
    assert.equal(res.json.expires_in, 300);
    assert.equal(res.headers['cache-control'], 'no-store');
  }
  assertProblem(await askCode('12345'), 400, 'validation_failed', 'not a mobile number');
});

test('no code, a wrong code, a guessed-out code and a used code cannot register; the right one can, once', async () => {
  const phone = uniquePhone();
  assertProblem(await srv.api('POST', '/api/v1/register', { body: body(phone, undefined), localAddress: loopbackAddress() }),
    400, 'validation_failed', 'the code is required');
  assertProblem(await register(phone, '000000'), 400, 'code_expired', 'no code was ever sent');
  const code = await phoneCode(srv, phone);
  const wrong = code === '111111' ? '222222' : '111111';
  const first = await register(phone, wrong);
  assertProblem(first, 400, 'code_invalid', 'a wrong code');
  assert.equal(first.json.attempts_left, 4);
  assert.match(first.json.detail, /验证码不对，还可以再试 4 次/);
  for (let i = 0; i < 4; i++) await register(phone, wrong);
  assertProblem(await register(phone, code), 400, 'code_expired', 'five wrong guesses spend the code, even for the right one next');

  const other = uniquePhone();
  const good = await phoneCode(srv, other);
  const created = await register(other, good);
  assert.equal(created.status, 201, created.text);
  assertProblem(await register(other, good), 400, 'code_expired', 'a code registers once');
});

test("someone else's phone: without the SMS, a non-demo server gives nothing to register with", async () => {
  const plain = new Server({ demo: false });
  await plain.start();
  try {
    const phone = uniquePhone();
    const res = await plain.api('POST', '/api/v1/register/code', { body: { phone } });
    assert.equal(res.status, 202, res.text);
    assert.equal(res.json.demo_code, undefined, 'the code goes to the phone only');
    assert.match(plain.logs, /"event":"sms","to":"\d{3}\*{4}\d{4}"/, 'the log has the SMS, the phone masked');
    const guess = await plain.api('POST', '/api/v1/register', { body: body(phone, '123456', { depot_id: 1 }) });
    assert.equal(guess.status, 400, guess.text);
    assert.ok(['code_invalid', 'code_expired'].includes(guess.json.code), guess.text);
  } finally {
    await plain.stop();
    await plain.cleanup();
  }
});

test('codes are spaced a minute apart per phone and capped per address, with Retry-After, in Chinese', async () => {
  const phone = uniquePhone();
  assert.equal((await askCode(phone)).status, 202);
  const again = await askCode(phone);
  assertProblem(again, 429, 'rate_limited', 'a second code within a minute');
  assert.ok(Number(again.headers['retry-after']) > 0 && Number(again.headers['retry-after']) <= 60, again.headers['retry-after']);
  assert.match(again.json.detail, /验证码发送太频繁/);
  const address = loopbackAddress();
  let refused = null;
  for (let i = 0; i < 25 && !refused; i++) {
    const res = await askCode(uniquePhone(), address);
    if (res.status === 429) refused = i;
  }
  assert.equal(refused, 20, 'the 21st code from one address within an hour is refused');
});
