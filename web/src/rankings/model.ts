/**
 * Pure helpers of the rating sheet and the lists: whether the sheet is complete, the answers as
 * the API takes them, months as the lists page walks them, and a score as people read it.
 */

import type { RatingInput, WaitBucket } from './api';
import { beijingMonth, shiftMonth } from '../shell/beijing';

export const WAITS: readonly WaitBucket[] = ['under_5', '5_10', '10_20', 'over_20'];
export const MAX_COMMENT = 140;

export interface Sheet {
  wait: WaitBucket | null;
  placeToWait: boolean | null;
  respect: number | null;
  comment: string;
}

export const emptySheet = (): Sheet => ({ wait: null, placeToWait: null, respect: null, comment: '' });

/** The sheet as the API takes it, or null while a question is unanswered. */
export function ratingInput(sheet: Sheet): RatingInput | null {
  if (sheet.wait === null || sheet.placeToWait === null || sheet.respect === null) return null;
  const comment = sheet.comment.trim();
  return { wait: sheet.wait, place_to_wait: sheet.placeToWait, respect: sheet.respect, ...(comment ? { comment: [...comment].slice(0, MAX_COMMENT).join('') } : {}) };
}

export { beijingMonth, shiftMonth };

export const isMonth = (text: string | null | undefined): text is string => !!text && /^\d{4}-(0[1-9]|1[0-2])$/.test(text);

/** A score as shown: one decimal, no trailing ".0" (86.0 → "86", 84.4 → "84.4"). */
export function scoreText(score: number): string {
  return Number.isInteger(score) ? String(score) : score.toFixed(1);
}

/** A share 0..1 as a whole percent ("67%"). */
export const percentText = (share: number): string => `${Math.round(share * 100)}%`;

/** Roles that may publish a list (street officers and above; the server decides). */
export const mayPublish = (role: string): boolean => ['street_officer', 'district_officer', 'city_officer', 'admin'].includes(role);

/** Place kinds riders rate for their hand-over. */
export const ratedKind = (kind: string): boolean => kind === 'merchant' || kind === 'canteen';
