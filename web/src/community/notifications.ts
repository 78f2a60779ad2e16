/** #/notifications: the account's notifications, newest first; opening the page marks them read. */

import * as api from './api';
import { tc, shortStamp } from './messages';
import { h } from '../shell/dom';
import { fillAsync, skeletonLines } from '../shell/ui';

export function notificationsPage(signal: AbortSignal): HTMLElement {
  const slot = h('div');
  fillAsync(slot, () => skeletonLines(4), async () => {
    const answer = await api.notifications(false, signal);
    const items = answer.items;
    const newest = items.reduce((max, n) => Math.max(max, n.id), 0);
    if (answer.unread > 0 && newest > 0) {
      // Seen now: mark read up to the newest shown, then let the bell know.
      void api.markNotificationsRead(newest).then(
        () => {
          const bell = document.querySelector<HTMLElement>('[data-testid="notify-bell"]');
          const count = bell?.querySelector<HTMLElement>('[data-testid="notify-count"]');
          if (bell) bell.dataset.unread = '0';
          if (count) count.hidden = true;
        },
        () => undefined,
      );
    }
    const list =
      items.length === 0
        ? h('p', { class: 'muted', 'data-testid': 'notify-empty' }, tc('notify.empty'))
        : h(
            'ul',
            { class: 'notify-list', 'data-testid': 'notify-list' },
            items.map((n) =>
              h(
                'li',
                { class: `notify-item${n.read ? '' : ' is-unread'}`, 'data-testid': 'notify-item', 'data-report-id': String(n.report_id) },
                h(
                  'a',
                  { class: 'notify-link', href: `#/reports/${n.report_id}` },
                  h('span', { class: 'notify-dot', 'aria-hidden': 'true' }),
                  h('span', { class: 'notify-text' }, h('span', { class: 'notify-message' }, n.message), h('time', { class: 'notify-time', datetime: n.at }, shortStamp(n.at))),
                  n.read ? null : h('span', { class: 'badge badge-accent' }, tc('notify.unread')),
                ),
              ),
            ),
          );
    return h('div', { class: 'page', 'data-testid': 'notifications-page' }, h('section', { class: 'section' }, h('div', { class: 'section-head' }, h('h1', { class: 'section-title' }, tc('notify.title'))), h('div', { class: 'card' }, list)));
  });
  return slot;
}
