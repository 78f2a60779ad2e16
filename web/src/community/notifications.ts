/**
 * #/notifications: the account's notifications, newest first; opening the page marks them read.
 * While it is open, a new notification (the inbox's event stream, community/inbox-live.ts) shows up
 * at the top without a reload, and is marked read too.
 */

import * as api from './api';
import { announceInbox, watchInbox } from './inbox-live';
import { tc, shortStamp } from './messages';
import { h, replace } from '../shell/dom';
import { fillAsync, skeletonLines } from '../shell/ui';
import type { Account } from '../shell/types';

/**
 * Where a notification leads: its report; the home screen for news about the account itself (an
 * appointment as grid reporter, a registration verified or refused: `worker_*`); else nowhere.
 */
export function notificationHref(n: api.Notification): string | null {
  if (n.report_id != null) return `#/reports/${n.report_id}`;
  if (n.kind === 'grid_appointed' || n.kind?.startsWith('worker_')) return '#/home';
  return null;
}

function item(n: api.Notification): HTMLElement {
  const href = notificationHref(n);
  const body = [
    h('span', { class: 'notify-dot', 'aria-hidden': 'true' }),
    h('span', { class: 'notify-text' }, h('span', { class: 'notify-message' }, n.message), h('time', { class: 'notify-time', datetime: n.at }, shortStamp(n.at))),
    n.read ? null : h('span', { class: 'badge badge-accent' }, tc('notify.unread')),
  ];
  return h(
    'li',
    { class: `notify-item${n.read ? '' : ' is-unread'}`, 'data-testid': 'notify-item', 'data-report-id': String(n.report_id), 'data-kind': n.kind ?? '' },
    href ? h('a', { class: 'notify-link', href }, ...body) : h('div', { class: 'notify-link' }, ...body),
  );
}

export function notificationsPage(who: Account, signal: AbortSignal): HTMLElement {
  const slot = h('div');
  let newest = 0;
  let loaded = false;
  let loading = false;
  let again = false;

  /** The list, and everything in it marked read (the bell is told at once). */
  const load = async (): Promise<HTMLElement> => {
    const answer = await api.notifications(false, signal);
    const items = answer.items;
    newest = items.reduce((max, n) => Math.max(max, n.id), newest);
    loaded = true;
    if (answer.unread > 0 && newest > 0) {
      void api.markNotificationsRead(newest).then(
        () => announceInbox({ unread: 0, latest: newest }),
        () => undefined,
      );
    }
    const list =
      items.length === 0
        ? h('p', { class: 'muted', 'data-testid': 'notify-empty' }, tc('notify.empty'))
        : h('ul', { class: 'notify-list', 'data-testid': 'notify-list' }, items.map(item));
    return h('div', { class: 'page', 'data-testid': 'notifications-page' }, h('section', { class: 'section' }, h('div', { class: 'section-head' }, h('h1', { class: 'section-title' }, tc('notify.title'))), h('div', { class: 'card' }, list)));
  };

  /** Something newer than the list arrived: read the list again, in place (one reload at a time). */
  const refresh = (): void => {
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    load().then(
      (page) => {
        if (!signal.aborted) replace(slot, page);
      },
      () => undefined,
    ).finally(() => {
      loading = false;
      if (again && !signal.aborted) {
        again = false;
        refresh();
      }
    });
  };

  fillAsync(slot, () => skeletonLines(4), load);
  const stop = watchInbox(
    who.login,
    (state) => {
      if (loaded && state.latest > newest) refresh();
    },
    () => !signal.aborted,
  );
  signal.addEventListener('abort', stop);
  return slot;
}
