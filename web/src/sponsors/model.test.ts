import { describe, expect, it } from 'vitest';
import { barPercent, mayDecidePledges, mayLogAt, parseCount } from './model';

describe('sponsors model', () => {
  it('only city officers and administrators decide pledges', () => {
    expect(mayDecidePledges('city_officer')).toBe(true);
    expect(mayDecidePledges('admin')).toBe(true);
    for (const role of ['sponsor', 'street_officer', 'district_officer', 'merchant', 'worker']) expect(mayDecidePledges(role)).toBe(false);
  });

  it('a drop point is kept by its keeper or an officer', () => {
    expect(mayLogAt({ keeper_account_id: 7 }, { id: 7, role: 'station_keeper' })).toBe(true);
    expect(mayLogAt({ keeper_account_id: 7 }, { id: 8, role: 'station_keeper' })).toBe(false);
    expect(mayLogAt({ keeper_account_id: null }, { id: 8, role: 'merchant' })).toBe(false);
    expect(mayLogAt({ keeper_account_id: null }, { id: 9, role: 'community_officer' })).toBe(true);
  });

  it('reads counts as a person types them', () => {
    expect(parseCount('30')).toBe(30);
    expect(parseCount(' 12 ')).toBe(12);
    expect(parseCount('１２')).toBe(12);
    for (const bad of ['', '0', '-3', '2.5', 'abc', '100001']) expect(parseCount(bad)).toBeNull();
  });

  it('fills the bar toward the goal, capped', () => {
    expect(barPercent(250, 0, 1000)).toBe(25);
    expect(barPercent(1500, 0, 1000)).toBe(100);
    expect(barPercent(0, 0, null)).toBe(0);
    expect(barPercent(200, 50, null)).toBe(25);
  });
});
