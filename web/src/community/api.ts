/** The community calls: roaming grid reporters (流动网格员), platform conduct records and notifications. */

import { request } from '../shell/api';

export interface GridReporter {
  id: number;
  worker_id: number;
  worker_name: string;
  worker_phone: string;
  platform: string;
  area: { code: string; name: string };
  term_start: string;
  term_end: string;
  appointed_by: string;
  appointed_at: string;
  ended_at: string | null;
  active: boolean;
}

export interface GridReporterRecord extends GridReporter {
  reports: number;
  resolved: number;
  confirmed: number;
  open: number;
  by_category: Array<{ category: string; count: number }>;
}

export interface GridRecord {
  month: string;
  reports: number;
  reporters: GridReporterRecord[];
  communities: Array<{ code: string; name: string; reporters: number; reports: number; resolved: number; open: number }>;
}

export function gridReporters(all = false, signal?: AbortSignal): Promise<{ items: GridReporter[] }> {
  return request('GET', '/api/v1/grid-reporters', { query: { all: all ? 'true' : undefined }, signal });
}

export function appointGridReporter(body: { worker_id: number; area_code: string; term_start: string; term_end: string }): Promise<GridReporter> {
  return request('POST', '/api/v1/grid-reporters', { body });
}

export function endGridReporter(id: number): Promise<void> {
  return request('DELETE', `/api/v1/grid-reporters/${id}`);
}

export function gridRecord(month: string, areaCode?: string, signal?: AbortSignal): Promise<GridRecord> {
  return request('GET', '/api/v1/grid-reporters/record', { query: { month, area: areaCode }, signal });
}

export interface ConductRecord {
  id: number;
  compound: { code: string; name: string };
  platform: string;
  kind: string;
  kind_label: string;
  note: string;
  rider_hint: string;
  at: string;
  month: string;
  recorded_by: string;
  recorder_role: string;
}

export interface KindCount {
  kind: string;
  count: number;
}

export interface ConductStats {
  from: string;
  to: string;
  total: number;
  by_platform: Array<{ platform: string; count: number; by_kind: KindCount[] }>;
  by_compound: Array<{ code: string; name: string; count: number; by_kind: KindCount[]; by_platform: Array<{ platform: string; count: number }> }>;
  by_month: Array<{ month: string; count: number }>;
}

export function recordConduct(body: { platform: string; kind: string; note?: string; rider_hint?: string; at?: string }): Promise<ConductRecord> {
  return request('POST', '/api/v1/conduct', { body });
}

export function conductList(query: { from?: string; to?: string; month?: string; limit?: number }, signal?: AbortSignal): Promise<{ items: ConductRecord[] }> {
  return request('GET', '/api/v1/conduct', { query: { ...query }, signal });
}

export function conductStats(from: string, to: string, areaCode?: string, signal?: AbortSignal): Promise<ConductStats> {
  return request('GET', '/api/v1/conduct/stats', { query: { from, to, area: areaCode }, signal });
}

export interface Notification {
  id: number;
  /** Null for a notification about no report (an appointment, an account's approval). */
  report_id: number | null;
  /** What happened (report_assigned, report_resolved, grid_appointed…); null for old rows. */
  kind?: string | null;
  message: string;
  at: string;
  read: boolean;
}

/** The caller's inbox: how many unread, and the newest notification's id (0 when none). */
export interface InboxState {
  unread: number;
  latest: number;
}

/** Where the bell listens: `event: inbox` with an InboxState now and after every change. */
export const inboxEventsUrl = '/api/v1/notifications/events';

/** The same state once (the bell's fallback when no event stream can be held). */
export function inboxState(signal?: AbortSignal): Promise<InboxState> {
  return request('GET', inboxEventsUrl, { signal });
}

export function notifications(unreadOnly = false, signal?: AbortSignal): Promise<{ unread: number; items: Notification[] }> {
  return request('GET', '/api/v1/notifications', { query: { unread: unreadOnly ? 'true' : undefined }, signal });
}

export function markNotificationsRead(upTo?: number): Promise<{ marked: number }> {
  return request('POST', '/api/v1/notifications/read', { body: upTo == null ? {} : { up_to: upTo } });
}
