/**
 * The events calls (活动, issue 17): GET /api/v1/events, GET/POST /api/v1/events/{id}…, the
 * registrations (报名, 接受名额, 取消报名), the organiser's roster and cancellations, and GET
 * /api/v1/me/events (我的活动).
 */

import { request } from '../shell/api';

export type EventKind =
  | 'health_check'
  | 'public_class'
  | 'legal_aid'
  | 'festival'
  | 'family'
  | 'sports'
  | 'culture'
  | 'rider_festival'
  | 'movie_night'
  | 'training'
  | 'childcare'
  | 'weekly_service'
  | 'skills_contest'
  | 'volunteer';

export type OrganiserKind = 'union' | 'community' | 'station' | 'platform' | 'social_work' | 'sponsor';

export type RegistrationStatus = 'confirmed' | 'offered' | 'waiting' | 'cancelled' | 'lapsed';

export interface MyRegistration {
  registration_id: number;
  status: RegistrationStatus | string;
  seat: number | null;
  offered_until: number | null;
  /** Where the caller stands on the waiting list (1 = next), when the server says. */
  position?: number | null;
}

export interface Eligibility {
  kinds: string[];
  platforms: string[];
  areas: string[];
}

export interface YouhaoEvent {
  id: number;
  uid: string;
  kind: EventKind | string;
  title: string;
  description: string;
  organiser: { kind: OrganiserKind | string; name: string };
  area: { code: string; name: string };
  place: { id: number; name: string } | null;
  compound: { code: string; name: string } | null;
  address: string;
  lat: number;
  lon: number;
  starts_at: number;
  ends_at: number;
  capacity: number;
  taken: number;
  waiting: number;
  hold_minutes: number;
  walk_ins: boolean | number;
  family: boolean | number;
  eligibility: Eligibility;
  status: 'scheduled' | 'cancelled' | string;
  cancel_reason: string;
  series_id: number | null;
  course_id: number | null;
  team_id: number | null;
  sequence: number;
  riding_minutes: number | null;
  mine: MyRegistration | null;
  can: { register: boolean; cancel: boolean; manage: boolean };
}

export interface Registration {
  id: number;
  status: RegistrationStatus | string;
  seat: number | null;
  offered_until: number | null;
  family_count?: number;
  position?: number | null;
}

/** One of 我的活动: the event and the worker's live registration (null once it was cancelled). */
export interface Ticket {
  event: YouhaoEvent;
  registration: Registration | null;
}

export interface RosterEntry {
  registration_id: number;
  status: RegistrationStatus | string;
  seat: number | null;
  registered_at: number;
  offered_until: number | null;
  family_count: number;
  worker: { id: number | null; account_id: number; name: string; phone_masked: string; kind: string; platform: string };
}

export interface Roster {
  counts: { confirmed: number; offered: number; waiting: number; cancelled: number };
  items: RosterEntry[];
}

/** The body of POST /api/v1/events (model.ts eventBody builds it from the form). */
export interface NewEvent {
  kind: string;
  title: string;
  description: string;
  organiser_kind: string;
  organiser_name: string;
  area: string;
  place_id?: number;
  compound?: string;
  address?: string;
  lat?: number;
  lon?: number;
  starts_at: number;
  ends_at: number;
  capacity: number;
  hold_minutes: number;
  walk_ins: boolean;
  family: boolean;
  eligibility: Eligibility;
  repeat_weekly_until?: number;
}

export interface ListQuery {
  area?: string;
  from?: number;
  to?: number;
  kind?: string;
  lat?: number;
  lon?: number;
  sort?: 'ride';
  limit?: number;
}

const eventPath = (id: number, rest = ''): string => `/api/v1/events/${id}${rest}`;

export const list = (query: ListQuery, signal?: AbortSignal): Promise<{ items: YouhaoEvent[] }> =>
  request('GET', '/api/v1/events', { query: { ...query }, signal, timeoutMs: 20_000 });
export const get = (id: number, signal?: AbortSignal): Promise<YouhaoEvent> => request('GET', eventPath(id), { signal });
export const create = (body: NewEvent): Promise<{ event: YouhaoEvent; series_id?: number; count?: number }> => request('POST', '/api/v1/events', { body });
export const cancelEvent = (id: number, reason: string): Promise<unknown> => request('POST', eventPath(id, '/cancel'), { body: { reason } });
export const register = (id: number, familyCount?: number): Promise<{ registration: Registration }> =>
  request('POST', eventPath(id, '/registrations'), { body: familyCount ? { family_count: familyCount } : {} });
export const accept = (id: number): Promise<unknown> => request('POST', eventPath(id, '/registrations/accept'));
export const cancelMine = (id: number): Promise<unknown> => request('DELETE', eventPath(id, '/registrations/mine'));
export const cancelRegistration = (id: number, registrationId: number, reason: string): Promise<unknown> =>
  request('POST', eventPath(id, `/registrations/${registrationId}/cancel`), { body: { reason } });
export const roster = (id: number, signal?: AbortSignal): Promise<Roster> => request('GET', eventPath(id, '/roster'), { signal });
export const mine = (signal?: AbortSignal): Promise<{ items: Ticket[] }> => request('GET', '/api/v1/me/events', { signal });

/** The one-event calendar file (C) and the attendance export (B): plain links. */
export const calendarUrl = (id: number): string => eventPath(id, '/event.ics');
export const attendanceCsvUrl = (id: number): string => eventPath(id, '/attendance.csv');
