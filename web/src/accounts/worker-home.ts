/** Home for workers (骑手): "我的" card, upcoming service tiles, nearby counts. */

import { gridReporterBadge } from '../community/grid-badge';
import { h, icon } from '../shell/dom';
import { areaName, kindLabel, statusLabel } from '../shell/format';
import { t } from '../shell/i18n';
import { icons } from '../shell/icons';
import type { HomeResponse } from '../shell/types';
import { badge, card, fields, section, statCard, statusTone, tile } from '../shell/ui';

export function workerHome(data: HomeResponse): HTMLElement {
  const worker = data.worker;
  const mine = worker
    ? card(
        [
          h(
            'div',
            { class: 'profile-head' },
            h('div', { class: 'avatar', 'aria-hidden': 'true' }, worker.name.slice(0, 1)),
            h(
              'div',
              { class: 'profile-name' },
              h('strong', { 'data-testid': 'worker-name' }, worker.name),
              h('span', null, `${worker.platform} · ${kindLabel(worker.kind)}`),
            ),
            badge(statusLabel(worker.status), statusTone(worker.status), 'worker-status'),
          ),
          fields([
            [t('worker.platform'), worker.platform, 'worker-platform'],
            [t('worker.kind'), kindLabel(worker.kind), 'worker-kind'],
            [t('worker.depot'), worker.depot || '—', 'worker-depot'],
            [t('worker.phone'), h('span', { class: 'mono' }, worker.phone_masked), 'worker-phone'],
            [t('worker.status'), statusLabel(worker.status)],
            [t('worker.community'), areaName(data.account.area)],
          ]),
        ],
        'profile',
      )
    : card(h('p', { class: 'muted' }, t('worker.notRegistered')));

  const verified = worker?.status === 'verified';
  const photoFailed = sessionStorage.getItem('youhao.photoFailed') === '1';
  const tiles = h(
    'div',
    { class: 'tiles' },
    verified
      ? tile({ icon: icons.qr, title: t('tile.entryPass'), desc: t('tile.entryPass.desc'), href: '#/pass', testid: 'tile-entry-pass' })
      : tile({ icon: icons.qr, title: t('tile.entryPass'), desc: t('tile.entryPass.pending'), note: worker ? statusLabel(worker.status) : t('common.soon'), testid: 'tile-entry-pass' }),
    tile({ icon: icons.star, title: t('tile.rate'), desc: t('tile.rate.desc'), href: '#/rate', testid: 'tile-rate' }),
    tile({ icon: icons.building, title: t('tile.wayfinding'), desc: t('tile.wayfinding.desc'), href: '#/m', testid: 'tile-wayfinding' }),
    tile({ icon: icons.station, title: t('tile.stations'), desc: t('tile.stations.desc'), href: '#/places', testid: 'tile-stations' }),
    tile({ icon: icons.camera, title: t('tile.report'), desc: t('tile.report.desc'), href: '#/report', testid: 'tile-report' }),
    tile({ icon: icons.clipboard, title: t('tile.myReports'), desc: t('tile.myReports.desc'), href: '#/reports/mine', testid: 'tile-my-reports' }),
  );

  const stats = data.stats;
  const nearby = h(
    'div',
    { class: 'stats stats-3' },
    statCard(t('stats.places'), stats.places, 'stat-places', true),
    statCard(t('stats.depots'), stats.depots, 'stat-depots'),
    statCard(t('stats.compounds'), stats.compounds, 'stat-compounds'),
  );

  const pending =
    worker && worker.status === 'pending'
      ? h(
          'div',
          { class: 'notice notice-warn', role: 'status', 'data-testid': 'pending-notice' },
          icon(icons.shield),
          h('div', null, h('strong', null, t('worker.pendingTitle')), h('span', null, t('worker.pendingText')), photoFailed ? h('span', null, t('worker.photoFailed')) : null),
        )
      : null;

  return h(
    'div',
    { class: 'page page-worker', 'data-testid': 'home-worker' },
    pending,
    gridReporterBadge('badge'),
    h('div', { class: 'grid-2' }, section(t('worker.mine'), mine, { testid: 'worker-card' }), section(t('worker.services'), tiles)),
    section(t('worker.nearby'), nearby),
  );
}
