/** The officer console: stats, sub-areas with drill-down, compounds, workers, audit log. */

import * as api from './api';
import { tc } from '../community/messages';
import { tpt } from '../points/messages';
import { h, icon, replace } from '../shell/dom';
import { areaName, canListWorkers, isOfficer, levelLabel } from '../shell/format';
import { formatNumber, t } from '../shell/i18n';
import { icons } from '../shell/icons';
import type { Account, Area, AreaResponse, HomeResponse } from '../shell/types';
import { badge, fillAsync, section, skeletonLines, skeletonStats, statCard, tile } from '../shell/ui';
import { auditSection, compoundsSection, workersSection } from './lists';
import { ta } from './messages';
import { drivesTile, sponsorTile } from '../sponsors/tile';
import { wishQueueTile } from '../wishes/tile';
import { rankingsTile } from '../rankings/tile';
import { honoursTile } from '../honours/tile';
import { eventsManageTile } from '../events/tile';
import { trainingAdminTile } from '../training/tile';
import { volunteersTile } from '../volunteers/tile';
import './verification.css';

/** The riders of the area waiting for verification, one tap from the inbox (#/riders/waiting). */
function waitingRiders(signal: AbortSignal): HTMLElement {
  const slot = h('div', { 'data-testid': 'waiting-riders' });
  api.workers({ status: 'pending', limit: 1 }, signal).then(
    (page) =>
      replace(
        slot,
        h(
          'a',
          { class: 'card waiting-card', href: '#/riders/waiting', 'data-testid': 'waiting-card', 'data-count': String(page.total) },
          icon(icons.user),
          h('span', { class: 'waiting-count', 'data-testid': 'waiting-count' }, formatNumber(page.total)),
          h('span', { class: 'waiting-text' }, page.total > 0 ? ta('waiting.count', { count: formatNumber(page.total) }) : ta('waiting.none')),
          h('span', { class: 'btn btn-primary' }, ta('waiting.open')),
        ),
      ),
    () => undefined,
  );
  return slot;
}

export function areaHref(code: string): string {
  return `#/areas/${encodeURIComponent(code)}`;
}

function breadcrumb(account: Account, detail: AreaResponse): HTMLElement {
  const chain = [...detail.ancestors, detail.area];
  const scopeIndex = chain.findIndex((a) => a.code === account.area.code);
  if (chain.length < 2) return h('span', { hidden: true, 'data-testid': 'breadcrumb' });
  return h(
    'nav',
    { class: 'breadcrumb', 'aria-label': t('nav.breadcrumb'), 'data-testid': 'breadcrumb' },
    h(
      'ol',
      null,
      chain.map((a, i) => {
        const last = i === chain.length - 1;
        const reachable = scopeIndex >= 0 && i >= scopeIndex && !last;
        const target = i === scopeIndex ? '#/home' : areaHref(a.code);
        return h(
          'li',
          null,
          reachable ? h('a', { href: target }, areaName(a)) : h('span', { 'aria-current': last ? 'page' : null }, areaName(a)),
        );
      }),
    ),
  );
}

function childList(children: Area[]): HTMLElement {
  if (children.length === 0) return h('div', { class: 'card empty' }, ta('console.noChildren'));
  return h(
    'ul',
    { class: 'child-list', 'data-testid': 'child-areas' },
    children.map((child) =>
      h(
        'li',
        null,
        h(
          'a',
          { class: 'child', href: areaHref(child.code), 'data-code': child.code },
          h('span', { class: 'child-level' }, levelLabel(child.level)),
          h('span', { class: 'child-name' }, areaName(child)),
          // A compound's own count (itself) says nothing; higher levels show how many compounds they hold.
          child.level === 'compound'
            ? null
            : h('span', { class: 'child-count' }, ta(child.compound_count === 1 ? 'console.compoundCountOne' : 'console.compoundCount', { count: formatNumber(child.compound_count ?? 0) })),
          icon(icons.chevron, 'child-chevron'),
        ),
      ),
    ),
  );
}

/**
 * `home` is the /home payload when the console shows the account's own area
 * (stats and the audit log come with it); null when drilled into another area.
 */
export function officerConsole(account: Account, areaCode: string, home: HomeResponse | null, signal: AbortSignal): HTMLElement {
  const own = home !== null;
  const head = h('div', { class: 'console-head' });
  const children = h('div');
  const stats = h('div');

  const detailPromise = api.area(areaCode, signal);
  // The header, breadcrumb and sub-areas all come from /areas/{code}.
  fillAsync(head, () => h('div', { class: 'sk sk-title' }), async () => {
    const detail = await detailPromise;
    return [
      breadcrumb(account, detail),
      h(
        'div',
        { class: 'console-title' },
        h('h1', { 'data-testid': 'console-area' }, areaName(detail.area)),
        badge(levelLabel(detail.area.level), 'accent'),
        h('span', { class: 'muted mono' }, detail.area.code),
        own ? null : h('a', { class: 'btn btn-link', href: '#/home' }, ta('console.backHome')),
      ),
    ];
  });
  fillAsync(children, () => skeletonLines(5), async () => childList((await detailPromise).children));

  if (home) {
    const s = home.stats;
    replace(
      stats,
      h(
        'div',
        { class: 'stats stats-6', 'data-testid': 'console-stats' },
        statCard(ta('stats.communities'), s.communities, 'stat-communities'),
        statCard(ta('stats.compounds'), s.compounds, 'stat-compounds'),
        statCard(ta('stats.workers'), s.workers, 'stat-workers', true),
        statCard(ta('stats.verified_workers'), s.verified_workers, 'stat-verified'),
        statCard(ta('stats.depots'), s.depots, 'stat-depots'),
        statCard(ta('stats.accounts'), s.accounts, 'stat-accounts'),
      ),
    );
  } else {
    fillAsync(stats, () => skeletonStats(4), async () => {
      const [detail, all, verified] = await Promise.all([
        detailPromise,
        api.workers({ area: areaCode, limit: 1 }, signal),
        api.workers({ area: areaCode, status: 'verified', limit: 1 }, signal),
      ]);
      return h(
        'div',
        { class: 'stats stats-4', 'data-testid': 'console-stats' },
        statCard(ta('stats.children'), detail.children.length, 'stat-children'),
        statCard(ta('stats.compounds'), detail.area.compound_count, 'stat-compounds'),
        statCard(ta('stats.workers'), all.total, 'stat-workers', true),
        statCard(ta('stats.verified_workers'), verified.total, 'stat-verified'),
      );
    });
  }

  // Friendly places of this area: the review queue (community level and above) and coverage.
  const places = h('div', { 'data-testid': 'places-tools' });
  detailPromise.then(
    (detail) => {
      if (signal.aborted || detail.area.level === 'compound') return;
      replace(
        places,
        section(
          ta('console.places'),
          h(
            'div',
            { class: 'tiles tiles-2' },
            tile({ icon: icons.clipboard, title: ta('console.placesReview'), desc: ta('console.placesReview.desc'), href: `#/review/${encodeURIComponent(areaCode)}`, testid: 'tile-places-review' }),
            tile({ icon: icons.map, title: ta('console.coverage'), desc: ta('console.coverage.desc'), href: `#/coverage/${encodeURIComponent(areaCode)}`, testid: 'tile-coverage' }),
            own ? rankingsTile() : null,
            own ? honoursTile() : null,
          ),
          { testid: 'places-section' },
        ),
        section(
          ta('console.reports'),
          h(
            'div',
            { class: 'tiles tiles-2' },
            tile({ icon: icons.camera, title: ta('tile.handle'), desc: ta('tile.handle.desc'), href: `#/reports${own ? '' : `?area=${encodeURIComponent(areaCode)}`}`, testid: 'tile-reports' }),
            own && account.role !== 'grid_officer' ? tile({ icon: icons.user, title: tc('tile.gridReporters'), desc: tc('tile.gridReporters.desc'), href: '#/grid-reporters', testid: 'tile-grid-reporters' }) : null,
            own ? tile({ icon: icons.shield, title: tc('tile.conductStats'), desc: tc('tile.conductStats.desc'), href: '#/conduct', testid: 'tile-conduct-stats' }) : null,
            account.role !== 'grid_officer'
              ? tile({ icon: icons.clipboard, title: ta('tile.rules'), desc: ta('tile.rules.desc'), href: `#/acceptance-rules${own ? '' : `?area=${encodeURIComponent(areaCode)}`}`, testid: 'tile-acceptance-rules' })
              : null,
          ),
          { testid: 'reports-section' },
        ),
        own && account.role !== 'grid_officer'
          ? section(
              tpt('tile.admin'),
              h(
                'div',
                { class: 'tiles tiles-2' },
                tile({ icon: icons.gift, title: tpt('tile.admin'), desc: tpt('tile.admin.desc'), href: '#/points/admin', testid: 'tile-points-admin' }),
                sponsorTile(false),
                drivesTile(),
                wishQueueTile(),
                eventsManageTile(),
                trainingAdminTile(),
                volunteersTile(),
              ),
              { testid: 'points-section' },
            )
          : null,
      );
    },
    () => undefined,
  );

  const page = h(
    'div',
    { class: 'page page-console', 'data-testid': 'home-officer' },
    head,
    own && canListWorkers(account.role) ? waitingRiders(signal) : null,
    h('section', { class: 'section' }, stats),
    places,
    h(
      'div',
      { class: 'console-grid' },
      section(ta('console.areas'), children, { testid: 'areas-section' }),
      compoundsSection(areaCode, signal),
    ),
    workersSection(areaCode, signal, undefined, account.role),
    own && isOfficer(account.role) ? auditSection(signal) : null,
  );
  // A compound: its access plan, whitelist and friendliness instead of sub-areas (a separate chunk).
  detailPromise.then(
    async (detail) => {
      if (detail.area.level !== 'compound' || signal.aborted) return;
      const { compoundAdminSections } = await import('../passes/compound-admin');
      if (signal.aborted) return;
      replace(page, head, compoundAdminSections(account, areaCode, signal));
    },
    () => undefined,
  );
  return page;
}
