/**
 * The youhao JSON API client for the browser: cookie session (same-origin credentials),
 * X-CSRF-Token on state-changing requests, RFC 9457 problems turned into ApiError.
 */

import { retryAfterSeconds } from './format';
import type {
  AreaResponse,
  AuditEntry,
  CompoundSummary,
  HomeResponse,
  LoginResponse,
  MeResponse,
  Page,
  Problem,
  WorkerSummary,
} from './types';

const CSRF_KEY = 'youhao.csrf';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly detail: string | undefined;
  readonly retryAfter: number | null;

  constructor(status: number, problem: Problem, retryAfter: number | null = null) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem.code;
    this.detail = problem.detail;
    this.retryAfter = retryAfter;
  }
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

function sessionStore(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

let csrfMemory: string | null = null;

export function getCsrf(): string | null {
  return sessionStore()?.getItem(CSRF_KEY) ?? csrfMemory;
}

export function setCsrf(token: string | null): void {
  csrfMemory = token;
  const store = sessionStore();
  if (!store) return;
  if (token) store.setItem(CSRF_KEY, token);
  else store.removeItem(CSRF_KEY);
}

let unauthorizedHandler: (() => void) | null = null;

/** Called when any request other than login answers 401 (the session is gone). */
export function onUnauthorized(handler: () => void): void {
  unauthorizedHandler = handler;
}

interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  signal?: AbortSignal | undefined;
  /** Don't treat a 401 as "session gone" (the login form itself). */
  quiet401?: boolean;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value != null && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') {
    const csrf = getCsrf();
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError(0, { code: 'network', detail: String(error) });
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('Content-Type') ?? '';
  let payload: unknown = null;
  if (type.includes('json')) {
    try {
      payload = await response.json();
    } catch {
      payload = null;
    }
  }
  if (!response.ok) {
    const problem: Problem = (payload && typeof payload === 'object' ? payload : {}) as Problem;
    const error = new ApiError(response.status, problem, retryAfterSeconds(response.headers.get('Retry-After')));
    if (response.status === 401 && !options.quiet401) {
      setCsrf(null);
      unauthorizedHandler?.();
    }
    throw error;
  }
  return payload as T;
}

export async function login(loginName: string, password: string): Promise<LoginResponse> {
  const result = await request<LoginResponse>('POST', '/api/v1/session', {
    body: { login: loginName, password },
    quiet401: true,
  });
  setCsrf(result.csrf_token);
  return result;
}

/** The caller's account; refreshes the CSRF token kept for this tab. */
export async function me(signal?: AbortSignal, quiet401 = false): Promise<MeResponse> {
  const result = await request<MeResponse>('GET', '/api/v1/me', { signal, quiet401 });
  if (result.csrf_token) setCsrf(result.csrf_token);
  return result;
}

/** Ends the session. A missing or stale CSRF token is fetched again from /me once. */
export async function logout(): Promise<void> {
  try {
    if (!getCsrf()) await me(undefined, true);
    try {
      await request<void>('DELETE', '/api/v1/session', { quiet401: true });
    } catch (error) {
      if (error instanceof ApiError && error.status === 403) {
        await me(undefined, true);
        await request<void>('DELETE', '/api/v1/session', { quiet401: true });
      } else {
        throw error;
      }
    }
  } catch (error) {
    // 401: already logged out, which is what we wanted.
    if (!(error instanceof ApiError && error.status === 401)) throw error;
  } finally {
    setCsrf(null);
  }
}

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
