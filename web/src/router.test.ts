import { describe, expect, it } from 'vitest';
import { loginHashFor, parseRoute } from './router';

describe('parseRoute', () => {
  it('knows the pages', () => {
    expect(parseRoute('')).toEqual({ name: 'home' });
    expect(parseRoute('#/home')).toEqual({ name: 'home' });
    expect(parseRoute('#/login')).toEqual({ name: 'login', next: null });
    expect(parseRoute('#/areas/110108')).toEqual({ name: 'area', code: '110108' });
    expect(parseRoute('#/nope')).toEqual({ name: 'notfound' });
    expect(parseRoute('#/areas/%E0%A4%A')).toEqual({ name: 'notfound' });
    expect(parseRoute('#/register')).toEqual({ name: 'register' });
    expect(parseRoute('#/pass')).toEqual({ name: 'pass' });
    expect(parseRoute('#/gate')).toEqual({ name: 'gate' });
    expect(parseRoute('#/rate')).toEqual({ name: 'rate' });
    expect(parseRoute('#/compounds/110108011001001')).toEqual({ name: 'compound', code: '110108011001001' });
  });

  it('keeps only in-app next targets', () => {
    expect(parseRoute('#/login?next=%2Fareas%2F110108')).toEqual({ name: 'login', next: '/areas/110108' });
    expect(parseRoute('#/login?next=https%3A%2F%2Fevil.example')).toEqual({ name: 'login', next: null });
    expect(parseRoute('#/login?next=%2F%2Fevil.example')).toEqual({ name: 'login', next: null });
    expect(parseRoute('#/login?next=%2Flogin')).toEqual({ name: 'login', next: null });
  });
});

describe('loginHashFor', () => {
  it('remembers where the user was going', () => {
    expect(loginHashFor('#/areas/110108')).toBe('#/login?next=%2Fareas%2F110108');
    expect(loginHashFor('#/home')).toBe('#/login');
    expect(loginHashFor('')).toBe('#/login');
    expect(loginHashFor('#/login?next=%2Fareas%2F1')).toBe('#/login');
    expect(loginHashFor('#/register')).toBe('#/login');
    expect(loginHashFor('#/gate')).toBe('#/login?next=%2Fgate');
  });
});
