/**
 * The 月度榜单 tile (in the main chunk, so it stays small): a link to the monthly lists, 优秀放餐企业榜单
 * first, for the worker's home and the officers' console.
 */

import { icons } from '../shell/icons';
import { tile } from '../shell/ui';
import { featureMessages } from '../shell/i18n';
import { tileEn, tileZh } from './tile-words';

const trk = featureMessages({ zh: tileZh, en: tileEn }).t;

export function rankingsTile(): HTMLElement {
  return tile({ icon: icons.star, title: trk('tile.rankings'), desc: trk('tile.rankings.desc'), href: '#/rankings/merchants', testid: 'tile-rankings' });
}
