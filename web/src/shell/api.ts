/**
 * The youhao JSON API client for the browser: cookie session (same-origin credentials),
 * X-CSRF-Token on state-changing requests, RFC 9457 problems turned into ApiError, and the
 * session calls (login, me, logout). Each feature's own calls live in its folder (`../places/api`,
 * `../reports/api` …) and go through `request` here.
 */

import { getLang } from './i18n';
import { retryAfterSeconds } from './format';
import type { Account, LoginResponse, MeResponse, Problem } from './types';

const CSRF_KEY = 'youhao.csrf';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly detail: string | undefined;
  readonly retryAfter: number | null;
  /** The whole problem document (validation errors may carry per-field details). */
  readonly problem: Problem;

  constructor(status: number, problem: Problem, retryAfter: number | null = null) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem.code;
    this.detail = problem.detail;
    this.retryAfter = retryAfter;
    this.problem = problem;
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

const ACCOUNT_KEY = 'youhao.account';

function localStore(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/**
 * The last account seen, kept so that the pass and gate screens open without the network.
 * The server still decides everything when it is reachable.
 */
export function cachedAccount(): Account | null {
  try {
    const text = localStore()?.getItem(ACCOUNT_KEY);
    return text ? (JSON.parse(text) as Account) : null;
  } catch {
    return null;
  }
}

export function rememberAccount(account: Account | null): void {
  const store = localStore();
  if (!store) return;
  if (account) store.setItem(ACCOUNT_KEY, JSON.stringify(account));
  else store.removeItem(ACCOUNT_KEY);
}

let unauthorizedHandler: (() => void) | null = null;

/** Called when any request other than login answers 401 (the session is gone). */
export function onUnauthorized(handler: () => void): void {
  unauthorizedHandler = handler;
}

export interface RequestOptions {
  body?: unknown;
  /** A non-JSON body (CSV text, image bytes) with its Content-Type. */
  raw?: { body: BodyInit; type: string };
  /** Abort after this many milliseconds (reported as a network failure, status 0). */
  timeoutMs?: number;
  query?: Record<string, string | number | undefined | null>;
  signal?: AbortSignal | undefined;
  /** Don't treat a 401 as "session gone" (the login form itself). */
  quiet401?: boolean;
  /** HTTP cache mode; default no-store. Public maps use no-cache (revalidated with their ETag). */
  cache?: RequestCache;
  /** Told the status of a successful answer (201 created vs 200 repeated). */
  onStatus?: (status: number) => void;
}

/** `/api/v1/compounds/CODE`, the root of a compound's resources (passes and maps both hang off it). */
export const compoundPath = (code: string): string => `/api/v1/compounds/${encodeURIComponent(code)}`;

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value != null && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** One API call: JSON or raw body, CSRF header on writes, 401 → onUnauthorized, problems → ApiError. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  // The server words its answers (a gate's verdict, a refusal's detail) in the page's language.
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': getLang() === 'en' ? 'en' : 'zh-CN' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.raw) headers['Content-Type'] = options.raw.type;
  if (method !== 'GET' && method !== 'HEAD') {
    const csrf = getCsrf();
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }
  let response: Response;
  let signal = options.signal ?? null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timedOut = false;
  if (options.timeoutMs) {
    const timeout = new AbortController();
    timer = setTimeout(() => {
      timedOut = true;
      timeout.abort();
    }, options.timeoutMs);
    options.signal?.addEventListener('abort', () => timeout.abort());
    signal = timeout.signal;
  }
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body: options.raw ? options.raw.body : options.body === undefined ? null : JSON.stringify(options.body),
      credentials: 'same-origin',
      cache: options.cache ?? 'no-store',
      signal,
    });
  } catch (error) {
    if (isAbort(error) && !timedOut) throw error;
    throw new ApiError(0, { code: 'network', detail: String(error) });
  } finally {
    clearTimeout(timer);
  }
  if (response.ok) options.onStatus?.(response.status);
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('Content-Type') ?? '';
  let payload: unknown = null;
  if (type.includes('json')) {
    try {
      payload = await response.json();
    } catch (error) {
      // Leaving the page while the body arrives aborts the read: that is not an empty answer.
      if (isAbort(error) && !timedOut) throw error;
      payload = null;
    }
  }
  if (!response.ok) {
    const problem: Problem = (payload && typeof payload === 'object' ? payload : {}) as Problem;
    const error = new ApiError(response.status, problem, retryAfterSeconds(response.headers.get('Retry-After')));
    if (response.status === 401 && !options.quiet401) {
      setCsrf(null);
      rememberAccount(null);
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
  rememberAccount(result.account);
  return result;
}

/** The caller's account; refreshes the CSRF token kept for this tab. */
export async function me(signal?: AbortSignal, quiet401 = false): Promise<MeResponse> {
  const result = await request<MeResponse>('GET', '/api/v1/me', { signal, quiet401 });
  if (result.csrf_token) setCsrf(result.csrf_token);
  rememberAccount(result.account);
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
    rememberAccount(null);
  }
}
