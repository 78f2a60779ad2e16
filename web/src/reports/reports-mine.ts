/**
 * 我的上报 (#/reports/mine): the worker's own reports with their status, newest first, and the
 * drafts still waiting in the outbox on this phone.
 */

import * as api from './api';
import { isAbort } from '../shell/api';
import { h, icon, replace } from '../shell/dom';
import { icons } from '../shell/icons';
import { categoryName, tr } from './messages';
import type { Report } from './model';
import { pending } from './outbox';
import { categoryGlyph, reportRow } from './ui';
import { errorBox, skeletonLines } from '../shell/ui';

export function myReportsPage(signal: AbortSignal): HTMLElement {
  const list = h('ul', { class: 'rl', 'data-testid': 'my-reports' });
  const waiting = h('div', { 'data-testid': 'my-drafts' });
  const more = h('div', { class: 'rl-more' });
  const slot = h('div', null, skeletonLines(4));
  let reports: Report[] = [];

  const load = async (cursor: string | null): Promise<void> => {
    try {
      const page = await api.myReports(signal, cursor);
      if (signal.aborted) return;
      reports = cursor ? [...reports, ...page.reports] : page.reports;
      replace(list, reports.map((r) => reportRow(r, { sla: false })));
      replace(slot, reports.length ? list : h('div', { class: 'card empty', 'data-testid': 'my-reports-empty' }, tr('mine.empty')));
      replace(more, page.next_cursor ? h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'my-reports-more', onClick: () => void load(page.next_cursor) }, tr('mine.more')) : null);
    } catch (error) {
      if (isAbort(error)) return;
      replace(slot, errorBox(error, () => void load(null)));
    }
  };

  void pending().then((drafts) => {
    if (signal.aborted || drafts.length === 0) return;
    replace(
      waiting,
      h(
        'section',
        { class: 'section' },
        h('h2', { class: 'section-title' }, tr('new.outbox', { count: drafts.length })),
        h(
          'ul',
          { class: 'rl' },
          drafts.map((d) =>
            h(
              'li',
              { class: 'rl-item is-draft', 'data-testid': 'draft-row', 'data-state': d.state },
              h(
                'a',
                { class: 'rl-link', href: '#/report' },
                categoryGlyph(d.form.category ?? 'other', 'is-row'),
                h('span', { class: 'rl-text' }, h('span', { class: 'rl-head' }, h('b', null, categoryName(d.form.category ?? 'other')), h('span', { class: 'rs-chip rs-warn' }, tr('mine.waiting'))), h('span', { class: 'rl-desc', 'data-user-text': '' }, d.message ?? d.form.description)),
              ),
            ),
          ),
        ),
      ),
    );
  });
  void load(null);

  return h(
    'div',
    { class: 'page rm', 'data-testid': 'my-reports-page' },
    h('div', { class: 'console-title rm-head' }, h('h1', null, tr('mine.title')), h('a', { class: 'btn btn-primary', href: '#/report', 'data-testid': 'my-reports-new' }, icon(icons.camera), h('span', null, tr('mine.new')))),
    waiting,
    slot,
    more,
  );
}
