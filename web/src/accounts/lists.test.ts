import { describe, expect, it } from 'vitest';
import { allowedActions, historyReason, statusActionLabel } from './lists';

describe('worker status actions', () => {
  it('lets officers verify, suspend and revoke, station keepers only verify', () => {
    expect(allowedActions('community_officer', 'pending')).toEqual(['verified', 'suspended', 'revoked']);
    expect(allowedActions('grid_officer', 'verified')).toEqual(['suspended', 'revoked']);
    expect(allowedActions('admin', 'revoked')).toEqual(['verified', 'suspended']);
    expect(allowedActions('station_keeper', 'pending')).toEqual(['verified']);
    expect(allowedActions('station_keeper', 'verified')).toEqual([]);
    expect(allowedActions('guard', 'pending')).toEqual([]);
  });

  it('calls revoking a rider still pending refusing them', () => {
    expect(statusActionLabel({ status: 'pending' }, 'revoked')).toBe('不通过');
    expect(statusActionLabel({ status: 'verified' }, 'revoked')).toBe('撤销');
    expect(statusActionLabel({ status: 'pending' }, 'verified')).toBe('认证');
  });

  it('translates the reasons the server writes itself', () => {
    expect(historyReason('registered in the worker app')).toBe('骑手在App中自助注册');
    expect(historyReason('京东 roster import')).toBe('京东花名册导入认证');
    expect(historyReason('多次逆行')).toBe('多次逆行');
    expect(historyReason('')).toBe('—');
  });
});
