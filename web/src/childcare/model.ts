/** Childcare's pure rules on the client: the form's checks (the server's bounds), the sheet's default day and counts. */

import { beijingDate } from '../shell/beijing';
import type { Child, NewChild } from './api';

export const MAX_GIVEN_NAME = 10;
export const MAX_AGE = 15;
export const MAX_NOTE = 100;

/** Characters as a person counts them (code points, so 小雨 is 2). */
const length = (text: string): number => Array.from(text).length;

export type ChildProblem = 'badName' | 'badAge' | null;

/** The form's values as the body to send, or which field is wrong (the server checks the same bounds). */
export function childBody(name: string, age: string, note: string): { body: NewChild; problem: null } | { body: null; problem: Exclude<ChildProblem, null> } {
  const given = name.trim();
  if (length(given) < 1 || length(given) > MAX_GIVEN_NAME) return { body: null, problem: 'badName' };
  if (!/^\d{1,2}$/.test(age.trim()) || Number(age) > MAX_AGE) return { body: null, problem: 'badAge' };
  const trimmed = note.trim();
  return { body: trimmed ? { given_name: given, age: Number(age), note: trimmed } : { given_name: given, age: Number(age) }, problem: null };
}

/** The day the sheet opens on: today when it is one of the class's days, else its first day (or the last once it is over). */
export function defaultDay(days: string[], nowSeconds: number): string | null {
  if (days.length === 0) return null;
  const today = beijingDate(nowSeconds);
  if (days.includes(today)) return today;
  return today > days[days.length - 1]! ? days[days.length - 1]! : days[0]!;
}

/** How many of `children` are marked present on `day`. */
export function presentOn(children: Child[], day: string): number {
  return children.filter((child) => child.attendance?.[day] === true).length;
}

/** A child's mark on `day`: present, absent or not yet recorded. */
export function markOf(child: Child, day: string): 'here' | 'absent' | 'unmarked' {
  const value = child.attendance?.[day];
  return value === true ? 'here' : value === false ? 'absent' : 'unmarked';
}
