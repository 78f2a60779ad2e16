/**
 * 积分兑换 on a friendly place's page (/p/ID, #/p/ID): its live offers (title, price in points,
 * stock left, validity). A signed-in worker sees their balance and a 兑换 button on each offer
 * they can pay for, else the reason (积分不足（还差 5 分）, 已兑完…); a held redemption at this place
 * is one tap from its code. Redeeming sends one client id per tap (the same again when the
 * network failed and the worker taps again) and opens the redemption screen. Others see the
 * offers and how to redeem them; the place's own keeper or merchant a link to 兑换核销.
 */

import * as api from './api';
import { ApiError, isAbort } from '../shell/api';
import { h, replace } from '../shell/dom';
import { formatNumber } from '../shell/i18n';
import type { Account } from '../shell/types';
import { offerBlockText, offerTerms, refusalText, tpt } from './messages';
import { SubmissionKey, offerBlock } from './model';
import { openRedeemScreen } from './redeem-screen';
import './points.css';

export interface OfferPlace {
  id: number;
  name: string;
  status: string;
  can_edit?: boolean;
}

interface Seen {
  offers: api.Offer[];
  account: Account | null;
  balance: number | null;
  heldHere: api.Redemption[];
}

export function offersBlock(place: OfferPlace, who: Promise<Account | null>, signal: AbortSignal): HTMLElement | null {
  if (place.status !== 'approved' && !place.can_edit) return null;
  const list = h('ul', { class: 'pt-offers', 'data-testid': 'points-offers' });
  const balanceLine = h('span', { class: 'pt-offers-balance', hidden: true, 'data-testid': 'offers-balance' });
  const held = h('div', { class: 'pt-offers-held', hidden: true, 'data-testid': 'offers-held' });
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'offers-error' });
  const footer = h('div', { class: 'pt-offers-foot' });
  const block = h(
    'section',
    { class: 'pq-block pt-offers-block', hidden: true, 'aria-busy': 'true', 'data-testid': 'place-points-offers' },
    h('div', { class: 'pt-offers-head' }, h('h2', { class: 'pq-title' }, tpt('offers.title')), balanceLine),
    held,
    list,
    error,
    footer,
  );
  const key = new SubmissionKey('redeem');
  let busy = false;
  let shown = false;

  const showError = (text: string | null): void => {
    error.hidden = text === null;
    error.textContent = text ?? '';
  };

  const show = (seen: Seen): void => {
    const worker = seen.account?.role === 'worker';
    balanceLine.hidden = !worker || seen.balance === null;
    if (seen.balance !== null) {
      balanceLine.setAttribute('data-value', String(seen.balance));
      balanceLine.textContent = tpt('offers.balance', { count: formatNumber(seen.balance) });
    }
    held.hidden = seen.heldHere.length === 0;
    replace(
      held,
      seen.heldHere.map((redemption) =>
        h(
          'div',
          { class: 'pt-offers-held-line', 'data-redemption-id': String(redemption.id) },
          h('span', null, tpt('offers.held', { title: redemption.title })),
          h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'offers-show-code', onClick: (event: Event) => void showAgain(redemption, event.currentTarget as HTMLButtonElement) }, tpt('offers.show')),
        ),
      ),
    );
    const now = Date.now() / 1000;
    replace(
      list,
      seen.offers.map((offer) => {
        const { block: why, short } = offerBlock(offer, worker ? seen.balance : null);
        const side = worker
          ? why
            ? h('span', { class: 'pt-offer-why', 'data-testid': 'offer-reason' }, offerBlockText(why, short))
            : h('button', { type: 'button', class: 'btn btn-primary pt-offer-go', 'data-testid': 'offer-redeem', onClick: (event: Event) => void redeem(offer, event.currentTarget as HTMLButtonElement) }, tpt('offers.redeem'))
          : why && why !== 'short'
            ? h('span', { class: 'pt-offer-why', 'data-testid': 'offer-reason' }, offerBlockText(why, short))
            : null;
        return h(
          'li',
          { class: 'pt-offer', 'data-testid': 'points-offer', 'data-offer-id': String(offer.id), 'data-price': String(offer.price), 'data-state': why ?? 'ready' },
          h(
            'div',
            { class: 'pt-offer-text' },
            h('strong', { class: 'pt-offer-title', 'data-testid': 'offer-title', 'data-user-text': '' }, offer.title),
            offer.description ? h('span', { class: 'pt-offer-desc', 'data-user-text': '' }, offer.description) : null,
            h('span', { class: 'pt-offer-terms', 'data-testid': 'offer-terms' }, offerTerms(offer, now)),
          ),
          h('div', { class: 'pt-offer-side' }, h('span', { class: 'pt-offer-price', 'data-testid': 'offer-price' }, tpt('points.count', { count: formatNumber(offer.price) })), side),
        );
      }),
    );
    const next = `/p/${place.id}`;
    replace(
      footer,
      !seen.account
        ? h('a', { class: 'btn btn-secondary btn-block', href: `/#/login?next=${encodeURIComponent(next)}`, 'data-testid': 'offers-login' }, tpt('offers.login'))
        : !worker && place.can_edit
          ? h('a', { class: 'btn btn-secondary', href: '/#/redeem', 'data-testid': 'offers-manage' }, tpt('offers.manage'))
          : !worker
            ? h('p', { class: 'muted' }, tpt('offers.workersOnly'))
            : null,
    );
    block.hidden = seen.offers.length === 0 && !place.can_edit;
    block.removeAttribute('aria-busy');
    shown = true;
  };

  const load = async (): Promise<void> => {
    try {
      const [answer, account] = await Promise.all([api.placeOffers(place.id, signal), who]);
      const worker = account?.role === 'worker';
      const [mine, redemptions] = worker
        ? await Promise.all([api.myPoints(signal, 1).catch(() => null), api.myRedemptions(signal, 20).catch(() => null)])
        : [null, null];
      if (signal.aborted) return;
      show({
        offers: answer.offers,
        account,
        balance: mine?.balance ?? null,
        heldHere: (redemptions?.items ?? []).filter((r) => r.status === 'held' && r.place_id === place.id),
      });
    } catch (failure) {
      if (isAbort(failure) || signal.aborted || shown) return;
      // No offers to show (the place is not listed, the network is gone): the page goes on without
      // them. (Offers shown already stay when a later reading fails.)
      block.hidden = true;
      block.removeAttribute('aria-busy');
    }
  };

  const afterScreen = (): void => {
    if (!signal.aborted) void load();
  };

  const redeem = async (offer: api.Offer, button: HTMLButtonElement): Promise<void> => {
    if (busy) return;
    busy = true;
    showError(null);
    button.disabled = true;
    button.textContent = tpt('offers.redeeming');
    try {
      const issued = await api.redeem(offer.id, key.idFor(String(offer.id)));
      const received = Date.now();
      key.done();
      openRedeemScreen(issued, received, { signal, onClose: afterScreen });
      // The price is held already: the balance and the stock behind the screen show it.
      void load();
    } catch (failure) {
      // Answered (refused) for good: the next tap is a new redemption; a lost answer is retried as the same one.
      if (!(failure instanceof ApiError && failure.status === 0)) key.done();
      showError(refusalText(failure, 'offers.network'));
    } finally {
      busy = false;
      button.disabled = false;
      button.textContent = tpt('offers.redeem');
    }
  };

  const showAgain = async (redemption: api.Redemption, button: HTMLButtonElement): Promise<void> => {
    showError(null);
    button.disabled = true;
    try {
      const fresh = await api.freshCode(redemption.id);
      openRedeemScreen(fresh, Date.now(), { signal, onClose: afterScreen });
    } catch (failure) {
      showError(refusalText(failure));
      void load();
    } finally {
      button.disabled = false;
    }
  };

  void load();
  return block;
}
