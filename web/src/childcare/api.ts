/**
 * The childcare calls (托管服务, issue 17): the childcare classes from GET /api/v1/events?kind=childcare,
 * a parent's children (GET/POST /api/v1/events/{id}/children, DELETE …/children/{child_id}) and the
 * organisers' attendance (GET …/children/attendance, PUT …/children/{child_id}/attendance/{day}).
 */

import { request } from '../shell/api';

/** The fields of an event (GET /api/v1/events) these pages read. */
export interface ChildcareClass {
  id: number;
  kind: string;
  title: string;
  organiser: { kind: string; name: string };
  place: { id: number; name: string } | null;
  address: string;
  starts_at: number;
  ends_at: number;
  capacity: number;
  taken: number;
  family: boolean | number;
  status: string;
  mine: { registration_id: number; status: string } | null;
  can: { register: boolean; cancel: boolean; manage: boolean };
}

export interface Child {
  id: number;
  registration_id: number;
  given_name: string;
  age: number;
  note: string;
  created_at: number;
  parent?: { account_id: number; name: string };
  attendance?: Record<string, boolean>;
}

export interface ClassDays {
  id: number;
  title: string;
  starts_at: number;
  ends_at: number;
  capacity: number;
  cancelled: boolean;
  days: string[];
}

export interface Children {
  event: ClassDays;
  view: 'parent' | 'organiser';
  registration: { id: number; status: string } | null;
  max_per_place: number;
  items: Child[];
}

export interface Sheet {
  event: ClassDays;
  days: Array<{ day: string; present: number }>;
  children: Child[];
}

export interface NewChild {
  given_name: string;
  age: number;
  note?: string;
}

const DAY = 86_400;

/** Childcare classes starting from `since` (Unix seconds) to `days` after `now`, soonest first. */
export const classes = (since: number, now: number, days: number, signal?: AbortSignal): Promise<{ items: ChildcareClass[] }> =>
  request('GET', '/api/v1/events', { query: { kind: 'childcare', from: since, to: now + days * DAY, limit: 100 }, signal, timeoutMs: 20_000 });
export const children = (id: number, signal?: AbortSignal): Promise<Children> => request('GET', `/api/v1/events/${id}/children`, { signal });
export const addChild = (id: number, body: NewChild): Promise<{ child: Child }> => request('POST', `/api/v1/events/${id}/children`, { body });
export const removeChild = (id: number, childId: number): Promise<unknown> => request('DELETE', `/api/v1/events/${id}/children/${childId}`);
export const sheet = (id: number, signal?: AbortSignal): Promise<Sheet> => request('GET', `/api/v1/events/${id}/children/attendance`, { signal });
export const mark = (id: number, childId: number, day: string, present: boolean): Promise<{ child_id: number; day: string; present: boolean }> =>
  request('PUT', `/api/v1/events/${id}/children/${childId}/attendance/${day}`, { body: { present } });
