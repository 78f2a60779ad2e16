/** Pieces shared by the events pages: the event card with its one-tap 报名, the remembered location. */

import * as api from './api';
import { h, replace } from '../shell/dom';
import type { Account } from '../shell/types';
import { badge, errorLine, errorMessageOf, runGuarded } from '../shell/ui';
import { kindText, tev } from './messages';
import { actionText, cardAction, seatsText, waitingPosition, whenText, whereText, type CardAction } from './model';

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

export type Tone = 'ok' | 'warn' | 'bad' | 'muted' | 'accent';

export function actionTone(action: CardAction | string): Tone {
  if (action === 'confirmed') return 'ok';
  if (action === 'offered' || action === 'waiting') return 'warn';
  if (action === 'cancelled' || action === 'lapsed') return 'bad';
  return 'muted';
}

const HERE_KEY = 'youhao.events.here';

/** The location the worker gave once this session (the list asks with a button, never by itself). */
export function rememberedHere(): { lat: number; lon: number } | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(HERE_KEY) ?? 'null') as { lat?: unknown; lon?: unknown } | null;
    return value && typeof value.lat === 'number' && typeof value.lon === 'number' ? { lat: value.lat, lon: value.lon } : null;
  } catch {
    return null;
  }
}

/** Asks the browser for the location once; resolves null when refused or unavailable. */
export function askHere(): Promise<{ lat: number; lon: number } | null> {
  return new Promise((resolve) => {
    if (!('geolocation' in navigator)) {
      resolve(null);
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const here = { lat: position.coords.latitude, lon: position.coords.longitude };
        sessionStorage.setItem(HERE_KEY, JSON.stringify(here));
        resolve(here);
      },
      () => resolve(null),
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 300_000 },
    );
  });
}

/** The state line of a registration (已报名, 候补第 N 位, …). */
export function stateLine(action: CardAction, position?: number | null): HTMLElement {
  return badge(actionText(action, position), actionTone(action), 'event-state', 'ev-state');
}

/**
 * One event as a card: kind, title, time, place and riding minutes, places left, and for a worker
 * the one-tap 报名 (then 已报名 / 候补第 N 位 in place).
 */
export function eventCard(event: api.YouhaoEvent, who: Account, now: number): HTMLElement {
  const action = cardAction(event, who.role, now);
  const foot = h('div', { class: 'ev-foot', 'data-testid': 'event-action' });
  const error = errorLine('event-error');
  const seats = h('p', { class: 'ev-seats', 'data-testid': 'event-seats' }, seatsText(event));
  const article = h(
    'article',
    { class: 'card ev-card', 'data-testid': 'event-card', 'data-id': String(event.id), 'data-action': action },
    h(
      'div',
      { class: 'ev-badges' },
      badge(kindText(event.kind), 'accent', 'event-kind'),
      event.family ? badge(tev('card.family'), 'muted') : null,
    ),
    h('h3', { class: 'ev-title' }, h('a', { href: `#/events/${event.id}`, 'data-testid': 'event-link', 'data-user-text': '' }, event.title)),
    h('p', { class: 'ev-when', 'data-testid': 'event-when' }, whenText(event.starts_at, event.ends_at, now)),
    h(
      'p',
      { class: 'ev-where' },
      h('span', { 'data-user-text': '' }, whereText(event)),
      event.riding_minutes != null ? h('span', { class: 'ev-ride', 'data-testid': 'event-ride' }, tev('card.ride', { n: event.riding_minutes })) : null,
    ),
    seats,
    foot,
    error,
  );
  const fill = (state: CardAction, position?: number | null): void => {
    article.dataset.action = state;
    if (state === 'register' || state === 'join_waiting') {
      const button = h('button', { type: 'button', class: 'btn btn-primary btn-block ev-go', 'data-testid': 'event-register' }, actionText(state));
      button.addEventListener('click', () => {
        const waitingBefore = event.waiting;
        let answer: api.Registration | null = null;
        void runGuarded(
          button,
          tev('card.registering'),
          error,
          async () => {
            answer = (await api.register(event.id)).registration;
          },
          errorMessageOf,
        ).then((ok) => {
          if (!ok || !answer) return;
          const registration: api.Registration = answer;
          const status = registration.status === 'waiting' ? 'waiting' : registration.status === 'offered' ? 'offered' : 'confirmed';
          if (status === 'waiting') event.waiting += 1;
          else event.taken += 1;
          event.mine = { registration_id: registration.id, status, seat: registration.seat, offered_until: registration.offered_until, position: waitingPosition(registration, waitingBefore) };
          seats.textContent = seatsText(event);
          fill(status, event.mine.position);
        });
      });
      replace(foot, button);
    } else if (state === 'offered') {
      replace(foot, h('a', { class: 'btn btn-primary btn-block ev-go', href: `#/events/${event.id}`, 'data-testid': 'event-offered' }, actionText(state)));
    } else if (state === 'none') {
      replace(foot);
    } else {
      replace(foot, stateLine(state, position));
    }
  };
  fill(action, waitingPosition(event.mine));
  return article;
}
