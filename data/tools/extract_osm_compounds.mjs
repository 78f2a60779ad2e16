#!/usr/bin/env node
// Extract named residential compounds and campuses from the Beijing OSM XML extracts.
//
//   node data/tools/extract_osm_compounds.mjs [OSM_DIR] [--out FILE] [--debug]
//
// OSM_DIR defaults to ../shared/data/osm relative to the repository root (i.e.
// /work/shared/data/osm); the output defaults to data/demo/osm_compounds.json.
// No dependencies: the files are OSM API "Export" XML written one element per line, which a
// small regex tokenizer reads reliably (attribute values are XML-escaped by the API).
//
// What is a compound (小区 / 园区 / 校园):
//   * a closed way (first node == last node) or a type=multipolygon relation, with a name, and
//   * landuse=residential, or amenity=university|college (kind "campus"), or a name ending in
//     小区 / 家园 / 院 / 苑 / 园 / 居 (kind "residential"),
//   * but not a single building (building=*), nor a feature whose own tags make it something
//     else: amenity (hospital, kindergarten, school, cinema, ...), leisure (park, garden, ...),
//     tourism, historic, shop, office, or landuse other than residential/education, nor a name
//     ending in 学院/医院/影院/幼儿园/公园/书院/研究院/科学院 (faculties, hospitals, cinemas ...
//     inside or near the campuses).
// The centroid is the plain average of the member nodes present in the file (ways of a
// multipolygon relation included: relations in these exports are often incomplete); an
// element with no node present is skipped. `buildings` counts building=* ways whose centroid
// falls inside the compound's node bounding box (a cheap approximation).
// Duplicates by name are merged (the first element with the most nodes wins).
//
// Street assignment (street_code): nearest reference point, by equirectangular distance, from
// the table REFS below. The points are hand-placed (WGS-84) on the area each street governs
// around these three extracts, checked against the community list of the NBS 2023 codes (the
// names of the residents' committees in data/areas/haidian.json: 邮电大学社区 is in 北太平庄街道,
// 中国农业大学东校区 / 双泉嘉苑 / 富润 / 静淑苑 / 学知园 / 西王庄 / 五道口嘉园 in 学院路街道,
// 荷清苑 / 蓝旗营 and the Tsinghua campus in 清华园街道, 华清园 in 中关村街道, and the blocks north
// of 清华东路 in 东升地区). The rule is approximate and only meant for demo data.
// community_code: set when a residents' committee of that street has a name whose stem (the
// name without 社区居委会) is contained in the compound's name or vice versa, e.g. 荷清苑 →
// 荷清苑社区居委会; otherwise null.

import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const args = process.argv.slice(2);
const debug = args.includes('--debug');
const outIdx = args.indexOf('--out');
const outFile = outIdx >= 0 ? args[outIdx + 1] : path.join(repo, 'data', 'demo', 'osm_compounds.json');
const positional = args.filter((a, i) => !a.startsWith('--') && (outIdx < 0 || i !== outIdx + 1));
const osmDir = positional[0] ?? path.resolve(repo, '..', 'shared', 'data', 'osm');
const FILES = ['beijing-bupt.osm', 'beijing-haidian-cau.osm', 'beijing-tsinghua-wudaokou.osm'];

// [street_code, lat, lon, label]
const REFS = [
  ['110108008', 39.9600, 116.3510, '北京邮电大学 / 北太平庄'],
  ['110108010', 40.0020, 116.3560, '中国农业大学东区'],
  ['110108010', 39.9975, 116.3440, '学院路西侧 / 中国矿业大学'],
  ['110108010', 39.9955, 116.3310, '西王庄'],
  ['110108010', 40.0080, 116.3530, '双泉堡 / 农大北区'],
  ['110108010', 40.0040, 116.3440, '静淑苑'],
  ['110108014', 40.0030, 116.3200, '清华大学'],
  ['110108014', 40.0100, 116.3160, '荷清苑 / 清华西北'],
  ['110108014', 39.9935, 116.3255, '蓝旗营'],
  ['110108011', 39.9895, 116.3300, '华清嘉园 / 成府路南'],
  ['110108024', 40.0160, 116.3520, '东升 / 清华东路北'],
  ['110108015', 39.9900, 116.3060, '北京大学'],
];
// Named places in the extracts that lie outside Haidian District (skipped).
const OUTSIDE_HAIDIAN = new Set(['北京师范大学']); // 新街口外大街19号, 西城区

const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
  .replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(+d)).replace(/&amp;/g, '&');

function parse(xml) {
  const nodes = new Map(); const ways = []; const relations = [];
  // Self-closing nodes without tags, and elements with children.
  const re = /<(node|way|relation)\s([^>]*?)(\/?)>([\s\S]*?)(?=<(?:node|way|relation)\s|<\/osm>)/g;
  const attr = (s, k) => { const m = new RegExp(`\\b${k}="([^"]*)"`).exec(s); return m ? m[1] : null; };
  let m;
  while ((m = re.exec(xml))) {
    const [, type, attrs, selfClose, body] = m;
    const id = attr(attrs, 'id');
    const tags = {};
    if (!selfClose) for (const t of body.matchAll(/<tag\s+k="([^"]*)"\s+v="([^"]*)"\s*\/>/g)) tags[unescape(t[1])] = unescape(t[2]);
    if (type === 'node') nodes.set(id, { lat: +attr(attrs, 'lat'), lon: +attr(attrs, 'lon'), tags });
    else if (type === 'way') ways.push({ id, tags, nds: [...body.matchAll(/<nd\s+ref="(\d+)"/g)].map((x) => x[1]) });
    else relations.push({ id, tags, members: [...body.matchAll(/<member\s+type="(\w+)"\s+ref="(\d+)"\s+role="([^"]*)"/g)].map((x) => ({ type: x[1], ref: x[2], role: x[3] })) });
  }
  return { nodes, ways, relations };
}

const NAME_SUFFIX = /(小区|家园|院|苑|园|居)$/;
const NAME_EXCLUDE = /(学院|医院|影院|幼儿园|公园|书院|研究院|科学院|动物园|植物园|雕塑园|产业园|科技园|游园|庄园)$/;

function classify(tags) {
  const name = tags.name;
  if (!name) return null;
  if (tags.building) return null;
  const amenity = tags.amenity;
  if (amenity === 'university' || amenity === 'college') return 'campus';
  if (tags.landuse === 'residential') return 'residential';
  if (amenity || tags.leisure || tags.tourism || tags.historic || tags.shop || tags.office) return null;
  if (tags.landuse && tags.landuse !== 'education') return null;
  if (NAME_SUFFIX.test(name) && !NAME_EXCLUDE.test(name)) return 'residential';
  return null;
}

function loadCommunities() {
  try {
    const h = JSON.parse(readFileSync(path.join(repo, 'data', 'areas', 'haidian.json'), 'utf8'));
    return h.streets;
  } catch { return []; }
}

function nearestStreet(lat, lon) {
  let best = null;
  for (const [code, rlat, rlon, label] of REFS) {
    const dx = (lon - rlon) * Math.cos((lat * Math.PI) / 180);
    const dy = lat - rlat;
    const d = dx * dx + dy * dy;
    if (!best || d < best.d) best = { code, d, label };
  }
  return best;
}

const stem = (s) => s.replace(/(社区居委会|社区居民委员会|居委会|村委会)$/, '').replace(/(社区)$/, '');
const compoundStem = (s) => s.replace(/(小区|教师住宅区|住宅区)$/, '').replace(/-.*$/, '');

function main() {
  const streets = loadCommunities();
  const out = new Map();
  const available = new Set(readdirSync(osmDir));
  for (const file of FILES) {
    if (!available.has(file)) throw new Error(`missing ${file} in ${osmDir}`);
    const { nodes, ways, relations } = parse(readFileSync(path.join(osmDir, file), 'utf8'));
    const wayById = new Map(ways.map((w) => [w.id, w]));
    const buildingCentroids = [];
    const centroidOf = (refs) => {
      let n = 0, la = 0, lo = 0;
      for (const r of refs) { const nd = nodes.get(r); if (nd) { n++; la += nd.lat; lo += nd.lon; } }
      return n ? { lat: la / n, lon: lo / n, n } : null;
    };
    for (const w of ways) if (w.tags.building) { const c = centroidOf(w.nds); if (c) buildingCentroids.push(c); }
    const candidates = [];
    for (const w of ways) {
      const closed = w.nds.length >= 4 && w.nds[0] === w.nds[w.nds.length - 1];
      if (!closed) continue;
      const kind = classify(w.tags);
      if (kind) candidates.push({ type: 'way', id: w.id, tags: w.tags, kind, refs: w.nds });
    }
    for (const r of relations) {
      if (r.tags.type !== 'multipolygon') continue;
      const kind = classify(r.tags);
      if (!kind) continue;
      const refs = [];
      for (const mem of r.members) {
        if (mem.type === 'way' && mem.role !== 'inner') { const w = wayById.get(mem.ref); if (w) refs.push(...w.nds); }
      }
      candidates.push({ type: 'relation', id: r.id, tags: r.tags, kind, refs });
    }
    for (const c of candidates) {
      const cen = centroidOf(c.refs);
      if (debug) console.error(file, c.type, c.id, c.kind, c.tags.name, cen ? `${cen.lat.toFixed(5)},${cen.lon.toFixed(5)} n=${cen.n}` : 'NO NODES', JSON.stringify(c.tags));
      if (!cen || OUTSIDE_HAIDIAN.has(c.tags.name) || (c.tags['addr:district'] && c.tags['addr:district'] !== '海淀区')) continue;
      let minLat = Infinity, maxLat = -Infinity, minLon = Infinity, maxLon = -Infinity;
      for (const r of c.refs) { const nd = nodes.get(r); if (!nd) continue; minLat = Math.min(minLat, nd.lat); maxLat = Math.max(maxLat, nd.lat); minLon = Math.min(minLon, nd.lon); maxLon = Math.max(maxLon, nd.lon); }
      const buildings = buildingCentroids.filter((b) => b.lat >= minLat && b.lat <= maxLat && b.lon >= minLon && b.lon <= maxLon).length;
      const near = nearestStreet(cen.lat, cen.lon);
      const street = streets.find((s) => s.code === near.code);
      let community = null;
      if (street) {
        const cs = compoundStem(c.tags.name);
        community = street.communities.find((k) => { const ks = stem(k.name_zh); return ks.length >= 2 && (c.tags.name.includes(ks) || ks.includes(cs)); }) ?? null;
      }
      const rec = {
        name_zh: c.tags.name,
        ...(c.tags['name:en'] ? { name_en: c.tags['name:en'] } : {}),
        osm_type: c.type,
        osm_id: Number(c.id),
        lat: Math.round(cen.lat * 1e7) / 1e7,
        lon: Math.round(cen.lon * 1e7) / 1e7,
        street_code: near.code,
        community_code: community ? community.code : null,
        kind: c.kind,
        buildings,
        source_file: file,
        _n: cen.n,
      };
      const prev = out.get(rec.name_zh);
      if (!prev || rec._n > prev._n) out.set(rec.name_zh, rec);
    }
  }
  const compounds = [...out.values()].sort((a, b) => a.street_code.localeCompare(b.street_code) || a.name_zh.localeCompare(b.name_zh, 'zh'))
    .map(({ _n, ...r }) => r);
  const doc = {
    attribution: '© OpenStreetMap contributors, ODbL 1.0',
    source: 'OpenStreetMap export files beijing-bupt.osm, beijing-haidian-cau.osm, beijing-tsinghua-wudaokou.osm; extracted by data/tools/extract_osm_compounds.mjs',
    compounds,
  };
  writeFileSync(outFile, JSON.stringify(doc, null, 1) + '\n');
  console.log(`${compounds.length} compounds -> ${path.relative(process.cwd(), outFile)}`);
}

main();
