/** Paged, searchable lists shared by the consoles: compounds, workers, audit log. */

import * as api from './api';
import { h, replace } from '../shell/dom';
import { h as el, icon } from '../shell/dom';
import { actionLabel, formatTime, isOfficer, kindLabel, sourceLabel, statusLabel } from '../shell/format';
import { formatNumber, t } from '../shell/i18n';
import { icons } from '../shell/icons';
import type { AuditEntry, CompoundSummary, RosterResult, WorkerSummary } from '../shell/types';
import { badge, dataTable, drawer, errorMessageOf, fields, fillAsync, modal, pager, searchBox, section, skeletonLines, statusTone } from '../shell/ui';
import { ta, taMaybe } from './messages';
import './verification.css';

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
            { label: ta('col.name'), cell: (c) => h('a', { class: 'row-link', href: `#/areas/${encodeURIComponent(c.code)}`, 'data-testid': 'compound-link', 'data-code': c.code }, h('strong', null, c.name_zh)) },
            { label: ta('col.community'), cell: (c) => c.community_name || '—' },
            { label: ta('col.street'), cell: (c) => c.street_name || '—' },
            { label: ta('col.code'), cell: (c) => h('span', { class: 'mono' }, c.code), className: 'col-code' },
            { label: ta('col.source'), cell: (c) => badge(sourceLabel(c.source), c.source === 'osm' ? 'accent' : 'muted') },
          ],
          page.items,
          'compounds-table',
        ),
        page.total > PAGE ? pager({ offset: state.offset, limit: PAGE, total: page.total, onPage: (o) => ((state.offset = o), load()) }) : null,
      ];
    });
  replace(
    body,
    searchBox(ta('console.searchCompounds'), state.q, (q) => {
      state.q = q;
      state.offset = 0;
      load();
    }),
    results,
  );
  load();
  return section(ta('console.compounds'), body, { testid: 'compounds-section', actions: count });
}

export type StatusAction = 'verified' | 'suspended' | 'revoked' | 'pending';

/** Which status changes a role may make: officers all of them, station keepers only verification. */
export function allowedActions(role: string, current: string): StatusAction[] {
  const all: StatusAction[] = isOfficer(role) ? ['verified', 'suspended', 'revoked'] : role === 'station_keeper' ? ['verified'] : [];
  return all.filter((a) => a !== current);
}

const ACTION_LABEL: Record<StatusAction, 'workers.verify' | 'workers.suspend' | 'workers.revoke' | 'workers.reset'> = {
  verified: 'workers.verify',
  suspended: 'workers.suspend',
  revoked: 'workers.revoke',
  pending: 'workers.reset',
};

/** The label of `status` on `worker`'s row: revoking a rider still pending is refusing them. */
export function statusActionLabel(worker: Pick<WorkerSummary, 'status'>, status: StatusAction): string {
  return status === 'revoked' && worker.status === 'pending' ? ta('workers.refuse') : ta(ACTION_LABEL[status]);
}

/** The rider as the verify dialog shows them: photo, plate, masked phone, platform, depot, registration. */
export function riderCard(worker: WorkerSummary): HTMLElement {
  const photo = worker.has_photo
    ? el('img', { class: 'rider-photo', src: api.workerPhotoUrl(worker.id), alt: worker.name, 'data-testid': 'verify-photo' })
    : el('div', { class: 'rider-photo', 'data-testid': 'verify-photo-missing' }, ta('card.noPhoto'));
  return el(
    'div',
    { class: 'rider-card', 'data-testid': 'rider-card' },
    photo,
    fields([
      [ta('card.plate'), worker.plate || ta('card.noPlate'), 'verify-plate'],
      [ta('card.phone'), el('span', { class: 'mono' }, worker.phone_masked), 'verify-phone'],
      [ta('card.platform'), `${worker.platform} · ${kindLabel(worker.kind)}`],
      [ta('card.depot'), worker.depot || '—'],
      [ta('card.registered'), worker.registered_at ? formatTime(worker.registered_at) : '—'],
    ]),
  );
}

/**
 * Shows the rider (riderCard) and asks for a reason, then POST /workers/{id}/status; the rider is
 * told in their messages. Resolves true when the status changed.
 */
export async function changeStatus(worker: WorkerSummary, status: StatusAction): Promise<boolean> {
  const refusing = status === 'revoked' && worker.status === 'pending';
  const reason = el('textarea', { class: 'input', rows: 3, maxlength: 200, required: true, 'data-testid': 'status-reason', placeholder: ta('workers.reasonPlaceholder') });
  reason.value = status === 'verified' ? ta('workers.defaultVerifyReason') : '';
  const done = await modal<boolean>({
    title: ta('workers.confirmTitle', { action: statusActionLabel(worker, status), name: worker.name }),
    body: [
      riderCard(worker),
      el('p', { class: 'muted' }, refusing ? ta('workers.explain.refused') : ta(`workers.explain.${status}` as 'workers.explain.verified')),
      el('label', { class: 'label' }, ta('workers.reason')),
      reason,
    ],
    submitLabel: statusActionLabel(worker, status),
    danger: status === 'revoked' || status === 'suspended',
    testid: 'status-dialog',
    onSubmit: async () => {
      if (!reason.value.trim()) {
        reason.focus();
        throw new Error(ta('workers.reasonRequired'));
      }
      await api.setWorkerStatus(worker.id, status, reason.value.trim());
      return true;
    },
  });
  return done === true;
}

/** Reasons the server writes itself (registration, roster import) in the user's language. */
export function historyReason(reason: string): string {
  if (!reason) return '—';
  if (reason === 'registered in the worker app') return ta('workers.reasonRegistered');
  const roster = /^(.+) roster import$/.exec(reason);
  if (roster?.[1]) return ta('workers.reasonRoster', { platform: roster[1] });
  return reason;
}

/** The words for a roster row's reason code (malformed_row, not_in_area, name_differs …). */
export function rosterReason(code: string): string {
  return taMaybe(`roster.why.${code}`, ta('roster.why.other', { code }));
}

/** An audit action code (map.replace, report.confirm …) in words; unknown codes say 其他操作（code）. */
export function auditActionLabel(action: string): string {
  const own = taMaybe(`audit.action.${action}`, '');
  if (own) return own;
  const shell = actionLabel(action);
  return shell !== action ? shell : ta('audit.action.other', { code: action });
}

/**
 * What an audit entry touched, in words: 骑手 张三, 小区 华清嘉园小区, 账号 demo-grid by the name the
 * server read with the entry; 骑手 #12 when it has none (gone, or a kind without names); a roster
 * import names no row.
 */
export function auditEntityLabel(entity: string, entityId: string | number, entityName?: string | null): string {
  const word = taMaybe(`audit.entity.${entity}`, ta('audit.entity.other'));
  if (entity === 'roster' || entityId === '' || entityId === null || entityId === undefined) return word;
  if (entityName) return `${word} ${entityName}`;
  return /^\d+$/.test(String(entityId)) ? `${word} #${entityId}` : `${word} ${entityId}`;
}

function historyDrawer(worker: WorkerSummary): void {
  const body = el('div');
  drawer(ta('workers.historyTitle', { name: worker.name }), body, 'history-drawer');
  fillAsync(body, () => skeletonLines(4), async () => {
    const { items } = await api.workerHistory(worker.id);
    if (items.length === 0) return el('div', { class: 'empty' }, t('common.none'));
    return el(
      'ol',
      { class: 'timeline', 'data-testid': 'history-list' },
      items.map((item) =>
        el(
          'li',
          null,
          el(
            'div',
            { class: 'timeline-head' },
            item.from && item.from !== item.to ? [badge(statusLabel(item.from), statusTone(item.from)), el('span', { class: 'muted' }, '→')] : null,
            badge(statusLabel(item.to), statusTone(item.to)),
          ),
          el('p', { class: 'timeline-reason' }, historyReason(item.reason)),
          el('span', { class: 'muted mono' }, `${formatTime(item.at)} · ${item.actor_login}`),
        ),
      ),
    );
  });
}

/** Roster import: a CSV (phone,name,platform,depot) verifies the riders it matches. */
export function rosterImport(onImported: () => void): HTMLElement {
  const file = el('input', { type: 'file', accept: '.csv,text/csv', class: 'file-input', id: 'roster-file', 'data-testid': 'roster-file' });
  const chosen = el('span', { class: 'muted' }, ta('roster.noFile'));
  const result = el('div', { 'data-testid': 'roster-result' });
  const submit = el('button', { type: 'button', class: 'btn btn-primary', disabled: true, 'data-testid': 'roster-submit' }, icon(icons.upload), el('span', null, ta('roster.import')));
  file.addEventListener('change', () => {
    chosen.textContent = file.files?.[0]?.name ?? ta('roster.noFile');
    submit.disabled = !file.files?.length;
  });
  submit.addEventListener('click', async () => {
    const f = file.files?.[0];
    if (!f) return;
    submit.disabled = true;
    try {
      const answer: RosterResult = await api.importRoster(await f.text());
      replace(
        result,
        el(
          'div',
          { class: 'roster-summary' },
          el('div', { class: 'stats stats-3' }, [
            el('div', { class: 'stat' }, el('div', { class: 'stat-value', 'data-testid': 'roster-rows' }, formatNumber(answer.rows)), el('div', { class: 'stat-label' }, ta('roster.rows'))),
            el('div', { class: 'stat stat-accent' }, el('div', { class: 'stat-value', 'data-testid': 'roster-verified' }, formatNumber(answer.verified)), el('div', { class: 'stat-label' }, ta('roster.verified'))),
            el('div', { class: 'stat' }, el('div', { class: 'stat-value', 'data-testid': 'roster-already' }, formatNumber(answer.already_verified)), el('div', { class: 'stat-label' }, ta('roster.already'))),
          ]),
          answer.unmatched.length
            ? [
                el('p', { class: 'label-sm' }, ta('roster.unmatched', { count: answer.unmatched.length })),
                dataTable(
                  [
                    { label: ta('roster.line'), cell: (u) => String(u.line) },
                    { label: ta('col.phone'), cell: (u) => el('span', { class: 'mono' }, u.phone_masked) },
                    { label: ta('roster.reason'), cell: (u) => h('span', { 'data-testid': 'roster-reason', 'data-code': u.reason }, rosterReason(u.reason)) },
                  ],
                  answer.unmatched,
                  'roster-unmatched',
                ),
              ]
            : el('p', { class: 'form-ok' }, ta('roster.allMatched')),
        ),
      );
      onImported();
    } catch (error) {
      replace(result, el('div', { class: 'form-error', role: 'alert' }, errorMessageOf(error)));
    } finally {
      submit.disabled = !file.files?.length;
    }
  });
  return el(
    'details',
    { class: 'card roster', 'data-testid': 'roster' },
    el('summary', null, icon(icons.upload), el('span', null, ta('roster.title'))),
    el('p', { class: 'hint' }, ta('roster.help')),
    el('pre', { class: 'roster-example' }, '手机号,姓名,平台,配送站\n13800001234,王小骑,美团,美团外卖中关村站'),
    el('div', { class: 'inline roster-pick' }, el('label', { class: 'btn btn-secondary', for: 'roster-file' }, ta('roster.choose')), chosen, file, submit),
    result,
  );
}

export function workersSection(areaCode: string, signal: AbortSignal, title = ta('console.workers'), role = ''): HTMLElement {
  const state = { q: '', status: '', offset: 0 };
  const body = h('div', { class: 'card list-card' });
  const count = h('span', { class: 'section-count' });
  const results = h('div');
  const load = (): void =>
    fillAsync(results, () => skeletonLines(5), async () => {
      const page = await api.workers({ area: areaCode, q: state.q, status: state.status, limit: PAGE, offset: state.offset }, signal);
      results.dataset.total = String(page.total);
      count.textContent = t('common.totalCount', { total: formatNumber(page.total) });
      return [
        dataTable<WorkerSummary>(
          [
            {
              label: ta('col.workerName'),
              cell: (w) => [h('strong', null, w.name), badge(statusLabel(w.status), statusTone(w.status), undefined, 'only-narrow')],
            },
            { label: ta('col.kind'), cell: (w) => kindLabel(w.kind) },
            { label: t('col.platform'), cell: (w) => w.platform },
            { label: ta('col.depot'), cell: (w) => w.depot || '—' },
            { label: ta('col.phone'), cell: (w) => h('span', { class: 'mono', 'data-testid': 'worker-phone' }, w.phone_masked) },
            { label: ta('col.status'), cell: (w) => badge(statusLabel(w.status), statusTone(w.status), 'worker-status'), className: 'hide-narrow' },
            ...(role
              ? [
                  {
                    label: t('col.action'),
                    className: 'col-actions',
                    cell: (w: WorkerSummary) =>
                      h(
                        'div',
                        { class: 'row-actions' },
                        allowedActions(role, w.status).map((a) =>
                          h(
                            'button',
                            {
                              type: 'button',
                              class: `btn btn-small ${a === 'verified' ? 'btn-ok' : 'btn-warn'}`,
                              'data-testid': `worker-action-${a}`,
                              onClick: async () => {
                                if (await changeStatus(w, a)) load();
                              },
                            },
                            statusActionLabel(w, a),
                          ),
                        ),
                        h('button', { type: 'button', class: 'btn btn-small btn-ghost', 'data-testid': 'worker-history', onClick: () => historyDrawer(w) }, icon(icons.history), h('span', null, ta('workers.history'))),
                      ),
                  },
                ]
              : []),
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
      'aria-label': ta('console.statusFilter'),
      'data-testid': 'status-filter',
      onChange: (event: Event) => {
        state.status = (event.target as HTMLSelectElement).value;
        state.offset = 0;
        load();
      },
    },
    h('option', { value: '' }, `${ta('console.statusFilter')}：${t('common.all')}`),
    (['verified', 'pending', 'suspended', 'revoked'] as const).map((s) => h('option', { value: s }, statusLabel(s))),
  );
  replace(
    body,
    searchBox(
      ta('console.searchWorkers'),
      state.q,
      (q) => {
        state.q = q;
        state.offset = 0;
        load();
      },
      status,
    ),
    isOfficer(role) ? rosterImport(() => load()) : null,
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
          { label: ta('col.time'), cell: (e) => h('span', { class: 'mono nowrap' }, formatTime(e.at)) },
          { label: ta('col.actor'), cell: (e) => h('span', { class: 'mono' }, e.actor_login) },
          { label: t('col.action'), cell: (e) => h('span', { 'data-testid': 'audit-action', 'data-code': e.action }, auditActionLabel(e.action)) },
          { label: ta('col.entity'), cell: (e) => auditEntityLabel(e.entity, e.entity_id, e.entity_name) },
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
        ta('console.showAll', { count: items.length }),
      ),
    );
    return [slot, more];
  });
  return section(ta('console.audit'), body, { testid: 'audit-section' });
}
