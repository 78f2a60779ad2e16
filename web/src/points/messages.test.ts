import { describe, expect, it } from 'vitest';
import { counterpartyText, kindText, pointsDictionaries, reasonText } from './messages';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('points messages', () => {
  it('have the same keys and placeholders in Chinese and English, none empty', () => {
    const { zh, en } = pointsDictionaries;
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const key of Object.keys(zh) as Array<keyof typeof zh>) {
      expect(zh[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
    }
  });

  it('word kinds, counterparties and the server’s own reasons in Chinese', () => {
    expect(kindText('award')).toBe('奖励');
    expect(kindText('reversal')).toBe('冲正');
    expect(kindText('mint')).toBe('积分变动');
    expect(counterpartyText('市级积分池', 'pool')).toBe('市级积分池');
    expect(counterpartyText('', 'sink')).toBe('过期清零');
    expect(counterpartyText(' ', 'merchant')).toBe('商户');
    expect(reasonText('report_confirmed')).toBe('随手拍上报被确认');
    expect(reasonText('协助社区消防通道巡查')).toBe('协助社区消防通道巡查');
    expect(reasonText('some_new_reason')).toBe('some_new_reason');
  });
});
