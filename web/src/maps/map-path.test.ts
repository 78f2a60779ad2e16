import { describe, expect, it } from 'vitest';
import { staffLoginHref } from './geo';
import { mapPath } from './map-path';

describe('mapPath (the paths the light gate page answers)', () => {
  it('reads a compound’s page, with the address typed into it, and the finder', () => {
    expect(mapPath('/m/110108011001001', '')).toEqual({ name: 'map', code: '110108011001001', q: '' });
    expect(mapPath('/m/110108011001001/', 'q=%E5%8D%81%E5%8F%B7%E6%A5%BC')).toEqual({ name: 'map', code: '110108011001001', q: '十号楼' });
    expect(mapPath('/m', 'q=%20%E5%8D%8E%E6%B8%85%20')).toEqual({ name: 'mapFind', q: '华清' });
    expect(mapPath('/m/', '')).toEqual({ name: 'mapFind', q: '' });
  });

  it('is not the map page elsewhere, and says so for a code that does not decode', () => {
    expect(mapPath('/', '')).toBeNull();
    expect(mapPath('/mine', '')).toBeNull();
    expect(mapPath('/m/a/b', '')).toBeNull();
    expect(mapPath('/m/%E0%A4%A', '')).toEqual({ name: 'notfound' });
  });

  it('keeps an address no longer than 200 characters', () => {
    expect((mapPath('/m/1', `q=${'楼'.repeat(300)}`) as { q: string }).q).toHaveLength(200);
  });
});

describe('staffLoginHref', () => {
  it('leads to the app’s login and on to the compound’s editor', () => {
    expect(staffLoginHref('110108011001001')).toBe('/#/login?next=%2Fcompounds%2F110108011001001%2Fmap%2Fedit');
  });
});
