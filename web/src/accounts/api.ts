/**
 * The accounts' calls: the home screen, areas, the compound and worker registries, the audit log,
 * rider registration and a worker's own record and photo, status changes and roster import.
 */

import { request, rememberAccount, setCsrf } from '../shell/api';
import type {
  AreaResponse,
  AuditEntry,
  CommunityChoice,
  CompoundSummary,
  HomeResponse,
  LoginResponse,
  MyWorker,
  Page,
  RegisterOptions,
  RegisterRequest,
  RosterResult,
  StatusHistoryItem,
  WorkerSummary,
  CodeSent,
} from '../shell/types';

export function home(signal?: AbortSignal): Promise<HomeResponse> {
  return request<HomeResponse>('GET', '/api/v1/home', { signal });
}

export function area(code: string, signal?: AbortSignal): Promise<AreaResponse> {
  return request<AreaResponse>('GET', `/api/v1/areas/${encodeURIComponent(code)}`, { signal });
}

export interface ListParams {
  area?: string;
  q?: string;
  status?: string;
  /** 'oldest': oldest registration first (the verification inbox). */
  order?: 'oldest';
  limit?: number;
  offset?: number;
}

export function compounds(params: ListParams, signal?: AbortSignal): Promise<Page<CompoundSummary>> {
  return request<Page<CompoundSummary>>('GET', '/api/v1/compounds', { query: { ...params }, signal });
}

export function workers(params: ListParams, signal?: AbortSignal): Promise<Page<WorkerSummary>> {
  return request<Page<WorkerSummary>>('GET', '/api/v1/workers', { query: { ...params }, signal });
}

export function audit(limit: number, signal?: AbortSignal): Promise<{ items: AuditEntry[] }> {
  return request<{ items: AuditEntry[] }>('GET', '/api/v1/audit', { query: { limit }, signal });
}

// ---------------------------------------------------------------------------------------------
// Registration and workers (docs/passes.md)

export function registerOptions(signal?: AbortSignal): Promise<RegisterOptions> {
  return request<RegisterOptions>('GET', '/api/v1/register/options', { signal, quiet401: true });
}

/** Signs in with the one-time code sent to the phone that is the login (not slowed by failed passwords). */
export async function loginWithCode(phone: string, code: string): Promise<LoginResponse> {
  const result = await request<LoginResponse>('POST', '/api/v1/session', { body: { login: phone, code }, quiet401: true });
  setCsrf(result.csrf_token);
  rememberAccount(result.account);
  return result;
}

/** Communities a rider of `depotId` may choose, the suggestion first; with `q`, the city's communities by name. */
export function registerCommunities(depotId: number, q = '', signal?: AbortSignal): Promise<{ items: CommunityChoice[] }> {
  return request<{ items: CommunityChoice[] }>('GET', '/api/v1/register/communities', { query: { depot_id: depotId, q: q || undefined }, signal, quiet401: true });
}

export function requestCode(phone: string): Promise<CodeSent> {
  return request<CodeSent>('POST', '/api/v1/register/code', { body: { phone }, quiet401: true });
}

export async function register(body: RegisterRequest): Promise<LoginResponse> {
  const result = await request<LoginResponse>('POST', '/api/v1/register', { body, quiet401: true });
  setCsrf(result.csrf_token);
  rememberAccount(result.account);
  return result;
}

export function myWorker(signal?: AbortSignal): Promise<MyWorker> {
  return request<MyWorker>('GET', '/api/v1/workers/me', { signal });
}

export function uploadPhoto(photo: Blob): Promise<void> {
  return request<void>('PUT', '/api/v1/workers/me/photo', { raw: { body: photo, type: photo.type || 'image/jpeg' } });
}

export function workerPhotoUrl(id: number): string {
  return `/api/v1/workers/${id}/photo`;
}

export function setWorkerStatus(id: number, status: string, reason: string): Promise<{ worker: WorkerSummary }> {
  return request('POST', `/api/v1/workers/${id}/status`, { body: { status, reason } });
}

export function workerHistory(id: number, signal?: AbortSignal): Promise<{ items: StatusHistoryItem[] }> {
  return request('GET', `/api/v1/workers/${id}/history`, { signal });
}

export function importRoster(csv: string): Promise<RosterResult> {
  return request('POST', '/api/v1/workers/roster', { raw: { body: csv, type: 'text/csv; charset=utf-8' } });
}
