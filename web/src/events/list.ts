/**
 * 近期活动 #/events[?kind=]: this week's events near the worker, grouped by Beijing day (今天, 明天,
 * 周三 12月9日), by riding time once the worker gave the location (one button, asked once), with
 * filter chips by kind and the one-tap 报名; and an event's page #/events/{id}: details,
 * organiser, map link, 报名 / 取消报名 / 候补中 / 接受名额, 加入日历, the family count.
 */

import * as api from './api';
import { isAbort } from '../shell/api';
import { append, h, replace } from '../shell/dom';
import { kindLabel } from '../shell/format';
import type { Account } from '../shell/types';
import { badge, errorBox, errorLine, errorMessageOf, fields, runGuarded, section, skeletonLines } from '../shell/ui';
import { kindText, organiserText, tev } from './messages';
import { MAX_FAMILY, actionText, beijingClock, cardAction, dayLabel, filterByKind, groupByDay, isOrganiser, kindOf, kindsPresent, mapHref, seatsText, timeRange, waitingPosition, whereText } from './model';
import { askHere, eventCard, nowSeconds, rememberedHere, stateLine } from './parts';
import './events.css';

const WEEK = 7 * 86_400;

/** #/events: this week near me. */
export function eventsPage(who: Account, search: string, signal: AbortSignal): HTMLElement {
  const kind = kindOf(search);
  const body = h('div', { 'data-testid': 'events-body' }, skeletonLines(4));
  const chips = h('nav', { class: 'filter-chips', 'aria-label': tev('list.title') });
  const nearNote = h('span', { class: 'muted ev-near-note', 'data-testid': 'events-near-note' });
  let here = rememberedHere();
  let generation = 0;

  const load = async (): Promise<void> => {
    const now = nowSeconds();
    // A load started earlier (before the location came) must not overwrite a later one.
    const mine = ++generation;
    try {
      const query: api.ListQuery = { from: now, to: now + WEEK, limit: 200 };
      if (here) Object.assign(query, { lat: here.lat, lon: here.lon, sort: 'ride' });
      const { items } = await api.list(query, signal);
      if (mine !== generation) return;
      const kinds = kindsPresent(items);
      if (kind && !kinds.includes(kind)) kinds.push(kind);
      replace(
        chips,
        ['', ...kinds].map((k) =>
          h(
            'a',
            { class: `filter-chip${k === kind ? ' is-active' : ''}`, href: k ? `#/events?kind=${k}` : '#/events', 'data-testid': `events-filter-${k || 'all'}`, 'aria-current': k === kind ? 'page' : null },
            k ? kindText(k) : tev('list.all'),
          ),
        ),
      );
      const shown = filterByKind(items, kind);
      if (shown.length === 0) {
        replace(body, h('p', { class: 'muted ev-empty', 'data-testid': 'events-empty' }, tev(kind ? 'list.emptyKind' : 'list.empty')));
        return;
      }
      replace(
        body,
        groupByDay(shown, now, here !== null).map((group) =>
          h(
            'section',
            { class: 'ev-day', 'data-testid': 'events-day', 'data-date': group.date },
            h('h3', { class: 'ev-day-title' }, group.label),
            h('div', { class: 'ev-list' }, group.items.map((event) => eventCard(event, who, now))),
          ),
        ),
      );
    } catch (failure) {
      if (!isAbort(failure) && mine === generation) replace(body, errorBox(failure, () => void load()));
    }
  };

  const near = h('button', { type: 'button', class: 'btn btn-secondary ev-near', 'data-testid': 'events-near' }, tev('list.near'));
  if (here) {
    near.hidden = true;
    nearNote.textContent = tev('list.nearOn');
  }
  near.addEventListener('click', () => {
    near.disabled = true;
    near.textContent = tev('list.nearBusy');
    void askHere().then((answer) => {
      near.disabled = false;
      near.textContent = tev('list.near');
      if (!answer) {
        nearNote.textContent = tev('list.nearRefused');
        return;
      }
      here = answer;
      near.hidden = true;
      nearNote.textContent = tev('list.nearOn');
      replace(body, skeletonLines(4));
      void load();
    });
  });

  const links: HTMLElement[] = [];
  if (who.role === 'worker') {
    links.push(h('a', { class: 'btn btn-secondary', href: '#/events/mine', 'data-testid': 'events-mine-link' }, tev('list.mine')));
    links.push(h('a', { class: 'btn btn-secondary', href: '#/calendar', 'data-testid': 'events-calendar-link' }, tev('list.calendar')));
    links.push(h('a', { class: 'btn btn-secondary', href: '#/childcare', 'data-testid': 'events-childcare-link' }, tev('list.childcare')));
  }
  if (isOrganiser(who.role)) links.push(h('a', { class: 'btn btn-secondary', href: '#/events/manage', 'data-testid': 'events-manage-link' }, tev('list.manage')));
  void load();
  return h(
    'div',
    { class: 'page page-events', 'data-testid': 'events-page' },
    section(
      tev('list.title'),
      h('div', null, h('p', { class: 'muted' }, tev('list.intro')), h('div', { class: 'ev-near-row' }, near, nearNote), chips, body),
      { actions: links.length ? h('div', { class: 'ev-links' }, links) : null },
    ),
  );
}

/** Who may sign up, in words (everyone when the lists are empty). */
function eligibilityText(event: api.YouhaoEvent): string {
  const parts: string[] = [];
  if (event.eligibility.kinds.length) parts.push(event.eligibility.kinds.map(kindLabel).join('、'));
  if (event.eligibility.platforms.length) parts.push(event.eligibility.platforms.join('、'));
  return parts.length ? parts.join(' · ') : tev('detail.everyone');
}

/** The worker's part of the event page: the state and the steps they may take. */
function workerActions(event: api.YouhaoEvent, who: Account, now: number, reload: () => void): HTMLElement | null {
  const action = cardAction(event, who.role, now);
  if (action === 'none') return null;
  const error = errorLine('event-detail-error');
  const box = h('div', { class: 'card ev-actions', 'data-testid': 'event-actions', 'data-action': action });
  const step = (testid: string, label: string, busy: string, work: () => Promise<unknown>, primary = true): HTMLButtonElement => {
    const button = h('button', { type: 'button', class: `btn ${primary ? 'btn-primary' : 'btn-secondary'} btn-block ev-go`, 'data-testid': testid }, label);
    button.addEventListener('click', () => void runGuarded(button, busy, error, work, errorMessageOf).then((ok) => ok && reload()));
    return button;
  };
  const cancel = (): HTMLButtonElement => step('event-cancel-mine', tev('detail.cancel'), tev('detail.cancelling'), () => api.cancelMine(event.id), false);
  if (action === 'confirmed') {
    box.append(
      stateLine('confirmed'),
      h('p', { class: 'ev-note' }, tev('detail.confirmedNote')),
      h('a', { class: 'btn btn-primary btn-block ev-go', href: '#/pass', 'data-testid': 'event-pass' }, tev('detail.pass')),
      cancel(),
    );
  } else if (action === 'waiting') {
    box.append(stateLine('waiting', waitingPosition(event.mine)), h('p', { class: 'ev-note' }, tev('detail.waitingNote')), cancel());
  } else if (action === 'offered') {
    const until = event.mine?.offered_until;
    append(box, [
      stateLine('offered'),
      until ? h('p', { class: 'ev-note ev-deadline', 'data-testid': 'event-offer-deadline' }, tev('detail.offeredUntil', { time: `${dayLabel(until, now)} ${beijingClock(until)}` })) : null,
      step('event-accept', tev('detail.accept'), tev('detail.accepting'), () => api.accept(event.id)),
      cancel(),
    ]);
  } else if (action === 'register' || action === 'join_waiting') {
    const family = event.family
      ? h('input', { type: 'number', class: 'input', min: 0, max: MAX_FAMILY, step: 1, value: '0', inputmode: 'numeric', 'data-testid': 'event-family-count' })
      : null;
    append(box, [
      family ? h('label', { class: 'label' }, tev('detail.family'), family) : null,
      step('event-register', actionText(action), tev('card.registering'), () => {
        const count = family ? Math.max(0, Math.min(MAX_FAMILY, Math.floor(Number(family.value) || 0))) : 0;
        return api.register(event.id, count || undefined);
      }),
    ]);
  } else {
    box.append(stateLine(action));
  }
  box.append(error);
  return box;
}

function detail(event: api.YouhaoEvent, who: Account, reload: () => void): HTMLElement {
  const now = nowSeconds();
  const map = mapHref(event);
  const where = whereText(event);
  return h(
    'div',
    { class: 'ev-detail' },
    h('div', { class: 'ev-badges' }, badge(kindText(event.kind), 'accent', 'event-kind'), event.family ? badge(tev('card.family'), 'muted') : null),
    h('h1', { class: 'ev-detail-title', 'data-user-text': '', 'data-testid': 'event-title' }, event.title),
    event.status === 'cancelled'
      ? h('div', { class: 'notice notice-bad', role: 'status', 'data-testid': 'event-cancelled' }, tev('detail.cancelledReason', { reason: event.cancel_reason || '—' }))
      : null,
    workerActions(event, who, now, reload),
    h(
      'div',
      { class: 'card' },
      fields([
        [tev('detail.when'), `${dayLabel(event.starts_at, now)} ${timeRange(event.starts_at, event.ends_at)}`, 'event-when'],
        [
          tev('detail.where'),
          h(
            'span',
            { class: 'ev-where-detail' },
            h('span', { 'data-user-text': '' }, where),
            event.address && event.address !== where ? h('span', { class: 'muted', 'data-user-text': '' }, event.address) : null,
            event.riding_minutes != null ? h('span', { class: 'ev-ride' }, tev('card.ride', { n: event.riding_minutes })) : null,
            map ? h('a', { class: 'btn btn-secondary ev-map', href: map, 'data-testid': 'event-map' }, tev('detail.map')) : null,
          ),
          'event-where',
        ],
        [tev('detail.organiser'), h('span', { 'data-user-text': '' }, `${organiserText(event.organiser.kind)} · ${event.organiser.name}`), 'event-organiser'],
        [tev('detail.places'), `${seatsText(event)}（${tev('detail.placesValue', { capacity: event.capacity, taken: event.taken, waiting: event.waiting })}）`, 'event-places'],
        [tev('detail.eligibility'), eligibilityText(event), 'event-eligibility'],
      ]),
      event.walk_ins ? h('p', { class: 'ev-note' }, tev('detail.walkIns')) : null,
      event.description ? h('p', { class: 'ev-description', 'data-user-text': '' }, event.description) : null,
    ),
    h(
      'div',
      { class: 'ev-links' },
      event.status !== 'cancelled' ? h('a', { class: 'btn btn-secondary', href: api.calendarUrl(event.id), download: `event-${event.id}.ics`, 'data-testid': 'event-calendar' }, tev('detail.calendar')) : null,
      event.can.manage ? h('a', { class: 'btn btn-secondary', href: `#/events/${event.id}/roster`, 'data-testid': 'event-roster-link' }, tev('detail.roster')) : null,
      h('a', { class: 'btn btn-ghost', href: '#/events', 'data-testid': 'event-back' }, tev('detail.back')),
    ),
  );
}

/** #/events/{id}. */
export function eventPage(who: Account, id: number, signal: AbortSignal): HTMLElement {
  const body = h('div', null, skeletonLines(5));
  const load = async (): Promise<void> => {
    try {
      const event = await api.get(id, signal);
      replace(body, detail(event, who, () => void load()));
    } catch (failure) {
      if (!isAbort(failure)) replace(body, errorBox(failure, () => void load()));
    }
  };
  void load();
  return h('div', { class: 'page page-events', 'data-testid': 'event-page' }, body);
}
