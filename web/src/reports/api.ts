/** The worker reports' calls (docs/reports.md): photos, reports, their actions and live events, the acceptance rules. */

import { request } from '../shell/api';
import type { AcceptancePreview, AcceptanceRule, RuleBody, RulesAnswer } from './acceptance';
import type { ActionBody, CreateBody, PhotoUpload, Report, ReportList } from './model';

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
