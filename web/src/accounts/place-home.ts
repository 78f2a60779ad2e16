/** Home for station keepers, friendly merchants and sponsors: their area, its numbers, their tools. */

import * as api from './api';
import { h } from '../shell/dom';
import { areaName, canListWorkers, levelLabel } from '../shell/format';
import { t } from '../shell/i18n';
import { icons } from '../shell/icons';
import type { HomeResponse } from '../shell/types';
import { card, fields, fillAsync, lazyView, section, skeletonLines, statCard, tile } from '../shell/ui';
import { workersSection } from './lists';
import { ta } from './messages';
import { redeemTile } from '../points/tile';
import { drivesTile, sponsorTile } from '../sponsors/tile';
import { sponsorWishTile } from '../wishes/tile';
import { eventsManageTile } from '../events/tile';
import { certificateVerifyTile, trainingAdminTile } from '../training/tile';
import { volunteersTile } from '../volunteers/tile';

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
          [ta('place.areaName'), areaName(detail.area)],
          [ta('place.level'), levelLabel(detail.area.level)],
          [t('common.code'), h('span', { class: 'mono' }, detail.area.code)],
        ]),
      ],
      'place-card',
    );
  });

  const role = account.role;
  // Keepers and merchants run their places below (我的场所); the riders' page is one tap away.
  const nearby = tile({ icon: icons.map, title: ta('tile.nearbyPlaces'), desc: ta('tile.nearbyPlaces.desc'), href: '#/places', testid: 'tile-nearby-places' });
  const tiles =
    role === 'station_keeper'
      ? [redeemTile(), nearby, tile({ icon: icons.clipboard, title: ta('tile.handle'), desc: ta('tile.handle.desc'), href: '#/reports', testid: 'tile-reports' }), drivesTile(), eventsManageTile(), trainingAdminTile()]
      : role === 'merchant'
        ? [redeemTile(), nearby, tile({ icon: icons.bowl, title: ta('tile.canteen'), desc: ta('tile.canteen.desc') })]
        : role === 'union_staff'
          ? [eventsManageTile(), trainingAdminTile(), volunteersTile(), certificateVerifyTile(), nearby]
          : [
              sponsorTile(true),
              sponsorWishTile(),
              drivesTile(),
              eventsManageTile(),
            ];

  const overview = h(
    'div',
    { class: 'stats stats-4' },
    statCard(ta('stats.places'), stats.places, 'stat-places', true),
    statCard(ta('stats.compounds'), stats.compounds, 'stat-compounds'),
    statCard(ta('stats.workers'), stats.workers, 'stat-workers'),
    statCard(ta('stats.depots'), stats.depots, 'stat-depots'),
  );

  return h(
    'div',
    { class: 'page page-place', 'data-testid': 'home-place' },
    h('div', { class: 'grid-2' }, section(ta('place.area'), areaSlot, { testid: 'place-card' }), section(ta('worker.services'), h('div', { class: 'tiles' }, tiles))),
    role === 'station_keeper' || role === 'merchant' ? lazyView(async () => (await import('../places/places-keeper')).myPlacesSection(account, signal)) : null,
    section(ta('place.inArea'), overview),
    canListWorkers(role) ? workersSection(account.area.code, signal, ta('place.workersHere'), role) : null,
  );
}
