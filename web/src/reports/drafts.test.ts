// The outbox of report drafts: photos uploaded once, the draft kept until the report exists,
// the same client_id on every try, 409 possible_duplicate → "me too" with join, 429 kept.
import { describe, expect, it } from 'vitest';
import { due, flush, joinDuplicate, memoryStore, newDraft, sendDraft, type OutboxApi } from './drafts';
import type { CreateBody, FormState, Report } from './model';

const form: FormState = { category: 'fire_lane', difficulty: null, description: '消防通道被堵', lat: 39.99, lon: 116.33, address: '', compound: '' };
const blob = (text: string): Blob => new Blob([text], { type: 'image/jpeg' });
const report = (id: number, me_too = 0): Report => ({ id, category: 'fire_lane', status: 'submitted', description: '', lat: 0, lon: 0, photos: [], me_too, created_at: '' });

function fakeApi(script: Array<'ok' | 'offline' | 'dup' | 'own' | 'limited' | 'bad'>) {
  const calls: { uploads: string[]; creates: CreateBody[] } = { uploads: [], creates: [] };
  let next = 1;
  let uploadOffline = false;
  const api: OutboxApi & { setUploadOffline(v: boolean): void } = {
    setUploadOffline: (v) => (uploadOffline = v),
    upload: async (b) => {
      if (uploadOffline) throw { status: 0 };
      calls.uploads.push(await b.text());
      const id = next++;
      return { id, url: `/api/v1/report-photos/${id}`, thumbnail_url: `/api/v1/report-photos/${id}?size=thumb` };
    },
    create: async (body) => {
      calls.creates.push(body);
      const step = script.shift() ?? 'ok';
      if (step === 'offline') throw { status: 0, code: 'network' };
      if (step === 'dup') throw { status: 409, code: 'possible_duplicate', problem: { code: 'possible_duplicate', duplicate_of: { id: 5, distance_m: 20, me_too: 1 } } };
      if (step === 'own') throw { status: 409, code: 'already_reported', problem: { code: 'already_reported', duplicate_of: { id: 7, distance_m: 4, me_too: 0, own: true } } };
      if (step === 'limited') throw { status: 429, code: 'rate_limited', detail: '每小时最多上报 10 次', retryAfter: 600 };
      if (step === 'bad') throw { status: 422, code: 'validation_failed', detail: 'lat: outside the city' };
      return body.join ? report(body.join, 2) : report(42);
    },
  };
  return { api, calls };
}

describe('report drafts', () => {
  it('sends a draft: uploads its photos, posts with its client_id, then forgets it', async () => {
    const store = memoryStore();
    const { api, calls } = fakeApi(['ok']);
    const draft = newDraft('d-1', form, [{ key: 'a', type: 'image/jpeg', blob: blob('A'), upload: null }], 1);
    const outcome = await sendDraft(draft, store, api);
    expect(outcome.kind).toBe('sent');
    expect(calls.uploads).toEqual(['A']);
    expect(calls.creates[0]).toMatchObject({ client_id: 'd-1', photo_ids: [1], category: 'fire_lane' });
    expect(store.map.size).toBe(0);
  });

  it('keeps the draft (and its photo) when the connection is lost, and sends it once when it returns', async () => {
    const store = memoryStore();
    const { api, calls } = fakeApi(['offline', 'ok']);
    api.setUploadOffline(true);
    const draft = newDraft('d-2', form, [{ key: 'a', type: 'image/jpeg', blob: blob('A'), upload: null }], 1);
    expect((await sendDraft(draft, store, api)).kind).toBe('offline');
    const kept = await store.get('d-2');
    expect(kept?.state).toBe('queued');
    expect(kept?.photos[0]?.blob).not.toBeNull();

    // Online again: the photo goes up, then the create fails once more (already uploaded: not again).
    api.setUploadOffline(false);
    expect((await flush(store, api)).map((o) => o.kind)).toEqual(['offline']);
    expect((await store.get('d-2'))?.photos[0]?.upload?.id).toBe(1);
    expect((await store.get('d-2'))?.photos[0]?.blob).toBeNull();
    expect((await flush(store, api)).map((o) => o.kind)).toEqual(['sent']);
    expect(calls.uploads).toEqual(['A']);
    expect(calls.creates.map((c) => c.client_id)).toEqual(['d-2', 'd-2']);
    expect(calls.creates[1]!.photo_ids).toEqual([1]);
    expect(store.map.size).toBe(0);
  });

  it('offers "me too" on a 409 duplicate and resends with join', async () => {
    const store = memoryStore();
    const { api, calls } = fakeApi(['dup', 'ok']);
    const first = await sendDraft(newDraft('d-3', form, [], 1), store, api);
    expect(first).toMatchObject({ kind: 'duplicate', of: { id: 5, me_too: 1 } });
    expect((await store.get('d-3'))?.state).toBe('duplicate');
    // A duplicate waits for the rider's answer: the outbox does not resend it by itself.
    expect(due(await store.all(), 2)).toEqual([]);
    const joined = await joinDuplicate(first.draft, store);
    const second = await sendDraft(joined, store, api);
    expect(second.kind).toBe('sent');
    expect(calls.creates[1]).toMatchObject({ client_id: 'd-3', join: 5 });
    if (second.kind === 'sent') expect(second.report).toMatchObject({ id: 5, me_too: 2 });
  });

  it('drops a draft whose rider already reported it nearby (409 already_reported), with the report to look at', async () => {
    const store = memoryStore();
    const { api, calls } = fakeApi(['offline', 'own']);
    await sendDraft(newDraft('d-6', form, [], 1), store, api);
    expect(store.map.size).toBe(1);
    // Sent by the outbox when the network returns: the rider's own report is 4 m away.
    const outcomes = await flush(store, api);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ kind: 'already', of: { id: 7, own: true } });
    expect(calls.creates.map((c) => c.join)).toEqual([undefined, undefined]);
    expect(store.map.size).toBe(0);
    expect(due(await store.all(), 2)).toEqual([]);
  });

  it('keeps a rate-limited draft with the server’s words until the wait is over', async () => {
    const store = memoryStore();
    const { api } = fakeApi(['limited']);
    const outcome = await sendDraft(newDraft('d-4', form, [], 1), store, api, () => 1000);
    expect(outcome).toMatchObject({ kind: 'rate_limited', message: '每小时最多上报 10 次', retryAfter: 600 });
    const kept = (await store.get('d-4'))!;
    expect(kept.retry_at).toBe(1000 + 600_000);
    expect(due([kept], 1000 + 599_000)).toEqual([]);
    expect(due([kept], 1000 + 600_000)).toHaveLength(1);
  });

  it('keeps a refused draft as failed with the reason, and does not retry it by itself', async () => {
    const store = memoryStore();
    const { api } = fakeApi(['bad']);
    const outcome = await sendDraft(newDraft('d-5', form, [], 1), store, api);
    expect(outcome).toMatchObject({ kind: 'failed', status: 422, message: 'lat: outside the city' });
    expect(due(await store.all(), 2)).toEqual([]);
  });

  it('sends the oldest first and stops at the first connection failure', async () => {
    const store = memoryStore();
    const { api, calls } = fakeApi(['ok', 'offline', 'ok']);
    await store.put(newDraft('late', form, [], 30));
    await store.put(newDraft('early', form, [], 10));
    await store.put(newDraft('middle', form, [], 20));
    expect((await flush(store, api)).map((o) => o.kind)).toEqual(['sent', 'offline']);
    expect(calls.creates.map((c) => c.client_id)).toEqual(['early', 'middle']);
    expect([...store.map.keys()].sort()).toEqual(['late', 'middle']);
  });
});
