import { describe, expect, it } from 'vitest';
import { gcj02ToBd09, navigateUrl, outsideChina, wgs84ToGcj02 } from './navigate';

// Published reference pairs (WGS-84 → GCJ-02) from the open-source transform libraries' own tests.
const REFERENCE = [
  { name: 'Shanghai', wgs: [31.1774276, 121.5272106], gcj: [31.17530398364597, 121.531541859215] },
  { name: 'Shenzhen', wgs: [22.543847, 113.912316], gcj: [22.540796131694766, 113.9171764808363] },
  { name: 'Beijing', wgs: [39.911954, 116.377817], gcj: [39.91334545536069, 116.38404722455657] },
  { name: 'Tiananmen', wgs: [39.915, 116.404], gcj: [39.91640428150164, 116.41024449916938] },
] as const;

describe('wgs84ToGcj02', () => {
  for (const r of REFERENCE) {
    it(`matches the published value for ${r.name}`, () => {
      const p = wgs84ToGcj02(r.wgs[0], r.wgs[1]);
      expect(p.lat).toBeCloseTo(r.gcj[0], 7);
      expect(p.lon).toBeCloseTo(r.gcj[1], 7);
    });
  }

  it('moves Beijing by a few hundred metres, not more', () => {
    const p = wgs84ToGcj02(39.98, 116.32);
    const dx = (p.lon - 116.32) * 111_320 * Math.cos((39.98 * Math.PI) / 180);
    const dy = (p.lat - 39.98) * 110_540;
    const metres = Math.hypot(dx, dy);
    expect(metres).toBeGreaterThan(300);
    expect(metres).toBeLessThan(800);
  });

  it('leaves points outside China as they are', () => {
    expect(outsideChina(51.5, -0.12)).toBe(true);
    expect(outsideChina(39.9, 116.4)).toBe(false);
    expect(wgs84ToGcj02(51.5, -0.12)).toEqual({ lat: 51.5, lon: -0.12 });
  });
});

describe('gcj02ToBd09', () => {
  it('matches the published value', () => {
    const p = gcj02ToBd09(39.915, 116.404);
    expect(p.lat).toBeCloseTo(39.92133699351021, 7);
    expect(p.lon).toBeCloseTo(116.41036949371029, 7);
  });
});

describe('navigateUrl', () => {
  const to = { lat: 39.915, lon: 116.404, name: '华清嘉园' };
  const gcj = wgs84ToGcj02(to.lat, to.lon);

  it('高德: marker at lon,lat in GCJ-02 (coordinate=gaode), opening the app', () => {
    const url = new URL(navigateUrl('amap', to));
    expect(url.origin + url.pathname).toBe('https://uri.amap.com/marker');
    expect(url.searchParams.get('position')).toBe(`${gcj.lon.toFixed(6)},${gcj.lat.toFixed(6)}`);
    expect(url.searchParams.get('coordinate')).toBe('gaode');
    expect(url.searchParams.get('callnative')).toBe('1');
    expect(url.searchParams.get('name')).toBe('华清嘉园');
  });

  it('百度: marker at lat,lon with coord_type=gcj02', () => {
    const url = new URL(navigateUrl('baidu', to));
    expect(url.origin + url.pathname).toBe('https://api.map.baidu.com/marker');
    expect(url.searchParams.get('location')).toBe(`${gcj.lat.toFixed(6)},${gcj.lon.toFixed(6)}`);
    expect(url.searchParams.get('coord_type')).toBe('gcj02');
    expect(url.searchParams.get('output')).toBe('html');
    expect(url.searchParams.get('title')).toBe('华清嘉园');
    expect(url.searchParams.get('src')).toBeTruthy();
  });

  it('腾讯: marker=coord:lat,lon;title:… with coord_type=2 and a referer', () => {
    const url = new URL(navigateUrl('tencent', to));
    expect(url.origin + url.pathname).toBe('https://apis.map.qq.com/uri/v1/marker');
    expect(url.searchParams.get('marker')).toBe(`coord:${gcj.lat.toFixed(6)},${gcj.lon.toFixed(6)};title:华清嘉园;addr:华清嘉园`);
    expect(url.searchParams.get('coord_type')).toBe('2');
    expect(url.searchParams.get('referer')).toBeTruthy();
  });

  it('keeps a name from breaking the 腾讯 marker syntax', () => {
    const url = new URL(navigateUrl('tencent', { ...to, name: 'a;b:c' }));
    expect(url.searchParams.get('marker')).toMatch(/;title:a b c;addr:a b c$/);
  });
});
