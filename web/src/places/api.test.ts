// The places client against docs/places.md, with fetch mocked: paths, queries, bodies, and the
// answers the pages depend on (201 vs 200 check-ins, 409 duplicate_place with duplicate_of).
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as api from './api';
import { ApiError, onUnauthorized, setCsrf } from '../shell/api';
import { nearbyQuery, parseNearby, planBody } from './model';

const json = (status: number, body: unknown, type = 'application/json'): Response => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });

function mockFetch(answer: (url: string, init: RequestInit) => Response): { calls: Array<{ url: string; init: RequestInit }> } {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return answer(url, init);
    }),
  );
  return { calls };
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrf(null);
});

describe('places API client', () => {
  it('asks for open stations with a microwave at a given time, nearest by road', async () => {
    const { calls } = mockFetch(() => json(200, { origin: { lat: 39.96, lon: 116.352, snapped_metres: 8 }, at: '2026-11-23T23:00:00+08:00', by_road: true, places: [], attribution: '© OpenStreetMap contributors' }));
    const query = nearbyQuery(parseNearby('lat=39.96&lon=116.352&kind=station&amenity=microwave&open_now=1&at=2026-11-23T23:00:00+08:00'))!;
    const answer = await api.nearbyPlaces(query);
    expect(answer.by_road).toBe(true);
    const url = new URL(calls[0]!.url, 'http://x');
    expect(url.pathname).toBe('/api/v1/places/nearby');
    expect(Object.fromEntries(url.searchParams)).toEqual({ lat: '39.96', lon: '116.352', limit: '20', kind: 'station', amenity: 'microwave', open_now: 'true', at: '2026-11-23T23:00:00+08:00' });
    expect(calls[0]!.init.method).toBe('GET');
  });

  it('reports "no road within 500 m" as a 400 ApiError with its detail', async () => {
    mockFetch(() => json(400, { code: 'validation_failed', detail: 'lat/lon: no road within 500 m', status: 400 }, 'application/problem+json'));
    const error = await api.nearbyPlaces({ lat: '0', lon: '0' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', detail: 'lat/lon: no road within 500 m' });
  });

  it('gets the road route to a place from a point', async () => {
    const { calls } = mockFetch(() => json(200, { seconds: 240, metres: 900, profile: 'ride', geometry: { type: 'LineString', coordinates: [[116.352, 39.96], [116.355, 39.961]] } }));
    const route = await api.placeRoute(12, 39.96, 116.352);
    expect(route.geometry.coordinates).toHaveLength(2);
    expect(calls[0]!.url).toBe('/api/v1/places/12/route?lat=39.96&lon=116.352&profile=ride');
  });

  it('checks in with the CSRF token; tells a new check-in (201) from a repeat (200)', async () => {
    setCsrf('csrf-9');
    let status = 201;
    const { calls } = mockFetch(() => json(status, { place_id: 12, checkins_last_hour: 5, door: 'opened', message: '门已打开' }));
    const first = await api.checkin(12);
    expect(first).toMatchObject({ door: 'opened', checkins_last_hour: 5, repeated: false });
    status = 200;
    expect((await api.checkin(12)).repeated).toBe(true);
    expect(calls[0]!.url).toBe('/api/v1/places/12/checkins');
    expect(calls[0]!.init.method).toBe('POST');
    expect((calls[0]!.init.headers as Record<string, string>)['X-CSRF-Token']).toBe('csrf-9');
    expect(calls[0]!.init.body).toBeNull();
  });

  it('does not treat a 401 at check-in as a lost session of the app (the page offers login)', async () => {
    const seen: string[] = [];
    onUnauthorized(() => seen.push('401'));
    mockFetch(() => json(401, { code: 'auth_required', status: 401 }, 'application/problem+json'));
    await expect(api.checkin(1)).rejects.toMatchObject({ status: 401 });
    expect(seen).toEqual([]);
  });

  it('creates a place; a 409 duplicate_place carries duplicate_of for 合并到已有场所', async () => {
    const { calls } = mockFetch(() => json(409, { code: 'duplicate_place', status: 409, detail: 'duplicate', duplicate_of: { id: 4, name: '学院路驿站', distance_m: 12 } }, 'application/problem+json'));
    const body = { kind: 'station', name: '学院路驿站', lat: 39.96, lon: 116.35, address: '', amenities: [], opening_hours: '24/7', capacity: null, offers: null, services: [], supplies: [], phone: '', scan_entry: false };
    const error = (await api.createPlace(body).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(409);
    expect((error.problem as { duplicate_of?: { id: number } }).duplicate_of?.id).toBe(4);
    expect(calls[0]!.url).toBe('/api/v1/places');
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual(body);
  });

  it('edits with base_version, reviews, lists the area, plans coverage', async () => {
    const { calls } = mockFetch((url) => json(200, url.includes('plan') ? { before: { covered: 1, total: 2, share: 0.5 }, picks: [], after: { covered: 1, total: 2, share: 0.5 } } : { places: [], total: 0 }));
    await api.updatePlace(12, { kind: 'station', name: 'x', lat: 1, lon: 2, address: '', amenities: [], opening_hours: '', capacity: null, offers: null, services: [], supplies: [], phone: '', scan_entry: false, base_version: 3 });
    await api.reviewPlace(12, 'approve', 'ok');
    await api.placesInArea({ area: '110108008001', status: 'pending', limit: 20, offset: 0 });
    await api.coverage('110108010', 15, 23);
    await api.coveragePlan(planBody('110108010', { hour: 23, minutes: 15 }, 3, [], ['merchants', 'compounds']));
    await api.placeVisits(12);
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      'PUT /api/v1/places/12',
      'POST /api/v1/places/12/review',
      'GET /api/v1/places?area=110108008001&status=pending&limit=20&offset=0',
      'GET /api/v1/coverage?area=110108010&minutes=15&hour=23',
      'POST /api/v1/coverage/plan',
      'GET /api/v1/places/12/visits?days=30',
    ]);
    expect(JSON.parse(String(calls[0]!.init.body)).base_version).toBe(3);
    expect(JSON.parse(String(calls[1]!.init.body))).toEqual({ decision: 'approve', note: 'ok' });
    expect(JSON.parse(String(calls[4]!.init.body))).toEqual({ area: '110108010', minutes: 15, hour: 23, k: 3, candidates: [], sources: ['merchants', 'compounds'] });
  });
});
