/**
 * 我的积分 (#/points) for workers: the balance in big numbers, everything earned, and the history
 * newest first (the time in Beijing time, + or − coloured, the reason, the other side). The last
 * answer is kept on the phone (per account) and shown, marked 旧数据, when the network is gone.
 * 我的兑换: the worker's redemptions with their status in words (a held one shows its code again)
 * and 附近可兑换, a link to the friendly places nearby.
 */

import * as api from './api';
import { ApiError, isAbort } from '../shell/api';
import { h, replace } from '../shell/dom';
import { formatNumber } from '../shell/i18n';
import type { Account } from '../shell/types';
import { badge, errorBox, skeletonLines } from '../shell/ui';
import { counterpartyText, kindText, reasonText, refusalText, statusText, tpt } from './messages';
import { beijingStamp, keepPoints, keptPoints, newestFirst, redemptionTone, signedPoints, type KeyValue } from './model';
import { openRedeemScreen } from './redeem-screen';
import { tho } from '../honours/messages';
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

function redemptionLine(redemption: api.Redemption, showCode: (redemption: api.Redemption, button: HTMLButtonElement) => void): HTMLElement {
  return h(
    'li',
    { class: 'pt-line', 'data-testid': 'redemption-line', 'data-id': String(redemption.id), 'data-status': redemption.status },
    h(
      'div',
      { class: 'pt-line-text' },
      h('span', { class: 'pt-line-reason', 'data-user-text': '' }, redemption.title),
      h('span', { class: 'pt-line-meta' }, h('span', { 'data-user-text': '' }, redemption.place_name), ` · ${beijingStamp(redemption.created_at)} · ${tpt('points.count', { count: redemption.price })}`),
    ),
    redemption.status === 'held'
      ? h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'redemption-show', onClick: (event: Event) => showCode(redemption, event.currentTarget as HTMLButtonElement) }, tpt('offers.show'))
      : null,
    badge(statusText(redemption.status), redemptionTone(redemption.status), 'redemption-status'),
  );
}

/** 我的兑换: the worker's redemptions, newest first; reloads itself after a code was shown. */
function redemptionsSection(signal: AbortSignal, onChange: () => void): HTMLElement {
  const body = h('div', { 'data-testid': 'redemptions-body' }, skeletonLines(2));
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'redemptions-error' });
  const showCode = async (redemption: api.Redemption, button: HTMLButtonElement): Promise<void> => {
    error.hidden = true;
    button.disabled = true;
    try {
      const fresh = await api.freshCode(redemption.id);
      openRedeemScreen(fresh, Date.now(), {
        signal,
        onClose: () => {
          if (signal.aborted) return;
          void load();
          onChange();
        },
      });
    } catch (failure) {
      error.hidden = false;
      error.textContent = refusalText(failure);
      void load();
    } finally {
      button.disabled = false;
    }
  };
  const load = async (): Promise<void> => {
    try {
      const { items } = await api.myRedemptions(signal, 20);
      if (signal.aborted) return;
      replace(
        body,
        items.length
          ? h('ul', { class: 'card pt-list', 'data-testid': 'redemptions-list' }, items.map((item) => redemptionLine(item, (r, b) => void showCode(r, b))))
          : h('div', { class: 'card empty', 'data-testid': 'redemptions-empty' }, tpt('mine.redemptionsEmpty')),
      );
    } catch (failure) {
      if (isAbort(failure)) return;
      // Offline the kept points still show; the redemptions wait for the network.
      replace(body, h('div', { class: 'card empty' }, refusalText(failure)));
    }
  };
  void load();
  return h(
    'section',
    { class: 'section', 'data-testid': 'redemptions-section' },
    h(
      'div',
      { class: 'section-head' },
      h('h2', { class: 'section-title' }, tpt('mine.redemptions')),
      h('a', { class: 'btn btn-secondary', href: '#/places?redeemable=1', 'data-testid': 'redeem-nearby' }, tpt('mine.nearby')),
    ),
    error,
    body,
  );
}

function pointsView(answer: api.MyPoints, savedAt: number | null, redemptions: HTMLElement): HTMLElement[] {
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
      answer.expiring && answer.expiring.points > 0
        ? h('span', { class: 'pt-expiring', role: 'note', 'data-testid': 'points-expiring', 'data-value': String(answer.expiring.points) }, tpt('mine.expiring', { points: formatNumber(answer.expiring.points), date: answer.expiring.before }))
        : null,
    ),
    redemptions,
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
  // Showing a held code and closing it may change the balance (confirmed, cancelled): read it again.
  const redemptions = redemptionsSection(signal, () => void load());
  const load = async (): Promise<void> => {
    replace(body, skeletonLines(5));
    try {
      const answer = await api.myPoints(signal, HISTORY_LIMIT);
      if (signal.aborted) return;
      keepPoints(localStore(), account.id, answer);
      replace(body, pointsView(answer, null, redemptions));
    } catch (error) {
      if (isAbort(error)) return;
      const copy = error instanceof ApiError && error.status === 0 ? keptPoints(localStore(), account.id) : null;
      replace(body, copy ? pointsView(copy.answer, copy.saved, redemptions) : errorBox(error, () => void load()));
    }
  };
  void load();
  // Prizes of honours arrive here (获得荣誉): the campaigns and certificates are one tap away.
  const honours = h('a', { class: 'btn btn-secondary btn-block', href: '#/honours/mine', 'data-testid': 'points-my-honours' }, tho('mine.title'));
  return h('div', { class: 'page pt-page', 'data-testid': 'points-page' }, h('div', { class: 'console-title' }, h('h1', null, tpt('mine.title'))), body, honours);
}
