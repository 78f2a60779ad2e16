/**
 * 出餐评价 on a merchant's or canteen's page (/p/ID, #/p/ID): for a signed-in worker, three big
 * questions answered with one tap each (how long, a place to wait, respect 1–5 stars), an optional
 * comment and 提交; a second rating the same day replaces the first. The place's own merchant (and
 * the officers who open it) sees the month's summary instead: counts, score, respect, waits and
 * the riders' comments, never who wrote them. Without login, a link to sign in and come back.
 */

import * as api from './api';
import { isAbort } from '../shell/api';
import { h, replace } from '../shell/dom';
import { formatNumber } from '../shell/i18n';
import type { Account } from '../shell/types';
import { refusalText, trk, waitText } from './messages';
import { MAX_COMMENT, WAITS, beijingMonth, emptySheet, percentText, ratedKind, ratingInput, scoreText, type Sheet } from './model';
import './rankings.css';

export interface RatedPlace {
  id: number;
  kind: string;
  status: string;
  can_edit?: boolean;
}

const OFFICERS = ['grid_officer', 'community_officer', 'street_officer', 'district_officer', 'city_officer', 'admin'];

export function handoverBlock(place: RatedPlace, who: Promise<Account | null>, signal: AbortSignal): HTMLElement | null {
  if (!ratedKind(place.kind) || place.status !== 'approved') return null;
  const box = h('section', { class: 'pq-block rk-block', hidden: true, 'data-testid': 'handover-block' });
  void who.then((account) => {
    if (signal.aborted) return;
    if (!account) {
      box.hidden = false;
      replace(
        box,
        h('h2', { class: 'pq-title' }, trk('rate.title')),
        h('a', { class: 'btn btn-secondary btn-block rk-login', href: `/#/login?next=${encodeURIComponent(`/p/${place.id}`)}`, 'data-testid': 'handover-login' }, trk('rate.login')),
      );
      return;
    }
    if (account.role === 'worker') {
      box.hidden = false;
      replace(box, ...ratingSheet(place.id));
      return;
    }
    if (place.can_edit || OFFICERS.includes(account.role)) showSummary(box, place.id, signal);
  });
  return box;
}

function choice(label: string, testid: string, pressed: boolean, onTap: () => void): HTMLButtonElement {
  const button = h('button', { type: 'button', class: `rk-choice${pressed ? ' is-on' : ''}`, 'aria-pressed': String(pressed), 'data-testid': testid }, label);
  button.addEventListener('click', onTap);
  return button;
}

function ratingSheet(placeId: number): HTMLElement[] {
  const sheet: Sheet = emptySheet();
  const waits = h('div', { class: 'rk-choices rk-choices-4', role: 'group', 'aria-label': trk('rate.wait') });
  const places = h('div', { class: 'rk-choices rk-choices-2', role: 'group', 'aria-label': trk('rate.placeToWait') });
  const stars = h('div', { class: 'rk-choices rk-choices-5', role: 'group', 'aria-label': trk('rate.respect') });
  const comment = h('textarea', { class: 'rk-comment', rows: 2, maxlength: MAX_COMMENT, 'aria-label': trk('rate.comment'), placeholder: trk('rate.comment'), 'data-testid': 'handover-comment' });
  const submit = h('button', { type: 'button', class: 'btn btn-primary btn-block rk-submit', 'data-testid': 'handover-submit' }, trk('rate.submit'));
  const result = h('p', { class: 'rk-result', role: 'status', 'aria-live': 'polite', hidden: true, 'data-testid': 'handover-result' });

  const draw = (): void => {
    replace(waits, ...WAITS.map((wait) => choice(waitText(wait), `handover-wait-${wait}`, sheet.wait === wait, () => pick(() => (sheet.wait = wait)))));
    replace(
      places,
      choice(trk('rate.placeToWait.yes'), 'handover-place-yes', sheet.placeToWait === true, () => pick(() => (sheet.placeToWait = true))),
      choice(trk('rate.placeToWait.no'), 'handover-place-no', sheet.placeToWait === false, () => pick(() => (sheet.placeToWait = false))),
    );
    replace(
      stars,
      ...[1, 2, 3, 4, 5].map((n) => {
        const on = sheet.respect !== null && n <= sheet.respect;
        const star = choice(on ? '★' : '☆', `handover-respect-${n}`, sheet.respect === n, () => pick(() => (sheet.respect = n)));
        star.classList.add('rk-star');
        if (on) star.classList.add('is-lit');
        star.setAttribute('aria-label', trk('rate.respect.star', { count: n }));
        return star;
      }),
    );
  };
  const pick = (set: () => void): void => {
    set();
    result.hidden = true;
    draw();
  };
  let busy = false;
  submit.addEventListener('click', () => {
    if (busy) return;
    sheet.comment = comment.value;
    const input = ratingInput(sheet);
    result.hidden = false;
    if (!input) {
      result.className = 'rk-result is-bad';
      result.textContent = trk('rate.missing');
      return;
    }
    busy = true;
    submit.disabled = true;
    submit.textContent = trk('rate.sending');
    api.rate(placeId, input).then(
      (saved) => {
        result.className = 'rk-result is-ok';
        result.setAttribute('data-day', saved.day);
        result.textContent = saved.replaced ? trk('rate.replaced') : trk('rate.thanks');
      },
      (error: unknown) => {
        result.className = 'rk-result is-bad';
        result.textContent = refusalText(error, 'rate.network');
      },
    ).finally(() => {
      busy = false;
      submit.disabled = false;
      submit.textContent = trk('rate.submit');
    });
  });
  draw();
  return [
    h('h2', { class: 'pq-title' }, trk('rate.title')),
    h('p', { class: 'muted rk-intro' }, trk('rate.intro')),
    h('h3', { class: 'rk-question' }, trk('rate.wait')),
    waits,
    h('h3', { class: 'rk-question' }, trk('rate.placeToWait')),
    places,
    h('h3', { class: 'rk-question' }, trk('rate.respect')),
    stars,
    comment,
    submit,
    result,
    h('p', { class: 'muted rk-note' }, trk('rate.onceADay')),
  ];
}

function showSummary(box: HTMLElement, placeId: number, signal: AbortSignal): void {
  const month = beijingMonth(Date.now());
  api.summary(placeId, signal, month).then(
    (s) => {
      if (signal.aborted) return;
      box.hidden = false;
      box.setAttribute('data-testid', 'handover-summary');
      const stat = (label: string, value: string, testid: string): HTMLElement =>
        h('div', { class: 'rk-stat' }, h('strong', { 'data-testid': testid }, value), h('span', null, label));
      const waits = h(
        'ul',
        { class: 'rk-waits' },
        WAITS.map((wait) => h('li', null, h('span', null, waitText(wait)), h('strong', null, formatNumber(s.waits[wait] ?? 0)))),
      );
      const comments = s.comments.length
        ? h(
            'ul',
            { class: 'rk-comments', 'data-testid': 'handover-comments' },
            s.comments.map((c) => h('li', null, h('p', null, c.comment), h('small', { class: 'muted' }, `${c.day} · ${waitText(c.wait)} · ${'★'.repeat(c.respect)}`))),
          )
        : h('p', { class: 'muted' }, trk('summary.noComments'));
      replace(
        box,
        h('h2', { class: 'pq-title' }, trk('summary.title', { month: s.month })),
        s.ratings === 0
          ? h('p', { class: 'muted', 'data-testid': 'handover-summary-empty' }, trk('summary.empty'))
          : h(
              'div',
              { class: 'rk-stats' },
              stat(trk('summary.score'), scoreText(s.score), 'handover-score'),
              stat(trk('summary.respect'), s.respect_mean.toFixed(1), 'handover-respect'),
              stat(trk('summary.placeToWait'), percentText(s.place_to_wait_share), 'handover-place-share'),
            ),
        h('p', { class: 'muted', 'data-testid': 'handover-counts' }, `${trk('summary.ratings', { count: s.ratings })} · ${trk('summary.raters', { count: s.raters })}`),
        s.ratings ? h('h3', { class: 'rk-question' }, trk('summary.waits')) : null,
        s.ratings ? waits : null,
        h('h3', { class: 'rk-question' }, trk('summary.comments')),
        comments,
        h('p', { class: 'muted rk-note' }, trk('summary.anonymous')),
      );
    },
    (error: unknown) => {
      // Someone who may not read it (another merchant, an officer elsewhere) simply sees no block.
      if (isAbort(error)) return;
      box.hidden = true;
    },
  );
}
