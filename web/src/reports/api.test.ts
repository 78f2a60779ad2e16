// The reports client against docs/reports.md, with fetch mocked: paths, bodies, raw photo uploads,
// and the problems the pages depend on (409 possible_duplicate with duplicate_of, 429 Retry-After).
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as api from './api';
import { ApiError, setCsrf } from '../shell/api';

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers } });

function mockFetch(answer: (url: string, init: RequestInit) => Response) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return answer(url, init);
    }),
  );
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrf(null);
});

describe('reports API client', () => {
  it('uploads a photo as the raw body with its image type', async () => {
    setCsrf('t-1');
    const calls = mockFetch(() => json(201, { id: 7, url: '/api/v1/report-photos/7', thumbnail_url: '/api/v1/report-photos/7?size=thumb' }));
    const photo = new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' });
    expect(await api.uploadReportPhoto(photo)).toMatchObject({ id: 7 });
    expect(calls[0]!.url).toBe('/api/v1/report-photos');
    expect(calls[0]!.init.method).toBe('POST');
    expect(calls[0]!.init.body).toBe(photo);
    const headers = calls[0]!.init.headers as Record<string, string>;
    expect(headers['Content-Type']).toBe('image/jpeg');
    expect(headers['X-CSRF-Token']).toBe('t-1');
  });

  it('creates a report; a 409 carries duplicate_of; a 429 carries Retry-After and the server’s words', async () => {
    let answer = json(201, { id: 42, me_too: 0 });
    const calls = mockFetch(() => answer);
    const body = { category: 'fire_lane', description: 'x', lat: 39.99, lon: 116.33, photo_ids: [7], client_id: 'd-1' };
    expect(await api.createReport(body)).toMatchObject({ id: 42 });
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual(body);

    answer = json(409, { code: 'possible_duplicate', status: 409, duplicate_of: { id: 5, distance_m: 12, me_too: 2 } });
    const dup = (await api.createReport(body).catch((e: unknown) => e)) as ApiError;
    expect(dup.status).toBe(409);
    expect(dup.code).toBe('possible_duplicate');
    expect((dup.problem as { duplicate_of?: { id: number } }).duplicate_of?.id).toBe(5);

    answer = json(429, { code: 'rate_limited', status: 429, detail: '每小时最多上报 10 次' }, { 'Retry-After': '600' });
    const limited = (await api.createReport(body).catch((e: unknown) => e)) as ApiError;
    expect(limited).toMatchObject({ status: 429, retryAfter: 600, detail: '每小时最多上报 10 次' });
  });

  it('lists, reads and acts on reports', async () => {
    const calls = mockFetch(() => json(200, { reports: [], next_cursor: null }));
    await api.myReports();
    await api.reportsInArea({ area: '110108011', status: 'submitted', category: undefined, limit: 30 });
    await api.report(42);
    await api.reportAction(42, { action: 'dispatch', assignee: { kind: 'officer', login: 'demo-grid' } });
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      'GET /api/v1/reports?mine=1',
      'GET /api/v1/reports?area=110108011&status=submitted&limit=30',
      'GET /api/v1/reports/42',
      'POST /api/v1/reports/42/actions',
    ]);
    expect(JSON.parse(String(calls[3]!.init.body))).toEqual({ action: 'dispatch', assignee: { kind: 'officer', login: 'demo-grid' } });
    expect(api.reportEventsUrl(42)).toBe('/api/v1/reports/42/events');
  });
});
