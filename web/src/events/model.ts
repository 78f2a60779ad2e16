/**
 * Pure helpers of the events pages: Beijing days and times, grouping by day, the places left, which
 * button a card shows, 我的活动's groups, the roster's parts and the publish form's body.
 */

import { beijingDate, beijingDayStart } from '../shell/beijing';
import type { Role } from '../shell/types';
import type { NewEvent, RosterEntry, Ticket, YouhaoEvent } from './api';
import { tev, type EventMessageKey } from './messages';

export const EVENT_KINDS = [
  'health_check',
  'public_class',
  'legal_aid',
  'festival',
  'family',
  'sports',
  'culture',
  'rider_festival',
  'movie_night',
  'training',
  'childcare',
  'weekly_service',
  'skills_contest',
  'volunteer',
] as const;

export const ORGANISER_KINDS = ['union', 'community', 'station', 'platform', 'social_work', 'sponsor'] as const;

/** The worker kinds an event may be limited to (the register's kinds). */
export const WORKER_KINDS = ['food', 'parcel', 'ride', 'truck'] as const;

/** The bounds the server checks (events::kMaxCapacity, hold 5 minutes to 7 days, kMaxFamilyCount). */
export const MAX_CAPACITY = 10_000;
export const MIN_HOLD_MINUTES = 5;
export const MAX_HOLD_MINUTES = 7 * 24 * 60;
export const MAX_FAMILY = 6;

const DAY = 86_400;
const WEEK = 7 * DAY;
/** events::kMaxSeriesWeeks: a weekly series runs at most this many times. */
export const MAX_SERIES_WEEKS = 26;
const BEIJING_SECONDS = 8 * 3600;

export { isOrganiser } from './roles';

/** Who the organiser usually is for a role (the form's first choice). */
export function defaultOrganiserKind(role: Role | string): (typeof ORGANISER_KINDS)[number] {
  if (role === 'union_staff') return 'union';
  if (role === 'station_keeper') return 'station';
  if (role === 'sponsor') return 'sponsor';
  return 'community';
}

/** "14:05", the Beijing clock time of a moment in Unix seconds. */
export function beijingClock(seconds: number): string {
  return new Date((seconds + BEIJING_SECONDS) * 1000).toISOString().slice(11, 16);
}

/** 今天, 明天, or 周三 12月9日: the Beijing day of `seconds` as seen at `now`. */
export function dayLabel(seconds: number, now: number): string {
  const date = beijingDate(seconds);
  if (date === beijingDate(now)) return tev('day.today');
  if (date === beijingDate(now + DAY)) return tev('day.tomorrow');
  const at = new Date((seconds + BEIJING_SECONDS) * 1000);
  return tev('day.other', {
    weekday: tev(`weekday.${at.getUTCDay()}` as EventMessageKey),
    month: at.getUTCMonth() + 1,
    day: at.getUTCDate(),
  });
}

/** "14:00–16:00"; an event running past midnight names its end's date ("14:00–12-10 02:00"). */
export function timeRange(start: number, end: number): string {
  const endDate = beijingDate(end);
  const endText = endDate === beijingDate(start) ? beijingClock(end) : `${endDate.slice(5)} ${beijingClock(end)}`;
  return `${beijingClock(start)}–${endText}`;
}

/** "明天 14:00–16:00". */
export function whenText(start: number, end: number, now: number): string {
  return `${dayLabel(start, now)} ${timeRange(start, end)}`;
}

export interface DayGroup {
  date: string;
  label: string;
  items: YouhaoEvent[];
}

/**
 * The list's days in order, each with its events: by riding time when `byRide` (the unknown last),
 * else by start; ties by start, then id.
 */
export function groupByDay(events: readonly YouhaoEvent[], now: number, byRide: boolean): DayGroup[] {
  const groups = new Map<string, YouhaoEvent[]>();
  for (const event of events) {
    const date = beijingDate(event.starts_at);
    const items = groups.get(date);
    if (items) items.push(event);
    else groups.set(date, [event]);
  }
  const ride = (event: YouhaoEvent): number => (byRide && event.riding_minutes != null ? event.riding_minutes : Number.POSITIVE_INFINITY);
  return [...groups.keys()].sort().map((date) => {
    const items = groups.get(date)!;
    items.sort((a, b) => ride(a) - ride(b) || a.starts_at - b.starts_at || a.id - b.id);
    return { date, label: dayLabel(items[0]!.starts_at, now), items };
  });
}

/** The filter chips: the kinds present, in the catalogue's order (unknown kinds last). */
export function kindsPresent(events: readonly YouhaoEvent[]): string[] {
  const present = new Set(events.map((event) => event.kind));
  const known = EVENT_KINDS.filter((kind) => present.has(kind));
  const other = [...present].filter((kind) => !(EVENT_KINDS as readonly string[]).includes(kind)).sort();
  return [...known, ...other];
}

export function filterByKind(events: readonly YouhaoEvent[], kind: string): YouhaoEvent[] {
  return kind ? events.filter((event) => event.kind === kind) : [...events];
}

/** The kind chip of a #/events?kind= query (any known kind, else all). */
export function kindOf(search: string): string {
  const kind = new URLSearchParams(search.replace(/^\?/, '')).get('kind') ?? '';
  return (EVENT_KINDS as readonly string[]).includes(kind) ? kind : '';
}

export const placesLeft = (event: Pick<YouhaoEvent, 'capacity' | 'taken'>): number => Math.max(0, event.capacity - event.taken);

/** 剩 N 个名额, or 已满 · 候补 N. */
export function seatsText(event: Pick<YouhaoEvent, 'capacity' | 'taken' | 'waiting'>): string {
  const left = placesLeft(event);
  return left > 0 ? tev('card.left', { n: left }) : tev('card.full', { n: event.waiting });
}

export type CardAction = 'cancelled' | 'confirmed' | 'offered' | 'waiting' | 'register' | 'join_waiting' | 'closed' | 'ineligible' | 'none';

/** What a card shows for the caller: their registration's state, or the button they may press. */
export function cardAction(event: YouhaoEvent, role: Role | string, now: number): CardAction {
  if (event.status === 'cancelled') return 'cancelled';
  const mine = event.mine?.status;
  if (mine === 'confirmed' || mine === 'offered' || mine === 'waiting') return mine;
  if (role !== 'worker') return 'none';
  if (event.starts_at <= now) return 'closed';
  if (!event.can.register) return 'ineligible';
  return placesLeft(event) > 0 ? 'register' : 'join_waiting';
}

/** The words on a card's button or state line; `position` is the waiting-list place when known. */
export function actionText(action: CardAction, position?: number | null): string {
  switch (action) {
    case 'register':
      return tev('card.register');
    case 'join_waiting':
      return tev('card.joinWaiting');
    case 'confirmed':
      return tev('card.registered');
    case 'waiting':
      return position ? tev('card.waitingAt', { n: position }) : tev('card.waiting');
    case 'offered':
      return tev('card.offered');
    case 'closed':
      return tev('card.closed');
    case 'ineligible':
      return tev('card.ineligible');
    case 'cancelled':
      return tev('card.cancelled');
    default:
      return '';
  }
}

/**
 * Where a worker stands on the waiting list: the server's answer when it gives one; else, just
 * after joining, behind the ones waiting before (`waitingBefore`).
 */
export function waitingPosition(registration: { status: string; position?: number | null } | null, waitingBefore?: number): number | null {
  if (registration?.status !== 'waiting') return null;
  if (registration.position != null && registration.position > 0) return registration.position;
  return waitingBefore != null ? waitingBefore + 1 : null;
}

/** The map of the event's compound, or the page of its friendly place. */
export function mapHref(event: Pick<YouhaoEvent, 'compound' | 'place'>): string | null {
  if (event.compound) return `#/m/${encodeURIComponent(event.compound.code)}`;
  if (event.place) return `#/p/${event.place.id}`;
  return null;
}

/** Where it is, in one line: the place, the compound or the address. */
export function whereText(event: Pick<YouhaoEvent, 'compound' | 'place' | 'address'>): string {
  return event.place?.name || event.compound?.name || event.address;
}

export interface TicketGroups {
  upcoming: Ticket[];
  pending: Ticket[];
  past: Ticket[];
}

/** The state of a ticket: its registration's, or cancelled when the server sent none (a cancelled one). */
export const ticketStatus = (ticket: Ticket): string => ticket.registration?.status ?? 'cancelled';

/**
 * 我的活动: confirmed ones to come (soonest first), then waiting and offered ones, then the rest
 * (latest first). An event met twice (cancelled, then registered again) is shown once, live first.
 */
export function ticketGroups(items: readonly Ticket[], now: number): TicketGroups {
  const groups: TicketGroups = { upcoming: [], pending: [], past: [] };
  const seen = new Map<number, Ticket>();
  for (const item of items) {
    const before = seen.get(item.event.id);
    if (!before || (!before.registration && item.registration)) seen.set(item.event.id, item);
  }
  for (const item of seen.values()) {
    const status = ticketStatus(item);
    const over = item.event.ends_at <= now || item.event.status === 'cancelled';
    if (over || (status !== 'confirmed' && status !== 'offered' && status !== 'waiting')) groups.past.push(item);
    else if (status === 'confirmed') groups.upcoming.push(item);
    else groups.pending.push(item);
  }
  const soonest = (a: Ticket, b: Ticket): number => a.event.starts_at - b.event.starts_at || a.event.id - b.event.id;
  groups.upcoming.sort(soonest);
  // An offer runs out: it comes before the waiting ones.
  groups.pending.sort((a, b) => Number(ticketStatus(b) === 'offered') - Number(ticketStatus(a) === 'offered') || soonest(a, b));
  groups.past.sort((a, b) => -soonest(a, b));
  return groups;
}

export interface RosterParts {
  people: RosterEntry[];
  waiting: RosterEntry[];
  gone: RosterEntry[];
}

/** The roster: those holding a place (by seat), the waiting list in the server's order, the cancelled. */
export function rosterParts(items: readonly RosterEntry[]): RosterParts {
  const parts: RosterParts = { people: [], waiting: [], gone: [] };
  for (const item of items) {
    if (item.status === 'confirmed' || item.status === 'offered') parts.people.push(item);
    else if (item.status === 'waiting') parts.waiting.push(item);
    else parts.gone.push(item);
  }
  parts.people.sort((a, b) => (a.seat ?? 0) - (b.seat ?? 0) || a.registration_id - b.registration_id);
  return parts;
}

/** The publish form's values, as typed. */
export interface EventForm {
  kind: string;
  title: string;
  description: string;
  organiserKind: string;
  organiserName: string;
  area: string;
  where: 'place' | 'compound' | 'address';
  placeId: string;
  compound: string;
  address: string;
  lat: number | null;
  lon: number | null;
  date: string;
  start: string;
  end: string;
  capacity: string;
  hold: string;
  walkIns: boolean;
  family: boolean;
  kinds: string[];
  platforms: string;
  repeatUntil: string;
}

function clockSeconds(text: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return match ? Number(match[1]) * 3600 + Number(match[2]) * 60 : null;
}

function wholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\d{1,6}$/.test(text.trim())) return null;
  const value = Number(text.trim());
  return value >= min && value <= max ? value : null;
}

/** The body of POST /api/v1/events from the form, or the first thing to fix. */
export function eventBody(form: EventForm): { body: NewEvent } | { error: EventMessageKey } {
  const title = form.title.trim();
  if (!title) return { error: 'error.title' };
  const organiserName = form.organiserName.trim();
  if (!organiserName) return { error: 'error.organiser' };
  const day = beijingDayStart(form.date);
  if (day === null) return { error: 'error.date' };
  const start = clockSeconds(form.start);
  const end = clockSeconds(form.end);
  if (start === null || end === null) return { error: 'error.time' };
  if (end <= start) return { error: 'error.order' };
  const capacity = wholeNumber(form.capacity, 1, MAX_CAPACITY);
  if (capacity === null) return { error: 'error.capacity' };
  const hold = wholeNumber(form.hold, MIN_HOLD_MINUTES, MAX_HOLD_MINUTES);
  if (hold === null) return { error: 'error.hold' };
  const body: NewEvent = {
    kind: form.kind,
    title,
    description: form.description.trim(),
    organiser_kind: form.organiserKind,
    organiser_name: organiserName,
    area: form.area,
    starts_at: day + start,
    ends_at: day + end,
    capacity,
    hold_minutes: hold,
    walk_ins: form.walkIns,
    family: form.family,
    eligibility: {
      kinds: form.kinds.filter((kind) => (WORKER_KINDS as readonly string[]).includes(kind)),
      platforms: form.platforms
        .split(/[,，、\s]+/)
        .map((platform) => platform.trim())
        .filter(Boolean),
      areas: [],
    },
  };
  if (form.where === 'place') {
    if (!/^[1-9]\d{0,14}$/.test(form.placeId.trim())) return { error: 'error.place' };
    body.place_id = Number(form.placeId.trim());
  } else if (form.where === 'compound') {
    const code = form.compound.trim();
    if (!code) return { error: 'error.compound' };
    body.compound = code;
  } else {
    const address = form.address.trim();
    if (!address || form.lat === null || form.lon === null) return { error: 'error.address' };
    body.address = address;
    body.lat = form.lat;
    body.lon = form.lon;
  }
  if (form.repeatUntil.trim()) {
    const until = beijingDayStart(form.repeatUntil);
    if (until === null || until < day + WEEK) return { error: 'error.repeat' };
    body.repeat_weekly_until = until + DAY - 1;
    if (Math.floor((body.repeat_weekly_until - body.starts_at) / WEEK) + 1 > MAX_SERIES_WEEKS) return { error: 'error.repeatLong' };
  }
  return { body };
}
