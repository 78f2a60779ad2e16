// Acceptance rules (受理规则): the acceptor's words, where the deciding rule comes from, the table's
// order, the form's body and the server's refusals in Chinese; and the report words in both languages.
import { describe, expect, it } from 'vitest';
import {
  acceptorLine,
  acceptorName,
  acceptorText,
  parsePoint,
  ruleBody,
  ruleCategoryName,
  ruleProblemKey,
  rulesArea,
  ruleSource,
  ruleSourceText,
  sortEffective,
  sortRules,
} from './acceptance';
import { reportDictionaries, tr } from './messages';
import { CATEGORIES } from './model';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('report words', () => {
  it('have the same keys and placeholders in Chinese and English, none empty', () => {
    expect(Object.keys(reportDictionaries.en).sort()).toEqual(Object.keys(reportDictionaries.zh).sort());
    for (const key of Object.keys(reportDictionaries.zh) as Array<keyof typeof reportDictionaries.zh>) {
      expect(placeholders(reportDictionaries.en[key]), key).toEqual(placeholders(reportDictionaries.zh[key]));
      if (key !== 'sla.done') expect(reportDictionaries.zh[key].trim(), key).not.toBe('');
    }
  });
});

describe('acceptors', () => {
  it('names the three acceptors in Chinese, with the station’s radius', () => {
    expect(acceptorName('nearest_station')).toBe('就近驿站');
    expect(acceptorName('community')).toBe('社区');
    expect(acceptorName('property')).toBe('物业');
    expect(acceptorName('mystery', '神秘')).toBe('神秘');
    expect(acceptorText('nearest_station', 1500)).toBe('就近驿站（1500 米内）');
    expect(acceptorText('community', 1000)).toBe('社区');
    expect(acceptorText('property', 1000, '物业')).toBe('物业');
  });

  it('says a report’s acceptor in one line', () => {
    expect(acceptorLine({ kind: 'nearest_station', kind_label: '就近驿站', name: '华清嘉园暖心驿站' })).toBe('华清嘉园暖心驿站 · 就近驿站');
    expect(acceptorLine({ kind: 'community', name: '科源社区' })).toBe('科源社区 · 社区');
    expect(acceptorLine(null)).toBe('');
  });

  it('names * as 全部类别', () => {
    expect(ruleCategoryName('*', '*')).toBe('全部类别');
    expect(ruleCategoryName('hazard')).toBe('安全隐患');
    expect(ruleCategoryName('food_safety', '食品安全')).toBe('食品安全');
  });
});

describe('where the deciding rule comes from', () => {
  const here = '110108011001';
  it('tells the default, this area’s rule and a rule set above', () => {
    expect(ruleSource({ rule_id: null, rule_area: null }, here)).toEqual({ kind: 'default' });
    expect(ruleSource({ rule_id: 9, rule_area: { code: here, name: '科源社区' } }, here)).toEqual({ kind: 'here' });
    expect(ruleSource({ rule_id: 1, rule_area: { code: '110108', name: '海淀区' } }, here)).toEqual({ kind: 'inherited', name: '海淀区' });
    expect(ruleSource({ rule_id: 4, rule_area: { code: '110108011001', name: '科源社区' } }, '110108011')).toEqual({ kind: 'below', name: '科源社区' });
    expect(ruleSourceText({ kind: 'default' })).toBe('默认');
    expect(ruleSourceText({ kind: 'here' })).toBe('本区域规则');
    expect(ruleSourceText({ kind: 'inherited', name: '海淀区' })).toBe('海淀区（上级）');
  });

  it('orders the table as the report form’s tiles, and the rules from the top down', () => {
    const shuffled = [...CATEGORIES].reverse().map((category) => ({ category }));
    expect(sortEffective(shuffled).map((r) => r.category)).toEqual([...CATEGORIES]);
    const rules = [
      { id: 5, area: { code: '110108011001', name: '科源社区' }, category: 'hazard' },
      { id: 3, area: { code: '110108011', name: '中关村街道' }, category: 'fire_lane' },
      { id: 2, area: { code: '110108', name: '海淀区' }, category: 'own_difficulty' },
      { id: 1, area: { code: '110108', name: '海淀区' }, category: 'food_safety' },
      { id: 6, area: { code: '110108011001', name: '科源社区' }, category: '*' },
    ];
    expect(sortRules(rules).map((r) => r.id)).toEqual([1, 2, 3, 6, 5]);
  });
});

describe('the rule form', () => {
  const form = { area: '110108011001', category: 'hazard', acceptor: 'community', radius: '1000', note: '' };
  it('builds the body; the radius only for a station', () => {
    expect(ruleBody(form)).toEqual({ body: { area_code: '110108011001', category: 'hazard', acceptor: 'community' } });
    expect(ruleBody({ ...form, acceptor: 'nearest_station', radius: '1500', note: '  先到场  ' })).toEqual({ body: { area_code: '110108011001', category: 'hazard', acceptor: 'nearest_station', radius_metres: 1500, note: '先到场' } });
    expect(ruleBody({ ...form, acceptor: 'nearest_station', radius: '' })).toMatchObject({ body: { radius_metres: 1000 } });
    expect(ruleBody({ ...form, category: '' })).toMatchObject({ body: { category: '*' } });
  });

  it('says what is missing', () => {
    expect(ruleBody({ ...form, acceptor: null })).toEqual({ missing: 'acceptor' });
    expect(ruleBody({ ...form, acceptor: 'mayor' })).toEqual({ missing: 'acceptor' });
    expect(ruleBody({ ...form, area: '' })).toEqual({ missing: 'area' });
    expect(ruleBody({ ...form, acceptor: 'nearest_station', radius: '50' })).toEqual({ missing: 'radius' });
    expect(ruleBody({ ...form, acceptor: 'nearest_station', radius: '5001' })).toEqual({ missing: 'radius' });
    expect(ruleBody({ ...form, acceptor: 'nearest_station', radius: '12.5' })).toEqual({ missing: 'radius' });
  });

  it('puts the server’s refusals in Chinese', () => {
    const welfare = ruleProblemKey({ status: 400, code: 'validation_failed', detail: 'acceptor: welfare concerns are accepted only by the community' });
    expect(welfare).toBe('rules.error.welfare');
    expect(tr(welfare!)).toMatch(/困难群众关怀只能由社区受理/);
    expect(ruleProblemKey({ status: 400, code: 'validation_failed', detail: 'radius_metres: 100 to 5000' })).toBe('rules.error.radius');
    expect(ruleProblemKey({ status: 400, code: 'validation_failed', detail: 'area_code: rules are set for a community or a larger area' })).toBe('rules.error.compound');
    expect(ruleProblemKey({ status: 403, code: 'forbidden', detail: "this area is outside your account's area" })).toBe('rules.error.scope');
    expect(ruleProblemKey({ status: 403, code: 'forbidden', detail: 'acceptance rules are set by community officers and above' })).toBe('rules.error.role');
    expect(ruleProblemKey({ status: 404, code: 'not_found', detail: 'no such rule' })).toBe('rules.error.gone');
    expect(ruleProblemKey({ status: 500, code: 'internal_error' })).toBeNull();
  });
});

describe('the page’s inputs', () => {
  it('reads a typed point', () => {
    expect(parsePoint('39.98974', '116.32987')).toEqual({ lat: 39.98974, lon: 116.32987 });
    expect(parsePoint('', '116.3')).toBeNull();
    expect(parsePoint('91', '116.3')).toBeNull();
    expect(parsePoint('abc', '116.3')).toBeNull();
  });

  it('reads the area from the route', () => {
    expect(rulesArea('?area=110108011001')).toBe('110108011001');
    expect(rulesArea('')).toBe('');
    expect(rulesArea('?area=drop%20table')).toBe('');
  });
});
