/**
 * The gate's offline scan queue: scans decided locally wait here (localStorage) until the gate is
 * online, then go to POST /api/v1/gate/events. Each has a random client_event_id, so an upload
 * that is retried after a lost answer is not counted twice; an event leaves the queue only after
 * the server answered for it. Each carries the code the gate read (`scanned`), which the server
 * verifies on upload; entries queued before gates kept it upload as they are and are stored as
 * unverified claims.
 */

import type { KeyValueStore } from '../shell/i18n';

export interface GateEvent {
  client_event_id: string;
  compound: string;
  gate: number;
  worker_id: number;
  pass_id: number;
  direction: 'in' | 'out';
  at: number;
  allowed: boolean;
  code: string;
  /** The pass text the gate decoded ("YH1:…"): the evidence the server checks. */
  scanned?: string;
  /** Shown in the gate's list while queued; not uploaded. */
  name?: string;
}

export interface UploadAnswer {
  accepted: number;
  duplicates: number;
  /** Of the accepted events, how many the server verified from their code, and how many not. */
  verified?: number;
  unverified?: number;
}

/** 128 random bits as a UUID v4 (crypto.getRandomValues also works outside secure contexts). */
export function randomEventId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export class EventQueue {
  private inFlight: Promise<number> | null = null;

  constructor(
    private readonly store: KeyValueStore,
    private readonly key = 'youhao.gate.queue',
  ) {}

  list(): GateEvent[] {
    try {
      const parsed: unknown = JSON.parse(this.store.getItem(this.key) ?? '[]');
      return Array.isArray(parsed) ? (parsed as GateEvent[]) : [];
    } catch {
      return [];
    }
  }

  get size(): number {
    return this.list().length;
  }

  add(event: GateEvent): void {
    const events = this.list();
    if (!events.some((e) => e.client_event_id === event.client_event_id)) events.push(event);
    this.store.setItem(this.key, JSON.stringify(events));
  }

  private remove(ids: Set<string>): void {
    this.store.setItem(this.key, JSON.stringify(this.list().filter((e) => !ids.has(e.client_event_id))));
  }

  /**
   * Uploads the queue in batches; resolves with how many events left the queue. Only one upload
   * runs at a time (a second call joins the first). A failed batch stays queued for the next try.
   */
  flush(upload: (events: GateEvent[]) => Promise<UploadAnswer>, batch = 100): Promise<number> {
    if (this.inFlight) return this.inFlight;
    const run = async (): Promise<number> => {
      let sent = 0;
      for (;;) {
        const events = this.list().slice(0, batch);
        if (events.length === 0) return sent;
        await upload(events);
        this.remove(new Set(events.map((e) => e.client_event_id)));
        sent += events.length;
      }
    };
    this.inFlight = run().finally(() => (this.inFlight = null));
    return this.inFlight;
  }
}
