import { describe, expect, it } from 'vitest';
import { accountDictionaries } from './messages';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('account messages', () => {
  it('have the same keys and placeholders in Chinese and English, none empty', () => {
    const { zh, en } = accountDictionaries;
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const key of Object.keys(zh) as Array<keyof typeof zh>) {
      expect(zh[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
    }
  });

  it('name the login button and explain every worker status change', () => {
    expect(accountDictionaries.zh['login.submit']).toBe('登录');
    expect(accountDictionaries.en['login.submit']).toBe('Log in');
    for (const status of ['verified', 'suspended', 'revoked', 'pending'] as const) expect(accountDictionaries.zh[`workers.explain.${status}`]).toBeTruthy();
  });
});
