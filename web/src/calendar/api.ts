/**
 * The calls of 日历订阅: the worker's calendar link (GET/POST/DELETE /api/v1/me/calendar-token) and
 * the public feeds it lists (GET /api/v1/events.ics?area=CODE, subscribed by the calendar app).
 */

import { request } from '../shell/api';

export interface AreaFeed {
  code: string;
  name: string;
  level: string;
  url: string;
  webcal_url: string;
}

export interface TokenState {
  exists: boolean;
  created_at: number | null;
  area_feeds: AreaFeed[];
}

export interface MadeToken {
  exists: true;
  created_at: number;
  token: string;
  url: string;
  webcal_url: string;
}

export function tokenState(signal?: AbortSignal): Promise<TokenState> {
  return request<TokenState>('GET', '/api/v1/me/calendar-token', { signal });
}

/** A new link; the earlier one stops working. The only time the link is shown. */
export function makeToken(): Promise<MadeToken> {
  return request<MadeToken>('POST', '/api/v1/me/calendar-token');
}

export function revokeToken(): Promise<void> {
  return request<void>('DELETE', '/api/v1/me/calendar-token');
}
