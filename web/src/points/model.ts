/**
 * The points pages' pure parts (unit-tested): signed amounts, Beijing-time stamps, the client id
 * that makes a retried award pay once, the conservation law as the page states it, the last
 * answer kept for offline use, and the recent awards read from the audit log. For redemptions:
 * the code as typed and as shown, countdowns against the server's clock, whether an offer can be
 * redeemed, Beijing months and days for the statement, and an offer rewritten whole.
 */

import type { AuditEntry } from '../shell/types';
import type { Conservation, MyPoints, Offer, OfferInput, StatementLine } from './api';
import { beijingDayStart, beijingMonth, shiftMonth } from '../shell/beijing';
import { serverWords } from '../shell/ui';

/** +12, −5 (a true minus sign), 0. */
export function signedPoints(delta: number): string {
  if (delta > 0) return `+${delta}`;
  if (delta < 0) return `\u2212${-delta}`;
  return '0';
}

/**
 * Newest first by when it happened, then by transfer id: the server lists by id, but points paid
 * for old confirmed reports (the migration that opened the ledger) carry their reports' times.
 */
export function newestFirst<T extends { at: number; id: number }>(lines: readonly T[]): T[] {
  return [...lines].sort((a, b) => b.at - a.at || b.id - a.id);
}

/** "2026-12-05 11:41" of unix seconds, in Beijing time whatever the phone's time zone. */
export function beijingStamp(unixSeconds: number): string {
  if (!Number.isFinite(unixSeconds)) return '';
  return new Date(unixSeconds * 1000 + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** A fresh client id for a transfer: [A-Za-z0-9._:-], at most 64 characters, as the server wants. */
export function newClientId(prefix: string, uuid: () => string = randomUuid): string {
  return `${prefix}:${uuid()}`.slice(0, 64);
}

function randomUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Not a secure context (plain http on a LAN address): the same 122 random bits, spelled as hex.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The client id of one submission. The same submission (the same fingerprint: who, how much,
 * why, from which pool) asked again after a failure or a double tap gets the same id, so the
 * server pays it once; a changed form, or a new one after a success, gets a new id.
 */
export class SubmissionKey {
  private fingerprint: string | null = null;
  private id = '';

  constructor(
    private readonly prefix: string,
    private readonly make: (prefix: string) => string = (p) => newClientId(p),
  ) {}

  /** The id to send for this submission. */
  idFor(fingerprint: string): string {
    if (fingerprint !== this.fingerprint) {
      this.fingerprint = fingerprint;
      this.id = this.make(this.prefix);
    }
    return this.id;
  }

  /** The submission was answered for good (made or replayed): the next one is a new transfer. */
  done(): void {
    this.fingerprint = null;
    this.id = '';
  }
}

/** Whether the law holds on these sums (the server says so too; both must agree). */
export function conservationHolds(c: Conservation): boolean {
  return c.holds && c.issued === c.pools + c.workers + (c.held ?? 0) + c.spent + c.expired;
}

// ---- the last answer, kept for offline use

/** The piece of localStorage the page uses (injected in tests). */
export interface KeyValue {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface KeptPoints {
  answer: MyPoints;
  /** Milliseconds since the epoch. */
  saved: number;
}

/** One copy per account, so a shared phone never shows one rider another's points. */
export const keptKey = (accountId: number): string => `youhao.points.last.${accountId}`;

export function keepPoints(store: KeyValue | null, accountId: number, answer: MyPoints, now = Date.now()): void {
  try {
    store?.setItem(keptKey(accountId), JSON.stringify({ answer, saved: now } satisfies KeptPoints));
  } catch {
    // Storage full or disabled: the page works without the copy.
  }
}

export function keptPoints(store: KeyValue | null, accountId: number): KeptPoints | null {
  try {
    const text = store?.getItem(keptKey(accountId));
    const value = text ? (JSON.parse(text) as KeptPoints) : null;
    return value && typeof value.answer?.balance === 'number' && Array.isArray(value.answer.history) && typeof value.saved === 'number' ? value : null;
  } catch {
    return null;
  }
}

// ---- recent awards from the audit log

export interface RecentAward {
  transferId: number;
  at: number;
  by: string;
  amount: number;
  reason: string;
  reversed: boolean;
}

interface Moved {
  amount: number;
  source_id: number;
  target_id: number;
  reason: string;
}

function movedOf(entry: AuditEntry): Moved | null {
  const after = entry.after as Partial<Moved> | null | undefined;
  if (!after || typeof after.amount !== 'number' || typeof after.source_id !== 'number' || typeof after.target_id !== 'number') return null;
  return { amount: after.amount, source_id: after.source_id, target_id: after.target_id, reason: typeof after.reason === 'string' ? after.reason : '' };
}

/**
 * The awards among audit entries, newest first, each marked reversed when a later reversal moved
 * the same amount back from its target to its source (the audit entry of a reversal names no
 * transfer; awards that look alike are interchangeable, so the newest earlier one is taken).
 */
export function recentAwards(entries: AuditEntry[]): RecentAward[] {
  const chronological = [...entries].sort((a, b) => a.at - b.at || a.id - b.id);
  const awards: Array<RecentAward & { moved: Moved }> = [];
  for (const entry of chronological) {
    const moved = movedOf(entry);
    if (!moved) continue;
    if (entry.action === 'points.award') {
      const transferId = Number(entry.entity_id);
      if (!Number.isInteger(transferId)) continue;
      awards.push({ transferId, at: entry.at, by: entry.actor_login, amount: moved.amount, reason: moved.reason, reversed: false, moved });
    } else if (entry.action === 'points.reversal') {
      for (let i = awards.length - 1; i >= 0; i--) {
        const award = awards[i]!;
        if (!award.reversed && award.moved.amount === moved.amount && award.moved.source_id === moved.target_id && award.moved.target_id === moved.source_id) {
          award.reversed = true;
          break;
        }
      }
    }
  }
  return awards.reverse().map(({ moved: _moved, ...award }) => award);
}

/** A whole number of points from 1 to 100,000,000 typed in a field, or null. */
export function parsePoints(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,9}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= 1 && value <= 100_000_000 ? value : null;
}

export { serverWords };

// ---- reversals this browser made (GET /audit does not show a city officer every reversal)

export const reversedKey = 'youhao.points.reversed';
const REVERSED_KEPT = 200;

export function reversedHere(store: KeyValue | null): Set<number> {
  try {
    const list = JSON.parse(store?.getItem(reversedKey) ?? '[]') as unknown;
    return new Set(Array.isArray(list) ? list.filter((id): id is number => Number.isInteger(id)) : []);
  } catch {
    return new Set();
  }
}

/** Remembers that transfer `id` is reversed (made here, or refused here as reversed already). */
export function rememberReversed(store: KeyValue | null, id: number): void {
  const ids = [...reversedHere(store).add(id)].slice(-REVERSED_KEPT);
  try {
    store?.setItem(reversedKey, JSON.stringify(ids));
  } catch {
    // Storage full or disabled: the server still refuses a second reversal.
  }
}

// ---- redemptions at friendly places

/** A redemption code has this many digits (the server's kRedemptionCodeDigits). */
export const CODE_DIGITS = 8;

/**
 * The digits of a typed code, read as the server reads it: exactly 8 digits, with spaces and
 * hyphens between them (a code read out in groups); null for anything else. Full-width digits and
 * spaces from a Chinese keyboard count as their plain forms.
 */
export function parseRedemptionCode(typed: string): string | null {
  let digits = '';
  for (const c of typed.replace(/[\uff10-\uff19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))) {
    if (c >= '0' && c <= '9') {
      digits += c;
      if (digits.length > CODE_DIGITS) return null;
    } else if (c !== ' ' && c !== '-' && c !== '\u3000' && c !== '\uff0d') {
      return null;
    }
  }
  return digits.length === CODE_DIGITS ? digits : null;
}

/** "1234 5678": the code in two groups of four, as the phone shows it and a person reads it out. */
export function groupCode(code: string): string {
  return code.length === CODE_DIGITS ? `${code.slice(0, 4)} ${code.slice(4)}` : code;
}

/**
 * How far the server's clock is ahead of this phone's (milliseconds), from a fresh redemption:
 * its created_at is the server's moment. A retry's answer (replayed) says nothing (null); a
 * difference under 2 s is noise (0).
 */
export function serverOffsetMs(issued: { replayed: boolean; redemption: { created_at: number } }, receivedAtMs: number): number | null {
  if (issued.replayed) return null;
  const offset = issued.redemption.created_at * 1000 - receivedAtMs;
  return Math.abs(offset) < 2000 ? 0 : offset;
}

/** Whole seconds left until `untilSeconds` (server time) at `nowMs` on this phone; never below 0. */
export function secondsLeft(untilSeconds: number, nowMs: number, offsetMs = 0): number {
  return Math.max(0, Math.ceil(untilSeconds - (nowMs + offsetMs) / 1000));
}

/** "1:05", "0:09", "10:00": a countdown in minutes and seconds. */
export function countdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Why an offer cannot be redeemed now by a worker holding `balance` points (null: not known). */
export type OfferBlock = 'paused' | 'sold_out' | 'unavailable' | 'short';

export function offerBlock(offer: Pick<Offer, 'active' | 'available' | 'stock' | 'price'>, balance: number | null): { block: OfferBlock | null; short: number } {
  if (!offer.active) return { block: 'paused', short: 0 };
  if (offer.stock !== null && offer.stock <= 0) return { block: 'sold_out', short: 0 };
  if (!offer.available) return { block: 'unavailable', short: 0 };
  if (balance !== null && balance < offer.price) return { block: 'short', short: offer.price - balance };
  return { block: null, short: 0 };
}

/** The badge tone of a redemption's status. */
export function redemptionTone(status: string): 'ok' | 'warn' | 'muted' {
  if (status === 'confirmed') return 'ok';
  if (status === 'held') return 'warn';
  return 'muted';
}

export { beijingMonth };

/** The month before "2026-01": "2025-12". */
export function previousMonth(month: string): string {
  return shiftMonth(month, -1);
}

/** A statement's lines confirmed on the Beijing day of `nowMs`, newest first. */
export function todaysLines<T extends Pick<StatementLine, 'confirmed_at' | 'redemption_id'>>(lines: readonly T[], nowMs: number): T[] {
  const today = beijingStamp(nowMs / 1000).slice(0, 10);
  return lines
    .filter((line) => beijingStamp(line.confirmed_at).slice(0, 10) === today)
    .sort((a, b) => b.confirmed_at - a.confirmed_at || b.redemption_id - a.redemption_id);
}

/**
 * The first second after the Beijing day "2026-12-31" (an offer valid until that day is valid
 * through it; the server's valid_until is exclusive); null for anything but a real date.
 */
export function endOfBeijingDay(date: string): number | null {
  const start = beijingDayStart(date);
  return start === null ? null : start + 86_400;
}

/** The last Beijing day an offer is valid on, from its exclusive valid_until: "2026-12-31". */
export function lastValidDay(validUntil: number): string {
  return beijingStamp(validUntil - 1).slice(0, 10);
}

/** A stock typed in a field: empty is unlimited (null), a whole number up to 1,000,000; undefined when neither. */
export function parseStock(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^\d{1,7}$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return value <= 1_000_000 ? value : undefined;
}

/** The body that rewrites `offer` whole (PUT /offers/{id}) with `changes`: nothing else is lost. */
export function offerRewrite(offer: Offer, changes: Partial<OfferInput> = {}): OfferInput {
  return {
    title: offer.title,
    description: offer.description,
    price: offer.price,
    stock: offer.stock,
    valid_from: offer.valid_from,
    valid_until: offer.valid_until,
    active: offer.active,
    ...changes,
  };
}
