import { describe, expect, it } from 'vitest';
import { barPercent, beijingDayStart, beijingToday, driveInputOf, mayCreateDrives, mayCreateSponsors, mayDecidePledges, mayLinkMembers, mayLogAt, memberCandidates, parseCount } from './model';

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

  it('street officers and above create sponsors; community officers also add members; drives from the community up', () => {
    for (const role of ['street_officer', 'district_officer', 'city_officer', 'admin']) expect(mayCreateSponsors(role), role).toBe(true);
    for (const role of ['community_officer', 'grid_officer', 'sponsor', 'merchant', 'worker']) expect(mayCreateSponsors(role), role).toBe(false);
    expect(mayLinkMembers('community_officer')).toBe(true);
    expect(mayLinkMembers('street_officer')).toBe(true);
    expect(mayLinkMembers('grid_officer')).toBe(false);
    expect(mayLinkMembers('sponsor')).toBe(false);
    expect(mayCreateDrives('community_officer')).toBe(true);
    expect(mayCreateDrives('city_officer')).toBe(true);
    expect(mayCreateDrives('grid_officer')).toBe(false);
    expect(mayCreateDrives('station_keeper')).toBe(false);
  });

  it('offers only sponsor-role accounts that are not members yet, by name', () => {
    const accounts = [
      { id: 1, login: 'b', display_name: 'Beta', role: 'sponsor' },
      { id: 2, login: 'street', display_name: '王主任', role: 'street_officer' },
      { id: 3, login: 'a', display_name: 'Alpha', role: 'sponsor' },
      { id: 4, login: 'c', display_name: 'Gamma', role: 'sponsor' },
    ];
    expect(memberCandidates(accounts, [4]).map((a) => a.id)).toEqual([3, 1]);
    expect(memberCandidates(accounts, [1, 3, 4])).toEqual([]);
  });

  it('reads Beijing days: a day starts at 16:00 UTC the day before', () => {
    expect(beijingDayStart('2026-12-08')).toBe(Date.UTC(2026, 11, 7, 16) / 1000);
    expect(beijingDayStart('2026-02-30')).toBeNull();
    expect(beijingDayStart('')).toBeNull();
    expect(beijingToday(Date.UTC(2026, 11, 7, 16, 30))).toBe('2026-12-08');
    expect(beijingToday(Date.UTC(2026, 11, 7, 15, 59))).toBe('2026-12-07');
  });

  it('builds the body of a new drive, or names its first problem', () => {
    const fields = { title: ' 一本书的旅行 · 冬 ', story: '', collects: '童书', goal: '', from: '2026-12-08', to: '2026-12-31', dropPoints: [5, 7, 5] };
    const made = driveInputOf(fields);
    expect(made).toEqual({
      input: { title: '一本书的旅行 · 冬', story: '', collects: '童书', goal: null, starts_at: Date.UTC(2026, 11, 7, 16) / 1000, ends_at: Date.UTC(2026, 11, 31, 16) / 1000, drop_point_ids: [5, 7] },
    });
    expect(driveInputOf({ ...fields, goal: '５００' })).toMatchObject({ input: { goal: 500 } });
    expect(driveInputOf({ ...fields, title: '  ' })).toEqual({ problem: 'drive.missingTitle' });
    expect(driveInputOf({ ...fields, collects: '' })).toEqual({ problem: 'drive.missingCollects' });
    expect(driveInputOf({ ...fields, goal: '0' })).toEqual({ problem: 'drive.badGoal' });
    expect(driveInputOf({ ...fields, to: '2026-12-07' })).toEqual({ problem: 'drive.badDates' });
    expect(driveInputOf({ ...fields, to: '' })).toEqual({ problem: 'drive.badDates' });
    // A one-day drive is fine: it ends when that day does.
    expect(driveInputOf({ ...fields, to: '2026-12-08' })).toMatchObject({ input: { ends_at: Date.UTC(2026, 11, 8, 16) / 1000 } });
    expect(driveInputOf({ ...fields, dropPoints: [] })).toEqual({ problem: 'drive.noPoints' });
    expect(driveInputOf({ ...fields, dropPoints: Array.from({ length: 21 }, (_, i) => i + 1) })).toEqual({ problem: 'drive.noPoints' });
  });
});
