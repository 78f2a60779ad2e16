import { describe, expect, it } from 'vitest';
import {
  anchorOf,
  boundsOf,
  cleanProperties,
  closeRing,
  entranceLabel,
  featureBody,
  featureId,
  featureLabel,
  formatDistance,
  formatDuration,
  gateState,
  geometryTypesFor,
  historySeconds,
  isEmptyMap,
  isOpenAt,
  labelLines,
  markerLook,
  needsOsmAttribution,
  parseOutcome,
  routeEnds,
  routeQuery,
  routeSearch,
  routeStyle,
  shapeStyle,
  speechText,
  stepViews,
  type MapFeature,
  type ParseAnswer,
  type RouteAnswer,
} from './geo';
import { editorDictionaries } from './editor-messages';
import { mapDictionaries } from './messages';

/** A moment in Beijing time (UTC+8): 2025-03-03 is a Monday. */
const beijing = (day: number, hh: number, mm = 0): Date => new Date(Date.UTC(2025, 2, 3 + day, hh - 8, mm));

describe('labels', () => {
  it('put the section before the building when there is one', () => {
    expect(featureLabel({ kind: 'building', label: '3号楼', section: '东区' })).toBe('东区 3号楼');
    expect(featureLabel({ kind: 'building', label: '3号楼', section: '' })).toBe('3号楼');
    expect(featureLabel({ kind: 'building', label: '东区3号楼', section: '东区' })).toBe('东区3号楼');
    expect(featureLabel({ kind: 'building', number: '12' })).toBe('12号楼');
    expect(featureLabel({ kind: 'entrance', number: '2' })).toBe('2单元');
    expect(featureLabel({ kind: 'gate', label: ' 北门 ' })).toBe('北门');
    expect(featureLabel({ kind: 'landmark' })).toBe('');
  });

  it('draw a building label as section over number', () => {
    expect(labelLines({ kind: 'building', label: '3号楼', section: '东区' })).toEqual(['东区', '3号楼']);
    expect(labelLines({ kind: 'building', label: '3号楼' })).toEqual(['3号楼']);
    expect(labelLines({ kind: 'building' })).toEqual([]);
  });

  it('name an entrance with its building', () => {
    expect(entranceLabel({ kind: 'entrance', label: '2单元' }, { kind: 'building', label: '3号楼', section: '西区' })).toBe('西区 3号楼 2单元');
    expect(entranceLabel({ kind: 'entrance', label: '2单元' }, null)).toBe('2单元');
    expect(entranceLabel({ kind: 'entrance', label: '3号楼 2单元' }, { kind: 'building', label: '3号楼' })).toBe('3号楼 2单元');
  });
});

describe('looks', () => {
  it('draw ride-allowed paths solid and walk-only paths dashed', () => {
    expect(shapeStyle({ kind: 'path', ride: true }).dashArray).toBeUndefined();
    expect(shapeStyle({ kind: 'path' }).dashArray).toBeUndefined();
    expect(shapeStyle({ kind: 'path', ride: false }).dashArray).toBeTruthy();
    expect(shapeStyle({ kind: 'path', ride: false }).weight).toBeLessThan(shapeStyle({ kind: 'path', ride: true }).weight);
    expect(shapeStyle({ kind: 'path', steps: true }).dashArray).toBe('1 5');
    expect(shapeStyle({ kind: 'building' }).fillOpacity).toBe(1);
    expect(shapeStyle({ kind: 'boundary' }).dashArray).toBeTruthy();
  });

  it('draw route legs: ride solid, walk dashed', () => {
    expect(routeStyle('ride').dashArray).toBeUndefined();
    expect(routeStyle('walk').dashArray).toBeTruthy();
    expect(routeStyle('ride').color).not.toBe(routeStyle('walk').color);
  });

  it('give every point kind a badge; gates take their colour from their state', () => {
    expect(markerLook('parking').glyph).toBe('P');
    expect(markerLook('gate', 'open').color).not.toBe(markerLook('gate', 'closed').color);
    expect(markerLook('gate', 'closed').className).toBe('gate gate-closed');
    expect(markerLook('gate', 'no_workers').color).toBe('#868e96');
    for (const kind of ['swap_cabinet', 'charging', 'drop_off', 'garage_entrance', 'landmark'] as const) expect(markerLook(kind).glyph).not.toBe('');
  });

  it('know which shapes each kind may have', () => {
    expect(geometryTypesFor('gate')).toEqual(['Point']);
    expect(geometryTypesFor('building')[0]).toBe('Polygon');
    expect(geometryTypesFor('parking')).toContain('Polygon');
    expect(geometryTypesFor('path')).toEqual(['LineString']);
  });
});

describe('opening hours', () => {
  it('are open for empty text and 24/7', () => {
    expect(isOpenAt('', beijing(0, 3))).toBe(true);
    expect(isOpenAt('24/7', beijing(0, 3))).toBe(true);
  });

  it('read days and times in Beijing time', () => {
    expect(isOpenAt('Mo-Su 06:00-22:00', beijing(0, 7))).toBe(true);
    expect(isOpenAt('Mo-Su 06:00-22:00', beijing(0, 22, 30))).toBe(false);
    expect(isOpenAt('Mo-Su 06:00-22:00', beijing(0, 5, 59))).toBe(false);
    expect(isOpenAt('Mo-Fr 07:00-22:00; Sa-Su 08:00-21:00', beijing(5, 7, 30))).toBe(false); // Saturday
    expect(isOpenAt('Mo-Fr 07:00-22:00; Sa-Su 08:00-21:00', beijing(5, 8, 30))).toBe(true);
    expect(isOpenAt('Mo-Fr 07:00-22:00', beijing(6, 12))).toBe(false); // Sunday: not listed
    expect(isOpenAt('Mo-Su 07:00-21:00; PH off', beijing(2, 12))).toBe(true);
    expect(isOpenAt('Mo,We,Fr 08:00-12:00,14:00-18:00', beijing(2, 13))).toBe(false);
    expect(isOpenAt('Mo,We,Fr 08:00-12:00,14:00-18:00', beijing(2, 15))).toBe(true);
    expect(isOpenAt('Mo-Su 06:00-22:00; Su off', beijing(6, 12))).toBe(false);
  });

  it('handle overnight spans into the next day', () => {
    expect(isOpenAt('Mo-Su 22:00-06:00', beijing(1, 23))).toBe(true);
    expect(isOpenAt('Mo-Su 22:00-06:00', beijing(1, 3))).toBe(true);
    expect(isOpenAt('Mo-Su 22:00-06:00', beijing(1, 12))).toBe(false);
    expect(isOpenAt('Fr 20:00-02:00', beijing(5, 1))).toBe(true); // Saturday 01:00
  });

  it('give up (null) on forms they do not understand', () => {
    expect(isOpenAt('sunrise-sunset', beijing(0, 12))).toBeNull();
    expect(isOpenAt('Jan-Mar Mo 08:00-10:00', beijing(0, 9))).toBeNull();
  });

  it('decide a gate state for workers', () => {
    expect(gateState({ opening_hours: 'Mo-Su 06:00-22:00' }, beijing(0, 23))).toBe('closed');
    expect(gateState({ opening_hours: 'Mo-Su 06:00-22:00' }, beijing(0, 12))).toBe('open');
    expect(gateState({ workers_allowed: false }, beijing(0, 12))).toBe('no_workers');
    expect(gateState({ opening_hours: 'sunset-sunrise' }, beijing(0, 12))).toBe('unknown');
    expect(gateState({}, beijing(0, 12))).toBe('open');
  });
});

describe('routes', () => {
  it('build the query from the target and an optional start', () => {
    expect(routeQuery({ to: 45 })).toEqual({ to: 'feature:45' });
    expect(routeQuery({ to: 45, from: { kind: 'feature', id: 5, label: '北门' } })).toEqual({ to: 'feature:45', from: 'feature:5' });
    expect(routeQuery({ to: 45, from: { kind: 'gps', lat: 39.9912345678, lon: 116.3301 } })).toEqual({ to: 'feature:45', from: '39.991235,116.330100' });
    expect(routeQuery({ to: 'address:3号楼2单元', at: new Date(1_700_000_000_500), bike: 'parked' })).toEqual({ to: 'address:3号楼2单元', at: '1700000000', bike: 'parked' });
    expect(routeQuery({ to: 1, bike: 'with', from: null })).toEqual({ to: 'feature:1' });
    expect(routeSearch({ to: 45, from: { kind: 'feature', id: 5, label: '北门' } })).toBe('from=feature%3A5&to=feature%3A45');
  });

  it('render steps with mode and distance', () => {
    const steps = stepViews([
      { text: '从北门进入', mode: 'ride', distance_m: 0, lon: 116.1, lat: 39.9 },
      { text: '直行到临停区停车', mode: 'ride', distance_m: 80 },
      { text: '向东步行到3号楼2单元', mode: 'walk', distance_m: 63.4 },
    ]);
    expect(steps.map((s) => s.index)).toEqual([1, 2, 3]);
    expect(steps[0]).toMatchObject({ detail: '', at: [39.9, 116.1] });
    expect(steps[1]).toMatchObject({ detail: '骑行 80 米', mode: 'ride', at: null });
    expect(steps[2]!.detail).toBe('步行 63 米');
    expect(stepViews([{ text: 'x', mode: 'walk', distance_m: 1500 }], 'en')[0]!.detail).toBe('Walk 1.5 km');
  });

  it('format distances and durations', () => {
    expect(formatDistance(143)).toBe('143 米');
    expect(formatDistance(2000)).toBe('2 公里');
    expect(formatDistance(143, 'en')).toBe('143 m');
    expect(formatDuration(112)).toBe('约 2 分钟');
    expect(formatDuration(20)).toBe('不到 1 分钟');
    expect(formatDuration(600, 'en')).toBe('about 10 min');
  });

  it('speak the steps in order', () => {
    expect(speechText({ steps: [{ text: '从北门进入', mode: 'ride', distance_m: 0 }, { text: '步行到3号楼2单元。', mode: 'walk', distance_m: 60 }], summary: 's' })).toBe('从北门进入。步行到3号楼2单元。');
    expect(speechText({ steps: [], summary: '到了' })).toBe('到了');
  });

  it('find where a route starts and ends', () => {
    const route = {
      features: [
        { type: 'Feature', geometry: { type: 'LineString', coordinates: [[1, 2], [3, 4]] }, properties: { mode: 'ride' } },
        { type: 'Feature', geometry: { type: 'LineString', coordinates: [[3, 4], [5, 6]] }, properties: { mode: 'walk' } },
      ],
    } as RouteAnswer;
    expect(routeEnds(route)).toEqual({ start: [1, 2], end: [5, 6] });
    expect(routeEnds({ features: [] })).toBeNull();
  });

  it('turn an address parse into a target, another compound, or a miss', () => {
    const base: ParseAnswer = { query: '3栋2单元1102', parts: { building: '3', building_text: '3栋', entrance: '2', room: '1102' }, compound: { code: 'A', name: '华清嘉园小区', confidence: 1 }, target: null };
    expect(parseOutcome({ ...base, target: { feature_id: 9, label: '3号楼 2单元', kind: 'entrance', lon: 0, lat: 0 } }, 'A')).toEqual({ kind: 'target', featureId: 9, label: '3号楼 2单元' });
    expect(parseOutcome({ ...base, compound: { code: 'B', name: '清华园', confidence: 0.9 } }, 'A')).toEqual({ kind: 'other_compound', code: 'B', name: '清华园' });
    expect(parseOutcome(base, 'A')).toEqual({ kind: 'not_found', what: '3栋 2单元' });
    expect(parseOutcome({ ...base, compound: null, parts: {} }, 'A')).toEqual({ kind: 'not_found', what: '3栋2单元1102' });
  });
});

describe('geometry', () => {
  it('anchors labels at the centroid of a polygon', () => {
    const [lon, lat] = anchorOf({ type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]] });
    expect(lon).toBeCloseTo(1);
    expect(lat).toBeCloseTo(1);
    // Real coordinates: a 60 m × 25 m building in Beijing keeps its centre to a few centimetres.
    const [blon, blat] = anchorOf({ type: 'Polygon', coordinates: [[[116.33, 39.99], [116.3307, 39.99], [116.3307, 39.99023], [116.33, 39.99023], [116.33, 39.99]]] });
    expect(blon).toBeCloseTo(116.33035, 7);
    expect(blat).toBeCloseTo(39.990115, 7);
    expect(anchorOf({ type: 'Point', coordinates: [5, 6] })).toEqual([5, 6]);
    expect(anchorOf({ type: 'LineString', coordinates: [[0, 0], [1, 1], [2, 2]] })).toEqual([1, 1]);
  });

  it('bounds every position as [[south, west], [north, east]]', () => {
    expect(boundsOf([{ type: 'Point', coordinates: [116.3, 39.9] }, { type: 'LineString', coordinates: [[116.4, 39.8], [116.2, 40]] }])).toEqual([[39.8, 116.2], [40, 116.4]]);
    expect(boundsOf([])).toBeNull();
  });

  it('closes rings drawn by clicks', () => {
    expect(closeRing([[0, 0], [1, 0], [1, 1]])).toEqual([[0, 0], [1, 0], [1, 1], [0, 0]]);
    expect(closeRing([[0, 0], [1, 0], [0, 0]])).toEqual([[0, 0], [1, 0], [0, 0]]);
  });
});

describe('maps', () => {
  it('know an empty map and when OSM needs credit', () => {
    expect(isEmptyMap({ version: 0, features: [] })).toBe(true);
    expect(isEmptyMap({ version: 3, features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [0, 0] }, properties: { kind: 'gate' } }] })).toBe(false);
    expect(isEmptyMap({ version: 2, features: [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: [] }, properties: { kind: 'boundary' } }] })).toBe(true);
    expect(needsOsmAttribution('osm+drawn')).toBe(true);
    expect(needsOsmAttribution('drawn')).toBe(false);
    expect(needsOsmAttribution(undefined)).toBe(false);
  });

  it('read a feature id from the top level or the properties', () => {
    const f = (id: unknown, pid?: number): MapFeature => ({ type: 'Feature', id: id as number, geometry: { type: 'Point', coordinates: [0, 0] }, properties: { kind: 'gate', id: pid } });
    expect(featureId(f(5))).toBe(5);
    expect(featureId(f(undefined, 7))).toBe(7);
    expect(featureId(f('12'))).toBe(12);
    expect(featureId(f(undefined))).toBeNull();
  });
});

describe('editing', () => {
  it('keeps only the fields of the kind, typed and trimmed', () => {
    expect(cleanProperties('gate', { label: ' 北门 ', section: '', gate_kind: 'pedestrian', workers_allowed: false, green_lane: true, capacity: '9', opening_hours: ' Mo-Su 06:00-22:00 ' })).toEqual({
      kind: 'gate',
      label: '北门',
      gate_kind: 'pedestrian',
      workers_allowed: false,
      green_lane: true,
      opening_hours: 'Mo-Su 06:00-22:00',
    });
    expect(cleanProperties('parking', { label: '临停区', capacity: '12', walk: true })).toEqual({ kind: 'parking', label: '临停区', capacity: 12 });
    expect(cleanProperties('entrance', { label: '2单元', number: '2', building_id: '45' })).toEqual({ kind: 'entrance', label: '2单元', number: '2', building_id: 45 });
    expect(cleanProperties('building', { label: '3号楼', section: '东区', floors: 'x' }, { media: ['a.jpg'], osm_ref: 'way/1' })).toEqual({ kind: 'building', label: '3号楼', section: '东区', media: ['a.jpg'], osm_ref: 'way/1' });
  });

  it('sends the new list of photos and videos when the form gives one', () => {
    const previous = { kind: 'gate' as const, label: '北门', media: ['/api/v1/map-media/1'], osm_ref: 'node/7' };
    expect(cleanProperties('gate', { label: '北门', media: ['/api/v1/map-media/1', ' https://b23.tv/x '] }, previous)).toEqual({ kind: 'gate', label: '北门', media: ['/api/v1/map-media/1', 'https://b23.tv/x'], osm_ref: 'node/7' });
    expect(cleanProperties('gate', { label: '北门', media: [] }, previous)).toEqual({ kind: 'gate', label: '北门', osm_ref: 'node/7' });
    expect(cleanProperties('gate', { label: '北门' }, previous).media).toEqual(['/api/v1/map-media/1']);
  });

  it('sends a feature without its id', () => {
    expect(featureBody({ type: 'Point', coordinates: [1, 2] }, { kind: 'gate', id: 5, label: '北门' })).toEqual({ type: 'Feature', geometry: { type: 'Point', coordinates: [1, 2] }, properties: { kind: 'gate', label: '北门' } });
  });

  it('reads history times as seconds or text', () => {
    expect(historySeconds(1_700_000_000)).toBe(1_700_000_000);
    expect(historySeconds(1_700_000_000_000)).toBe(1_700_000_000);
    expect(historySeconds('2025-03-03T00:00:00Z')).toBe(1_740_960_000);
  });
});

describe('map dictionaries', () => {
  const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
  it.each([
    ['the map page', mapDictionaries as { zh: Record<string, string>; en: Record<string, string> }],
    ['the editor', editorDictionaries as { zh: Record<string, string>; en: Record<string, string> }],
  ])('of %s have the same keys and placeholders in Chinese and English', (_name, tables) => {
    expect(Object.keys(tables.en).sort()).toEqual(Object.keys(tables.zh).sort());
    for (const key of Object.keys(tables.zh)) {
      expect(placeholders(tables.en[key]!), key).toEqual(placeholders(tables.zh[key]!));
      expect(tables.en[key]!.trim(), key).not.toBe('');
    }
  });

  it('keep the editor’s words out of the map page’s (the light gate page carries only the latter)', () => {
    expect(Object.keys(mapDictionaries.zh).filter((key) => key.startsWith('editor.'))).toEqual([]);
    expect(Object.keys(editorDictionaries.zh).every((key) => key.startsWith('editor.'))).toBe(true);
  });

  it('say what the brief asks for', () => {
    expect(mapDictionaries.zh['map.noMapTitle']).toBe('本小区还没有地图');
    expect(mapDictionaries.zh['map.speak']).toBe('语音播报');
    expect(mapDictionaries.zh['map.fromHere']).toBe('从这里出发');
    expect(mapDictionaries.zh['map.attribution']).toBe('© OpenStreetMap contributors, ODbL 1.0');
    expect(mapDictionaries.zh['map.baseAttribution']).toBe('© OpenStreetMap 贡献者');
    expect(mapDictionaries.en['map.baseAttribution']).toBe('© OpenStreetMap contributors');
  });
});
