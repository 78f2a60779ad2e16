import { describe, expect, it } from 'vitest';
import { EventQueue, randomEventId, type GateEvent } from './queue';
import { MemoryStore } from './testkit';

const event = (id: string): GateEvent => ({ client_event_id: id, compound: 'C', gate: 1, worker_id: 7, pass_id: 9, direction: 'in', at: 1, allowed: true, code: 'pass_ok' });

describe('EventQueue', () => {
  it('makes distinct v4 ids', () => {
    const ids = new Set(Array.from({ length: 200 }, randomEventId));
    expect(ids.size).toBe(200);
    expect([...ids][0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('keeps events across instances and ignores a duplicate id', () => {
    const store = new MemoryStore();
    new EventQueue(store).add(event('a'));
    new EventQueue(store).add(event('a'));
    new EventQueue(store).add(event('b'));
    expect(new EventQueue(store).size).toBe(2);
  });

  it('uploads in batches and removes only what was answered', async () => {
    const store = new MemoryStore();
    const q = new EventQueue(store);
    for (let i = 0; i < 5; i++) q.add(event(`e${i}`));
    const seen: string[][] = [];
    let calls = 0;
    const failing = async (events: GateEvent[]) => {
      if (++calls === 2) throw new Error('network');
      seen.push(events.map((e) => e.client_event_id));
      return { accepted: events.length, duplicates: 0 };
    };
    await expect(q.flush(failing, 2)).rejects.toThrow('network');
    expect(q.size).toBe(3);
    expect(await q.flush(failing, 2)).toBe(3);
    expect(q.size).toBe(0);
    expect(seen.flat()).toEqual(['e0', 'e1', 'e2', 'e3', 'e4']);
  });

  it('uploads each scan with the code the gate read, and entries queued before gates kept it as they are', async () => {
    const store = new MemoryStore();
    const { scanned: _none, ...legacy } = { ...event('old'), scanned: undefined };
    store.setItem('youhao.gate.queue', JSON.stringify([legacy]));
    const q = new EventQueue(store);
    q.add({ ...event('new'), scanned: 'YH1:ABC' });
    const uploaded: GateEvent[] = [];
    expect(await q.flush(async (events) => (uploaded.push(...events), { accepted: events.length, duplicates: 0, verified: 1, unverified: 1 }))).toBe(2);
    expect(uploaded.map((e) => [e.client_event_id, e.scanned])).toEqual([
      ['old', undefined],
      ['new', 'YH1:ABC'],
    ]);
    expect(q.size).toBe(0);
  });

  it('runs one upload at a time and keeps events added meanwhile', async () => {
    const q = new EventQueue(new MemoryStore());
    q.add(event('a'));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const calls: number[] = [];
    const upload = async (events: GateEvent[]) => {
      calls.push(events.length);
      await gate;
      return { accepted: events.length, duplicates: 0 };
    };
    const first = q.flush(upload);
    const second = q.flush(upload);
    expect(second).toBe(first);
    q.add(event('b'));
    release();
    expect(await first).toBe(2);
    expect(calls).toEqual([1, 1]);
    expect(q.size).toBe(0);
  });
});
