/**
 * 我的活动 #/events/mine: the worker's tickets. Confirmed ones to come first, each with the big
 * button to the pass (入场时出示进门码: the pass is the ticket); then waiting and offered ones with
 * their state (an offer with its deadline); then past and cancelled ones.
 */

import * as api from './api';
import { isAbort } from '../shell/api';
import { h, replace } from '../shell/dom';
import { badge, errorBox, section, skeletonLines } from '../shell/ui';
import { kindText, stateText, tev } from './messages';
import { beijingClock, dayLabel, ticketGroups, ticketStatus, waitingPosition, whenText, whereText } from './model';
import { actionTone, nowSeconds, stateLine } from './parts';
import './events.css';

function ticketCard(ticket: api.Ticket, now: number, part: 'upcoming' | 'pending' | 'past'): HTMLElement {
  const { event, registration } = ticket;
  const status = event.status === 'cancelled' ? 'eventCancelled' : ticketStatus(ticket);
  const state =
    status === 'confirmed' || status === 'waiting' || status === 'offered'
      ? stateLine(status, waitingPosition(registration))
      : badge(stateText(status), actionTone(status === 'eventCancelled' ? 'cancelled' : status), 'event-state', 'ev-state');
  return h(
    'article',
    { class: `card ev-card ev-ticket ev-ticket-${part}`, 'data-testid': 'event-ticket', 'data-id': String(event.id), 'data-status': ticketStatus(ticket) },
    h('div', { class: 'ev-badges' }, badge(kindText(event.kind), 'accent'), state),
    h('h3', { class: 'ev-title' }, h('a', { href: `#/events/${event.id}`, 'data-testid': 'event-link', 'data-user-text': '' }, event.title)),
    h('p', { class: 'ev-when' }, whenText(event.starts_at, event.ends_at, now)),
    h('p', { class: 'ev-where', 'data-user-text': '' }, whereText(event)),
    registration?.seat ? h('p', { class: 'ev-seat' }, tev('mine.seat', { n: registration.seat })) : null,
    part === 'upcoming'
      ? h(
          'div',
          { class: 'ev-pass' },
          h('p', { class: 'ev-note' }, tev('mine.passHint')),
          h('a', { class: 'btn btn-primary btn-block ev-go ev-pass-button', href: '#/pass', 'data-testid': 'event-pass' }, tev('mine.pass')),
        )
      : null,
    part === 'pending' && registration?.status === 'offered'
      ? h(
          'div',
          null,
          registration.offered_until
            ? h('p', { class: 'ev-note ev-deadline' }, tev('detail.offeredUntil', { time: `${dayLabel(registration.offered_until, now)} ${beijingClock(registration.offered_until)}` }))
            : null,
          h('a', { class: 'btn btn-primary btn-block ev-go', href: `#/events/${event.id}`, 'data-testid': 'event-offered' }, tev('detail.accept')),
        )
      : null,
  );
}

/** #/events/mine. */
export function myEventsPage(signal: AbortSignal): HTMLElement {
  const body = h('div', null, skeletonLines(4));
  const load = async (): Promise<void> => {
    try {
      const { items } = await api.mine(signal);
      const now = nowSeconds();
      if (items.length === 0) {
        replace(body, h('div', { class: 'card ev-empty-card' }, h('p', { class: 'muted', 'data-testid': 'events-mine-empty' }, tev('mine.empty')), h('a', { class: 'btn btn-primary', href: '#/events' }, tev('mine.browse'))));
        return;
      }
      const groups = ticketGroups(items, now);
      const part = (key: 'upcoming' | 'pending' | 'past', title: string): HTMLElement | null =>
        groups[key].length
          ? h('section', { class: 'ev-day', 'data-testid': `events-mine-${key}` }, h('h3', { class: 'ev-day-title' }, title), h('div', { class: 'ev-list' }, groups[key].map((ticket) => ticketCard(ticket, now, key))))
          : null;
      replace(body, part('upcoming', tev('mine.upcoming')), part('pending', tev('mine.pending')), part('past', tev('mine.past')));
    } catch (failure) {
      if (!isAbort(failure)) replace(body, errorBox(failure, () => void load()));
    }
  };
  void load();
  return h(
    'div',
    { class: 'page page-events', 'data-testid': 'events-mine' },
    section(tev('mine.title'), body, { actions: h('a', { class: 'btn btn-secondary', href: '#/events', 'data-testid': 'events-list-link' }, tev('list.title')) }),
  );
}
