// Uploaded photos are rebuilt from their pixels: what the server stores and serves carries no
// EXIF and no GPS, whatever the upload hid where, as exiftool (not our code) reads it.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { useServer, assertProblem, jpegWithExif } from './harness.mjs';

const srv = useServer();
const dir = mkdtempSync(path.join(tmpdir(), 'youhao-photos-'));
let worker;
let n = 0;

before(async () => {
  await srv.start();
  worker = await srv.login('demo-worker');
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

/** The harness's small JPEG without its hand-made EXIF segment, for exiftool to write real EXIF into. */
function plainJpeg() {
  const jpeg = jpegWithExif();
  const parts = [jpeg.subarray(0, 2)];
  let at = 2;
  while (jpeg[at] === 0xff && jpeg[at + 1] !== 0xda) {
    const end = at + 2 + jpeg.readUInt16BE(at + 2);
    if (jpeg[at + 1] !== 0xe1) parts.push(jpeg.subarray(at, end));
    at = end;
  }
  parts.push(jpeg.subarray(at));
  return Buffer.concat(parts);
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
