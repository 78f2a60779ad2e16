/**
 * The door's calls (入场扫码, issue 17): POST /api/v1/events/{id}/checkins (a batch of queued scans),
 * GET /api/v1/events/{id}/attendance (the roster the door decides by, and the attendance list), the
 * CSV export's address, and the event's title from GET /api/v1/events/{id}.
 */

import { request } from '../shell/api';

export interface DoorScan {
  nonce: string;
  code: string;
  scanned_at: number;
  direction: 'in' | 'out';
  method: 'camera' | 'scanner' | 'manual';
}

export type ScanResultName = 'verified' | 'unverified' | 'duplicate' | 'refused';

export interface CheckinItem {
  nonce: string;
  result: ScanResultName;
  reason: string | null;
  worker: { id: number; name: string; kind: string; platform: string } | null;
  walk_in: boolean;
}

export interface CheckinAnswer {
  accepted: number;
  duplicates: number;
  verified: number;
  refused: number;
  items: CheckinItem[];
}

export interface Attendee {
  worker: { id: number; account_id: number | null; name: string; kind: string; platform: string; phone_masked: string };
  registered: boolean;
  registration_id: number | null;
  walk_in: boolean;
  in_at: number | null;
  out_at: number | null;
  evidence: 'verified' | 'unverified' | 'absent';
  scans: number;
}

export interface Attendance {
  event_id: number;
  walk_ins_allowed: boolean;
  counts: { registered: number; attended: number; walk_ins: number; checked_out: number; unverified: number };
  items: Attendee[];
}

export const uploadCheckins = (eventId: number, scans: DoorScan[]): Promise<CheckinAnswer> =>
  request<CheckinAnswer>('POST', `/api/v1/events/${eventId}/checkins`, { body: { scans }, timeoutMs: 30_000 });

export const attendance = (eventId: number, signal?: AbortSignal): Promise<Attendance> =>
  request<Attendance>('GET', `/api/v1/events/${eventId}/attendance`, { signal, timeoutMs: 15_000 });

export const eventTitle = async (eventId: number, signal?: AbortSignal): Promise<string> =>
  (await request<{ title: string }>('GET', `/api/v1/events/${eventId}`, { signal, timeoutMs: 15_000 })).title;

export const attendanceCsvUrl = (eventId: number): string => `/api/v1/events/${eventId}/attendance.csv`;
