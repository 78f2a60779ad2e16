/**
 * The door's offline state, kept per event in localStorage: the roster last synced (who holds a
 * place, who is in, whether walk-ins are admitted), the queue of scans not yet uploaded, and the
 * log of this device's scans with what the server made of them. Each scan gets a random nonce and
 * its real time when it is made, so an upload retried after a lost answer counts once and the
 * server judges it at the time it happened. A scan leaves the queue only once the server answered
 * for it.
 */

import type { KeyValueStore } from '../shell/i18n';
import { parsePayloadText, platformName, kindCode } from '../passes/credential';
import type { CheckinAnswer, DoorScan, ScanResultName } from './api';

/** What the door says on the spot, before the server has seen the scan. */
/** `later`: the door cannot tell (a typed digit code, or no roster synced yet); the server decides. */
export type LocalVerdict = 'registered' | 'walk_in' | 'not_registered' | 'unreadable' | 'later' | 'out';

export interface Roster {
  walk_ins: boolean;
  /** Workers holding a place (confirmed or offered). */
  registered: number[];
  /** Workers the server holds a verified check-in of. */
  checked_in: number[];
  synced_at: number;
}

export interface LoggedScan {
  nonce: string;
  scanned_at: number;
  direction: 'in' | 'out';
  worker_id: number | null;
  name: string;
  local: LocalVerdict;
  /** 'queued' until the server answered. */
  state: 'queued' | ScanResultName;
  reason: string | null;
  walk_in: boolean;
}

/** Batches the door uploads at once (the server takes up to 1,000). */
export const BATCH = 500;
/** Scans the log keeps for the list. */
const LOG_LIMIT = 200;

/** 128 random bits, base64url: the scan's nonce. */
export function randomNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export interface PassHolder {
  id: number;
  name: string;
  platform: string;
  kind: string;
}

/** The worker a pass text names (read, not verified: the server checks the signatures), or null. */
export function readPass(text: string): PassHolder | null {
  try {
    const { credential } = parsePayloadText(text);
    return { id: credential.workerId, name: credential.name, platform: platformName(credential.platformIndex), kind: kindCode(credential.kindIndex) };
  } catch {
    return null;
  }
}

/** Ten digits (spaces allowed): a worker's typed code, which only the server can match. */
export const isTypedCode = (text: string): boolean => /^\d{10}$/.test(text.replace(/\s+/g, ''));

/** The door's verdict on the spot: by the roster, for a pass it can read. */
export function localVerdict(text: string, direction: 'in' | 'out', roster: Roster | null): { verdict: LocalVerdict; holder: PassHolder | null } {
  if (isTypedCode(text)) return { verdict: 'later', holder: null };
  const holder = readPass(text);
  if (!holder) return { verdict: 'unreadable', holder: null };
  if (direction === 'out') return { verdict: 'out', holder };
  if (!roster) return { verdict: 'later', holder };
  if (roster.registered.includes(holder.id)) return { verdict: 'registered', holder };
  return { verdict: roster.walk_ins ? 'walk_in' : 'not_registered', holder };
}

/** Whether a local verdict lets the person in (the scan is queued for the server either way, except unreadable ones). */
export const admitted = (verdict: LocalVerdict): boolean => verdict === 'registered' || verdict === 'walk_in' || verdict === 'later' || verdict === 'out';

export class DoorQueue {
  private inFlight: Promise<number> | null = null;

  constructor(
    private readonly store: KeyValueStore,
    readonly eventId: number,
  ) {}

  private key(what: 'queue' | 'log' | 'roster' | 'seen'): string {
    return `youhao.door.${what}.${this.eventId}`;
  }

  private read<T>(what: 'queue' | 'log' | 'roster' | 'seen', fallback: T): T {
    try {
      const text = this.store.getItem(this.key(what));
      return text ? (JSON.parse(text) as T) : fallback;
    } catch {
      return fallback;
    }
  }

  private write(what: 'queue' | 'log' | 'roster' | 'seen', value: unknown): void {
    this.store.setItem(this.key(what), JSON.stringify(value));
  }

  pending(): DoorScan[] {
    const scans = this.read<unknown>('queue', []);
    return Array.isArray(scans) ? (scans as DoorScan[]) : [];
  }

  log(): LoggedScan[] {
    const scans = this.read<unknown>('log', []);
    return Array.isArray(scans) ? (scans as LoggedScan[]) : [];
  }

  roster(): Roster | null {
    return this.read<Roster | null>('roster', null);
  }

  /** Replaces the roster by the server's; the server's check-ins join those this device saw. */
  setRoster(roster: Roster): void {
    this.write('roster', roster);
    this.see(roster.checked_in);
  }

  private seen(): number[] {
    const ids = this.read<unknown>('seen', []);
    return Array.isArray(ids) ? (ids as number[]) : [];
  }

  private see(ids: Iterable<number>): void {
    const all = new Set(this.seen());
    const before = all.size;
    for (const id of ids) all.add(id);
    if (all.size !== before) this.write('seen', [...all]);
  }

  /** Workers checked in, as far as this device knows: the server's and its own admitted scans. */
  checkedIn(): number {
    return this.seen().length;
  }

  /** Queues a scan and logs it with the door's verdict; unreadable codes are logged only. */
  record(scan: DoorScan, local: LocalVerdict, holder: PassHolder | null, label: string): LoggedScan {
    const entry: LoggedScan = { nonce: scan.nonce, scanned_at: scan.scanned_at, direction: scan.direction, worker_id: holder?.id ?? null, name: holder?.name ?? label, local, state: 'queued', reason: null, walk_in: local === 'walk_in' };
    if (local !== 'unreadable') {
      const queue = this.pending();
      if (!queue.some((s) => s.nonce === scan.nonce)) queue.push(scan);
      this.write('queue', queue);
    } else {
      entry.state = 'refused';
      entry.reason = 'pass_malformed';
    }
    this.write('log', [entry, ...this.log()].slice(0, LOG_LIMIT));
    if (holder && scan.direction === 'in' && admitted(local)) this.see([holder.id]);
    return entry;
  }

  /** Takes the server's answer for `sent`: they leave the queue and the log shows each result. */
  private settle(sent: DoorScan[], answer: CheckinAnswer): void {
    const done = new Set(sent.map((s) => s.nonce));
    this.write('queue', this.pending().filter((s) => !done.has(s.nonce)));
    const byNonce = new Map(answer.items.map((item) => [item.nonce, item]));
    const verifiedIn = new Set<number>();
    const log = this.log().map((entry) => {
      const item = byNonce.get(entry.nonce);
      if (!item) return entry;
      if (item.result === 'verified' && entry.direction === 'in' && item.worker) verifiedIn.add(item.worker.id);
      return { ...entry, state: item.result, reason: item.reason, walk_in: item.walk_in, name: item.worker?.name ?? entry.name, worker_id: item.worker?.id ?? entry.worker_id };
    });
    this.write('log', log);
    this.see(verifiedIn);
  }

  /**
   * Uploads the queue in batches; resolves with how many scans left it. Only one upload runs at a
   * time (a second call joins the first); a failed batch stays queued for the next try.
   */
  flush(upload: (scans: DoorScan[]) => Promise<CheckinAnswer>, batch = BATCH): Promise<number> {
    if (this.inFlight) return this.inFlight;
    const run = async (): Promise<number> => {
      let sent = 0;
      for (;;) {
        const scans = this.pending().slice(0, batch);
        if (scans.length === 0) return sent;
        const answer = await upload(scans);
        this.settle(scans, answer);
        sent += scans.length;
      }
    };
    this.inFlight = run().finally(() => (this.inFlight = null));
    return this.inFlight;
  }
}
