// Open311 GeoReport v2 (docs/open311-notes.md): what a client not written for Youhao expects.
// Checked against the specification's published shapes: every list is a JSON array (also for one
// request), discovery and the service definition are objects, XML has the spec's element names
// and the same content as the JSON, POST answers 200 with service_request_id, errors are
// [{code, description}] with code = HTTP status, dates are W3C with an offset, statuses are
// open/closed, welfare reports never appear, and an api_key issued by an admin is required. A key
// may send 60 POSTs a minute after a burst of 20 (then 429 with Retry-After), and the same problem
// posted again within 50 m and 24 h is refused (409) with the open request's id.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { useServer } from './harness.mjs';

const srv = useServer();
const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;
const REQUEST_FIELDS = ['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description',
  'agency_responsible', 'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime', 'address',
  'address_id', 'zipcode', 'lat', 'long', 'media_url'];
let KEY;
let admin;

const form = (fields) => Object.entries(fields).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
const post = (file, fields, raw) => srv.api('POST', `/open311/v2/${file}`, {
  rawBody: raw ?? form(fields), headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
});
const get = (path) => srv.api('GET', `/open311/v2/${path}`);
const xml = (text) => new XMLParser({ parseTagValue: false, isArray: (name) => ['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format'].includes(name) }).parse(text);

function assertOpen311Error(res, status, what) {
  assert.equal(res.status, status, `${what}: ${res.text}`);
  assert.ok(Array.isArray(res.json) && res.json.length >= 1, `${what}: an error list`);
  for (const e of res.json) {
    assert.equal(e.code, status, what);
    assert.equal(typeof e.description, 'string');
    assert.ok(e.description.length > 0);
  }
}

before(async () => {
  await srv.start();  // idempotent: the harness's own hook may not have run yet
  admin = await srv.login('demo-admin');
  const issued = await srv.api('POST', '/api/v1/open311/keys', { token: admin.token, body: { organisation: '海淀区城市管理委员会' } });
  assert.equal(issued.status, 201, issued.text);
  KEY = issued.json.api_key;
  assert.ok(KEY.length >= 20);
});

test('discovery: one production GeoReport v2 endpoint with JSON and XML, in both formats', async () => {
  const res = await get('discovery.json');
  assert.equal(res.status, 200);
  assert.match(res.headers['content-type'], /application\/json; charset=utf-8/);
  assert.equal(res.headers['access-control-allow-origin'], '*');
  const d = res.json;
  assert.ok(!Array.isArray(d) && d.contact && d.key_service);
  assert.match(d.changeset, W3C);
  assert.ok(Date.parse(d.changeset) < Date.now(), 'changeset in the past');
  const endpoint = d.endpoints.find((e) => e.specification === 'http://wiki.open311.org/GeoReport_v2' && e.type === 'production');
  assert.ok(endpoint, 'a production v2 endpoint');
  assert.match(endpoint.url, /^http:\/\/.+\/open311\/v2$/);
  assert.ok(endpoint.formats.includes('text/xml') && endpoint.formats.includes('application/json'));
  const x = await get('discovery.xml');
  assert.match(x.headers['content-type'], /text\/xml; charset=utf-8/);
  assert.equal(XMLValidator.validate(x.text), true);
  assert.ok(x.text.startsWith('<?xml version="1.0" encoding="utf-8"?><discovery>'));
  assert.deepEqual(xml(x.text).discovery.endpoints.endpoint[0].formats.format, ['text/xml', 'application/json']);
});

test('services: a list of realtime services without the welfare category; definitions with attributes', async () => {
  const res = await get('services.json');
  assert.equal(res.status, 200);
  assert.ok(Array.isArray(res.json));
  const codes = res.json.map((s) => s.service_code);
  assert.ok(codes.includes('fire_lane') && codes.includes('hazard') && codes.includes('own_difficulty'));
  assert.ok(!codes.includes('welfare'), 'welfare concerns are never public');
  for (const s of res.json) {
    assert.equal(typeof s.service_code, 'string');
    assert.ok(s.service_name && typeof s.metadata === 'boolean' && s.type === 'realtime');
    assert.equal(typeof s.keywords, 'string');
    assert.ok(s.group);
  }
  const x = await get('services.xml');
  assert.equal(XMLValidator.validate(x.text), true);
  const parsed = xml(x.text).services.service;
  assert.deepEqual(parsed.map((s) => s.service_code), codes, 'XML lists the same services in the same order');
  assert.deepEqual(parsed.map((s) => s.metadata), res.json.map((s) => String(s.metadata)));

  const def = await get('services/own_difficulty.json');
  assert.equal(def.status, 200);
  assert.ok(!Array.isArray(def.json));
  assert.equal(def.json.service_code, 'own_difficulty');
  const [attribute] = def.json.attributes;
  assert.equal(attribute.code, 'difficulty');
  assert.equal(attribute.datatype, 'singlevaluelist');
  assert.equal(attribute.required, true);
  assert.equal(attribute.variable, true);
  assert.equal(attribute.order, 1);
  assert.deepEqual(attribute.values.map((v) => v.key), ['cannot_enter', 'no_parking', 'rude_treatment']);
  const plain = await get('services/fire_lane.json');
  assert.deepEqual(plain.json.attributes, []);
  const defXml = xml((await get('services/own_difficulty.xml')).text);
  assert.equal(defXml.service_definition.attributes.attribute[0].values.value.length, 3);
  assertOpen311Error(await get('services/welfare.json'), 404, 'the welfare service is not offered');
  assertOpen311Error(await get('services/nope.json'), 404, 'unknown service');
  assertOpen311Error(await get('services.html'), 404, 'bad extension');
});

test('POST requests: form-encoded with an api_key; 200 with service_request_id; then readable in JSON and XML', async () => {
  const description = 'A large sinkhole 路面塌陷 <b>&</b>';
  const res = await post('requests.json', { api_key: KEY, jurisdiction_id: 'beijing.gov.cn', service_code: 'hazard', lat: '39.99012', long: '116.33011', description, address_string: '成府路 1 号', email: 'x@example.com', first_name: '张', phone: '13800000000' });
  assert.equal(res.status, 200, res.text);
  assert.ok(Array.isArray(res.json) && res.json.length === 1);
  const id = res.json[0].service_request_id;
  assert.match(id, /^\d+$/);
  assert.ok('account_id' in res.json[0]);
  const one = await get(`requests/${id}.json`);
  assert.equal(one.status, 200);
  assert.ok(Array.isArray(one.json) && one.json.length === 1, 'one request is still a list');
  const r = one.json[0];
  assert.deepEqual(Object.keys(r), REQUEST_FIELDS);
  assert.equal(r.service_code, 'hazard');
  assert.equal(r.status, 'open');
  assert.equal(r.description, description, 'stored as given');
  assert.equal(r.address, '成府路 1 号');
  assert.equal(typeof r.lat, 'number');
  assert.equal(r.long, 116.33011);
  for (const f of ['requested_datetime', 'updated_datetime', 'expected_datetime']) assert.match(r[f], W3C, f);
  assert.ok(!JSON.stringify(r).includes('13800000000') && !JSON.stringify(r).includes('example.com'), 'no personal data echoed');
  // The same request in XML: escaped, same fields.
  const x = await get(`requests/${id}.xml`);
  assert.equal(XMLValidator.validate(x.text), true);
  assert.ok(x.text.includes('&lt;b&gt;&amp;&lt;/b&gt;'), 'markup escaped in XML');
  const rx = xml(x.text).service_requests.request[0];
  assert.equal(rx.service_request_id, id);
  assert.equal(rx.description, description);
  assert.equal(rx.status, 'open');
  // The token of a realtime request points to it.
  const token = await get(`tokens/r${id}.json`);
  assert.deepEqual(token.json, [{ service_request_id: id, token: `r${id}` }]);
  // Also percent-encoded attribute brackets and '+' for spaces (what form encoders send).
  const raw = `api_key=${KEY}&service_code=own_difficulty&lat=39.9905&long=116.3307&description=no+place+to+park&attribute%5Bdifficulty%5D=no_parking`;
  const own = await post('requests.xml', null, raw);
  assert.equal(own.status, 200, own.text);
  const ownId = xml(own.text).service_requests.request[0].service_request_id;
  const back = (await get(`requests/${ownId}.json`)).json[0];
  assert.equal(back.description, 'no place to park');
  assert.equal(back.service_code, 'own_difficulty');
});

test('POST errors follow the spec: 403 without a valid key, 404 unknown service, 400 otherwise, in the asked format', async () => {
  assertOpen311Error(await post('requests.json', { service_code: 'hazard', lat: '39.99', long: '116.33' }), 403, 'no key');
  assertOpen311Error(await post('requests.json', { api_key: 'wrong', service_code: 'hazard', lat: '39.99', long: '116.33' }), 403, 'bad key');
  assertOpen311Error(await post('requests.json', { api_key: KEY, lat: '39.99', long: '116.33' }), 400, 'no service_code');
  assertOpen311Error(await post('requests.json', { api_key: KEY, service_code: 'welfare', lat: '39.99', long: '116.33' }), 404, 'welfare not offered');
  assertOpen311Error(await post('requests.json', { api_key: KEY, service_code: 'hazard' }), 400, 'no location');
  assertOpen311Error(await post('requests.json', { api_key: KEY, service_code: 'hazard', lat: '39.99' }), 400, 'lat without long');
  assertOpen311Error(await post('requests.json', { api_key: KEY, service_code: 'hazard', lat: '95', long: '116.33' }), 400, 'impossible lat');
  assertOpen311Error(await post('requests.json', { api_key: KEY, service_code: 'hazard', lat: '31.23', long: '121.47' }), 400, 'outside the city');
  assertOpen311Error(await post('requests.json', { api_key: KEY, service_code: 'own_difficulty', lat: '39.99', long: '116.33' }), 400, 'required attribute missing');
  assertOpen311Error(await post('requests.json', { api_key: KEY, service_code: 'hazard', lat: '39.99', long: '116.33', description: 'x'.repeat(4001) }), 400, 'description over 4000');
  const x = await post('requests.xml', { api_key: 'wrong', service_code: 'hazard', lat: '39.99', long: '116.33' });
  assert.equal(x.status, 403);
  assert.equal(XMLValidator.validate(x.text), true);
  const err = xml(x.text).errors.error[0];
  assert.equal(err.code, '403');
  assert.match(err.description, /api_key/);
  // A revoked key no longer works.
  const issued = await srv.api('POST', '/api/v1/open311/keys', { token: admin.token, body: { organisation: 'temporary' } });
  assert.equal((await srv.api('DELETE', `/api/v1/open311/keys/${issued.json.id}`, { token: admin.token })).status, 204);
  assertOpen311Error(await post('requests.json', { api_key: issued.json.api_key, service_code: 'hazard', lat: '39.99', long: '116.33' }), 403, 'revoked key');
  const worker = await srv.login('demo-worker');
  assert.equal((await srv.api('POST', '/api/v1/open311/keys', { token: worker.token, body: { organisation: 'x' } })).status, 403, 'only admins issue keys');
  const listed = await srv.api('GET', '/api/v1/open311/keys', { token: admin.token });
  assert.ok(!JSON.stringify(listed.json).includes(KEY), 'keys are never shown again');
});

test('GET requests: filters by id, service_code, status and dates; welfare reports never appear', async () => {
  const a = (await post('requests.json', { api_key: KEY, service_code: 'sanitation', lat: '39.9921', long: '116.3262', description: '垃圾堆积' })).json[0].service_request_id;
  const b = (await post('requests.json', { api_key: KEY, service_code: 'traffic', lat: '39.9931', long: '116.3252', description: '信号灯坏了' })).json[0].service_request_id;
  // A worker's welfare concern, through our own API.
  const worker = await srv.login('demo-worker');
  const welfare = await srv.api('POST', '/api/v1/reports', { token: worker.token, body: { category: 'welfare', description: '独居老人三天没开门', lat: 39.9941, lon: 116.3242 } });
  assert.equal(welfare.status, 201, welfare.text);
  const all = await get('requests.json');
  assert.equal(all.status, 200);
  const ids = all.json.map((r) => r.service_request_id);
  assert.ok(ids.includes(a) && ids.includes(b));
  assert.ok(!ids.includes(String(welfare.json.id)), 'welfare never listed');
  assert.ok(all.json.every((r) => r.service_code !== 'welfare'));
  assertOpen311Error(await get(`requests/${welfare.json.id}.json`), 404, 'welfare not readable');
  assertOpen311Error(await get(`tokens/r${welfare.json.id}.json`), 404, 'welfare token not readable');
  const byId = await get(`requests.json?service_request_id=${a},${b},999999`);
  assert.deepEqual(byId.json.map((r) => r.service_request_id).sort(), [a, b].sort());
  const byCode = await get('requests.json?service_code=traffic');
  assert.ok(byCode.json.length >= 1 && byCode.json.every((r) => r.service_code === 'traffic'));
  const open = await get('requests.json?status=OPEN');
  assert.ok(open.json.every((r) => r.status === 'open'));
  const closed = await get('requests.json?status=closed');
  assert.ok(closed.json.every((r) => r.status === 'closed'));
  const empty = await get('requests.json?status=');
  assert.equal(empty.json.length, all.json.length, 'an empty parameter is as if absent');
  const future = await get('requests.json?start_date=2030-01-01T00:00:00Z&end_date=2030-01-31T00:00:00Z');
  assert.deepEqual(future.json, []);
  const now = new Date();
  const day = (d) => new Date(now.getTime() + d * 86400000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const recent = await get(`requests.json?start_date=${day(-1)}&end_date=${day(1)}`);
  assert.ok(recent.json.some((r) => r.service_request_id === a));
  assertOpen311Error(await get('requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-11-30T00:00:00Z'), 400, 'over 90 days');
  assertOpen311Error(await get('requests.json?start_date=yesterday'), 400, 'bad date');
  assertOpen311Error(await get('requests.json?status=pending'), 400, 'unknown status');
  assertOpen311Error(await get('requests.json?service_code=nope'), 404, 'unknown service_code');
  assertOpen311Error(await get('requests/999999.json'), 404, 'unknown request');
  assertOpen311Error(await get('tokens/nope.json'), 404, 'unknown token');
  const listXml = await get('requests.xml?service_code=traffic');
  assert.equal(XMLValidator.validate(listXml.text), true);
  assert.ok(xml(listXml.text).service_requests.request.every((r) => r.service_code === 'traffic'));
});

async function newKey(organisation) {
  const issued = await srv.api('POST', '/api/v1/open311/keys', { token: admin.token, body: { organisation } });
  assert.equal(issued.status, 201, issued.text);
  return issued.json.api_key;
}

test('POST is rate-limited per key: past a burst of 20, 429 with Retry-After in the Open311 error format', async () => {
  const key = await newKey('压力测试单位');
  // Requests without a service_code cost the server as much as any other: they count.
  const statuses = [];
  for (let i = 0; i < 30; i++) statuses.push((await post('requests.json', { api_key: key, lat: '39.99', long: '116.33' })).status);
  assert.deepEqual(statuses.slice(0, 20), Array(20).fill(400), 'the burst is answered');
  assert.ok(statuses.filter((s) => s === 429).length >= 5, `beyond the burst, refused: ${statuses.join(' ')}`);
  const limited = await post('requests.json', { api_key: key, service_code: 'facility', lat: '39.9601', long: '116.3101', description: '路灯不亮' });
  assertOpen311Error(limited, 429, 'a valid request beyond the limit');
  const wait = Number(limited.headers['retry-after']);
  assert.ok(Number.isInteger(wait) && wait >= 1 && wait <= 60, `Retry-After ${limited.headers['retry-after']}`);
  assert.match(limited.json[0].description, /60/, 'the description names the limit');
  const x = await post('requests.xml', { api_key: key, service_code: 'hazard', lat: '39.99', long: '116.33' });
  assert.equal(x.status, 429);
  assert.equal(XMLValidator.validate(x.text), true);
  assert.equal(xml(x.text).errors.error[0].code, '429');
  // Another key has its own bucket.
  assertOpen311Error(await post('requests.json', { api_key: await newKey('另一单位'), lat: '39.99', long: '116.33' }), 400, 'another key is not limited');
});

test('POST of the same problem within 50 m and 24 h is refused with the open request\'s id', async () => {
  const key = await newKey('重复检测单位');
  // A spot with no fire-lane report of the last 90 days within 200 m (the demo city has reports).
  const listed = (await get('requests.json?service_code=fire_lane')).json;
  const metres = (a, b) => Math.hypot((a.lat - b.lat) * 111_320, (a.long - b.long) * 111_320 * Math.cos((a.lat * Math.PI) / 180));
  const spot = [[39.9712, 116.3052], [39.9588, 116.2937], [39.9833, 116.2788], [39.9471, 116.3299], [39.9655, 116.3555]]
    .map(([lat, long]) => ({ lat, long }))
    .find((p) => listed.every((r) => metres(p, r) > 200));
  assert.ok(spot, 'a spot without fire-lane reports nearby');
  const at = (dLat) => ({ api_key: key, service_code: 'fire_lane', lat: String(spot.lat + dLat), long: String(spot.long), description: '消防通道被占' });
  const first = await post('requests.json', at(0));
  assert.equal(first.status, 200, first.text);
  const id = first.json[0].service_request_id;
  // About 20 m north: the same problem.
  const again = await post('requests.json', at(0.00018));
  assertOpen311Error(again, 409, 'a duplicate nearby');
  assert.equal(again.json[0].service_request_id, id);
  assert.ok(again.json[0].description.includes(id), again.json[0].description);
  const againXml = await post('requests.xml', at(0.0001));
  assert.equal(againXml.status, 409);
  assert.equal(XMLValidator.validate(againXml.text), true);
  assert.equal(xml(againXml.text).errors.error[0].service_request_id, id);
  // Another category at the same spot, and the same category 80 m away, are new requests.
  const otherCategory = await post('requests.json', { ...at(0.00018), service_code: 'facility' });
  assert.equal(otherCategory.status, 200, otherCategory.text);
  const farther = await post('requests.json', at(0.00072));
  assert.equal(farther.status, 200, farther.text);
  assert.notEqual(farther.json[0].service_request_id, id);
});
