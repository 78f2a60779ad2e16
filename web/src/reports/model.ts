/**
 * Worker reports and the governance chain (docs/reports.md) — pure, unit-tested: the API's shapes,
 * categories and statuses with their looks, which buttons `can` gives, the SLA clock, the staff
 * queue's URL ⇄ filters ⇄ API query, the create body and the duplicate answer.
 */

export const CATEGORIES = ['fire_lane', 'hazard', 'traffic', 'facility', 'sanitation', 'stray_animal', 'food_safety', 'fraud', 'welfare', 'own_difficulty', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

export const DIFFICULTIES = ['cannot_enter', 'no_parking', 'rude_treatment'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export const STATUSES = ['submitted', 'accepted', 'dispatched', 'in_progress', 'reopened', 'resolved', 'confirmed', 'closed'] as const;
export type Status = (typeof STATUSES)[number];

export const ACTIONS = ['accept', 'dispatch', 'start', 'resolve', 'confirm', 'reopen', 'close'] as const;
export type Action = (typeof ACTIONS)[number];

export const CLOSE_REASONS = ['duplicate', 'not_ours', 'referred'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/** Departments a report can be dispatched to (the name is sent as is). */
export const DEPARTMENTS = ['市场监管', '物业公司'] as const;

/** Hours to resolve, per category (the server decides; this is for the form's hint). */
export const SLA_HOURS: Record<Category, number> = {
  fire_lane: 4,
  hazard: 24,
  traffic: 24,
  welfare: 24,
  food_safety: 48,
  own_difficulty: 48,
  stray_animal: 48,
  sanitation: 72,
  facility: 72,
  fraud: 72,
  other: 120,
};

export const MAX_DESCRIPTION = 500;
export const MAX_PHOTOS = 6;
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

export interface Step {
  status: string;
  status_label?: string;
  at: string;
  actor: string | null;
  role?: string | null;
  note?: string | null;
  photo?: string | null;
  action?: string | null;
}

export interface Assignee {
  kind: 'officer' | 'department';
  name: string;
  login?: string;
}

/** Who accepts a report (受理方), chosen by the acceptance rules when it was sent. */
export interface Acceptor {
  kind: 'nearest_station' | 'community' | 'property' | string;
  kind_label?: string;
  /** The station's place id, or the community's or compound's area code. */
  code: string;
  name: string;
  rule_id: number | null;
  /** Why, in Chinese: 默认规则（消防通道堵塞）：就近驿站受理（25 米）. */
  reason: string;
}

export interface Report {
  id: number;
  category: string;
  category_label?: string;
  status: string;
  status_label?: string;
  description: string;
  lat: number;
  lon: number;
  address?: string | null;
  area?: { code: string; name: string } | null;
  compound?: { code: string; name: string } | null;
  difficulty?: string | null;
  photos: string[];
  thumbnails?: string[];
  me_too: number;
  duplicate_of?: number | null;
  reporter?: { masked_name: string; kind?: string; grid_reporter?: boolean } | null;
  assignee?: Assignee | null;
  acceptor?: Acceptor | null;
  due_at?: string | null;
  overdue?: boolean;
  escalation?: 'street' | 'district' | null;
  created_at: string;
  updated_at?: string;
  steps?: Step[];
  can?: string[];
}

export interface ReportList {
  reports: Report[];
  next_cursor: string | null;
}

export interface PhotoUpload {
  id: number;
  url: string;
  thumbnail_url: string;
}

export interface CreateBody {
  category: string;
  description: string;
  lat: number;
  lon: number;
  address?: string;
  difficulty?: string;
  compound?: string;
  photo_ids: number[];
  client_id: string;
  join?: number;
}

export interface DuplicateOf {
  id: number;
  distance_m: number;
  me_too: number;
  /** The open report nearby is the rider's own (409 already_reported): nothing to join. */
  own?: boolean;
}

export interface ActionBody {
  action: Action;
  note?: string;
  assignee?: { kind: 'officer'; login: string } | { kind: 'department'; name: string };
  photo_id?: number;
  reason?: CloseReason;
}

// ---------------------------------------------------------------------------------------------
// Looks

export type Tone = 'ok' | 'warn' | 'bad' | 'muted' | 'accent';

const TERMINAL = new Set(['resolved', 'confirmed', 'closed']);

/** Done from the handlers' side: no clock runs. */
export function isFinished(status: string): boolean {
  return TERMINAL.has(status);
}

export function statusTone(status: string): Tone {
  switch (status) {
    case 'submitted':
      return 'warn';
    case 'reopened':
      return 'bad';
    case 'accepted':
    case 'dispatched':
    case 'in_progress':
      return 'accent';
    case 'resolved':
    case 'confirmed':
      return 'ok';
    default:
      return 'muted';
  }
}

/** A one-character glyph (as the places' 驿, 食 …) and a colour per category, for the tiles and rows. */
export function categoryLook(category: string): { glyph: string; color: string } {
  const looks: Record<string, { glyph: string; color: string }> = {
    fire_lane: { glyph: '消', color: '#e03131' },
    hazard: { glyph: '险', color: '#f08c00' },
    traffic: { glyph: '路', color: '#1971c2' },
    facility: { glyph: '修', color: '#5f3dc4' },
    sanitation: { glyph: '洁', color: '#2f9e44' },
    stray_animal: { glyph: '犬', color: '#a0522d' },
    food_safety: { glyph: '食', color: '#d6336c' },
    fraud: { glyph: '骗', color: '#495057' },
    welfare: { glyph: '爱', color: '#c2255c' },
    own_difficulty: { glyph: '难', color: '#e8590c' },
    other: { glyph: '他', color: '#868e96' },
  };
  return looks[category] ?? looks.other!;
}

export interface ActionButton {
  action: Action;
  tone: 'primary' | 'secondary' | 'danger';
  /** What the dialog asks for before sending. */
  needs: { assignee?: boolean; photo?: boolean; reason?: boolean; note?: 'optional' | 'required' };
}

const BUTTON_ORDER: readonly Action[] = ['accept', 'dispatch', 'start', 'resolve', 'confirm', 'reopen', 'close'];

/** The buttons for a report's `can`, in the order of the chain; unknown actions are left out. */
export function buttonsFor(can: readonly string[] | undefined): ActionButton[] {
  const allowed = new Set(can ?? []);
  return BUTTON_ORDER.filter((a) => allowed.has(a)).map((action) => {
    switch (action) {
      case 'dispatch':
        return { action, tone: 'primary', needs: { assignee: true, note: 'optional' } };
      case 'resolve':
        return { action, tone: 'primary', needs: { photo: true, note: 'optional' } };
      case 'close':
        return { action, tone: 'danger', needs: { reason: true, note: 'optional' } };
      case 'reopen':
        return { action, tone: 'secondary', needs: { note: 'required' } };
      default:
        return { action, tone: 'primary', needs: { note: 'optional' } };
    }
  });
}

/** The body of POST /reports/{id}/actions from what the dialog collected; null when something required is missing. */
export function actionBody(
  button: ActionButton,
  input: { note?: string; assigneeKind?: 'officer' | 'department'; assignee?: string; photoId?: number | null; reason?: string },
): { body: ActionBody } | { missing: 'assignee' | 'photo' | 'reason' | 'note' } {
  const body: ActionBody = { action: button.action };
  const note = (input.note ?? '').trim();
  if (note) body.note = note.slice(0, MAX_DESCRIPTION);
  if (button.needs.note === 'required' && !note) return { missing: 'note' };
  if (button.needs.assignee) {
    const who = (input.assignee ?? '').trim();
    if (!who) return { missing: 'assignee' };
    body.assignee = input.assigneeKind === 'department' ? { kind: 'department', name: who } : { kind: 'officer', login: who };
  }
  if (button.needs.photo) {
    if (input.photoId == null) return { missing: 'photo' };
    body.photo_id = input.photoId;
  }
  if (button.needs.reason) {
    if (!(CLOSE_REASONS as readonly string[]).includes(input.reason ?? '')) return { missing: 'reason' };
    body.reason = input.reason as CloseReason;
  }
  return { body };
}

// ---------------------------------------------------------------------------------------------
// Time

/** Milliseconds of an ISO date-time; NaN when unreadable. */
export function timeOf(iso: string | null | undefined): number {
  return iso ? Date.parse(iso) : Number.NaN;
}

/** Beijing wall-clock "11-23 19:05" (or "19:05" with `short`), whatever the device's zone. */
export function beijingStamp(iso: string | null | undefined, short = false): string {
  const ms = timeOf(iso);
  if (Number.isNaN(ms)) return '';
  const d = new Date(ms + 8 * 3600_000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const hm = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return short ? hm : `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${hm}`;
}

/** Whole hours and minutes of a span. */
export function splitMinutes(ms: number): { hours: number; minutes: number } {
  const total = Math.max(0, Math.round(Math.abs(ms) / 60_000));
  return { hours: Math.floor(total / 60), minutes: total % 60 };
}

export interface SlaClock {
  state: 'none' | 'ok' | 'soon' | 'overdue';
  /** Time left (ok/soon) or past the deadline (overdue). */
  hours: number;
  minutes: number;
}

/** The SLA clock: none once finished or without a deadline; soon within the last hour; overdue after. */
export function slaClock(report: Pick<Report, 'status' | 'due_at' | 'overdue'>, now: number): SlaClock {
  const due = timeOf(report.due_at);
  if (isFinished(report.status) || Number.isNaN(due)) return { state: 'none', hours: 0, minutes: 0 };
  const left = due - now;
  const { hours, minutes } = splitMinutes(left);
  if (left < 0 || report.overdue) return { state: 'overdue', hours, minutes };
  return { state: left <= 3600_000 ? 'soon' : 'ok', hours, minutes };
}

// ---------------------------------------------------------------------------------------------
// The staff queue: #/reports?status=&category=&area=

export interface QueueState {
  status: string;
  category: string;
  area: string;
}

export function parseQueue(search: string): QueueState {
  const params = new URLSearchParams(search.replace(/^\?/, ''));
  const pick = (name: string, allowed: readonly string[]): string => {
    const value = params.get(name) ?? '';
    return allowed.includes(value) ? value : '';
  };
  const area = (params.get('area') ?? '').trim();
  return { status: pick('status', STATUSES), category: pick('category', CATEGORIES), area: /^\d{1,20}$/.test(area) ? area : '' };
}

export function queueSearch(state: QueueState): string {
  const params = new URLSearchParams();
  if (state.area) params.set('area', state.area);
  if (state.status) params.set('status', state.status);
  if (state.category) params.set('category', state.category);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function queueQuery(state: QueueState, fallbackArea: string, cursor: string | null, limit = 30): Record<string, string | number | undefined> {
  return { area: state.area || fallbackArea, status: state.status || undefined, category: state.category || undefined, limit, cursor: cursor ?? undefined };
}

// ---------------------------------------------------------------------------------------------
// Creating

export interface FormState {
  category: string | null;
  difficulty: string | null;
  description: string;
  lat: number | null;
  lon: number | null;
  address: string;
  compound: string;
}

export type FormProblem = 'category' | 'difficulty' | 'location' | 'description' | 'tooLong';

/** What keeps the form from being sent, first problem first. */
export function formProblem(form: FormState, photos: number): FormProblem | null {
  if (!form.category || !(CATEGORIES as readonly string[]).includes(form.category)) return 'category';
  if (form.category === 'own_difficulty' && !(DIFFICULTIES as readonly string[]).includes(form.difficulty ?? '')) return 'difficulty';
  if (form.lat == null || form.lon == null || !Number.isFinite(form.lat) || !Number.isFinite(form.lon)) return 'location';
  if ([...form.description].length > MAX_DESCRIPTION) return 'tooLong';
  // The difficulty says enough by itself; anything else needs a photo or a few words.
  if (!form.description.trim() && photos === 0 && form.category !== 'own_difficulty') return 'description';
  return null;
}

/** The POST /reports body (coordinates to 6 decimals, about 10 cm). */
export function createBody(form: FormState, photoIds: readonly number[], clientId: string, join?: number | null): CreateBody {
  const round = (v: number): number => Math.round(v * 1e6) / 1e6;
  const body: CreateBody = {
    category: form.category ?? 'other',
    description: form.description.trim(),
    lat: round(form.lat ?? 0),
    lon: round(form.lon ?? 0),
    photo_ids: [...photoIds],
    client_id: clientId,
  };
  if (form.address.trim()) body.address = form.address.trim();
  if (form.category === 'own_difficulty' && form.difficulty) body.difficulty = form.difficulty;
  if (form.compound.trim()) body.compound = form.compound.trim();
  if (join != null) body.join = join;
  return body;
}

/**
 * `duplicate_of` of a 409 problem, when it has one: possible_duplicate (someone else's report:
 * "me too") or already_reported (the rider's own, `own: true`: nothing to join).
 */
export function duplicateOf(problem: unknown): DuplicateOf | null {
  if (!problem || typeof problem !== 'object') return null;
  const d = (problem as { duplicate_of?: unknown }).duplicate_of;
  if (!d || typeof d !== 'object') return null;
  const { id, distance_m, me_too, own } = d as Record<string, unknown>;
  if (typeof id !== 'number') return null;
  const code = (problem as { code?: unknown }).code;
  return { id, distance_m: typeof distance_m === 'number' ? distance_m : 0, me_too: typeof me_too === 'number' ? me_too : 0, own: own === true || code === 'already_reported' };
}

/**
 * How many people raised a report: the reporter plus each "me too" (`me_too` counts the joins).
 * One place to change should the server count the reporter in `me_too`.
 */
export function peopleCount(meToo: number): number {
  return Math.max(0, meToo) + 1;
}

/** A client id for a draft: random, stable once made (the server's idempotency key). */
export function newClientId(random: () => number = Math.random, now: number = Date.now()): string {
  let tail = '';
  for (let i = 0; i < 12; i++) tail += Math.floor(random() * 36).toString(36);
  return `d-${now.toString(36)}-${tail}`;
}

/**
 * The photo's public id in a URL like /api/v1/report-photos/kQ7dZp3xVwR9sT2mYb5nHg or a step's photo:
 * 22 characters of base64url (a photo is never addressed by a number).
 */
export function photoIdOf(url: string): string | null {
  const m = /\/report-photos\/([A-Za-z0-9_-]{22})(?=[?#]|$)/.exec(url);
  return m?.[1] ?? null;
}

/** Merges a fresher report (from an event) over the one shown; an older one is ignored. */
export function fresher(shown: Report | null, incoming: Report): Report {
  if (!shown || shown.id !== incoming.id) return incoming;
  const a = timeOf(shown.updated_at);
  const b = timeOf(incoming.updated_at);
  if (!Number.isNaN(a) && !Number.isNaN(b) && b < a) return shown;
  if ((incoming.steps?.length ?? 0) < (shown.steps?.length ?? 0)) return shown;
  return incoming;
}
