/** #/home: loads /api/v1/home and shows the screen for the account's role group. */

import * as api from './api';
import { h } from '../shell/dom';
import { roleGroup } from '../shell/format';
import type { Account } from '../shell/types';
import { fillAsync, skeletonLines, skeletonStats } from '../shell/ui';
import { compoundHome } from './compound-home';
import { officerConsole } from './officer';
import { placeHome } from './place-home';
import { workerHome } from './worker-home';

export function homeSkeleton(): HTMLElement {
  return h('div', { class: 'page' }, h('div', { class: 'section' }, skeletonStats(3)), h('div', { class: 'grid-2' }, skeletonLines(5), skeletonLines(5)));
}

export function homePage(signal: AbortSignal, onAccount: (account: Account) => void): HTMLElement {
  const slot = h('div', { 'data-testid': 'home' });
  fillAsync(slot, homeSkeleton, async () => {
    const data = await api.home(signal);
    onAccount(data.account);
    switch (roleGroup(data.account.role)) {
      case 'worker':
        return workerHome(data);
      case 'compound':
        return compoundHome(data);
      case 'officer':
        return officerConsole(data.account, data.account.area.code, data, signal);
      default:
        return placeHome(data, signal);
    }
  });
  return slot;
}
