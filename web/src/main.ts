/**
 * Entry point: language, offline banner, session and hash routing (#/login, #/register, #/home,
 * #/areas/CODE, #/compounds/CODE, #/pass, #/gate, #/rate, #/compounds/CODE/map/edit,
 * #/coverage/CODE, #/review/CODE, reports #/report, #/reports/mine, #/reports/ID, #/reports, the
 * acceptance rules #/acceptance-rules, points #/points, #/points/admin and #/redeem, sponsors #/sponsors, #/sponsors/ID and drives #/drives, events #/events, #/events/ID, #/events/mine, #/events/manage, #/events/new, #/events/ID/roster) and the public pages: the monthly lists (#/rankings/…), maps (#/m; the paths /m and /m/CODE of a
 * poster get the light gate page m.html, maps/gate-page), friendly
 * places nearby (/places, #/places) and a place's page (/p/ID from its sign, #/p/ID). The pass, gate, registration, compound and map
 * screens are separate chunks (dynamic import) so the login page stays light; Leaflet is loaded
 * only by the pages that draw with it (the map editor, places, coverage, reports).
 */

import './shell/styles.css';
import * as api from './shell/api';
import { h, icon, replace } from './shell/dom';
import { canListWorkers, isCompoundStaff, isOfficer, isReportStaff } from './shell/format';
import { initLang, onLangChange, t } from './shell/i18n';
import { icons } from './shell/icons';
import type { Account } from './shell/types';
import { errorBox, errorMessageOf, lazyView } from './shell/ui';
import { homePage, homeSkeleton } from './accounts/home';
import { loginPage } from './accounts/login';
import { officerConsole } from './accounts/officer';
import { shell } from './shell/shell';
import { isHonour, isPublic, isPublicPlace, loginHashFor, parseRoute, worksOffline, type Route } from './shell/router';
import { registerServiceWorker } from './shell/service-worker';
import { isOrganiser as isEventOrganiser } from './events/roles';

const root = document.getElementById('app') as HTMLElement;
let account: Account | null = null;
let sessionChecked = false;
let controller: AbortController | null = null;

function go(hash: string): void {
  if (location.hash === hash) void render();
  else location.hash = hash;
}

api.onUnauthorized(() => {
  account = null;
  go(loginHashFor(location.hash));
});

function toast(text: string): void {
  const element = h('div', { class: 'toast', role: 'status' }, text);
  document.body.appendChild(element);
  window.setTimeout(() => element.remove(), 4000);
}

async function logout(button: HTMLButtonElement): Promise<void> {
  button.disabled = true;
  button.lastElementChild!.textContent = t('shell.loggingOut');
  try {
    await api.logout();
  } catch (error) {
    button.disabled = false;
    button.lastElementChild!.textContent = t('shell.logout');
    toast(errorMessageOf(error));
    return;
  }
  account = null;
  go('#/login');
}

function notFound(): HTMLElement {
  return h(
    'div',
    { class: 'page' },
    h('div', { class: 'card empty-page' }, icon(icons.map, 'empty-icon'), h('h1', null, t('notfound.title')), h('a', { class: 'btn btn-primary', href: '#/home' }, t('notfound.back'))),
  );
}

async function render(): Promise<void> {
  controller?.abort();
  controller = new AbortController();
  const { signal } = controller;
  const route = parseRoute(location.hash, location.pathname + location.search);
  window.scrollTo(0, 0);

  if (isPublic(route)) {
    // The map pages, no login and no shell: the same page as the light gate page (m.html) that the
    // server sends for the paths /m and /m/CODE; here for #/m… inside the app.
    replace(root, lazyView(async () => (await import('./maps/map-worker')).mapPage(route, signal)));
    return;
  }

  if (isPublicPlace(route)) {
    // Friendly places nearby and a place's page (its sign's QR code): no login needed, no shell.
    if (route.name === 'places') {
      const draw = import('./places/draw');
      replace(root, lazyView(async () => (await import('./places/places-nearby')).nearbyPage(route.search, signal, draw)));
    } else {
      replace(root, lazyView(async () => (await import('./places/place-page')).placePage(route.id, signal)));
    }
    return;
  }

  if (isHonour(route)) {
    // 评选表彰: the campaigns, their votes and a certificate's verify page (its QR code): no login needed, no shell.
    replace(root, lazyView(async () => (await import('./honours/pages')).honoursPage(route, signal)));
    return;
  }

  if (route.name === 'certificateVerify') {
    // 证书验真: anyone checks a certificate's QR code, offline too; no login, no shell.
    replace(root, lazyView(async () => (await import('./training/verify')).verifyPage(signal)));
    return;
  }

  if (route.name === 'rankings') {
    // The monthly lists (优秀放餐企业榜单, 友好小区榜): published ones open without login, no shell.
    replace(root, lazyView(async () => (await import('./rankings/rankings-page')).rankingsPage(route.kind, route.search, signal)));
    return;
  }

  if (route.name === 'register') {
    if (account) {
      go('#/home');
      return;
    }
    replace(
      root,
      lazyView(async () =>
        (await import('./accounts/register')).registerPage(signal, (registered) => {
          account = registered;
          sessionChecked = true;
          go('#/home');
        }),
      ),
    );
    return;
  }

  if (route.name === 'login') {
    if (!account && !sessionChecked) {
      // A bookmarked #/login with a live session cookie goes straight home.
      sessionChecked = true;
      try {
        account = (await api.me(signal, true)).account;
      } catch {
        account = null;
      }
      if (signal.aborted) return;
    }
    if (account) {
      go(`#${route.next ?? '/home'}`);
      return;
    }
    replace(
      root,
      loginPage((loggedIn) => {
        account = loggedIn;
        sessionChecked = true;
        go(`#${route.next ?? '/home'}`);
      }),
    );
    return;
  }

  if (!account) {
    replace(root, h('div', { class: 'boot' }, h('div', { class: 'boot-logo' }, '友'), homeSkeleton()));
    try {
      account = (await api.me(signal, true)).account;
      sessionChecked = true;
    } catch (error) {
      if (api.isAbort(error)) return;
      if (error instanceof api.ApiError && error.status === 401) {
        sessionChecked = true;
        go(loginHashFor(location.hash));
        return;
      }
      // Offline: the pass and gate screens carry on with the account seen last time.
      const cached = error instanceof api.ApiError && error.status === 0 && worksOffline(route) ? api.cachedAccount() : null;
      if (!cached) {
        replace(root, h('div', { class: 'boot' }, errorBox(error, () => void render())));
        return;
      }
      account = cached;
    }
    if (signal.aborted) return;
  }

  if (account.role === 'worker') watchOutbox();
  const content = routeContent(route, account, signal);
  if (!content) return;
  replace(root, shell(account, content, (button) => void logout(button), { compact: route.name === 'pass' || route.name === 'gate' || route.name === 'eventDoor' || route.name === 'mapEdit' || route.name === 'report' }));
}

/** The page for a signed-in route, or null after redirecting elsewhere. */
function routeContent(route: Route, who: Account, signal: AbortSignal): Node | null {
  const setAccount = (fresh: Account): void => {
    account = fresh;
  };
  switch (route.name) {
    case 'home':
      return homePage(signal, setAccount);
    case 'area':
      if (!isOfficer(who.role)) break;
      return route.code === who.area.code ? homePage(signal, setAccount) : officerConsole(who, route.code, null, signal);
    case 'compound':
      if (!isOfficer(who.role) && !isCompoundStaff(who.role)) break;
      return lazyView(async () => (await import('./passes/compound-admin')).compoundAdminPage(who, route.code, signal));
    case 'pass':
      if (who.role !== 'worker') break;
      return lazyView(async () => (await import('./passes/pass')).passPage(who, signal));
    case 'gate':
      if (!isCompoundStaff(who.role)) break;
      return lazyView(async () => (await import('./passes/gate')).gatePage(who, signal));
    case 'myData':
      return lazyView(async () => (await import('./accounts/my-data')).myDataPage(who));
    case 'ridersWaiting':
      if (!canListWorkers(who.role)) break;
      return lazyView(async () => (await import('./accounts/riders-waiting')).ridersWaitingPage(who, signal));
    case 'points':
      if (who.role !== 'worker') break;
      return lazyView(async () => (await import('./points/points-mine')).myPointsPage(who, signal));
    case 'pointsAdmin':
      if (!isOfficer(who.role) || who.role === 'grid_officer') break;
      return lazyView(async () => (await import('./points/points-admin')).pointsAdminPage(who, signal));
    case 'wishes':
      return lazyView(async () => (await import('./wishes/pages')).wishWallPage(who, route.search, signal));
    case 'wishesMine':
      return lazyView(async () => (await import('./wishes/pages')).myWishesPage(who, signal));
    case 'honoursMine':
      if (who.role !== 'worker') break;
      return lazyView(async () => (await import('./honours/mine')).myHonoursPage(signal));
    case 'events':
      return lazyView(async () => (await import('./events/list')).eventsPage(who, route.search, signal));
    case 'eventDetail':
      return lazyView(async () => (await import('./events/list')).eventPage(who, route.id, signal));
    case 'eventsMine':
      if (who.role !== 'worker') break;
      return lazyView(async () => (await import('./events/mine')).myEventsPage(signal));
    case 'eventsManage':
      if (!isEventOrganiser(who.role)) break;
      return lazyView(async () => (await import('./events/manage')).manageEventsPage(who, signal));
    case 'eventNew':
      if (!isEventOrganiser(who.role)) break;
      return lazyView(async () => (await import('./events/manage')).newEventPage(who, signal));
    case 'eventRoster':
      if (!isEventOrganiser(who.role)) break;
      return lazyView(async () => (await import('./events/manage')).rosterPage(route.id, signal));
    case 'eventDoor':
      if (!isEventOrganiser(who.role)) break;
      return lazyView(async () => (await import('./door/door')).doorPage(who, route.id, signal));
    case 'childcare':
      if (who.role !== 'worker' && !isEventOrganiser(who.role)) break;
      return lazyView(async () => (await import('./childcare/pages')).childcarePage(who, signal));
    case 'childcareSheet':
      if (!isEventOrganiser(who.role)) break;
      return lazyView(async () => (await import('./childcare/pages')).attendancePage(route.id, signal));
    case 'volunteers':
      if (who.role !== 'worker' && !isEventOrganiser(who.role)) break;
      return lazyView(async () => (await import('./volunteers/pages')).volunteersPage(who, signal));
    case 'training':
      if (!isEventOrganiser(who.role)) break;
      return lazyView(async () => (await import('./training/admin')).trainingAdminPage(signal));
    case 'trainingContest':
      if (!isEventOrganiser(who.role)) break;
      return lazyView(async () => (await import('./training/admin')).contestPage(route.id, signal));
    case 'trainingMine':
      if (who.role !== 'worker') break;
      return lazyView(async () => (await import('./training/mine')).myTrainingPage(signal));
    case 'calendar':
      if (who.role !== 'worker') break;
      return lazyView(async () => (await import('./calendar/page')).calendarPage(signal));
    case 'wishesQueue':
      if (!isOfficer(who.role) || who.role === 'grid_officer') break;
      return lazyView(async () => (await import('./wishes/pages')).wishQueuePage(who, signal));
    case 'redeem':
      if (who.role !== 'station_keeper' && who.role !== 'merchant') break;
      return lazyView(async () => (await import('./points/redeem-desk')).redeemDeskPage(who, signal));
    case 'sponsors':
      return lazyView(async () => (await import('./sponsors/sponsors-pages')).sponsorsPage(who, signal));
    case 'sponsorPage':
      return lazyView(async () => (await import('./sponsors/sponsors-pages')).sponsorPage(who, route.id, signal));
    case 'drives':
      return lazyView(async () => (await import('./sponsors/drives-page')).drivesPage(who, signal));
    case 'rate':
      if (who.role !== 'worker') break;
      return lazyView(async () => (await import('./passes/rate')).ratePage(signal));
    case 'coverage':
      if (!isOfficer(who.role)) break;
      return lazyView(async () => (await import('./places/coverage')).coveragePage(who, route.code, route.search, signal, import('./places/draw')));
    case 'placesReview':
      if (!isOfficer(who.role)) break;
      return lazyView(async () => (await import('./places/places-review')).reviewPage(who, route.code, signal));
    case 'report':
      if (who.role !== 'worker') break;
      return lazyView(async () => (await import('./reports/report-new')).reportNewPage(who, signal, import('./places/draw')));
    case 'reportsMine':
      if (who.role !== 'worker') break;
      return lazyView(async () => (await import('./reports/reports-mine')).myReportsPage(signal));
    case 'reportDetail':
      return lazyView(async () => (await import('./reports/report-detail')).reportDetailPage(who, route.id, signal));
    case 'reportsQueue':
      if (!isReportStaff(who.role)) break;
      return lazyView(async () => (await import('./reports/reports-queue')).reportsQueuePage(who, route.search, signal));
    case 'gridReporters':
      if (!isOfficer(who.role) || who.role === 'grid_officer') break;
      return lazyView(async () => (await import('./community/grid-reporters')).gridReportersPage(who, signal));
    case 'conductNew':
      if (!isCompoundStaff(who.role)) break;
      return lazyView(async () => (await import('./community/conduct-new')).conductNewPage(signal));
    case 'conductStats':
      if (!isOfficer(who.role)) break;
      return lazyView(async () => (await import('./community/conduct-stats')).conductStatsPage(who, signal));
    case 'notifications':
      return lazyView(async () => (await import('./community/notifications')).notificationsPage(who, signal));
    case 'acceptanceRules':
      if (!isOfficer(who.role) || who.role === 'grid_officer') break;
      return lazyView(async () => (await import('./reports/acceptance-rules')).acceptanceRulesPage(who, route.search, signal, import('./places/draw')));
    case 'mapEdit':
      if (!isOfficer(who.role)) break;
      return lazyView(async () => (await import('./maps/map-editor')).mapEditorPage(who, route.code, signal, import('./maps/draw')));
    default:
      return notFound();
  }
  go('#/home');
  return null;
}

let outboxWatched = false;

/** A worker's report drafts kept offline are sent when the network returns (and once now). */
function watchOutbox(): void {
  if (outboxWatched) return;
  outboxWatched = true;
  const flush = (): void => {
    if (!navigator.onLine || account?.role !== 'worker') return;
    void import('./reports/outbox').then((outbox) => outbox.flushOutbox()).catch(() => undefined);
  };
  window.addEventListener('online', flush);
  flush();
}

function offlineBanner(): void {
  const banner = h('div', { class: 'offline', role: 'status', 'data-testid': 'offline-banner', hidden: navigator.onLine }, icon(icons.wifiOff), h('span', null, t('offline.banner')));
  document.body.prepend(banner);
  const update = (): void => {
    banner.hidden = navigator.onLine;
    banner.lastElementChild!.textContent = t('offline.banner');
    document.body.classList.toggle('is-offline', !navigator.onLine);
  };
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
  onLangChange(update);
  update();
}

initLang();
registerServiceWorker();
offlineBanner();
onLangChange(() => void render());
window.addEventListener('hashchange', () => void render());
void render();
