import { describe, expect, it } from 'vitest';
import { addMonths, dayOf, detailOf, kindName, monthOf, shortStamp } from './messages';

describe('community helpers', () => {
  it('moves months across years', () => {
    expect(addMonths('2026-12', -3)).toBe('2026-09');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-11', 2)).toBe('2027-01');
  });

  it('uses Beijing time for months, days and stamps', () => {
    const late = new Date('2026-12-31T17:30:00Z'); // 01:30 on 1 January in Beijing
    expect(monthOf(late)).toBe('2027-01');
    expect(dayOf(late)).toBe('2027-01-01');
    expect(shortStamp('2026-12-05T11:41:54+08:00')).toBe('12-05 11:41');
  });

  it('names conduct kinds in Chinese and prefers the problem detail', () => {
    expect(kindName('blocking_entrance')).toBe('堵塞出入口');
    expect(kindName('conflict_with_staff')).toBe('与门岗或物业冲突');
    expect(detailOf({ detail: '已经是网格员' }, () => 'fallback')).toBe('已经是网格员');
    expect(detailOf(new Error('x'), () => 'fallback')).toBe('fallback');
  });
});
