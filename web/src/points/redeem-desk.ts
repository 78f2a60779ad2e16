/**
 * 兑换核销 (#/redeem) for station keepers and merchants, at the counter: one big numeric field for
 * the 8 digits on the rider's phone (spaces and hyphens allowed, as read out), 核销, and the
 * answer in words (核销成功 with what and how many points, or the server's reason for a refusal:
 * used already, expired, another place's…); the confirmations of today; the offers of each of
 * their places with 上架/下架 and a small form for a new one (with its 出资方: a sponsor, or the
 * city's pool); and each place's statement of this
 * month and the last as CSV and PDF (GET /places/{id}/statement). Instead of a code, 扫骑手码
 * scans the rider's live pass (redeem-scan.ts).
 */

import * as api from './api';
import * as placesApi from '../places/api';
import * as sponsorsApi from '../sponsors/api';
import { isAbort } from '../shell/api';
import { h, icon, replace } from '../shell/dom';
import { formatNumber } from '../shell/i18n';
import { icons } from '../shell/icons';
import type { Account } from '../shell/types';
import { badge, errorBox, section, skeletonLines } from '../shell/ui';
import { offerTerms, refusalText, tpt } from './messages';
import { beijingMonth, beijingStamp, endOfBeijingDay, offerRewrite, parsePoints, parseRedemptionCode, parseStock, previousMonth, todaysLines } from './model';
import { statementPdfUrl } from './redeem-api';
import { passScanPanel } from './redeem-scan';
import './points.css';

interface DeskPlace {
  id: number;
  name: string;
  status: string;
}

const field = (label: string, control: HTMLElement): HTMLElement => h('label', { class: 'pt-field' }, h('span', { class: 'label-sm' }, label), control);

function say(element: HTMLElement, text: string | null): void {
  element.hidden = text === null;
  element.textContent = text ?? '';
}

/** An offer as the server sends it, with the sponsor who pays the place for it (null: the city). */
type PaidOffer = api.Offer & { sponsor_id?: number | null };

/** The sponsors a new offer may be paid by, read once per page (none when the list cannot be read). */
const payersOfPage = new WeakMap<AbortSignal, Promise<sponsorsApi.Sponsor[]>>();
function payers(signal: AbortSignal): Promise<sponsorsApi.Sponsor[]> {
  let answer = payersOfPage.get(signal);
  if (!answer) {
    answer = sponsorsApi.sponsors(signal).then(
      (list) => list.items,
      () => [],
    );
    payersOfPage.set(signal, answer);
  }
  return answer;
}

/** The place's offers with 上架/下架 and who pays for each, and the form that lists a new one. */
function offersEditor(place: DeskPlace, signal: AbortSignal): HTMLElement {
  const list = h('div', { 'data-testid': 'desk-offers-body' }, skeletonLines(2));
  const listError = h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'desk-offer-error' });

  const toggle = async (offer: api.Offer, button: HTMLButtonElement): Promise<void> => {
    say(listError, null);
    button.disabled = true;
    try {
      await api.updateOffer(offer.id, offerRewrite(offer, { active: !offer.active }));
      await load();
    } catch (failure) {
      say(listError, refusalText(failure));
      button.disabled = false;
    }
  };

  const load = async (): Promise<void> => {
    try {
      const [{ offers }, sponsors] = await Promise.all([api.placeOffers(place.id, signal), payers(signal)]);
      if (signal.aborted) return;
      const payerName = (offer: PaidOffer): string => (offer.sponsor_id ? (sponsors.find((s) => s.id === offer.sponsor_id)?.name ?? `#${offer.sponsor_id}`) : tpt('desk.payerCity'));
      const now = Date.now() / 1000;
      replace(
        list,
        offers.length
          ? h(
              'ul',
              { class: 'pt-offers', 'data-testid': 'desk-offers' },
              offers.map((offer) =>
                h(
                  'li',
                  { class: `pt-offer${offer.active ? '' : ' is-paused'}`, 'data-testid': 'desk-offer', 'data-offer-id': String(offer.id), 'data-active': String(offer.active) },
                  h(
                    'div',
                    { class: 'pt-offer-text' },
                    h('strong', { class: 'pt-offer-title', 'data-user-text': '' }, offer.title),
                    h('span', { class: 'pt-offer-terms' }, `${tpt('points.count', { count: formatNumber(offer.price) })} · ${offerTerms(offer, now)}`),
                    h('span', { class: 'pt-offer-terms', 'data-testid': 'desk-offer-payer', 'data-sponsor-id': String((offer as PaidOffer).sponsor_id ?? '') }, tpt('desk.payer', { name: payerName(offer) })),
                  ),
                  h(
                    'div',
                    { class: 'pt-offer-side' },
                    badge(offer.active ? tpt('desk.active') : tpt('desk.inactive'), offer.active ? 'ok' : 'muted', 'desk-offer-state'),
                    h(
                      'button',
                      { type: 'button', class: `btn ${offer.active ? 'btn-warn' : 'btn-secondary'}`, 'data-testid': 'desk-offer-toggle', onClick: (event: Event) => void toggle(offer, event.currentTarget as HTMLButtonElement) },
                      offer.active ? tpt('desk.pause') : tpt('desk.resume'),
                    ),
                  ),
                ),
              ),
            )
          : h('p', { class: 'muted', 'data-testid': 'desk-offers-empty' }, tpt('desk.offersEmpty')),
      );
    } catch (failure) {
      if (!isAbort(failure)) replace(list, errorBox(failure, () => void load()));
    }
  };

  // ---- a new offer
  const title = h('input', { class: 'input', type: 'text', maxlength: 40, autocomplete: 'off', placeholder: tpt('desk.addTitlePlaceholder'), 'data-testid': 'desk-add-title', 'aria-label': tpt('desk.addTitle') });
  const price = h('input', { class: 'input', type: 'text', inputmode: 'numeric', maxlength: 6, autocomplete: 'off', 'data-testid': 'desk-add-price', 'aria-label': tpt('desk.addPrice') });
  const stock = h('input', { class: 'input', type: 'text', inputmode: 'numeric', maxlength: 7, autocomplete: 'off', 'data-testid': 'desk-add-stock', 'aria-label': tpt('desk.addStock') });
  const until = h('input', { class: 'input', type: 'date', min: beijingStamp(Date.now() / 1000).slice(0, 10), 'data-testid': 'desk-add-until', 'aria-label': tpt('desk.addUntil') });
  const payer = h('select', { class: 'input', 'data-testid': 'desk-add-payer', 'aria-label': tpt('desk.addPayer') }, h('option', { value: '' }, tpt('desk.payerCity')));
  void payers(signal).then((sponsors) => {
    for (const sponsor of sponsors) payer.append(h('option', { value: String(sponsor.id) }, `${sponsor.name} · ${sponsor.area_name}`));
  });
  const addError = h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'desk-add-error' });
  const addDone = h('p', { class: 'form-ok', role: 'status', hidden: true, 'data-testid': 'desk-add-done' });
  const addSubmit = h('button', { type: 'submit', class: 'btn btn-primary btn-block', 'data-testid': 'desk-add-submit' }, tpt('desk.addSubmit'));
  let adding = false;
  const add = async (): Promise<void> => {
    if (adding) return;
    say(addError, null);
    say(addDone, null);
    const name = title.value.trim();
    const points = parsePoints(price.value);
    const left = parseStock(stock.value);
    const end = until.value ? endOfBeijingDay(until.value) : null;
    const problem = !name ? tpt('desk.missingTitle') : points === null ? tpt('award.missingAmount') : left === undefined ? tpt('desk.badStock') : until.value && end === null ? tpt('desk.badUntil') : null;
    if (problem || points === null || left === undefined) {
      say(addError, problem);
      return;
    }
    adding = true;
    addSubmit.disabled = true;
    try {
      const body: api.OfferInput & { sponsor_id: number | null } = { title: name, price: points, stock: left, valid_until: end, sponsor_id: payer.value ? Number(payer.value) : null };
      const made = await api.createOffer(place.id, body);
      say(addDone, tpt('desk.added', { title: made.title }));
      title.value = '';
      price.value = '';
      stock.value = '';
      until.value = '';
      payer.value = '';
      await load();
    } catch (failure) {
      say(addError, refusalText(failure));
    } finally {
      adding = false;
      addSubmit.disabled = false;
    }
  };
  const form = h(
    'form',
    {
      class: 'pt-form',
      novalidate: true,
      'data-testid': 'desk-add-form',
      onSubmit: (event: Event) => {
        event.preventDefault();
        void add();
      },
    },
    field(tpt('desk.addTitle'), title),
    h('div', { class: 'pt-row' }, field(tpt('desk.addPrice'), price), field(tpt('desk.addStock'), stock)),
    field(tpt('desk.addUntil'), until),
    field(tpt('desk.addPayer'), payer),
    addError,
    addDone,
    h('div', { class: 'pt-actions' }, addSubmit),
  );

  void load();
  return h(
    'div',
    { class: 'card pt-desk-place', 'data-testid': 'desk-place', 'data-place-id': String(place.id) },
    h('h3', { class: 'pt-desk-place-name', 'data-user-text': '' }, place.name),
    place.status !== 'approved' ? h('p', { class: 'hint', 'data-testid': 'desk-place-pending' }, tpt('desk.pending')) : null,
    list,
    listError,
    h('details', { class: 'pt-desk-add' }, h('summary', { 'data-testid': 'desk-add-open' }, tpt('desk.add')), form),
  );
}

/** Each place's statement of this month and the last, as CSV links, and this month's as a PDF. */
function statementLinks(places: DeskPlace[]): HTMLElement {
  const month = beijingMonth(Date.now());
  const last = previousMonth(month);
  const link = (place: DeskPlace, which: string, key: 'desk.thisMonth' | 'desk.lastMonth', testid: string): HTMLElement =>
    h(
      'a',
      { class: 'btn btn-secondary pt-statement', href: api.statementCsvUrl(place.id, which), download: `statement-${place.id}-${which}.csv`, 'data-testid': testid, 'data-place-id': String(place.id), 'data-month': which },
      icon(icons.download),
      h('span', null, tpt(key, { month: which })),
    );
  return h(
    'div',
    { class: 'card' },
    h('p', { class: 'hint' }, tpt('desk.statementHint')),
    places.map((place) =>
      h(
        'div',
        { class: 'pt-statement-row' },
        places.length > 1 ? h('strong', { 'data-user-text': '' }, place.name) : null,
        h(
          'div',
          { class: 'pt-statement-links' },
          link(place, month, 'desk.thisMonth', 'desk-statement'),
          link(place, last, 'desk.lastMonth', 'desk-statement-last'),
          h(
            'a',
            { class: 'btn btn-secondary pt-statement', href: statementPdfUrl(place.id, month), download: `statement-${place.id}-${month}.pdf`, 'data-testid': 'desk-statement-pdf', 'data-place-id': String(place.id), 'data-month': month },
            icon(icons.download),
            h('span', null, tpt('desk.statementPdf', { month })),
          ),
        ),
      ),
    ),
  );
}

export function redeemDeskPage(_account: Account, signal: AbortSignal): HTMLElement {
  let places: DeskPlace[] = [];

  // ---- the code
  const code = h('input', {
    class: 'input pt-desk-code',
    type: 'text',
    inputmode: 'numeric',
    autocomplete: 'off',
    enterkeyhint: 'done',
    maxlength: 20,
    placeholder: tpt('desk.codePlaceholder'),
    'aria-label': tpt('desk.code'),
    'data-testid': 'desk-code',
  });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block pt-desk-submit', 'data-testid': 'desk-submit' }, tpt('desk.submit'));
  const resultTitle = h('strong', { class: 'pt-desk-result-title', 'data-testid': 'desk-result-title' });
  const resultText = h('span', { class: 'pt-desk-result-text', 'data-testid': 'desk-result-text' });
  const result = h('div', { class: 'pt-desk-result', role: 'status', 'aria-live': 'polite', hidden: true, 'data-testid': 'desk-result' }, resultTitle, resultText);
  const showResult = (ok: boolean, text: string): void => {
    result.hidden = false;
    result.className = `pt-desk-result ${ok ? 'is-ok' : 'is-refused'}`;
    result.setAttribute('data-state', ok ? 'ok' : 'refused');
    resultTitle.textContent = ok ? `✓ ${tpt('desk.ok')}` : tpt('desk.refused');
    resultText.textContent = text;
  };
  let confirming = false;
  const confirm = async (): Promise<void> => {
    if (confirming) return;
    const digits = parseRedemptionCode(code.value);
    if (!digits) {
      showResult(false, tpt('desk.badCode'));
      code.focus();
      return;
    }
    confirming = true;
    submit.disabled = true;
    submit.textContent = tpt('desk.sending');
    try {
      const { redemption } = await api.confirmCode(digits);
      result.setAttribute('data-redemption-id', String(redemption.id));
      showResult(true, tpt('desk.okText', { title: redemption.title, points: formatNumber(redemption.price), place: redemption.place_name }));
      code.value = '';
      void loadToday();
    } catch (failure) {
      result.removeAttribute('data-redemption-id');
      showResult(false, refusalText(failure, 'desk.network'));
    } finally {
      confirming = false;
      submit.disabled = false;
      submit.textContent = tpt('desk.submit');
      code.focus();
    }
  };
  const form = h(
    'form',
    {
      class: 'card pt-desk-form',
      novalidate: true,
      'data-testid': 'desk-form',
      onSubmit: (event: Event) => {
        event.preventDefault();
        void confirm();
      },
    },
    h('label', { class: 'label-sm', for: 'desk-code' }, tpt('desk.code')),
    code,
    submit,
    result,
  );
  code.id = 'desk-code';

  // ---- today's confirmations, from this month's statements
  const today = h('div', { 'data-testid': 'desk-today' }, skeletonLines(2));
  let todayAsked = 0;
  const loadToday = async (): Promise<void> => {
    const mine = ++todayAsked;
    const now = Date.now();
    const month = beijingMonth(now);
    try {
      const statements = await Promise.all(places.map((place) => api.statement(place.id, month, signal)));
      if (signal.aborted || mine !== todayAsked) return;
      const lines = todaysLines(
        statements.flatMap((s) => s.lines.map((line) => ({ ...line, place: s.place.name }))),
        now,
      );
      const total = lines.reduce((sum, line) => sum + line.points, 0);
      replace(
        today,
        lines.length
          ? [
              h('p', { class: 'pt-desk-total', 'data-testid': 'desk-today-total', 'data-count': String(lines.length), 'data-points': String(total) }, tpt('desk.todayTotal', { count: lines.length, points: formatNumber(total) })),
              h(
                'ul',
                { class: 'card pt-list', 'data-testid': 'desk-today-list' },
                lines.slice(0, 30).map((line) =>
                  h(
                    'li',
                    { class: 'pt-line', 'data-testid': 'desk-today-line', 'data-redemption-id': String(line.redemption_id) },
                    h(
                      'div',
                      { class: 'pt-line-text' },
                      h('span', { class: 'pt-line-reason', 'data-user-text': '' }, line.title),
                      h('span', { class: 'pt-line-meta' }, h('span', { class: 'mono' }, beijingStamp(line.confirmed_at).slice(11)), places.length > 1 ? ` · ${line.place}` : '', ' · ', h('span', { class: 'mono' }, line.confirmed_by)),
                    ),
                    h('span', { class: 'pt-delta is-in' }, tpt('points.count', { count: formatNumber(line.points) })),
                  ),
                ),
              ),
            ]
          : h('div', { class: 'card empty', 'data-testid': 'desk-today-empty' }, tpt('desk.todayEmpty')),
      );
    } catch (failure) {
      if (!isAbort(failure) && mine === todayAsked) replace(today, errorBox(failure, () => void loadToday()));
    }
  };

  // ---- the places: their offers and statements
  const placesSlot = h('div', { 'data-testid': 'desk-places' }, skeletonLines(3));
  const loadPlaces = async (): Promise<void> => {
    replace(today, skeletonLines(2));
    try {
      const answer = await placesApi.myPlaces(signal);
      if (signal.aborted) return;
      places = answer.places.map((p) => ({ id: p.id, name: p.name, status: String(p.status) }));
      if (!places.length) {
        replace(today);
        replace(placesSlot, h('div', { class: 'card empty', 'data-testid': 'desk-no-places' }, tpt('desk.noPlaces')));
        return;
      }
      replace(
        placesSlot,
        section(tpt('desk.offers'), places.map((place) => offersEditor(place, signal)), { testid: 'desk-offers-section' }),
        section(tpt('desk.statements'), statementLinks(places), { testid: 'desk-statements-section' }),
      );
      void loadToday();
    } catch (failure) {
      if (isAbort(failure)) return;
      replace(today);
      replace(placesSlot, errorBox(failure, () => void loadPlaces()));
    }
  };
  void loadPlaces();

  const page = h(
    'div',
    { class: 'page pt-page pt-desk', 'data-testid': 'redeem-desk-page' },
    h('div', { class: 'console-title' }, h('h1', null, tpt('desk.title'))),
    h('p', { class: 'hint' }, tpt('desk.intro')),
    form,
    passScanPanel({ places: () => places, signal, onConfirmed: () => void loadToday() }),
    section(tpt('desk.today'), today, { testid: 'desk-today-section' }),
    placesSlot,
  );
  // At the counter the field is ready to type in.
  window.setTimeout(() => {
    if (page.isConnected) code.focus();
  }, 0);
  return page;
}
