/**
 * The 我的积分 tile on the worker's home (in the main chunk, so it stays small): a link to
 * #/points whose line shows the balance, from GET /me/points or, offline, the copy 我的积分 kept.
 */

import { icons } from '../shell/icons';
import { formatNumber } from '../shell/i18n';
import type { Account } from '../shell/types';
import { tile } from '../shell/ui';
import * as api from './api';
import { tpt } from './messages';
import { keptPoints } from './model';

export function pointsTile(account: Account): HTMLElement {
  const element = tile({ icon: icons.gift, title: tpt('tile.mine'), desc: tpt('tile.mine.desc'), href: '#/points', testid: 'tile-points' });
  const show = (balance: number): void => {
    element.setAttribute('data-balance', String(balance));
    const desc = element.querySelector('.tile-desc');
    if (desc) desc.textContent = tpt('tile.mine.balance', { count: formatNumber(balance) });
  };
  let store: Storage | null;
  try {
    store = typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    store = null;
  }
  const copy = keptPoints(store, account.id);
  if (copy) show(copy.answer.balance);
  api.myPoints(undefined, 1).then(
    (answer) => show(answer.balance),
    () => undefined,
  );
  return element;
}
