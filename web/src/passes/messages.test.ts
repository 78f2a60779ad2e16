import { describe, expect, it } from 'vitest';
import { passDictionaries } from './messages';
import { isPassCode } from './reasons';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('entry-pass messages', () => {
  it('have the same keys and placeholders in Chinese and English, none empty', () => {
    const { zh, en } = passDictionaries;
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const key of Object.keys(zh) as Array<keyof typeof zh>) {
      expect(zh[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
    }
  });

  it('give a short word for verification codes the gate knows, and every rating level', () => {
    const zh = passDictionaries.zh as Record<string, string>;
    const codes = Object.keys(zh).filter((key) => key.startsWith('code.')).map((key) => key.slice('code.'.length));
    expect(codes).toContain('pass_ok');
    for (const code of codes) expect(isPassCode(code), code).toBe(true);
    for (const n of [1, 2, 3, 4, 5]) expect(zh[`rate.level${n}`], `rate.level${n}`).toBeTruthy();
    for (const mode of ['open', 'pass', 'whitelist', 'drop_off', 'green_lane']) expect(zh[`plan.mode.${mode}`], mode).toBeTruthy();
  });
});
