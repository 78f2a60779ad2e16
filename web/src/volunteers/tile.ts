/** The 志愿服务 tile (workers' and organisers' homes), in the main chunk, so its words are here and small. */

import { featureMessages } from '../shell/i18n';
import { icons } from '../shell/icons';
import { tile } from '../shell/ui';

const zh = { 'tile.title': '志愿服务', 'tile.desc': '志愿队、服务时长、聘书' } as const;
const en: Record<keyof typeof zh, string> = { 'tile.title': 'Volunteering', 'tile.desc': 'Teams, hours and appointment letters' };
const tvt = featureMessages({ zh, en }).t;

export function volunteersTile(): HTMLElement {
  return tile({ icon: icons.heart, title: tvt('tile.title'), desc: tvt('tile.desc'), href: '#/volunteers', testid: 'tile-volunteers' });
}
