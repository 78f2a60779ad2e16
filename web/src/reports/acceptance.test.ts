// Acceptance rules (受理规则): the acceptor's words, where the deciding rule comes from, the table's
// order, the form's body and the server's refusals in Chinese; and the report words in both languages.
import { describe, expect, it } from 'vitest';
import {
  acceptorName,
  acceptorText,
  areaPath,
  parentPath,
  parsePoint,
  pathCode,
  pathWithin,
  ruleBody,
  ruleCategoryName,
  ruleProblemKey,
  rulesArea,
  ruleSource,
  ruleSourceText,
  sortEffective,
  sortRules,
  upLink,
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

  it('says the server’s default radius in the page’s introduction', () => {
    expect(tr('rules.intro', { radius: 1200 })).toContain('没有规则时由 1200 米内最近的驿站受理');
    expect(tr('rules.intro', { radius: 1200 })).not.toContain('1000');
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
    // 北京市's rule seen from 海淀区: above, though 110108 does not start with 110000.
    expect(ruleSource({ rule_id: 7, rule_area: { code: '110000', name: '北京市' } }, '110108')).toEqual({ kind: 'inherited', name: '北京市' });
    expect(ruleSourceText({ kind: 'default' })).toBe('默认');
    expect(ruleSourceText({ kind: 'here' })).toBe('本区域规则');
    expect(ruleSourceText({ kind: 'inherited', name: '海淀区' })).toBe('海淀区（上级）');
  });

  it('orders the table as the report form’s tiles, and the rules from the top down', () => {
    const shuffled = [...CATEGORIES].reverse().map((category) => ({ category }));
    expect(sortEffective(shuffled).map((r) => r.category)).toEqual([...CATEGORIES]);
    // As the server sends them: areas from the top down (北京市's code is no shorter than 海淀区's).
    const rules = [
      { id: 7, area: { code: '110000', name: '北京市' }, category: 'traffic' },
      { id: 2, area: { code: '110108', name: '海淀区' }, category: 'own_difficulty' },
      { id: 1, area: { code: '110108', name: '海淀区' }, category: 'food_safety' },
      { id: 3, area: { code: '110108011', name: '中关村街道' }, category: 'fire_lane' },
      { id: 5, area: { code: '110108011001', name: '科源社区' }, category: 'hazard' },
      { id: 6, area: { code: '110108011001', name: '科源社区' }, category: '*' },
    ];
    expect(sortRules(rules).map((r) => r.id)).toEqual([7, 1, 2, 3, 6, 5]);
  });
});

describe('areas by their paths', () => {
  const city = { code: '110000', name_zh: '北京市' };
  const district = { code: '110108', name_zh: '海淀区' };
  const street = { code: '110108011', name_zh: '中关村街道' };
  const community = { code: '110108011001', name_zh: '科源社区' };
  const cityPath = '110000/';
  const districtPath = '110000/110108/';
  const streetPath = '110000/110108/110108011/';

  it('builds the path root first and tests "inside" on whole codes', () => {
    expect(areaPath([city, district, street])).toBe(streetPath);
    expect(areaPath([])).toBe('');
    expect(pathWithin(streetPath, cityPath)).toBe(true);
    expect(pathWithin(streetPath, streetPath)).toBe(true);
    expect(pathWithin(cityPath, districtPath)).toBe(false);
    expect(pathWithin('110000/110108/', '110000/1101/')).toBe(false);
    expect(pathWithin('110000/110108/', '110000/110108')).toBe(false);
    expect(pathWithin(streetPath, '')).toBe(false);
    expect(parentPath(streetPath)).toBe(districtPath);
    expect(parentPath(cityPath)).toBe('');
    expect(pathCode(streetPath)).toBe('110108011');
    expect(pathCode('')).toBe('');
  });

  it('links 上一级 within the caller’s area: a city officer on a street goes up to the district', () => {
    // 110108011 does not start with 110000, nor 110108 with 110000: the path decides.
    expect(upLink({ area: street, ancestors: [city, district] }, cityPath)).toEqual({ area: district, href: '#/acceptance-rules?area=110108' });
    expect(upLink({ area: district, ancestors: [city] }, cityPath)).toEqual({ area: city, href: '#/acceptance-rules' });
    expect(upLink({ area: community, ancestors: [city, district, street] }, districtPath)).toEqual({ area: street, href: '#/acceptance-rules?area=110108011' });
    expect(upLink({ area: street, ancestors: [city, district] }, districtPath)).toEqual({ area: district, href: '#/acceptance-rules' });
  });

  it('has no 上一级 at or above the caller’s own area, nor at the top', () => {
    expect(upLink({ area: street, ancestors: [city, district] }, streetPath)).toBeNull();
    expect(upLink({ area: district, ancestors: [city] }, streetPath)).toBeNull();
    expect(upLink({ area: city, ancestors: [] }, cityPath)).toBeNull();
    // Another district of the same city is not inside 海淀区.
    expect(upLink({ area: { code: '110105001', name_zh: '建外街道' }, ancestors: [city, { code: '110105', name_zh: '朝阳区' }] }, districtPath)).toBeNull();
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
