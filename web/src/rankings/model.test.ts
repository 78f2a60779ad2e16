import { describe, expect, it } from 'vitest';
import { beijingMonth, emptySheet, isMonth, mayPublish, percentText, ratedKind, ratingInput, scoreText, shiftMonth } from './model';
import { rankingsDictionaries, waitText } from './messages';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('the rating sheet', () => {
  it('gives no input until the three questions are answered', () => {
    const sheet = emptySheet();
    expect(ratingInput(sheet)).toBeNull();
    sheet.wait = '5_10';
    sheet.placeToWait = false;
    expect(ratingInput(sheet)).toBeNull();
    sheet.respect = 4;
    expect(ratingInput(sheet)).toEqual({ wait: '5_10', place_to_wait: false, respect: 4 });
  });

  it('sends a trimmed comment, cut at 140 characters, and none when blank', () => {
    const sheet = { ...emptySheet(), wait: 'under_5' as const, placeToWait: true, respect: 5, comment: '  出餐快  ' };
    expect(ratingInput(sheet)?.comment).toBe('出餐快');
    expect(ratingInput({ ...sheet, comment: '   ' })).not.toHaveProperty('comment');
    expect([...(ratingInput({ ...sheet, comment: '慢'.repeat(150) })?.comment ?? '')].length).toBe(140);
  });
});

describe('months and scores', () => {
  it('walk months across years', () => {
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2025-12', 1)).toBe('2026-01');
    expect(shiftMonth('2026-06', -13)).toBe('2025-05');
    expect(isMonth('2026-12')).toBe(true);
    expect(isMonth('2026-13')).toBe(false);
    expect(isMonth('2026-1')).toBe(false);
    expect(isMonth(null)).toBe(false);
  });

  it('read the month in Beijing time', () => {
    // 2026-11-30 17:00 UTC is already 1 December in Beijing.
    expect(beijingMonth(Date.UTC(2026, 10, 30, 17))).toBe('2026-12');
    expect(beijingMonth(Date.UTC(2026, 10, 30, 15))).toBe('2026-11');
  });

  it('show scores with one decimal at most, shares as percents', () => {
    expect(scoreText(86)).toBe('86');
    expect(scoreText(84.4)).toBe('84.4');
    expect(percentText(0.666)).toBe('67%');
  });

  it('know who publishes and which places are rated', () => {
    expect(mayPublish('street_officer')).toBe(true);
    expect(mayPublish('community_officer')).toBe(false);
    expect(mayPublish('worker')).toBe(false);
    expect(ratedKind('merchant')).toBe(true);
    expect(ratedKind('canteen')).toBe(true);
    expect(ratedKind('station')).toBe(false);
  });
});

describe('rankings messages', () => {
  it('have the same keys and placeholders in Chinese and English, none empty', () => {
    const { zh, en } = rankingsDictionaries;
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const key of Object.keys(zh) as Array<keyof typeof zh>) {
      expect(zh[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
    }
  });

  it('word the wait buckets', () => {
    expect(waitText('under_5')).toBe('5 分钟内');
    expect(waitText('over_20')).toBe('20 分钟以上');
    expect(waitText('later')).toBe('later');
  });
});
