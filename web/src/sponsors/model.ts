/** The sponsor and drive pages' rules without the DOM: who may do what, and numbers read from form fields. */

import type { DropPoint } from './api';

export const RECIPIENT_KINDS = ['worker_child', 'worker_family', 'reading_corner', 'other'] as const;

/** City officers and administrators confirm or decline pledges (the server's MayDecidePledges). */
export function mayDecidePledges(role: string): boolean {
  return role === 'city_officer' || role === 'admin';
}

const OFFICERS = ['grid_officer', 'community_officer', 'street_officer', 'district_officer', 'city_officer', 'admin'];

/**
 * Whether the form to log items shows at a drop point: its keeper, or an officer (the server also
 * checks that the drop point lies in the officer's area).
 */
export function mayLogAt(point: Pick<DropPoint, 'keeper_account_id'>, account: { id: number; role: string }): boolean {
  return point.keeper_account_id === account.id || OFFICERS.includes(account.role);
}

/** A whole positive count typed by a person ("30", " 12 ", "１２"), or null. */
export function parseCount(text: string, max = 100_000): number | null {
  const ascii = text.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (!/^\d{1,9}$/.test(ascii)) return null;
  const value = Number(ascii);
  return value >= 1 && value <= max ? value : null;
}

/** The width of a progress bar in percent: toward the goal, or (without one) collected against handed out. */
export function barPercent(collected: number, handedOut: number, goal: number | null): number {
  if (goal && goal > 0) return Math.max(0, Math.min(100, Math.floor((collected * 100) / goal)));
  if (collected <= 0) return 0;
  return Math.max(0, Math.min(100, Math.floor((handedOut * 100) / collected)));
}
