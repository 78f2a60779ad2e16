/**
 * #/grid-reporters for community officers and above: the roaming grid reporters (流动网格员) of
 * their area with an "end term" button, the form to appoint a rider from the worker registry, and
 * the monthly record (reports per reporter and per community) with a month picker.
 */

import * as accountsApi from '../accounts/api';
import * as api from './api';
import { isAbort } from '../shell/api';
import { addMonths, dayOf, detailOf, monthOf, platformName, tc } from './messages';
import { h, replace } from '../shell/dom';
import { areaName } from '../shell/format';
import { formatNumber } from '../shell/i18n';
import { categoryName } from '../reports/messages';
import type { Account } from '../shell/types';
import { badge, errorMessageOf, modal, skeletonLines } from '../shell/ui';

const message = (e: unknown): string => detailOf(e, errorMessageOf);

function table(testid: string, head: string[], rows: HTMLElement[], empty: string, numeric: number[] = []): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'data', 'data-testid': testid },
      h('thead', null, h('tr', null, head.map((label, i) => h('th', { class: numeric.includes(i) ? 'num' : undefined }, label)))),
      h('tbody', null, rows.length ? rows : h('tr', null, h('td', { colspan: head.length, class: 'muted' }, empty))),
    ),
  );
}

export function gridReportersPage(account: Account, signal: AbortSignal): HTMLElement {
  // ---- the list
  const showAll = h('input', { type: 'checkbox', 'data-testid': 'grid-show-all', onChange: () => void loadList() });
  const listBody = h('div', { 'data-testid': 'grid-list-body' });
  const listError = h('div', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'grid-list-error' });

  const endTerm = async (item: api.GridReporter): Promise<void> => {
    const ended = await modal({
      title: tc('grid.end'),
      body: h('p', null, tc('grid.endConfirm', { name: item.worker_name })),
      submitLabel: tc('grid.end'),
      danger: true,
      testid: 'grid-end-dialog',
      onSubmit: async () => {
        await api.endGridReporter(item.id);
        return true;
      },
    });
    if (ended) {
      await loadList();
      void loadRecord();
    }
  };

  const loadList = async (): Promise<void> => {
    listError.hidden = true;
    replace(listBody, skeletonLines(3));
    try {
      const answer = await api.gridReporters(showAll.checked, signal);
      replace(
        listBody,
        table(
          'grid-table',
          [tc('grid.col.worker'), tc('grid.col.phone'), tc('grid.col.platform'), tc('grid.col.area'), tc('grid.col.term'), tc('grid.col.state'), tc('grid.col.actions')],
          answer.items.map((item) =>
            h(
              'tr',
              { 'data-testid': 'grid-row', 'data-id': String(item.id), 'data-worker-id': String(item.worker_id), 'data-active': String(item.active) },
              h('td', null, h('b', null, item.worker_name), h('span', { class: 'muted mono' }, ` #${item.worker_id}`)),
              h('td', { class: 'mono' }, item.worker_phone),
              h('td', null, platformName(item.platform)),
              h('td', null, item.area.name),
              h('td', { class: 'nowrap' }, `${item.term_start} ~ ${item.ended_at ? item.ended_at.slice(0, 10) : item.term_end}`),
              h('td', null, item.active ? badge(tc('grid.active'), 'ok') : badge(tc('grid.ended'), 'muted')),
              h('td', null, item.active ? h('button', { type: 'button', class: 'btn btn-secondary btn-small', 'data-testid': 'grid-end', onClick: () => void endTerm(item) }, tc('grid.end')) : null),
            ),
          ),
          tc('grid.empty'),
        ),
      );
    } catch (e) {
      if (isAbort(e)) return;
      replace(listBody);
      listError.hidden = false;
      listError.textContent = message(e);
    }
  };

  // ---- the appoint form
  const workerId = h('input', { class: 'input', type: 'number', min: 1, inputmode: 'numeric', 'data-testid': 'grid-worker-id', 'aria-label': tc('grid.workerId') });
  const workerChosen = h('span', { class: 'muted', 'data-testid': 'grid-worker-chosen' });
  const search = h('input', { class: 'input', type: 'search', placeholder: tc('grid.workerSearch'), 'data-testid': 'grid-worker-search', 'aria-label': tc('grid.workerSearch') });
  const results = h('div', { class: 'gr-results', 'data-testid': 'grid-worker-results' });
  let searchTimer: number | undefined;
  const runSearch = async (): Promise<void> => {
    try {
      const page = await accountsApi.workers({ q: search.value.trim() || undefined, status: 'verified', limit: 8 }, signal);
      replace(
        results,
        page.items.map((w) =>
          h(
            'button',
            {
              type: 'button',
              class: 'gr-pick',
              'data-testid': 'grid-worker-option',
              'data-worker-id': String(w.id),
              onClick: () => {
                workerId.value = String(w.id);
                workerChosen.textContent = `${w.name} · ${platformName(w.platform)} · ${w.phone_masked}`;
                results.querySelectorAll('.gr-pick').forEach((b) => b.classList.toggle('is-on', b === results.querySelector(`[data-worker-id="${w.id}"]`)));
              },
            },
            h('b', null, w.name),
            h('span', { class: 'muted' }, ` #${w.id} · ${platformName(w.platform)} · ${w.phone_masked}`),
          ),
        ),
      );
    } catch (e) {
      if (!isAbort(e)) replace(results, h('span', { class: 'muted' }, message(e)));
    }
  };
  search.addEventListener('input', () => {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(() => void runSearch(), 250);
  });

  const areaSlot = h('span');
  let areaInput: HTMLInputElement | HTMLSelectElement = h('input', { class: 'input', value: account.area.level === 'community' ? account.area.code : '', 'data-testid': 'grid-area', 'aria-label': tc('grid.area') });
  if (account.area.level === 'community') {
    areaInput = h('select', { class: 'input', 'data-testid': 'grid-area', 'aria-label': tc('grid.area') }, h('option', { value: account.area.code }, areaName(account.area)));
    replace(areaSlot, areaInput);
  } else {
    replace(areaSlot, areaInput);
    accountsApi.area(account.area.code, signal).then(
      (detail) => {
        const communities = detail.children.filter((c) => c.level === 'community');
        if (communities.length === 0) return;
        areaInput = h('select', { class: 'input', 'data-testid': 'grid-area', 'aria-label': tc('grid.area') }, communities.map((c) => h('option', { value: c.code }, areaName(c))));
        replace(areaSlot, areaInput);
      },
      () => undefined,
    );
  }
  const today = dayOf(new Date());
  const termStart = h('input', { class: 'input', type: 'date', value: today, 'data-testid': 'grid-term-start', 'aria-label': tc('grid.termStart') });
  const termEnd = h('input', { class: 'input', type: 'date', value: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`, 'data-testid': 'grid-term-end', 'aria-label': tc('grid.termEnd') });
  const formError = h('div', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'grid-appoint-error' });
  const formDone = h('div', { class: 'form-ok', role: 'status', hidden: true, 'data-testid': 'grid-appoint-done' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'grid-appoint' }, tc('grid.submit'));
  const appoint = async (): Promise<void> => {
    formError.hidden = true;
    formDone.hidden = true;
    const id = Number(workerId.value);
    if (!Number.isInteger(id) || id <= 0 || !areaInput.value.trim() || !termStart.value || !termEnd.value) {
      formError.hidden = false;
      formError.textContent = tc('grid.missing');
      return;
    }
    submit.disabled = true;
    try {
      const item = await api.appointGridReporter({ worker_id: id, area_code: areaInput.value.trim(), term_start: termStart.value, term_end: termEnd.value });
      formDone.hidden = false;
      formDone.textContent = tc('grid.appointed', { name: item.worker_name });
      workerId.value = '';
      workerChosen.textContent = '';
      await loadList();
      void loadRecord();
    } catch (e) {
      formError.hidden = false;
      formError.textContent = message(e);
    } finally {
      submit.disabled = false;
    }
  };
  const field = (label: string, control: HTMLElement): HTMLElement => h('label', { class: 'gr-field' }, h('span', { class: 'label' }, label), control);
  const form = h(
    'form',
    {
      class: 'card gr-form',
      novalidate: true,
      'data-testid': 'grid-appoint-form',
      onSubmit: (event: Event) => {
        event.preventDefault();
        void appoint();
      },
    },
    field(tc('grid.workerPick'), search),
    results,
    h('div', { class: 'gr-row' }, field(tc('grid.workerId'), workerId), workerChosen),
    h('div', { class: 'gr-row' }, h('label', { class: 'gr-field' }, h('span', { class: 'label' }, tc('grid.area')), areaSlot), field(tc('grid.termStart'), termStart), field(tc('grid.termEnd'), termEnd)),
    formError,
    formDone,
    h('div', null, submit),
  );

  // ---- the monthly record
  const month = h('input', { class: 'input input-short', type: 'month', value: monthOf(new Date()), 'data-testid': 'grid-month', 'aria-label': tc('grid.month') });
  const prev = h('button', { type: 'button', class: 'btn btn-ghost btn-small', 'aria-label': '‹', onClick: () => ((month.value = addMonths(month.value, -1)), void loadRecord()) }, '‹');
  const next = h('button', { type: 'button', class: 'btn btn-ghost btn-small', 'aria-label': '›', onClick: () => ((month.value = addMonths(month.value, 1)), void loadRecord()) }, '›');
  month.addEventListener('change', () => void loadRecord());
  const recordBody = h('div', { 'data-testid': 'grid-record-body' });
  const loadRecord = async (): Promise<void> => {
    if (!/^\d{4}-\d{2}$/.test(month.value)) return;
    replace(recordBody, skeletonLines(3));
    try {
      const record = await api.gridRecord(month.value, undefined, signal);
      replace(
        recordBody,
        h('p', { class: 'cs-total', 'data-testid': 'grid-record-total', 'data-reports': String(record.reports) }, tc('grid.totalReports', { count: formatNumber(record.reports) })),
        table(
          'grid-record',
          [tc('grid.col.worker'), tc('grid.col.area'), tc('grid.col.reports'), tc('grid.col.resolved'), tc('grid.col.confirmed'), tc('grid.col.open'), tc('grid.col.categories')],
          record.reporters.map((r) =>
            h(
              'tr',
              { 'data-testid': 'grid-record-row', 'data-worker-id': String(r.worker_id), 'data-reports': String(r.reports) },
              h('td', null, h('b', null, r.worker_name), h('span', { class: 'muted' }, ` · ${platformName(r.platform)}`), r.active ? null : h('span', null, ' ', badge(tc('grid.ended'), 'muted'))),
              h('td', null, r.area.name),
              h('td', { class: 'num' }, formatNumber(r.reports)),
              h('td', { class: 'num' }, formatNumber(r.resolved)),
              h('td', { class: 'num' }, formatNumber(r.confirmed)),
              h('td', { class: 'num' }, formatNumber(r.open)),
              h('td', null, r.by_category.length ? r.by_category.map((c) => `${categoryName(c.category)} ${c.count}`).join('、') : '—'),
            ),
          ),
          tc('grid.noRecord'),
          [2, 3, 4, 5],
        ),
        record.communities.length > 1
          ? h(
              'div',
              { class: 'gr-communities' },
              h('h3', { class: 'label' }, tc('grid.communities')),
              table(
                'grid-communities',
                [tc('grid.col.area'), tc('grid.col.reporters'), tc('grid.col.reports'), tc('grid.col.resolved'), tc('grid.col.open')],
                record.communities.map((c) => h('tr', null, h('td', null, c.name), h('td', { class: 'num' }, String(c.reporters)), h('td', { class: 'num' }, String(c.reports)), h('td', { class: 'num' }, String(c.resolved)), h('td', { class: 'num' }, String(c.open)))),
                tc('grid.noRecord'),
                [1, 2, 3, 4],
              ),
            )
          : null,
      );
    } catch (e) {
      if (isAbort(e)) return;
      replace(recordBody, h('div', { class: 'form-error', role: 'alert', 'data-testid': 'grid-record-error' }, message(e)));
    }
  };

  void loadList();
  void loadRecord();
  void runSearch();

  const sectionOf = (title: string, testid: string, actions: HTMLElement | null, ...children: Array<HTMLElement | null>): HTMLElement =>
    h('section', { class: 'section', 'data-testid': testid }, h('div', { class: 'section-head' }, h('h2', { class: 'section-title' }, title), actions), ...children);

  return h(
    'div',
    { class: 'page gr', 'data-testid': 'grid-reporters-page' },
    h('div', { class: 'gr-head' }, h('h1', { class: 'section-title' }, tc('grid.title')), h('p', { class: 'muted' }, tc('grid.intro'))),
    sectionOf(tc('grid.list'), 'grid-list', h('label', { class: 'check check-inline' }, showAll, h('span', null, tc('grid.showAll'))), h('div', { class: 'card' }, listError, listBody)),
    sectionOf(tc('grid.appoint'), 'grid-appoint-section', null, form),
    sectionOf(tc('grid.record'), 'grid-record-section', h('div', { class: 'gr-month' }, prev, month, next), h('div', { class: 'card' }, recordBody)),
  );
}
