/** Home for guards and property managers: their compound and the gate tools. */

import { tc } from '../community/messages';
import { h, replace } from '../shell/dom';
import { formatCoordinates } from '../shell/format';
import { t } from '../shell/i18n';
import { icons } from '../shell/icons';
import type { HomeResponse } from '../shell/types';
import { card, fields, section, tile } from '../shell/ui';
import { ta } from './messages';

export function compoundHome(data: HomeResponse): HTMLElement {
  const compound = data.compound;
  const info = compound
    ? card(
        [
          h(
            'div',
            { class: 'place-head' },
            h('div', { class: 'place-icon', html: icons.building, 'aria-hidden': 'true' }),
            h('div', null, h('strong', { class: 'place-name', 'data-testid': 'compound-name' }, compound.name_zh), h('span', { class: 'muted mono', 'data-testid': 'compound-code' }, compound.code)),
          ),
          fields([
            [ta('compound.address'), compound.address || '—', 'compound-address'],
            [ta('compound.location'), h('span', { class: 'mono' }, formatCoordinates(compound.lat, compound.lon))],
          ]),
        ],
        'place-card',
      )
    : card(h('p', { class: 'muted' }, ta('compound.missing')));

  // The compound's rules as riders read them (maps/compound-rules.ts), loaded apart from this page.
  const rules = h('div');
  if (compound) void import('../maps/compound-rules').then(({ compoundRules }) => replace(rules, compoundRules(compound.code)), () => undefined);
  const isProperty = data.account.role === 'property_manager';
  const scan = tile({ icon: icons.scan, title: t('tile.scan'), desc: ta('tile.scan.desc'), big: true, href: '#/gate', testid: 'tile-scan' });
  const more = h(
    'div',
    { class: 'tiles' },
    tile({ icon: icons.map, title: ta('tile.map'), desc: ta('tile.map.desc'), href: compound ? `#/m/${encodeURIComponent(compound.code)}` : undefined, testid: 'tile-map' }),
    tile({ icon: icons.shield, title: tc('tile.conduct'), desc: tc('tile.conduct.desc'), href: '#/conduct/new', testid: 'tile-conduct' }),
    tile({ icon: icons.box, title: ta('tile.dropoff'), desc: ta('tile.dropoff.desc') }),
    isProperty ? tile({ icon: icons.clipboard, title: ta('tile.handle'), desc: ta('tile.handle.desc'), href: '#/reports', testid: 'tile-reports' }) : null,
    isProperty && compound ? tile({ icon: icons.route, title: ta('tile.accessPlan'), desc: ta('tile.accessPlan.desc'), href: `#/compounds/${encodeURIComponent(compound.code)}`, testid: 'tile-access-plan' }) : null,
  );

  return h(
    'div',
    { class: 'page page-compound', 'data-testid': 'home-compound' },
    h('div', { class: 'grid-2' }, h('div', null, section(ta('compound.gate'), scan), section(ta('compound.title'), info, { testid: 'compound-card' }), rules), section(ta('worker.services'), more)),
  );
}
