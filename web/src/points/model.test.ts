import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../shell/types';
import type { MyPoints } from './api';
import { SubmissionKey, beijingStamp, newestFirst, conservationHolds, keepPoints, keptKey, keptPoints, newClientId, parsePoints, recentAwards, rememberReversed, reversedHere, reversedKey, serverWords, signedPoints } from './model';

function memoryStore(): { getItem(k: string): string | null; setItem(k: string, v: string): void; data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('points model', () => {
  it('signs amounts with a true minus', () => {
    expect(signedPoints(12)).toBe('+12');
    expect(signedPoints(-5)).toBe('\u22125');
    expect(signedPoints(0)).toBe('0');
  });

  it('orders a history newest first by time, then by id', () => {
    const lines = [
      { id: 5, at: 100 },
      { id: 4, at: 300 },
      { id: 3, at: 300 },
      { id: 9, at: 200 },
    ];
    expect(newestFirst(lines).map((l) => l.id)).toEqual([4, 3, 9, 5]);
    expect(lines[0]!.id).toBe(5); // a copy, the answer is left as it came
  });

  it('stamps in Beijing time across the date line', () => {
    // 2026-12-31T17:30:00Z is 01:30 on 1 January 2027 in Beijing.
    expect(beijingStamp(Date.UTC(2026, 11, 31, 17, 30) / 1000)).toBe('2027-01-01 01:30');
    expect(beijingStamp(Number.NaN)).toBe('');
  });

  it('makes client ids the server accepts', () => {
    const id = newClientId('award');
    expect(id).toMatch(/^[A-Za-z0-9._:-]{1,64}$/);
    expect(id.startsWith('award:')).toBe(true);
    expect(newClientId('x', () => 'y'.repeat(100))).toHaveLength(64);
    expect(newClientId('award')).not.toBe(id);
  });

  it('reuses a submission’s id on a retry and a double tap, and only then', () => {
    let n = 0;
    const key = new SubmissionKey('award', (p) => `${p}:${++n}`);
    const first = key.idFor('17|12|巡查');
    expect(key.idFor('17|12|巡查')).toBe(first); // the retry after a network failure
    expect(key.idFor('17|13|巡查')).not.toBe(first); // the officer changed the amount
    const changed = key.idFor('17|13|巡查');
    key.done(); // answered: the next award is a new transfer, even with the same words
    expect(key.idFor('17|13|巡查')).not.toBe(changed);
  });

  it('states the law and doubts a sum that does not add up', () => {
    expect(conservationHolds({ issued: 100, pools: 60, workers: 30, spent: 5, expired: 5, holds: true })).toBe(true);
    expect(conservationHolds({ issued: 100, pools: 60, workers: 30, spent: 5, expired: 5, holds: false })).toBe(false);
    expect(conservationHolds({ issued: 101, pools: 60, workers: 30, spent: 5, expired: 5, holds: true })).toBe(false);
    // Points held for a redemption are still the riders': they count on the right-hand side.
    expect(conservationHolds({ issued: 100, pools: 60, workers: 27, held: 3, spent: 5, expired: 5, holds: true })).toBe(true);
    expect(conservationHolds({ issued: 100, pools: 60, workers: 30, held: 3, spent: 5, expired: 5, holds: true })).toBe(false);
  });

  it('keeps the last answer per account and ignores a broken copy', () => {
    const store = memoryStore();
    const answer: MyPoints = { balance: 70, earned: 90, history: [{ id: 3, at: 1, delta: 20, kind: 'award', reason: 'x', counterparty: '市级积分池', counterparty_kind: 'pool' }] };
    keepPoints(store, 7, answer, 1234);
    expect(keptPoints(store, 7)).toEqual({ answer, saved: 1234 });
    expect(keptPoints(store, 8)).toBeNull();
    store.setItem(keptKey(9), '{not json');
    expect(keptPoints(store, 9)).toBeNull();
    store.setItem(keptKey(10), JSON.stringify({ answer: { balance: 'x' }, saved: 1 }));
    expect(keptPoints(store, 10)).toBeNull();
    expect(keptPoints(null, 7)).toBeNull();
  });

  it('reads points typed in a field', () => {
    expect(parsePoints(' 12 ')).toBe(12);
    for (const bad of ['', '0', '-3', '1.5', 'ten', '100000001', '1e3']) expect(parsePoints(bad), bad).toBeNull();
  });

  it('lists awards newest first and pairs each reversal with one award it undid', () => {
    const entry = (id: number, at: number, action: string, after: unknown, entityId = String(100 + id)): AuditEntry => ({ id, at, actor_login: 'demo-community', action, entity: 'points_transfer', entity_id: entityId, after });
    const award = { amount: 12, source_id: 1, target_id: 9, reason: '巡查' };
    const entries = [
      entry(1, 10, 'points.award', award),
      entry(2, 20, 'points.award', award),
      entry(3, 30, 'points.reversal', { amount: 12, source_id: 9, target_id: 1, reason: '误发' }),
      entry(4, 40, 'points.award', { ...award, amount: 5 }),
      entry(5, 50, 'points.fund', { amount: 1000, source_id: 0, target_id: 1, reason: '预算' }),
      entry(6, 60, 'worker.verify', null),
      entry(7, 70, 'points.award', { amount: 'x' }),
    ];
    const list = recentAwards(entries);
    expect(list.map((a) => [a.transferId, a.amount, a.reversed])).toEqual([
      [104, 5, false],
      [102, 12, true],
      [101, 12, false],
    ]);
    expect(list[1]).toMatchObject({ at: 20, by: 'demo-community', reason: '巡查' });
    // A reversal listed before the award it could undo (out of order) undoes nothing.
    expect(recentAwards([entry(3, 5, 'points.reversal', { amount: 12, source_id: 9, target_id: 1 }), entry(1, 10, 'points.award', award)])[0]!.reversed).toBe(false);
  });
});

describe('refusals', () => {
  it('shows the server’s sentence when it is in the page’s language', () => {
    expect(serverWords('积分不足：账户余额 5 分，需要 12 分', 'zh')).toBe('积分不足：账户余额 5 分，需要 12 分');
    expect(serverWords('no such worker', 'zh')).toBeNull();
    expect(serverWords('no such worker', 'en')).toBe('no such worker');
    expect(serverWords('', 'en')).toBeNull();
    expect(serverWords(undefined, 'zh')).toBeNull();
  });
});

describe('reversals made here', () => {
  it('are remembered, at most 200, and a broken copy is none', () => {
    const store = memoryStore();
    expect(reversedHere(store).size).toBe(0);
    rememberReversed(store, 15);
    rememberReversed(store, 15);
    rememberReversed(store, 16);
    expect([...reversedHere(store)]).toEqual([15, 16]);
    for (let id = 100; id < 400; id++) rememberReversed(store, id);
    const ids = reversedHere(store);
    expect(ids.size).toBe(200);
    expect(ids.has(399)).toBe(true);
    expect(ids.has(15)).toBe(false);
    store.setItem(reversedKey, '{"x":1}');
    expect(reversedHere(store).size).toBe(0);
  });
});
