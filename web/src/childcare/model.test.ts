import { describe, expect, it } from 'vitest';
import type { Child } from './api';
import { childBody, defaultDay, markOf, presentOn } from './model';

const child = (id: number, attendance: Record<string, boolean>): Child => ({ id, registration_id: 1, given_name: `孩子${id}`, age: 5, note: '', created_at: 0, attendance });
// 2027-01-20 12:00 Beijing.
const noonJan20 = Date.UTC(2027, 0, 20, 4) / 1000;
const days = ['2027-01-18', '2027-01-19', '2027-01-20', '2027-01-21'];

describe('childBody', () => {
  it('accepts a given name, an age 0..15 and an optional note, trimmed', () => {
    expect(childBody(' 小雨 ', '7', '')).toEqual({ body: { given_name: '小雨', age: 7 }, problem: null });
    expect(childBody('一二三四五六七八九十', '0', ' 花生过敏 ')).toEqual({ body: { given_name: '一二三四五六七八九十', age: 0, note: '花生过敏' }, problem: null });
    expect(childBody('小雨', '15', '').problem).toBeNull();
  });
  it('refuses what the server would', () => {
    expect(childBody('', '7', '').problem).toBe('badName');
    expect(childBody('   ', '7', '').problem).toBe('badName');
    expect(childBody('一二三四五六七八九十一', '7', '').problem).toBe('badName');
    expect(childBody('小雨', '16', '').problem).toBe('badAge');
    expect(childBody('小雨', '40', '').problem).toBe('badAge');
    expect(childBody('小雨', '-1', '').problem).toBe('badAge');
    expect(childBody('小雨', '', '').problem).toBe('badAge');
    expect(childBody('小雨', '3.5', '').problem).toBe('badAge');
  });
});

describe('the sheet', () => {
  it('opens on today during the class, else on its first or last day', () => {
    expect(defaultDay(days, noonJan20)).toBe('2027-01-20');
    expect(defaultDay(days, noonJan20 - 10 * 86_400)).toBe('2027-01-18');
    expect(defaultDay(days, noonJan20 + 10 * 86_400)).toBe('2027-01-21');
    expect(defaultDay([], noonJan20)).toBeNull();
  });
  it('counts and reads the marks of a day', () => {
    const children = [child(1, { '2027-01-18': true, '2027-01-19': false }), child(2, { '2027-01-18': true }), child(3, {})];
    expect(presentOn(children, '2027-01-18')).toBe(2);
    expect(presentOn(children, '2027-01-19')).toBe(0);
    expect(markOf(children[0]!, '2027-01-19')).toBe('absent');
    expect(markOf(children[1]!, '2027-01-18')).toBe('here');
    expect(markOf(children[2]!, '2027-01-18')).toBe('unmarked');
  });
});
