/**
 * 日历订阅 #/calendar, for workers: the personal calendar link (make it, subscribe with webcal:// or
 * copy it; it is shown only when made, then only its date), reset and stop it; and the public feeds
 * of the worker's community, street and district. Phone first, big buttons.
 */

import * as api from './api';
import { isAbort } from '../shell/api';
import { beijingDate } from '../shell/beijing';
import { h, replace } from '../shell/dom';
import { errorBox, errorLine, errorMessageOf, runGuarded, section, skeletonLines } from '../shell/ui';
import { levelText, tca } from './messages';
import { nearestFeeds, webcalOf } from './model';
import './calendar.css';

async function copyText(text: string, button: HTMLButtonElement): Promise<void> {
  const label = button.textContent;
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = tca('mine.copied');
  } catch {
    button.textContent = tca('mine.copyFailed');
  }
  setTimeout(() => {
    button.textContent = label;
  }, 2500);
}

function copyButton(text: string, label: string, testid: string): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'btn btn-secondary ca-btn', 'data-testid': testid }, label);
  button.addEventListener('click', () => void copyText(text, button));
  return button;
}

/** The link just made: shown once, with subscribe and copy. */
function madeLink(made: api.MadeToken): HTMLElement {
  const field = h('input', { class: 'ca-url', type: 'text', readonly: true, value: made.url, 'aria-label': tca('mine.title'), 'data-testid': 'calendar-url' });
  field.addEventListener('focus', () => field.select());
  return h(
    'div',
    { class: 'ca-made', 'data-testid': 'calendar-made' },
    h('p', { class: 'ca-ok' }, tca('mine.ready')),
    field,
    h('a', { class: 'btn btn-primary ca-btn', href: made.webcal_url || webcalOf(made.url), 'data-testid': 'calendar-subscribe' }, tca('mine.subscribe')),
    copyButton(made.url, tca('mine.copy'), 'calendar-copy'),
    h('p', { class: 'ca-note' }, tca('mine.private')),
  );
}

function personalSection(state: api.TokenState, signal: AbortSignal): HTMLElement {
  const body = h('div', { class: 'ca-body' });
  const error = errorLine('calendar-error');
  const draw = (exists: boolean, createdAt: number | null, made: api.MadeToken | null, note: string | null): void => {
    const make = h('button', { type: 'button', class: `btn ${exists ? 'btn-secondary' : 'btn-primary'} ca-btn`, 'data-testid': exists ? 'calendar-reset' : 'calendar-make' }, exists ? tca('mine.reset') : tca('mine.make'));
    make.addEventListener('click', () => {
      if (exists && !window.confirm(tca('mine.resetConfirm'))) return;
      let fresh: api.MadeToken | null = null;
      void runGuarded(make, tca('mine.making'), error, async () => {
        fresh = await api.makeToken();
      }, errorMessageOf).then((ok) => {
        if (ok && fresh && !signal.aborted) draw(true, fresh.created_at, fresh, null);
      });
    });
    const revoke = exists ? h('button', { type: 'button', class: 'btn btn-ghost ca-btn', 'data-testid': 'calendar-revoke' }, tca('mine.revoke')) : null;
    revoke?.addEventListener('click', () => {
      if (!window.confirm(tca('mine.revokeConfirm'))) return;
      void runGuarded(revoke, tca('mine.revoking'), error, () => api.revokeToken(), errorMessageOf).then((ok) => {
        if (ok && !signal.aborted) draw(false, null, null, tca('mine.revoked'));
      });
    });
    replace(
      body,
      note ? h('p', { class: 'ca-ok', 'data-testid': 'calendar-note' }, note) : null,
      made
        ? madeLink(made)
        : h('p', { class: 'ca-meta', 'data-testid': 'calendar-state' }, exists && createdAt ? tca('mine.since', { date: beijingDate(createdAt) }) : tca('mine.none')),
      make,
      revoke,
      error,
    );
  };
  draw(state.exists, state.created_at, null, null);
  return section(tca('mine.title'), body, { testid: 'calendar-mine' });
}

function publicSection(feeds: api.AreaFeed[]): HTMLElement {
  const list = nearestFeeds(feeds);
  const items = list.map((feed) =>
    h(
      'div',
      { class: 'ca-feed', 'data-testid': 'calendar-area-feed', 'data-area': feed.code },
      h('p', { class: 'ca-feed-name' }, `${feed.name} · ${levelText(feed.level)}`),
      h('a', { class: 'btn btn-primary ca-btn', href: feed.webcal_url || webcalOf(feed.url) }, tca('public.subscribe', { name: feed.name })),
      copyButton(feed.url, tca('public.copy'), 'calendar-area-copy'),
    ),
  );
  return section(
    tca('public.title'),
    h('div', { class: 'ca-body' }, h('p', { class: 'ca-meta' }, tca('public.intro')), items.length ? items : h('p', { class: 'ca-meta' }, tca('public.none'))),
    { testid: 'calendar-public' },
  );
}

export function calendarPage(signal: AbortSignal): HTMLElement {
  const body = h('div', { class: 'ca-sections' }, skeletonLines(5));
  const load = async (): Promise<void> => {
    replace(body, skeletonLines(5));
    try {
      const state = await api.tokenState(signal);
      replace(
        body,
        personalSection(state, signal),
        publicSection(state.area_feeds),
        section(tca('help.title'), h('div', { class: 'ca-body' }, h('p', { class: 'ca-meta' }, tca('help.ios')), h('p', { class: 'ca-meta' }, tca('help.android')))),
      );
    } catch (failure) {
      if (!isAbort(failure)) replace(body, errorBox(failure, () => void load()));
    }
  };
  void load();
  return h(
    'div',
    { class: 'page ca-page', 'data-testid': 'calendar-page' },
    h('div', { class: 'console-title' }, h('h1', null, tca('page.title'))),
    h('p', { class: 'ca-meta' }, tca('page.intro')),
    body,
    h('a', { class: 'btn btn-secondary btn-block ca-btn', href: '#/events' }, tca('back.events')),
  );
}
