// The base map (issue 15, item 3): GET /tiles/{z}/{x}/{y}.svg serves SVG tiles drawn from the
// demo's OpenStreetMap extracts at the server's first start (an MBTiles file beside the SQLite
// database, or in the temporary directory for PostgreSQL). Checked here: a tile over 华清嘉园 carries
// streets, buildings and names and is well-formed XML (xmllint, an independent parser); gzip when
// asked, identity otherwise, the same SVG; ETag and 304; a tile outside the data is the plain
// background; malformed tiles are refused with a worded 400; and the file is an MBTiles file an
// independent reader (Python's sqlite3) understands: metadata, TMS rows, gzip-compressed SVG.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { useServer, assertProblem, DB_KIND } from './harness.mjs';

const srv = useServer();

// 华清嘉园 (39.99175 N, 116.3287 E): its tile at zoom 17, computed apart with the Web-Mercator formulas.
const HUAQING = { z: 17, x: 107889, y: 49625 };
const tilePath = ({ z, x, y }) => `/tiles/${z}/${x}/${y}.svg`;

test('a tile over 华清嘉园 draws streets, buildings and names as well-formed SVG', async () => {
  const res = await srv.request('GET', tilePath(HUAQING));
  assert.equal(res.status, 200, res.text.slice(0, 200));
  assert.match(res.headers['content-type'], /^image\/svg\+xml/);
  assert.match(res.headers['cache-control'], /public, max-age=\d+/);
  assert.ok(res.headers.etag, 'an ETag');
  const svg = res.text;
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="256" height="256"/);
  assert.match(svg, /class="b" d="M/, 'buildings');
  assert.match(svg, /class="(M|m|s)c" d="M/, 'roads with their casing');
  execFileSync('xmllint', ['--noout', '-'], { input: svg });
  // Names: 华清嘉园小区 and the streets around it, somewhere in the tiles around its own.
  const names = [];
  for (const dx of [-1, 0, 1]) {
    for (const dy of [-1, 0, 1]) {
      const near = await srv.request('GET', tilePath({ ...HUAQING, x: HUAQING.x + dx, y: HUAQING.y + dy }));
      for (const m of near.text.matchAll(/<text [^>]*>([^<]*)<\/text>/g)) names.push(m[1]);
    }
  }
  assert.ok(names.includes('华清嘉园小区'), names.join(' '));
  assert.ok(names.includes('成府路'), names.join(' '));

  const again = await srv.request('GET', tilePath(HUAQING), { headers: { 'If-None-Match': res.headers.etag } });
  assert.equal(again.status, 304);
  assert.equal(again.body.length, 0);
});

test('gzip when the client takes it, the same SVG either way', async () => {
  const plain = await srv.request('GET', tilePath(HUAQING));
  const packed = await srv.request('GET', tilePath(HUAQING), { headers: { 'Accept-Encoding': 'gzip' } });
  assert.equal(packed.status, 200);
  assert.equal(packed.headers['content-encoding'], 'gzip');
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(gunzipSync(packed.body).toString('utf8'), plain.text);
  assert.ok(packed.body.length < plain.body.length / 2, `${packed.body.length} bytes gzip vs ${plain.body.length}`);
  assert.match(packed.headers.vary, /Accept-Encoding/);
});

test('a tile outside the imported data is the plain background, and zoom 12 shows the district', async () => {
  const far = await srv.request('GET', '/tiles/12/0/0.svg');
  assert.equal(far.status, 200);
  assert.doesNotMatch(far.text, /<path|<text/);
  assert.match(far.text, /<rect width="256" height="256" fill="#f2efe9"\/>/);
  const district = await srv.request('GET', '/tiles/12/3371/1550.svg');
  assert.equal(district.status, 200);
  assert.match(district.text, /<path/, 'main roads at zoom 12');
});

test('malformed tiles are refused with a reason, in the reader’s language', async () => {
  for (const bad of ['/tiles/19/0/0.svg', '/tiles/17/131072/0.svg', '/tiles/17/0/131072.svg', '/tiles/17/-1/0.svg',
    '/tiles/17/abc/0.svg', '/tiles/17/1/2', '/tiles/17/1/2.png', '/tiles/017x/1/2.svg', '/tiles/99999999999/0/0.svg']) {
    const res = await srv.request('GET', bad, { headers: { 'Accept-Language': 'zh-CN' } });
    assertProblem(res, 400, 'bad_tile', bad);
    assert.match(res.json.detail, /底图/, bad);
  }
  const en = await srv.request('GET', '/tiles/19/0/0.svg', { headers: { 'Accept-Language': 'en' } });
  assertProblem(en, 400, 'bad_tile');
  assert.match(en.json.detail, /No such base-map tile/);
  const post = await srv.request('POST', tilePath(HUAQING), { body: {} });
  assert.equal(post.status, 405);
});

test('the tile file is MBTiles an independent reader understands', async () => {
  const file = DB_KIND === 'sqlite'
    ? `${srv.db.url.replace(/^sqlite:/, '')}.tiles.mbtiles`
    : path.join(tmpdir(), 'youhao-demo.tiles.mbtiles');
  assert.ok(existsSync(file), `${file} exists`);
  const script = `
import sqlite3, gzip, json, sys
db = sqlite3.connect(sys.argv[1])
meta = dict(db.execute("SELECT name, value FROM metadata"))
row = db.execute("SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
                 (${HUAQING.z}, ${HUAQING.x}, (1 << ${HUAQING.z}) - 1 - ${HUAQING.y})).fetchone()
zooms = [z for (z,) in db.execute("SELECT DISTINCT zoom_level FROM tiles ORDER BY 1")]
print(json.dumps({"meta": meta, "zooms": zooms, "svg": gzip.decompress(row[0]).decode("utf-8")}))
`;
  const out = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, file]).toString('utf8'));
  assert.equal(out.meta.format, 'image/svg+xml');
  assert.equal(out.meta.minzoom, '12');
  assert.equal(out.meta.maxzoom, '18');
  assert.match(out.meta.attribution, /OpenStreetMap contributors/);
  const [west, south, east, north] = out.meta.bounds.split(',').map(Number);
  assert.ok(west < 116.3287 && 116.3287 < east && south < 39.99175 && 39.99175 < north, out.meta.bounds);
  assert.deepEqual(out.zooms, [12, 13, 14, 15, 16, 17, 18]);
  const served = await srv.request('GET', tilePath(HUAQING));
  assert.equal(out.svg, served.text, 'the row counted from the south is the tile served');
});
