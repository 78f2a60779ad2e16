/**
 * The browser's outbox of report drafts: IndexedDB (photo blobs included), sent again when the
 * `online` event fires (main.ts wires that for workers), with listeners for the pages showing a
 * draft. The logic lives in drafts.ts.
 */

import * as api from './api';
import { flush, memoryStore, sendDraft, type Draft, type DraftStore, type OutboxApi, type Outcome } from './drafts';
import { objectStore } from '../shell/idb';

const DB = 'youhao-reports';
const STORE = 'drafts';

const withStore = objectStore(DB, STORE, 'client_id');

function indexedStore(): DraftStore {
  return {
    all: () => withStore('readonly', (s) => s.getAll() as IDBRequest<Draft[]>),
    get: async (id) => (await withStore('readonly', (s) => s.get(id) as IDBRequest<Draft | undefined>)) ?? null,
    put: async (d) => {
      await withStore('readwrite', (s) => s.put(d));
    },
    remove: async (id) => {
      await withStore('readwrite', (s) => s.delete(id));
    },
  };
}

let chosen: DraftStore | null = null;

/** IndexedDB when the browser has it, else memory (the draft then lives as long as the tab). */
export function draftStore(): DraftStore {
  if (chosen) return chosen;
  const idb = typeof indexedDB !== 'undefined' ? indexedStore() : null;
  const memory = memoryStore();
  if (!idb) return (chosen = memory);
  let broken = false;
  const pick = async <T>(fn: (s: DraftStore) => Promise<T>): Promise<T> => {
    if (!broken) {
      try {
        return await fn(idb);
      } catch {
        broken = true; // private mode or storage refused
      }
    }
    return fn(memory);
  };
  chosen = { all: () => pick((s) => s.all()), get: (id) => pick((s) => s.get(id)), put: (d) => pick((s) => s.put(d)), remove: (id) => pick((s) => s.remove(id)) };
  return chosen;
}

const outboxApi: OutboxApi = {
  upload: (blob, type) => api.uploadReportPhoto(blob, type),
  create: (body) => api.createReport(body),
};

type Listener = (outcome: Outcome) => void;
const listeners = new Set<Listener>();

/** Told about every send (from the page or from the outbox when the network returns). */
export function onOutcome(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const tell = (outcomes: Outcome[]): void => {
  for (const o of outcomes) for (const l of listeners) l(o);
};

let running: Promise<Outcome[]> | null = null;

/** Sends what waits in the outbox (one run at a time). */
export function flushOutbox(): Promise<Outcome[]> {
  running ??= flush(draftStore(), outboxApi)
    .then((outcomes) => {
      tell(outcomes);
      return outcomes;
    })
    .finally(() => {
      running = null;
    });
  return running;
}

/** Sends one draft now (the 发送 button, "me too"). */
export async function sendNow(draft: Draft): Promise<Outcome> {
  if (running) await running.catch(() => undefined);
  const outcome = await sendDraft(draft, draftStore(), outboxApi);
  tell([outcome]);
  return outcome;
}

export async function pending(): Promise<Draft[]> {
  try {
    return (await draftStore().all()).sort((a, b) => b.created - a.created);
  } catch {
    return [];
  }
}

export function discard(id: string): Promise<void> {
  return draftStore().remove(id);
}
