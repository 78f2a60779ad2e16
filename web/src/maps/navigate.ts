/**
 * "导航": hands the ride between compounds to the phone's own map app (高德, 百度 or 腾讯) at a
 * destination, through each app's published web URI, which opens the app when it is installed and
 * its web map otherwise. Our positions are WGS-84 (OpenStreetMap); the Chinese apps draw GCJ-02, so
 * the point is shifted with the published GCJ-02 transform and each link names the system it uses.
 */

import { h } from '../shell/dom';

export interface Destination {
  lat: number;
  lon: number;
  name: string;
}

export type NavApp = 'amap' | 'baidu' | 'tencent';
export const NAV_APPS: readonly NavApp[] = ['amap', 'baidu', 'tencent'];

/** Who asks, as the schemes want it (`src`, `referer`). */
const SOURCE = 'youhao';

// The Krasovsky 1940 ellipsoid the GCJ-02 transform is defined on.
const AXIS = 6378245.0;
const ECCENTRICITY2 = 0.006693421622965943;

/** The transform applies inside China's rough bounding box only; elsewhere GCJ-02 equals WGS-84. */
export function outsideChina(lat: number, lon: number): boolean {
  return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function shiftLat(x: number, y: number): number {
  let d = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  d += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  d += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
  d += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y / 30) * Math.PI)) * 2) / 3;
  return d;
}

function shiftLon(x: number, y: number): number {
  let d = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  d += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  d += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
  d += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  return d;
}

/** WGS-84 → GCJ-02 (the "Mars" coordinates of 高德 and 腾讯). */
export function wgs84ToGcj02(lat: number, lon: number): { lat: number; lon: number } {
  if (outsideChina(lat, lon)) return { lat, lon };
  const x = lon - 105;
  const y = lat - 35;
  const radLat = (lat / 180) * Math.PI;
  const s = Math.sin(radLat);
  const magic = 1 - ECCENTRICITY2 * s * s;
  const root = Math.sqrt(magic);
  const dLat = (shiftLat(x, y) * 180) / (((AXIS * (1 - ECCENTRICITY2)) / (magic * root)) * Math.PI);
  const dLon = (shiftLon(x, y) * 180) / ((AXIS / root) * Math.cos(radLat) * Math.PI);
  return { lat: lat + dLat, lon: lon + dLon };
}

/** GCJ-02 → BD-09 (百度's own coordinates; the 百度 link names gcj02 instead, this is for checks). */
export function gcj02ToBd09(lat: number, lon: number): { lat: number; lon: number } {
  const k = (Math.PI * 3000) / 180;
  const z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * k);
  const theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * k);
  return { lat: z * Math.sin(theta) + 0.006, lon: z * Math.cos(theta) + 0.0065 };
}

const fixed = (n: number): string => n.toFixed(6);

/**
 * The app's marker URL at `to` (WGS-84):
 * - 高德: uri.amap.com/marker?position=lon,lat&name=&coordinate=gaode&callnative=1
 * - 百度: api.map.baidu.com/marker?location=lat,lon&title=&content=&coord_type=gcj02&output=html
 * - 腾讯: apis.map.qq.com/uri/v1/marker?marker=coord:lat,lon;title:;addr:&coord_type=2&referer=
 */
export function navigateUrl(app: NavApp, to: Destination): string {
  const p = wgs84ToGcj02(to.lat, to.lon);
  const name = to.name.replace(/[;:]/g, ' ').trim() || `${fixed(to.lat)},${fixed(to.lon)}`;
  let url: URL;
  if (app === 'amap') {
    url = new URL('https://uri.amap.com/marker');
    url.searchParams.set('position', `${fixed(p.lon)},${fixed(p.lat)}`);
    url.searchParams.set('name', name);
    url.searchParams.set('src', SOURCE);
    url.searchParams.set('coordinate', 'gaode');
    url.searchParams.set('callnative', '1');
  } else if (app === 'baidu') {
    url = new URL('https://api.map.baidu.com/marker');
    url.searchParams.set('location', `${fixed(p.lat)},${fixed(p.lon)}`);
    url.searchParams.set('title', name);
    url.searchParams.set('content', name);
    url.searchParams.set('coord_type', 'gcj02');
    url.searchParams.set('output', 'html');
    url.searchParams.set('src', SOURCE);
  } else {
    url = new URL('https://apis.map.qq.com/uri/v1/marker');
    url.searchParams.set('marker', `coord:${fixed(p.lat)},${fixed(p.lon)};title:${name};addr:${name}`);
    url.searchParams.set('coord_type', '2');
    url.searchParams.set('referer', SOURCE);
  }
  return url.toString();
}

/**
 * A "导航" button that unfolds into the three apps. `labels` are the feature's words: the button's
 * and each app's name. A plain <details>, so it works without script and on every phone.
 */
export function navigateMenu(to: Destination, labels: { button: string } & Record<NavApp, string>, testid = 'navigate'): HTMLElement {
  return h(
    'details',
    { class: 'nav-menu', 'data-testid': testid },
    h('summary', { class: 'btn btn-secondary nav-menu-button', 'data-testid': `${testid}-button` }, labels.button),
    h(
      'div',
      { class: 'nav-menu-apps' },
      NAV_APPS.map((app) =>
        h('a', { class: 'btn btn-secondary nav-menu-app', href: navigateUrl(app, to), target: '_blank', rel: 'noopener', 'data-testid': `${testid}-${app}`, 'data-app': app }, labels[app]),
      ),
    ),
  );
}
