/**
 * The 我的积分 tile on the worker's home (in the main chunk, so it stays small): a link to
 * #/points whose line shows the balance, from GET /me/points or, offline, the copy 我的积分 kept.
 * The 兑换核销 tile on the homes of station keepers and merchants: a link to #/redeem.
 */

import { icons } from '../shell/icons';
import { featureMessages, formatNumber } from '../shell/i18n';
import type { Account } from '../shell/types';
import { tile } from '../shell/ui';
import * as api from './api';
import { tileEn, tileZh } from './tile-words';
import { keptPoints } from './model';

const tpt = featureMessages({ zh: tileZh, en: tileEn }).t;

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

export function redeemTile(): HTMLElement {
  return tile({ icon: icons.scan, title: tpt('tile.redeem'), desc: tpt('tile.redeem.desc'), href: '#/redeem', testid: 'tile-redeem' });
}
