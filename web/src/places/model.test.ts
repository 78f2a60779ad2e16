import { describe, expect, it } from 'vitest';
import {
  AMENITIES,
  barWidths,
  beijingHour,
  beijingTime,
  busyTone,
  clampK,
  countsOf,
  cleanAt,
  coverageSearch,
  duplicateOf,
  formatMetres,
  formatMinutes,
  formatMinutesValue,
  formatShare,
  formOf,
  hoursOf,
  kindLook,
  KINDS,
  nearbyHref,
  nearbyQuery,
  nearbySearch,
  parseCoverage,
  parseNearby,
  placeBody,
  placeHref,
  planBody,
  reviewChanges,
  sameFilters,
  sharePoints,
  sortAmenities,
  splitList,
  toggle,
  weakestHours,
  type Place,
  type ReviewPlace,
} from './model';

const place: Place = {
  id: 12,
  kind: 'station',
  kind_label: '驿站',
  name: '学院路暖心驿站',
  status: 'approved',
  address: '海淀区学院路37号',
  lat: 39.9612,
  lon: 116.3561,
  tier: 'hub',
  grade: 'B',
  next_grade: { grade: 'A', missing: ['microwave', '24/7'] },
  amenities: ['water', 'hot_water', 'phone_charging', 'seats'],
  opening_hours: 'Mo-Su 07:00-22:00',
  hours_zh: '每天 07:00-22:00',
  open_now: true,
  always_open: false,
  capacity: 20,
  scan_entry: false,
  offers: { discount: '骑手九折', rider_price_yuan: 8, late_meal: '21:00-02:00' },
  services: ['伤口包扎'],
  supplies: ['口罩', '手套'],
  phone: '010-62281234',
  photos: [],
  version: 3,
};

describe('the nearby page URL', () => {
  it('reads the location, filters, open now and the time to test with', () => {
    const state = parseNearby('?lat=39.96&lon=116.352&kind=station,merchant&amenity=microwave&open_now=1&at=2026-11-23T23:00:00+08:00');
    expect(state).toEqual({ lat: 39.96, lon: 116.352, at: '2026-11-23T23:00:00+08:00', kinds: ['station', 'merchant'], amenities: ['microwave'], openNow: true, redeemable: false, profile: 'ride' });
  });

  it('restores a + that the query string turned into a space in at=', () => {
    expect(parseNearby('at=2026-11-23T23:00:00 08:00').at).toBe('2026-11-23T23:00:00+08:00');
    expect(parseNearby('at=2026-11-23T23%3A00%3A00%2B08%3A00').at).toBe('2026-11-23T23:00:00+08:00');
    expect(parseNearby('at=1795446000').at).toBe('1795446000');
  });

  it('drops what it does not know and bad coordinates', () => {
    const state = parseNearby('lat=91&lon=116&kind=station,spaceship,station&amenity=jacuzzi,toilet&open_now=no&profile=car');
    expect(state.lat).toBeNull();
    expect(state.lon).toBeNull();
    expect(state.kinds).toEqual(['station']);
    expect(state.amenities).toEqual(['toilet']);
    expect(state.openNow).toBe(false);
    expect(state.profile).toBe('ride');
    expect(parseNearby('lat=39.9&lon=').lat).toBeNull();
    expect(parseNearby('lat=abc&lon=116').lat).toBeNull();
    expect(parseNearby('open_now=true').openNow).toBe(true);
    expect(parseNearby('profile=walk').profile).toBe('walk');
    expect(parseNearby('redeemable=1').redeemable).toBe(true);
    expect(parseNearby('redeemable=yes').redeemable).toBe(false);
    expect(nearbySearch(parseNearby('lat=1&lon=2&redeemable=true'))).toBe('?lat=1&lon=2&redeemable=1');
  });

  it('never passes markup or other junk in at=', () => {
    expect(cleanAt('<script>')).toBe('');
    expect(cleanAt('2026-11-23T23:00:00Z')).toBe('2026-11-23T23:00:00Z');
    expect(cleanAt('x'.repeat(50))).toBe('');
    expect(cleanAt(null)).toBe('');
  });

  it('writes the state back as a query string that reads the same', () => {
    const state = parseNearby('?lat=39.96&lon=116.352&kind=station&amenity=microwave,hot_water&open_now=1&at=2026-11-23T23:00:00+08:00');
    const search = nearbySearch(state);
    expect(search).toBe('?lat=39.96&lon=116.352&kind=station&amenity=microwave,hot_water&open_now=1&at=2026-11-23T23%3A00%3A00%2B08%3A00');
    expect(parseNearby(search)).toEqual(state);
    expect(nearbySearch(parseNearby(''))).toBe('');
    expect(nearbySearch({ ...parseNearby(''), lat: 39.1234567, lon: 116.3 })).toBe('?lat=39.123457&lon=116.3');
  });

  it('builds the API query only once there is a location', () => {
    expect(nearbyQuery(parseNearby('kind=station'))).toBeNull();
    expect(nearbyQuery(parseNearby('lat=39.96&lon=116.352&kind=station,clinic&amenity=microwave&open_now=1&at=2026-11-23T23:00:00+08:00'))).toEqual({
      lat: '39.96',
      lon: '116.352',
      limit: '20',
      kind: 'station,clinic',
      amenity: 'microwave',
      open_now: 'true',
      at: '2026-11-23T23:00:00+08:00',
    });
    expect(nearbyQuery(parseNearby('lat=39.96&lon=116.352&profile=walk'), 5)).toEqual({ lat: '39.96', lon: '116.352', limit: '5', profile: 'walk' });
    expect(nearbyQuery(parseNearby('lat=39.96&lon=116.352&redeemable=1'))).toEqual({ lat: '39.96', lon: '116.352', limit: '20', redeemable: 'true' });
  });

  it('toggles chips and compares filters without the location', () => {
    expect(toggle(['a'], 'b')).toEqual(['a', 'b']);
    expect(toggle(['a', 'b'], 'a')).toEqual(['b']);
    const a = parseNearby('lat=1&lon=2&kind=station,clinic&open_now=1');
    const b = parseNearby('lat=3&lon=4&kind=clinic,station&open_now=1');
    expect(sameFilters(a, b)).toBe(true);
    expect(sameFilters(a, { ...b, openNow: false })).toBe(false);
    expect(sameFilters(a, { ...b, redeemable: true })).toBe(false);
  });

  it('links to the public pages at their paths or inside the app', () => {
    expect(placeHref(12, true)).toBe('/p/12');
    expect(placeHref(12, false)).toBe('#/p/12');
    expect(nearbyHref('?lat=1&lon=2', true)).toBe('/places?lat=1&lon=2');
    expect(nearbyHref('', false)).toBe('#/places');
  });
});

describe('words and numbers', () => {
  it('says road times in whole minutes', () => {
    expect(formatMinutes(20)).toBe('不到 1 分钟');
    expect(formatMinutes(250)).toBe('4 分钟');
    expect(formatMinutes(3900)).toBe('1 小时 5 分钟');
    expect(formatMinutes(3600)).toBe('1 小时');
    expect(formatMinutes(250, 'en')).toBe('4 min');
    expect(formatMinutes(20, 'en')).toBe('< 1 min');
    expect(formatMinutes(Number.NaN)).toBe('—');
    expect(formatMinutesValue(3.2)).toBe('3 分钟');
    expect(formatMinutesValue(null)).toBe('—');
  });

  it('says distances in metres or kilometres', () => {
    expect(formatMetres(42.4)).toBe('42 米');
    expect(formatMetres(846)).toBe('850 米');
    expect(formatMetres(1234)).toBe('1.2 公里');
    expect(formatMetres(12_600)).toBe('13 公里');
    expect(formatMetres(846, 'en')).toBe('850 m');
    expect(formatMetres(-1)).toBe('—');
  });

  it('gives shares as percentages and the points gained', () => {
    expect(formatShare(0.769)).toBe('77%');
    expect(formatShare(1.2)).toBe('100%');
    expect(formatShare(null)).toBe('—');
    expect(sharePoints(0.62, 0.85)).toBe('+23');
    expect(sharePoints(0.5, 0.5)).toBe('0');
    expect(sharePoints(0.5, 0.4)).toBe('-10');
  });

  it('colours busy levels and kinds', () => {
    expect(busyTone('quiet')).toBe('ok');
    expect(busyTone('busy')).toBe('bad');
    expect(busyTone('normal')).toBe('warn');
    expect(busyTone(undefined)).toBe('muted');
    const glyphs = KINDS.map((k) => kindLook(k).glyph);
    expect(new Set(glyphs).size).toBe(KINDS.length);
    expect(kindLook('station').glyph).toBe('驿');
    expect(kindLook('unknown').glyph).toBe('友');
  });

  it('sorts amenities by the checklist and keeps unknown ones', () => {
    expect(sortAmenities(['seats', 'water', 'sauna', 'microwave', 'water'])).toEqual(['water', 'microwave', 'seats', 'sauna']);
    expect(AMENITIES).toHaveLength(15);
  });

  it('shows the time the server judged "open" at in Beijing', () => {
    expect(beijingTime('2026-11-23T23:00:00+08:00')).toBe('11月23日 23:00');
    expect(beijingTime('2026-11-23T15:00:00Z', 'en')).toBe('Nov 23, 23:00');
    expect(beijingTime('1795446000')).toBe(beijingTime(new Date(1795446000 * 1000).toISOString()));
    expect(beijingTime('garbage')).toBe('');
    expect(beijingHour(new Date('2026-11-23T15:30:00Z'))).toBe(23);
  });
});

describe('the keeper form', () => {
  it('round-trips a place through the form into the API body', () => {
    const result = placeBody(formOf(place));
    expect('body' in result).toBe(true);
    if (!('body' in result)) return;
    expect(result.body).toEqual({
      kind: 'station',
      name: '学院路暖心驿站',
      lat: 39.9612,
      lon: 116.3561,
      address: '海淀区学院路37号',
      amenities: ['water', 'hot_water', 'phone_charging', 'seats'],
      opening_hours: 'Mo-Su 07:00-22:00',
      capacity: 20,
      offers: { discount: '骑手九折', rider_price_yuan: 8, late_meal: '21:00-02:00' },
      services: ['伤口包扎'],
      supplies: ['口罩', '手套'],
      phone: '010-62281234',
      scan_entry: false,
    });
    const staff = placeBody(formOf(place), { tier: true });
    expect('body' in staff && staff.body.tier).toBe('hub');
  });

  it('finds what the browser can see by itself', () => {
    const empty = formOf(null);
    expect(placeBody(empty)).toEqual({ problem: { field: 'name', key: 'nameMissing' } });
    expect(placeBody({ ...empty, name: '驿'.repeat(61) })).toEqual({ problem: { field: 'name', key: 'nameLong' } });
    expect(placeBody({ ...empty, name: '驿站' })).toEqual({ problem: { field: 'lat', key: 'coordsMissing' } });
    expect(placeBody({ ...empty, name: '驿站', lat: '39.96', lon: '116.35' })).toEqual({ problem: { field: 'opening_hours', key: 'hoursMissing' } });
    const located = { ...empty, name: '驿站', lat: '39.96', lon: '116.35', opening_hours: '24/7' };
    expect(placeBody({ ...located, capacity: '-1' })).toEqual({ problem: { field: 'capacity', key: 'capacityBad' } });
    expect(placeBody({ ...located, capacity: '2.5' })).toEqual({ problem: { field: 'capacity', key: 'capacityBad' } });
    expect(placeBody({ ...located, rider_price_yuan: 'abc' })).toEqual({ problem: { field: 'rider_price_yuan', key: 'priceBad' } });
    const ok = placeBody({ ...located, amenities: ['toilet', 'bogus', 'water'], services: '' });
    expect('body' in ok && ok.body.amenities).toEqual(['water', 'toilet']);
    expect('body' in ok && ok.body.offers).toBeNull();
    expect('body' in ok && ok.body.capacity).toBeNull();
  });

  it('splits lists typed with Chinese or Latin separators', () => {
    expect(splitList('口罩、手套，暖宝宝; 姜茶\n口罩')).toEqual(['口罩', '手套', '暖宝宝', '姜茶']);
    expect(splitList('  ')).toEqual([]);
  });

  it('reads the place a duplicate_place problem points at', () => {
    expect(duplicateOf({ code: 'duplicate_place', duplicate_of: { id: 4, name: '学院路驿站', distance_m: 12.5 } })).toEqual({ id: 4, name: '学院路驿站', distance_m: 12.5 });
    expect(duplicateOf({ code: 'duplicate_place' })).toBeNull();
    expect(duplicateOf(null)).toBeNull();
    expect(duplicateOf({ duplicate_of: { id: 'x' } })).toBeNull();
  });
});

describe('the review queue', () => {
  it('lists every field of a new place', () => {
    const row: ReviewPlace = { ...place, status: 'pending', pending: null, services: [], phone: null, address: '', scan_entry: false };
    const fields = reviewChanges(row).map((c) => c.field);
    expect(fields).not.toContain('address');
    expect(fields).not.toContain('scan_entry');
    expect(fields).toContain('name');
    expect(fields).toContain('amenities');
    expect(fields).not.toContain('services');
    expect(fields).not.toContain('phone');
  });

  it('lists only what a pending change changes', () => {
    const row: ReviewPlace = { ...place, pending: { ...formOfBody(), name: '学院路暖心驿站（新）', amenities: [...place.amenities, 'microwave'] } };
    expect(reviewChanges(row)).toEqual([
      { field: 'name', before: '学院路暖心驿站', after: '学院路暖心驿站（新）' },
      { field: 'amenities', before: place.amenities, after: [...place.amenities, 'microwave'] },
    ]);
  });
});

function formOfBody(): Record<string, unknown> {
  const built = placeBody(formOf(place));
  if (!('body' in built)) throw new Error('form');
  return { ...built.body, tier: place.tier };
}

describe('coverage', () => {
  it('counts every compound and depot: with road data (covered or not) and without', () => {
    const counts = { total: 233, with_road_data: 78, covered: 76, not_covered: 2, no_road_data: 155 };
    const base = { area: { code: '1', level: 'street' }, minutes: 15, hour: 23, by_hour: [], outside: [], stations: [], cells: { type: 'FeatureCollection' as const, features: [] }, liaison: [] };
    expect(countsOf({ ...base, counts, compounds: { covered: 0, total: 0 }, depots: { covered: 0, total: 0 } })).toEqual(counts);
    // An answer without `counts`: from the per-kind counts, whose totals are those with road data.
    expect(countsOf({ ...base, compounds: { covered: 60, total: 62, no_road_data: 150 }, depots: { covered: 16, total: 16, no_road_data: 5 } })).toEqual(counts);
    expect(countsOf({ ...base, compounds: { covered: 3, total: 4 }, depots: { covered: 1, total: 1 } })).toEqual({ total: 5, with_road_data: 5, covered: 4, not_covered: 1, no_road_data: 0 });
  });

  const byHour = Array.from({ length: 24 }, (_, hour) => ({ hour, covered: hour, total: 23, share: hour / 23 }));

  it('reads hour and minutes with defaults', () => {
    const now = new Date('2026-11-23T04:00:00Z'); // 12:00 in Beijing
    expect(parseCoverage('?hour=23&minutes=10', now)).toEqual({ hour: 23, minutes: 10 });
    expect(parseCoverage('', now)).toEqual({ hour: 12, minutes: 15 });
    expect(parseCoverage('hour=24&minutes=7', now)).toEqual({ hour: 12, minutes: 15 });
    expect(parseCoverage('hour=0', now)).toEqual({ hour: 0, minutes: 15 });
    expect(coverageSearch({ hour: 23, minutes: 15 })).toBe('?hour=23&minutes=15');
  });

  it('fills the 24 hours and finds the weakest', () => {
    expect(hoursOf([{ hour: 3, covered: 1, total: 2, share: 0.5 }])).toHaveLength(24);
    expect(hoursOf([]).every((h, i) => h.hour === i && h.share === 0)).toBe(true);
    expect(weakestHours(byHour, 2)).toEqual([0, 1]);
    expect(weakestHours([{ hour: 5, covered: 0, total: 0, share: 0 }])).toEqual([]);
  });

  it('builds the plan request with K kept in range', () => {
    expect(clampK('3')).toBe(3);
    expect(clampK('0')).toBe(3);
    expect(clampK('abc')).toBe(3);
    expect(clampK(99)).toBe(20);
    expect(planBody('110108010', { hour: 23, minutes: 15 }, 3, [{ lat: 40, lon: 116.35, label: '候选点 1' }], ['merchants'])).toEqual({
      area: '110108010',
      minutes: 15,
      hour: 23,
      k: 3,
      candidates: [{ lat: 40, lon: 116.35, label: '候选点 1' }],
      sources: ['merchants'],
    });
  });

  it('scales bars to the largest, keeping small counts visible', () => {
    expect(barWidths([10, 5, 0, 1])).toEqual([100, 50, 0, 10]);
    expect(barWidths([200, 1])).toEqual([100, 4]);
    expect(barWidths([0, 0])).toEqual([0, 0]);
    expect(barWidths([])).toEqual([]);
  });
});
