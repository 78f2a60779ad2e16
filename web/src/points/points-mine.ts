/**
 * 我的积分 (#/points) for workers: the balance in big numbers, everything earned, and the history
 * newest first (the time in Beijing time, + or − coloured, the reason, the other side). The last
 * answer is kept on the phone (per account) and shown, marked 旧数据, when the network is gone.
 */

import * as api from './api';
import { ApiError, isAbort } from '../shell/api';
import { h, replace } from '../shell/dom';
import { formatNumber } from '../shell/i18n';
import type { Account } from '../shell/types';
import { badge, errorBox, skeletonLines } from '../shell/ui';
import { counterpartyText, kindText, reasonText, tpt } from './messages';
import { beijingStamp, keepPoints, keptPoints, newestFirst, signedPoints, type KeyValue } from './model';
import './points.css';

const HISTORY_LIMIT = 100;

function localStore(): KeyValue | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function historyLine(line: api.HistoryLine): HTMLElement {
  const other = counterpartyText(line.counterparty, line.counterparty_kind);
  const meta = [beijingStamp(line.at), kindText(line.kind), tpt(line.delta >= 0 ? 'mine.from' : 'mine.to', { name: other })];
  if (line.reverses) meta.push(tpt('mine.reverses', { id: line.reverses }));
  return h(
    'li',
    { class: 'pt-line', 'data-testid': 'points-line', 'data-id': String(line.id), 'data-at': String(line.at), 'data-delta': String(line.delta), 'data-kind': line.kind },
    h('div', { class: 'pt-line-text' }, h('span', { class: 'pt-line-reason', 'data-testid': 'points-reason' }, reasonText(line.reason)), h('span', { class: 'pt-line-meta' }, meta.join(' · '))),
    h('span', { class: `pt-delta ${line.delta >= 0 ? 'is-in' : 'is-out'}`, 'data-testid': 'points-delta' }, signedPoints(line.delta)),
  );
}

function pointsView(answer: api.MyPoints, savedAt: number | null): HTMLElement[] {
  const stale = savedAt !== null;
  return [
    stale
      ? h('div', { class: 'pt-stale', role: 'status', 'data-testid': 'points-stale' }, badge(tpt('mine.stale'), 'warn'), h('span', null, tpt('mine.staleNote', { time: beijingStamp(savedAt / 1000) })))
      : null,
    h(
      'div',
      { class: 'card pt-balance', 'data-testid': 'points-balance-card' },
      h('span', { class: 'pt-balance-label' }, tpt('mine.balance')),
      h('span', null, h('span', { class: 'pt-balance-value', 'data-testid': 'points-balance', 'data-value': String(answer.balance) }, formatNumber(answer.balance)), h('span', { class: 'pt-balance-unit' }, tpt('unit.points'))),
      h('span', { class: 'pt-earned', 'data-testid': 'points-earned', 'data-value': String(answer.earned) }, `${tpt('mine.earned')} ${tpt('points.count', { count: formatNumber(answer.earned) })}`),
    ),
    h(
      'section',
      { class: 'section' },
      h('div', { class: 'section-head' }, h('h2', { class: 'section-title' }, tpt('mine.history'))),
      answer.history.length
        ? h('ul', { class: 'card pt-list', 'data-testid': 'points-history' }, newestFirst(answer.history).map(historyLine))
        : h('div', { class: 'card empty', 'data-testid': 'points-empty' }, tpt('mine.empty')),
      answer.history.length >= HISTORY_LIMIT ? h('p', { class: 'hint' }, tpt('mine.latestOnly', { count: HISTORY_LIMIT })) : null,
    ),
  ].filter((node): node is HTMLElement => node !== null);
}

export function myPointsPage(account: Account, signal: AbortSignal): HTMLElement {
  const body = h('div', { 'data-testid': 'points-body' }, skeletonLines(5));
  const load = async (): Promise<void> => {
    replace(body, skeletonLines(5));
    try {
      const answer = await api.myPoints(signal, HISTORY_LIMIT);
      if (signal.aborted) return;
      keepPoints(localStore(), account.id, answer);
      replace(body, pointsView(answer, null));
    } catch (error) {
      if (isAbort(error)) return;
      const copy = error instanceof ApiError && error.status === 0 ? keptPoints(localStore(), account.id) : null;
      replace(body, copy ? pointsView(copy.answer, copy.saved) : errorBox(error, () => void load()));
    }
  };
  void load();
  return h('div', { class: 'page pt-page', 'data-testid': 'points-page' }, h('div', { class: 'console-title' }, h('h1', null, tpt('mine.title'))), body);
}
