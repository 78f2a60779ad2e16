// Liveness, Prometheus metrics, keep-alive, routing errors and graceful shutdown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { useServer, assertProblem, request, rawRequest } from './harness.mjs';

const srv = useServer();

/** Sums every sample of a metric family (optionally filtered by a label substring). */
function metricSum(text, name, labelFilter = '') {
  let sum = 0, found = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || !line.startsWith(name)) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!m || m[1] !== name) continue;
    if (labelFilter && !(m[2] || '').includes(labelFilter)) continue;
    sum += Number(m[3]); found = true;
  }
  return found ? sum : null;
}

test('GET /healthz answers 200 JSON with a status', async () => {
  const res = await srv.request('GET', '/healthz');
  assert.equal(res.status, 200, res.text);
  assert.match(String(res.headers['content-type']), /^application\/json/);
  assert.equal(typeof res.json.status, 'string');
  assert.match(res.json.status, /^(ok|healthy|up)$/i);
});

test('GET /metrics is Prometheus text with HTTP and DB pool metrics that count requests', async () => {
  for (let i = 0; i < 5; i++) assert.equal((await srv.request('GET', '/healthz')).status, 200);
  await srv.request('GET', '/api/v1/this-route-does-not-exist');
  const first = await srv.request('GET', '/metrics');
  assert.equal(first.status, 200);
  assert.match(String(first.headers['content-type']), /^text\/plain/);
  const text = first.text;
  assert.match(text, /^# (HELP|TYPE) youhao_http_requests_total /m);
  assert.match(text, /^youhao_http_requests_total(\{[^}]*\})? \d/m);
  assert.match(text, /^youhao_http_request_duration_seconds_bucket\{[^}]*le="[^"]+"[^}]*\} \d/m);
  assert.match(text, /^youhao_http_request_duration_seconds_bucket\{[^}]*le="\+Inf"[^}]*\} \d/m);
  assert.match(text, /^youhao_http_request_duration_seconds_(count|sum)(\{[^}]*\})? /m);
  assert.match(text, /^youhao_db_pool_\w+(\{[^}]*\})? \d/m);
  // Every sample line is `name{labels} value`.
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    assert.match(line, /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*",?)*\})? (-?[0-9.eE+-]+|NaN|[+-]Inf)( -?\d+)?$/, `bad sample line: ${line}`);
  }
  const before = metricSum(text, 'youhao_http_requests_total');
  assert.ok(before >= 6, `youhao_http_requests_total counts at least the 6 requests made: ${before}`);
  for (let i = 0; i < 3; i++) await srv.request('GET', '/healthz');
  const after = metricSum((await srv.request('GET', '/metrics')).text, 'youhao_http_requests_total');
  assert.ok(after >= before + 3, `counter grows: ${before} -> ${after}`);
});

test('keep-alive: two requests reuse one connection', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const get = () => new Promise((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: srv.port, path: '/healthz', agent }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode, reused: req.reusedSocket, headers: res.headers, local: req.socket?.localPort }));
      });
      req.on('error', reject);
    });
    const a = await get();
    const b = await get();
    const c = await get();
    assert.equal(a.status, 200);
    assert.equal(b.status, 200);
    assert.notEqual(String(a.headers.connection).toLowerCase(), 'close', 'server does not close a keep-alive connection');
    assert.equal(b.reused, true, 'second request was sent on the same socket');
    assert.equal(c.reused, true, 'third request was sent on the same socket');
    assert.equal(a.local, b.local, 'same client port');
  } finally {
    agent.destroy();
  }
});

test('pipelined requests on one connection are all answered in order', async () => {
  const one = 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
  const last = 'GET /api/v1/openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n';
  const res = await rawRequest(srv.port, one + one + last, { timeoutMs: 5000 });
  const statuses = [...res.raw.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));
  assert.deepEqual(statuses, [200, 200, 200], res.raw.slice(0, 500));
  assert.ok(res.closed, 'connection closed after Connection: close');
});

test('unknown route → 404 route_not_found; wrong method → 405 method_not_allowed', async () => {
  assertProblem(await srv.request('GET', '/api/v1/no-such-thing'), 404, 'route_not_found');
  const res = await srv.request('PUT', '/healthz', { body: {} });
  assertProblem(res, 405, 'method_not_allowed');
  assert.match(String(res.headers.allow || ''), /GET/, 'Allow header lists GET');
});

test('SIGTERM with an idle keep-alive connection open: exits 0 within 10 s', async () => {
  const agent = new http.Agent({ keepAlive: true });
  try {
    const r = await request(srv.baseUrl, 'GET', '/healthz', { agent });
    assert.equal(r.status, 200);
    const res = await srv.stop(10_000);
    assert.ok(!res.timedOut, `did not exit within 10 s\n${srv.logs.slice(-3000)}`);
    assert.equal(res.signal, null, `killed by ${res.signal}`);
    assert.equal(res.code, 0, `exit code ${res.code}\n${srv.logs.slice(-3000)}`);
  } finally {
    agent.destroy();
  }
});
