/**
 * 上报处置 (#/reports?area=&status=&category=), the work queue of station keepers, property
 * managers, grid and community officers (and officers above): for a station keeper or a property
 * manager the reports the acceptance rules sent them (派给本驿站/本物业的上报), for officers the
 * reports in their area, each row saying who accepts it; filtered by
 * status and category, each with its SLA clock (overdue in red) and escalation; a tap opens the
 * report with the actions the server allows.
 */

import * as api from './api';
import { isAbort } from '../shell/api';
import { h, replace } from '../shell/dom';
import { areaName } from '../shell/format';
import { CATEGORIES, parseQueue, queueQuery, queueSearch, STATUSES, type QueueState, type Report } from './model';
import { categoryName, statusName, tr } from './messages';
import { reportRow } from './ui';
import '../places/places.css';
import type { Account } from '../shell/types';
import { errorBox, skeletonLines } from '../shell/ui';
import { chip } from '../places/ui';

export function reportsQueuePage(account: Account, search: string, signal: AbortSignal): HTMLElement {
  const state: QueueState = parseQueue(search);
  let reports: Report[] = [];
  let seq = 0;
  const statusRow = h('div', { class: 'pf-row', role: 'group', 'aria-label': tr('queue.status'), 'data-testid': 'queue-status-filter' });
  const categoryRow = h('div', { class: 'pf-row', role: 'group', 'aria-label': tr('queue.category'), 'data-testid': 'queue-category-filter' });
  const list = h('ul', { class: 'rl rl-queue', 'data-testid': 'queue-list' });
  const slot = h('div', null, skeletonLines(5));
  const footer = h('div', { class: 'rl-more' });

  const renderFilters = (): void => {
    replace(
      statusRow,
      ['', ...STATUSES].map((s) =>
        chip(s ? statusName(s) : tr('status.all'), state.status === s, {
          'data-testid': 'queue-status',
          'data-status': s,
          onClick: () => {
            state.status = s;
            changed();
          },
        }),
      ),
    );
    replace(
      categoryRow,
      ['', ...CATEGORIES].map((c) =>
        chip(c ? categoryName(c) : tr('queue.allCategories'), state.category === c, {
          'data-testid': 'queue-category',
          'data-category': c,
          onClick: () => {
            state.category = c;
            changed();
          },
        }),
      ),
    );
  };

  const load = async (cursor: string | null): Promise<void> => {
    const mine = ++seq;
    if (!cursor) {
      replace(slot, skeletonLines(5));
      list.setAttribute('aria-busy', 'true');
    }
    try {
      const page = await api.reportsInArea(queueQuery(state, account.area.code, cursor), signal);
      if (mine !== seq || signal.aborted) return;
      reports = cursor ? [...reports, ...page.reports] : page.reports;
      const now = Date.now();
      replace(list, reports.map((r) => reportRow(r, { sla: true, now, acceptor: true })));
      list.setAttribute('data-for', `${state.status}|${state.category}`);
      list.removeAttribute('aria-busy');
      replace(slot, reports.length ? list : h('div', { class: 'card empty', 'data-testid': 'queue-empty' }, tr('queue.empty')));
      replace(
        footer,
        h('span', { class: 'muted' }, tr('queue.count', { count: reports.length })),
        page.next_cursor ? h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'queue-more', onClick: () => void load(page.next_cursor) }, tr('queue.more')) : null,
      );
    } catch (error) {
      if (isAbort(error) || mine !== seq) return;
      list.removeAttribute('aria-busy');
      replace(slot, errorBox(error, () => void load(null)));
    }
  };

  function changed(): void {
    renderFilters();
    try {
      history.replaceState(history.state, '', `#/reports${queueSearch(state)}`);
    } catch {
      // The page still works without the URL.
    }
    void load(null);
  }

  renderFilters();
  void load(null);
  // The SLA clocks move: redraw them every minute.
  const timer = window.setInterval(() => {
    if (reports.length) replace(list, reports.map((r) => reportRow(r, { sla: true, acceptor: true })));
  }, 60_000);
  signal.addEventListener('abort', () => window.clearInterval(timer));

  // A station keeper and a property manager work the reports the acceptance rules send them.
  const title = account.role === 'station_keeper' ? tr('queue.station') : account.role === 'property_manager' ? tr('queue.property') : tr('queue.title');
  const intro = account.role === 'station_keeper' ? tr('queue.stationIntro') : account.role === 'property_manager' ? tr('queue.propertyIntro') : tr('queue.intro');
  return h(
    'div',
    { class: 'page rq', 'data-testid': 'reports-queue', 'data-role': account.role },
    h('div', { class: 'console-title' }, h('h1', { 'data-testid': 'queue-title' }, title), h('span', { class: 'muted' }, state.area && state.area !== account.area.code ? state.area : areaName(account.area)), h('a', { class: 'btn btn-link', href: '#/home' }, tr('queue.back'))),
    h('p', { class: 'muted', 'data-testid': 'queue-intro' }, intro),
    h('section', { class: 'pf rq-filters' }, statusRow, categoryRow),
    slot,
    footer,
  );
}
