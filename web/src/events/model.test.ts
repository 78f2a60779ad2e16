import { describe, expect, it } from 'vitest';
import type { RosterEntry, Ticket, YouhaoEvent } from './api';
import { eventDictionaries, kindText, organiserText, stateText } from './messages';
import {
  actionText,
  beijingClock,
  cardAction,
  dayLabel,
  defaultOrganiserKind,
  EVENT_KINDS,
  eventBody,
  filterByKind,
  groupByDay,
  isOrganiser,
  kindOf,
  kindsPresent,
  mapHref,
  ORGANISER_KINDS,
  placesLeft,
  rosterParts,
  seatsText,
  ticketGroups,
  ticketStatus,
  timeRange,
  waitingPosition,
  whereText,
  type EventForm,
} from './model';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

/** Monday 2026-12-07 00:00 in Beijing. */
const MONDAY = Date.UTC(2026, 11, 7) / 1000 - 8 * 3600;
const HOUR = 3600;
const DAY = 86_400;

let nextId = 1;
function event(fields: Partial<YouhaoEvent> = {}): YouhaoEvent {
  return {
    id: nextId++,
    uid: 'x@youhao',
    kind: 'health_check',
    title: '冬季义诊 17',
    description: '',
    organiser: { kind: 'union', name: '海淀区总工会' },
    area: { code: '110108', name: '海淀区' },
    place: null,
    compound: null,
    address: '中关村大街 1 号',
    lat: 39.98,
    lon: 116.31,
    starts_at: MONDAY + 14 * HOUR,
    ends_at: MONDAY + 16 * HOUR,
    capacity: 20,
    taken: 5,
    waiting: 0,
    hold_minutes: 120,
    walk_ins: false,
    family: false,
    eligibility: { kinds: [], platforms: [], areas: [] },
    status: 'scheduled',
    cancel_reason: '',
    series_id: null,
    course_id: null,
    team_id: null,
    sequence: 0,
    riding_minutes: null,
    mine: null,
    can: { register: true, cancel: false, manage: false },
    ...fields,
  };
}

const mine = (status: string, position?: number): YouhaoEvent['mine'] => ({ registration_id: 9, status, seat: status === 'confirmed' ? 3 : null, offered_until: null, position: position ?? null });

describe('event messages', () => {
  it('have the same keys and placeholders in Chinese and English, none empty', () => {
    const { zh, en } = eventDictionaries;
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const key of Object.keys(zh) as Array<keyof typeof zh>) {
      expect(zh[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
    }
  });

  it('word every kind, organiser and state in Chinese', () => {
    for (const kind of EVENT_KINDS) expect(kindText(kind)).not.toBe(kind);
    for (const kind of ORGANISER_KINDS) expect(organiserText(kind)).not.toBe(kind);
    for (const state of ['confirmed', 'offered', 'waiting', 'cancelled', 'lapsed']) expect(stateText(state)).not.toBe(state);
    expect(kindText('legal_aid')).toBe('法律援助日');
    expect(kindText('rider_festival')).toBe('骑手节');
    expect(organiserText('social_work')).toBe('社工机构');
    expect(kindText('picnic')).toBe('picnic');
  });
});

describe('Beijing days and times', () => {
  it('says 今天, 明天, then the weekday and date', () => {
    const now = MONDAY + 9 * HOUR;
    expect(dayLabel(MONDAY + 23 * HOUR, now)).toBe('今天');
    expect(dayLabel(MONDAY + DAY + 1, now)).toBe('明天');
    expect(dayLabel(MONDAY + 2 * DAY + 10 * HOUR, now)).toBe('周三 12月9日');
    expect(dayLabel(MONDAY + 6 * DAY, now)).toBe('周日 12月13日');
    // 23:30 Beijing on Monday is still Monday, though it is 15:30 UTC.
    expect(dayLabel(MONDAY + 23.5 * HOUR, MONDAY + HOUR)).toBe('今天');
    // Past midnight in Beijing, Monday's events are yesterday's and Tuesday's are today.
    expect(dayLabel(MONDAY + DAY + 8 * HOUR, MONDAY + DAY + 30)).toBe('今天');
  });

  it('writes clock times in Beijing and names the end date across midnight', () => {
    expect(beijingClock(MONDAY)).toBe('00:00');
    expect(beijingClock(MONDAY + 14 * HOUR + 5 * 60)).toBe('14:05');
    expect(timeRange(MONDAY + 14 * HOUR, MONDAY + 16 * HOUR)).toBe('14:00–16:00');
    expect(timeRange(MONDAY + 22 * HOUR, MONDAY + 26 * HOUR)).toBe('22:00–12-08 02:00');
  });
});

describe('the list', () => {
  it('groups by Beijing day in order, by start without a location', () => {
    const late = event({ starts_at: MONDAY + 19 * HOUR, ends_at: MONDAY + 21 * HOUR, riding_minutes: 3 });
    const early = event({ starts_at: MONDAY + 9 * HOUR, ends_at: MONDAY + 10 * HOUR, riding_minutes: 30 });
    const wednesday = event({ starts_at: MONDAY + 2 * DAY + 10 * HOUR, ends_at: MONDAY + 2 * DAY + 12 * HOUR });
    const groups = groupByDay([wednesday, late, early], MONDAY + 8 * HOUR, false);
    expect(groups.map((g) => g.label)).toEqual(['今天', '周三 12月9日']);
    expect(groups[0]!.items.map((e) => e.id)).toEqual([early.id, late.id]);
    expect(groups[0]!.date).toBe('2026-12-07');
  });

  it('sorts each day by riding minutes when the location is known, the unknown last', () => {
    const far = event({ starts_at: MONDAY + 9 * HOUR, riding_minutes: 25 });
    const near = event({ starts_at: MONDAY + 19 * HOUR, riding_minutes: 4 });
    const unknown = event({ starts_at: MONDAY + 8 * HOUR, riding_minutes: null });
    const [today] = groupByDay([far, unknown, near], MONDAY, true);
    expect(today!.items.map((e) => e.id)).toEqual([near.id, far.id, unknown.id]);
  });

  it('offers chips for the kinds present, in catalogue order, and filters by them', () => {
    const events = [event({ kind: 'movie_night' }), event({ kind: 'health_check' }), event({ kind: 'movie_night' }), event({ kind: 'zzz' })];
    expect(kindsPresent(events)).toEqual(['health_check', 'movie_night', 'zzz']);
    expect(filterByKind(events, 'movie_night')).toHaveLength(2);
    expect(filterByKind(events, '')).toHaveLength(4);
    expect(kindOf('?kind=legal_aid')).toBe('legal_aid');
    expect(kindOf('kind=<b>')).toBe('');
    expect(kindOf('')).toBe('');
  });

  it('says the places left, or full with the waiting count', () => {
    expect(placesLeft(event({ capacity: 20, taken: 5 }))).toBe(15);
    expect(seatsText(event({ capacity: 20, taken: 5 }))).toBe('剩 15 个名额');
    expect(seatsText(event({ capacity: 2, taken: 2, waiting: 3 }))).toBe('已满 · 候补 3');
    expect(placesLeft(event({ capacity: 2, taken: 3 }))).toBe(0);
  });
});

describe('which button a card shows', () => {
  const now = MONDAY + 8 * HOUR;
  it('lets a worker register, or join the waiting list when full', () => {
    expect(cardAction(event(), 'worker', now)).toBe('register');
    expect(cardAction(event({ taken: 20, capacity: 20 }), 'worker', now)).toBe('join_waiting');
    expect(actionText('register')).toBe('报名');
  });

  it('shows the worker their own state instead', () => {
    expect(cardAction(event({ mine: mine('confirmed') }), 'worker', now)).toBe('confirmed');
    expect(cardAction(event({ mine: mine('waiting', 2) }), 'worker', now)).toBe('waiting');
    expect(cardAction(event({ mine: mine('offered') }), 'worker', now)).toBe('offered');
    // A cancelled registration lets them sign up again.
    expect(cardAction(event({ mine: mine('cancelled') }), 'worker', now)).toBe('register');
    expect(actionText('confirmed')).toBe('已报名');
    expect(actionText('waiting', 2)).toBe('候补第 2 位');
    expect(actionText('waiting', null)).toBe('候补中');
  });

  it('shows no button for a cancelled or started event, for others or when not eligible', () => {
    expect(cardAction(event({ status: 'cancelled', mine: mine('confirmed') }), 'worker', now)).toBe('cancelled');
    expect(cardAction(event(), 'worker', MONDAY + 15 * HOUR)).toBe('closed');
    expect(cardAction(event({ can: { register: false, cancel: false, manage: false } }), 'worker', now)).toBe('ineligible');
    expect(cardAction(event(), 'union_staff', now)).toBe('none');
    expect(actionText('none')).toBe('');
  });

  it('knows the waiting-list place from the server, or just after joining', () => {
    expect(waitingPosition({ status: 'waiting', position: 4 })).toBe(4);
    expect(waitingPosition({ status: 'waiting' }, 2)).toBe(3);
    expect(waitingPosition({ status: 'waiting' })).toBeNull();
    expect(waitingPosition({ status: 'confirmed' }, 2)).toBeNull();
    expect(waitingPosition(null, 2)).toBeNull();
  });

  it('links the compound map or the place page, and says where', () => {
    expect(mapHref(event({ compound: { code: '110108001001', name: '华清嘉园' } }))).toBe('#/m/110108001001');
    expect(mapHref(event({ place: { id: 7, name: '五道口驿站' } }))).toBe('#/p/7');
    expect(mapHref(event())).toBeNull();
    expect(whereText(event({ place: { id: 7, name: '五道口驿站' } }))).toBe('五道口驿站');
    expect(whereText(event())).toBe('中关村大街 1 号');
  });
});

describe('roles', () => {
  it('knows the organisers and their usual organiser kind', () => {
    for (const role of ['union_staff', 'station_keeper', 'sponsor', 'community_officer', 'district_officer', 'admin']) expect(isOrganiser(role)).toBe(true);
    for (const role of ['worker', 'guard', 'grid_officer', 'merchant']) expect(isOrganiser(role)).toBe(false);
    expect(defaultOrganiserKind('union_staff')).toBe('union');
    expect(defaultOrganiserKind('station_keeper')).toBe('station');
    expect(defaultOrganiserKind('street_officer')).toBe('community');
  });
});

describe('我的活动', () => {
  const ticket = (status: string, starts: number, fields: Partial<YouhaoEvent> = {}): Ticket => ({
    event: event({ starts_at: starts, ends_at: starts + 2 * HOUR, ...fields }),
    registration: { id: nextId++, status, seat: null, offered_until: null },
  });
  it('puts upcoming confirmed first, then offers before waiting, then the past newest first', () => {
    const now = MONDAY + 8 * HOUR;
    const later = ticket('confirmed', MONDAY + 2 * DAY);
    const sooner = ticket('confirmed', MONDAY + 10 * HOUR);
    const waiting = ticket('waiting', MONDAY + DAY);
    const offered = ticket('offered', MONDAY + 3 * DAY);
    const over = ticket('confirmed', MONDAY - DAY);
    const older = ticket('confirmed', MONDAY - 3 * DAY);
    const dropped = ticket('cancelled', MONDAY + DAY);
    const cancelledEvent = ticket('confirmed', MONDAY + DAY, { status: 'cancelled' });
    const groups = ticketGroups([later, waiting, over, sooner, offered, dropped, older, cancelledEvent], now);
    expect(groups.upcoming).toEqual([sooner, later]);
    expect(groups.pending).toEqual([offered, waiting]);
    expect(groups.past.map((t) => t.event.starts_at)).toEqual([MONDAY + DAY, MONDAY + DAY, MONDAY - DAY, MONDAY - 3 * DAY]);
    expect(groups.past).toContain(dropped);
    expect(groups.past).toContain(cancelledEvent);
  });

  it('shows an event met twice once, the live registration first; a missing one is cancelled', () => {
    const now = MONDAY;
    const again = event({ starts_at: MONDAY + DAY, ends_at: MONDAY + DAY + HOUR });
    const gone: Ticket = { event: again, registration: null };
    const live: Ticket = { event: again, registration: { id: 2, status: 'waiting', seat: null, offered_until: null } };
    const groups = ticketGroups([gone, live, gone], now);
    expect(groups.pending).toEqual([live]);
    expect(groups.past).toEqual([]);
    expect(ticketStatus(gone)).toBe('cancelled');
    expect(ticketGroups([gone], now).past).toEqual([gone]);
  });
});

describe('the roster', () => {
  const entry = (id: number, status: string, seat: number | null): RosterEntry => ({
    registration_id: id,
    status,
    seat,
    registered_at: id,
    offered_until: null,
    family_count: 0,
    worker: { id, account_id: id, name: `骑手${id}`, phone_masked: '138****0000', kind: 'food', platform: '美团' },
  });
  it('splits places by seat, the waiting list in the server order, and the cancelled', () => {
    const parts = rosterParts([entry(1, 'confirmed', 2), entry(5, 'waiting', null), entry(2, 'offered', 1), entry(4, 'cancelled', null), entry(3, 'waiting', null), entry(6, 'lapsed', null)]);
    expect(parts.people.map((e) => e.registration_id)).toEqual([2, 1]);
    expect(parts.waiting.map((e) => e.registration_id)).toEqual([5, 3]);
    expect(parts.gone.map((e) => e.registration_id)).toEqual([4, 6]);
  });
});

describe('the publish form', () => {
  const form = (fields: Partial<EventForm> = {}): EventForm => ({
    kind: 'legal_aid',
    title: ' 法律援助日 17 ',
    description: '欠薪、工伤咨询',
    organiserKind: 'union',
    organiserName: '海淀区总工会',
    area: '110108',
    where: 'address',
    placeId: '',
    compound: '',
    address: '中关村大街 1 号',
    lat: 39.98,
    lon: 116.31,
    date: '2026-12-09',
    start: '14:00',
    end: '16:30',
    capacity: '30',
    hold: '120',
    walkIns: true,
    family: false,
    kinds: ['food', 'bogus'],
    platforms: '美团， 饿了么,顺丰',
    repeatUntil: '',
    ...fields,
  });

  it('builds the body in Beijing time', () => {
    const result = eventBody(form());
    expect('body' in result).toBe(true);
    if (!('body' in result)) return;
    const body = result.body;
    expect(body.title).toBe('法律援助日 17');
    expect(body.starts_at).toBe(MONDAY + 2 * DAY + 14 * HOUR);
    expect(body.ends_at).toBe(MONDAY + 2 * DAY + 16.5 * HOUR);
    expect(body.capacity).toBe(30);
    expect(body.eligibility).toEqual({ kinds: ['food'], platforms: ['美团', '饿了么', '顺丰'], areas: [] });
    expect(body.address).toBe('中关村大街 1 号');
    expect(body.lat).toBe(39.98);
    expect(body.place_id).toBeUndefined();
    expect(body.repeat_weekly_until).toBeUndefined();
  });

  it('sends a place or a compound instead of an address', () => {
    const place = eventBody(form({ where: 'place', placeId: '42' }));
    expect('body' in place && place.body.place_id).toBe(42);
    expect('body' in place && place.body.address).toBeUndefined();
    const compound = eventBody(form({ where: 'compound', compound: ' 110108001001 ' }));
    expect('body' in compound && compound.body.compound).toBe('110108001001');
  });

  it('repeats weekly until the end of the chosen Beijing day', () => {
    const result = eventBody(form({ repeatUntil: '2026-12-30' }));
    expect('body' in result && result.body.repeat_weekly_until).toBe(MONDAY + 24 * DAY - 1);
  });

  it('names the first thing to fix', () => {
    const error = (fields: Partial<EventForm>): string | undefined => {
      const result = eventBody(form(fields));
      return 'error' in result ? result.error : undefined;
    };
    expect(error({ title: '  ' })).toBe('error.title');
    expect(error({ organiserName: '' })).toBe('error.organiser');
    expect(error({ date: '2026-02-30' })).toBe('error.date');
    expect(error({ start: '9:00' })).toBe('error.time');
    expect(error({ end: '14:00' })).toBe('error.order');
    expect(error({ capacity: '0' })).toBe('error.capacity');
    expect(error({ capacity: '10001' })).toBe('error.capacity');
    expect(error({ hold: '4' })).toBe('error.hold');
    expect(error({ hold: '10081' })).toBe('error.hold');
    expect(error({ hold: '10080' })).toBeUndefined();
    expect(error({ where: 'place', placeId: '' })).toBe('error.place');
    expect(error({ where: 'compound', compound: ' ' })).toBe('error.compound');
    expect(error({ lat: null })).toBe('error.address');
    expect(error({ repeatUntil: '2026-12-09' })).toBe('error.repeat');
    expect(error({ repeatUntil: '2026-12-15' })).toBe('error.repeat');
    expect(error({ repeatUntil: '2026-12-16' })).toBeUndefined();
    // 2026-12-09 plus 25 weeks is 2027-06-02: the 26th time; one more week is too many.
    expect(error({ repeatUntil: '2027-06-02' })).toBeUndefined();
    expect(error({ repeatUntil: '2027-06-09' })).toBe('error.repeatLong');
    expect(error({ repeatUntil: 'soon' })).toBe('error.repeat');
    expect(error({})).toBeUndefined();
  });
});
