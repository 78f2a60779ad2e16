/** The tiles of the sponsor pages: 我的爱心单位 and 一本书的旅行 on a sponsor's home, 爱心单位 for officers. */

import { icons } from '../shell/icons';
import { tile } from '../shell/ui';
import { featureMessages } from '../shell/i18n';
import { tileEn, tileZh } from './tile-words';

const tsp = featureMessages({ zh: tileZh, en: tileEn }).t;

export function sponsorTile(mine: boolean): HTMLElement {
  return mine
    ? tile({ icon: icons.heart, title: tsp('tile.mine'), desc: tsp('tile.mine.desc'), href: '#/sponsors', testid: 'tile-sponsor' })
    : tile({ icon: icons.heart, title: tsp('tile.list'), desc: tsp('tile.list.desc'), href: '#/sponsors', testid: 'tile-sponsors' });
}

export function drivesTile(): HTMLElement {
  return tile({ icon: icons.box, title: tsp('tile.drives'), desc: tsp('tile.drives.desc'), href: '#/drives', testid: 'tile-drives' });
}
