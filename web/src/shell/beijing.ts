/**
 * Beijing dates and months (UTC+8 all year, no daylight saving), shared by every feature that
 * shows or reads them: a typed date's first second, a moment's date or month, a month's
 * neighbours.
 */

const BEIJING_MS = 8 * 3600_000;

/** The first second (Unix seconds) of a Beijing day typed as YYYY-MM-DD (a date input); null unless a real date. */
export function beijingDayStart(date: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = Date.UTC(year, month - 1, day);
  const check = new Date(start);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return (start - BEIJING_MS) / 1000;
}

/** "2026-12-07", the Beijing date of a moment given in Unix seconds. */
export function beijingDate(seconds: number): string {
  return new Date(seconds * 1000 + BEIJING_MS).toISOString().slice(0, 10);
}

/** "2026-12", the Beijing month of a moment given in milliseconds. */
export function beijingMonth(ms: number): string {
  return new Date(ms + BEIJING_MS).toISOString().slice(0, 7);
}

/** The month `delta` months from "YYYY-MM" ("2026-01", -1 → "2025-12"). */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
