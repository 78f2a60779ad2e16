/** The 评选表彰 and 我的荣誉 tiles on the home pages (in the main chunk, so they stay small). */

import { icons } from '../shell/icons';
import { tile } from '../shell/ui';
import { featureMessages } from '../shell/i18n';
import { tileEn, tileZh } from './tile-words';

const tho = featureMessages({ zh: tileZh, en: tileEn }).t;

export function honoursTile(): HTMLElement {
  return tile({ icon: icons.star, title: tho('tile.title'), desc: tho('tile.desc'), href: '#/honours', testid: 'tile-honours' });
}

/** 我的荣誉 on the worker's home: their nominations, awards and certificates. */
export function myHonoursTile(): HTMLElement {
  return tile({ icon: icons.star, title: tho('mine.title'), desc: tho('mine.tile.desc'), href: '#/honours/mine', testid: 'tile-my-honours' });
}
