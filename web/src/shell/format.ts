/** Pure helpers: role groups, labels, dates, Retry-After, problem messages. */

import { dictionaries, getLang, t, tMaybe, type Lang, type MessageKey } from './i18n';
import type { Account, Area, Role } from './types';

export type RoleGroup = 'worker' | 'compound' | 'place' | 'officer';

const OFFICER_ROLES: readonly Role[] = [
  'grid_officer',
  'community_officer',
  'street_officer',
  'district_officer',
  'city_officer',
  'admin',
];

/** Which home screen a role gets. */
export function roleGroup(role: Role | string): RoleGroup {
  if (role === 'worker') return 'worker';
  if (role === 'guard' || role === 'property_manager') return 'compound';
  if (role === 'station_keeper' || role === 'merchant' || role === 'sponsor' || role === 'union_staff') return 'place';
  if ((OFFICER_ROLES as readonly string[]).includes(role)) return 'officer';
  return 'place';
}

export function isOfficer(role: Role | string): boolean {
  return (OFFICER_ROLES as readonly string[]).includes(role);
}

/** Guards and property managers work at one compound's gates. */
export function isCompoundStaff(role: Role | string): boolean {
  return role === 'guard' || role === 'property_manager';
}

/** Who works the report queue (#/reports): officers, station keepers and property managers. */
export function isReportStaff(role: Role | string): boolean {
  return isOfficer(role) || role === 'station_keeper' || role === 'property_manager';
}

/** Officers and station keepers may list workers. */
export function canListWorkers(role: Role | string): boolean {
  return isOfficer(role) || role === 'station_keeper';
}

/** The role label: the server's Chinese label in Chinese, the dictionary otherwise. */
export function roleLabel(account: Pick<Account, 'role' | 'role_label_zh'>, lang: Lang = getLang()): string {
  const key = `role.${account.role}` as MessageKey;
  if (lang === 'zh' && account.role_label_zh) return account.role_label_zh;
  return dictionaries[lang][key] ?? account.role_label_zh ?? account.role;
}

/**
 * The area's name in the language. English falls back to the Chinese name when the English one is
 * missing or only a placeholder built from the code (e.g. "Community 110108011001").
 */
export function areaName(area: (Pick<Area, 'name_zh' | 'name_en'> & { code?: string }) | null | undefined, lang: Lang = getLang()): string {
  if (!area) return '';
  const placeholder = !!area.code && !!area.name_en && area.name_en.includes(area.code);
  if (lang === 'en' && area.name_en && !placeholder) return area.name_en;
  return area.name_zh || area.name_en || '';
}

export function levelLabel(level: string): string {
  return tMaybe(`level.${level}`, level);
}

export function kindLabel(kind: string): string {
  return tMaybe(`kind.${kind}`, kind);
}

export function statusLabel(status: string): string {
  return tMaybe(`status.${status}`, status);
}

export function sourceLabel(source: string): string {
  return tMaybe(`source.${source}`, source);
}

export function actionLabel(action: string): string {
  return tMaybe(`action.${action}`, action);
}

/**
 * Seconds to wait from a Retry-After header: either delta-seconds or an HTTP date.
 * Returns null when the header is absent or unusable.
 */
export function retryAfterSeconds(header: string | null | undefined, nowMs: number = Date.now()): number | null {
  if (header == null) return null;
  const text = header.trim();
  if (text === '') return null;
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}

/** Local date and time of a unix-seconds timestamp, e.g. 2025-03-04 09:05. */
export function formatTime(unixSeconds: number): string {
  if (!Number.isFinite(unixSeconds)) return '';
  const date = new Date(unixSeconds * 1000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function greetingKey(hour: number): MessageKey {
  if (hour >= 5 && hour < 11) return 'greeting.morning';
  if (hour >= 11 && hour < 13) return 'greeting.noon';
  if (hour >= 13 && hour < 18) return 'greeting.afternoon';
  return 'greeting.evening';
}

export function pageCount(total: number, limit: number): number {
  return Math.max(1, Math.ceil(Math.max(0, total) / Math.max(1, limit)));
}

/** Is this a masked mainland mobile number as the server shows it (e.g. 138****5678)? */
export function isMaskedPhone(text: string): boolean {
  return /^1\d{2}\*{4}\d{4}$/.test(text);
}

/** Coordinates shown to 5 decimals (about a metre). */
export function formatCoordinates(lat: number | null | undefined, lon: number | null | undefined): string {
  if (typeof lat !== 'number' || typeof lon !== 'number') return '—';
  return `${lat.toFixed(5)}, ${lon.toFixed(5)}`;
}

/** "登录失败次数过多。请 N 秒后再试" */
export function rateLimitMessage(seconds: number): string {
  return `${t('login.tooMany')}${getLang() === 'en' ? ' ' : ''}${t('login.retryIn', { seconds })}`;
}

export interface ProblemLike {
  status: number;
  code?: string | undefined;
  detail?: string | undefined;
  retryAfter?: number | null | undefined;
}

/**
 * The message shown for an API error: a translated message for known codes,
 * otherwise the server's `detail`, otherwise a generic one with the status.
 */
export function problemMessage(problem: ProblemLike): string {
  if (problem.code === 'login_rate_limited' || problem.status === 429) {
    const wait = problem.retryAfter;
    return wait != null && wait > 0 ? rateLimitMessage(wait) : t('error.login_rate_limited');
  }
  if (problem.code) {
    const known = tMaybe(`error.${problem.code}`, '');
    // Validation problems say what is wrong; keep the server's detail after the general message.
    if (known && problem.code === 'validation_failed' && problem.detail) return `${known}${getLang() === 'en' ? ': ' : '：'}${problem.detail}`;
    if (known) return known;
  }
  if (problem.detail) return problem.detail;
  if (problem.status === 0) return t('error.network');
  return t('error.unknown', { status: problem.status });
}

/**
 * Per-field messages from a validation problem, whichever common shape the server uses:
 * `errors: [{field, message}]`, `errors: {field: message}`, or RFC 9457 `invalid_params: [{name, reason}]`.
 */
export function problemFieldErrors(problem: unknown): Array<[string, string]> {
  if (!problem || typeof problem !== 'object') return [];
  const p = problem as Record<string, unknown>;
  const list = p.errors ?? p.invalid_params ?? p.fields;
  const out: Array<[string, string]> = [];
  const text = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : JSON.stringify(v));
  if (Array.isArray(list)) {
    for (const item of list) {
      if (item && typeof item === 'object') {
        const e = item as Record<string, unknown>;
        out.push([text(e.field ?? e.name ?? e.pointer ?? e.path ?? ''), text(e.message ?? e.reason ?? e.detail ?? e.code ?? '')]);
      } else if (typeof item === 'string') out.push(['', item]);
    }
  } else if (list && typeof list === 'object') {
    for (const [field, message] of Object.entries(list)) out.push([field, Array.isArray(message) ? message.map(text).join('; ') : text(message)]);
  }
  return out.filter(([, m]) => m);
}
