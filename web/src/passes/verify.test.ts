import * as ed from '@noble/ed25519';
import { describe, expect, it } from 'vitest';
import { windowOf } from './credential';
import { mergeSync, type SyncResponse } from './sync';
import { credential, gateData, issuer, NOW, payload } from './testkit';
import { verifyOffline, type VerifyContext } from './verify';

const ctx = (overrides: Partial<VerifyContext> = {}): VerifyContext => ({ data: gateData(), gateId: 1, direction: 'in', now: NOW, ...overrides });
const plan = (changes: Partial<ReturnType<typeof gateData>['plan']>) => gateData({ plan: { ...gateData().plan, ...changes } });

describe('verifyOffline', () => {
  it('accepts a live pass and names the worker', () => {
    const r = verifyOffline(payload(), ctx());
    expect(r).toMatchObject({ allowed: true, code: 'pass_ok', reason: '核验通过', pass_id: 501, worker: { id: 77, name: '王小骑', platform: '美团', kind: 'food' } });
  });

  it('accepts the previous and the next window, refuses older ones as pass_stale', () => {
    const w = windowOf(NOW);
    expect(verifyOffline(payload({ window: w - 1 }), ctx()).code).toBe('pass_ok');
    expect(verifyOffline(payload({ window: w + 1 }), ctx()).code).toBe('pass_ok');
    const stale = verifyOffline(payload({ window: w - 2 }), ctx());
    expect(stale).toMatchObject({ allowed: false, code: 'pass_stale', reason: '进门码已失效（截图或照片无效，请出示实时码）' });
    expect(verifyOffline(payload({ window: w + 2 }), ctx()).code).toBe('pass_stale');
  });

  it('refuses garbage as pass_malformed', () => {
    for (const text of ['', 'hello', 'YH1:', 'YH1:%%%', payload().slice(0, 40)]) {
      expect(verifyOffline(text, ctx())).toMatchObject({ allowed: false, code: 'pass_malformed', reason: '不是有效的进门码', worker: null });
    }
  });

  it('refuses an unknown issuer key, a forged credential and an expired one', () => {
    expect(verifyOffline(payload({ cred: credential({ keyId: 9 }) }), ctx()).code).toBe('pass_unknown_key');
    const retired = gateData({ keys: [{ ...gateData().keys[0]!, not_after: NOW - 1 }] });
    expect(verifyOffline(payload(), ctx({ data: retired })).code).toBe('pass_unknown_key');
    expect(verifyOffline(payload(), ctx()).reason).toBe('核验通过');
    const forged = credential({}, ed.keygen().secretKey);
    expect(verifyOffline(payload({ cred: forged }), ctx())).toMatchObject({ code: 'pass_bad_signature', reason: '进门码签名无效（可能被伪造或篡改）' });
    const expired = credential({ expiresAt: NOW - 1 });
    expect(verifyOffline(payload({ cred: expired }), ctx())).toMatchObject({ code: 'pass_expired', reason: '进门码已过期，请骑手在App中更新' });
  });

  it('refuses a device signature made with another phone or for another pass', () => {
    expect(verifyOffline(payload({ deviceSecret: ed.keygen().secretKey }), ctx()).code).toBe('pass_bad_device_signature');
    expect(verifyOffline(payload({ passId: 502 }), ctx())).toMatchObject({ code: 'pass_bad_device_signature', reason: '进门码与绑定手机不符' });
  });

  it('refuses revoked passes and revoked or suspended workers', () => {
    expect(verifyOffline(payload(), ctx({ data: gateData({ revoked_passes: [501] }) }))).toMatchObject({ code: 'pass_revoked', reason: '此进门码已被注销' });
    expect(verifyOffline(payload(), ctx({ data: gateData({ revoked_workers: [77] }) }))).toMatchObject({ code: 'worker_revoked', reason: '骑手资格已被撤销' });
    const suspended = gateData({ revoked_workers: [77], worker_status: { '77': 'suspended' } });
    expect(verifyOffline(payload(), ctx({ data: suspended }))).toMatchObject({ code: 'worker_suspended', reason: '骑手资格已被暂停' });
    expect(verifyOffline(payload(), ctx({ data: gateData({ worker_status: { '77': 'pending' } }) })).code).toBe('worker_not_verified');
  });

  it('applies the plan: whitelist, drop-off, green lane, gates and opening hours', () => {
    expect(verifyOffline(payload(), ctx({ data: plan({ mode: 'whitelist' }) }))).toMatchObject({ code: 'not_on_whitelist', reason: '不在本小区常驻骑手名单内' });
    expect(verifyOffline(payload(), ctx({ data: { ...plan({ mode: 'whitelist' }), whitelist: [77] } })).code).toBe('pass_ok');

    const dropOff = verifyOffline(payload(), ctx({ data: plan({ mode: 'drop_off' }) }));
    expect(dropOff).toMatchObject({ allowed: false, code: 'drop_off_only', drop_off_points: [{ name: '东门快递柜', description: '东门岗亭南侧' }] });
    expect(dropOff.reason).toBe('本小区不允许进入，请将订单放在：东门快递柜（东门岗亭南侧）');

    const green = plan({ mode: 'green_lane', green_lane_gates: [2] });
    expect(verifyOffline(payload(), ctx({ data: green }))).toMatchObject({ code: 'gate_not_allowed', reason: '此门不允许骑手通行，请走绿色通道：地库入口' });
    expect(verifyOffline(payload(), ctx({ data: green, gateId: 2 })).code).toBe('pass_ok');

    expect(verifyOffline(payload(), ctx({ gateId: 3 }))).toMatchObject({ code: 'gate_not_allowed', reason: '此门不允许骑手通行，请走绿色通道' });
    expect(verifyOffline(payload(), ctx({ gateId: 99 }))).toMatchObject({ code: 'gate_not_found', reason: '门岗不存在' });

    const closed = gateData({ open_intervals: [[NOW + 60, NOW + 3600]] });
    expect(verifyOffline(payload(), ctx({ data: closed }))).toMatchObject({ code: 'outside_hours', reason: '当前不在允许进入的时段（开放时间：Mo-Su 06:00-23:00）' });
    const described = { ...closed, plan: { ...closed.plan, opening_hours_zh: '每天 06:00-23:00' } };
    expect(verifyOffline(payload(), ctx({ data: described })).reason).toBe('当前不在允许进入的时段（开放时间：每天 06:00-23:00）');
    expect(verifyOffline(payload(), ctx({ data: plan({ mode: 'open' }) })).code).toBe('pass_ok');
    expect(verifyOffline(payload(), ctx({ data: { ...plan({ mode: 'open' }), open_intervals: [] } })).code).toBe('outside_hours');
    // A green lane that does not let riders through is still closed to them.
    const closedLane = { ...green, gates: green.gates.map((g) => (g.id === 2 ? { ...g, workers_allowed: false } : g)) };
    expect(verifyOffline(payload(), ctx({ data: closedLane, gateId: 2 })).code).toBe('gate_not_allowed');
  });

  it('lets a valid pass out whatever the plan says', () => {
    expect(verifyOffline(payload(), ctx({ data: plan({ mode: 'drop_off' }), direction: 'out' })).code).toBe('pass_ok');
  });

  it('answers in English when asked', () => {
    expect(verifyOffline('nope', ctx({ lang: 'en' })).reason).toBe('Not a valid entry pass');
  });
});

describe('mergeSync', () => {
  const response = (rev: Partial<SyncResponse['revocations']>): SyncResponse => {
    const d = gateData();
    return {
      server_time: NOW + 5,
      keys: d.keys,
      revocations: { cursor: 20, full: false, revoked_passes: [], revoked_workers: [], restored_workers: [], ...rev },
      compound: d.compound,
      plan: d.plan,
      gates: d.gates,
      whitelist: [3, 1],
      open_intervals: d.open_intervals,
    };
  };

  it('adds incremental revocations, removes restored workers and keeps the cursor and clock skew', () => {
    const before = gateData({ revoked_passes: [1], revoked_workers: [5, 6] });
    const after = mergeSync(before, response({ revoked_passes: [2], revoked_workers: [7], restored_workers: [6] }), NOW);
    expect(after.revoked_passes).toEqual([1, 2]);
    expect(after.revoked_workers).toEqual([5, 7]);
    expect(after.cursor).toBe(20);
    expect(after.skew).toBe(5);
    expect(after.whitelist).toEqual([1, 3]);
  });

  it('replaces everything on a full answer or another compound', () => {
    const before = gateData({ revoked_passes: [1], revoked_workers: [5] });
    expect(mergeSync(before, response({ full: true, revoked_passes: [9] }), NOW)).toMatchObject({ revoked_passes: [9], revoked_workers: [] });
    expect(mergeSync(null, response({ revoked_workers: [4] }), NOW).revoked_workers).toEqual([4]);
  });

  it('keeps verifying with the merged data', () => {
    const merged = mergeSync(gateData(), response({ revoked_workers: [77] }), NOW);
    expect(verifyOffline(payload(), { data: merged, gateId: 1, direction: 'in', now: NOW }).code).toBe('worker_revoked');
    expect(issuer.publicKey.length).toBe(32);
  });
});
