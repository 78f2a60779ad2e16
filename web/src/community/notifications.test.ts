// Where a notification leads: its report; news about the account (an appointment, a registration
// verified) to the home screen; otherwise nowhere (an old row without a kind and report).
import { describe, expect, it } from 'vitest';
import { notificationHref } from './notifications';

const n = (report_id: number | null, kind: string | null) => ({ id: 1, report_id, kind, message: '', at: '2026-05-01T10:00:00+08:00', read: false });

describe('notificationHref', () => {
  it('leads to the report, the home screen, or nowhere', () => {
    expect(notificationHref(n(42, 'report_assigned'))).toBe('#/reports/42');
    expect(notificationHref(n(7, null))).toBe('#/reports/7');
    expect(notificationHref(n(null, 'grid_appointed'))).toBe('#/home');
    expect(notificationHref(n(null, 'worker_verified'))).toBe('#/home');
    expect(notificationHref(n(null, 'something_else'))).toBeNull();
    expect(notificationHref(n(null, null))).toBeNull();
  });
});
