/**
 * #/riders/waiting: the verification inbox of officers and station keepers: the riders of their area
 * still pending, oldest registration first, each with photo, plate and masked phone, approved or
 * refused in two taps (the dialog shows the rider again and asks for the reason; the rider is told).
 */

import * as api from './api';
import { h } from '../shell/dom';
import { kindLabel } from '../shell/format';
import { formatNumber, t } from '../shell/i18n';
import type { Account, WorkerSummary } from '../shell/types';
import { badge, fillAsync, pager, photoAvatar, section, skeletonLines } from '../shell/ui';
import { allowedActions, changeStatus, type StatusAction } from './lists';
import { ta } from './messages';
import { waitedLabel } from './verification';
import './verification.css';

const PAGE = 20;

export function ridersWaitingPage(who: Account, signal: AbortSignal): HTMLElement {
  const state = { offset: 0 };
  const list = h('div');
  const count = h('span', { class: 'section-count', 'data-testid': 'waiting-total' });
  const actions = allowedActions(who.role, 'pending');

  const button = (worker: WorkerSummary, status: StatusAction): HTMLElement =>
    h(
      'button',
      {
        type: 'button',
        class: `btn ${status === 'verified' ? 'btn-ok' : 'btn-warn'}`,
        'data-testid': status === 'verified' ? 'waiting-approve' : 'waiting-refuse',
        onClick: async () => {
          if (await changeStatus(worker, status)) load();
        },
      },
      status === 'verified' ? ta('workers.verify') : ta('workers.refuse'),
    );

  const item = (worker: WorkerSummary, now: number): HTMLElement =>
    h(
      'li',
      { class: 'card waiting-item', 'data-testid': 'waiting-item', 'data-worker-id': String(worker.id) },
      photoAvatar(worker.has_photo ? api.workerPhotoUrl(worker.id) : null, worker.name),
      h(
        'div',
        { class: 'waiting-who' },
        h('strong', { 'data-testid': 'waiting-name' }, worker.name),
        h('span', { class: 'muted' }, `${worker.platform} · ${kindLabel(worker.kind)} · ${worker.depot || '—'}`),
        h('span', { class: 'mono' }, [worker.plate, worker.phone_masked].filter(Boolean).join(' · ')),
        worker.registered_at ? badge(waitedLabel(worker.registered_at, now), 'warn', 'waiting-waited') : null,
      ),
      h(
        'div',
        { class: 'waiting-actions' },
        actions.includes('verified') ? button(worker, 'verified') : null,
        actions.includes('revoked') ? button(worker, 'revoked') : null,
      ),
    );

  const load = (): void =>
    fillAsync(list, () => skeletonLines(4), async () => {
      const page = await api.workers({ status: 'pending', order: 'oldest', limit: PAGE, offset: state.offset }, signal);
      count.textContent = t('common.totalCount', { total: formatNumber(page.total) });
      if (page.items.length === 0) return h('div', { class: 'card empty', 'data-testid': 'waiting-empty' }, ta('waiting.empty'));
      const now = Date.now() / 1000;
      return [
        h('ul', { class: 'waiting-list', 'data-testid': 'waiting-list' }, page.items.map((worker) => item(worker, now))),
        page.total > PAGE ? pager({ offset: state.offset, limit: PAGE, total: page.total, onPage: (offset) => ((state.offset = offset), load()) }) : null,
      ];
    });
  load();

  return h(
    'div',
    { class: 'page', 'data-testid': 'riders-waiting' },
    h('a', { class: 'btn btn-link', href: '#/home', 'data-testid': 'waiting-back' }, ta('waiting.back')),
    section(ta('waiting.title'), [h('p', { class: 'muted' }, ta('waiting.intro')), list], { testid: 'waiting-section', actions: count }),
  );
}
