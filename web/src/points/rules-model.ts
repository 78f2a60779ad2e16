/**
 * The earning-rule editor's decisions, without the page: reading the form's numbers the way the
 * server checks them (points 0–10000, caps empty or 1–1,000,000, the daily cap not above the
 * monthly one) and naming where a rule comes from (全市默认, 本级设置, 沿用中关村街道).
 */

import type { RuleLine } from './rules-api';

export const MAX_RULE_POINTS = 10_000;
export const MAX_RULE_CAP = 1_000_000;

export type RuleForm = { points: number; daily_cap: number | null; monthly_cap: number | null };
export type RuleFormProblem = 'points' | 'cap';

function wholeNumber(text: string): number | null {
  const plain = text.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  return /^\d{1,9}$/.test(plain) ? Number(plain) : null;
}

/** The form's three fields as the server takes them, or which one is wrong. */
export function readRuleForm(points: string, daily: string, monthly: string): RuleForm | RuleFormProblem {
  const value = wholeNumber(points);
  if (value === null || value > MAX_RULE_POINTS) return 'points';
  const cap = (text: string): number | null | 'bad' => {
    if (!text.trim()) return null;
    const n = wholeNumber(text);
    return n === null || n < 1 || n > MAX_RULE_CAP ? 'bad' : n;
  };
  const day = cap(daily);
  const month = cap(monthly);
  if (day === 'bad' || month === 'bad') return 'cap';
  if (day !== null && month !== null && day > month) return 'cap';
  return { points: value, daily_cap: day, monthly_cap: month };
}

export type RuleSource = { kind: 'city' } | { kind: 'own' } | { kind: 'parent'; name: string } | { kind: 'none' };

/** Where a line's rule comes from, as the page says it. */
export function ruleSource(line: RuleLine): RuleSource {
  if (!line.rule || !line.from) return { kind: 'none' };
  if (line.own) return { kind: 'own' };
  if (line.from.area_code === 'city') return { kind: 'city' };
  return { kind: 'parent', name: line.from.name || line.from.area_code };
}

/** Whether the area looked at may drop its own rule (an override; never the city's default). */
export function mayReset(line: RuleLine, area: string): boolean {
  return line.own && area !== 'city';
}
