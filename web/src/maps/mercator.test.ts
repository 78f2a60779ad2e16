import { describe, expect, it } from 'vitest';
import { boxContains, boxOf, fitView, fromScreen, project, tileZoom, tilesInView, toScreen, unproject, visibleBox, zoomAround, type View } from './mercator';

const HUAQING = { lat: 39.99175, lon: 116.3287 };

describe('project / unproject', () => {
  it('puts 华清嘉园 where the server’s tiles have it', () => {
    // The base map's own test (src/basemap/basemap_test.cpp) has these, computed apart: at zoom 17
    // the point is pixel (27619836.705, 12704012.345), in tile 107889/49625.
    const [x, y] = project(HUAQING.lat, HUAQING.lon);
    expect(x * 2 ** 17).toBeCloseTo(27619836.705, 1);
    expect(y * 2 ** 17).toBeCloseTo(12704012.345, 1);
    expect(Math.floor((x * 2 ** 17) / 256)).toBe(107889);
    expect(Math.floor((y * 2 ** 17) / 256)).toBe(49625);
  });

  it('goes back to the same place, and keeps the poles inside the square world', () => {
    const [lat, lon] = unproject(...project(HUAQING.lat, HUAQING.lon));
    expect(lat).toBeCloseTo(HUAQING.lat, 9);
    expect(lon).toBeCloseTo(HUAQING.lon, 9);
    expect(project(0, 0)).toEqual([128, 128]);
    expect(project(90, 0)[1]).toBeCloseTo(0, 6);
  });
});

describe('views', () => {
  const [x, y] = project(HUAQING.lat, HUAQING.lon);
  const view: View = { x, y, zoom: 17.5 };

  it('puts the centre in the middle of the screen and back', () => {
    expect(toScreen(view, 360, 400, x, y)).toEqual([180, 200]);
    const [wx, wy] = fromScreen(view, 360, 400, 10, 20);
    const [sx, sy] = toScreen(view, 360, 400, wx, wy);
    expect(sx).toBeCloseTo(10, 6);
    expect(sy).toBeCloseTo(20, 6);
  });

  it('zooms around a point that stays under the finger', () => {
    const at = fromScreen(view, 360, 400, 50, 300);
    const zoomed = zoomAround(view, 360, 400, 50, 300, 19);
    expect(zoomed.zoom).toBe(19);
    const [sx, sy] = toScreen(zoomed, 360, 400, at[0], at[1]);
    expect(sx).toBeCloseTo(50, 6);
    expect(sy).toBeCloseTo(300, 6);
  });

  it('sees a box around its centre that holds what it shows', () => {
    const box = visibleBox(view, 360, 400);
    expect(box[0][0]).toBeLessThan(HUAQING.lat);
    expect(box[1][0]).toBeGreaterThan(HUAQING.lat);
    expect(box[0][1]).toBeLessThan(HUAQING.lon);
    expect(box[1][1]).toBeGreaterThan(HUAQING.lon);
    expect(boxContains(box, boxOf([[HUAQING.lat, HUAQING.lon]])!)).toBe(true);
    expect(boxContains(box, boxOf([[HUAQING.lat + 1, HUAQING.lon]])!)).toBe(false);
  });
});

describe('fitView', () => {
  // About 300 m × 200 m around 华清嘉园.
  const box = boxOf([
    [39.9905, 116.3270],
    [39.9930, 116.3305],
  ])!;
  const padding = { topLeft: [60, 40] as [number, number], bottomRight: [20, 50] as [number, number] };

  it('shows the whole box inside the padded room, at the largest zoom that fits (a multiple of 0.25)', () => {
    const view = fitView(box, 360, 400, padding, 13, 22);
    expect(view.zoom % 0.25).toBe(0);
    const [[south, west], [north, east]] = box;
    const [left, top] = toScreen(view, 360, 400, ...project(north, west));
    const [right, bottom] = toScreen(view, 360, 400, ...project(south, east));
    expect(left).toBeGreaterThanOrEqual(60 - 1e-6);
    expect(top).toBeGreaterThanOrEqual(40 - 1e-6);
    expect(right).toBeLessThanOrEqual(360 - 20 + 1e-6);
    expect(bottom).toBeLessThanOrEqual(400 - 50 + 1e-6);
    // A quarter zoom more would not fit.
    const closer = { ...view, zoom: view.zoom + 0.25 };
    const [l2] = toScreen(closer, 360, 400, ...project(north, west));
    const [r2] = toScreen(closer, 360, 400, ...project(south, east));
    const [, t2] = toScreen(closer, 360, 400, ...project(north, west));
    const [, b2] = toScreen(closer, 360, 400, ...project(south, east));
    expect(l2 < 60 || r2 > 340 || t2 < 40 || b2 > 350).toBe(true);
  });

  it('keeps within the zoom limits, and shows one point at the nearest allowed', () => {
    expect(fitView(box, 360, 400, padding, 13, 16).zoom).toBe(16);
    const point = boxOf([[HUAQING.lat, HUAQING.lon]])!;
    const view = fitView(point, 360, 400, { topLeft: [0, 0], bottomRight: [0, 0] }, 13, 19);
    expect(view.zoom).toBe(19);
    expect(toScreen(view, 360, 400, ...project(HUAQING.lat, HUAQING.lon))).toEqual([180, 200]);
  });
});

describe('tiles', () => {
  const [x, y] = project(HUAQING.lat, HUAQING.lon);

  it('uses the nearest zoom there is, the last one scaled beyond it', () => {
    expect(tileZoom(17.4, 12, 18)).toBe(17);
    expect(tileZoom(17.6, 12, 18)).toBe(18);
    expect(tileZoom(20.5, 12, 18)).toBe(18);
    expect(tileZoom(10, 12, 18)).toBe(12);
  });

  it('covers the whole screen, without gaps or overlaps, the middle tile first', () => {
    const view: View = { x, y, zoom: 17.3 };
    const tiles = tilesInView(view, 360, 400, 12, 18);
    expect(tiles[0]).toMatchObject({ z: 17, x: 107889, y: 49625 });
    expect(tiles.every((t) => t.z === 17)).toBe(true);
    // Every screen pixel lies in exactly one tile.
    for (const [px, py] of [
      [0, 0],
      [359, 0],
      [0, 399],
      [359, 399],
      [180, 200],
      [97, 311],
    ]) {
      const covering = tiles.filter((t) => px >= t.left && px < t.left + t.width && py >= t.top && py < t.top + t.height);
      expect(covering.length, `pixel ${px},${py}`).toBe(1);
    }
    // Tiles of zoom 17 drawn at zoom 17.3 are 256·2^0.3 ≈ 315 px wide.
    expect(Math.abs(tiles[0]!.width - 315)).toBeLessThanOrEqual(1);
  });

  it('scales the last zoom’s tiles when the map is closer than that', () => {
    const tiles = tilesInView({ x, y, zoom: 20 }, 360, 400, 12, 18);
    expect(tiles.every((t) => t.z === 18 && t.width === 1024)).toBe(true);
    expect(tiles.length).toBeLessThanOrEqual(4);
  });

  it('wraps east-west and leaves out what is past the poles', () => {
    const tiles = tilesInView({ x: 0, y: 0, zoom: 13 }, 512, 512, 13, 18);
    expect(tiles.every((t) => t.y >= 0 && t.x >= 0 && t.x < 2 ** 13)).toBe(true);
    expect(tiles.some((t) => t.x === 2 ** 13 - 1)).toBe(true);
  });
});
