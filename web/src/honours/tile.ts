/** The 评选表彰 tile on the home pages (in the main chunk, so it stays small). */

import { icons } from '../shell/icons';
import { tile } from '../shell/ui';
import { tho } from './messages';

export function honoursTile(): HTMLElement {
  return tile({ icon: icons.star, title: tho('tile.title'), desc: tho('tile.desc'), href: '#/honours', testid: 'tile-honours' });
}
