/**
 * 积分管理 (#/points/admin) for community officers and above: the ledger's conservation law in
 * words (发放 = 积分池 + 骑手持有 + 已兑换 + 已过期, ✓ when it holds), the pools, and the form that
 * awards a rider points (found by name through GET /workers). City officers and administrators
 * also fund a pool (注资) and reverse a recent award (冲正; the awards are read from the audit log).
 * Every form sends one client id per submission and the same id again on a retry or a double tap,
 * so the server pays once; a refusal shows the server's own sentence.
 */

import * as api from './api';
import { ApiError, isAbort } from '../shell/api';
import { h, replace } from '../shell/dom';
import { formatNumber } from '../shell/i18n';
import type { Account, WorkerSummary } from '../shell/types';
import { badge, errorBox, errorMessageOf, modal, section, skeletonLines } from '../shell/ui';
import { reasonText, refusalText as refusal, tpt } from './messages';
import { SubmissionKey, beijingStamp, conservationHolds, parsePoints, recentAwards, rememberReversed, reversedHere, type KeyValue, type RecentAward } from './model';
import { rulesSection } from './rules-admin';
import './points.css';

/** The roles that fund pools and reverse transfers (the server's RoleMayOrder). */
export function mayFundAndReverse(role: string): boolean {
  return role === 'city_officer' || role === 'admin';
}

function localStore(): KeyValue | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

const field = (label: string, control: HTMLElement): HTMLElement => h('label', { class: 'pt-field' }, h('span', { class: 'label-sm' }, label), control);

function showMessage(element: HTMLElement, text: string | null): void {
  element.hidden = text === null;
  element.textContent = text ?? '';
}

function poolOptions(select: HTMLSelectElement, pools: api.LedgerAccount[], keep = true): void {
  const previous = keep ? select.value : '';
  replace(
    select,
    pools.map((pool) => h('option', { value: String(pool.id), 'data-owner': pool.owner }, `${pool.name} · ${tpt('points.count', { count: formatNumber(pool.balance) })}`)),
  );
  const city = pools.find((pool) => pool.owner === 'city');
  select.value = previous && pools.some((pool) => String(pool.id) === previous) ? previous : String(city?.id ?? pools[0]?.id ?? '');
}

function ledgerView(overview: api.Overview): HTMLElement[] {
  const c = overview.conservation;
  const holds = conservationHolds(c) && overview.balances_off === 0;
  const n = (value: number): string => formatNumber(value);
  return [
    h(
      'div',
      { class: 'card pt-law', 'data-testid': 'points-law', 'data-holds': String(holds) },
      h(
        'span',
        { 'data-testid': 'points-law-text' },
        c.held
          ? tpt('admin.lawHeld', { issued: n(c.issued), pools: n(c.pools), workers: n(c.workers), held: n(c.held), spent: n(c.spent), expired: n(c.expired) })
          : tpt('admin.law', { issued: n(c.issued), pools: n(c.pools), workers: n(c.workers), spent: n(c.spent), expired: n(c.expired) }),
      ),
      h('span', { class: `pt-law-mark ${holds ? 'is-ok' : 'is-bad'}`, 'aria-hidden': 'true' }, holds ? '✓' : '✗'),
      badge(holds ? tpt('admin.lawHolds') : tpt('admin.lawBroken'), holds ? 'ok' : 'bad', 'points-law-state'),
      overview.balances_off > 0 ? h('span', { class: 'form-error', role: 'alert' }, tpt('admin.balancesOff', { count: overview.balances_off })) : null,
    ),
    h('h3', { class: 'label-sm' }, tpt('admin.pools')),
    h(
      'div',
      { class: 'table-wrap' },
      overview.pools.length
        ? h(
            'table',
            { class: 'data', 'data-testid': 'points-pools' },
            h('thead', null, h('tr', null, h('th', { scope: 'col' }, tpt('admin.col.pool')), h('th', { scope: 'col', class: 'num' }, tpt('admin.col.balance')))),
            h(
              'tbody',
              null,
              overview.pools.map((pool) =>
                h(
                  'tr',
                  { 'data-testid': 'points-pool', 'data-id': String(pool.id), 'data-owner': pool.owner, 'data-balance': String(pool.balance) },
                  h('td', { 'data-label': tpt('admin.col.pool') }, pool.name),
                  h('td', { class: 'num', 'data-label': tpt('admin.col.balance') }, formatNumber(pool.balance)),
                ),
              ),
            ),
          )
        : h('div', { class: 'empty' }, tpt('admin.poolsEmpty')),
    ),
  ];
}

export function pointsAdminPage(account: Account, signal: AbortSignal): HTMLElement {
  const city = mayFundAndReverse(account.role);
  let pools: api.LedgerAccount[] = [];

  // ---- the ledger and the pools
  const ledger = h('div', { 'data-testid': 'points-ledger' }, skeletonLines(3));
  const awardPool = h('select', { class: 'input', 'data-testid': 'award-pool', 'aria-label': tpt('award.pool') });
  const awardPoolField = field(tpt('award.pool'), awardPool);
  awardPoolField.hidden = true;
  const fundPool = h('select', { class: 'input', 'data-testid': 'fund-pool', 'aria-label': tpt('fund.pool') });
  const loadLedger = async (): Promise<void> => {
    try {
      const overview = await api.overview(signal);
      if (signal.aborted) return;
      pools = overview.pools;
      replace(ledger, ledgerView(overview));
      poolOptions(awardPool, pools);
      poolOptions(fundPool, pools);
      // One pool needs no choice: the server pays from the city's.
      awardPoolField.hidden = pools.length < 2;
    } catch (error) {
      if (!isAbort(error)) replace(ledger, errorBox(error, () => void loadLedger()));
    }
  };

  // ---- award a rider
  let chosen: WorkerSummary | null = null;
  const chosenLine = h('p', { class: 'pt-chosen', 'data-testid': 'award-chosen', hidden: true });
  const query = h('input', { type: 'search', class: 'input', enterkeyhint: 'search', autocomplete: 'off', maxlength: 40, placeholder: tpt('award.searchPlaceholder'), 'aria-label': tpt('award.searchPlaceholder'), 'data-testid': 'award-search' });
  const results = h('ul', { class: 'pt-results', 'aria-live': 'polite', 'data-testid': 'award-results' });
  let asked = 0;
  let searchTimer = 0;
  const choose = (worker: WorkerSummary): void => {
    chosen = worker;
    chosenLine.hidden = false;
    chosenLine.textContent = tpt('award.chosen', { name: `${worker.name} · ${worker.phone_masked}` });
    results.querySelectorAll<HTMLElement>('.pt-candidate').forEach((row) => {
      const on = row.dataset.workerId === String(worker.id);
      row.classList.toggle('is-on', on);
      const button = row.querySelector('button');
      if (button) button.textContent = on ? tpt('award.picked') : tpt('award.pick');
    });
  };
  const search = async (): Promise<void> => {
    const q = query.value.trim();
    const mine = ++asked;
    if (!q) {
      replace(results);
      return;
    }
    try {
      const page = await api.findWorkers(q, signal);
      if (mine !== asked) return;
      replace(
        results,
        page.items.length
          ? page.items.map((worker) =>
              h(
                'li',
                { class: `pt-candidate${chosen?.id === worker.id ? ' is-on' : ''}`, 'data-testid': 'award-candidate', 'data-worker-id': String(worker.id) },
                h('div', { class: 'pt-candidate-who' }, h('strong', null, worker.name), h('span', { class: 'muted' }, h('span', { class: 'mono' }, worker.phone_masked), ` · ${worker.platform}`)),
                h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'award-pick', onClick: () => choose(worker) }, chosen?.id === worker.id ? tpt('award.picked') : tpt('award.pick')),
              ),
            )
          : h('li', { class: 'hint', 'data-testid': 'award-none' }, tpt('award.none')),
      );
    } catch (error) {
      if (mine !== asked || isAbort(error)) return;
      replace(results, h('li', { class: 'form-error', role: 'alert' }, errorMessageOf(error)));
    }
  };
  query.addEventListener('input', () => {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(() => void search(), 300);
  });
  const finder = h(
    'form',
    {
      class: 'pt-search',
      role: 'search',
      onSubmit: (event: Event) => {
        event.preventDefault();
        window.clearTimeout(searchTimer);
        void search();
      },
    },
    query,
    h('button', { type: 'submit', class: 'btn btn-secondary', 'data-testid': 'award-find' }, tpt('award.find')),
  );

  const amount = h('input', { class: 'input', type: 'text', inputmode: 'numeric', autocomplete: 'off', maxlength: 9, 'data-testid': 'award-amount', 'aria-label': tpt('award.amount') });
  const reason = h('input', { class: 'input', type: 'text', maxlength: 200, autocomplete: 'off', placeholder: tpt('award.reasonPlaceholder'), 'data-testid': 'award-reason', 'aria-label': tpt('award.reason') });
  const awardError = h('div', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'award-error' });
  const awardDone = h('div', { class: 'form-ok', role: 'status', hidden: true, 'data-testid': 'award-done' });
  const awardSubmit = h('button', { type: 'submit', class: 'btn btn-primary btn-block', 'data-testid': 'award-submit' }, tpt('award.submit'));
  const awardKey = new SubmissionKey('award');
  let awarding = false;
  const award = async (): Promise<void> => {
    if (awarding) return;
    showMessage(awardError, null);
    showMessage(awardDone, null);
    const points = parsePoints(amount.value);
    const why = reason.value.trim();
    const missing = !chosen ? 'award.missingWorker' : points === null ? 'award.missingAmount' : !why ? 'award.missingReason' : null;
    if (missing || !chosen || points === null) {
      showMessage(awardError, tpt(missing ?? 'award.missingWorker'));
      return;
    }
    const worker = chosen;
    const poolId = !awardPoolField.hidden && awardPool.value ? Number(awardPool.value) : undefined;
    const clientId = awardKey.idFor(JSON.stringify([worker.id, points, why, poolId ?? null]));
    awarding = true;
    awardSubmit.disabled = true;
    awardSubmit.textContent = tpt('award.sending');
    try {
      const answer = await api.order({ kind: 'award', amount: points, client_id: clientId, reason: why, worker_id: worker.id, ...(poolId ? { pool_id: poolId } : {}) });
      awardKey.done();
      awardDone.dataset.transferId = String(answer.transfer.id);
      awardDone.dataset.replayed = String(answer.replayed);
      showMessage(awardDone, answer.replayed ? tpt('award.replayed', { amount: answer.transfer.amount }) : tpt('award.done', { name: worker.name, amount: answer.transfer.amount }));
      amount.value = '';
      reason.value = '';
      void loadLedger();
      if (city) void loadAwards();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'client_id_reused') awardKey.done();
      showMessage(awardError, refusal(error, 'award.network'));
    } finally {
      awarding = false;
      awardSubmit.disabled = false;
      awardSubmit.textContent = tpt('award.submit');
    }
  };
  const awardForm = h(
    'form',
    {
      class: 'pt-form',
      novalidate: true,
      'data-testid': 'award-form',
      onSubmit: (event: Event) => {
        event.preventDefault();
        void award();
      },
    },
    h('div', { class: 'pt-row' }, field(tpt('award.amount'), amount), awardPoolField),
    field(tpt('award.reason'), reason),
    awardError,
    awardDone,
    h('div', { class: 'pt-actions' }, awardSubmit),
  );
  const awardCard = h('div', { class: 'card' }, h('span', { class: 'label-sm' }, tpt('award.worker')), finder, h('p', { class: 'hint' }, tpt('award.searchHint')), results, chosenLine, awardForm);

  // ---- fund a pool (city officers and administrators)
  const fundAmount = h('input', { class: 'input', type: 'text', inputmode: 'numeric', autocomplete: 'off', maxlength: 9, 'data-testid': 'fund-amount', 'aria-label': tpt('fund.amount') });
  const fundReason = h('input', { class: 'input', type: 'text', maxlength: 200, autocomplete: 'off', placeholder: tpt('fund.reasonPlaceholder'), 'data-testid': 'fund-reason', 'aria-label': tpt('fund.reason') });
  const fundError = h('div', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'fund-error' });
  const fundDone = h('div', { class: 'form-ok', role: 'status', hidden: true, 'data-testid': 'fund-done' });
  const fundSubmit = h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'fund-submit' }, tpt('fund.submit'));
  const fundKey = new SubmissionKey('fund');
  let funding = false;
  const fund = async (): Promise<void> => {
    if (funding) return;
    showMessage(fundError, null);
    showMessage(fundDone, null);
    const points = parsePoints(fundAmount.value);
    const why = fundReason.value.trim();
    const poolId = Number(fundPool.value);
    if (points === null || !why || !Number.isInteger(poolId) || poolId <= 0) {
      showMessage(fundError, tpt(points === null ? 'award.missingAmount' : 'award.missingReason'));
      return;
    }
    const clientId = fundKey.idFor(JSON.stringify([poolId, points, why]));
    funding = true;
    fundSubmit.disabled = true;
    try {
      const answer = await api.order({ kind: 'fund', amount: points, client_id: clientId, reason: why, pool_id: poolId });
      fundKey.done();
      const pool = pools.find((p) => p.id === poolId)?.name ?? '';
      showMessage(fundDone, answer.replayed ? tpt('fund.replayed', { amount: answer.transfer.amount }) : tpt('fund.done', { pool, amount: answer.transfer.amount }));
      fundAmount.value = '';
      fundReason.value = '';
      void loadLedger();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'client_id_reused') fundKey.done();
      showMessage(fundError, refusal(error, 'award.network'));
    } finally {
      funding = false;
      fundSubmit.disabled = false;
    }
  };
  const fundForm = h(
    'form',
    {
      class: 'card pt-form',
      novalidate: true,
      'data-testid': 'fund-form',
      onSubmit: (event: Event) => {
        event.preventDefault();
        void fund();
      },
    },
    h('p', { class: 'hint' }, tpt('fund.intro')),
    h('div', { class: 'pt-row' }, field(tpt('fund.pool'), fundPool), field(tpt('fund.amount'), fundAmount)),
    field(tpt('fund.reason'), fundReason),
    fundError,
    fundDone,
    h('div', { class: 'pt-actions' }, fundSubmit),
  );

  // ---- recent awards and their reversal (city officers and administrators)
  const awardsSlot = h('div', { 'data-testid': 'points-recent' }, skeletonLines(3));
  const reverse = async (item: RecentAward): Promise<void> => {
    const why = h('input', { class: 'input', type: 'text', maxlength: 200, autocomplete: 'off', placeholder: tpt('reverse.reasonPlaceholder'), 'data-testid': 'reverse-reason', 'aria-label': tpt('reverse.reason') });
    const key = new SubmissionKey('reversal');
    const done = await modal({
      title: tpt('reverse.dialog'),
      body: [h('p', null, tpt('reverse.confirm', { amount: item.amount, reason: reasonText(item.reason) })), field(tpt('reverse.reason'), why)],
      submitLabel: tpt('reverse.action'),
      danger: true,
      testid: 'reverse-dialog',
      onSubmit: async () => {
        const text = why.value.trim();
        if (!text) throw new Error(tpt('award.missingReason'));
        try {
          const answer = await api.order({ kind: 'reversal', client_id: key.idFor(JSON.stringify([item.transferId, text])), reason: text, transfer_id: item.transferId });
          key.done();
          rememberReversed(localStore(), item.transferId);
          return answer;
        } catch (error) {
          if (error instanceof ApiError && error.code === 'already_reversed') {
            rememberReversed(localStore(), item.transferId);
            void loadAwards();
          }
          throw new Error(refusal(error, 'award.network'), { cause: error });
        }
      },
    });
    if (done) {
      showMessage(reverseDone, tpt('reverse.done', { amount: done.transfer.amount }));
      void loadLedger();
      void loadAwards();
    }
  };
  const reverseDone = h('div', { class: 'form-ok', role: 'status', hidden: true, 'data-testid': 'reverse-done' });
  const loadAwards = async (): Promise<void> => {
    try {
      const { items } = await api.recentAudit(signal);
      if (signal.aborted) return;
      // A reversal's audit entry may lie outside the caller's view of the log: those made here count too.
      const here = reversedHere(localStore());
      const awards = recentAwards(items)
        .slice(0, 20)
        .map((award) => (here.has(award.transferId) ? { ...award, reversed: true } : award));
      replace(
        awardsSlot,
        awards.length
          ? h(
              'div',
              { class: 'table-wrap' },
              h(
                'table',
                { class: 'data', 'data-testid': 'points-awards' },
                h(
                  'thead',
                  null,
                  h('tr', null, (['reverse.col.time', 'reverse.col.by', 'reverse.col.amount', 'reverse.col.reason', 'reverse.col.action'] as const).map((key) => h('th', { scope: 'col' }, tpt(key)))),
                ),
                h(
                  'tbody',
                  null,
                  awards.map((item) =>
                    h(
                      'tr',
                      { 'data-testid': 'points-award', 'data-transfer-id': String(item.transferId), 'data-reversed': String(item.reversed) },
                      h('td', { class: 'mono nowrap', 'data-label': tpt('reverse.col.time') }, beijingStamp(item.at)),
                      h('td', { class: 'mono', 'data-label': tpt('reverse.col.by') }, item.by),
                      h('td', { class: 'num', 'data-label': tpt('reverse.col.amount') }, formatNumber(item.amount)),
                      h('td', { 'data-label': tpt('reverse.col.reason') }, reasonText(item.reason)),
                      h(
                        'td',
                        { 'data-label': tpt('reverse.col.action') },
                        item.reversed
                          ? badge(tpt('reverse.reversed'), 'muted')
                          : h('button', { type: 'button', class: 'btn btn-warn pt-reverse', 'data-testid': 'points-reverse', onClick: () => void reverse(item) }, tpt('reverse.action')),
                      ),
                    ),
                  ),
                ),
              ),
            )
          : h('div', { class: 'card empty', 'data-testid': 'points-awards-empty' }, tpt('reverse.empty')),
      );
    } catch (error) {
      if (!isAbort(error)) replace(awardsSlot, errorBox(error, () => void loadAwards()));
    }
  };

  void loadLedger();
  if (city) void loadAwards();

  return h(
    'div',
    { class: 'page pt-page', 'data-testid': 'points-admin-page' },
    h('div', { class: 'console-title' }, h('h1', null, tpt('admin.title'))),
    h('p', { class: 'hint' }, tpt('admin.intro')),
    section(tpt('admin.ledger'), ledger, { testid: 'points-ledger-section' }),
    section(tpt('award.title'), awardCard, { testid: 'points-award-section' }),
    rulesSection(account, signal),
    city ? section(tpt('fund.title'), fundForm, { testid: 'points-fund-section' }) : null,
    city ? section(tpt('reverse.title'), [h('p', { class: 'hint' }, tpt('reverse.intro')), reverseDone, awardsSlot], { testid: 'points-reverse-section' }) : null,
  );
}
