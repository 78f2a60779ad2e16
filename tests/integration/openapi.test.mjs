// The served OpenAPI document: valid OpenAPI 3.1, and true to the running server.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import SwaggerParser from '@apidevtools/swagger-parser';
import { useServer, assertProblem, problemShapeErrors, ROLE_LOGINS, jpegWithExif } from './harness.mjs';

const srv = useServer();
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
let doc;       // as served
let deref;     // dereferenced copy
let admin;
let worker;    // demo-worker, for the routes only workers may call
let photoId;   // the public id of a photo the admin uploaded (photos are addressed by unguessable ids)

before(async () => {
  await srv.start();
  const res = await srv.request('GET', '/api/v1/openapi.json');
  assert.equal(res.status, 200, res.text.slice(0, 300));
  doc = res.json;
  deref = await SwaggerParser.dereference(structuredClone(doc));
  admin = await srv.login('demo-admin');
  worker = await srv.login('demo-worker');
  const up = await srv.api('POST', '/api/v1/report-photos', { token: admin.token, rawBody: jpegWithExif(), headers: { 'Content-Type': 'image/jpeg' } });
  assert.equal(up.status, 201, up.text);
  photoId = up.json.url.split('/').pop();
});

/** Minimal JSON Schema (2020-12 subset) check: type, required, properties, items, enum, combinators. */
function schemaErrors(schema, value, where = '$') {
  if (!schema || typeof schema !== 'object' || Object.keys(schema).length === 0) return [];
  const errs = [];
  if (schema.allOf) for (const s of schema.allOf) errs.push(...schemaErrors(s, value, where));
  if (schema.anyOf && !schema.anyOf.some((s) => schemaErrors(s, value, where).length === 0)) errs.push(`${where}: matches no anyOf`);
  if (schema.oneOf && schema.oneOf.filter((s) => schemaErrors(s, value, where).length === 0).length !== 1) errs.push(`${where}: does not match exactly one oneOf`);
  if (schema.type) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
    const ok = types.some((t) => t === actual || (t === 'integer' && Number.isInteger(value)) || (t === 'number' && actual === 'number'));
    if (!ok) return [...errs, `${where}: expected ${types.join('|')}, got ${actual}`];
  }
  if (schema.enum && !schema.enum.some((e) => e === value)) errs.push(`${where}: ${JSON.stringify(value)} not in enum`);
  if (schema.const !== undefined && schema.const !== value) errs.push(`${where}: not const`);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const k of schema.required || []) if (!(k in value)) errs.push(`${where}: missing required "${k}"`);
    for (const [k, s] of Object.entries(schema.properties || {})) if (k in value) errs.push(...schemaErrors(s, value[k], `${where}.${k}`));
  }
  if (Array.isArray(value) && schema.items) value.forEach((v, i) => { if (i < 50) errs.push(...schemaErrors(schema.items, v, `${where}[${i}]`)); });
  return errs;
}

const operations = () => {
  const ops = [];
  for (const [p, item] of Object.entries(deref.paths)) {
    for (const m of METHODS) {
      if (!item[m]) continue;
      const op = item[m];
      const security = op.security ?? deref.security ?? [];
      const open = security.length === 0 || security.some((s) => Object.keys(s).length === 0);
      const params = [...(item.parameters || []), ...(op.parameters || [])];
      ops.push({ path: p, method: m, op, open, params });
    }
  }
  return ops;
};

/** Fill path parameters with plausible values (the district code for area codes). */
function concretePath(p, params, values = {}) {
  const path = p.replace(/\{([^}]+)\}/g, (_, name) => {
    if (values[name] !== undefined) return encodeURIComponent(values[name]);
    const prm = params.find((x) => x.in === 'path' && x.name === name);
    const ex = prm?.example ?? prm?.schema?.example ?? prm?.schema?.examples?.[0];
    if (ex !== undefined) return encodeURIComponent(ex);
    if (/code|area/i.test(name)) return '110108';
    if (prm?.schema?.type === 'integer') return '1';
    return 'x';
  });
  // Required query parameters take their documented example (e.g. a real demo compound).
  const query = params.filter((x) => x.in === 'query' && x.required && x.example !== undefined);
  return query.length ? `${path}?${query.map((x) => `${x.name}=${encodeURIComponent(x.example)}`).join('&')}` : path;
}

test('GET /api/v1/openapi.json is a valid OpenAPI 3.1 document', async () => {
  assert.match(String(doc.openapi), /^3\.1\.\d+$/);
  const validated = await SwaggerParser.validate(structuredClone(doc));
  assert.ok(validated.paths && Object.keys(validated.paths).length > 0);
  assert.ok(doc.info?.title && doc.info?.version);
});

test('the document covers the contract routes', () => {
  const want = {
    '/healthz': ['get'], '/metrics': ['get'], '/api/v1/openapi.json': ['get'],
    '/api/v1/session': ['post', 'delete'], '/api/v1/me': ['get'], '/api/v1/home': ['get'],
    '/api/v1/areas/{code}': ['get'], '/api/v1/compounds': ['get'], '/api/v1/workers': ['get'],
    '/api/v1/accounts': ['get', 'post'], '/api/v1/audit': ['get'],
  };
  for (const [p, ms] of Object.entries(want)) for (const m of ms) assert.ok(doc.paths?.[p]?.[m], `documented: ${m.toUpperCase()} ${p}`);
});

test('every documented operation exists on the server (no route_not_found / method_not_allowed)', async () => {
  const failures = [];
  for (const { path: p, method, params } of operations()) {
    if (method === 'delete' && p === '/api/v1/session') continue; // checked below with a throw-away session
    const url = concretePath(p, params);
    const body = ['post', 'put', 'patch'].includes(method) ? {} : undefined;
    const res = await srv.api(method.toUpperCase(), url, { token: admin.token, body });
    if (res.status === 404 && res.json?.code === 'route_not_found') failures.push(`${method.toUpperCase()} ${url}: route_not_found`);
    if (res.status === 405) failures.push(`${method.toUpperCase()} ${url}: 405`);
    if (res.status >= 500) failures.push(`${method.toUpperCase()} ${url}: ${res.status} ${res.text.slice(0, 200)}`);
  }
  const throwaway = await srv.login('demo-city');
  const res = await srv.api('DELETE', '/api/v1/session', { token: throwaway.token });
  if (res.status === 404 || res.status === 405) failures.push(`DELETE /api/v1/session: ${res.status}`);
  assert.deepEqual(failures, []);
});

test('operations without required auth work and return a documented status and schema', async () => {
  const failures = [];
  for (const { path: p, method, op, open, params } of operations()) {
    if (!open || method !== 'get') continue;
    const url = concretePath(p, params);
    const res = await srv.request('GET', url);
    const documented = Object.keys(op.responses || {});
    if (!documented.includes(String(res.status)) && !documented.includes(`${String(res.status)[0]}XX`) && !documented.includes('default')) {
      failures.push(`GET ${url}: status ${res.status} not documented (${documented.join(',')})`);
    }
    // Operations whose example object may not exist in the demo (an uploaded photo) may answer a documented 404.
    if (op['x-admin-may-lack'] && documented.includes(String(res.status))) continue;
    if (res.status !== 200) { failures.push(`GET ${url}: expected 200, got ${res.status}`); continue; }
    const resp = op.responses['200'];
    const media = Object.keys(resp.content || {});
    const ct = String(res.headers['content-type'] || '').split(';')[0].trim();
    if (media.length && !media.includes(ct)) failures.push(`GET ${url}: content-type ${ct} not in ${media.join(',')}`);
    if (ct.endsWith('json')) failures.push(...schemaErrors(resp.content[ct]?.schema, res.json, `GET ${url}`));
  }
  assert.deepEqual(failures, []);
});

test('authenticated operations: 401 auth_required without credentials, documented status with them', async () => {
  const failures = [];
  for (const { path: p, method, op, open, params } of operations()) {
    if (open) continue;
    const url = concretePath(p, params);
    const M = method.toUpperCase();
    const body = ['post', 'put', 'patch'].includes(method) ? {} : undefined;
    const anon = await srv.api(M, url, { body });
    if (anon.status !== 401 || anon.json?.code !== 'auth_required') failures.push(`${M} ${url} anonymous: ${anon.status} ${anon.json?.code}`);
    if (!('401' in (op.responses || {}))) failures.push(`${M} ${url}: 401 not documented`);
    if (method !== 'get') continue;
    // Read as the admin, or as a role of the operation's audience when the admin is not one.
    const roles = doc['x-audiences'][op['x-audience']].roles;
    const role = roles.includes('admin') ? 'admin' : roles[0];
    const session = role === 'admin' ? admin : await srv.login(ROLE_LOGINS[role]);
    const res = await srv.api('GET', url, { token: session.token });
    const documented = Object.keys(op.responses || {});
    if (!documented.includes(String(res.status))) failures.push(`GET ${url} as ${role}: ${res.status} not documented`);
    // Routes about the caller's own worker record or photo answer 404 for an admin, as documented.
    if (op['x-admin-may-lack'] && documented.includes(String(res.status))) continue;
    if (res.status !== 200) { failures.push(`GET ${url} as ${role}: ${res.status} ${res.text.slice(0, 200)}`); continue; }
    const schema = op.responses['200']?.content?.['application/json']?.schema;
    failures.push(...schemaErrors(schema, res.json, `GET ${url}`));
  }
  assert.deepEqual(failures, []);
});

test('documented error responses use the Problem schema and documented codes', async () => {
  const codes = new Set(deref.components?.schemas?.Problem?.properties?.code?.enum || []);
  assert.ok(codes.size > 0, 'Problem.code has an enum of codes');
  const samples = [
    await srv.request('GET', '/api/v1/me'),
    await srv.request('GET', '/api/v1/nope'),
    await srv.api('GET', '/api/v1/areas/999999999999999', { token: admin.token }),
    await srv.api('POST', '/api/v1/session', { rawBody: '{' }),
  ];
  for (const res of samples) {
    assert.deepEqual(problemShapeErrors(res), [], res.text);
    assert.ok(codes.has(res.json.code), `code ${res.json.code} is in the documented enum`);
  }
  assertProblem(samples[2], 404, 'not_found');
});

test('documented query parameters are accepted; out-of-range values are 400 validation_failed, not 500', async () => {
  const failures = [];
  for (const { path: p, method, params, open, op } of operations()) {
    if (method !== 'get') continue;
    // A route for workers alone is asked by a worker; every other one by the administrator.
    const caller = op['x-audience'] === 'workers' ? worker : admin;
    const base = concretePath(p, params, p.startsWith('/api/v1/report-photos/') ? { id: photoId } : {});
    for (const prm of params.filter((x) => x.in === 'query')) {
      const s = prm.schema || {};
      let good;
      if (s.enum) good = s.enum[0];
      else if (s.type === 'integer') good = s.minimum ?? 1;
      else if (prm.example !== undefined) good = prm.example;
      else if (prm.name === 'area') good = '110108';
      else good = '华清';
      const sep = base.includes('?') ? '&' : '?';
      // A signed-in caller sees more on open routes too (an uploader's own photo): sign in always.
      const ok = await srv.api('GET', `${base}${sep}${prm.name}=${encodeURIComponent(good)}`, { token: caller.token });
      if (ok.status !== 200) failures.push(`GET ${base}?${prm.name}=${good}: ${ok.status} ${ok.text.slice(0, 160)}`);
      if (s.type === 'integer' && s.maximum !== undefined) {
        const bad = await srv.api('GET', `${base}${sep}${prm.name}=${s.maximum + 1}`, open ? {} : { token: caller.token });
        if (bad.status !== 400 || bad.json?.code !== 'validation_failed') failures.push(`GET ${base}?${prm.name}=${s.maximum + 1}: ${bad.status} ${bad.json?.code}`);
      }
    }
  }
  assert.deepEqual(failures, []);
});
