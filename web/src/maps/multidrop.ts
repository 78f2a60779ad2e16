/**
 * 多单顺路: several drops in one compound, in the best order (POST /api/v1/routes/multi-drop,
 * docs/maps.md). The request from the rows the worker filled, the server's problems put back next to
 * the row they are about, and the answer as an ordered list. Pure functions, unit-tested.
 */

import { originParam, type Origin, type RouteAnswer } from './geo';

export const MIN_STOPS = 2;
export const MAX_STOPS = 10;

export interface MultiDropRequest {
  compound: string;
  stops: string[];
  from?: string;
}

export interface MultiDropAnswer {
  /** order[k] = the index in `stops` of the k-th drop. */
  order: number[];
  /** legs[k] goes to stops[order[k]] (the first from the start, then from the drop before). */
  legs: RouteAnswer[];
  distance_m: number;
  duration_s: number;
}

/**
 * The request from the rows as typed: empty rows are left out; `rows[i]` is the row of stops[i] (to
 * put a problem about stops[i] back next to its input).
 */
export function multiDropRequest(compound: string, addresses: readonly string[], origin: Origin): { body: MultiDropRequest; rows: number[] } {
  const stops: string[] = [];
  const rows: number[] = [];
  addresses.forEach((text, row) => {
    const t = text.trim();
    if (!t) return;
    stops.push(`address:${t}`);
    rows.push(row);
  });
  const body: MultiDropRequest = { compound, stops };
  const from = originParam(origin);
  if (from) body.from = from;
  return { body, rows };
}

export type StopProblem =
  | { kind: 'not_on_map'; building: string }
  | { kind: 'no_building' }
  | { kind: 'other_compound'; name: string }
  | { kind: 'other'; text: string };

/**
 * "stops[2]: building 9 is not on this compound's map" → stop 2 and what is wrong with it, or null.
 * A catalogued problem names its stop in the `stop` field, and its detail is already the words.
 */
export function stopProblem(detail: string | undefined | null, stop?: unknown): { index: number; problem: StopProblem } | null {
  const m = /^stops\[(\d+)\]\s*:?\s*(.*)$/s.exec((detail ?? '').trim());
  if (!m) {
    return typeof stop === 'number' && Number.isInteger(stop) && stop >= 0 && detail ? { index: stop, problem: { kind: 'other', text: detail } } : null;
  }
  const index = Number(m[1]);
  const text = m[2]!.trim();
  const building = /^building (.+?) is not on this compound's map$/.exec(text);
  if (building) return { index, problem: { kind: 'not_on_map', building: building[1]! } };
  if (/names no building/.test(text)) return { index, problem: { kind: 'no_building' } };
  const other = /^the address is in (.+?), not in this compound$/.exec(text);
  if (other) return { index, problem: { kind: 'other_compound', name: other[1]! } };
  return { index, problem: { kind: 'other', text } };
}

/** Whether `order` names each of 0..n-1 exactly once. */
export function isPermutation(order: readonly number[], n: number): boolean {
  if (order.length !== n) return false;
  const seen = new Set<number>();
  for (const i of order) {
    if (!Number.isInteger(i) || i < 0 || i >= n || seen.has(i)) return false;
    seen.add(i);
  }
  return true;
}

export interface DropView {
  /** 1-based place in the planned order (第1单, 第2单 …). */
  n: number;
  /** The row the worker typed it in (0-based) and what they typed. */
  row: number;
  address: string;
  /** Where the leg ends on the map ("3号楼2单元"), else the typed address. */
  label: string;
  distance_m: number;
  duration_s: number;
  leg: RouteAnswer;
}

/** The planned drops in order, each with its leg, the row it came from and what was typed there. */
export function dropViews(answer: MultiDropAnswer, rows: readonly number[], addresses: readonly string[]): DropView[] {
  if (!isPermutation(answer.order, rows.length)) return [];
  return answer.order.flatMap((stop, k) => {
    const leg = answer.legs[k];
    if (!leg) return [];
    const row = rows[stop]!;
    const address = (addresses[row] ?? '').trim();
    return [{ n: k + 1, row, address, label: leg.target?.label || address, distance_m: leg.distance_m ?? 0, duration_s: leg.duration_s ?? 0, leg }];
  });
}
