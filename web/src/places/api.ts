/** The friendly-places calls (docs/places.md): nearby search, a place, check-in, keepers' places, review, coverage. */

import { request } from '../shell/api';
import type { CheckinAnswer, Coverage, NearbyAnswer, Place, PlaceBody, PlaceRoute, PlanAnswer, PlanRequest, ReviewPlace, Visits } from './model';

const placePath = (id: number): string => `/api/v1/places/${id}`;

/** `query` from places/model nearbyQuery(): lat, lon, kind, amenity, open_now, at, limit, profile. */
export function nearbyPlaces(query: Record<string, string>, signal?: AbortSignal): Promise<NearbyAnswer> {
  return request('GET', '/api/v1/places/nearby', { query, signal, quiet401: true, timeoutMs: 15_000 });
}

export function place(id: number, signal?: AbortSignal): Promise<Place> {
  return request('GET', placePath(id), { signal, quiet401: true, timeoutMs: 15_000 });
}

export function placeRoute(id: number, lat: number, lon: number, profile = 'ride', signal?: AbortSignal): Promise<PlaceRoute> {
  return request('GET', `${placePath(id)}/route`, { query: { lat, lon, profile }, signal, quiet401: true, timeoutMs: 15_000 });
}

/** Checks in (201); a repeat within 10 minutes answers 200 with the same counts (`repeated`). */
export async function checkin(id: number): Promise<CheckinAnswer & { repeated: boolean }> {
  let status = 0;
  const answer = await request<CheckinAnswer>('POST', `${placePath(id)}/checkins`, { onStatus: (s) => (status = s), quiet401: true, timeoutMs: 15_000 });
  return { ...answer, repeated: status === 200 };
}

export function myPlaces(signal?: AbortSignal): Promise<{ places: Place[] }> {
  return request('GET', '/api/v1/places/mine', { signal });
}

export function createPlace(body: PlaceBody): Promise<Place> {
  return request('POST', '/api/v1/places', { body });
}

export function updatePlace(id: number, body: PlaceBody): Promise<Place> {
  return request('PUT', placePath(id), { body });
}

/** A photo of the place (JPEG, PNG or WebP, at most 5 MiB); the server strips its metadata. */
export function uploadPlacePhoto(id: number, photo: Blob): Promise<{ url: string }> {
  return request('POST', `${placePath(id)}/photos`, { raw: { body: photo, type: photo.type || 'application/octet-stream' }, timeoutMs: 120_000 });
}

export function placeVisits(id: number, days = 30, signal?: AbortSignal): Promise<Visits> {
  return request('GET', `${placePath(id)}/visits`, { query: { days }, signal });
}

export function placesInArea(params: { area: string; status: string; kind?: string; limit?: number; offset?: number }, signal?: AbortSignal): Promise<{ places: ReviewPlace[]; total: number }> {
  return request('GET', '/api/v1/places', { query: { ...params }, signal });
}

export function reviewPlace(id: number, decision: 'approve' | 'reject', note: string): Promise<Place> {
  return request('POST', `${placePath(id)}/review`, { body: { decision, note } });
}

export function coverage(area: string, minutes: number, hour: number, signal?: AbortSignal): Promise<Coverage> {
  return request('GET', '/api/v1/coverage', { query: { area, minutes, hour }, signal, timeoutMs: 60_000 });
}

export function coveragePlan(body: PlanRequest, signal?: AbortSignal): Promise<PlanAnswer> {
  return request('POST', '/api/v1/coverage/plan', { body, signal, timeoutMs: 120_000 });
}
