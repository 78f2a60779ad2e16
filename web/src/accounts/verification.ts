/**
 * Verification explained in words (no DOM): the community choices at registration, who verifies a
 * waiting rider and how long it usually takes, the outcome a rider is shown, and how long a rider in
 * the officer's inbox has waited.
 */

import type { CommunityChoice, VerificationOutlook } from '../shell/types';
import { ta } from './messages';

/** "850米" / "1.2公里"; empty when unknown. */
export function distanceLabel(metres: number | null | undefined): string {
  if (metres == null || !Number.isFinite(metres)) return '';
  if (metres < 1000) return ta('register.distanceM', { m: Math.max(0, Math.round(metres / 10) * 10) });
  return ta('register.distanceKm', { km: (Math.round(metres / 100) / 10).toFixed(1) });
}

/** "科源社区（学院路街道 · 400米 · 推荐）". */
export function communityLabel(choice: CommunityChoice): string {
  const details = [choice.street_name, distanceLabel(choice.distance_m), choice.suggested ? ta('register.communitySuggested') : ''].filter(Boolean);
  return details.length ? `${choice.name}（${details.join(' · ')}）` : choice.name;
}

/** "科源社区工作人员". */
export function verifierLabel(outlook: VerificationOutlook): string {
  return ta('verify.verifierName', { area: outlook.verifier.area_name || outlook.verifier.area_code });
}

/** "约 5 小时", or "通常1个工作日内" when there were too few verifications to say. */
export function waitLabel(outlook: VerificationOutlook): string {
  const hours = outlook.wait.median_hours;
  return hours == null ? ta('verify.waitDefault') : ta('verify.waitHours', { hours });
}

export type Outcome = { kind: 'verified' } | { kind: 'refused' | 'suspended' | 'revoked'; reason: string };

/** How long an approval stays on the rider's home screen. */
export const APPROVAL_SHOWN_SECONDS = 3 * 24 * 3600;

/**
 * What the rider's home says about the latest decision: a recent approval, or why they were refused,
 * suspended or revoked; null while pending or once an approval is old news.
 */
export function outcomeOf(status: string, outlook: VerificationOutlook | undefined, nowSeconds: number): Outcome | null {
  const decision = outlook?.decision;
  if (!decision || decision.to !== status) return null;
  if (status === 'verified') return nowSeconds - decision.at <= APPROVAL_SHOWN_SECONDS ? { kind: 'verified' } : null;
  if (status === 'suspended' || status === 'revoked') {
    return { kind: decision.from === 'pending' ? 'refused' : status, reason: decision.reason };
  }
  return null;
}

/** "已等 5 小时" / "已等 3 天" for a rider registered at `registeredAt`. */
export function waitedLabel(registeredAt: number | undefined, nowSeconds: number): string {
  if (!registeredAt) return '';
  const hours = Math.max(0, Math.floor((nowSeconds - registeredAt) / 3600));
  return hours < 48 ? ta('waiting.waitedHours', { hours }) : ta('waiting.waitedDays', { days: Math.floor(hours / 24) });
}
