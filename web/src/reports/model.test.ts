import { describe, expect, it } from 'vitest';
import {
  actionBody,
  beijingStamp,
  buttonsFor,
  CATEGORIES,
  createBody,
  duplicateOf,
  formProblem,
  fresher,
  isFinished,
  newClientId,
  parseQueue,
  peopleCount,
  photoIdOf,
  queueQuery,
  queueSearch,
  slaClock,
  SLA_HOURS,
  statusTone,
  type FormState,
  type Report,
} from './model';
import { categoryName, reportDictionaries, statusName, trMaybe } from './messages';

const form = (over: Partial<FormState> = {}): FormState => ({ category: 'fire_lane', difficulty: null, description: '三辆电动车堵住消防通道', lat: 39.991751, lon: 116.3287, address: '', compound: '', ...over });

const report = (over: Partial<Report> = {}): Report => ({ id: 42, category: 'fire_lane', status: 'accepted', description: '', lat: 39.99, lon: 116.33, photos: [], me_too: 0, created_at: '2026-11-23T19:00:00+08:00', ...over });

describe('categories and statuses', () => {
  it('has the contract’s eleven categories with Chinese names and an SLA each', () => {
    expect([...CATEGORIES].sort()).toEqual(['facility', 'fire_lane', 'food_safety', 'fraud', 'hazard', 'other', 'own_difficulty', 'sanitation', 'stray_animal', 'traffic', 'welfare']);
    expect(categoryName('fire_lane')).toBe('消防通道堵塞');
    expect(categoryName('own_difficulty')).toBe('骑手自身困难');
    expect(categoryName('welfare')).toBe('困难群众关怀');
    expect(categoryName('hazard', '安全隐患（服务器）')).toBe('安全隐患（服务器）');
    expect(SLA_HOURS.fire_lane).toBe(4);
    expect(SLA_HOURS.other).toBe(120);
    for (const c of CATEGORIES) expect(reportDictionaries.en[`cat.${c}` as 'cat.other']).toBeTruthy();
  });

  it('labels every status in Chinese, the server’s label first', () => {
    expect(['submitted', 'accepted', 'dispatched', 'in_progress', 'resolved', 'confirmed', 'closed', 'reopened'].map((s) => statusName(s))).toEqual(['已提交', '已受理', '已派单', '处理中', '已办结', '已确认', '已关闭', '已重新打开']);
    expect(statusName('in_progress', '处理中(服务器)')).toBe('处理中(服务器)');
    expect(statusName('mystery')).toBe('mystery');
    expect(trMaybe('diff.cannot_enter', '')).toBe('进不了门');
  });

  it('gives each status a tone and knows which are finished', () => {
    expect(statusTone('submitted')).toBe('warn');
    expect(statusTone('in_progress')).toBe('accent');
    expect(statusTone('reopened')).toBe('bad');
    expect(statusTone('resolved')).toBe('ok');
    expect(statusTone('closed')).toBe('muted');
    expect(isFinished('resolved') && isFinished('confirmed') && isFinished('closed')).toBe(true);
    expect(isFinished('reopened')).toBe(false);
  });

  it('counts the reporter with the "me too"s', () => {
    expect(peopleCount(0)).toBe(1);
    expect(peopleCount(2)).toBe(3);
  });
});

describe('can → buttons', () => {
  it('keeps the chain’s order and drops unknown actions', () => {
    expect(buttonsFor(['close', 'accept', 'dispatch', 'fly']).map((b) => b.action)).toEqual(['accept', 'dispatch', 'close']);
    expect(buttonsFor(undefined)).toEqual([]);
    expect(buttonsFor(['reopen', 'confirm']).map((b) => b.action)).toEqual(['confirm', 'reopen']);
  });

  it('asks dispatch for an assignee, resolve for a photo, close for a reason, reopen for a note', () => {
    const [dispatch, resolve, reopen, close] = buttonsFor(['dispatch', 'resolve', 'reopen', 'close']);
    expect(dispatch!.needs.assignee).toBe(true);
    expect(resolve!.needs.photo).toBe(true);
    expect(reopen!.needs.note).toBe('required');
    expect(close!.needs.reason).toBe(true);
    expect(close!.tone).toBe('danger');
  });

  it('builds the action bodies of the contract', () => {
    const [accept, dispatch, resolve, reopen, close] = buttonsFor(['accept', 'dispatch', 'resolve', 'reopen', 'close']);
    expect(actionBody(accept!, { note: '  ' })).toEqual({ body: { action: 'accept' } });
    expect(actionBody(dispatch!, { assigneeKind: 'officer', assignee: ' demo-grid ', note: '请跟进' })).toEqual({ body: { action: 'dispatch', note: '请跟进', assignee: { kind: 'officer', login: 'demo-grid' } } });
    expect(actionBody(dispatch!, { assigneeKind: 'department', assignee: '市场监管' })).toEqual({ body: { action: 'dispatch', assignee: { kind: 'department', name: '市场监管' } } });
    expect(actionBody(dispatch!, { assigneeKind: 'officer', assignee: '' })).toEqual({ missing: 'assignee' });
    expect(actionBody(resolve!, { photoId: null })).toEqual({ missing: 'photo' });
    expect(actionBody(resolve!, { photoId: 9, note: '已清理' })).toEqual({ body: { action: 'resolve', note: '已清理', photo_id: 9 } });
    expect(actionBody(reopen!, {})).toEqual({ missing: 'note' });
    expect(actionBody(close!, { reason: 'nope' })).toEqual({ missing: 'reason' });
    expect(actionBody(close!, { reason: 'not_ours' })).toEqual({ body: { action: 'close', reason: 'not_ours' } });
  });
});

describe('SLA clock', () => {
  const now = Date.parse('2026-11-23T20:00:00+08:00');
  it('counts down, warns in the last hour, turns overdue, stops when finished', () => {
    expect(slaClock(report({ due_at: '2026-11-23T23:30:00+08:00' }), now)).toEqual({ state: 'ok', hours: 3, minutes: 30 });
    expect(slaClock(report({ due_at: '2026-11-23T20:45:00+08:00' }), now)).toEqual({ state: 'soon', hours: 0, minutes: 45 });
    expect(slaClock(report({ due_at: '2026-11-23T18:50:00+08:00' }), now)).toEqual({ state: 'overdue', hours: 1, minutes: 10 });
    expect(slaClock(report({ due_at: '2026-11-23T23:00:00+08:00', overdue: true }), now).state).toBe('overdue');
    expect(slaClock(report({ status: 'resolved', due_at: '2026-11-23T18:00:00+08:00' }), now).state).toBe('none');
    expect(slaClock(report({ due_at: null }), now).state).toBe('none');
  });

  it('shows Beijing time whatever the device’s zone', () => {
    expect(beijingStamp('2026-11-23T11:05:00Z')).toBe('11-23 19:05');
    expect(beijingStamp('2026-11-23T19:05:00+08:00', true)).toBe('19:05');
    expect(beijingStamp(null)).toBe('');
  });
});

describe('the staff queue’s URL and query', () => {
  it('reads only known filters', () => {
    expect(parseQueue('?status=submitted&category=fire_lane&area=110108011001')).toEqual({ status: 'submitted', category: 'fire_lane', area: '110108011001' });
    expect(parseQueue('status=bogus&category=<b>&area=x;drop')).toEqual({ status: '', category: '', area: '' });
    expect(queueSearch({ status: 'in_progress', category: '', area: '' })).toBe('?status=in_progress');
    expect(queueSearch({ status: '', category: '', area: '' })).toBe('');
  });

  it('asks the server for the account’s area unless another was chosen', () => {
    expect(queueQuery({ status: '', category: 'hazard', area: '' }, '110108011', null)).toEqual({ area: '110108011', status: undefined, category: 'hazard', limit: 30, cursor: undefined });
    expect(queueQuery({ status: 'submitted', category: '', area: '110108' }, '110108011', 'abc', 10)).toEqual({ area: '110108', status: 'submitted', category: undefined, limit: 10, cursor: 'abc' });
  });
});

describe('the form', () => {
  it('says what is missing, first thing first', () => {
    expect(formProblem(form({ category: null }), 0)).toBe('category');
    expect(formProblem(form({ category: 'own_difficulty' }), 0)).toBe('difficulty');
    expect(formProblem(form({ category: 'own_difficulty', difficulty: 'no_parking', description: '' }), 0)).toBeNull();
    expect(formProblem(form({ lat: null }), 1)).toBe('location');
    expect(formProblem(form({ description: '' }), 0)).toBe('description');
    expect(formProblem(form({ description: '' }), 1)).toBeNull();
    expect(formProblem(form({ description: '堵'.repeat(501) }), 1)).toBe('tooLong');
    expect(formProblem(form({ description: '堵'.repeat(500) }), 1)).toBeNull();
  });

  it('builds the POST /reports body with the client_id and join', () => {
    expect(createBody(form({ address: ' 华清嘉园东门 ', lat: 39.9917514, lon: 116.32870049 }), [7, 8], 'd-1')).toEqual({
      category: 'fire_lane',
      description: '三辆电动车堵住消防通道',
      lat: 39.991751,
      lon: 116.3287,
      address: '华清嘉园东门',
      photo_ids: [7, 8],
      client_id: 'd-1',
    });
    const difficulty = createBody(form({ category: 'own_difficulty', difficulty: 'cannot_enter', compound: '110108011001001' }), [], 'd-2', 42);
    expect(difficulty).toMatchObject({ difficulty: 'cannot_enter', compound: '110108011001001', join: 42 });
    expect(createBody(form({ difficulty: 'cannot_enter' }), [], 'd-3').difficulty).toBeUndefined();
  });

  it('reads duplicate_of from a 409 problem', () => {
    expect(duplicateOf({ code: 'possible_duplicate', duplicate_of: { id: 5, distance_m: 12.5, me_too: 2, own: false } })).toEqual({ id: 5, distance_m: 12.5, me_too: 2, own: false });
    expect(duplicateOf({ duplicate_of: { id: 5 } })).toEqual({ id: 5, distance_m: 0, me_too: 0, own: false });
    // The rider's own open report nearby: nothing to join.
    expect(duplicateOf({ code: 'already_reported', duplicate_of: { id: 9, distance_m: 3, me_too: 0, own: true } })).toEqual({ id: 9, distance_m: 3, me_too: 0, own: true });
    expect(duplicateOf({ code: 'already_reported', duplicate_of: { id: 9 } })?.own).toBe(true);
    expect(duplicateOf({ duplicate_of: 5 })).toBeNull();
    expect(duplicateOf(null)).toBeNull();
  });

  it('makes distinct client ids', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newClientId()));
    expect(ids.size).toBe(50);
    expect(newClientId(() => 0, 36)).toBe('d-10-000000000000');
  });

  it('finds a photo\'s public id in its URL, never a number', () => {
    expect(photoIdOf('/api/v1/report-photos/kQ7dZp3xVwR9sT2mYb5nHg?size=thumb')).toBe('kQ7dZp3xVwR9sT2mYb5nHg');
    expect(photoIdOf('/api/v1/report-photos/kQ7dZp3x-wR9sT2mYb5_Hg')).toBe('kQ7dZp3x-wR9sT2mYb5_Hg');
    expect(photoIdOf('/api/v1/report-photos/7?size=thumb')).toBeNull();
    expect(photoIdOf('/api/v1/report-photos/kQ7dZp3xVwR9sT2mYb5nHgX')).toBeNull();
    expect(photoIdOf('/elsewhere/kQ7dZp3xVwR9sT2mYb5nHg')).toBeNull();
  });
});

describe('live updates', () => {
  it('keeps the newer report when events arrive out of order', () => {
    const older = report({ updated_at: '2026-11-23T19:00:00+08:00', steps: [{ status: 'submitted', at: '', actor: null }] });
    const newer = report({ status: 'in_progress', updated_at: '2026-11-23T19:10:00+08:00', steps: [{ status: 'submitted', at: '', actor: null }, { status: 'accepted', at: '', actor: null }] });
    expect(fresher(older, newer)).toBe(newer);
    expect(fresher(newer, older)).toBe(newer);
    expect(fresher(null, older)).toBe(older);
    expect(fresher(report({ id: 1 }), older)).toBe(older);
  });
});
