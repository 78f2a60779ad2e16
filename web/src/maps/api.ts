/**
 * The compound map calls (docs/maps.md): the map and its edits (every write carries the version it
 * was based on), history, photos of the way, exports, addresses, routes and 多单顺路.
 */

import { compoundPath, request } from '../shell/api';
import type { CompoundMapDoc, HistoryItem, MapFeature, ParseAnswer, RouteAnswer } from './geo';
import type { MultiDropAnswer, MultiDropRequest } from './multidrop';

export const mapUrl = (code: string): string => `${compoundPath(code)}/map`;
export const mapOscUrl = (code: string): string => `${compoundPath(code)}/map.osc`;
export const posterPdfUrl = (code: string): string => `${compoundPath(code)}/poster.pdf`;
export const posterSvgUrl = (code: string): string => `${compoundPath(code)}/poster.svg`;

/** The map; revalidated with its ETag so a poor connection downloads it only when it changed. */
export function compoundMap(code: string, signal?: AbortSignal): Promise<CompoundMapDoc> {
  return request('GET', mapUrl(code), { signal, cache: 'no-cache', quiet401: true, timeoutMs: 20_000 });
}

export function replaceMap(code: string, baseVersion: number, geojsonText: string): Promise<{ version: number }> {
  return request('PUT', mapUrl(code), { query: { base_version: baseVersion }, raw: { body: geojsonText, type: 'application/json' } });
}

export function addMapFeature(code: string, baseVersion: number, feature: MapFeature): Promise<{ id: number; version: number }> {
  return request('POST', `${mapUrl(code)}/features`, { query: { base_version: baseVersion }, body: feature });
}

export function updateMapFeature(code: string, id: number, baseVersion: number, feature: MapFeature): Promise<{ id: number; version: number }> {
  return request('PUT', `${mapUrl(code)}/features/${id}`, { query: { base_version: baseVersion }, body: feature });
}

export function deleteMapFeature(code: string, id: number, baseVersion: number): Promise<{ version: number }> {
  return request('DELETE', `${mapUrl(code)}/features/${id}`, { query: { base_version: baseVersion } });
}

export function undoMapChange(code: string): Promise<{ version: number; undone: { action: string; label: string } }> {
  return request('POST', `${mapUrl(code)}/undo`);
}

export function mapHistory(code: string, limit = 50, signal?: AbortSignal): Promise<{ items: HistoryItem[] }> {
  return request('GET', `${mapUrl(code)}/history`, { query: { limit }, signal });
}

/** A photo of the way (JPEG, PNG or WebP, at most 5 MiB); the server strips its metadata. */
export function uploadMapMedia(code: string, photo: Blob): Promise<{ id: number; url: string }> {
  return request('POST', `${mapUrl(code)}/media`, { raw: { body: photo, type: photo.type || 'application/octet-stream' }, timeoutMs: 120_000 });
}

export function parseAddress(q: string, compound?: string, signal?: AbortSignal): Promise<ParseAnswer> {
  return request('GET', '/api/v1/address/parse', { query: { q, compound }, signal, quiet401: true, timeoutMs: 15_000 });
}

/** `query` from maps/geo routeQuery(): to, from, at, bike. */
export function compoundRoute(code: string, query: Record<string, string>, signal?: AbortSignal): Promise<RouteAnswer> {
  return request('GET', `${compoundPath(code)}/route`, { query, signal, quiet401: true, timeoutMs: 15_000 });
}

/** 多单顺路: the best order of 2–10 drops in one compound, with a route for each leg. */
export function multiDrop(body: MultiDropRequest, signal?: AbortSignal): Promise<MultiDropAnswer> {
  return request('POST', '/api/v1/routes/multi-drop', { body, signal, quiet401: true, timeoutMs: 20_000 });
}

/** The rules a rider reads before arriving (public): GET /api/v1/compounds/{code}/access. */
export interface AccessSummary {
  mode: 'open' | 'pass' | 'whitelist' | 'drop_off' | 'green_lane';
  opening_hours: string;
  /** The hours in Chinese words; null when they do not parse (then nobody may enter). */
  opening_hours_zh: string | null;
  always_open: boolean;
  open_now: boolean;
  /** How the holiday calendar reads today: workday is an adjusted working day (调休上班). */
  today: 'ordinary' | 'holiday' | 'workday';
  max_stay_minutes: number;
  drop_off_points: Array<{ name: string; description?: string }>;
  green_lane_gates: string[];
}

export function compoundAccess(code: string, signal?: AbortSignal): Promise<AccessSummary> {
  return request('GET', `${compoundPath(code)}/access`, { signal, cache: 'no-cache', quiet401: true, timeoutMs: 15_000 });
}
