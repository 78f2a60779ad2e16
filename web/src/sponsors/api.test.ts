// The officers' sponsor and drive calls with fetch mocked: paths, bodies, and the accounts read
// page by page (the accounts API has no role filter).
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as api from './api';
import { setCsrf } from '../shell/api';

const json = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function mockFetch(answer: (url: URL, init: RequestInit) => Response): Array<{ url: URL; init: RequestInit }> {
  const calls: Array<{ url: URL; init: RequestInit }> = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      const parsed = new URL(url, 'http://x');
      calls.push({ url: parsed, init });
      return answer(parsed, init);
    }),
  );
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrf(null);
});

const account = (id: number, role = 'sponsor'): api.AreaAccount => ({ id, login: `a${id}`, display_name: `A${id}`, role });

describe('sponsors API client (officers)', () => {
  it('reads the accounts of the area 200 at a time until the total', async () => {
    const calls = mockFetch((url) => {
      const offset = Number(url.searchParams.get('offset'));
      const items = Array.from({ length: offset === 0 ? 200 : 30 }, (_, i) => account(offset + i + 1, i % 2 ? 'sponsor' : 'worker'));
      return json(200, { items, total: 230 });
    });
    const all = await api.areaAccounts();
    expect(all).toHaveLength(230);
    expect(calls.map((c) => `${c.url.pathname}?${c.url.searchParams}`)).toEqual(['/api/v1/accounts?limit=200&offset=0', '/api/v1/accounts?limit=200&offset=200']);
  });

  it('stops after one short page', async () => {
    const calls = mockFetch(() => json(200, { items: [account(1)], total: 1 }));
    expect(await api.areaAccounts()).toHaveLength(1);
    expect(calls).toHaveLength(1);
  });

  it('lists approved stations, and posts sponsors, members and drives', async () => {
    const calls = mockFetch((url) => {
      if (url.pathname === '/api/v1/places') return json(200, { places: [{ id: 9, name: '驿站', kind: 'station', extra: 1 }], total: 1 });
      return json(201, {});
    });
    expect(await api.areaStations()).toEqual([{ id: 9, name: '驿站' }]);
    expect(Object.fromEntries(calls[0]!.url.searchParams)).toEqual({ kind: 'station', status: 'approved', limit: '200' });
    await api.createSponsor({ name: '爱心单位', kind: 'company', intro: '' });
    await api.addMember(4, 17);
    await api.createDrive({ title: 't', story: '', collects: 'books', goal: null, starts_at: 1, ends_at: 2, drop_point_ids: [9] });
    const posts = calls.slice(1).map((c) => [c.init.method, c.url.pathname, JSON.parse(String(c.init.body))]);
    expect(posts).toEqual([
      ['POST', '/api/v1/sponsors', { name: '爱心单位', kind: 'company', intro: '' }],
      ['POST', '/api/v1/sponsors/4/members', { account_id: 17 }],
      ['POST', '/api/v1/drives', { title: 't', story: '', collects: 'books', goal: null, starts_at: 1, ends_at: 2, drop_point_ids: [9] }],
    ]);
  });
});
