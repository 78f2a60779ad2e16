/**
 * The calls of training and certificates: courses (GET/POST /api/v1/training/courses), a course's
 * sessions, a session's attendees and completions, the worker's record (GET /api/v1/me/training),
 * skills contests, and certificates (/api/v1/certificates/keys, /{serial}, /me/certificates).
 */

import { request } from '../shell/api';

export interface AreaRef {
  code: string;
  name: string;
}

export interface Certificate {
  serial: string;
  kind: string;
  status: string;
  holder_name: string;
  title: string;
  detail: string;
  area: AreaRef;
  issued_at: number;
  valid_until: number | null;
  revoked_at: number | null;
  qr_text: string;
  pdf_url: string;
}

export interface Course {
  id: number;
  topic: string;
  title: string;
  description: string;
  hours: number;
  area: AreaRef;
  created_at: number;
  sessions: number;
  passed: number;
  new_session_url: string;
}

export interface Session {
  event_id: number;
  course_id: number;
  title: string;
  starts_at: number;
  ends_at: number;
  status: string;
  trainer: boolean;
}

export interface Completion {
  id: number;
  course_id: number;
  event_id: number;
  account_id: number;
  passed: boolean;
  score: number | null;
  recorded_at: number;
  points_paid: number;
  replayed: boolean;
  certificate: Certificate | null;
}

export interface Attendee {
  account_id: number;
  name: string;
  registration_status: string;
  completion: Completion | null;
}

export interface RecordLine extends Completion {
  course_title: string;
  topic: string;
  hours: number;
  session_starts_at: number;
}

export interface ContestLine {
  rank: number;
  account_id: number;
  name: string;
  score: number;
}

export interface Contest {
  id: number;
  event_id: number;
  title: string;
  area: AreaRef;
  status: 'open' | 'closed';
  campaign_id: number | null;
  created_at: number;
  organiser?: boolean;
  ranking?: ContestLine[];
}

export interface PublicKey {
  id: number;
  public_key: string;
  created_at: number;
}

export interface Verification {
  serial: string;
  status: 'valid' | 'revoked' | 'expired' | 'unknown';
  kind?: string;
  name?: string;
  title?: string;
  detail?: string;
  issued_at?: number;
  valid_until?: number | null;
  revoked_at?: number | null;
  revoke_reason?: string | null;
}

export const courses = (signal?: AbortSignal) => request<{ items: Course[] }>('GET', '/api/v1/training/courses', { signal });
export const createCourse = (body: { topic: string; title: string; description: string; hours: number }) =>
  request<{ course: Course }>('POST', '/api/v1/training/courses', { body });
export const sessions = (courseId: number, signal?: AbortSignal) =>
  request<{ items: Session[] }>('GET', `/api/v1/training/courses/${courseId}/sessions`, { signal });
export const attendees = (eventId: number, signal?: AbortSignal) =>
  request<{ items: Attendee[] }>('GET', `/api/v1/training/sessions/${eventId}/attendees`, { signal });
export const recordCompletion = (eventId: number, body: { account_id: number; passed: boolean; score?: number | null }) =>
  request<{ completion: Completion }>('POST', `/api/v1/training/sessions/${eventId}/completions`, { body });
export const myTraining = (signal?: AbortSignal) => request<{ items: RecordLine[] }>('GET', '/api/v1/me/training', { signal });
export const myCertificates = (signal?: AbortSignal) => request<{ items: Certificate[] }>('GET', '/api/v1/me/certificates', { signal });

export const contests = (signal?: AbortSignal) => request<{ items: Contest[] }>('GET', '/api/v1/training/contests', { signal });
export const createContest = (body: { event_id: number; title: string }) => request<{ contest: Contest }>('POST', '/api/v1/training/contests', { body });
export const contest = (id: number, signal?: AbortSignal) => request<{ contest: Contest }>('GET', `/api/v1/training/contests/${id}`, { signal });
export const recordScore = (id: number, body: { account_id: number; score: number }) =>
  request<{ contest: Contest }>('POST', `/api/v1/training/contests/${id}/scores`, { body });
export const closeContest = (id: number, top: number) =>
  request<{ contest: Contest; nominated: number }>('POST', `/api/v1/training/contests/${id}/close`, { body: { top } });

export const certificateKeys = (signal?: AbortSignal) => request<{ keys: PublicKey[] }>('GET', '/api/v1/certificates/keys', { signal });
export const verifyOnline = (serial: string, signal?: AbortSignal) =>
  request<Verification>('GET', `/api/v1/certificates/${encodeURIComponent(serial)}`, { signal });
