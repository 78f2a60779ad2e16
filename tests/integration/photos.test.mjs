// Uploaded photos are rebuilt from their pixels: what the server stores and serves carries no
// EXIF and no GPS, whatever the upload hid where, as exiftool (not our code) reads it. Every photo
// (of a report, a place, a map) is addressed by an unguessable public id, never by its row; one
// that is not public is shown only to whoever may see it, and never kept by a cache.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { useServer, assertProblem, jpegWithExif, plainJpeg } from './harness.mjs';
import { HQ_CODE, spot } from './report_helpers.mjs';

const srv = useServer();
const dir = mkdtempSync(path.join(tmpdir(), 'youhao-photos-'));
let worker;
const S = {};
let n = 0;

before(async () => {
  await srv.start();
  worker = await srv.login('demo-worker');
  for (const who of ['keeper', 'merchant', 'community', 'street', 'city']) S[who] = await srv.login(`demo-${who}`);
  S.worker = worker;
});

/** exiftool's reading of `bytes`: {group:tag → value}. */
function exif(bytes) {
  const file = path.join(dir, `read-${++n}`);
  writeFileSync(file, bytes);
  return JSON.parse(execFileSync('exiftool', ['-j', '-a', '-G1', '-n', file], { encoding: 'utf8' }))[0];
}

/** `bytes` with GPS (and a camera model) written by exiftool into its EXIF. */
function withGps(bytes, extension) {
  const file = path.join(dir, `gps-${++n}.${extension}`);
  writeFileSync(file, bytes);
  execFileSync('exiftool', ['-q', '-overwrite_original', '-GPSLatitude=39.9931', '-GPSLatitudeRef=N',
    '-GPSLongitude=116.3318', '-GPSLongitudeRef=E', '-Model=RiderPhone', file]);
  return readFileSync(file);
}

const gpsKeys = (tags) => Object.keys(tags).filter((k) => /GPS|ExifIFD|IFD0|Model/.test(k));

/** A small RGB PNG made here: zlib and a CRC are all it takes. */
function png(width, height, extraChunks = []) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0); ihdr.writeUInt32BE(height, 4); ihdr[8] = 8; ihdr[9] = 2;
  const rows = [];
  for (let y = 0; y < height; y++) rows.push(Buffer.from([0, ...Array.from({ length: width * 3 }, (_, i) => (i * 5 + y * 3) % 256)]));
  return Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), chunk('IHDR', ihdr),
    ...extraChunks.map(([type, data]) => chunk(type, Buffer.from(data, 'latin1'))),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

async function storedCopy(bytes, type) {
  const up = await srv.api('POST', '/api/v1/report-photos', { token: worker.token, rawBody: bytes, headers: { 'Content-Type': type } });
  assert.equal(up.status, 201, up.text);
  const served = await srv.api('GET', up.json.url, { token: worker.token });
  assert.equal(served.status, 200);
  return served.body;
}

test('a JPEG with EXIF GPS, and a second GPS image appended after its end, is stored without either', async () => {
  const gps = withGps(plainJpeg(), 'jpg');
  assert.ok(gpsKeys(exif(gps)).some((k) => k.includes('GPSLatitude')), 'the upload carries GPS, as exiftool reads it');
  for (const upload of [gps, Buffer.concat([gps, gps])]) {
    const stored = await storedCopy(upload, 'image/jpeg');
    const tags = exif(stored);
    assert.deepEqual(gpsKeys(tags), [], JSON.stringify(tags));
    assert.equal(tags['File:FileType'], 'JPEG');
    assert.equal(stored.indexOf(Buffer.from('Exif')), -1);
    assert.equal(stored.indexOf(Buffer.from([0xff, 0xd8, 0xff]), 1), -1, 'one image only');
  }
});

test('a PNG with an eXIf chunk written by exiftool and a private chunk is stored as pixels only', async () => {
  const gps = withGps(png(24, 16, [['prVt', 'GPSLatitude 39.99 N'], ['tEXt', 'Comment\0shot on rider phone']]), 'png');
  assert.ok(gpsKeys(exif(gps)).some((k) => k.includes('GPSLatitude')), 'the upload carries GPS');
  const stored = await storedCopy(gps, 'image/png');
  const tags = exif(stored);
  assert.deepEqual(gpsKeys(tags), [], JSON.stringify(tags));
  assert.equal(tags['File:FileType'], 'PNG');
  for (const trace of ['prVt', 'eXIf', 'rider phone', 'GPSLatitude']) assert.equal(stored.indexOf(Buffer.from(trace)), -1, trace);
});

test('a JPEG cut off in its image data, and a file that only claims to be one, are refused', async () => {
  const jpeg = Buffer.from(png(8, 8)); // a PNG sent as a JPEG is judged by its bytes, and accepted as a PNG
  const ok = await srv.api('POST', '/api/v1/report-photos', { token: worker.token, rawBody: jpeg, headers: { 'Content-Type': 'image/jpeg' } });
  assert.equal(ok.status, 201, ok.text);
  const big = withGps(plainJpeg(), 'jpg');
  const cut = big.subarray(0, big.length - 3);
  assertProblem(await srv.api('POST', '/api/v1/report-photos', { token: worker.token, rawBody: cut, headers: { 'Content-Type': 'image/jpeg' } }),
    400, 'validation_failed', 'a truncated JPEG');
  assertProblem(await srv.api('POST', '/api/v1/report-photos', { token: worker.token, rawBody: Buffer.from('GIF89a....'), headers: { 'Content-Type': 'image/jpeg' } }),
    400, 'validation_failed', 'a GIF');
});

// ---- addressed by public id; who sees what, and who may keep it ---------------------------------

const PUBLIC_ID_URL = (kind) => new RegExp(`^/api/v1/${kind}/([A-Za-z0-9_-]{22})$`);
const PUBLIC_CACHE = 'public, max-age=31536000, immutable';
const NO_STORE = 'private, no-store';
const tag = () => randomBytes(4).toString('hex');
const as = (who, method, p, opts = {}) => srv.api(method, p, { token: who ? S[who].token : undefined, ...opts });

/** GET `url` as `who` (null: without a session): the status and the Cache-Control of a 200. */
async function seen(who, url) {
  const res = await as(who, 'GET', url);
  return { status: res.status, cache: res.status === 200 ? String(res.headers['cache-control']) : undefined, res };
}

async function uploadReportPhoto(who = 'worker') {
  const res = await as(who, 'POST', '/api/v1/report-photos', { rawBody: jpegWithExif(), headers: { 'Content-Type': 'image/jpeg' } });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

async function report(body) {
  const res = await as('worker', 'POST', '/api/v1/reports', { body: { client_id: `photos-${tag()}`, ...body } });
  assert.equal(res.status, 201, `submit ${body.category}: ${res.text.slice(0, 400)}`);
  return res.json;
}

test('every photo is served by a long random public id; its row number (the id its uploader attaches it by) finds nothing', async () => {
  const reportUploads = [await uploadReportPhoto(), await uploadReportPhoto()];
  const mine = await as('keeper', 'GET', '/api/v1/places/mine');
  assert.equal(mine.status, 200, mine.text);
  const station = mine.json.places.find((p) => p.status === 'approved');
  assert.ok(station, 'demo-keeper runs an approved station');
  const placeUpload = await as('keeper', 'POST', `/api/v1/places/${station.id}/photos`, { rawBody: jpegWithExif(), headers: { 'Content-Type': 'image/jpeg' } });
  assert.equal(placeUpload.status, 201, placeUpload.text);
  const mapUpload = await as('community', 'POST', `/api/v1/compounds/${HQ_CODE}/map/media`, { rawBody: jpegWithExif(), headers: { 'Content-Type': 'image/jpeg' } });
  assert.equal(mapUpload.status, 201, mapUpload.text);
  const uploads = [
    ...reportUploads.map((u) => ({ ...u, kind: 'report-photos' })),
    { ...placeUpload.json, kind: 'place-photos' },
    { ...mapUpload.json, kind: 'map-media' },
  ];
  const ids = [];
  for (const u of uploads) {
    assert.ok(Number.isInteger(u.id) && u.id > 0, `the row id is returned to its uploader: ${JSON.stringify(u)}`);
    const m = PUBLIC_ID_URL(u.kind).exec(u.url);
    assert.ok(m, `${u.kind}: a 22-character public id in ${u.url}`);
    ids.push(m[1]);
    // The uploader may see the photo by its URL, never by its row, nor by a neighbour's.
    const owner = u.kind === 'map-media' ? 'community' : u.kind === 'place-photos' ? 'keeper' : 'worker';
    assert.equal((await seen(owner, u.url)).status, 200, `${u.url} as its uploader`);
    for (const row of [u.id, u.id - 1, u.id + 1]) {
      for (const who of [null, owner, 'city']) {
        assertProblem(await as(who, 'GET', `/api/v1/${u.kind}/${row}`), 404, 'not_found', `${u.kind} row ${row} as ${who ?? 'anonymous'}`);
      }
    }
  }
  assert.equal(new Set(ids).size, ids.length, 'every photo has its own id');
  // 128 random bits: two ids agree in about one place in 64, never in a common prefix or suffix.
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const same = [...ids[i]].filter((c, k) => ids[j][k] === c).length;
      assert.ok(same <= 8, `${ids[i]} and ${ids[j]} agree in ${same} of 22 places`);
    }
  }
  // A public id of the right shape that names no photo is as unknown as anything else.
  assertProblem(await as(null, 'GET', '/api/v1/report-photos/AAAAAAAAAAAAAAAAAAAAAA'), 404, 'not_found', 'no such public id');
});

test('the demo photos, stored without public ids, got them at start: listed and served by them', async () => {
  const res = await as('city', 'GET', '/api/v1/reports?limit=200');
  assert.equal(res.status, 200, res.text.slice(0, 300));
  const withPhotos = res.json.reports.filter((r) => r.photos.length > 0 && r.category !== 'welfare');
  assert.ok(withPhotos.length > 0, 'the demo reports include some with a photo');
  for (const r of withPhotos.slice(0, 3)) {
    assert.match(r.photos[0], PUBLIC_ID_URL('report-photos'), `report ${r.id} lists its photo by public id`);
    assert.equal(r.thumbnails[0], `${r.photos[0]}?size=thumb`);
    const anyone = await seen(null, r.photos[0]);
    assert.equal(anyone.status, 200, `report ${r.id}'s photo anonymously`);
    assert.equal(anyone.cache, PUBLIC_CACHE);
  }
});

test('a report photo is public once sent with a public report, private no-store before; a welfare report\'s only for whoever may read the report', async () => {
  const up = await uploadReportPhoto();
  // Not yet sent: its uploader's alone, and never kept.
  const own = await seen('worker', up.url);
  assert.equal(own.status, 200);
  assert.equal(own.cache, NO_STORE, 'an upload not yet sent is private, no-store');
  assert.equal((await seen('worker', `${up.url}?size=thumb`)).cache, NO_STORE, 'its thumbnail too');
  for (const who of [null, 'keeper', 'community']) assert.equal((await seen(who, up.url)).status, 404, `before it is sent, as ${who ?? 'anonymous'}`);

  const r = await report({ category: 'fire_lane', description: '消防通道被三轮车堵住', ...spot(-1, 0), photo_ids: [up.id] });
  assert.deepEqual(r.photos, [up.url], 'the report lists its photo by the URL the upload gave');
  for (const who of [null, 'worker', 'merchant', 'city']) {
    const s = await seen(who, up.url);
    assert.equal(s.status, 200, `a public report's photo as ${who ?? 'anonymous'}`);
    assert.equal(s.cache, PUBLIC_CACHE, `public and immutable as ${who ?? 'anonymous'}`);
  }
  assert.equal((await seen(null, `${up.url}?size=thumb`)).cache, PUBLIC_CACHE);

  const pic = await uploadReportPhoto();
  const w = await report({ category: 'welfare', description: '独居老人多日未出门', ...spot(0, -1), photo_ids: [pic.id] });
  assert.deepEqual(w.photos, [pic.url]);
  for (const who of [null, 'keeper', 'merchant']) {
    assert.equal((await seen(who, pic.url)).status, 404, `a welfare report's photo as ${who ?? 'anonymous'}`);
    assert.equal((await seen(who, `${pic.url}?size=thumb`)).status, 404, `its thumbnail as ${who ?? 'anonymous'}`);
  }
  for (const who of ['worker', 'community']) {
    const s = await seen(who, pic.url);
    assert.equal(s.status, 200, `a welfare report's photo as ${who}, who may read the report`);
    assert.equal(s.cache, NO_STORE, `private, no-store as ${who}`);
  }
});

test('a pending or rejected place\'s photo: 404 to anyone but its keeper and community staff in scope, private no-store; public once approved', async () => {
  const newPlace = async (k) => {
    const res = await as('keeper', 'POST', '/api/v1/places', { body: { kind: 'station', name: `照片驿站${tag()}`,
      lat: +(39.9615 + k * 0.000135).toFixed(6), lon: 116.3545, address: '海淀区西土城路10号',
      amenities: ['water', 'seats'], opening_hours: 'Mo-Su 08:00-20:00', capacity: 10 } });
    assert.equal(res.status, 201, `POST place: ${res.text.slice(0, 400)}`);
    assert.equal(res.json.status, 'pending');
    const up = await as('keeper', 'POST', `/api/v1/places/${res.json.id}/photos`, { rawBody: jpegWithExif(), headers: { 'Content-Type': 'image/jpeg' } });
    assert.equal(up.status, 201, up.text);
    assert.match(up.json.url, PUBLIC_ID_URL('place-photos'));
    return { place: res.json, url: up.json.url };
  };
  const hidden = async (url, when) => {
    for (const who of [null, 'worker', 'merchant']) assertProblem(await as(who, 'GET', url), 404, 'not_found', `${when}, as ${who ?? 'anonymous'}`);
    for (const who of ['keeper', 'community', 'street']) {
      const s = await seen(who, url);
      assert.equal(s.status, 200, `${when}, as ${who}`);
      assert.equal(s.cache, NO_STORE, `${when}, as ${who}: private, no-store`);
    }
  };

  const pending = await newPlace(0);
  const listed = await as('keeper', 'GET', `/api/v1/places/${pending.place.id}`);
  assert.equal(listed.status, 200, listed.text);
  assert.deepEqual(listed.json.photos, [pending.url], 'the keeper sees the photo listed by its public id');
  await hidden(pending.url, 'pending');
  const approved = await as('community', 'POST', `/api/v1/places/${pending.place.id}/review`, { body: { decision: 'approve', note: '现场核实' } });
  assert.equal(approved.status, 200, approved.text);
  for (const who of [null, 'worker', 'keeper']) {
    const s = await seen(who, pending.url);
    assert.equal(s.status, 200, `approved, as ${who ?? 'anonymous'}`);
    assert.equal(s.cache, PUBLIC_CACHE, `approved, as ${who ?? 'anonymous'}: public`);
  }
  assert.deepEqual((await as(null, 'GET', `/api/v1/places/${pending.place.id}`)).json.photos, [pending.url]);

  const refused = await newPlace(3);
  const rejected = await as('community', 'POST', `/api/v1/places/${refused.place.id}/review`, { body: { decision: 'reject', note: '不符合' } });
  assert.equal(rejected.status, 200, rejected.text);
  assert.equal(rejected.json.status, 'rejected');
  await hidden(refused.url, 'rejected');
});
