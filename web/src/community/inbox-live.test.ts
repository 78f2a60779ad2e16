// The live inbox with a fake EventSource and the state call mocked: one stream per tab shared by
// its watchers, the last state given to a new watcher at once, polling while no stream is open, a
// new stream for another account, and nothing left open once nobody watches.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const asked = vi.hoisted(() => ({ states: [] as Array<{ unread: number; latest: number }>, calls: 0 }));
vi.mock('./api', () => ({
  inboxEventsUrl: '/api/v1/notifications/events',
  inboxState: vi.fn(async () => {
    asked.calls++;
    return asked.states.shift() ?? { unread: 0, latest: 0 };
  }),
}));

import { announceInbox, INBOX_POLL_MS, watchInbox } from './inbox-live';

class FakeEventSource {
  static CLOSED = 2;
  static made: FakeEventSource[] = [];
  readyState = 0;
  closed = false;
  private listeners = new Map<string, Array<(e: unknown) => void>>();
  constructor(readonly url: string) {
    FakeEventSource.made.push(this);
  }
  addEventListener(type: string, listener: (e: unknown) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
  emit(type: string, data?: unknown): void {
    if (type === 'open') this.readyState = 1;
    for (const l of this.listeners.get(type) ?? []) l({ data: JSON.stringify(data) });
  }
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

beforeEach(() => {
  vi.useFakeTimers();
  FakeEventSource.made = [];
  asked.states = [];
  asked.calls = 0;
  vi.stubGlobal('EventSource', FakeEventSource);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the live inbox', () => {
  it('shares one stream between watchers and hands the last state to a newcomer', async () => {
    const bell: number[] = [];
    const page: number[] = [];
    const stopBell = watchInbox('demo-grid', (s) => bell.push(s.unread), () => true);
    expect(FakeEventSource.made).toHaveLength(1);
    expect(FakeEventSource.made[0]!.url).toBe('/api/v1/notifications/events');
    await flush(); // the first poll: {0, 0}
    const stream = FakeEventSource.made[0]!;
    stream.emit('open');
    stream.emit('inbox', { unread: 2, latest: 40 });
    const stopPage = watchInbox('demo-grid', (s) => page.push(s.unread), () => true);
    expect(FakeEventSource.made).toHaveLength(1);
    expect(page).toEqual([2]);
    stream.emit('inbox', { unread: 3, latest: 41 });
    stream.emit('inbox', { nonsense: true });
    expect(bell).toEqual([0, 2, 3]);
    expect(page).toEqual([2, 3]);
    announceInbox({ unread: 0, latest: 41 });
    expect(bell.at(-1)).toBe(0);
    // While the stream is open, nothing is polled.
    const polls = asked.calls;
    vi.advanceTimersByTime(INBOX_POLL_MS * 3);
    await flush();
    expect(asked.calls).toBe(polls);
    stopPage();
    expect(stream.closed).toBe(false);
    stopBell();
    expect(stream.closed).toBe(true);
  });

  it('polls every 30 s while the stream is refused, and tries the stream again', async () => {
    asked.states = [{ unread: 1, latest: 5 }, { unread: 4, latest: 9 }];
    const seen: number[] = [];
    const stop = watchInbox('demo-worker', (s) => seen.push(s.unread), () => true);
    await flush();
    expect(seen).toEqual([1]);
    const refused = FakeEventSource.made[0]!;
    refused.readyState = 2;
    refused.emit('error');
    vi.advanceTimersByTime(INBOX_POLL_MS);
    await flush();
    expect(seen).toEqual([1, 4]);
    expect(FakeEventSource.made).toHaveLength(2);
    stop();
    expect(FakeEventSource.made[1]!.closed).toBe(true);
  });

  it('drops watchers whose element left the page, and starts afresh for another account', async () => {
    let onPage = true;
    const old: number[] = [];
    watchInbox('demo-grid', (s) => old.push(s.unread), () => onPage);
    await flush();
    const first = FakeEventSource.made[0]!;
    onPage = false;
    first.emit('inbox', { unread: 1, latest: 2 });
    expect(old).toEqual([0]);
    expect(first.closed).toBe(true);

    watchInbox('demo-keeper', () => undefined, () => true);
    const second = FakeEventSource.made[1]!;
    const fresh: number[] = [];
    const stopFresh = watchInbox('demo-worker', (s) => fresh.push(s.unread), () => true);
    expect(second.closed).toBe(true);
    expect(FakeEventSource.made).toHaveLength(3);
    expect(fresh).toEqual([]);
    stopFresh();
  });
});
