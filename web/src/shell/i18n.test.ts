import { afterEach, describe, expect, it } from 'vitest';
import { dictionaries, formatCompact, getLang, htmlLang, initLang, interpolate, parseLang, setLang, STORAGE_KEY, t, translate, type KeyValueStore } from './i18n';

function fakeStore(initial: Record<string, string> = {}): KeyValueStore & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v) };
}

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('dictionaries', () => {
  it('have the same keys in Chinese and English, none empty', () => {
    expect(Object.keys(dictionaries.en).sort()).toEqual(Object.keys(dictionaries.zh).sort());
    for (const lang of ['zh', 'en'] as const) {
      for (const [key, value] of Object.entries(dictionaries[lang])) expect(value.trim(), `${lang} ${key}`).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(dictionaries.zh) as Array<keyof typeof dictionaries.zh>) {
      expect(placeholders(dictionaries.en[key]), key).toEqual(placeholders(dictionaries.zh[key]));
    }
  });

  it('label every role, level, worker kind and status', () => {
    const roles = ['worker', 'guard', 'property_manager', 'station_keeper', 'merchant', 'sponsor', 'grid_officer', 'community_officer', 'street_officer', 'district_officer', 'city_officer', 'admin'];
    const keys = [...roles.map((r) => `role.${r}`), ...['city', 'district', 'street', 'community', 'compound'].map((l) => `level.${l}`), ...['food', 'parcel', 'ride', 'truck'].map((k) => `kind.${k}`), ...['pending', 'verified', 'suspended', 'revoked'].map((s) => `status.${s}`)];
    for (const key of keys) expect(Object.keys(dictionaries.zh), key).toContain(key);
  });

  it('keep the brand and the coming-soon label as the product names them', () => {
    expect(dictionaries.zh['app.brand']).toBe('友好 · 骑手友好社区');
    expect(dictionaries.zh['common.soon']).toBe('即将上线');
    expect(translate('zh', 'login.retryIn', { seconds: 42 })).toBe('请 42 秒后再试');
  });
});

describe('interpolate', () => {
  it('replaces known placeholders and leaves unknown ones', () => {
    expect(interpolate('第 {page} / {pages} 页', { page: 2, pages: 5 })).toBe('第 2 / 5 页');
    expect(interpolate('{greeting}，{name}', { greeting: '早上好' })).toBe('早上好，{name}');
    expect(interpolate('no params')).toBe('no params');
  });
});

describe('language choice', () => {
  afterEach(() => setLang('zh', null));

  it('defaults to Chinese', () => {
    expect(initLang(fakeStore())).toBe('zh');
    expect(t('shell.logout')).toBe('退出');
    expect(parseLang('fr')).toBe('zh');
    expect(parseLang(null)).toBe('zh');
  });

  it('remembers English in storage', () => {
    const store = fakeStore();
    setLang('en', store);
    expect(store.data[STORAGE_KEY]).toBe('en');
    expect(getLang()).toBe('en');
    expect(t('shell.logout')).toBe('Log out');
    setLang('zh', null);
    expect(initLang(store)).toBe('en');
  });

  it('survives storage that throws', () => {
    const broken: KeyValueStore = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(initLang(broken)).toBe('zh');
    expect(() => setLang('en', broken)).not.toThrow();
    expect(getLang()).toBe('en');
  });

  it('maps to <html lang> values', () => {
    expect(htmlLang('zh')).toBe('zh-CN');
    expect(htmlLang('en')).toBe('en');
  });
});

describe('compact numbers for stat tiles', () => {
  it('keeps numbers below 100,000 whole and shortens larger ones in the language read', () => {
    setLang('zh');
    expect(formatCompact(25_000)).toBe('25,000');
    expect(formatCompact(250_000)).toBe('25万');
    expect(formatCompact(24_980_000)).toBe('2498万');
    expect(formatCompact(150_000_000)).toBe('1.5亿');
    setLang('en');
    expect(formatCompact(250_000)).toBe('250K');
    expect(formatCompact(24_980_000)).toBe('25M');
    setLang('zh');
  });
});
