/**
 * The outbox of report drafts: a report is first a draft (with its photos as blobs) kept on the
 * device, then sent; a lost connection leaves it in the outbox and it is sent again when the
 * network returns, with the same `client_id` so the server never creates it twice. Pure logic
 * over a `DraftStore` (IndexedDB in the browser, a Map in tests) and the two API calls.
 */

import type { CreateBody, DuplicateOf, FormState, PhotoUpload, Report } from './model';
import { createBody, duplicateOf } from './model';

export interface DraftPhoto {
  key: string;
  type: string;
  /** The picture itself until the server has it. */
  blob: Blob | null;
  upload: PhotoUpload | null;
}

export type DraftState = 'queued' | 'sending' | 'duplicate' | 'rate_limited' | 'failed';

export interface Draft {
  client_id: string;
  form: FormState;
  photos: DraftPhoto[];
  created: number;
  state: DraftState;
  /** The open report the server offered to join (409 possible_duplicate). */
  duplicate: DuplicateOf | null;
  /** Set by "me too": the next send joins this report. */
  join: number | null;
  /** The server's words for the last refusal (429, 4xx). */
  message: string | null;
  retry_at: number | null;
}

export interface DraftStore {
  all(): Promise<Draft[]>;
  get(id: string): Promise<Draft | null>;
  put(draft: Draft): Promise<void>;
  remove(id: string): Promise<void>;
}

/** What the API calls answer, reduced to what the outbox needs. */
export interface SendError {
  status: number;
  code?: string | undefined;
  detail?: string | undefined;
  retryAfter?: number | null | undefined;
  problem?: unknown;
}

export interface OutboxApi {
  upload(photo: Blob, type: string): Promise<PhotoUpload>;
  create(body: CreateBody): Promise<Report>;
}

export type Outcome =
  | { kind: 'sent'; report: Report; draft: Draft }
  | { kind: 'offline'; draft: Draft }
  | { kind: 'duplicate'; draft: Draft; of: DuplicateOf }
  /** 409 already_reported: the rider's own open report is right there; the draft is dropped. */
  | { kind: 'already'; draft: Draft; of: DuplicateOf }
  | { kind: 'rate_limited'; draft: Draft; message: string | null; retryAfter: number | null }
  | { kind: 'failed'; draft: Draft; message: string | null; status: number };

export function newDraft(clientId: string, form: FormState, photos: DraftPhoto[], now: number): Draft {
  return { client_id: clientId, form: { ...form }, photos, created: now, state: 'queued', duplicate: null, join: null, message: null, retry_at: null };
}

function asSendError(error: unknown): SendError {
  if (error && typeof error === 'object' && 'status' in error && typeof (error as SendError).status === 'number') return error as SendError;
  return { status: 0 };
}

/** A connection problem (or the server being down for a moment): keep the draft and try later. */
export function isTransient(error: SendError): boolean {
  return error.status === 0 || error.status === 502 || error.status === 503 || error.status === 504;
}

/**
 * Sends one draft: uploads the photos the server does not have yet (saving each upload on the
 * draft, so a retry does not upload it twice), then POST /reports with the draft's client_id.
 * The draft leaves the store only when the report exists (or when the rider's own open report
 * nearby already says the same: 409 already_reported).
 */
export async function sendDraft(draft: Draft, store: DraftStore, api: OutboxApi, now: () => number = Date.now): Promise<Outcome> {
  let current: Draft = { ...draft, state: 'sending', photos: draft.photos.map((p) => ({ ...p })) };
  await store.put(current);
  try {
    for (const photo of current.photos) {
      if (photo.upload || !photo.blob) continue;
      photo.upload = await api.upload(photo.blob, photo.type);
      photo.blob = null; // the server has it; keep the store small
      await store.put(current);
    }
    const ids = current.photos.flatMap((p) => (p.upload ? [p.upload.id] : []));
    const report = await api.create(createBody(current.form, ids, current.client_id, current.join));
    await store.remove(current.client_id);
    return { kind: 'sent', report, draft: current };
  } catch (thrown) {
    const error = asSendError(thrown);
    if (isTransient(error)) {
      current = { ...current, state: 'queued', message: null };
      await store.put(current);
      return { kind: 'offline', draft: current };
    }
    const of = error.status === 409 ? duplicateOf(error.problem) : null;
    if (of && (error.code === 'already_reported' || of.own)) {
      // Nothing to send and nothing to join: the rider's own report already says it.
      await store.remove(current.client_id);
      return { kind: 'already', draft: { ...current, state: 'duplicate', duplicate: of, message: null }, of };
    }
    if (of && error.code !== 'invalid_transition') {
      current = { ...current, state: 'duplicate', duplicate: of, message: null };
      await store.put(current);
      return { kind: 'duplicate', draft: current, of };
    }
    if (error.status === 429) {
      const retryAfter = error.retryAfter ?? null;
      current = { ...current, state: 'rate_limited', message: error.detail ?? null, retry_at: retryAfter != null ? now() + retryAfter * 1000 : null };
      await store.put(current);
      return { kind: 'rate_limited', draft: current, message: error.detail ?? null, retryAfter };
    }
    current = { ...current, state: 'failed', message: error.detail ?? error.code ?? null };
    await store.put(current);
    return { kind: 'failed', draft: current, message: current.message, status: error.status };
  }
}

/** "Me too": the next send joins report `id` (and carries this draft's photos to it). */
export async function joinDuplicate(draft: Draft, store: DraftStore): Promise<Draft> {
  const next: Draft = { ...draft, join: draft.duplicate?.id ?? draft.join, state: 'queued', message: null };
  await store.put(next);
  return next;
}

/** Which drafts the outbox sends by itself when the network returns: queued ones, and rate-limited ones whose wait is over. */
export function due(drafts: readonly Draft[], now: number): Draft[] {
  return drafts
    .filter((d) => d.state === 'queued' || d.state === 'sending' || (d.state === 'rate_limited' && (d.retry_at == null || d.retry_at <= now)))
    .sort((a, b) => a.created - b.created);
}

/** Sends every due draft in order; stops at the first connection failure (the rest would fail too). */
export async function flush(store: DraftStore, api: OutboxApi, now: () => number = Date.now): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const draft of due(await store.all(), now())) {
    const outcome = await sendDraft(draft, store, api, now);
    outcomes.push(outcome);
    if (outcome.kind === 'offline') break;
  }
  return outcomes;
}

/** A store in memory (tests, and browsers without IndexedDB). */
export function memoryStore(): DraftStore & { map: Map<string, Draft> } {
  const map = new Map<string, Draft>();
  const copy = (d: Draft): Draft => ({ ...d, form: { ...d.form }, photos: d.photos.map((p) => ({ ...p })) });
  return {
    map,
    all: async () => [...map.values()].map(copy),
    get: async (id) => {
      const d = map.get(id);
      return d ? copy(d) : null;
    },
    put: async (d) => {
      map.set(d.client_id, copy(d));
    },
    remove: async (id) => {
      map.delete(id);
    },
  };
}
