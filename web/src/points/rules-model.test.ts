import { describe, expect, it } from 'vitest';
import type { RuleLine } from './rules-api';
import { mayReset, readRuleForm, ruleSource } from './rules-model';

const rule = { id: 1, points: 10, pool: { id: 2, name: '市级积分池', balance: 100 }, daily_cap: 50, monthly_cap: 300, active: true };

describe('the earning-rule form', () => {
  it('reads points and caps as the server checks them', () => {
    expect(readRuleForm('15', '60', '300')).toEqual({ points: 15, daily_cap: 60, monthly_cap: 300 });
    expect(readRuleForm(' 0 ', '', '')).toEqual({ points: 0, daily_cap: null, monthly_cap: null });
    expect(readRuleForm('１５', '', '１００')).toEqual({ points: 15, daily_cap: null, monthly_cap: 100 });
    expect(readRuleForm('10000', '1000000', '1000000')).toEqual({ points: 10000, daily_cap: 1000000, monthly_cap: 1000000 });
  });

  it('names the wrong field', () => {
    for (const points of ['', '-1', '10001', '1.5', 'ten']) expect(readRuleForm(points, '', ''), points).toBe('points');
    expect(readRuleForm('10', '0', '')).toBe('cap');
    expect(readRuleForm('10', '', '1000001')).toBe('cap');
    expect(readRuleForm('10', 'x', '')).toBe('cap');
    expect(readRuleForm('10', '500', '100')).toBe('cap');
  });
});

describe('where a rule comes from', () => {
  const line = (own: boolean, from: RuleLine['from'], withRule = true): RuleLine => ({ trigger: 'report_confirmed', own, rule: withRule ? rule : null, from });

  it('is the city, the area itself, or a parent by name', () => {
    expect(ruleSource(line(true, { area_code: 'city', name: '' }))).toEqual({ kind: 'own' });
    expect(ruleSource(line(false, { area_code: 'city', name: '' }))).toEqual({ kind: 'city' });
    expect(ruleSource(line(false, { area_code: '110108011', name: '中关村街道' }))).toEqual({ kind: 'parent', name: '中关村街道' });
    expect(ruleSource(line(false, null, false))).toEqual({ kind: 'none' });
  });

  it('lets an area drop its own rule, never the city its default', () => {
    expect(mayReset(line(true, { area_code: '110108011', name: '中关村街道' }), '110108011')).toBe(true);
    expect(mayReset(line(false, { area_code: 'city', name: '' }), '110108011')).toBe(false);
    expect(mayReset(line(true, { area_code: 'city', name: '' }), 'city')).toBe(false);
  });
});
