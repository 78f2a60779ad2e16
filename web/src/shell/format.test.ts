import { afterEach, describe, expect, it } from 'vitest';
import {
  areaName,
  canListWorkers,
  formatCoordinates,
  formatTime,
  greetingKey,
  isMaskedPhone,
  pageCount,
  isCompoundStaff,
  problemFieldErrors,
  problemMessage,
  retryAfterSeconds,
  roleGroup,
  roleLabel,
} from './format';
import { setLang } from './i18n';

afterEach(() => setLang('zh', null));

describe('roleGroup', () => {
  it('sends each role to its home screen', () => {
    expect(roleGroup('worker')).toBe('worker');
    expect(roleGroup('guard')).toBe('compound');
    expect(roleGroup('property_manager')).toBe('compound');
    for (const role of ['station_keeper', 'merchant', 'sponsor']) expect(roleGroup(role)).toBe('place');
    for (const role of ['grid_officer', 'community_officer', 'street_officer', 'district_officer', 'city_officer', 'admin']) {
      expect(roleGroup(role)).toBe('officer');
    }
  });

  it('lets officers and station keepers list workers, nobody else', () => {
    expect(canListWorkers('station_keeper')).toBe(true);
    expect(canListWorkers('grid_officer')).toBe(true);
    expect(canListWorkers('worker')).toBe(false);
    expect(canListWorkers('guard')).toBe(false);
  });
});

describe('labels', () => {
  it("uses the server's Chinese role label and the dictionary in English", () => {
    const account = { role: 'station_keeper' as const, role_label_zh: '驿站站长' };
    expect(roleLabel(account, 'zh')).toBe('驿站站长');
    expect(roleLabel(account, 'en')).toBe('Station keeper');
  });

  it('picks the area name for the language', () => {
    const area = { name_zh: '海淀区', name_en: 'Haidian' };
    expect(areaName(area, 'zh')).toBe('海淀区');
    expect(areaName(area, 'en')).toBe('Haidian');
    expect(areaName({ name_zh: '科源社区', name_en: '' }, 'en')).toBe('科源社区');
    expect(areaName(null)).toBe('');
    expect(areaName({ code: '110108011001', name_zh: '科源社区', name_en: 'Community 110108011001' }, 'en')).toBe('科源社区');
  });
});

describe('retryAfterSeconds', () => {
  it('reads delta seconds', () => {
    expect(retryAfterSeconds('120')).toBe(120);
    expect(retryAfterSeconds(' 7 ')).toBe(7);
  });

  it('reads an HTTP date', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(retryAfterSeconds('Wed, 21 Oct 2015 07:29:30 GMT', now)).toBe(90);
    expect(retryAfterSeconds('Wed, 21 Oct 2015 07:27:00 GMT', now)).toBe(0);
  });

  it('ignores missing or junk values', () => {
    expect(retryAfterSeconds(null)).toBeNull();
    expect(retryAfterSeconds('')).toBeNull();
    expect(retryAfterSeconds('soon')).toBeNull();
  });
});

describe('problemMessage', () => {
  it('maps known codes to Chinese', () => {
    expect(problemMessage({ status: 401, code: 'invalid_credentials', detail: 'invalid login or password' })).toBe('账号或密码不正确');
  });

  it('shows the rate-limit wait', () => {
    expect(problemMessage({ status: 429, code: 'login_rate_limited', retryAfter: 30 })).toBe('登录失败次数过多。请 30 秒后再试');
    setLang('en', null);
    expect(problemMessage({ status: 429, code: 'login_rate_limited', retryAfter: 30 })).toBe('Too many failed attempts. Please try again in 30 s');
  });

  it("falls back to the server's detail, then to the status", () => {
    expect(problemMessage({ status: 409, code: 'conflict_of_some_kind', detail: 'login already taken' })).toBe('login already taken');
    expect(problemMessage({ status: 502 })).toBe('出错了（502）');
    expect(problemMessage({ status: 0, code: 'network' })).toBe('网络连接失败，请检查网络后重试');
  });
});

describe('small formatters', () => {
  it('recognises masked phones only', () => {
    expect(isMaskedPhone('138****5678')).toBe(true);
    expect(isMaskedPhone('13812345678')).toBe(false);
    expect(isMaskedPhone('238****5678')).toBe(false);
  });

  it('counts pages', () => {
    expect(pageCount(0, 10)).toBe(1);
    expect(pageCount(10, 10)).toBe(1);
    expect(pageCount(11, 10)).toBe(2);
  });

  it('formats unix seconds as local date and time', () => {
    const at = new Date(2025, 2, 4, 9, 5).getTime() / 1000;
    expect(formatTime(at)).toBe('2025-03-04 09:05');
    expect(formatTime(Number.NaN)).toBe('');
  });

  it('formats coordinates', () => {
    expect(formatCoordinates(39.98, 116.3)).toBe('39.98000, 116.30000');
    expect(formatCoordinates(null, 116.3)).toBe('—');
  });

  it('greets by the hour', () => {
    expect(greetingKey(7)).toBe('greeting.morning');
    expect(greetingKey(12)).toBe('greeting.noon');
    expect(greetingKey(15)).toBe('greeting.afternoon');
    expect(greetingKey(22)).toBe('greeting.evening');
    expect(greetingKey(2)).toBe('greeting.evening');
  });
});

describe('validation problems', () => {
  it('keep the server detail after the general message', () => {
    expect(problemMessage({ status: 400, code: 'validation_failed', detail: '"max_stay_minutes" must be an integer from 1 to 1440' })).toBe(
      '填写的内容不符合要求："max_stay_minutes" must be an integer from 1 to 1440',
    );
    expect(problemMessage({ status: 400, code: 'validation_failed' })).toBe('填写的内容不符合要求');
  });

  it('read per-field errors in the usual shapes', () => {
    expect(problemFieldErrors({ errors: [{ field: 'phone', message: 'taken' }] })).toEqual([['phone', 'taken']]);
    expect(problemFieldErrors({ errors: { name: ['too long', 'bad'] } })).toEqual([['name', 'too long; bad']]);
    expect(problemFieldErrors({ invalid_params: [{ name: 'plate', reason: 'too long' }] })).toEqual([['plate', 'too long']]);
    expect(problemFieldErrors({ detail: 'x' })).toEqual([]);
    expect(problemFieldErrors(null)).toEqual([]);
  });

  it('know the gate roles', () => {
    expect(isCompoundStaff('guard')).toBe(true);
    expect(isCompoundStaff('property_manager')).toBe(true);
    expect(isCompoundStaff('community_officer')).toBe(false);
  });
});
