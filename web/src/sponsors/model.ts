/** The sponsor and drive pages' rules without the DOM: who may do what, and numbers read from form fields. */

import type { AreaAccount, DriveInput, DropPoint, SponsorKind } from './api';
import { beijingDate, beijingDayStart } from '../shell/beijing';

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

export const SPONSOR_KINDS: readonly SponsorKind[] = ['company', 'alliance', 'merchant', 'other'];

/** Who creates sponsors: street officers and above (the server's MayCreateSponsors). */
export function mayCreateSponsors(role: string): boolean {
  return role === 'street_officer' || role === 'district_officer' || role === 'city_officer' || role === 'admin';
}

/** Who links a sponsor-role account to its sponsor: community officers and above (MayLinkMembers). */
export function mayLinkMembers(role: string): boolean {
  return role === 'community_officer' || mayCreateSponsors(role);
}

/** Who starts a drive: officers above the grid (the server's DriveService::Create). */
export function mayCreateDrives(role: string): boolean {
  return OFFICERS.includes(role) && role !== 'grid_officer';
}

/** The accounts that may be added to a sponsor: role sponsor, not yet its members, by name. */
export function memberCandidates(accounts: AreaAccount[], memberIds: number[]): AreaAccount[] {
  return accounts
    .filter((account) => account.role === 'sponsor' && !memberIds.includes(account.id))
    .sort((a, b) => a.display_name.localeCompare(b.display_name, 'zh-CN') || a.login.localeCompare(b.login));
}

export { beijingDayStart };

export interface DriveFields {
  title: string;
  story: string;
  collects: string;
  goal: string;
  from: string;
  to: string;
  dropPoints: number[];
}

export type DriveProblem = 'drive.missingTitle' | 'drive.missingCollects' | 'drive.badGoal' | 'drive.badDates' | 'drive.noPoints';

/**
 * The body of POST /drives from the form, or the first problem: a title, what is collected, an
 * optional whole goal, a first and a last day (Beijing; the drive ends when the last day does),
 * and 1 to 20 drop points.
 */
export function driveInputOf(fields: DriveFields): { input: DriveInput } | { problem: DriveProblem } {
  const title = fields.title.trim();
  const collects = fields.collects.trim();
  if (!title) return { problem: 'drive.missingTitle' };
  if (!collects) return { problem: 'drive.missingCollects' };
  let goal: number | null = null;
  if (fields.goal.trim()) {
    goal = parseCount(fields.goal, 10_000_000);
    if (goal === null) return { problem: 'drive.badGoal' };
  }
  const start = beijingDayStart(fields.from);
  const lastDay = beijingDayStart(fields.to);
  if (start === null || lastDay === null || lastDay < start) return { problem: 'drive.badDates' };
  const points = [...new Set(fields.dropPoints)];
  if (points.length < 1 || points.length > 20) return { problem: 'drive.noPoints' };
  return { input: { title, story: fields.story.trim(), collects, goal, starts_at: start, ends_at: lastDay + 86_400, drop_point_ids: points } };
}

/** Today in Beijing as YYYY-MM-DD (the default first day of a new drive). */
export function beijingToday(nowMs: number = Date.now()): string {
  return beijingDate(nowMs / 1000);
}
