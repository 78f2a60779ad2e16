// The edge of the server: words in the client's language (Accept-Language, zh-CN first),
// back-pressure instead of unbounded queues, and event streams pushed as steps happen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, Server, assertProblem, rawRequest } from './harness.mjs';
import { spot } from './report_helpers.mjs';

const srv = useServer();
const S = {};
async function as(who, method, p, opts = {}) {
  S[who] ??= await srv.login(`demo-${who}`);
  return srv.api(method, p, { token: S[who].token, ...opts });
}

test("the guard's verdict is worded in the language the client asks for, Chinese by default", async () => {
  const me = await as('guard', 'GET', '/api/v1/me');
  const compound = me.json.account.area.code;
  const gates = await as('guard', 'GET', `/api/v1/compounds/${compound}/gates`);
  const gate = gates.json.items[0].id;
  const body = { compound, gate, code: 'YH1:NOT-A-PASS', direction: 'in' };
  const verify = (headers) => as('guard', 'POST', '/api/v1/gate/verify', { body, headers });
  const plain = await verify({});
  assert.equal(plain.status, 200, plain.text);
  assert.equal(plain.json.code, 'pass_malformed');
  assert.equal(plain.json.reason, '不是有效的进门码');
  assert.deepEqual(plain.json.green_lane_gates, []);
  assert.equal((await verify({ 'Accept-Language': 'zh-CN,zh;q=0.9,en;q=0.8' })).json.reason, '不是有效的进门码');
  assert.equal((await verify({ 'Accept-Language': 'en-US,en;q=0.9' })).json.reason, 'Not a valid entry pass');
  assert.equal((await verify({ 'Accept-Language': 'fr-FR' })).json.reason, '不是有效的进门码', 'unknown languages get Chinese');
});

test('a catalogued refusal keeps its code and fields, and its detail follows Accept-Language', async () => {
  const outside = { category: 'hazard', description: '城外', lat: 31.23, lon: 121.47 };
  const zh = await as('worker', 'POST', '/api/v1/reports', { body: outside });
  assertProblem(zh, 400, 'validation_failed', 'outside the city');
  assert.match(zh.json.detail, /位置不在本市范围内/);
  const en = await as('worker', 'POST', '/api/v1/reports', { body: outside, headers: { 'Accept-Language': 'en' } });
  assert.match(en.json.detail, /outside the city/);
  assert.doesNotMatch(en.json.detail, /[\u4e00-\u9fff]/, 'no Chinese in the English detail');

  // A duplicate carries its structured fields; the sentence is built from them.
  const here = spot(2, -2);
  const first = await as('worker', 'POST', '/api/v1/reports', { body: { category: 'hazard', description: '井盖松动', ...here } });
  assert.equal(first.status, 201, first.text);
  const again = await as('worker', 'POST', '/api/v1/reports', {
    body: { category: 'hazard', description: '井盖松动', ...here }, headers: { 'Accept-Language': 'en' } });
  assertProblem(again, 409, 'already_reported', 'the same worker again');
  assert.equal(again.json.duplicate_of.id, first.json.id);
  assert.equal(again.json.duplicate_of.own, true);
  assert.equal(again.json.detail, `You reported this within 1 m already (#${first.json.id})`);
});

test('a report step reaches its event stream at once, pushed by the event bus rather than polled', async () => {
  const created = await as('worker', 'POST', '/api/v1/reports',
    { body: { category: 'fire_lane', description: '消防通道堵了', ...spot(-2, 2) } });
  await as('keeper', 'GET', '/api/v1/me');
  assert.equal(created.status, 201, created.text);
  const id = created.json.id;
  const ac = new AbortController();
  const res = await fetch(`${srv.baseUrl}/api/v1/reports/${id}/events`, {
    headers: { Authorization: `Bearer ${S.worker.token}`, Accept: 'text/event-stream' }, signal: ac.signal });
  assert.equal(res.status, 200);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const nextStep = async (timeoutMs) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = /event: step\ndata: (.*)\n\n/.exec(buffer);
      if (match) {
        buffer = buffer.slice(match.index + match[0].length);
        return JSON.parse(match[1]);
      }
      const left = deadline - Date.now();
      if (left <= 0) return null;
      const chunk = await Promise.race([reader.read(), new Promise((r) => setTimeout(() => r(null), left))]);
      if (chunk === null || chunk.done) return null;
      buffer += decoder.decode(chunk.value, { stream: true });
    }
  };
  try {
    assert.equal((await nextStep(5000))?.status, 'submitted');
    const started = Date.now();
    const accepted = await as('keeper', 'POST', `/api/v1/reports/${id}/actions`, { body: { action: 'accept' } });
    assert.equal(accepted.status, 200, accepted.text);
    const step = await nextStep(2500);  // the slow poll is every 10 s: only a push arrives this soon
    assert.equal(step?.status, 'accepted', 'the accept arrives within 2.5 s');
    assert.ok(Date.now() - started < 2500);

    // The keeper was told, in words of the reader's language built from the notification's kind.
    const told = async (headers) => (await as('keeper', 'GET', '/api/v1/notifications', { headers })).json.items
      .find((n) => n.report_id === id && n.kind === 'report_routed');
    assert.match((await told({}))?.message ?? '', new RegExp(`^新上报 #${id} 待受理：消防通道`));
    assert.match((await told({ 'Accept-Language': 'en' }))?.message ?? '', new RegExp(`^New report #${id} to accept: fire_lane`));
  } finally {
    ac.abort();
  }
});

test('when the work queue is full, requests are refused with 503 overloaded and Retry-After, and the server recovers', async () => {
  const busy = new Server({ args: ['--workers', '1', '--queue-limit', '2'] });
  await busy.start();
  try {
    // Each login hashes a password (Argon2id, ~0.1 s) on the one worker.
    const results = await Promise.all(Array.from({ length: 12 }, () =>
      busy.api('POST', '/api/v1/session', { body: { login: 'demo-worker', password: 'youhao-demo' } })));
    const statuses = results.map((r) => r.status);
    assert.ok(statuses.every((s) => s === 201 || s === 503), `only 201 or 503: ${statuses}`);
    const refused = results.filter((r) => r.status === 503);
    assert.ok(refused.length >= 1, `some were refused: ${statuses}`);
    assert.ok(results.some((r) => r.status === 201), `some got through: ${statuses}`);
    for (const r of refused) {
      assertProblem(r, 503, 'overloaded', 'a full queue');
      assert.equal(r.headers['retry-after'], '1');
    }
    const health = await busy.api('GET', '/healthz');
    assert.equal(health.status, 200, 'the server answers again once the queue drains');
  } finally {
    await busy.stop();
    await busy.cleanup();
  }
});


test('a declared body over the upload limit is answered 413 body_too_large with a problem, not a closed connection', async () => {
  const worker = S.worker ?? (S.worker = await srv.login('demo-worker'));
  const head = `POST /api/v1/report-photos HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${worker.token}\r\n` +
    'Content-Type: image/jpeg\r\nContent-Length: 209715200\r\nConnection: close\r\n\r\n';
  const res = await rawRequest(srv.port, head, { timeoutMs: 8000 });
  assert.equal(res.status, 413, res.raw.slice(0, 300));
  assert.match(res.raw, /content-type: application\/problem\+json/i);
  assert.match(res.raw, /"code"\s*:\s*"body_too_large"/);
});

test('the session cookie is Secure when the public URL is HTTPS, and not on plain HTTP', async () => {
  const plain = await srv.api('POST', '/api/v1/session', { body: { login: 'demo-worker', password: 'youhao-demo' } });
  assert.equal(plain.status, 201);
  assert.doesNotMatch(String(plain.headers['set-cookie']), /Secure/);
  const https = new Server({ args: ['--public-url', 'https://youhao.example'] });
  await https.start();
  try {
    const res = await https.api('POST', '/api/v1/session', { body: { login: 'demo-worker', password: 'youhao-demo' } });
    assert.equal(res.status, 201, res.text);
    assert.match(String(res.headers['set-cookie']), /HttpOnly; SameSite=Strict; Secure/);
  } finally {
    await https.stop();
    await https.cleanup();
  }
});
