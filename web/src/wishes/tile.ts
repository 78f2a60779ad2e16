/**
 * The 我的心愿 tile on the worker's home, the 心愿墙 tile on the sponsor's and 心愿审核 on the
 * console of community officers and above (in the main chunk, so it stays small).
 */

import { icons } from '../shell/icons';
import { tile } from '../shell/ui';
import { featureMessages } from '../shell/i18n';
import { tileEn, tileZh } from './tile-words';

const twi = featureMessages({ zh: tileZh, en: tileEn }).t;

export function workerWishTile(): HTMLElement {
  return tile({ icon: icons.heart, title: twi('tile.worker'), desc: twi('tile.worker.desc'), href: '#/wishes/mine', testid: 'tile-wishes' });
}

export function sponsorWishTile(): HTMLElement {
  return tile({ icon: icons.gift, title: twi('tile.sponsor'), desc: twi('tile.sponsor.desc'), href: '#/wishes', testid: 'tile-wishes' });
}

export function wishQueueTile(): HTMLElement {
  return tile({ icon: icons.clipboard, title: twi('tile.queue'), desc: twi('tile.queue.desc'), href: '#/wishes/queue', testid: 'tile-wish-queue' });
}
