import { describe, expect, it } from 'vitest';
import { dayBounds, entryProblem, hoursText, statusTone } from './model';

// 2026-12-07 12:00 Beijing.
const NOW = Date.UTC(2026, 11, 7, 4, 0, 0) / 1000;

describe('volunteer model', () => {
  it('words minutes as hours with one decimal', () => {
    expect(hoursText(0)).toBe('0');
    expect(hoursText(120)).toBe('2');
    expect(hoursText(150)).toBe('2.5');
    expect(hoursText(100)).toBe('1.7');
  });

  it('bounds the days to log as the server does', () => {
    expect(dayBounds(NOW)).toEqual({ min: '2026-10-08', max: '2026-12-07' });
    expect(entryProblem(60, '2026-12-07', NOW)).toBe('');
    expect(entryProblem(60, '2026-10-08', NOW)).toBe('');
    expect(entryProblem(60, '2026-10-07', NOW)).toBe('too_old');
    expect(entryProblem(60, '2026-12-08', NOW)).toBe('future');
    expect(entryProblem(60, '2026-02-30', NOW)).toBe('day');
    expect(entryProblem(0, '2026-12-07', NOW)).toBe('minutes');
    expect(entryProblem(721, '2026-12-07', NOW)).toBe('minutes');
    expect(entryProblem(1.5, '2026-12-07', NOW)).toBe('minutes');
  });

  it('tones statuses', () => {
    expect(statusTone('approved')).toBe('ok');
    expect(statusTone('pending')).toBe('warn');
    expect(statusTone('revoked')).toBe('bad');
    expect(statusTone('expired')).toBe('muted');
  });
});
