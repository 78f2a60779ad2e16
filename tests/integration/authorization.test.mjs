// The route × role table, enforced by the running server: for every documented operation whose
// audience needs a session, an anonymous caller gets 401 and every role outside the audience gets
// 403 `forbidden` naming the audience, in Chinese by default; every role inside passes the door
// (for reading operations, which are safe to call as each role).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, ROLE_LOGINS } from './harness.mjs';

const srv = useServer();
let doc;
const sessions = {};

before(async () => {
  await srv.start();
  doc = (await srv.request('GET', '/api/v1/openapi.json')).json;
  for (const [role, login] of Object.entries(ROLE_LOGINS)) sessions[role] = await srv.login(login);
});

const concrete = (p) => p.replace(/\{([^}]+)\}/g, (_, name) => (/code/.test(name) ? '110108' : /file/.test(name) ? 'x.json' : '1'));

function operations() {
  const ops = [];
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (typeof op !== 'object' || !op['x-audience']) continue;
      ops.push({ path: p, method: method.toUpperCase(), audience: op['x-audience'] });
    }
  }
  return ops;
}

test('every role signs in and the document names an audience for every operation', () => {
  assert.equal(Object.keys(sessions).length, 13);
  assert.ok(operations().length >= 90, `operations with x-audience: ${operations().length}`);
  for (const ops of Object.values(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) if (typeof op === 'object' && method !== 'parameters') assert.ok(op['x-audience'], method);
  }
});

test('a session-only route refuses anonymous callers with 401 and roles outside its audience with 403', async () => {
  const failures = [];
  let refused = 0;
  for (const { path: p, method, audience } of operations()) {
    const roles = doc['x-audiences'][audience].roles;
    if (roles.length === 0) continue; // open to all
    const url = concrete(p);
    const anonymous = await srv.request(method, url);
    if (anonymous.status !== 401) failures.push(`${method} ${p} anonymous: ${anonymous.status}`);
    for (const [role, session] of Object.entries(sessions)) {
      if (roles.includes(role)) continue;
      const res = await srv.api(method, url, { token: session.token, body: method === 'GET' || method === 'DELETE' ? undefined : {} });
      refused++;
      if (res.status !== 403 || res.json?.code !== 'forbidden' || res.json?.audience !== audience) {
        failures.push(`${method} ${p} as ${role}: ${res.status} ${res.text.slice(0, 120)}`);
      } else if (!/仅限/.test(res.json.detail)) {
        failures.push(`${method} ${p} as ${role}: detail not in Chinese: ${res.json.detail}`);
      }
    }
  }
  assert.deepEqual(failures, []);
  assert.ok(refused > 100, `refusals checked: ${refused}`);
});

test('every role inside a reading route\'s audience passes its door', async () => {
  const failures = [];
  for (const { path: p, method, audience } of operations()) {
    if (method !== 'GET' || p === '/api/v1/reports/{id}/events') continue; // an event stream stays open
    const roles = doc['x-audiences'][audience].roles;
    for (const role of roles) {
      const res = await srv.api('GET', concrete(p), { token: sessions[role].token });
      if (res.status === 403 && res.json?.audience === audience) failures.push(`GET ${p} as ${role}: refused at the door`);
      if (res.status === 401) failures.push(`GET ${p} as ${role}: 401`);
    }
  }
  assert.deepEqual(failures, []);
});

test('the refusal speaks English when asked', async () => {
  const res = await srv.api('GET', '/api/v1/audit', { token: sessions.worker.token, headers: { 'Accept-Language': 'en' } });
  assert.equal(res.status, 403);
  assert.match(res.json.detail, /worker account cannot do this: it is for grid officers and above/);
});
