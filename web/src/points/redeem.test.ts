import { describe, expect, it } from 'vitest';
import { ApiError } from '../shell/api';
import type { Offer } from './api';
import { offerBlockText, offerTerms, refusalText, statusText } from './messages';
import {
  beijingMonth,
  countdown,
  endOfBeijingDay,
  groupCode,
  lastValidDay,
  offerBlock,
  offerRewrite,
  parseRedemptionCode,
  parseStock,
  previousMonth,
  redemptionTone,
  secondsLeft,
  serverOffsetMs,
  todaysLines,
} from './model';

const offer = (fields: Partial<Offer> = {}): Offer => ({
  id: 7,
  place_id: 3,
  place_name: '老王面馆',
  title: '骑手午餐套餐',
  description: '一荤两素加米饭',
  price: 30,
  stock: 50,
  valid_from: 1_700_000_000,
  valid_until: null,
  active: true,
  available: true,
  ...fields,
});

describe('redemption codes', () => {
  it('reads 8 digits as the server does: spaces and hyphens between them, nothing else', () => {
    expect(parseRedemptionCode('12345678')).toBe('12345678');
    expect(parseRedemptionCode(' 1234 5678 ')).toBe('12345678');
    expect(parseRedemptionCode('1234-5678')).toBe('12345678');
    expect(parseRedemptionCode('12 34 56 78')).toBe('12345678');
    expect(parseRedemptionCode('1234567')).toBeNull();
    expect(parseRedemptionCode('123456789')).toBeNull();
    expect(parseRedemptionCode('1234 5678 9')).toBeNull();
    expect(parseRedemptionCode('1234a678')).toBeNull();
    expect(parseRedemptionCode("' OR 1=1 --")).toBeNull();
    expect(parseRedemptionCode('')).toBeNull();
  });

  it('takes the full-width digits and spaces of a Chinese keyboard as plain ones', () => {
    expect(parseRedemptionCode('１２３４\u3000５６７８')).toBe('12345678');
    expect(parseRedemptionCode('１２３４－５６７８')).toBe('12345678');
  });

  it('shows a code in two groups of four', () => {
    expect(groupCode('04711234')).toBe('0471 1234');
    expect(groupCode('123')).toBe('123');
  });
});

describe('countdowns against the server clock', () => {
  it('learns the offset from a fresh redemption only, ignoring under 2 s', () => {
    expect(serverOffsetMs({ replayed: false, redemption: { created_at: 1000 } }, 1_000_500)).toBe(0);
    expect(serverOffsetMs({ replayed: false, redemption: { created_at: 1000 } }, 990_000)).toBe(10_000);
    expect(serverOffsetMs({ replayed: false, redemption: { created_at: 1000 } }, 1_030_000)).toBe(-30_000);
    expect(serverOffsetMs({ replayed: true, redemption: { created_at: 1000 } }, 990_000)).toBeNull();
  });

  it('counts whole seconds left, never below zero, on the server clock', () => {
    expect(secondsLeft(1120, 1_000_000)).toBe(120);
    expect(secondsLeft(1120, 1_000_001)).toBe(120);
    expect(secondsLeft(1120, 1_000_999)).toBe(120);
    expect(secondsLeft(1120, 1_001_000)).toBe(119);
    expect(secondsLeft(1120, 1_200_000)).toBe(0);
    // The server is 10 s ahead: 10 s fewer left than this phone's clock says.
    expect(secondsLeft(1120, 1_000_000, 10_000)).toBe(110);
  });

  it('writes minutes and seconds', () => {
    expect(countdown(600)).toBe('10:00');
    expect(countdown(65)).toBe('1:05');
    expect(countdown(9)).toBe('0:09');
    expect(countdown(0)).toBe('0:00');
    expect(countdown(-3)).toBe('0:00');
  });
});

describe('whether an offer can be redeemed', () => {
  it('says why not, paused before sold out before unavailable before too few points', () => {
    expect(offerBlock(offer(), 100)).toEqual({ block: null, short: 0 });
    expect(offerBlock(offer(), 30)).toEqual({ block: null, short: 0 });
    expect(offerBlock(offer(), 25)).toEqual({ block: 'short', short: 5 });
    expect(offerBlock(offer(), null)).toEqual({ block: null, short: 0 });
    expect(offerBlock(offer({ stock: 0, available: false }), 100).block).toBe('sold_out');
    expect(offerBlock(offer({ stock: null }), 100).block).toBeNull();
    expect(offerBlock(offer({ available: false }), 0).block).toBe('unavailable');
    expect(offerBlock(offer({ active: false, available: false, stock: 0 }), 0).block).toBe('paused');
  });

  it('words the reasons and the terms', () => {
    expect(offerBlockText('short', 5)).toBe('积分不足（还差 5 分）');
    expect(offerBlockText('sold_out', 0)).toBe('已兑完');
    expect(offerBlockText('paused', 0)).toBe('已下架');
    expect(offerBlockText('unavailable', 0)).toBe('暂不可兑换');
    const now = Date.UTC(2026, 5, 1) / 1000;
    expect(offerTerms({ stock: 12, valid_from: now - 10, valid_until: null }, now)).toBe('剩 12 份 · 长期有效');
    // Valid until the first second of 1 January 2027 in Beijing: through 31 December.
    const newYear = endOfBeijingDay('2026-12-31')!;
    expect(offerTerms({ stock: null, valid_from: now - 10, valid_until: newYear }, now)).toBe('不限量 · 有效期至 2026-12-31');
    expect(offerTerms({ stock: 3, valid_from: newYear, valid_until: null }, now)).toBe('剩 3 份 · 2027-01-01 起 · 长期有效');
  });

  it('words a redemption status and picks its tone', () => {
    expect(statusText('held')).toBe('待核销');
    expect(statusText('confirmed')).toBe('已兑换');
    expect(statusText('released')).toBe('已取消');
    expect(statusText('expired')).toBe('超时退回');
    expect(statusText('lost')).toBe('lost');
    expect(redemptionTone('confirmed')).toBe('ok');
    expect(redemptionTone('held')).toBe('warn');
    expect(redemptionTone('expired')).toBe('muted');
  });
});

describe('days and months in Beijing time', () => {
  it('ends a Beijing day at the next midnight there, and reads it back', () => {
    // 2026-12-31T16:00:00Z is midnight, 1 January 2027, in Beijing.
    expect(endOfBeijingDay('2026-12-31')).toBe(Date.UTC(2026, 11, 31, 16) / 1000);
    expect(lastValidDay(Date.UTC(2026, 11, 31, 16) / 1000)).toBe('2026-12-31');
    expect(endOfBeijingDay('2028-02-29')).toBe(Date.UTC(2028, 1, 29, 16) / 1000);
    expect(endOfBeijingDay('2026-02-30')).toBeNull();
    expect(endOfBeijingDay('2026-13-01')).toBeNull();
    expect(endOfBeijingDay('tomorrow')).toBeNull();
  });

  it('names the month in Beijing and the one before', () => {
    // 2026-11-30T17:00:00Z is already 1 December in Beijing.
    expect(beijingMonth(Date.UTC(2026, 10, 30, 17))).toBe('2026-12');
    expect(beijingMonth(Date.UTC(2026, 10, 30, 15))).toBe('2026-11');
    expect(previousMonth('2026-12')).toBe('2026-11');
    expect(previousMonth('2027-01')).toBe('2026-12');
    expect(previousMonth('2026-10')).toBe('2026-09');
  });

  it('keeps the lines of today in Beijing, newest first', () => {
    const now = Date.UTC(2026, 11, 7, 4); // 12:00 on 7 December in Beijing
    const at = (hourUtc: number, day = 7): number => Date.UTC(2026, 11, day, hourUtc) / 1000;
    const lines = [
      { redemption_id: 1, confirmed_at: at(1) },
      { redemption_id: 2, confirmed_at: at(15, 6) }, // 23:00 on the 6th in Beijing
      { redemption_id: 3, confirmed_at: at(16, 6) }, // midnight of the 7th in Beijing
      { redemption_id: 4, confirmed_at: at(3) },
      { redemption_id: 5, confirmed_at: at(3) },
    ];
    expect(todaysLines(lines, now).map((l) => l.redemption_id)).toEqual([5, 4, 1, 3]);
  });
});

describe('the offers editor', () => {
  it('reads a stock: empty is unlimited, a whole number up to a million', () => {
    expect(parseStock('')).toBeNull();
    expect(parseStock('  ')).toBeNull();
    expect(parseStock('0')).toBe(0);
    expect(parseStock(' 20 ')).toBe(20);
    expect(parseStock('1000000')).toBe(1_000_000);
    expect(parseStock('1000001')).toBeUndefined();
    expect(parseStock('-1')).toBeUndefined();
    expect(parseStock('2.5')).toBeUndefined();
  });

  it('rewrites an offer whole, so a pause keeps its description, stock and validity', () => {
    const listed = offer({ valid_until: 1_900_000_000 });
    expect(offerRewrite(listed, { active: false })).toEqual({
      title: '骑手午餐套餐',
      description: '一荤两素加米饭',
      price: 30,
      stock: 50,
      valid_from: 1_700_000_000,
      valid_until: 1_900_000_000,
      active: false,
    });
    expect(offerRewrite(listed).active).toBe(true);
  });
});

describe('refusals in words', () => {
  it('shows the server’s Chinese sentence, the network note when the answer was lost, else the shell’s words', () => {
    const used = new ApiError(409, { code: 'redemption_code_used', detail: '这个兑换码已经用过了，这次兑换已确认' });
    expect(refusalText(used, 'desk.network')).toBe('这个兑换码已经用过了，这次兑换已确认');
    const lost = new ApiError(0, { code: 'network', detail: 'TypeError: Failed to fetch' });
    expect(refusalText(lost, 'desk.network')).toMatch(/网络不通，还不知道是否核销成功/);
    expect(refusalText(lost)).toBe('网络连接失败，请检查网络后重试');
    const english = new ApiError(404, { code: 'not_found', detail: 'no such redemption' });
    expect(refusalText(english)).toBe('没有找到该内容');
  });
});
