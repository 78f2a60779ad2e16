import { describe, expect, it } from 'vitest';
import { allowedActions, auditActionLabel, auditEntityLabel, historyReason, rosterReason, statusActionLabel } from './lists';

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
    expect(historyReason('registered in the worker app')).toBe('骑手在手机上自助注册');
    expect(historyReason('京东 roster import')).toBe('京东花名册导入认证');
    expect(historyReason('多次逆行')).toBe('多次逆行');
    expect(historyReason('')).toBe('—');
  });
});

describe('words for codes', () => {
  it('words every roster reason the server returns, and an unknown one with its code', () => {
    expect(rosterReason('not_in_area')).toBe('本辖区没有这个手机号的骑手备案');
    expect(rosterReason('name_differs')).toBe('姓名与备案不一致');
    expect(rosterReason('worker_suspended')).toBe('该骑手已被暂停，请逐个核查');
    for (const code of ['malformed_row', 'platform_differs', 'depot_differs', 'worker_revoked']) expect(rosterReason(code)).toMatch(/[\u4e00-\u9fff]/);
    expect(rosterReason('brand_new')).toBe('未匹配（brand_new）');
  });

  it('words audit actions, with 其他操作（code） for an unknown one', () => {
    expect(auditActionLabel('map.replace')).toBe('整体更新小区地图');
    expect(auditActionLabel('report.confirm')).toBe('确认办结');
    expect(auditActionLabel('worker.roster_import')).toBe('花名册导入');
    expect(auditActionLabel('rocket.launch')).toBe('其他操作（rocket.launch）');
  });

  it('words the entity of an audit entry', () => {
    expect(auditEntityLabel('account', 13)).toBe('账号 #13');
    expect(auditEntityLabel('worker', '7')).toBe('骑手 #7');
    expect(auditEntityLabel('compound', 'BJ-HD-001')).toBe('小区 BJ-HD-001');
    expect(auditEntityLabel('roster', '1765000000')).toBe('花名册');
    expect(auditEntityLabel('gizmo', 3)).toBe('对象 #3');
    expect(auditEntityLabel('worker', '7', '张三')).toBe('骑手 张三');
    expect(auditEntityLabel('compound', '110108011001001', '华清嘉园小区')).toBe('小区 华清嘉园小区');
    expect(auditEntityLabel('worker', '7', null)).toBe('骑手 #7');
  });
});
