/**
 * The entry-pass calls (docs/passes.md): passes, the gate's sync, verification and event upload,
 * a compound's gates, access plan, whitelist, ratings and friendliness.
 */

import { compoundPath, request } from '../shell/api';
import type { Friendliness, GateEventRow, InsideResponse, PlanHistoryItem, VerifyResponse, WhitelistEntry } from '../shell/types';
import type { GateEvent, UploadAnswer } from './queue';
import type { AccessPlan, Gate, SyncResponse } from './sync';

export interface IssuedPass {
  pass_id: number;
  key_id: number;
  expires_at: number;
  credential: string;
  /** The digit code's secret (32 bytes, base64url; docs/passes.md); absent from older servers. */
  short_code_secret?: string;
}

export function issuePass(devicePublicKey: string): Promise<IssuedPass> {
  return request('POST', '/api/v1/passes', { body: { device_public_key: devicePublicKey } });
}

export function revokePass(id: number): Promise<void> {
  return request('DELETE', `/api/v1/passes/${id}`);
}

export function gateSync(compound: string, since: number | string | null, signal?: AbortSignal): Promise<SyncResponse> {
  return request('GET', '/api/v1/gate/sync', { query: { compound, since: since ?? undefined }, signal, timeoutMs: 8000 });
}

export function gateVerify(body: { compound: string; gate: number; code: string; direction: 'in' | 'out' }, timeoutMs = 2500): Promise<VerifyResponse> {
  return request('POST', '/api/v1/gate/verify', { body, timeoutMs });
}

export function uploadGateEvents(events: GateEvent[]): Promise<UploadAnswer> {
  // `name` is for the gate's own list only.
  const body = events.map(({ name: _name, ...event }) => event);
  return request('POST', '/api/v1/gate/events', { body: { events: body }, timeoutMs: 10_000 });
}

export function gateInside(compound: string, signal?: AbortSignal): Promise<InsideResponse> {
  return request('GET', '/api/v1/gate/inside', { query: { compound }, signal });
}

export function gateEvents(compound: string, limit = 50, signal?: AbortSignal): Promise<{ items: GateEventRow[] }> {
  return request('GET', '/api/v1/gate/events', { query: { compound, limit }, signal });
}

export function compoundGates(code: string, signal?: AbortSignal): Promise<{ items: Gate[] }> {
  return request('GET', `${compoundPath(code)}/gates`, { signal });
}

export function accessPlan(code: string, signal?: AbortSignal): Promise<AccessPlan> {
  return request('GET', `${compoundPath(code)}/access-plan`, { signal });
}

export function saveAccessPlan(code: string, plan: Partial<AccessPlan>): Promise<AccessPlan> {
  return request('PUT', `${compoundPath(code)}/access-plan`, { body: plan });
}

export function accessPlanHistory(code: string, signal?: AbortSignal): Promise<{ items: PlanHistoryItem[] }> {
  return request('GET', `${compoundPath(code)}/access-plan/history`, { signal });
}

export function whitelist(code: string, signal?: AbortSignal): Promise<{ items: WhitelistEntry[] }> {
  return request('GET', `${compoundPath(code)}/whitelist`, { signal });
}

export function whitelistCsvUrl(code: string): string {
  return `${compoundPath(code)}/whitelist?format=csv`;
}

/** A rider found for the whitelist by name or whole phone number (phone masked). */
export interface WhitelistCandidate {
  worker_id: number;
  name: string;
  platform: string;
  kind: string;
  phone_masked: string;
  on_whitelist: boolean;
}

export function whitelistCandidates(code: string, q: string, signal?: AbortSignal): Promise<{ items: WhitelistCandidate[] }> {
  return request('GET', `${compoundPath(code)}/whitelist/candidates`, { query: { q }, signal });
}

export function whitelistAdd(code: string, workerId: number): Promise<unknown> {
  return request('POST', `${compoundPath(code)}/whitelist`, { body: { worker_id: workerId } });
}

export function whitelistRemove(code: string, workerId: number): Promise<unknown> {
  return request('DELETE', `${compoundPath(code)}/whitelist/${workerId}`);
}

/** One rating per compound a month: `replaced` says this month's earlier rating was replaced. */
export function sendFeedback(code: string, body: { rating: number; unfair: boolean; comment: string }): Promise<{ month?: string; replaced?: boolean }> {
  return request('POST', `${compoundPath(code)}/feedback`, { body });
}

export function friendliness(code: string, signal?: AbortSignal): Promise<Friendliness> {
  return request('GET', `${compoundPath(code)}/friendliness`, { signal });
}
