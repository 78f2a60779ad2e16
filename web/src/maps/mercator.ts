/**
 * Web-Mercator arithmetic for the light map (light-map.ts): positions in "world pixels" at zoom 0
 * (the whole world is 256 × 256; at zoom z it is 256·2^z), views, fitting a box, zooming around a
 * point and the 256-px tiles that cover a view. Pure functions, unit-tested.
 */

export const TILE_SIZE = 256;
/** Where the square Web-Mercator world ends (the poles are infinitely far away). */
export const MAX_LATITUDE = 85.0511287798;

/** [[south, west], [north, east]] in degrees, as geo.ts boundsOf() gives it. */
export type LatLngBox = [[number, number], [number, number]];

/** What the map shows: its centre in world pixels at zoom 0, and its zoom (fractional). */
export interface View {
  x: number;
  y: number;
  zoom: number;
}

/** Room kept free around a fitted box, in screen pixels: [left, top] and [right, bottom]. */
export interface Padding {
  topLeft: [number, number];
  bottomRight: [number, number];
}

/** World pixels at zoom 0 of a position. */
export function project(lat: number, lon: number): [number, number] {
  const clamped = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat));
  const sin = Math.sin((clamped * Math.PI) / 180);
  const x = ((lon + 180) / 360) * TILE_SIZE;
  const y = (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * TILE_SIZE;
  return [x, y];
}

/** The position [lat, lon] of world pixels at zoom 0. */
export function unproject(x: number, y: number): [number, number] {
  const lon = (x / TILE_SIZE) * 360 - 180;
  const n = Math.PI - (2 * Math.PI * y) / TILE_SIZE;
  const lat = (180 / Math.PI) * Math.atan(Math.sinh(n));
  return [lat, lon];
}

/** Where world point (x, y) is on a `width` × `height` screen showing `view`. */
export function toScreen(view: View, width: number, height: number, x: number, y: number): [number, number] {
  const scale = 2 ** view.zoom;
  return [(x - view.x) * scale + width / 2, (y - view.y) * scale + height / 2];
}

/** The world point under screen point (sx, sy). */
export function fromScreen(view: View, width: number, height: number, sx: number, sy: number): [number, number] {
  const scale = 2 ** view.zoom;
  return [view.x + (sx - width / 2) / scale, view.y + (sy - height / 2) / scale];
}

export function clampZoom(zoom: number, minZoom: number, maxZoom: number): number {
  return Math.max(minZoom, Math.min(maxZoom, zoom));
}

/** The view at `zoom` that keeps the world point under screen point (sx, sy) where it is. */
export function zoomAround(view: View, width: number, height: number, sx: number, sy: number, zoom: number): View {
  const [wx, wy] = fromScreen(view, width, height, sx, sy);
  const scale = 2 ** zoom;
  return { x: wx - (sx - width / 2) / scale, y: wy - (sy - height / 2) / scale, zoom };
}

/**
 * The view that shows all of `box` inside the padded screen, at the largest zoom that fits (a
 * multiple of `snap`, within the limits); a box that is one point is shown at `maxZoom`.
 */
export function fitView(box: LatLngBox, width: number, height: number, padding: Padding, minZoom: number, maxZoom: number, snap = 0.25): View {
  const [[south, west], [north, east]] = box;
  const [x0, y1] = project(south, west);
  const [x1, y0] = project(north, east);
  const [left, top] = padding.topLeft;
  const [right, bottom] = padding.bottomRight;
  const roomX = Math.max(1, width - left - right);
  const roomY = Math.max(1, height - top - bottom);
  const spanX = Math.abs(x1 - x0);
  const spanY = Math.abs(y1 - y0);
  let zoom = maxZoom;
  if (spanX > 0 || spanY > 0) {
    const fits = Math.log2(Math.min(spanX > 0 ? roomX / spanX : Infinity, spanY > 0 ? roomY / spanY : Infinity));
    zoom = clampZoom(Math.floor(fits / snap) * snap, minZoom, maxZoom);
  }
  const scale = 2 ** zoom;
  // The box's middle goes to the middle of the padded room, not of the screen.
  return { x: (x0 + x1) / 2 - (left - right) / 2 / scale, y: (y0 + y1) / 2 - (top - bottom) / 2 / scale, zoom };
}

/** What a view shows, as a box. */
export function visibleBox(view: View, width: number, height: number): LatLngBox {
  const [x0, y0] = fromScreen(view, width, height, 0, 0);
  const [x1, y1] = fromScreen(view, width, height, width, height);
  const [north, west] = unproject(x0, y0);
  const [south, east] = unproject(x1, y1);
  return [
    [south, west],
    [north, east],
  ];
}

/** Whether `inner` lies wholly inside `outer`. */
export function boxContains(outer: LatLngBox, inner: LatLngBox): boolean {
  return inner[0][0] >= outer[0][0] && inner[0][1] >= outer[0][1] && inner[1][0] <= outer[1][0] && inner[1][1] <= outer[1][1];
}

/** The box around [lat, lon] points, or null when there is none. */
export function boxOf(points: ReadonlyArray<readonly [number, number]>): LatLngBox | null {
  if (points.length === 0) return null;
  let south = Infinity;
  let west = Infinity;
  let north = -Infinity;
  let east = -Infinity;
  for (const [lat, lon] of points) {
    south = Math.min(south, lat);
    north = Math.max(north, lat);
    west = Math.min(west, lon);
    east = Math.max(east, lon);
  }
  return [
    [south, west],
    [north, east],
  ];
}

/** One base-map tile on screen: its address and where it goes (whole pixels, so tiles meet without seams). */
export interface TileSpot {
  z: number;
  x: number;
  y: number;
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The zoom of the tiles drawn at map zoom `zoom`: the nearest that exists (beyond the last, its tiles are scaled). */
export function tileZoom(zoom: number, minTileZoom: number, maxTileZoom: number): number {
  return clampZoom(Math.round(zoom), minTileZoom, maxTileZoom);
}

/** The tiles that cover a `width` × `height` view, the middle ones first. */
export function tilesInView(view: View, width: number, height: number, minTileZoom: number, maxTileZoom: number): TileSpot[] {
  const z = tileZoom(view.zoom, minTileZoom, maxTileZoom);
  const count = 2 ** z;
  // A tile of zoom z is 256 / 2^z world pixels wide.
  const world = TILE_SIZE / count;
  const [x0, y0] = fromScreen(view, width, height, 0, 0);
  const [x1, y1] = fromScreen(view, width, height, width, height);
  const first = { x: Math.floor(x0 / world), y: Math.max(0, Math.floor(y0 / world)) };
  const last = { x: Math.floor(x1 / world), y: Math.min(count - 1, Math.floor(y1 / world)) };
  const spots: Array<TileSpot & { distance: number }> = [];
  for (let ty = first.y; ty <= last.y; ty++) {
    for (let tx = first.x; tx <= last.x; tx++) {
      const [left, top] = toScreen(view, width, height, tx * world, ty * world);
      const [right, bottom] = toScreen(view, width, height, (tx + 1) * world, (ty + 1) * world);
      const l = Math.round(left);
      const t = Math.round(top);
      const distance = Math.hypot((left + right) / 2 - width / 2, (top + bottom) / 2 - height / 2);
      // The world repeats east and west.
      spots.push({ z, x: ((tx % count) + count) % count, y: ty, left: l, top: t, width: Math.round(right) - l, height: Math.round(bottom) - t, distance });
    }
  }
  return spots.sort((a, b) => a.distance - b.distance).map(({ distance: _distance, ...spot }) => spot);
}
