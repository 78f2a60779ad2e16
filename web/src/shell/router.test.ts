import { describe, expect, it } from 'vitest';
import { isHonour, isPublic, isPublicPlace, loginHashFor, parseRoute, worksOffline } from './router';

describe('parseRoute', () => {
  it('knows the pages', () => {
    expect(parseRoute('')).toEqual({ name: 'home' });
    expect(parseRoute('#/home')).toEqual({ name: 'home' });
    expect(parseRoute('#/login')).toEqual({ name: 'login', next: null });
    expect(parseRoute('#/areas/110108')).toEqual({ name: 'area', code: '110108' });
    expect(parseRoute('#/nope')).toEqual({ name: 'notfound' });
    expect(parseRoute('#/areas/%E0%A4%A')).toEqual({ name: 'notfound' });
    expect(parseRoute('#/register')).toEqual({ name: 'register' });
    expect(parseRoute('#/pass')).toEqual({ name: 'pass' });
    expect(parseRoute('#/gate')).toEqual({ name: 'gate' });
    expect(parseRoute('#/rate')).toEqual({ name: 'rate' });
    expect(parseRoute('#/compounds/110108011001001')).toEqual({ name: 'compound', code: '110108011001001' });
  });

  it('knows the report pages', () => {
    expect(parseRoute('#/report')).toEqual({ name: 'report' });
    expect(parseRoute('#/reports/mine')).toEqual({ name: 'reportsMine' });
    expect(parseRoute('#/reports/42')).toEqual({ name: 'reportDetail', id: 42 });
    expect(parseRoute('#/reports/0')).toEqual({ name: 'notfound' });
    expect(parseRoute('#/reports/x')).toEqual({ name: 'notfound' });
    expect(parseRoute('#/reports')).toEqual({ name: 'reportsQueue', search: '' });
    expect(parseRoute('#/reports?status=submitted&category=fire_lane')).toEqual({ name: 'reportsQueue', search: '?status=submitted&category=fire_lane' });
    expect(loginHashFor('#/reports/42')).toBe('#/login?next=%2Freports%2F42');
    expect(parseRoute('#/acceptance-rules')).toEqual({ name: 'acceptanceRules', search: '' });
    expect(parseRoute('#/acceptance-rules?area=110108011001')).toEqual({ name: 'acceptanceRules', search: '?area=110108011001' });
    expect(loginHashFor('#/acceptance-rules')).toBe('#/login?next=%2Facceptance-rules');
  });

  it('knows the map pages, at a hash or at the poster path', () => {
    expect(parseRoute('#/m/110108011001001')).toEqual({ name: 'map', code: '110108011001001', q: '' });
    expect(parseRoute('#/m/110108011001001?q=3%E6%A0%8B2%E5%8D%95%E5%85%831102')).toEqual({ name: 'map', code: '110108011001001', q: '3栋2单元1102' });
    expect(parseRoute('', '/m/110108011001001')).toEqual({ name: 'map', code: '110108011001001', q: '' });
    expect(parseRoute('', '/m/110108011001001/?q=12%E5%8F%B7%E6%A5%BC')).toEqual({ name: 'map', code: '110108011001001', q: '12号楼' });
    expect(parseRoute('#/', '/m')).toEqual({ name: 'mapFind', q: '' });
    expect(parseRoute('#/m?q=%E5%8D%8E%E6%B8%85')).toEqual({ name: 'mapFind', q: '华清' });
    expect(parseRoute('#/home', '/m/110108011001001')).toEqual({ name: 'home' });
    expect(parseRoute('', '/')).toEqual({ name: 'home' });
    expect(parseRoute('', '/m/%E0%A4%A')).toEqual({ name: 'notfound' });
    expect(parseRoute('#/compounds/110108011001001/map/edit')).toEqual({ name: 'mapEdit', code: '110108011001001' });
    expect(isPublic(parseRoute('', '/m/1'))).toBe(true);
    expect(isPublic(parseRoute('#/compounds/1/map/edit'))).toBe(false);
  });

  it('knows the friendly-places pages, at a hash or at the sign path', () => {
    expect(parseRoute('#/places')).toEqual({ name: 'places', search: '' });
    expect(parseRoute('#/places?lat=39.96&lon=116.352&open_now=1')).toEqual({ name: 'places', search: '?lat=39.96&lon=116.352&open_now=1' });
    expect(parseRoute('', '/places?kind=station')).toEqual({ name: 'places', search: '?kind=station' });
    expect(parseRoute('', '/places/')).toEqual({ name: 'places', search: '' });
    expect(parseRoute('', '/p/12')).toEqual({ name: 'placePage', id: 12 });
    expect(parseRoute('#/p/7')).toEqual({ name: 'placePage', id: 7 });
    expect(parseRoute('#/rankings/merchants')).toEqual({ name: 'rankings', kind: 'merchants', search: '' });
    expect(parseRoute('#/rankings/compounds?area=110108&month=2026-11')).toEqual({ name: 'rankings', kind: 'compounds', search: '?area=110108&month=2026-11' });
    expect(parseRoute('#/rankings/riders')).toEqual({ name: 'notfound' });
    expect(parseRoute('#/honours')).toEqual({ name: 'honours' });
    expect(parseRoute('#/honours/new')).toEqual({ name: 'honourNew' });
    expect(parseRoute('#/honours/12')).toEqual({ name: 'honourCampaign', id: 12 });
    expect(parseRoute('#/honours/12/results')).toEqual({ name: 'honourResults', id: 12 });
    expect(parseRoute('#/honours/certificates/YH-3-41-012345')).toEqual({ name: 'honourCertificate', serial: 'YH-3-41-012345' });
    expect(parseRoute('#/honours/certificates/<script>')).toEqual({ name: 'notfound' });
    expect(parseRoute('#/honours/0')).toEqual({ name: 'notfound' });
    expect(isHonour(parseRoute('#/honours/certificates/YH-3-41-012345'))).toBe(true);
    expect(parseRoute('#/honours/mine')).toEqual({ name: 'honoursMine' });
    expect(isHonour(parseRoute('#/honours/mine'))).toBe(false);
    expect(isHonour(parseRoute('#/home'))).toBe(false);
    expect(parseRoute('#/events')).toEqual({ name: 'events', search: '' });
    expect(parseRoute('#/events?kind=legal_aid')).toEqual({ name: 'events', search: '?kind=legal_aid' });
    expect(parseRoute('#/events/mine')).toEqual({ name: 'eventsMine' });
    expect(parseRoute('#/events/manage')).toEqual({ name: 'eventsManage' });
    expect(parseRoute('#/events/new')).toEqual({ name: 'eventNew' });
    expect(parseRoute('#/events/17')).toEqual({ name: 'eventDetail', id: 17 });
    expect(parseRoute('#/events/17/roster')).toEqual({ name: 'eventRoster', id: 17 });
    expect(parseRoute('#/events/0')).toEqual({ name: 'notfound' });
    expect(parseRoute('#/events/abc/roster')).toEqual({ name: 'notfound' });
    expect(parseRoute('#/events/17/door')).toEqual({ name: 'eventDoor', id: 17 });
    expect(parseRoute('#/events/0/door')).toEqual({ name: 'notfound' });
    expect(parseRoute('#/childcare')).toEqual({ name: 'childcare' });
    expect(parseRoute('#/childcare/17/attendance')).toEqual({ name: 'childcareSheet', id: 17 });
    expect(parseRoute('#/childcare/0/attendance')).toEqual({ name: 'notfound' });
    expect(parseRoute('#/p/abc')).toEqual({ name: 'notfound' });
    expect(parseRoute('', '/p/0')).toEqual({ name: 'notfound' });
    expect(parseRoute('#/home', '/p/12')).toEqual({ name: 'home' });
    expect(isPublicPlace(parseRoute('', '/p/12'))).toBe(true);
    expect(isPublicPlace(parseRoute('#/places'))).toBe(true);
    expect(isPublic(parseRoute('#/places'))).toBe(false);
    expect(parseRoute('#/coverage/110108010?hour=23&minutes=15')).toEqual({ name: 'coverage', code: '110108010', search: '?hour=23&minutes=15' });
    expect(parseRoute('#/coverage/110108010')).toEqual({ name: 'coverage', code: '110108010', search: '' });
    expect(parseRoute('#/review/110108011001')).toEqual({ name: 'placesReview', code: '110108011001' });
    expect(isPublicPlace(parseRoute('#/coverage/1'))).toBe(false);
    expect(parseRoute(loginHashFor('#/p/12'))).toEqual({ name: 'login', next: '/p/12' });
  });

  it('keeps only in-app next targets', () => {
    expect(parseRoute('#/login?next=%2Fareas%2F110108')).toEqual({ name: 'login', next: '/areas/110108' });
    expect(parseRoute('#/login?next=https%3A%2F%2Fevil.example')).toEqual({ name: 'login', next: null });
    expect(parseRoute('#/login?next=%2F%2Fevil.example')).toEqual({ name: 'login', next: null });
    expect(parseRoute('#/login?next=%2Flogin')).toEqual({ name: 'login', next: null });
  });
});

describe('loginHashFor', () => {
  it('remembers where the user was going', () => {
    expect(loginHashFor('#/areas/110108')).toBe('#/login?next=%2Fareas%2F110108');
    expect(loginHashFor('#/home')).toBe('#/login');
    expect(loginHashFor('')).toBe('#/login');
    expect(loginHashFor('#/login?next=%2Fareas%2F1')).toBe('#/login');
    expect(loginHashFor('#/register')).toBe('#/login');
    expect(loginHashFor('#/gate')).toBe('#/login?next=%2Fgate');
    expect(parseRoute(loginHashFor('#/compounds/1/map/edit'))).toEqual({ name: 'login', next: '/compounds/1/map/edit' });
  });
});

describe('community routes', () => {
  it('parses the grid reporter, conduct and notification pages', () => {
    expect(parseRoute('#/grid-reporters')).toEqual({ name: 'gridReporters' });
    expect(parseRoute('#/conduct/new')).toEqual({ name: 'conductNew' });
    expect(parseRoute('#/conduct')).toEqual({ name: 'conductStats' });
    expect(parseRoute('#/notifications')).toEqual({ name: 'notifications' });
  });
});

describe('verification routes', () => {
  it('parses the riders waiting for verification', () => {
    expect(parseRoute('#/riders/waiting')).toEqual({ name: 'ridersWaiting' });
    expect(parseRoute('#/riders')).toEqual({ name: 'notfound' });
  });

  it('parses 日历订阅', () => {
    expect(parseRoute('#/calendar')).toEqual({ name: 'calendar' });
    expect(parseRoute('#/calendar/x')).toEqual({ name: 'notfound' });
    expect(parseRoute('#/training')).toEqual({ name: 'training' });
    expect(parseRoute('#/training/mine')).toEqual({ name: 'trainingMine' });
    expect(parseRoute('#/training/contests/4')).toEqual({ name: 'trainingContest', id: 4 });
    expect(parseRoute('#/training/contests/x')).toEqual({ name: 'notfound' });
    expect(parseRoute('#/certificates/verify')).toEqual({ name: 'certificateVerify' });
  });
});

describe('points routes', () => {
  it('parses 我的积分 and 积分管理; only 我的积分 opens offline', () => {
    expect(parseRoute('#/points')).toEqual({ name: 'points' });
    expect(parseRoute('#/points/admin')).toEqual({ name: 'pointsAdmin' });
    expect(parseRoute('#/points/other')).toEqual({ name: 'notfound' });
    expect(worksOffline({ name: 'points' })).toBe(true);
    expect(worksOffline({ name: 'pointsAdmin' })).toBe(false);
  });

  it('parses 兑换核销, which needs the network', () => {
    expect(parseRoute('#/redeem')).toEqual({ name: 'redeem' });
    expect(parseRoute('#/redeem/1')).toEqual({ name: 'notfound' });
    expect(parseRoute('#/sponsors')).toEqual({ name: 'sponsors' });
    expect(parseRoute('#/sponsors/12')).toEqual({ name: 'sponsorPage', id: 12 });
    expect(parseRoute('#/sponsors/x')).toEqual({ name: 'notfound' });
    expect(parseRoute('#/sponsors/0')).toEqual({ name: 'notfound' });
    expect(parseRoute('#/drives')).toEqual({ name: 'drives' });
    expect(parseRoute('#/wishes')).toEqual({ name: 'wishes', search: '' });
    expect(parseRoute('#/wishes?status=claimed')).toEqual({ name: 'wishes', search: '?status=claimed' });
    expect(parseRoute('#/wishes/mine')).toEqual({ name: 'wishesMine' });
    expect(parseRoute('#/wishes/queue')).toEqual({ name: 'wishesQueue' });
    expect(parseRoute('#/wishes/7')).toEqual({ name: 'notfound' });
    expect(worksOffline({ name: 'redeem' })).toBe(false);
  });
});
