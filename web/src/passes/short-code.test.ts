import { describe, expect, it } from 'vitest';
import { groupShortCode, keypadDigits, shortCodeAt, shortCodeStep, shortCodeTag, shortCodeText } from './short-code';

// RFC 6238, appendix B, SHA-256: the same key and times the server's unit test uses
// (src/entry/short_code_test.cpp), truncated to six digits.
const RFC_KEY = new TextEncoder().encode('12345678901234567890123456789012');

describe('digit code', () => {
  it('is the six-digit tail of RFC 6238 SHA-256, as on the server', () => {
    const vectors: Array<[number, number]> = [
      [59, 119246],
      [1111111109, 84774],
      [1111111111, 62674],
      [1234567890, 819424],
      [2000000000, 698825],
      [20000000000, 737706],
    ];
    for (const [time, code] of vectors) expect(shortCodeAt(RFC_KEY, shortCodeStep(time)), String(time)).toBe(code);
  });

  it('starts with the last four digits of the pass number', () => {
    expect(shortCodeTag(7)).toBe('0007');
    expect(shortCodeTag(123456)).toBe('3456');
    expect(shortCodeText(10007, RFC_KEY, 1)).toBe('0007119246');
    expect(shortCodeText(3456, RFC_KEY, shortCodeStep(1111111109))).toBe('3456084774');
  });

  it('changes with the 30-second step', () => {
    expect(shortCodeStep(29)).toBe(0);
    expect(shortCodeStep(30)).toBe(1);
    const codes = new Set(Array.from({ length: 20 }, (_, i) => shortCodeAt(RFC_KEY, 1000 + i)));
    expect(codes.size).toBeGreaterThanOrEqual(19);
  });

  it('is shown in groups and typed as digits', () => {
    expect(groupShortCode('0007119246')).toEqual(['0007', '119', '246']);
    expect(groupShortCode('00071')).toEqual(['0007', '1']);
    expect(keypadDigits('0007 119-246 99')).toBe('0007119246');
    expect(keypadDigits('YH1:')).toBe('1');
  });
});
