import { afterEach, describe, expect, it, vi } from 'vitest';
import * as accountsApi from '../accounts/api';
import * as mapsApi from '../maps/api';
import * as passesApi from '../passes/api';
import * as api from './api';

function problem(status: number, code: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title: code, status, detail: `${code} detail`, code }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
  api.setCsrf(null);
});

describe('buildUrl', () => {
  it('drops empty parameters', () => {
    expect(api.buildUrl('/api/v1/workers', { area: '110108', q: '', status: undefined, limit: 10, offset: 0 })).toBe('/api/v1/workers?area=110108&limit=10&offset=0');
    expect(api.buildUrl('/api/v1/home')).toBe('/api/v1/home');
  });
});

describe('requests', () => {
  it('turns a problem+json answer into an ApiError with Retry-After', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => problem(429, 'login_rate_limited', { 'Retry-After': '300' })));
    const error = await api.login('demo-worker', 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(api.ApiError);
    expect(error).toMatchObject({ status: 429, code: 'login_rate_limited', retryAfter: 300, detail: 'login_rate_limited detail' });
  });

  it('keeps the CSRF token from login and sends it on logout, with same-origin credentials', async () => {
    const fetchMock = vi.fn(async (_url: string, init: RequestInit) => {
      if (init.method === 'POST') {
        return new Response(JSON.stringify({ token: 't', csrf_token: 'csrf-1', expires_at: 0, account: {} }), { status: 201, headers: { 'Content-Type': 'application/json' } });
      }
      return new Response(null, { status: 204 });
    });
    vi.stubGlobal('fetch', fetchMock);
    await api.login('demo-worker', 'youhao-demo');
    expect(api.getCsrf()).toBe('csrf-1');
    await api.logout();
    const [url, init] = fetchMock.mock.calls[1] as [string, RequestInit];
    expect(url).toBe('/api/v1/session');
    expect(init.method).toBe('DELETE');
    expect((init.headers as Record<string, string>)['X-CSRF-Token']).toBe('csrf-1');
    expect(init.credentials).toBe('same-origin');
    expect(api.getCsrf()).toBeNull();
  });

  it('fetches a CSRF token from /me when it is missing before logout', async () => {
    const fetchMock = vi.fn(async (url: string) =>
      url === '/api/v1/me'
        ? new Response(JSON.stringify({ account: {}, csrf_token: 'csrf-me' }), { status: 200, headers: { 'Content-Type': 'application/json' } })
        : new Response(null, { status: 204 }),
    );
    vi.stubGlobal('fetch', fetchMock);
    await api.logout();
    expect(fetchMock.mock.calls.map((c) => c[0])).toEqual(['/api/v1/me', '/api/v1/session']);
    expect(((fetchMock.mock.calls[1] as unknown as [string, RequestInit])[1].headers as Record<string, string>)['X-CSRF-Token']).toBe('csrf-me');
  });

  it('calls the unauthorized handler on 401 from a data request, not from login', async () => {
    const handler = vi.fn();
    api.onUnauthorized(handler);
    vi.stubGlobal('fetch', vi.fn(async () => problem(401, 'auth_required')));
    await expect(accountsApi.home()).rejects.toMatchObject({ status: 401, code: 'auth_required' });
    expect(handler).toHaveBeenCalledTimes(1);
    vi.stubGlobal('fetch', vi.fn(async () => problem(401, 'invalid_credentials')));
    await expect(api.login('a', 'b')).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('reports a network failure as status 0', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(accountsApi.home()).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('uploads queued gate events without the display-only name', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ accepted: 1, duplicates: 0 }), { status: 200, headers: { 'Content-Type': 'application/json' } }));
    vi.stubGlobal('fetch', fetchMock);
    const event = { client_event_id: 'e1', compound: 'C', gate: 1, worker_id: 7, pass_id: 9, direction: 'in' as const, at: 1, allowed: true, code: 'pass_ok', name: '王小骑' };
    await expect(passesApi.uploadGateEvents([event])).resolves.toEqual({ accepted: 1, duplicates: 0 });
    const init = (fetchMock.mock.calls[0] as unknown as [string, RequestInit])[1];
    const { name: _name, ...sent } = event;
    expect(JSON.parse(init.body as string)).toEqual({ events: [sent] });
  });

  it('sends raw bodies with their content type (roster CSV, photos)', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ rows: 1, verified: 1, already_verified: 0, unmatched: [] }), { status: 200, headers: { 'Content-Type': 'application/json' } }));
    vi.stubGlobal('fetch', fetchMock);
    await accountsApi.importRoster('phone,name,platform,depot\n');
    const init = (fetchMock.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('text/csv; charset=utf-8');
    expect(init.body).toBe('phone,name,platform,depot\n');
  });

  it('rejects as aborted when the page is left while the body is read (not a null answer)', async () => {
    const response = new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } });
    vi.spyOn(response, 'json').mockRejectedValue(new DOMException('aborted', 'AbortError'));
    vi.stubGlobal('fetch', vi.fn(async () => response));
    const error = await accountsApi.area('110108').catch((e: unknown) => e);
    expect(api.isAbort(error)).toBe(true);
  });

  it('builds the map requests of docs/maps.md with the version they were based on', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ id: 5, version: 8 }), { status: 200, headers: { 'Content-Type': 'application/json' } }));
    vi.stubGlobal('fetch', fetchMock);
    api.setCsrf('csrf-map');
    const feature = { type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [116.3, 39.9] as [number, number] }, properties: { kind: 'gate' as const, label: '北门' } };
    await mapsApi.updateMapFeature('110108011001001', 5, 7, feature);
    await mapsApi.compoundRoute('110108011001001', { to: 'feature:45', from: 'feature:5' });
    await mapsApi.compoundMap('110108011001001');
    const calls = fetchMock.mock.calls as unknown as Array<[string, RequestInit]>;
    expect(calls[0]![0]).toBe('/api/v1/compounds/110108011001001/map/features/5?base_version=7');
    expect(calls[0]![1].method).toBe('PUT');
    expect((calls[0]![1].headers as Record<string, string>)['X-CSRF-Token']).toBe('csrf-map');
    expect(JSON.parse(calls[0]![1].body as string)).toEqual(feature);
    expect(calls[1]![0]).toBe('/api/v1/compounds/110108011001001/route?to=feature%3A45&from=feature%3A5');
    expect(calls[2]![1].cache).toBe('no-cache');
  });

  it('turns a timeout into a network error (status 0) so the gate can decide offline', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn((_url: string, init: RequestInit) => new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))),
    );
    await expect(passesApi.gateVerify({ compound: 'C', gate: 1, code: 'YH1:', direction: 'in' }, 20)).rejects.toMatchObject({ status: 0, code: 'network' });
  });
});
