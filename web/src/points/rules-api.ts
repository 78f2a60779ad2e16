/**
 * The earning-rule calls (积分规则): the rules in force for an area with where each comes from
 * (GET /api/v1/points/rules), an area's override of one trigger (PUT /api/v1/points/rules/{trigger})
 * and its removal, back to the parent's rule (DELETE).
 */

import { request } from '../shell/api';

export const TRIGGERS = ['report_confirmed', 'grid_month', 'event_attended', 'volunteer_hour', 'training_finished', 'honour'] as const;
export type Trigger = (typeof TRIGGERS)[number];

export interface EarningRule {
  id: number;
  points: number;
  pool: { id: number; name: string; balance: number };
  /** Points a day from this trigger; null: no cap. */
  daily_cap: number | null;
  monthly_cap: number | null;
  active: boolean;
}

export interface RuleLine {
  trigger: Trigger | string;
  /** Set for the area looked at itself. */
  own: boolean;
  /** The rule in force; null: none, no points for it here. */
  rule: EarningRule | null;
  /** Where the rule in force is set: "city" or an area. */
  from: { area_code: string; name: string } | null;
}

export interface RuleList {
  /** "city" for the city's defaults. */
  area: { code: string; name: string };
  rules: RuleLine[];
}

export interface RuleInput {
  points: number;
  daily_cap: number | null;
  monthly_cap: number | null;
  active: boolean;
  area_code?: string;
}

export function listRules(area: string | null, signal?: AbortSignal): Promise<RuleList> {
  return request<RuleList>('GET', '/api/v1/points/rules', { query: { area_code: area ?? undefined }, signal });
}

export function setRule(trigger: string, body: RuleInput): Promise<RuleList> {
  return request<RuleList>('PUT', `/api/v1/points/rules/${encodeURIComponent(trigger)}`, { body });
}

export function removeRule(trigger: string, area: string | null): Promise<RuleList> {
  return request<RuleList>('DELETE', `/api/v1/points/rules/${encodeURIComponent(trigger)}`, { query: { area_code: area ?? undefined } });
}
