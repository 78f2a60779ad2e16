import { describe, expect, it } from 'vitest';
import { beijingDate, beijingDayStart, beijingMonth, shiftMonth } from './beijing';

describe('Beijing dates', () => {
  it('reads a typed day as its first second in Beijing, and nothing but real dates', () => {
    expect(beijingDayStart('2026-12-07')).toBe(Date.parse('2026-12-07T00:00:00+08:00') / 1000);
    expect(beijingDayStart(' 2026-12-07 ')).toBe(Date.parse('2026-12-07T00:00:00+08:00') / 1000);
    for (const bad of ['2026-02-30', '2026-13-01', '2026-1-1', '昨天', '']) expect(beijingDayStart(bad)).toBeNull();
  });

  it("names a moment's date and month as Beijing sees them (16:00 UTC is the next day there)", () => {
    const late = Date.parse('2026-12-31T16:30:00Z');
    expect(beijingDate(late / 1000)).toBe('2027-01-01');
    expect(beijingMonth(late)).toBe('2027-01');
    expect(beijingDate(Date.parse('2026-12-31T15:59:59Z') / 1000)).toBe('2026-12-31');
  });

  it('steps months across years', () => {
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-06', -18)).toBe('2024-12');
  });
});
