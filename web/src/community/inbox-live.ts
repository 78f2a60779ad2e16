/**
 * The inbox, live: one EventSource per tab on GET /api/v1/notifications/events, shared by the bell
 * and the notifications page. Each `event: inbox` carries {unread, latest}. While no stream is open
 * (no EventSource, the stream refused or down), the same state is fetched every 30 s instead. A
 * watcher gets the last state at once and each change after; it is dropped once `alive()` says
 * false (its element left the page), and the stream closes when nobody watches.
 */

import { inboxEventsUrl, inboxState, type InboxState } from './api';

type Listener = (state: InboxState) => void;
interface Watcher {
  listener: Listener;
  alive: () => boolean;
}

export const INBOX_POLL_MS = 30_000;

let owner: string | null = null;
let source: EventSource | null = null;
let streaming = false;
let last: InboxState | null = null;
let timer: ReturnType<typeof setInterval> | undefined;
const watchers = new Set<Watcher>();

function isState(value: unknown): value is InboxState {
  const v = value as InboxState | null;
  return !!v && Number.isInteger(v.unread) && Number.isInteger(v.latest);
}

function prune(): void {
  for (const w of [...watchers]) if (!w.alive()) watchers.delete(w);
  if (watchers.size === 0) stop();
}

function publish(state: InboxState): void {
  last = state;
  for (const w of [...watchers]) {
    if (w.alive()) w.listener(state);
    else watchers.delete(w);
  }
  if (watchers.size === 0) stop();
}

function poll(): void {
  const asked = owner;
  inboxState().then(
    (state) => {
      if (owner === asked && owner !== null && isState(state)) publish(state);
    },
    () => undefined,
  );
}

function open(): void {
  if (typeof EventSource === 'undefined') return;
  const stream = new EventSource(inboxEventsUrl);
  source = stream;
  stream.addEventListener('inbox', (event) => {
    if (source !== stream) return;
    try {
      const state: unknown = JSON.parse((event as MessageEvent<string>).data);
      if (isState(state)) publish(state);
    } catch {
      // Not ours to read: the next event or poll says it again.
    }
  });
  stream.addEventListener('open', () => {
    if (source === stream) streaming = true;
  });
  stream.addEventListener('error', () => {
    if (source !== stream) return;
    streaming = false;
    // Refused for good (a 4xx or 5xx answer): polling carries on, and the stream is tried again later.
    if (stream.readyState === EventSource.CLOSED) source = null;
  });
}

function tick(): void {
  prune();
  if (owner === null) return;
  if (!streaming) poll();
  if (source === null) open();
}

function start(login: string): void {
  owner = login;
  open();
  // The first state without waiting for the stream (a proxy may hold a stream's first bytes).
  poll();
  timer = setInterval(tick, INBOX_POLL_MS);
}

function stop(): void {
  source?.close();
  source = null;
  streaming = false;
  owner = null;
  last = null;
  if (timer !== undefined) clearInterval(timer);
  timer = undefined;
}

/**
 * Calls `listener` with `login`'s inbox now (when known) and whenever it changes, while `alive()`;
 * returns a function that stops it. A different login than the one watched so far starts afresh
 * (another account signed in on this tab).
 */
export function watchInbox(login: string, listener: Listener, alive: () => boolean): () => void {
  if (owner !== login) {
    stop();
    watchers.clear();
  }
  const watcher: Watcher = { listener, alive };
  watchers.add(watcher);
  if (owner === null) start(login);
  else if (last) listener(last);
  return () => {
    watchers.delete(watcher);
    if (watchers.size === 0) stop();
  };
}

/** Tells every watcher of a change this tab made itself (notifications marked read), before the server says so. */
export function announceInbox(state: InboxState): void {
  if (owner !== null) publish(state);
}
