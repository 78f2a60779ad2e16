/**
 * Hash routes: #/login[?next=/path], #/register, #/home, #/areas/CODE, #/compounds/CODE, #/pass,
 * #/gate, #/rate, #/compounds/CODE/map/edit, #/coverage/CODE[?hour=&minutes=], #/review/CODE, and
 * the public pages: maps #/m and #/m/CODE[?q=address], friendly places nearby #/places[?lat=&lon=…]
 * and a place's page #/p/ID; worker reports #/report (随手拍), #/reports/mine, #/reports/ID and the
 * staff queue #/reports[?area=&status=&category=]; roaming grid reporters #/grid-reporters, rider
 * conduct #/conduct/new (guards) and #/conduct (officers' statistics), #/notifications, the
 * acceptance rules #/acceptance-rules[?area=CODE] (受理规则, community officers and above), and
 * 我的数据 #/me/data (download all of it; riders may erase the account), and the riders waiting for
 * verification #/riders/waiting (officers and station keepers), 我的积分 #/points (workers), 积分管理
 * #/points/admin (community officers and above), 兑换核销 #/redeem (station keepers and merchants), 评选表彰 #/honours (#/honours/ID[/results], #/honours/new, a certificate's #/honours/certificates/SERIAL: open without login; 我的荣誉 #/honours/mine: workers, in the shell) and the monthly lists #/rankings/merchants and #/rankings/compounds[?area=&month=] (open without login once published). The public pages also answer at the paths /m, /m/CODE (the poster's QR
 * code), /places and /p/ID (the place's sign), which the server serves with index.html (/m and /m/CODE
 * with the light gate page m.html, which shows the same map page); a hash, when there is one, wins over the path.
 * 爱心单位 #/sponsors and #/sponsors/ID (a sponsor's page; its contacts pledge there) and 一本书的旅行 #/drives.
 * 活动 #/events[?kind=], #/events/ID, #/events/mine, #/events/manage, #/events/new and #/events/ID/roster; 入场扫码 #/events/ID/door.
 * 托管服务 #/childcare and a childcare class's attendance sheet #/childcare/ID/attendance.
 */

import { mapPath } from '../maps/map-path';

export type Route =
  | { name: 'login'; next: string | null }
  | { name: 'register' }
  | { name: 'home' }
  | { name: 'area'; code: string }
  | { name: 'compound'; code: string }
  | { name: 'pass' }
  | { name: 'gate' }
  | { name: 'rate' }
  | { name: 'map'; code: string; q: string }
  | { name: 'mapFind'; q: string }
  | { name: 'mapEdit'; code: string }
  | { name: 'places'; search: string }
  | { name: 'placePage'; id: number }
  | { name: 'coverage'; code: string; search: string }
  | { name: 'placesReview'; code: string }
  | { name: 'report' }
  | { name: 'reportsMine' }
  | { name: 'reportDetail'; id: number }
  | { name: 'reportsQueue'; search: string }
  | { name: 'gridReporters' }
  | { name: 'conductNew' }
  | { name: 'conductStats' }
  | { name: 'notifications' }
  | { name: 'acceptanceRules'; search: string }
  | { name: 'myData' }
  | { name: 'ridersWaiting' }
  | { name: 'points' }
  | { name: 'pointsAdmin' }
  | { name: 'redeem' }
  | { name: 'sponsors' }
  | { name: 'sponsorPage'; id: number }
  | { name: 'drives' }
  /** 微心愿: the wall #/wishes[?status=], 我的心愿 #/wishes/mine, the community's queue #/wishes/queue. */
  | { name: 'wishes'; search: string }
  | { name: 'wishesMine' }
  | { name: 'wishesQueue' }
  /** 志愿服务 #/volunteers: a worker's teams, hours, approvals (leaders) and 聘书; organisers' teams and letters. */
  | { name: 'volunteers' }
  | { name: 'rankings'; kind: 'merchants' | 'compounds'; search: string }
  /** 评选表彰 (open without login): the list, the editor, a campaign, its results, a certificate's verify page. */
  | { name: 'honours' }
  | { name: 'honourNew' }
  | { name: 'honourCampaign'; id: number }
  | { name: 'honourResults'; id: number }
  | { name: 'honourCertificate'; serial: string }
  /** 我的荣誉 #/honours/mine: a worker's own nominations, signed in and inside the shell. */
  | { name: 'honoursMine' }
  /** 活动: 近期活动 #/events[?kind=], an event #/events/ID, 我的活动 #/events/mine, 活动管理 #/events/manage, the form #/events/new, the roster #/events/ID/roster. */
  | { name: 'events'; search: string }
  | { name: 'eventDetail'; id: number }
  | { name: 'eventsMine' }
  | { name: 'eventsManage' }
  | { name: 'eventNew' }
  | { name: 'eventRoster'; id: number }
  /** 入场扫码 #/events/ID/door: the event's door scanner (its organisers; works offline). */
  | { name: 'eventDoor'; id: number }
  /** 日历订阅 #/calendar: a worker's calendar link and the public feeds of their area. */
  | { name: 'calendar' }
  /** 托管服务 #/childcare (classes, a parent's children) and a class's attendance sheet #/childcare/ID/attendance. */
  | { name: 'childcare' }
  | { name: 'childcareSheet'; id: number }
  /** 培训: 培训管理 #/training (organisers), 我的培训与证书 #/training/mine (workers), a contest #/training/contests/ID. */
  | { name: 'training' }
  | { name: 'trainingMine' }
  | { name: 'trainingContest'; id: number }
  /** 证书验真 #/certificates/verify: no login, no shell; checks a certificate's QR offline. */
  | { name: 'certificateVerify' }
  | { name: 'notfound' };

/** Map pages open without login (from a poster on a phone). */
export type PublicRoute = Extract<Route, { name: 'map' | 'mapFind' }>;

/** The friendly-places pages that open without login (the rider's "nearby", a place's sign). */
export type PublicPlaceRoute = Extract<Route, { name: 'places' | 'placePage' }>;

export function isPublic(route: Route): route is PublicRoute {
  return route.name === 'map' || route.name === 'mapFind';
}

export function isPublicPlace(route: Route): route is PublicPlaceRoute {
  return route.name === 'places' || route.name === 'placePage';
}

function placeRoute(pathname: string, search: string): Route | null {
  if (/^\/places\/?$/.test(pathname)) return { name: 'places', search: search ? `?${search}` : '' };
  const page = /^\/p\/([^/]+)\/?$/.exec(pathname);
  if (!page) return null;
  return /^[1-9]\d{0,15}$/.test(page[1]!) ? { name: 'placePage', id: Number(page[1]) } : { name: 'notfound' };
}

/** #/honours, #/honours/new, #/honours/mine, #/honours/ID, #/honours/ID/results, #/honours/certificates/SERIAL. */
function honourRoute(pathname: string): Route | null {
  if (pathname === '/honours' || pathname === '/honours/') return { name: 'honours' };
  if (pathname === '/honours/new') return { name: 'honourNew' };
  if (pathname === '/honours/mine') return { name: 'honoursMine' };
  const certificate = /^\/honours\/certificates\/([^/]+)$/.exec(pathname);
  if (certificate) return /^YH-\d{1,12}-\d{1,12}-\d{6}$/.test(certificate[1]!) ? { name: 'honourCertificate', serial: certificate[1]! } : { name: 'notfound' };
  const campaign = /^\/honours\/([^/]+)(\/results)?$/.exec(pathname);
  if (!campaign) return null;
  if (!/^[1-9]\d{0,15}$/.test(campaign[1]!)) return { name: 'notfound' };
  return campaign[2] ? { name: 'honourResults', id: Number(campaign[1]) } : { name: 'honourCampaign', id: Number(campaign[1]) };
}

/** #/events[?kind=], #/events/mine, #/events/manage, #/events/new, #/events/ID, #/events/ID/roster (other #/events/ID/… pages are not these). */
function eventRoute(pathname: string, search: string): Route | null {
  if (pathname === '/events' || pathname === '/events/') return { name: 'events', search: search ? `?${search}` : '' };
  if (pathname === '/events/mine') return { name: 'eventsMine' };
  if (pathname === '/events/manage') return { name: 'eventsManage' };
  if (pathname === '/events/new') return { name: 'eventNew' };
  const event = /^\/events\/([^/]+)(\/roster)?$/.exec(pathname);
  if (!event) return null;
  if (!/^[1-9]\d{0,15}$/.test(event[1]!)) return { name: 'notfound' };
  return event[2] ? { name: 'eventRoster', id: Number(event[1]) } : { name: 'eventDetail', id: Number(event[1]) };
}

/** The honours pages open without login and without the shell (all but 我的荣誉, #/honours/mine). */
export function isHonour(route: Route): route is Extract<Route, { name: 'honours' | 'honourNew' | 'honourCampaign' | 'honourResults' | 'honourCertificate' }> {
  return route.name === 'honours' || route.name === 'honourNew' || route.name === 'honourCampaign' || route.name === 'honourResults' || route.name === 'honourCertificate';
}

/** The map pages' paths are the maps feature's (maps/map-path.ts): the gate page reads them too. */
const mapRoute: (pathname: string, search: string) => Route | null = mapPath;

/** Routes that are useful without the network once loaded (the session is taken from the local copy). */
export function worksOffline(route: Route): boolean {
  return route.name === 'pass' || route.name === 'gate' || route.name === 'points' || route.name === 'eventDoor';
}

/** The route of a hash, or of `location` (path and query) when the hash is empty. */
export function parseRoute(hash: string, location: string = '/'): Route {
  if (hash.replace(/^#\/?/, '') === '') {
    const [locPath = '/', locSearch = ''] = location.split('?');
    const fromPath = mapRoute(locPath, locSearch) ?? placeRoute(locPath, locSearch);
    if (fromPath) return fromPath;
  }
  const path = hash.replace(/^#/, '') || '/home';
  const [pathname = '', search = ''] = path.split('?');
  const map = mapRoute(pathname, search) ?? placeRoute(pathname, search);
  if (map) return map;
  const staff = /^\/(coverage|review)\/([^/]+)$/.exec(pathname);
  if (staff?.[2]) {
    try {
      const code = decodeURIComponent(staff[2]);
      return staff[1] === 'coverage' ? { name: 'coverage', code, search: search ? `?${search}` : '' } : { name: 'placesReview', code };
    } catch {
      return { name: 'notfound' };
    }
  }
  const edit = /^\/compounds\/([^/]+)\/map\/edit$/.exec(pathname);
  if (edit?.[1]) {
    try {
      return { name: 'mapEdit', code: decodeURIComponent(edit[1]) };
    } catch {
      return { name: 'notfound' };
    }
  }
  if (pathname === '/login') {
    const next = new URLSearchParams(search).get('next');
    // Only same-app paths; never bounce back to the login page itself.
    const safe = next !== null && /^\/[a-z]/.test(next) && !next.startsWith('/login') && !next.startsWith('//');
    return { name: 'login', next: safe ? next : null };
  }
  if (pathname === '/' || pathname === '/home') return { name: 'home' };
  if (pathname === '/register') return { name: 'register' };
  if (pathname === '/pass') return { name: 'pass' };
  if (pathname === '/gate') return { name: 'gate' };
  if (pathname === '/rate') return { name: 'rate' };
  if (pathname === '/report') return { name: 'report' };
  if (pathname === '/reports/mine') return { name: 'reportsMine' };
  if (pathname === '/grid-reporters') return { name: 'gridReporters' };
  if (pathname === '/conduct/new') return { name: 'conductNew' };
  if (pathname === '/conduct') return { name: 'conductStats' };
  if (pathname === '/notifications') return { name: 'notifications' };
  if (pathname === '/me/data') return { name: 'myData' };
  if (pathname === '/riders/waiting') return { name: 'ridersWaiting' };
  if (pathname === '/points') return { name: 'points' };
  if (pathname === '/points/admin') return { name: 'pointsAdmin' };
  if (pathname === '/redeem') return { name: 'redeem' };
  if (pathname === '/sponsors') return { name: 'sponsors' };
  if (pathname === '/drives') return { name: 'drives' };
  const sponsorId = /^\/sponsors\/([^/]+)$/.exec(pathname);
  if (sponsorId) return /^[1-9]\d{0,15}$/.test(sponsorId[1]!) ? { name: 'sponsorPage', id: Number(sponsorId[1]) } : { name: 'notfound' };
  if (pathname === '/wishes' || pathname === '/wishes/') return { name: 'wishes', search: search ? `?${search}` : '' };
  if (pathname === '/wishes/mine') return { name: 'wishesMine' };
  if (pathname === '/wishes/queue') return { name: 'wishesQueue' };
  if (pathname === '/calendar') return { name: 'calendar' };
  if (pathname === '/training' || pathname === '/training/') return { name: 'training' };
  if (pathname === '/training/mine') return { name: 'trainingMine' };
  if (pathname === '/certificates/verify') return { name: 'certificateVerify' };
  const contest = /^\/training\/contests\/([^/]+)$/.exec(pathname);
  if (contest) return /^[1-9]\d{0,15}$/.test(contest[1]!) ? { name: 'trainingContest', id: Number(contest[1]) } : { name: 'notfound' };
  if (pathname === '/volunteers' || pathname === '/volunteers/') return { name: 'volunteers' };
  const door = /^\/events\/([1-9]\d{0,15})\/door$/.exec(pathname);
  if (door) return { name: 'eventDoor', id: Number(door[1]) };
  const events = eventRoute(pathname, search);
  if (events) return events;
  if (pathname === '/childcare' || pathname === '/childcare/') return { name: 'childcare' };
  const childcareSheet = /^\/childcare\/([^/]+)\/attendance$/.exec(pathname);
  if (childcareSheet) return /^[1-9]\d{0,15}$/.test(childcareSheet[1]!) ? { name: 'childcareSheet', id: Number(childcareSheet[1]) } : { name: 'notfound' };
  const honour = honourRoute(pathname);
  if (honour) return honour;
  const ranking = /^\/rankings\/(merchants|compounds)$/.exec(pathname);
  if (ranking) return { name: 'rankings', kind: ranking[1] as 'merchants' | 'compounds', search: search ? `?${search}` : '' };
  if (pathname === '/acceptance-rules') return { name: 'acceptanceRules', search: search ? `?${search}` : '' };
  if (pathname === '/reports' || pathname === '/reports/') return { name: 'reportsQueue', search: search ? `?${search}` : '' };
  const reportId = /^\/reports\/([^/]+)$/.exec(pathname);
  if (reportId) return /^[1-9]\d{0,15}$/.test(reportId[1]!) ? { name: 'reportDetail', id: Number(reportId[1]) } : { name: 'notfound' };
  const coded = /^\/(areas|compounds)\/([^/]+)$/.exec(pathname);
  if (coded?.[2]) {
    try {
      return { name: coded[1] === 'areas' ? 'area' : 'compound', code: decodeURIComponent(coded[2]) };
    } catch {
      return { name: 'notfound' };
    }
  }
  return { name: 'notfound' };
}

/** The login route that brings the user back to `currentHash` afterwards. */
export function loginHashFor(currentHash: string): string {
  const path = currentHash.replace(/^#/, '');
  return path && path !== '/home' && path !== '/' && !path.startsWith('/login') && !path.startsWith('/register') ? `#/login?next=${encodeURIComponent(path)}` : '#/login';
}
