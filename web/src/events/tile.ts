/** The 活动 · 近期 tile (worker's home) and 活动管理 (organisers' homes), in the main chunk, so small. */

import { icons } from '../shell/icons';
import { tile } from '../shell/ui';
import { featureMessages } from '../shell/i18n';
import { tileEn, tileZh } from './tile-words';

const tev = featureMessages({ zh: tileZh, en: tileEn }).t;

export function eventsTile(): HTMLElement {
  return tile({ icon: icons.star, title: tev('tile.events'), desc: tev('tile.events.desc'), href: '#/events', testid: 'tile-events' });
}

export function eventsManageTile(): HTMLElement {
  return tile({ icon: icons.clipboard, title: tev('tile.manage'), desc: tev('tile.manage.desc'), href: '#/events/manage', testid: 'tile-events-manage' });
}
