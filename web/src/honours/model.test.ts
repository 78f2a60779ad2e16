import { describe, expect, it } from 'vitest';
import type { CampaignView, MyHonour } from './api';
import { beijingDate, canDownload, endOfBeijingDay, evidenceLines, honourOutcome, isSerial, nextStage, voteState } from './model';

const view = (over: Partial<CampaignView> = {}, stage: CampaignView['campaign']['stage'] = 'voting'): CampaignView => ({
  campaign: {
    id: 1, title: '最美快递人', kind: 'best_courier', area_code: '110108', area_name: '海淀区', stage, nominating_until: 0,
    reviewing_until: 0, voting_until: 0, winners: 3, votes_per_person: 2, prize_points: 0, announced_at: null,
  },
  nominations: [],
  officer: false,
  my_votes: [],
  votes_left: 2,
  ...over,
});

describe('honours model', () => {
  it('words the evidence in order and leaves out grid months never served', () => {
    expect(evidenceLines({ points_earned: 40, confirmed_reports: 3, service_days: 400, misconduct_records: 0, grid_months: 0 })).toEqual([
      ['confirmed_reports', 3], ['points_earned', 40], ['service_days', 400], ['misconduct_records', 0],
    ]);
    expect(evidenceLines({ grid_months: 5 })).toEqual([['grid_months', 5]]);
  });

  it('gives each vote button its state', () => {
    expect(voteState(view({}, 'announced'), 7, true)).toBe('closed');
    expect(voteState(view(), 7, false)).toBe('login');
    expect(voteState(view({ my_votes: [7], votes_left: 1 }), 7, true)).toBe('voted');
    expect(voteState(view({ my_votes: [7], votes_left: 1 }), 8, true)).toBe('vote');
    expect(voteState(view({ my_votes: [7, 9], votes_left: 0 }), 8, true)).toBe('used');
  });

  it('moves stages one step and stops after the announcement', () => {
    expect(nextStage('nominating')).toBe('reviewing');
    expect(nextStage('voting')).toBe('announced');
    expect(nextStage('announced')).toBeNull();
  });

  it('reads dates in Beijing time', () => {
    expect(beijingDate(1765036800)).toBe('2025-12-07');
    expect(endOfBeijingDay('2025-12-07')).toBe(1765036800 + 86399);
    expect(endOfBeijingDay('7 Dec')).toBeNull();
  });

  it('knows a serial by its shape', () => {
    expect(isSerial('YH-3-41-012345')).toBe(true);
    expect(isSerial('YH-3-41-01234')).toBe(false);
    expect(isSerial('<script>')).toBe(false);
  });

  const mine = (over: Partial<MyHonour> = {}, stage: CampaignView['campaign']['stage'] = 'announced'): MyHonour => ({
    nomination_id: 7, campaign: view({}, stage).campaign, honour: '最美快递人', name: '张小哥', citation: '风雨无阻', status: 'accepted',
    nominated_at: 0, votes: 12, rank: 1, winner: true, certificate: { serial: 'YH-1-7-123456', status: 'valid', issued_at: 0, revoked_at: null },
    prize_points: 200, ...over,
  });

  it('says where my nomination stands, and offers the certificate only to a winner while it is valid', () => {
    expect(honourOutcome(mine())).toBe('winner');
    expect(honourOutcome(mine({ winner: false, rank: 4, certificate: null }))).toBe('notWinner');
    expect(honourOutcome(mine({ votes: null, rank: null, winner: false, certificate: null }, 'voting'))).toBe('waiting');
    expect(honourOutcome(mine({ status: 'pending' }, 'nominating'))).toBe('pending');
    expect(honourOutcome(mine({ status: 'rejected', rank: null }))).toBe('rejected');
    expect(canDownload(mine())).toBe(true);
    expect(canDownload(mine({ certificate: { serial: 'YH-1-7-123456', status: 'revoked', issued_at: 0, revoked_at: 5 } }))).toBe(false);
    expect(canDownload(mine({ winner: false, certificate: null }))).toBe(false);
  });
});
