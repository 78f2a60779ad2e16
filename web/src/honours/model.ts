/** The honours pages' decisions, without the DOM: the evidence lines, a vote button's state, the next stage, dates. */

import type { CampaignView, Evidence, MyHonour, Stage } from './api';
import { beijingDate, beijingDayStart } from '../shell/beijing';

export const STAGES: Stage[] = ['nominating', 'reviewing', 'voting', 'announced'];
export const KINDS = ['best_rider', 'best_courier', 'skills_champion', 'grid_reporter'] as const;

/** The evidence worth a line, in a fixed order: grid months only when there are some. */
export function evidenceLines(evidence: Evidence): Array<[keyof Evidence, number]> {
  const order: Array<keyof Evidence> = ['confirmed_reports', 'points_earned', 'service_days', 'grid_months', 'misconduct_records'];
  const lines: Array<[keyof Evidence, number]> = [];
  for (const key of order) {
    const value = evidence[key];
    if (typeof value !== 'number') continue;
    if (key === 'grid_months' && value === 0) continue;
    lines.push([key, value]);
  }
  return lines;
}

export type VoteState = 'closed' | 'login' | 'voted' | 'vote' | 'used';

/** What a nominee's 投票 button shows for the caller. */
export function voteState(view: CampaignView, nominationId: number, signedIn: boolean): VoteState {
  if (view.campaign.stage !== 'voting') return 'closed';
  if (!signedIn) return 'login';
  if (view.my_votes.includes(nominationId)) return 'voted';
  return (view.votes_left ?? 0) > 0 ? 'vote' : 'used';
}

export function nextStage(stage: Stage): Stage | null {
  const at = STAGES.indexOf(stage);
  return at >= 0 && at < STAGES.length - 1 ? STAGES[at + 1]! : null;
}

export { beijingDate };

/** The end (23:59:59) of a Beijing date typed as "YYYY-MM-DD", in Unix seconds; null when unreadable. */
export function endOfBeijingDay(date: string): number | null {
  const start = beijingDayStart(date);
  return start === null ? null : start + 86_399;
}

/** A certificate serial's shape (YH-campaign-nomination-six digits). */
export function isSerial(text: string): boolean {
  return /^YH-\d{1,12}-\d{1,12}-\d{6}$/.test(text);
}

export type HonourOutcome = 'pending' | 'rejected' | 'waiting' | 'winner' | 'notWinner';

/** Where one of my nominations stands: in review, turned down, waiting for the announcement, or decided. */
export function honourOutcome(item: MyHonour): HonourOutcome {
  if (item.status === 'rejected') return 'rejected';
  if (item.status === 'pending') return 'pending';
  if (item.campaign.stage !== 'announced' || item.rank === null) return 'waiting';
  return item.winner ? 'winner' : 'notWinner';
}

/** Whose certificate may be opened and downloaded: a winner's, while it is valid. */
export function canDownload(item: MyHonour): boolean {
  return item.winner && item.certificate !== null && item.certificate.status === 'valid';
}
