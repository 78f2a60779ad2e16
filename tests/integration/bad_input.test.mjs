// Hostile and malformed input: every request body and parameter in the OpenAPI document,
// oversized and invalid bytes, SQL metacharacters, path traversal, huge headers, slow clients.
// The server must answer 4xx problem+json (or a normal 2xx), never 5xx, never hang, and keep
// working afterwards. The server runs with --read-timeout 2 for the slow-client checks.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import SwaggerParser from '@apidevtools/swagger-parser';
import { useServer, assertProblem, problemShapeErrors, rawRequest, DEMO_PASSWORD, ROLE_LOGINS } from './harness.mjs';

const READ_TIMEOUT_S = 2;
const srv = useServer({ args: ['--read-timeout', String(READ_TIMEOUT_S)] });
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const SQL_META = ["' OR 1=1 --", '"; DROP TABLE accounts; --', "%' ;"];
const ONE_MIB = 1024 * 1024;

let admin;
let spec;
let counts0;
let created = 0; // accounts legitimately created by this file
let addrSeq = 0;
// Requests that may look like failed logins come from rotating loopback addresses so that the
// login throttle of one address never locks out the checks at the end.
const nextAddr = () => `127.0.1.${(addrSeq++ % 250) + 1}`;

async function counts() {
  const get = async (p) => {
    const r = await srv.api('GET', p, { token: admin.token });
    assert.equal(r.status, 200, `${p}: ${r.text}`);
    return r.json.total;
  };
  return {
    accounts: await get('/api/v1/accounts?limit=1'),
    workers: await get('/api/v1/workers?area=110108&limit=1'),
    compounds: await get('/api/v1/compounds?area=110108&limit=1'),
  };
}

// One demo session per role: each operation is called by a role its audience lets through the
// door, so that the input itself is what the server judges.
const sessions = {};
let audiences;

before(async () => {
  await srv.start();
  admin = await srv.login('demo-admin');
  sessions.admin = admin;
  const res = await srv.request('GET', '/api/v1/openapi.json');
  audiences = res.json['x-audiences'];
  spec = await SwaggerParser.dereference(res.json);
  counts0 = await counts();
});

/** A bearer token of a role inside the operation's audience (the admin where it may). */
async function tokenFor(o) {
  const roles = audiences[o.op['x-audience']]?.roles ?? [];
  const role = roles.length === 0 || roles.includes('admin') ? 'admin' : roles[0];
  sessions[role] ??= await srv.login(ROLE_LOGINS[role]);
  return sessions[role].token;
}

function operations() {
  const ops = [];
  for (const [p, item] of Object.entries(spec.paths)) {
    for (const m of METHODS) {
      if (!item[m]) continue;
      const op = item[m];
      const security = op.security ?? spec.security ?? [];
      const open = security.length === 0 || security.some((s) => Object.keys(s).length === 0);
      ops.push({ path: p, method: m.toUpperCase(), op, open, params: [...(item.parameters || []), ...(op.parameters || [])] });
    }
  }
  return ops;
}

const bodyOps = () => operations().filter((o) => o.op.requestBody?.content?.['application/json']?.schema);
/** The path with each `{param}` replaced by its documented example (a real demo compound, id 1). */
const concrete = (p, params = []) =>
  p.replace(/\{([^}]+)\}/g, (_, name) => String(params.find((x) => x.in === 'path' && x.name === name)?.example ?? '110108'));
let uniq = 0;

/** A valid body for the operation (unique login names so that creations never conflict). */
function validBody(o) {
  const schema = o.op.requestBody.content['application/json'].schema;
  const body = {};
  for (const [k, s] of Object.entries(schema.properties || {})) {
    if (!(schema.required || []).includes(k)) continue;
    body[k] = sampleFor(k, s, o);
  }
  return body;
}
function sampleFor(name, s, o) {
  if (s.enum) return name === 'role' ? 'district_officer' : s.enum[0];
  if (s.type === 'integer' || s.type === 'number') return s.minimum ?? 1;
  if (s.type === 'boolean') return true;
  if (name === 'login') return o.path === '/api/v1/session' ? `fuzz-nobody-${++uniq}` : `fuzz-${process.pid}-${++uniq}`;
  if (name === 'password') return 'fuzz-password-123';
  if (name === 'area_code') return '110108';
  return '测试';
}
function wrongValues(s) {
  const type = Array.isArray(s.type) ? s.type : [s.type ?? (s.enum ? 'string' : undefined)];
  const out = [];
  if (!type.includes('string')) out.push('text');
  if (!type.includes('integer') && !type.includes('number')) out.push(12345, 1.5);
  if (!type.includes('boolean')) out.push(true);
  if (!type.includes('null')) out.push(null);
  if (!type.includes('object')) out.push({ nested: 'x' });
  if (!type.includes('array')) out.push(['x']);
  if (s.enum) out.push('not-a-valid-enum-value');
  return out;
}

/** Sends a body to an operation; an open login endpoint gets a rotating source address. */
async function send(o, { body, rawBody, headers } = {}) {
  const opts = { body, rawBody, headers, localAddress: o.open ? nextAddr() : undefined };
  if (!o.open) opts.token = await tokenFor(o);
  return srv.api(o.method, concrete(o.path, o.params), opts);
}
/** Open311 answers errors as its specification says: a list of {code, description}, code = HTTP status. */
function open311ErrorShape(res) {
  if (res.status < 400) return [];
  const list = res.json;
  if (!Array.isArray(list) || list.length === 0) return ['not an Open311 error list'];
  return list.every((e) => e && e.code === res.status && typeof e.description === 'string' && e.description.length > 0)
    ? [] : ['Open311 errors need code = HTTP status and a description'];
}

function expectStatus(failures, what, res, statuses, codes) {
  const open311 = what.includes(' /open311/');
  // A path that is not even valid URL syntax is refused before routing, as problem+json.
  const shape = open311 && open311ErrorShape(res).length === 0 ? [] : problemShapeErrors(res);
  if (shape.length) failures.push(`${what}: bad problem (${shape.join(', ')}) ${res.text.slice(0, 120)}`);
  if (open311) codes = undefined;  // Open311 error codes are HTTP statuses, not our problem codes
  if (res.status >= 500) failures.push(`${what}: ${res.status} ${res.text.slice(0, 160)}`);
  else if (statuses && !statuses.includes(res.status)) failures.push(`${what}: status ${res.status}, expected ${statuses.join('|')} ${res.text.slice(0, 160)}`);
  else if (codes && res.status >= 400 && !codes.includes(res.json?.code)) failures.push(`${what}: code ${res.json?.code}, expected ${codes.join('|')}`);
  if (res.status === 201 && o201(what)) created++;
}
const o201 = (what) => what.startsWith('POST /api/v1/accounts');

test('the document has operations with request bodies to exercise', () => {
  const ops = bodyOps().map((o) => `${o.method} ${o.path}`);
  assert.ok(ops.includes('POST /api/v1/session'), ops.join(','));
  assert.ok(ops.includes('POST /api/v1/accounts'), ops.join(','));
});

test('a valid body is accepted (sanity check of the generator)', async () => {
  const o = bodyOps().find((x) => x.path === '/api/v1/accounts');
  const res = await send(o, { body: validBody(o) });
  assert.equal(res.status, 201, res.text);
  created++;
  const charset = await send(o, { rawBody: JSON.stringify(validBody(o)), headers: { 'Content-Type': 'application/json; charset=utf-8' } });
  assert.equal(charset.status, 201, `application/json; charset=utf-8 is JSON: ${charset.text}`);
  created++;
});

test('malformed JSON, non-object JSON → 400', async () => {
  const failures = [];
  for (const o of bodyOps()) {
    const what = `${o.method} ${o.path}`;
    for (const raw of ['{', '{"login": ', '{"a":1,}', "{'login':'x'}", 'login=x&password=y', '{"login":"x"} trailing', '\u0000']) {
      expectStatus(failures, `${what} body ${JSON.stringify(raw)}`, await send(o, { rawBody: raw }), [400], ['invalid_json']);
    }
    for (const raw of ['[]', '[{"login":"x"}]', '42', '"text"', 'null', 'true']) {
      expectStatus(failures, `${what} body ${raw}`, await send(o, { rawBody: raw }), [400], ['validation_failed', 'invalid_json']);
    }
    // Empty body.
    if (o.op.requestBody.required !== false) {
      expectStatus(failures, `${what} empty body`, await send(o, { rawBody: '' }), [400], ['invalid_json', 'validation_failed']);
    }
    // Deep nesting and huge numbers must not crash the parser.
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expectStatus(failures, `${what} 100k-deep array`, await send(o, { rawBody: deep }), [400, 413]);
    const deepObj = '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000);
    expectStatus(failures, `${what} 50k-deep object`, await send(o, { rawBody: deepObj }), [400, 413]);
    expectStatus(failures, `${what} huge number`, await send(o, { rawBody: `{"login":1e999999,"password":-1e999999}` }), [400]);
    // Duplicate keys: either rejected or the request is handled, never a server error.
    const dupBody = JSON.stringify(validBody(o)).replace(/^\{/, '{"login":"dup-a",');
    expectStatus(failures, `${what} duplicate key`, await send(o, { rawBody: dupBody }), [400, 401, 201]);
  }
  assert.deepEqual(failures, []);
});

test('wrong types, missing required fields, unknown fields → 400 validation_failed / unknown_field', async () => {
  const failures = [];
  for (const o of bodyOps()) {
    const schema = o.op.requestBody.content['application/json'].schema;
    const what = `${o.method} ${o.path}`;
    for (const [k, s] of Object.entries(schema.properties || {})) {
      for (const v of wrongValues(s)) {
        const body = { ...validBody(o), [k]: v };
        expectStatus(failures, `${what} ${k}=${JSON.stringify(v)}`, await send(o, { body }), [400], ['validation_failed']);
      }
      if (s.maxLength) {
        const body = { ...validBody(o), [k]: 'x'.repeat(s.maxLength + 1) };
        expectStatus(failures, `${what} ${k} longer than maxLength ${s.maxLength}`, await send(o, { body }), [400], ['validation_failed']);
      }
    }
    for (const k of schema.required || []) {
      const body = validBody(o); delete body[k];
      expectStatus(failures, `${what} without ${k}`, await send(o, { body }), [400], ['validation_failed']);
    }
    if ((schema.required || []).length > 0) {
      expectStatus(failures, `${what} {}`, await send(o, { body: {} }), [400], ['validation_failed']);
    }
    if (schema.additionalProperties === false) {
      for (const extra of ['is_admin', '__proto__', 'constructor', 'role_id']) {
        const valid = JSON.stringify(validBody(o));
        const body = valid === '{}' ? `{${JSON.stringify(extra)}:true}` : valid.replace(/^\{/, `{${JSON.stringify(extra)}:true,`);
        expectStatus(failures, `${what} extra field ${extra}`, await send(o, { rawBody: body }), [400], ['unknown_field']);
      }
    }
  }
  assert.deepEqual(failures, []);
});

test('a body over 1 MiB → 413 body_too_large (sent, or only declared)', async () => {
  const failures = [];
  for (const o of bodyOps()) {
    const what = `${o.method} ${o.path}`;
    const big = JSON.stringify({ ...validBody(o), login: 'x'.repeat(ONE_MIB + 1024) });
    const auth = o.open ? '' : `Authorization: Bearer ${await tokenFor(o)}\r\n`;
    const head = (len) => `${o.method} ${concrete(o.path, o.params)} HTTP/1.1\r\nHost: 127.0.0.1\r\n${auth}Content-Type: application/json\r\nContent-Length: ${len}\r\nConnection: close\r\n\r\n`;
    // Declared only: the server must not wait for the body.
    const declared = await rawRequest(srv.port, head(Buffer.byteLength(big)), { timeoutMs: 8000, localAddress: nextAddr() });
    if (declared.status !== 413) failures.push(`${what} declared ${Buffer.byteLength(big)} bytes: ${declared.status} ${declared.raw.slice(0, 200)}`);
    else if (!/content-type: application\/problem\+json/i.test(declared.raw) || !/"code"\s*:\s*"body_too_large"/.test(declared.raw)) failures.push(`${what} declared: not a body_too_large problem: ${declared.raw.slice(0, 300)}`);
    // Sent in full (the server may answer before reading it all).
    const sent = await rawRequest(srv.port, Buffer.concat([Buffer.from(head(Buffer.byteLength(big))), Buffer.from(big)]), { timeoutMs: 8000, localAddress: nextAddr() });
    if (sent.status !== 413 && !(sent.status === null && sent.error)) failures.push(`${what} sent ${Buffer.byteLength(big)} bytes: ${sent.status} ${sent.raw.slice(0, 200)}`);
    // Chunked, without Content-Length.
    const chunk = Buffer.from(big);
    const chunked = Buffer.concat([
      Buffer.from(`${o.method} ${concrete(o.path, o.params)} HTTP/1.1\r\nHost: 127.0.0.1\r\n${auth}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`),
      Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n0\r\n\r\n'),
    ]);
    const ch = await rawRequest(srv.port, chunked, { timeoutMs: 8000, localAddress: nextAddr() });
    if (ch.status !== 413 && !(ch.status === null && ch.error)) failures.push(`${what} chunked ${chunk.length} bytes: ${ch.status} ${ch.raw.slice(0, 200)}`);
    // Also through the ordinary client.
    try {
      const res = await send(o, { rawBody: big });
      if (res.status !== 413) failures.push(`${what} via http client: ${res.status}`);
      else assertProblem(res, 413, 'body_too_large');
    } catch (e) {
      if (!/ECONNRESET|EPIPE|socket hang up/.test(e.message)) failures.push(`${what} via http client: ${e.message}`);
    }
  }
  // Just under the limit is read (and then rejected for its content, not its size).
  const o = bodyOps().find((x) => x.path === '/api/v1/accounts');
  const under = JSON.stringify({ ...validBody(o), display_name: 'y'.repeat(ONE_MIB - 4096) });
  const res = await send(o, { rawBody: under });
  if (res.status === 413) failures.push(`a ${Buffer.byteLength(under)}-byte body (under 1 MiB) got 413`);
  if (res.status >= 500) failures.push(`a body under 1 MiB: ${res.status}`);
  assert.deepEqual(failures, []);
});

test('invalid UTF-8 inside a JSON string → 400', async () => {
  const failures = [];
  for (const o of bodyOps()) {
    const what = `${o.method} ${o.path}`;
    const body = validBody(o);
    for (const bad of [[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe6, 0x9d]]) {
      for (const k of Object.keys(body).filter((x) => typeof body[x] === 'string')) {
        const json = JSON.stringify({ ...body, [k]: '@@BAD@@' });
        const [a, b] = json.split('"@@BAD@@"');
        const raw = Buffer.concat([Buffer.from(a + '"ok'), Buffer.from(bad), Buffer.from('x"' + b)]);
        expectStatus(failures, `${what} ${k} with bytes ${bad.map((x) => x.toString(16)).join(' ')}`, await send(o, { rawBody: raw }), [400], ['invalid_utf8', 'invalid_json', 'validation_failed']);
      }
    }
    // A lone surrogate escape is valid JSON text but not a valid Unicode string.
    for (const k of Object.keys(body).filter((x) => typeof body[x] === 'string')) {
      const esc = JSON.stringify({ ...body, [k]: '@@X@@' }).replace('"@@X@@"', '"ok\\ud800x"');
      expectStatus(failures, `${what} ${k} with a lone surrogate escape`, await send(o, { rawBody: esc }), [400, 401]);
    }
  }
  assert.deepEqual(failures, []);
});

test('a non-JSON Content-Type → 415 (or 400)', async () => {
  const failures = [];
  for (const o of bodyOps()) {
    const what = `${o.method} ${o.path}`;
    const body = JSON.stringify(validBody(o));
    for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/jsonx', 'text/json-not']) {
      expectStatus(failures, `${what} Content-Type ${ct}`, await send(o, { rawBody: body, headers: { 'Content-Type': ct } }), [415, 400], ['unsupported_media_type', 'invalid_json', 'validation_failed']);
    }
  }
  assert.deepEqual(failures, []);
});

test('SQL metacharacters in every string field → 4xx or a normal 2xx, never 5xx', async () => {
  const failures = [];
  for (const o of bodyOps()) {
    const schema = o.op.requestBody.content['application/json'].schema;
    const what = `${o.method} ${o.path}`;
    for (const [k, s] of Object.entries(schema.properties || {})) {
      const t = Array.isArray(s.type) ? s.type : [s.type ?? (s.enum ? 'string' : '')];
      if (!t.includes('string')) continue;
      for (const meta of SQL_META) {
        for (const value of [meta, `x${meta}`, `${meta}${'x'.repeat(8)}`]) {
          const body = { ...validBody(o), [k]: value };
          const res = await send(o, { body });
          expectStatus(failures, `${what} ${k}=${JSON.stringify(value)}`, res, [200, 201, 400, 401, 403, 404, 409]);
          if (o.path === '/api/v1/session' && res.status === 201) failures.push(`${what} ${k}=${value}: LOGGED IN`);
        }
      }
    }
  }
  // Login with SQL in the login name and the right password of the admin: never logs in.
  for (const login of ["demo-admin' --", "demo-admin'/*", "' OR '1'='1", "demo-admin\u0000"]) {
    const res = await srv.api('POST', '/api/v1/session', { body: { login, password: DEMO_PASSWORD }, localAddress: nextAddr() });
    if (res.status === 201) failures.push(`login ${JSON.stringify(login)} succeeded`);
    if (res.status >= 500) failures.push(`login ${JSON.stringify(login)}: ${res.status}`);
  }
  assert.deepEqual(failures, []);
});

test('every path and query parameter: SQL metacharacters and junk → 4xx or 2xx, never 5xx; no injection', async () => {
  const failures = [];
  const junk = [...SQL_META, '', ' ', '-1', '0', '1.5', 'abc', '99999999999999999999999', '1e309', 'NaN', 'x'.repeat(5000), '%00', '\u0000', '华清嘉园', '🙂', '<script>alert(1)</script>', '../../etc/passwd', '${7*7}', '*', '%', '_'];
  const enc = (v) => encodeURIComponent(v);
  for (const o of operations()) {
    if (o.method !== 'GET') continue;
    const auth = o.open ? {} : { token: await tokenFor(o) };
    for (const prm of o.params) {
      for (const v of junk) {
        let url;
        if (prm.in === 'path') url = o.path.replace(`{${prm.name}}`, v === '' ? '%20' : enc(v));
        else if (prm.in === 'query') url = `${concrete(o.path, o.params)}?${prm.name}=${enc(v)}`;
        else continue;
        const res = await srv.api('GET', url, auth);
        expectStatus(failures, `GET ${url.slice(0, 120)}`, res, [200, 400, 403, 404]);
        // A list's filter must match nothing; the address parser must find no compound in it.
        const matched = res.json && ('total' in res.json ? res.json.total : res.json.compound ? 1 : 0);
        if (prm.in === 'query' && prm.name === 'q' && SQL_META.includes(v) && res.status === 200 && matched !== 0) {
          failures.push(`GET ${url}: q=${v} matched ${matched} rows (should match none)`);
        }
        if (prm.name === 'area' && SQL_META.includes(v) && res.status === 200) failures.push(`GET ${url}: area=${v} answered 200`);
      }
      // Raw, undecodable percent escapes and repeated parameters.
      for (const raw of ['%zz', '%', '%ff%fe', '%c3%28', 'a&' + prm.name + '=b']) {
        const url = prm.in === 'path' ? o.path.replace(`{${prm.name}}`, raw.replace('&', '%26')) : `${concrete(o.path, o.params)}?${prm.name}=${raw}`;
        const res = await srv.api('GET', url, auth);
        expectStatus(failures, `GET ${url}`, res, [200, 400, 403, 404]);
      }
    }
  }
  assert.deepEqual(failures, []);
});

test('static files: path traversal → 400 or 404, never file contents', async () => {
  const failures = [];
  // Paths that decode to a '..' segment: must be refused (400 bad_path or 404).
  const traversal = [
    '/../etc/passwd', '/../../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/%2E%2E/%2E%2E/%2E%2E/etc/passwd',
    '/assets/..%2f..%2fCMakeLists.txt', '/assets/..%2f..%2f..%2fCMakeLists.txt', '/assets/%2e%2e/%2e%2e/CMakeLists.txt',
    '/assets/..%5c..%5cCMakeLists.txt', '/..%2f..%2f..%2fetc%2fpasswd', '/.%2e/.%2e/etc/passwd',
    '/assets/../../CMakeLists.txt', '/index.html/../../CMakeLists.txt', '/..', '/assets/.%2e/.%2e/src/app/main.cpp',
    '/assets/%c0%ae%c0%ae/%c0%ae%c0%ae/CMakeLists.txt', '/assets/..%00/CMakeLists.txt',
  ];
  // Odd but not traversing: 400/404, or the single-page app's index.html (never another file).
  const odd = ['/assets/....//....//etc/passwd', '/%252e%252e/%252e%252e/etc/passwd', '/.git/config', '//etc/passwd', '/assets//etc/passwd'];
  const index = (await srv.request('GET', '/')).text;
  const bodyOf = (raw) => Buffer.from(raw.split('\r\n\r\n').slice(1).join('\r\n\r\n'), 'latin1').toString('utf8');
  for (const t of [...traversal, ...odd]) {
    const res = await rawRequest(srv.port, `GET ${t} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`, { timeoutMs: 5000 });
    const body = bodyOf(res.raw);
    const leaked = /root:x?:0:0|cmake_minimum_required|project\(|\[core\]|#include/.test(body);
    if (leaked) failures.push(`GET ${t}: FILE CONTENTS LEAKED ${body.slice(0, 200)}`);
    const spaIndex = res.status === 200 && body === index;
    if (![400, 404].includes(res.status) && !(odd.includes(t) && spaIndex)) failures.push(`GET ${t}: status ${res.status}`);
    if (res.status >= 400) {
      if (!/content-type: application\/problem\+json/i.test(res.raw)) failures.push(`GET ${t}: error is not problem+json`);
      else if (!/"code"\s*:\s*"(bad_path|not_found|route_not_found|invalid_utf8)"/.test(body)) failures.push(`GET ${t}: code ${body.slice(0, 120)}`);
    }
  }
  // Absolute-form and odd request targets.
  for (const t of ['http://127.0.0.1/../../etc/passwd', '*', 'etc/passwd']) {
    const res = await rawRequest(srv.port, `GET ${t} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`, { timeoutMs: 5000 });
    if (/root:x?:0:0/.test(res.raw)) failures.push(`GET ${t}: LEAKED`);
    if (res.status !== null && (res.status < 400 || res.status >= 500)) failures.push(`GET ${t}: status ${res.status}`);
  }
  assert.deepEqual(failures, []);
});

test('a header over 16 KiB → 431 (or a 4xx and close), never a hang', async () => {
  const cases = {
    'one 20 KiB header': `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`,
    'a 20 KiB cookie': `GET /api/v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: youhao_session=${'b'.repeat(20 * 1024)}\r\n\r\n`,
    '600 small headers': `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n${Array.from({ length: 600 }, (_, i) => `X-H${i}: ${'c'.repeat(30)}\r\n`).join('')}\r\n`,
    'a 20 KiB request line': `GET /healthz?${'d'.repeat(20 * 1024)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`,
    '100 KiB header': `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'e'.repeat(100 * 1024)}\r\n\r\n`,
  };
  const failures = [];
  for (const [name, data] of Object.entries(cases)) {
    const res = await rawRequest(srv.port, data, { timeoutMs: 6000 });
    if (res.status === null) {
      if (!res.closed) failures.push(`${name}: no answer within 6 s (hang)`);
      else failures.push(`${name}: connection closed without a status`);
      continue;
    }
    if (res.status === 431) {
      if (!/content-type: application\/problem\+json/i.test(res.raw) || !/"code"\s*:\s*"header_too_large"/.test(res.raw)) failures.push(`${name}: 431 is not a header_too_large problem`);
    } else if (!(res.status >= 400 && res.status < 500)) failures.push(`${name}: status ${res.status}`);
    if (!res.closed) failures.push(`${name}: connection left open after ${res.status}`);
  }
  // Headers just under the limit are fine.
  const ok = await srv.request('GET', '/healthz', { headers: { 'X-Fine': 'f'.repeat(8 * 1024) } });
  if (ok.status !== 200) failures.push(`8 KiB header: ${ok.status}`);
  assert.deepEqual(failures, []);
});

test(`a slow client is cut off after the read timeout (${READ_TIMEOUT_S} s) while others are served`, async () => {
  const open = (data) => {
    const sock = net.connect({ host: '127.0.0.1', port: srv.port });
    const t0 = Date.now();
    const closed = new Promise((resolve) => {
      let raw = '';
      sock.on('data', (d) => { raw += d.toString('latin1'); });
      sock.on('close', () => resolve({ ms: Date.now() - t0, raw }));
      sock.on('error', () => {});
    });
    sock.on('connect', () => { if (data) sock.write(data); });
    return { sock, closed };
  };
  const limitMs = (READ_TIMEOUT_S + 4) * 1000;
  const slow = [
    open('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n'), // half a header
    open('POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"login":'), // half a body
    open(''), // connects and says nothing
    ...Array.from({ length: 20 }, () => open('GET /api/v1/openapi.json HTTP/1.1\r\nHo')),
  ];
  // Meanwhile ordinary requests are answered promptly.
  await new Promise((r) => setTimeout(r, 300));
  for (let i = 0; i < 5; i++) {
    const t0 = Date.now();
    const res = await srv.request('GET', '/healthz', { timeoutMs: 3000 });
    assert.equal(res.status, 200);
    assert.ok(Date.now() - t0 < 1500, `healthz took ${Date.now() - t0} ms while slow clients hang on`);
  }
  const s = await srv.login('demo-district');
  assert.ok(s.token);
  const timer = setTimeout(() => { for (const x of slow) x.sock.destroy(); }, limitMs + 2000);
  const results = await Promise.all(slow.map((x) => x.closed));
  clearTimeout(timer);
  for (const [i, r] of results.entries()) {
    assert.ok(r.ms <= limitMs, `slow client #${i} was cut off after ${r.ms} ms (limit ${limitMs})`);
    assert.ok(r.ms >= (READ_TIMEOUT_S * 1000) / 2, `slow client #${i} was not cut off too early (${r.ms} ms)`);
    if (r.raw) assert.match(r.raw, /^HTTP\/1\.1 (408|400)/, `slow client #${i} got ${r.raw.slice(0, 80)}`);
  }
  assert.equal((await srv.request('GET', '/healthz')).status, 200);
});

test('afterwards: server up, login works, counts unchanged except legit creations', async () => {
  const health = await srv.request('GET', '/healthz');
  assert.equal(health.status, 200);
  const s = await srv.login('demo-admin');
  assert.ok(s.token);
  const c = await counts();
  assert.equal(c.workers, counts0.workers, 'workers unchanged');
  assert.equal(c.compounds, counts0.compounds, 'compounds unchanged');
  assert.equal(c.accounts, counts0.accounts + created, `accounts: ${counts0.accounts} + ${created} created`);
  // Tables still exist and answer: a query through each listing.
  for (const p of ['/api/v1/accounts?limit=1', '/api/v1/audit?limit=1', '/api/v1/home']) {
    assert.equal((await srv.api('GET', p, { token: s.token })).status, 200, p);
  }
  const m = await srv.request('GET', '/metrics');
  assert.doesNotMatch(m.text, /youhao_http_requests_total\{[^}]*="5\d\d"[^}]*\} [1-9]/, 'no 5xx was counted');
});

test('a body of the wrong shape is refused in words, in Chinese first and in English when asked', async () => {
  const admin = await srv.login('demo-admin');
  const post = (body, lang) => srv.api('POST', '/api/v1/accounts', { token: admin.token, body, headers: lang ? { 'Accept-Language': lang } : {} });
  const cases = [
    [{ login: 'x'.repeat(65), display_name: 'x', role: 'guard', area_code: '110000', password: 'a-long-password' }, 'validation_failed', /login：最多 64 个字/, /login: at most 64 characters/],
    [{ display_name: 'x', role: 'guard', area_code: '110000', password: 'a-long-password' }, 'validation_failed', /login：必须填写/, /login: required/],
    [{ login: 42, display_name: 'x', role: 'guard', area_code: '110000', password: 'a-long-password' }, 'validation_failed', /login：应为文字/, /login: must be text/],
    [{ login: 'shape-test', display_name: 'x', role: 'guard', area_code: '110000', password: 'a-long-password', colour: 'red' }, 'unknown_field', /不认识的字段：colour/, /Unknown field: colour/],
  ];
  for (const [body, code, zh, en] of cases) {
    const inZh = await post(body);
    assertProblem(inZh, 400, code);
    assert.match(inZh.json.detail, zh);
    const inEn = await post(body, 'en');
    assertProblem(inEn, 400, code);
    assert.match(inEn.json.detail, en);
  }
  const notJson = await srv.api('POST', '/api/v1/accounts', { token: admin.token, rawBody: '{"login":' });
  assertProblem(notJson, 400, 'invalid_json');
  assert.match(notJson.json.detail, /不是有效的 JSON/);
});
