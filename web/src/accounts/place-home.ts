/** Home for station keepers, friendly merchants and sponsors: their area, its numbers, their tools. */

import * as api from './api';
import { h } from '../shell/dom';
import { areaName, canListWorkers, levelLabel } from '../shell/format';
import { t } from '../shell/i18n';
import { icons } from '../shell/icons';
import type { HomeResponse } from '../shell/types';
import { card, fields, fillAsync, lazyView, section, skeletonLines, statCard, tile } from '../shell/ui';
import { workersSection } from './lists';

export function placeHome(data: HomeResponse, signal: AbortSignal): HTMLElement {
  const { account, stats } = data;
  const areaSlot = h('div');
  fillAsync(areaSlot, () => skeletonLines(4), async () => {
    const detail = await api.area(account.area.code, signal);
    const path = [...detail.ancestors, detail.area].map((a) => areaName(a)).join(' › ');
    return card(
      [
        h(
          'div',
          { class: 'place-head' },
          h('div', { class: 'place-icon', html: icons.pin, 'aria-hidden': 'true' }),
          h('div', null, h('strong', { class: 'place-name', 'data-testid': 'place-area-name' }, areaName(detail.area)), h('span', { class: 'muted' }, path)),
        ),
        fields([
          [t('place.areaName'), areaName(detail.area)],
          [t('place.level'), levelLabel(detail.area.level)],
          [t('common.code'), h('span', { class: 'mono' }, detail.area.code)],
        ]),
      ],
      'place-card',
    );
  });

  const role = account.role;
  // Keepers and merchants run their places below (我的场所); the riders' page is one tap away.
  const nearby = tile({ icon: icons.map, title: t('tile.nearbyPlaces'), desc: t('tile.nearbyPlaces.desc'), href: '#/places', testid: 'tile-nearby-places' });
  const tiles =
    role === 'station_keeper'
      ? [nearby, tile({ icon: icons.clipboard, title: t('tile.handle'), desc: t('tile.handle.desc'), href: '#/reports', testid: 'tile-reports' })]
      : role === 'merchant'
        ? [nearby, tile({ icon: icons.bowl, title: t('tile.canteen'), desc: t('tile.canteen.desc') })]
        : [
            tile({ icon: icons.gift, title: t('tile.wishes'), desc: t('tile.wishes.desc') }),
            tile({ icon: icons.heart, title: t('tile.drives'), desc: t('tile.drives.desc') }),
          ];

  const overview = h(
    'div',
    { class: 'stats stats-4' },
    statCard(t('stats.places'), stats.places, 'stat-places', true),
    statCard(t('stats.compounds'), stats.compounds, 'stat-compounds'),
    statCard(t('stats.workers'), stats.workers, 'stat-workers'),
    statCard(t('stats.depots'), stats.depots, 'stat-depots'),
  );

  return h(
    'div',
    { class: 'page page-place', 'data-testid': 'home-place' },
    h('div', { class: 'grid-2' }, section(t('place.area'), areaSlot, { testid: 'place-card' }), section(t('worker.services'), h('div', { class: 'tiles' }, tiles))),
    role === 'station_keeper' || role === 'merchant' ? lazyView(async () => (await import('../places/places-keeper')).myPlacesSection(account, signal)) : null,
    section(t('place.inArea'), overview),
    canListWorkers(role) ? workersSection(account.area.code, signal, t('place.workersHere'), role) : null,
  );
}
