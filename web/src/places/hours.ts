/**
 * OpenStreetMap `opening_hours` text ⇄ the staff's hours editor (hours-editor.ts). The editor holds
 * days of the week with their time ranges, a public-holiday rule (as usual, closed — "PH off" — or
 * other hours) and "24 hours"; this module writes that as the OSM syntax the server reads
 * (src/schedule/opening_hours.cpp, the same subset and the same meaning: a later rule replaces
 * earlier ones for the days it names, an end at or before the start runs into the next day) and
 * reads such a text back. A text the editor cannot show — valid but beyond days, times and one
 * holiday rule, or not valid at all — reads as null, and the page offers the raw text instead.
 */

/** Minutes from the start of the range's own day: 0 ≤ start < 1440, start < end ≤ start + 1440. */
export interface MinuteRange {
  start: number;
  end: number;
}

/** A time range as two `<input type="time">` values ("HH:MM"); "00:00"–"00:00" is the whole day. */
export interface EditorRange {
  from: string;
  to: string;
}

export interface EditorGroup {
  /** Weekdays, 0 = Monday … 6 = Sunday, ascending. */
  days: number[];
  ranges: EditorRange[];
}

export type HolidayChoice = 'same' | 'closed' | 'hours';

export interface EditorHours {
  /** Open at all times, holidays included ("24/7"). */
  always: boolean;
  groups: EditorGroup[];
  /** Public holidays: as on their weekday, closed ("PH off"), or `holidayRanges`. */
  holiday: HolidayChoice;
  holidayRanges: EditorRange[];
}

const DAY = 1440;
const CODES = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'] as const;
const OSM_DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;
export const WHOLE_DAY: EditorRange = { from: '00:00', to: '00:00' };

/** What the rules say, as the server keeps it (OpeningHours: days_, holiday_, after_holiday_). */
interface Week {
  days: MinuteRange[][];
  holiday: MinuteRange[] | null;
  /** Bit d: weekday d was named after the last PH rule, so it wins over PH on a holiday. */
  after: number;
}

const sameRanges = (a: readonly MinuteRange[], b: readonly MinuteRange[]): boolean => a.length === b.length && a.every((r, i) => r.start === b[i]!.start && r.end === b[i]!.end);

/** Sorted, overlapping or touching ranges merged while the result stays within 24 hours (as the server does). */
export function canonicalRanges(ranges: readonly MinuteRange[]): MinuteRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: MinuteRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last) {
      const end = Math.max(last.end, range.end);
      if (range.start <= last.end && end - last.start <= DAY) {
        last.end = end;
        continue;
      }
    }
    merged.push({ ...range });
  }
  return merged;
}

/** "HH:MM" (hours 0–48) as minutes, or null. */
function clockMinutes(text: string, allowNextDay: boolean): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes >= 60) return null;
  const total = hours * 60 + minutes;
  return allowNextDay ? (total <= 2 * DAY ? total : null) : hours < 24 ? total : null;
}

const pad = (n: number): string => String(n).padStart(2, '0');
/** Minutes as "HH:MM"; 1440 as "24:00". */
export function clockText(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** An editor range in minutes; null when a time is missing or not a time. */
export function minuteRange(range: EditorRange): MinuteRange | null {
  const start = clockMinutes(range.from, false);
  const typedEnd = clockMinutes(range.to, false);
  if (start === null || typedEnd === null) return null;
  return { start, end: typedEnd <= start ? typedEnd + DAY : typedEnd };
}

/** Minutes as editor values: the end as the clock shows it ("02:00" for 26:00, "00:00" for midnight). */
export function editorRange(range: MinuteRange): EditorRange {
  return { from: clockText(range.start), to: clockText(range.end % DAY) };
}

function editorRanges(ranges: readonly EditorRange[]): MinuteRange[] {
  return canonicalRanges(ranges.map(minuteRange).filter((r): r is MinuteRange => r !== null));
}

// ---------------------------------------------------------------------------------------------
// Reading the text

/** The same tolerance as the server: full-width punctuation from a Chinese keyboard, any case. */
function normalise(text: string): string {
  return text
    .replace(/：/g, ':')
    .replace(/；/g, ';')
    .replace(/[，、]/g, ',')
    .replace(/[~～－–—]/g, '-')
    .replace(/\u3000/g, ' ')
    .toLowerCase();
}

const DAY_WORD = '(?:mo|tu|we|th|fr|sa|su)';
const ITEM = `(?:${DAY_WORD}(?:\\s*-\\s*${DAY_WORD})?|ph)`;
const SELECTOR = new RegExp(`^(${ITEM}(?:\\s*,\\s*${ITEM})*)(?![a-z])\\s*:?\\s*`);
const TIMES = /^\d{1,2}:\d{2}\s*-\s*\d{1,2}:\d{2}(?:\s*,\s*\d{1,2}:\d{2}\s*-\s*\d{1,2}:\d{2})*$/;

function parseSelector(text: string): { days: number; holiday: boolean } {
  let days = 0;
  let holiday = false;
  for (const item of text.split(',').map((s) => s.trim())) {
    if (item === 'ph') {
      holiday = true;
      continue;
    }
    const [first, last = first] = item.split('-').map((s) => CODES.indexOf(s.trim() as (typeof CODES)[number]));
    for (let day = first!; ; day = (day + 1) % 7) {
      days |= 1 << day;
      if (day === last) break;
    }
  }
  return { days, holiday };
}

function parseTimes(text: string): MinuteRange[] | null {
  const ranges: MinuteRange[] = [];
  for (const part of text.split(',')) {
    const [from = '', to = ''] = part.split('-');
    const start = clockMinutes(from, false);
    let end = clockMinutes(to, true);
    if (start === null || end === null) return null;
    if (end <= start) end += DAY;
    if (end - start > DAY) return null;
    ranges.push({ start, end });
  }
  return ranges;
}

function apply(week: Week, selector: { days: number; holiday: boolean } | null, ranges: MinuteRange[]): void {
  const canonical = canonicalRanges(ranges);
  if (!selector) {
    // A rule for every day decides every holiday too.
    week.days = week.days.map(() => canonical.map((r) => ({ ...r })));
    week.holiday = null;
    week.after = 0;
  } else {
    if (selector.holiday) {
      week.holiday = canonical;
      week.after = 0;
    }
    for (let day = 0; day < 7; day++) {
      if (((selector.days >> day) & 1) === 0) continue;
      week.days[day] = canonical.map((r) => ({ ...r }));
      if (week.holiday && !selector.holiday) week.after |= 1 << day;
    }
  }
  if (week.holiday) {
    for (let day = 0; day < 7; day++) if (sameRanges(week.days[day]!, week.holiday)) week.after &= ~(1 << day);
    // A holiday rule that changes nothing on the days it still governs is no rule.
    const holiday = week.holiday;
    if (week.days.every((ranges, day) => ((week.after >> day) & 1) !== 0 || sameRanges(ranges, holiday))) week.holiday = null;
  }
  if (!week.holiday) week.after = 0;
}

/** The week a text describes, or null when it is not in the subset the server reads. */
function parseWeek(text: string): Week | null {
  const source = normalise(text).trim();
  if (!source || source.length > 255) return null;
  const week: Week = { days: Array.from({ length: 7 }, () => []), holiday: null, after: 0 };
  const rules = source.split(';').map((r) => r.trim());
  if (rules[rules.length - 1] === '') rules.pop(); // a trailing ";" is tolerated
  for (const rule of rules) {
    if (rule === '') return null;
    if (rule === '24/7') {
      apply(week, null, [{ start: 0, end: DAY }]);
      continue;
    }
    const selected = SELECTOR.exec(rule);
    const rest = selected ? rule.slice(selected[0].length).trim() : rule;
    const selector = selected ? parseSelector(selected[1]!) : null;
    if (rest === 'off' || rest === 'closed') {
      apply(week, selector, []);
    } else if (TIMES.test(rest)) {
      const ranges = parseTimes(rest);
      if (!ranges) return null;
      apply(week, selector, ranges);
    } else {
      return null;
    }
  }
  return week;
}

/** Whether the server would read `text` (the subset of src/schedule/opening_hours.cpp). */
export function isOpeningHours(text: string): boolean {
  return parseWeek(text) !== null;
}

/**
 * The editor's state for `text`, or null when the editor cannot show it: not valid, or a weekday
 * rule written after a PH rule (that weekday then keeps its hours on a holiday, which one holiday
 * choice for all days cannot say).
 */
export function editorFromText(text: string): EditorHours | null {
  const week = parseWeek(text);
  if (!week || week.after !== 0) return null;
  const empty: EditorHours = { always: false, groups: [], holiday: 'same', holidayRanges: [] };
  if (!week.holiday && week.days.every((ranges) => sameRanges(ranges, [{ start: 0, end: DAY }]))) return { ...empty, always: true };
  const groups: EditorGroup[] = [];
  const taken = new Set<number>();
  for (let day = 0; day < 7; day++) {
    const ranges = week.days[day]!;
    if (taken.has(day) || ranges.length === 0) continue;
    const days = [0, 1, 2, 3, 4, 5, 6].filter((other) => other >= day && !taken.has(other) && sameRanges(week.days[other]!, ranges));
    days.forEach((d) => taken.add(d));
    groups.push({ days, ranges: ranges.map(editorRange) });
  }
  if (!week.holiday) return { ...empty, groups };
  if (week.holiday.length === 0) return { ...empty, groups, holiday: 'closed' };
  return { ...empty, groups, holiday: 'hours', holidayRanges: week.holiday.map(editorRange) };
}

// ---------------------------------------------------------------------------------------------
// Writing the text

/** Runs of consecutive days: "Mo-Fr", "Sa,Su", "Mo,We,Fr". */
export function daysText(days: readonly number[]): string {
  const sorted = [...new Set(days)].filter((d) => d >= 0 && d < 7).sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    const first = OSM_DAYS[sorted[i]!]!;
    const last = OSM_DAYS[sorted[j]!]!;
    parts.push(j === i ? first : j === i + 1 ? `${first},${last}` : `${first}-${last}`);
    i = j + 1;
  }
  return parts.join(',');
}

function rangesText(ranges: readonly MinuteRange[]): string {
  return ranges.map((r) => `${clockText(r.start)}-${clockText(r.end > DAY ? r.end - DAY : r.end)}`).join(',');
}

/**
 * The OSM text of the editor's state: "24/7"; otherwise one rule per group of days with times
 * ("Mo-Fr 08:00-20:00"), then the holiday rule ("PH off", "PH 10:00-14:00"), which comes last so
 * that it decides every holiday. Days in no group are closed; "off" when nothing is open.
 */
export function textFromEditor(hours: EditorHours): string {
  if (hours.always) return '24/7';
  const rules: string[] = [];
  for (const group of hours.groups) {
    const ranges = editorRanges(group.ranges);
    if (group.days.length === 0 || ranges.length === 0) continue;
    rules.push(`${daysText(group.days)} ${rangesText(ranges)}`);
  }
  if (hours.holiday === 'closed') rules.push('PH off');
  if (hours.holiday === 'hours') {
    const ranges = editorRanges(hours.holidayRanges);
    rules.push(ranges.length ? `PH ${rangesText(ranges)}` : 'PH off');
  }
  return rules.length ? rules.join('; ') : 'off';
}

/** Whether the state opens on some day (a place's hours must). */
export function opensAtAll(hours: EditorHours): boolean {
  return hours.always || hours.groups.some((g) => g.days.length > 0 && editorRanges(g.ranges).length > 0);
}

// ---------------------------------------------------------------------------------------------
// Saying it in words (the preview under the editor)

export interface HoursWords {
  /** Short weekday names, Monday first. */
  days: readonly string[];
  everyDay: string;
  /** "{first}至{last}" */
  dayRun: string;
  listSeparator: string;
  ruleSeparator: string;
  wholeDay: string;
  /** "{time}" of the next day, e.g. "次日{time}". */
  nextDay: string;
  always: string;
  closed: string;
  holidayClosed: string;
  /** "{hours}" on public holidays. */
  holidayHours: string;
}

function daysWords(days: readonly number[], words: HoursWords): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  if (sorted.length === 7) return words.everyDay;
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    const first = words.days[sorted[i]!]!;
    const last = words.days[sorted[j]!]!;
    parts.push(j === i ? first : j === i + 1 ? `${first}${words.listSeparator}${last}` : words.dayRun.replace('{first}', first).replace('{last}', last));
    i = j + 1;
  }
  return parts.join(words.listSeparator);
}

function rangesWords(ranges: readonly MinuteRange[], words: HoursWords): string {
  return ranges
    .map((r) => (r.start === 0 && r.end === DAY ? words.wholeDay : `${clockText(r.start)}-${r.end > DAY ? words.nextDay.replace('{time}', clockText(r.end - DAY)) : clockText(r.end)}`))
    .join(words.listSeparator);
}

/** The state in words, e.g. "周一至周五 08:00-20:00；法定节假日不开放". */
export function describeEditor(hours: EditorHours, words: HoursWords): string {
  if (hours.always) return words.always;
  const parts: string[] = [];
  for (const group of hours.groups) {
    const ranges = editorRanges(group.ranges);
    if (group.days.length && ranges.length) parts.push(`${daysWords(group.days, words)} ${rangesWords(ranges, words)}`);
  }
  if (parts.length === 0) parts.push(words.closed);
  if (hours.holiday === 'closed') parts.push(words.holidayClosed);
  if (hours.holiday === 'hours') {
    const ranges = editorRanges(hours.holidayRanges);
    parts.push(ranges.length ? words.holidayHours.replace('{hours}', rangesWords(ranges, words)) : words.holidayClosed);
  }
  return parts.join(words.ruleSeparator);
}
