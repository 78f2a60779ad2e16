/** Paged, searchable lists shared by the consoles: compounds, workers, audit log. */

import * as api from '../api';
import { h, replace } from '../dom';
import { actionLabel, formatTime, kindLabel, sourceLabel, statusLabel } from '../format';
import { formatNumber, t } from '../i18n';
import type { AuditEntry, CompoundSummary, WorkerSummary } from '../types';
import { badge, dataTable, fillAsync, pager, searchBox, section, skeletonLines, statusTone } from '../ui';

const PAGE = 10;

export function compoundsSection(areaCode: string, signal: AbortSignal): HTMLElement {
  const state = { q: '', offset: 0 };
  const body = h('div', { class: 'card list-card' });
  const count = h('span', { class: 'section-count' });
  const results = h('div');
  const load = (): void =>
    fillAsync(results, () => skeletonLines(5), async () => {
      const page = await api.compounds({ area: areaCode, q: state.q, limit: PAGE, offset: state.offset }, signal);
      count.textContent = t('common.totalCount', { total: formatNumber(page.total) });
      return [
        dataTable<CompoundSummary>(
          [
            { label: t('col.name'), cell: (c) => h('strong', null, c.name_zh) },
            { label: t('col.community'), cell: (c) => c.community_name || '—' },
            { label: t('col.street'), cell: (c) => c.street_name || '—' },
            { label: t('col.code'), cell: (c) => h('span', { class: 'mono' }, c.code), className: 'col-code' },
            { label: t('col.source'), cell: (c) => badge(sourceLabel(c.source), c.source === 'osm' ? 'accent' : 'muted') },
          ],
          page.items,
          'compounds-table',
        ),
        page.total > PAGE ? pager({ offset: state.offset, limit: PAGE, total: page.total, onPage: (o) => ((state.offset = o), load()) }) : null,
      ];
    });
  replace(
    body,
    searchBox(t('console.searchCompounds'), state.q, (q) => {
      state.q = q;
      state.offset = 0;
      load();
    }),
    results,
  );
  load();
  return section(t('console.compounds'), body, { testid: 'compounds-section', actions: count });
}

export function workersSection(areaCode: string, signal: AbortSignal, title = t('console.workers')): HTMLElement {
  const state = { q: '', status: '', offset: 0 };
  const body = h('div', { class: 'card list-card' });
  const count = h('span', { class: 'section-count' });
  const results = h('div');
  const load = (): void =>
    fillAsync(results, () => skeletonLines(5), async () => {
      const page = await api.workers({ area: areaCode, q: state.q, status: state.status, limit: PAGE, offset: state.offset }, signal);
      count.textContent = t('common.totalCount', { total: formatNumber(page.total) });
      return [
        dataTable<WorkerSummary>(
          [
            {
              label: t('col.workerName'),
              cell: (w) => [h('strong', null, w.name), badge(statusLabel(w.status), statusTone(w.status), undefined, 'only-narrow')],
            },
            { label: t('col.kind'), cell: (w) => kindLabel(w.kind) },
            { label: t('col.platform'), cell: (w) => w.platform },
            { label: t('col.depot'), cell: (w) => w.depot || '—' },
            { label: t('col.phone'), cell: (w) => h('span', { class: 'mono', 'data-testid': 'worker-phone' }, w.phone_masked) },
            { label: t('col.status'), cell: (w) => badge(statusLabel(w.status), statusTone(w.status)), className: 'hide-narrow' },
          ],
          page.items,
          'workers-table',
        ),
        page.total > PAGE ? pager({ offset: state.offset, limit: PAGE, total: page.total, onPage: (o) => ((state.offset = o), load()) }) : null,
      ];
    });
  const status = h(
    'select',
    {
      class: 'input select',
      'aria-label': t('console.statusFilter'),
      onChange: (event: Event) => {
        state.status = (event.target as HTMLSelectElement).value;
        state.offset = 0;
        load();
      },
    },
    h('option', { value: '' }, `${t('console.statusFilter')}：${t('common.all')}`),
    (['verified', 'pending', 'suspended', 'revoked'] as const).map((s) => h('option', { value: s }, statusLabel(s))),
  );
  replace(
    body,
    searchBox(
      t('console.searchWorkers'),
      state.q,
      (q) => {
        state.q = q;
        state.offset = 0;
        load();
      },
      status,
    ),
    results,
  );
  load();
  return section(title, body, { testid: 'workers-section', actions: count });
}

export function auditSection(signal: AbortSignal): HTMLElement {
  const body = h('div', { class: 'card list-card' });
  const SHOWN = 8;
  fillAsync(body, () => skeletonLines(4), async () => {
    const { items } = await api.audit(50, signal);
    const table = (rows: AuditEntry[]): HTMLElement =>
      dataTable<AuditEntry>(
        [
          { label: t('col.time'), cell: (e) => h('span', { class: 'mono nowrap' }, formatTime(e.at)) },
          { label: t('col.actor'), cell: (e) => h('span', { class: 'mono' }, e.actor_login) },
          { label: t('col.action'), cell: (e) => actionLabel(e.action) },
          { label: t('col.entity'), cell: (e) => h('span', { class: 'mono' }, `${e.entity} #${e.entity_id}`) },
        ],
        rows,
        'audit-table',
      );
    const slot = h('div', null, table(items.slice(0, SHOWN)));
    if (items.length <= SHOWN) return slot;
    const more = h(
      'div',
      { class: 'more' },
      h(
        'button',
        {
          type: 'button',
          class: 'btn btn-secondary',
          onClick: () => {
            replace(slot, table(items));
            more.remove();
          },
        },
        t('console.showAll', { count: items.length }),
      ),
    );
    return [slot, more];
  });
  return section(t('console.audit'), body, { testid: 'audit-section' });
}
