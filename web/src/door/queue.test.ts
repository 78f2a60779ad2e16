import { describe, expect, it } from 'vitest';
import { credential, MemoryStore, payload } from '../passes/testkit';
import type { CheckinAnswer, DoorScan } from './api';
import { DoorQueue, localVerdict, randomNonce, readPass, type Roster } from './queue';

const roster = (overrides: Partial<Roster> = {}): Roster => ({ walk_ins: false, registered: [77], checked_in: [], synced_at: 1, ...overrides });
const pass77 = payload();
const pass88 = payload({ cred: credential({ workerId: 88, name: '李路过' }) });
const scan = (nonce: string, code = pass77, direction: 'in' | 'out' = 'in'): DoorScan => ({ nonce, code, scanned_at: 1_800_000_000, direction, method: 'manual' });

describe('door nonces and passes', () => {
  it('makes distinct url-safe nonces the server accepts', () => {
    const nonces = new Set(Array.from({ length: 200 }, randomNonce));
    expect(nonces.size).toBe(200);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('reads the worker a pass names, and nothing from other text', () => {
    expect(readPass(pass77)).toEqual({ id: 77, name: '王小骑', platform: '美团', kind: 'food' });
    expect(readPass(`${pass77}\r\n`)?.id).toBe(77);
    expect(readPass('YH1:garbage')).toBeNull();
    expect(readPass('hello')).toBeNull();
  });
});

describe('the door’s verdict on the spot', () => {
  it('lets in the registered, flags walk-ins where allowed, refuses the rest', () => {
    expect(localVerdict(pass77, 'in', roster()).verdict).toBe('registered');
    expect(localVerdict(pass88, 'in', roster()).verdict).toBe('not_registered');
    expect(localVerdict(pass88, 'in', roster({ walk_ins: true })).verdict).toBe('walk_in');
    expect(localVerdict(pass88, 'out', roster()).verdict).toBe('out');
  });

  it('leaves to the server what it cannot tell', () => {
    expect(localVerdict(pass77, 'in', null).verdict).toBe('later');
    expect(localVerdict('1234 567 890', 'in', roster()).verdict).toBe('later');
    expect(localVerdict('not a pass', 'in', roster()).verdict).toBe('unreadable');
  });
});

describe('DoorQueue', () => {
  it('queues scans per event, counts who came in once, and keeps unreadable codes out of the queue', () => {
    const store = new MemoryStore();
    const queue = new DoorQueue(store, 5);
    queue.setRoster(roster());
    queue.record(scan('nonce-aaaa-1'), 'registered', readPass(pass77), '');
    queue.record(scan('nonce-aaaa-2'), 'registered', readPass(pass77), '');
    queue.record(scan('nonce-aaaa-3', 'junk'), 'unreadable', null, '?');
    queue.record(scan('nonce-aaaa-4', pass88), 'not_registered', readPass(pass88), '');
    const again = new DoorQueue(store, 5);
    expect(again.pending().map((s) => s.nonce)).toEqual(['nonce-aaaa-1', 'nonce-aaaa-2', 'nonce-aaaa-4']);
    expect(again.checkedIn()).toBe(1);
    expect(again.log()[1]).toMatchObject({ nonce: 'nonce-aaaa-3', state: 'refused' });
    expect(new DoorQueue(store, 6).pending()).toEqual([]);
  });

  it('a scan before any roster leaves the next verdicts to the server too', () => {
    const queue = new DoorQueue(new MemoryStore(), 7);
    queue.record(scan('nonce-dddd-1'), 'later', readPass(pass77), '');
    expect(queue.roster()).toBeNull();
    expect(localVerdict(pass88, 'in', queue.roster()).verdict).toBe('later');
    expect(queue.checkedIn()).toBe(1);
    queue.setRoster(roster({ checked_in: [77, 99] }));
    expect(queue.checkedIn()).toBe(2);
  });

  it('uploads in batches, settles each scan with the server’s answer, and keeps a failed batch', async () => {
    const store = new MemoryStore();
    const queue = new DoorQueue(store, 5);
    queue.setRoster(roster({ walk_ins: true }));
    for (let i = 0; i < 5; i++) queue.record(scan(`nonce-bbbb-${i}`, i === 4 ? pass88 : pass77), i === 4 ? 'walk_in' : 'registered', readPass(i === 4 ? pass88 : pass77), '');
    const batches: number[] = [];
    const answer = (scans: DoorScan[]): CheckinAnswer => ({
      accepted: scans.length,
      duplicates: 0,
      verified: scans.length,
      refused: 0,
      items: scans.map((s) => ({ nonce: s.nonce, result: 'verified', reason: null, worker: { id: s.code === pass88 ? 88 : 77, name: 'x', kind: 'food', platform: '美团' }, walk_in: s.code === pass88 })),
    });
    let fail = true;
    const upload = async (scans: DoorScan[]): Promise<CheckinAnswer> => {
      batches.push(scans.length);
      if (batches.length === 2 && fail) {
        fail = false;
        throw new Error('network');
      }
      return answer(scans);
    };
    await expect(queue.flush(upload, 2)).rejects.toThrow('network');
    expect(queue.pending()).toHaveLength(3);
    expect(await queue.flush(upload, 2)).toBe(3);
    expect(batches).toEqual([2, 2, 2, 1]);
    expect(queue.pending()).toEqual([]);
    expect(queue.log().every((s) => s.state === 'verified')).toBe(true);
    expect(queue.log().find((s) => s.nonce === 'nonce-bbbb-4')?.walk_in).toBe(true);
    expect(queue.checkedIn()).toBe(2);
  });

  it('a second flush while one runs joins it', async () => {
    const queue = new DoorQueue(new MemoryStore(), 5);
    queue.record(scan('nonce-cccc-1'), 'later', readPass(pass77), '');
    let calls = 0;
    const upload = async (scans: DoorScan[]): Promise<CheckinAnswer> => {
      calls++;
      await new Promise((r) => setTimeout(r, 5));
      return { accepted: 1, duplicates: 0, verified: 1, refused: 0, items: scans.map((s) => ({ nonce: s.nonce, result: 'duplicate', reason: null, worker: null, walk_in: false })) };
    };
    const [a, b] = await Promise.all([queue.flush(upload), queue.flush(upload)]);
    expect([a, b, calls]).toEqual([1, 1, 1]);
    expect(queue.log()[0]?.state).toBe('duplicate');
  });
});
