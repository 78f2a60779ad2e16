/** Pure helpers of the volunteer pages: hours in words' numbers, the bounds of a logged entry (as the server checks them). */

import { beijingDate, beijingDayStart } from '../shell/beijing';

export const MIN_MINUTES = 1;
export const MAX_MINUTES = 720;
export const MAX_AGE_DAYS = 60;

export const APPOINTMENT_KINDS = ['food_safety_supervisor', 'grid_reporter', 'volunteer_leader', 'traffic_safety_advocate', 'union_liaison'] as const;

/** Minutes as hours with one decimal: 150 → "2.5", 120 → "2". */
export function hoursText(minutes: number): string {
  const tenths = Math.round((minutes * 10) / 60);
  return tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1);
}

/** The days a worker may log, as date-input bounds: from 60 days back to today (Beijing). */
export function dayBounds(nowSeconds: number): { min: string; max: string } {
  return { min: beijingDate(nowSeconds - MAX_AGE_DAYS * 86_400), max: beijingDate(nowSeconds) };
}

/** What the server would refuse in an entry ('' when nothing): 'minutes', 'day', 'future', 'too_old'. */
export function entryProblem(minutes: number, day: string, nowSeconds: number): '' | 'minutes' | 'day' | 'future' | 'too_old' {
  if (!Number.isInteger(minutes) || minutes < MIN_MINUTES || minutes > MAX_MINUTES) return 'minutes';
  const start = beijingDayStart(day);
  if (start === null) return 'day';
  const today = beijingDayStart(beijingDate(nowSeconds))!;
  if (start > today) return 'future';
  if ((today - start) / 86_400 > MAX_AGE_DAYS) return 'too_old';
  return '';
}

export function statusTone(status: string): 'ok' | 'warn' | 'bad' | 'muted' {
  if (status === 'approved' || status === 'active') return 'ok';
  if (status === 'pending') return 'warn';
  if (status === 'rejected' || status === 'revoked') return 'bad';
  return 'muted';
}
