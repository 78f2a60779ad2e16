import { describe, expect, it } from 'vitest';
import type { VerificationOutlook } from '../shell/types';
import { communityLabel, distanceLabel, outcomeOf, verifierLabel, waitedLabel, waitLabel } from './verification';

const NOW = 1_800_000_000;

function outlook(extra: Partial<VerificationOutlook> = {}): VerificationOutlook {
  return {
    verifier: { area_code: '110108011001', area_name: '科源社区', area_level: 'community', role: 'community_officer' },
    wait: { median_hours: null, samples: 2 },
    contact: null,
    decision: null,
    ...extra,
  };
}

describe('verification words', () => {
  it('names the verifier and the usual wait, or a working day when too few were verified', () => {
    expect(verifierLabel(outlook())).toBe('科源社区工作人员');
    expect(waitLabel(outlook())).toBe('通常1个工作日内');
    expect(waitLabel(outlook({ wait: { median_hours: 5, samples: 12 } }))).toBe('约 5 小时');
  });

  it('labels community choices with street, distance and the suggestion', () => {
    expect(distanceLabel(null)).toBe('');
    expect(distanceLabel(437)).toBe('440米');
    expect(distanceLabel(1249)).toBe('1.2公里');
    expect(communityLabel({ code: 'c', name: '科源社区', street_name: '学院路街道', distance_m: 400, suggested: true })).toBe('科源社区（学院路街道 · 400米 · 推荐）');
    expect(communityLabel({ code: 'c', name: '东升社区', street_name: '', distance_m: null, suggested: false })).toBe('东升社区');
  });

  it('shows a recent approval, and why a rider was refused, suspended or revoked', () => {
    const decided = (from: string, to: string, at = NOW - 60) => outlook({ decision: { from, to, reason: '照片不是本人', at } });
    expect(outcomeOf('pending', outlook(), NOW)).toBeNull();
    expect(outcomeOf('verified', decided('pending', 'verified'), NOW)).toEqual({ kind: 'verified' });
    expect(outcomeOf('verified', decided('pending', 'verified', NOW - 4 * 86400), NOW)).toBeNull();
    expect(outcomeOf('revoked', decided('pending', 'revoked'), NOW)).toEqual({ kind: 'refused', reason: '照片不是本人' });
    expect(outcomeOf('suspended', decided('verified', 'suspended'), NOW)).toEqual({ kind: 'suspended', reason: '照片不是本人' });
    expect(outcomeOf('revoked', decided('verified', 'revoked'), NOW)).toEqual({ kind: 'revoked', reason: '照片不是本人' });
    expect(outcomeOf('verified', decided('verified', 'suspended'), NOW)).toBeNull();
    expect(outcomeOf('verified', undefined, NOW)).toBeNull();
  });

  it('says how long a rider in the inbox has waited', () => {
    expect(waitedLabel(NOW - 5 * 3600 - 10, NOW)).toBe('已等 5 小时');
    expect(waitedLabel(NOW - 3 * 86400, NOW)).toBe('已等 3 天');
    expect(waitedLabel(undefined, NOW)).toBe('');
  });
});
