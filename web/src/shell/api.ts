/**
 * The youhao JSON API client for the browser: cookie session (same-origin credentials),
 * X-CSRF-Token on state-changing requests, RFC 9457 problems turned into ApiError.
 */

import { retryAfterSeconds } from './format';
import type { CompoundMapDoc, HistoryItem, MapFeature, ParseAnswer, RouteAnswer } from '../maps/geo';
import type { MultiDropAnswer, MultiDropRequest } from '../maps/multidrop';
import type { AcceptancePreview, AcceptanceRule, RuleBody, RulesAnswer } from '../reports/acceptance';
import type { ActionBody, CreateBody, PhotoUpload, Report, ReportList } from '../reports/model';
import type { CheckinAnswer, Coverage, NearbyAnswer, Place, PlaceBody, PlaceRoute, PlanAnswer, PlanRequest, ReviewPlace, Visits } from '../places/model';
import type { GateEvent, UploadAnswer } from '../passes/queue';
import type { AccessPlan, Gate, SyncResponse } from '../passes/sync';
import type {
  Account,
  AreaResponse,
  AuditEntry,
  CompoundSummary,
  Friendliness,
  GateEventRow,
  HomeResponse,
  InsideResponse,
  LoginResponse,
  MeResponse,
  MyWorker,
  Page,
  PlanHistoryItem,
  Problem,
  RegisterOptions,
  RegisterRequest,
  RosterResult,
  StatusHistoryItem,
  VerifyResponse,
  WhitelistEntry,
  WorkerSummary,
} from './types';

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

interface RequestOptions {
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

// ---------------------------------------------------------------------------------------------
// Registration, workers, entry passes, gates, access plans (docs/passes.md)

export function registerOptions(signal?: AbortSignal): Promise<RegisterOptions> {
  return request<RegisterOptions>('GET', '/api/v1/register/options', { signal, quiet401: true });
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

export interface IssuedPass {
  pass_id: number;
  key_id: number;
  expires_at: number;
  credential: string;
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

const compoundPath = (code: string): string => `/api/v1/compounds/${encodeURIComponent(code)}`;

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

export function whitelistAdd(code: string, workerId: number): Promise<unknown> {
  return request('POST', `${compoundPath(code)}/whitelist`, { body: { worker_id: workerId } });
}

export function whitelistRemove(code: string, workerId: number): Promise<unknown> {
  return request('DELETE', `${compoundPath(code)}/whitelist/${workerId}`);
}

export function sendFeedback(code: string, body: { rating: number; unfair: boolean; comment: string }): Promise<unknown> {
  return request('POST', `${compoundPath(code)}/feedback`, { body });
}

export function friendliness(code: string, signal?: AbortSignal): Promise<Friendliness> {
  return request('GET', `${compoundPath(code)}/friendliness`, { signal });
}

// ---------------------------------------------------------------------------------------------
// Compound maps, addresses and routes (docs/maps.md). Writes carry the version they were based on.

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

// ---------------------------------------------------------------------------------------------
// Friendly places, nearby search and coverage (docs/places.md)

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

// ---------------------------------------------------------------------------------------------
// Worker reports and the governance chain (docs/reports.md)

const reportPath = (id: number): string => `/api/v1/reports/${id}`;

/** A report photo as the raw body (JPEG, PNG or WebP, ≤ 8 MiB); the server strips its metadata. */
export function uploadReportPhoto(photo: Blob, type?: string): Promise<PhotoUpload> {
  return request('POST', '/api/v1/report-photos', { raw: { body: photo, type: type || photo.type || 'application/octet-stream' }, timeoutMs: 120_000 });
}

/** POST /reports: 201 the report; 200 when it joined another ("me too") or repeated a client_id. */
export function createReport(body: CreateBody): Promise<Report> {
  return request('POST', '/api/v1/reports', { body, timeoutMs: 30_000 });
}

export function myReports(signal?: AbortSignal, cursor?: string | null): Promise<ReportList> {
  return request('GET', '/api/v1/reports', { query: { mine: 1, cursor: cursor ?? undefined }, signal });
}

export function reportsInArea(query: Record<string, string | number | undefined>, signal?: AbortSignal): Promise<ReportList> {
  return request('GET', '/api/v1/reports', { query, signal });
}

export function report(id: number, signal?: AbortSignal): Promise<Report> {
  return request('GET', reportPath(id), { signal });
}

export function reportAction(id: number, body: ActionBody): Promise<Report> {
  return request('POST', `${reportPath(id)}/actions`, { body });
}

export const reportEventsUrl = (id: number): string => `${reportPath(id)}/events`;

// ---------------------------------------------------------------------------------------------
// Roaming grid reporters, platform conduct and notifications

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
  report_id: number;
  message: string;
  at: string;
  read: boolean;
}

export function notifications(unreadOnly = false, signal?: AbortSignal): Promise<{ unread: number; items: Notification[] }> {
  return request('GET', '/api/v1/notifications', { query: { unread: unreadOnly ? 'true' : undefined }, signal });
}

export function markNotificationsRead(upTo?: number): Promise<{ marked: number }> {
  return request('POST', '/api/v1/notifications/read', { body: upTo == null ? {} : { up_to: upTo } });
}

// ---------------------------------------------------------------------------------------------
// Acceptance rules (受理规则): who accepts a new report, per area and category

export function acceptanceRules(area: string | undefined, signal?: AbortSignal): Promise<RulesAnswer> {
  return request('GET', '/api/v1/acceptance-rules', { query: { area }, signal });
}

export function setAcceptanceRule(body: RuleBody): Promise<AcceptanceRule> {
  return request('POST', '/api/v1/acceptance-rules', { body });
}

export function removeAcceptanceRule(id: number): Promise<void> {
  return request('DELETE', `/api/v1/acceptance-rules/${id}`);
}

export function previewAcceptance(lat: number, lon: number, category: string, signal?: AbortSignal): Promise<AcceptancePreview> {
  return request('GET', '/api/v1/acceptance-rules/preview', { query: { lat, lon, category }, signal });
}
